"""Who may see what of a B2B session. A row the caller may not see does not exist for them
(``Http404``), from every entry point.

- the event's organizers (the operator, the secretary of the event's committee) see the whole
  session: participants, requests, meetings, tables, interpreters;
- a participant (a member of the participant's organization) sees the session, the profiles of the
  other participants, and only their own requests and meetings;
- a person with a confirmed registration who has not joined yet sees the session (to join it);
- everybody else sees nothing of it."""

from django.db.models import Q
from django.http import Http404

from scotemp.core.permissions import (
    acting_organization_id,
    member_org_ids,
)

from ...choices import RegistrationStatus
from ...models import B2BSession, Event, Meeting, MeetingRequest, Participant, Registration
from ..events import organizes


def participant_of(user, session: B2BSession) -> Participant | None:
    """The participant ``user`` acts for in ``session`` (their active organization's when they belong
    to several participating organizations), or ``None``."""
    if not user or not user.is_authenticated:
        return None
    rows = list(
        Participant.objects.member_of(user)
        .filter(session=session)
        .select_related("organization", "registration__user", "booth")
    )
    if not rows:
        return None
    acting = acting_organization_id(user)
    return next((p for p in rows if p.organization_id == acting), rows[0])


def confirmed_registration(user, event) -> Registration | None:
    """``user``'s own confirmed registration for ``event`` with an organization they act for."""
    if not user or not user.is_authenticated:
        return None
    return (
        Registration.objects.filter(
            event=event,
            user=user,
            status=RegistrationStatus.CONFIRMED,
            organization_id__in=member_org_ids(user),
        )
        .select_related("organization")
        .first()
    )


class B2BView:
    """What the caller is in a session: its organizer, a participant, or a registrant yet to join."""

    def __init__(self, user, session: B2BSession):
        self.user = user
        self.session = session
        self.event = session.event
        self.organizer = organizes(user, self.event)
        self.participant = participant_of(user, session)
        self.registration = None if self.participant else confirmed_registration(user, self.event)

    @property
    def visible(self) -> bool:
        return self.organizer or self.participant is not None or self.registration is not None


def event_for(user, event_public_id) -> Event:
    try:
        return Event.objects.select_related("committee").get(public_id=event_public_id)
    except (Event.DoesNotExist, ValueError):
        raise Http404 from None


def session_view(user, event_public_id) -> B2BView:
    """The caller's view of the B2B session of an event; 404 when there is none or it is not theirs
    to see."""
    event = event_for(user, event_public_id)
    session = B2BSession.objects.filter(event=event).select_related("event__committee").first()
    if session is None:
        raise Http404
    view = B2BView(user, session)
    if not view.visible:
        raise Http404
    return view


def organizer_event(user, event_public_id) -> Event:
    """An event the caller organizes (404 otherwise)."""
    event = event_for(user, event_public_id)
    if not organizes(user, event):
        raise Http404
    return event


def organizer_view(user, event_public_id) -> B2BView:
    view = session_view(user, event_public_id)
    if not view.organizer:
        raise Http404
    return view


def requests_visible(view: B2BView):
    """Meeting requests the caller may see in the session: all for the organizer, their own else."""
    qs = MeetingRequest.objects.filter(session=view.session).select_related(
        "requester__organization", "recipient__organization"
    )
    if view.organizer:
        return qs
    if view.participant is None:
        return qs.none()
    return qs.filter(Q(requester=view.participant) | Q(recipient=view.participant))


def meetings_visible(view: B2BView):
    qs = Meeting.objects.filter(session=view.session).select_related(
        "slot",
        "table",
        "interpreter",
        "request__requester__organization",
        "request__recipient__organization",
        "request__requester__registration__user",
        "request__recipient__registration__user",
    )
    if view.organizer:
        return qs
    if view.participant is None:
        return qs.none()
    return qs.filter(Q(request__requester=view.participant) | Q(request__recipient=view.participant))


def request_in(view: B2BView, request_id) -> MeetingRequest:
    try:
        return requests_visible(view).get(public_id=request_id)
    except (MeetingRequest.DoesNotExist, ValueError):
        raise Http404 from None


def meeting_in(view: B2BView, meeting_id) -> Meeting:
    try:
        return meetings_visible(view).get(public_id=meeting_id)
    except (Meeting.DoesNotExist, ValueError):
        raise Http404 from None


def participant_in(view: B2BView, participant_id) -> Participant:
    """A participant's public profile in the session (seen by every participant and the organizer)."""
    if view.participant is None and not view.organizer:
        raise Http404
    try:
        return Participant.objects.select_related("organization__country", "registration").get(
            session=view.session, pk=int(participant_id)
        )
    except (Participant.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def deals_between(user, meeting):
    """Deals of the meeting's two organizations that ``user`` may see (to link to an outcome)."""
    from scotemp.deals.models import Deal

    a = meeting.request.requester.organization_id
    b = meeting.request.recipient.organization_id
    return Deal.objects.visible_to(user).filter(Q(buyer_id=a, seller_id=b) | Q(buyer_id=b, seller_id=a))
