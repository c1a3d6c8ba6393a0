"""Changes to a placed meeting: either side (or the organizer) cancels it, the organizer places,
moves, locks or unlocks it. Every change tells both sides, with the new time in each one's time
zone."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from scotemp.core.effects import announce
from scotemp.core.permissions import is_member

from ...choices import B2BPhase, MeetingSource, MeetingStatus
from ...models import Meeting, MeetingRequest, SlotHold
from ...queries.b2b.access import organizes
from .booking import agenda_url, check_bookable, meeting_params, place
from .common import check_event_open, conflict, notice_to, refuse, require_organizer

REASON_MAX = 500


def release(meeting: Meeting) -> None:
    """Cancel ``meeting`` and free its holds (inside the caller's transaction)."""
    SlotHold.objects.filter(meeting=meeting).delete()
    meeting.status = MeetingStatus.CANCELLED
    meeting.locked = False
    meeting.save(update_fields=["status", "locked", "updated_at"])


def _sides(meeting):
    request = meeting.request
    return ((request.requester, request.recipient), (request.recipient, request.requester))


def _locked(meeting) -> Meeting:
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related(
            "session__event",
            "slot",
            "table",
            "interpreter",
            "request__requester__registration",
            "request__recipient__registration",
            "request__requester__organization",
            "request__recipient__organization",
        )
        .get(pk=meeting.pk)
    )


def cancel_meeting(user, meeting: Meeting, reason: str = "") -> Meeting:
    """Either side, or the organizer, cancels a meeting; the request stays accepted (it can be
    booked again) and both sides are told."""
    organizer = organizes(user, meeting.session.event)
    request = meeting.request
    acting = next(
        (p for p in (request.requester, request.recipient) if is_member(user, p.organization_id)), None
    )
    if acting is None and not organizer:
        raise PermissionDenied(_("Only the two sides or the organizer can cancel this meeting."))
    check_event_open(meeting.session)
    if meeting.session.phase == B2BPhase.FINAL and not organizer:
        raise refuse(
            "status",
            _("The schedule is final: ask the organizer to cancel this meeting."),
            "phase_closed",
        )
    reason = (reason or "").strip()[:REASON_MAX]
    with transaction.atomic():
        locked = _locked(meeting)
        if locked.status == MeetingStatus.CANCELLED:
            raise conflict(_("This meeting was already cancelled."))
        before = locked.status
        params = {side.pk: meeting_params(locked, side, other) for side, other in _sides(locked)}
        release(locked)
        announce(
            "b2b_meeting.cancelled",
            subject=locked,
            actor=user,
            organization=acting.organization_id if acting else None,
            from_status=before,
            to_status=locked.status,
            reason=reason,
            notices=[
                notice_to(
                    side,
                    "events.b2b_meeting_cancelled",
                    {**params[side.pk], "reason": reason or "—"},
                    agenda_url(locked.session),
                )
                for side, _other in _sides(locked)
            ],
        )
    return locked


def place_meeting(user, request: MeetingRequest, slot, table=None, interpreter=None, locked=True) -> Meeting:
    """The organizer puts an accepted request in a slot (at ``table`` with ``interpreter`` when
    given), locked by default so that the scheduler keeps it."""
    require_organizer(user, request.session)
    check_event_open(request.session)
    _check_resources(request.session, table, interpreter)
    with transaction.atomic():
        request = MeetingRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
        check_bookable(request, slot, organizer=True)
        status = (
            MeetingStatus.CONFIRMED if request.session.phase == B2BPhase.FINAL else MeetingStatus.PROVISIONAL
        )
        meeting = place(
            user,
            request,
            slot,
            source=MeetingSource.ORGANIZER,
            status=status,
            table=table,
            interpreter=interpreter,
            locked=locked,
        )
        _announce_change(user, meeting, "b2b_meeting.placed", "events.b2b_meeting_changed")
    return meeting


def move_meeting(user, meeting: Meeting, slot, table=None, interpreter=None) -> Meeting:
    """The organizer moves a meeting to another slot (and table, interpreter); it stays locked."""
    require_organizer(user, meeting.session)
    check_event_open(meeting.session)
    _check_resources(meeting.session, table, interpreter)
    if slot.session_id != meeting.session_id:
        raise refuse("slot", _("Choose one of this session's time slots."))
    with transaction.atomic():
        current = _locked(meeting)
        if current.status == MeetingStatus.CANCELLED:
            raise conflict(_("This meeting was cancelled: place the request again instead."))
        status = current.status
        release(current)
        moved = place(
            user,
            current.request,
            slot,
            source=MeetingSource.ORGANIZER,
            status=status,
            table=table,
            interpreter=interpreter,
            locked=True,
        )
        _announce_change(user, moved, "b2b_meeting.moved", "events.b2b_meeting_changed", previous=current)
    return moved


def set_locked(user, meeting: Meeting, locked: bool) -> Meeting:
    require_organizer(user, meeting.session)
    with transaction.atomic():
        current = _locked(meeting)
        if current.status == MeetingStatus.CANCELLED:
            raise conflict(_("This meeting was cancelled."))
        current.locked = bool(locked)
        current.save(update_fields=["locked", "updated_at"])
        announce("b2b_meeting.locked" if locked else "b2b_meeting.unlocked", subject=current, actor=user)
    return current


def _check_resources(session, table, interpreter) -> None:
    if table is not None and table.session_id != session.pk:
        raise refuse("table", _("Choose one of this session's tables."))
    if interpreter is not None and interpreter.session_id != session.pk:
        raise refuse("interpreter", _("Choose one of this session's interpreters."))


def _announce_change(user, meeting, verb, kind, previous=None) -> None:
    meeting = _locked(meeting)
    announce(
        verb,
        subject=meeting,
        actor=user,
        to_status=meeting.status,
        data={"slot": meeting.slot_id, "from_slot": previous.slot_id if previous else None},
        notices=[
            notice_to(side, kind, meeting_params(meeting, side, other), agenda_url(meeting.session))
            for side, other in _sides(meeting)
        ],
    )
