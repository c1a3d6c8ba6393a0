"""API of the events app, mounted at /api/v1/events/. Same rules as every app (ADR 0012): rows
through the queries' ``visible_to``, 404 for what the caller may not see, 422 naming the field, paged
lists, an ``Idempotency-Key`` on every POST."""

from ninja import Router

from . import schedule

router = Router(tags=["events"])
router.add_router("", schedule.router)
