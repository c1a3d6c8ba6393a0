"""After a meeting, each side records its outcome: no interest, follow-up, request for quotation,
deal or cooperation agreement. "Start an RFQ from this meeting" sends the RFQ through the deals app's
own action (the recording side buys, the other side is asked to quote) and links it to the outcome;
a deal of the two organizations is linked the same way. The RFQ's and the deal's pages read the link
back ("from the B2B meeting with … at …")."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.core.effects import announce, per_language
from scotemp.core.permissions import is_member
from scotemp.deals import actions as deal_actions

from ...choices import MeetingStatus, Outcome
from ...models import MeetingOutcome
from ..common import event_names
from .common import check_event_open, notice_to, participant_name, refuse

NOTE_MAX = 2000


def side_for(user, meeting):
    """The participant ``user`` records for (their active organization's side first)."""
    request = meeting.request
    sides = [p for p in (request.requester, request.recipient) if is_member(user, p.organization_id)]
    if not sides:
        raise PermissionDenied(_("Only the two sides of a meeting record its outcome."))
    return sides[0]


def record_outcome(
    user, meeting, outcome: str, note: str = "", *, rfq_values=None, deal=None
) -> MeetingOutcome:
    """Record (or change) the caller's side's outcome of ``meeting``. With ``rfq_values`` (the fields
    of the deals app's RFQ form) an RFQ to the other side is sent and linked; ``deal`` links a deal of
    the two organizations."""
    side = side_for(user, meeting)
    other = (
        meeting.request.recipient if side.pk == meeting.request.requester_id else meeting.request.requester
    )
    check_event_open(meeting.session)
    if meeting.status == MeetingStatus.CANCELLED:
        raise refuse("outcome", _("This meeting was cancelled: there is no outcome to record."), "cancelled")
    if meeting.slot.starts_at > timezone.now():
        raise refuse("outcome", _("Record the outcome once the meeting has taken place."), "not_held")
    if outcome not in Outcome.values:
        raise refuse("outcome", _("Outcome: choose one of the listed outcomes."))
    note = (note or "").strip()
    if len(note) > NOTE_MAX or "\x00" in note:
        raise refuse("note", _("Note: at most %(max)d characters.") % {"max": NOTE_MAX})
    if deal is not None:
        if {deal.buyer_id, deal.seller_id} != {side.organization_id, other.organization_id}:
            raise refuse("deal", _("Link a deal between your organization and this participant's."))
        if outcome not in (Outcome.DEAL, Outcome.AGREEMENT):
            raise refuse("deal", _("A deal is linked to the outcomes “deal” and “cooperation agreement”."))
    if rfq_values is not None and outcome != Outcome.RFQ:
        raise refuse("rfq", _("An RFQ starts from the outcome “request for quotation”."))
    with transaction.atomic():
        row = (
            MeetingOutcome.objects.select_for_update(of=("self",))
            .filter(meeting=meeting, participant=side)
            .first()
        )
        rfq = row.rfq if row else None
        if rfq_values is not None:
            if rfq is not None:
                raise refuse("rfq", _("An RFQ was already started from this meeting."), "rfq_exists")
            rfq = deal_actions.send_rfq(user, side.organization, rfq_values, [other.organization.public_id])
        values = {
            "outcome": outcome,
            "note": note,
            "rfq": rfq if outcome == Outcome.RFQ else (row.rfq if row else None),
            "deal": deal if deal is not None else (row.deal if row else None),
            "recorded_by": user,
        }
        if row is None:
            row = MeetingOutcome.objects.create(meeting=meeting, participant=side, **values)
        else:
            for field, value in values.items():
                setattr(row, field, value)
            row.save()
        announce(
            "b2b_outcome.recorded",
            subject=meeting,
            actor=user,
            organization=side.organization_id,
            to_status=outcome,
            data={"rfq": str(rfq.public_id) if rfq else None, "deal": str(deal.public_id) if deal else None},
            notices=[
                notice_to(
                    other,
                    "events.b2b_outcome_recorded",
                    {
                        "other": participant_name(side),
                        "event": event_names(meeting.session.event),
                        "outcome": per_language(Outcome(outcome).label),
                    },
                )
            ],
        )
    return row
