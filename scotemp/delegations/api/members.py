"""Members of a delegation under /api/v1/delegations/{public_id}/: for the organizer: add a member
organization, accept a request to join, remove a member; for an organization's owner or
administrator: ask to join a published planned delegation."""

from uuid import UUID

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Status

from scotemp.accounts.models import Organization
from scotemp.core.api import ERRORS, form_data, invalid, run
from scotemp.core.permissions import ADMIN, acting_organization_id, member_org_ids

from .. import queries
from ..actions import members as member_actions
from ..forms import MemberForm
from .shapes import DelegationJoinIn, DelegationMemberIn, DelegationMemberOut, member_out

router = Router()  # the tag comes from the delegations router it is added to


@router.post(
    "/{public_id}/members",
    response={201: DelegationMemberOut, **ERRORS},
    summary="Add a member organization (organizer)",
    operation_id="scotemp_delegations_api_add_member",
)
def add_member(request, public_id: UUID, payload: DelegationMemberIn):
    delegation = queries.organized_delegation(request.user, public_id)
    form = MemberForm(form_data(payload.model_dump()))
    if not form.is_valid():
        return invalid(form)
    data = form.cleaned_data
    member, error = run(
        member_actions.add_member,
        request.user,
        delegation,
        data["organization"],
        data["role"],
        data["participants"],
    )
    return error or Status(201, member_out(member))


def _organized_member(request, public_id, member_id):
    delegation = queries.organized_delegation(request.user, public_id)
    member = delegation.members.select_related("organization").filter(pk=member_id).first()
    if member is None:
        raise Http404
    return member


@router.post(
    "/{public_id}/members/{member_id}/accept",
    response={200: DelegationMemberOut, **ERRORS},
    summary="Accept a request to join (organizer)",
    operation_id="scotemp_delegations_api_accept_member",
)
def accept_member(request, public_id: UUID, member_id: int):
    member = _organized_member(request, public_id, member_id)
    result, error = run(member_actions.accept_member, request.user, member)
    return error or member_out(result)


@router.delete(
    "/{public_id}/members/{member_id}",
    response={204: None, **ERRORS},
    summary="Remove a member (organizer)",
    operation_id="scotemp_delegations_api_remove_member",
)
def remove_member(request, public_id: UUID, member_id: int):
    member = _organized_member(request, public_id, member_id)
    _result, error = run(member_actions.remove_member, request.user, member)
    return error or Status(204, None)


@router.post(
    "/{public_id}/join",
    response={200: DelegationMemberOut, 201: DelegationMemberOut, **ERRORS},
    summary="Ask to join a published planned delegation (an organization's owner or administrator)",
    operation_id="scotemp_delegations_api_join",
)
def join(request, public_id: UUID, payload: DelegationJoinIn):
    delegation = queries.delegation_for_viewer(request.user, public_id)
    admin_ids = member_org_ids(request.user, ADMIN)
    if payload.organization is not None:
        organization = Organization.objects.filter(public_id=payload.organization, pk__in=admin_ids).first()
    else:
        active = acting_organization_id(request.user)
        chosen = active if active in admin_ids else (next(iter(admin_ids)) if len(admin_ids) == 1 else None)
        organization = Organization.objects.filter(pk=chosen).first() if chosen else None
    if organization is None:
        message = _("Organization: choose an organization of which you are the owner or an administrator.")
        return Status(422, {"detail": message, "errors": {"organization": [message]}})
    result, error = run(
        member_actions.request_to_join,
        request.user,
        delegation,
        organization,
        role=payload.role,
        participants=payload.participants,
        note=payload.note,
    )
    if error:
        return error
    member, created = result
    return Status(201 if created else 200, member_out(member))
