"""B2B meetings under /api/v1/events/{public_id}/b2b/… and the schedule at
/api/v1/events/{public_id}/meetings. Same rules as the pages (the actions decide): a participant sees
the session, the other participants' public profiles with their match score, and only their own
requests and meetings; the organizer sees everything of the session and sets it up. Anyone else gets
404. A refused rule (phase, cap, cancelled event, a slot of another session) is 422 naming the field;
a slot taken meanwhile is 409."""

from ninja import Router

from . import meetings, participants, requests, session

router = Router(tags=["events: B2B meetings"])
for module in (session, participants, requests, meetings):
    router.add_router("", module.router)
