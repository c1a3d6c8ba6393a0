"""The schedule as the caller may see it; cancel, organize, record an outcome."""

from uuid import UUID

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from scotemp.core.api import ERRORS, Page, PageParams, form_data, invalid, paginate, run
from scotemp.deals.models import Deal

from ...actions import b2b as actions
from ...forms.b2b import MeetingRfqForm
from ...queries.b2b import access
from .schemas import (
    B2BCancelIn,
    B2BMeetingOut,
    B2BOrganizeIn,
    B2BOutcomeIn,
    B2BOutcomeOut,
    meeting_out,
    own_participant,
)

router = Router()


@router.get(
    "/{public_id}/meetings",
    response={200: Page[B2BMeetingOut], **ERRORS},
    summary="The schedule: my meetings (the organizer: all)",
)
def list_meetings(request, public_id: UUID, params: Query[PageParams], cancelled: bool = False):
    view = access.session_view(request.user, public_id)
    qs = access.meetings_visible(view).order_by("slot__starts_at", "table__label", "pk")
    if not cancelled:
        qs = qs.exclude(status="cancelled")
    return paginate(request, qs, params, transform=lambda rows: [meeting_out(m) for m in rows])


@router.post(
    "/{public_id}/b2b/meetings/{meeting_id}/cancel",
    response={200: B2BMeetingOut, **ERRORS},
    summary="Cancel a meeting",
)
def cancel_meeting(request, public_id: UUID, meeting_id: UUID, payload: B2BCancelIn):
    view = access.session_view(request.user, public_id)
    row = access.meeting_in(view, meeting_id)
    _result, error = run(actions.cancel_meeting, request.user, row, payload.reason)
    return error or meeting_out(access.meeting_in(view, meeting_id))


@router.post(
    "/{public_id}/b2b/meetings/{meeting_id}/organize",
    response={200: B2BMeetingOut, **ERRORS},
    summary="Move, lock or unlock a meeting (organizer)",
)
def organize_meeting(request, public_id: UUID, meeting_id: UUID, payload: B2BOrganizeIn):
    view = access.organizer_view(request.user, public_id)
    row = access.meeting_in(view, meeting_id)
    if payload.op == "move":
        slot = view.session.slots.filter(pk=payload.slot or 0).first()
        table = view.session.tables.filter(pk=payload.table or 0).first() if payload.table else None
        if slot is None:
            message = _("Choose one of this session's time slots.")
            return Status(422, {"detail": message, "errors": {"slot": [message]}})
        moved, error = run(actions.move_meeting, request.user, row, slot, table)
        return error or meeting_out(access.meeting_in(view, moved.public_id))
    _result, error = run(actions.set_locked, request.user, row, payload.op == "lock")
    return error or meeting_out(access.meeting_in(view, meeting_id))


@router.post(
    "/{public_id}/b2b/meetings/{meeting_id}/outcome",
    response={200: B2BOutcomeOut, **ERRORS},
    summary="Record my side's outcome (optionally starting an RFQ)",
)
def record_outcome(request, public_id: UUID, meeting_id: UUID, payload: B2BOutcomeIn):
    view = access.session_view(request.user, public_id)
    own_participant(view)
    row = access.meeting_in(view, meeting_id)
    rfq_values = None
    if payload.rfq is not None:
        form = MeetingRfqForm(form_data(payload.rfq.dict()))
        if not form.is_valid():
            return invalid(form)
        rfq_values = {k: v for k, v in form.cleaned_data.items() if k != "submission_key"}
    deal = None
    if payload.deal is not None:
        deal = Deal.objects.visible_to(request.user).filter(public_id=payload.deal).first()
        if deal is None:
            raise Http404
    outcome, error = run(
        actions.record_outcome,
        request.user,
        row,
        payload.outcome,
        payload.note,
        rfq_values=rfq_values,
        deal=deal,
    )
    if error:
        return error
    return {
        "participant": outcome.participant_id,
        "outcome": outcome.outcome,
        "outcome_label": str(outcome.get_outcome_display()),
        "note": outcome.note,
        "rfq": outcome.rfq.public_id if outcome.rfq_id else None,
        "deal": outcome.deal.public_id if outcome.deal_id else None,
    }
