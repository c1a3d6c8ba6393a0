"""The programme and outcomes of a delegation under /api/v1/delegations/{public_id}/, for the
organizer: add, replace and remove programme items; record an outcome. Each answers the delegation
as it is now."""

from uuid import UUID

from django.http import Http404
from ninja import Router, Status

from scotemp.core.api import ERRORS, form_data, invalid, run

from .. import queries
from ..actions import programme as programme_actions
from ..forms import OutcomeForm, ProgrammeItemForm
from .shapes import DelegationDetailOut, DelegationOutcomeIn, DelegationProgrammeItemIn, fresh_detail

router = Router()  # the tag comes from the delegations router it is added to


def _save_item(request, delegation, payload, item=None):
    data = form_data({k: v for k, v in payload.model_dump().items() if v is not None})
    form = ProgrammeItemForm(data, delegation=delegation)
    if not form.is_valid():
        return None, invalid(form)
    return run(programme_actions.save_programme_item, request.user, delegation, form.cleaned_data, item)


@router.post(
    "/{public_id}/programme",
    response={201: DelegationDetailOut, **ERRORS},
    summary="Add a programme item (organizer)",
    operation_id="scotemp_delegations_api_add_item",
)
def add_item(request, public_id: UUID, payload: DelegationProgrammeItemIn):
    delegation = queries.organized_delegation(request.user, public_id)
    _item, error = _save_item(request, delegation, payload)
    return error or Status(201, fresh_detail(request, delegation))


def _organized_item(request, public_id, item_id):
    delegation = queries.organized_delegation(request.user, public_id)
    item = delegation.programme.filter(pk=item_id).first()
    if item is None:
        raise Http404
    return delegation, item


@router.put(
    "/{public_id}/programme/{item_id}",
    response={200: DelegationDetailOut, **ERRORS},
    summary="Replace a programme item (organizer)",
    operation_id="scotemp_delegations_api_put_item",
)
def put_item(request, public_id: UUID, item_id: int, payload: DelegationProgrammeItemIn):
    delegation, item = _organized_item(request, public_id, item_id)
    _item, error = _save_item(request, delegation, payload, item)
    return error or fresh_detail(request, delegation)


@router.delete(
    "/{public_id}/programme/{item_id}",
    response={204: None, **ERRORS},
    summary="Remove a programme item (organizer)",
    operation_id="scotemp_delegations_api_delete_item",
)
def delete_item(request, public_id: UUID, item_id: int):
    _delegation, item = _organized_item(request, public_id, item_id)
    _result, error = run(programme_actions.delete_programme_item, request.user, item)
    return error or Status(204, None)


@router.post(
    "/{public_id}/outcomes",
    response={201: DelegationDetailOut, **ERRORS},
    summary="Record an outcome (organizer)",
    operation_id="scotemp_delegations_api_add_outcome",
)
def add_outcome(request, public_id: UUID, payload: DelegationOutcomeIn):
    delegation = queries.organized_delegation(request.user, public_id)
    data = payload.model_dump()
    data["rfq"] = str(data["rfq"]) if data["rfq"] else ""
    data["deal"] = str(data["deal"]) if data["deal"] else ""
    data["project"] = str(data["project"]) if data["project"] else ""
    data["organizations"] = [str(u) for u in data["organizations"]]
    form = OutcomeForm(data, delegation=delegation)
    if not form.is_valid():
        return invalid(form)
    _outcome, error = run(programme_actions.record_outcome, request.user, delegation, form.cleaned_data)
    return error or Status(201, fresh_detail(request, delegation))
