"""API of the events app, mounted at /api/v1/events/. Same rules as every app (ADR 0012): rows
through the queries' ``visible_to``, 404 for what the caller may not see, 422 naming the field, paged
lists, an ``Idempotency-Key`` on every POST."""

from . import b2b, events, registrations, schedule

# GET /api/v1/events is the events module's own route; the registrations (and the event itself,
# after /registrations/… so that a literal path beats the parameter) are added under it.
router = events.router
router.add_router("", registrations.router)
router.add_router("", b2b.router)  # the B2B session, participants, requests, meetings
router.add_router("", schedule.router)  # "Schedule all", the event report
