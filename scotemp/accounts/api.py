"""API for the signed-in user, their organizations, members, invitations and personal access tokens.

An organization's profile (GET/PATCH /organizations/{public_id}) is served by
:mod:`scotemp.directory.api_profile`: one place edits an organization.

Errors follow :mod:`scotemp.core.api.errors`. Private organization data exists only for members
and operators (404 for everybody else)."""

import datetime
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from scotemp.core.api.errors import ErrorOut
from scotemp.core.permissions import is_operator

from . import actions, queries
from .choices import Role

router = Router(tags=["accounts"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class OrganizationBrief(Schema):
    public_id: UUID
    name: str


class MyOrganizationOut(Schema):
    public_id: UUID
    name: str
    name_latin: str
    country: str
    role: str
    member_count: int


class MeOut(Schema):
    email: str
    full_name: str
    language: str
    is_operator: bool
    organizations: list[MyOrganizationOut]
    active_organization: OrganizationBrief | None


class MemberOut(Schema):
    id: int
    email: str
    full_name: str
    role: Role
    joined_at: datetime.datetime


class InvitationIn(Schema):
    email: str
    role: Role = Role.MEMBER


class InvitationOut(Schema):
    public_id: UUID
    email: str
    role: str
    status: str
    expires_at: datetime.datetime


class TokenIn(Schema):
    name: str
    organization: UUID


class TokenOut(Schema):
    public_id: UUID
    name: str
    organization: OrganizationBrief
    created_at: datetime.datetime
    last_used_at: datetime.datetime | None
    revoked_at: datetime.datetime | None


class TokenCreatedOut(TokenOut):
    secret: str


def _my_org_out(org) -> MyOrganizationOut:
    return MyOrganizationOut(
        public_id=org.public_id,
        name=org.name,
        name_latin=org.name_latin,
        country=org.country_id,
        role=org.my_role,
        member_count=org.member_count,
    )


def _token_out(token, secret: str | None = None):
    data = {
        "public_id": token.public_id,
        "name": token.name,
        "organization": OrganizationBrief(
            public_id=token.organization.public_id, name=token.organization.name
        ),
        "created_at": token.created_at,
        "last_used_at": token.last_used_at,
        "revoked_at": token.revoked_at,
    }
    return TokenCreatedOut(**data, secret=secret) if secret else TokenOut(**data)


@router.get("/me", response={200: MeOut, **ERRORS}, summary="The signed-in user")
def me(request):
    user = request.user
    active = getattr(request, "active_organization", None)
    return MeOut(
        email=user.email,
        full_name=user.full_name,
        language=user.language,
        is_operator=user.is_operator,
        organizations=[_my_org_out(o) for o in queries.my_organizations(user)],
        active_organization=OrganizationBrief(public_id=active.public_id, name=active.name)
        if active
        else None,
    )


@router.get(
    "/organizations/mine", response={200: list[MyOrganizationOut], **ERRORS}, summary="My organizations"
)
def my_organizations(request):
    return [_my_org_out(o) for o in queries.my_organizations(request.user)]


@router.get(
    "/organizations/{public_id}/members", response={200: list[MemberOut], **ERRORS}, summary="Members"
)
def members(request, public_id: UUID):
    org = queries.private_organization(request.user, public_id)
    return [
        MemberOut(
            id=m.pk, email=m.user.email, full_name=m.user.full_name, role=m.role, joined_at=m.created_at
        )
        for m in queries.members_of(org)
    ]


@router.post(
    "/organizations/{public_id}/invitations",
    response={201: InvitationOut, **ERRORS},
    summary="Invite someone to an organization",
)
def invite(request, public_id: UUID, payload: InvitationIn):
    org = queries.private_organization(request.user, public_id)
    if not is_operator(request.user) and queries.role_in(request.user, org) == Role.MEMBER:
        raise PermissionDenied(_("Only owners and administrators manage members."))
    invitation, _raw = actions.invite_member(
        request.user, public_id, payload.email, payload.role, link_base=request.build_absolute_uri("/")
    )
    return Status(
        201,
        InvitationOut(
            public_id=invitation.public_id,
            email=invitation.email,
            role=invitation.role,
            status=invitation.status,
            expires_at=invitation.expires_at,
        ),
    )


@router.get("/tokens", response={200: list[TokenOut], **ERRORS}, summary="My API tokens")
def tokens(request):
    return [_token_out(t) for t in queries.tokens_of(request.user)]


@router.post("/tokens", response={201: TokenCreatedOut, **ERRORS}, summary="Create an API token")
def create_token(request, payload: TokenIn):
    """Only from a browser session: a token cannot mint further tokens.

    The secret is in this response only."""
    if getattr(request, "api_token", None) is not None:
        raise HttpError(403, _("Create tokens from your settings page, not with another token."))
    token, raw = actions.create_api_token(request.user, payload.organization, payload.name)
    return Status(201, _token_out(token, secret=raw))


@router.delete("/tokens/{public_id}", response={204: None, **ERRORS}, summary="Revoke an API token")
def revoke_token(request, public_id: UUID):
    actions.revoke_api_token(request.user, public_id)
    return Status(204, None)
