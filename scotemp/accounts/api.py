"""API for the signed-in user, their organizations, members, invitations and personal access tokens.

An organization's profile (GET/PATCH /organizations/{public_id}) is served by the directory: one place
edits an organization.

Each endpoint parses, calls one action or query and answers what it decided, so the API, the pages
and ``manage.py`` agree: an organization whose private pages the caller may not see is 404 (also for
an API token of another organization: a token acts for its own organization only); a member who sees
it but lacks the role for a change is 403; input an action refuses is 422 naming the field; a
conflict is 409. Lists are paged (``page``, ``limit``; the answer carries ``total`` and ``next``)."""

import datetime
from typing import Literal
from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from scotemp.core.api import ERRORS, Page, PageParams, paginate, run
from scotemp.core.api.schema import JsonObject
from scotemp.core.permissions import is_operator

from . import actions, queries
from .choices import Role
from .models import ApiToken, TokenScope

router = Router(tags=["accounts"])


class OrganizationBrief(Schema):
    public_id: UUID
    name: str


class MyOrganizationOut(Schema):
    public_id: UUID
    name: str
    name_latin: str
    country: str
    role: Role
    member_count: int


class MemberOut(Schema):
    id: int
    email: str
    full_name: str
    role: Role
    joined_at: datetime.datetime


class RoleIn(Schema):
    role: Role


class InvitationIn(Schema):
    email: str = Field(..., max_length=254)
    role: Role = Role.MEMBER


class InvitationOut(Schema):
    public_id: UUID
    email: str
    role: Role
    status: Literal["pending", "accepted", "revoked"]
    expires_at: datetime.datetime


class TokenIn(JsonObject):
    name: str = Field(..., max_length=100, description="What will use the token, e.g. “ERP price sync”.")
    organization: UUID = Field(..., description="The one organization the token acts for.")
    scope: TokenScope = Field(
        TokenScope.READ, description="read: GET requests only; write: also POST, PATCH and DELETE."
    )
    expires_at: datetime.datetime | None = Field(
        None,
        description=(
            "When the token stops working (within 5 years); null for no expiry. A moment without a "
            "time zone is read in the platform's."
        ),
    )


class TokenOut(Schema):
    public_id: UUID
    name: str
    organization: OrganizationBrief
    scope: TokenScope
    status: Literal["active", "expired", "revoked"]
    created_at: datetime.datetime
    expires_at: datetime.datetime | None
    last_used_at: datetime.datetime | None
    revoked_at: datetime.datetime | None


class TokenCreatedOut(TokenOut):
    secret: str = Field(..., description="Shown in this response only; it cannot be read again.")


class MeOut(Schema):
    email: str
    full_name: str
    language: str
    is_operator: bool
    organizations: list[MyOrganizationOut]
    active_organization: OrganizationBrief | None
    token: TokenOut | None = Field(
        None, description="The API token of this request, if any: what it may do and until when."
    )


def _my_org_out(org) -> MyOrganizationOut:
    return MyOrganizationOut(
        public_id=org.public_id,
        name=org.name,
        name_latin=org.name_latin,
        country=org.country_id,
        role=org.my_role,
        member_count=org.member_count,
    )


def _member_out(membership) -> MemberOut:
    return MemberOut(
        id=membership.pk,
        email=membership.user.email,
        full_name=membership.user.full_name,
        role=membership.role,
        joined_at=membership.created_at,
    )


def _invitation_out(invitation) -> InvitationOut:
    return InvitationOut(
        public_id=invitation.public_id,
        email=invitation.email,
        role=invitation.role,
        status=invitation.status,
        expires_at=invitation.expires_at,
    )


def _token_out(token: ApiToken, secret: str | None = None):
    data = {
        "public_id": token.public_id,
        "name": token.name,
        "organization": OrganizationBrief(
            public_id=token.organization.public_id, name=token.organization.name
        ),
        "scope": token.scope,
        "status": token.status,
        "created_at": token.created_at,
        "expires_at": token.expires_at,
        "last_used_at": token.last_used_at,
        "revoked_at": token.revoked_at,
    }
    return TokenCreatedOut(**data, secret=secret) if secret else TokenOut(**data)


# --- the signed-in user ------------------------------------------------------------------------------


@router.get("/me", response={200: MeOut, **ERRORS}, summary="The signed-in user")
def me(request: HttpRequest):
    """Who is calling. Through an API token: the token's one organization, and the token itself."""
    user = request.user
    active = getattr(request, "active_organization", None)
    token = getattr(request, "api_token", None)
    return MeOut(
        email=user.email,
        full_name=user.full_name,
        language=user.language,
        is_operator=is_operator(user),
        organizations=[_my_org_out(o) for o in queries.my_organizations(user)],
        active_organization=OrganizationBrief(public_id=active.public_id, name=active.name)
        if active
        else None,
        token=_token_out(token) if token is not None else None,
    )


@router.get(
    "/organizations/mine", response={200: Page[MyOrganizationOut], **ERRORS}, summary="My organizations"
)
def my_organizations(request: HttpRequest, params: Query[PageParams]):  # type: ignore[valid-type]
    """The caller's organizations with their role in each (through an API token: its organization)."""
    return paginate(
        request,
        queries.my_organizations(request.user),
        params,
        transform=lambda rows: [_my_org_out(o) for o in rows],
    )


# --- members -----------------------------------------------------------------------------------------


@router.get(
    "/organizations/{public_id}/members", response={200: Page[MemberOut], **ERRORS}, summary="Members"
)
def members(request: HttpRequest, public_id: UUID, params: Query[PageParams]):  # type: ignore[valid-type]
    """The members of an organization, owners first (its members and operators; 404 for others)."""
    organization = queries.private_organization(request.user, public_id)
    return paginate(
        request,
        queries.members_of(organization),
        params,
        transform=lambda rows: [_member_out(m) for m in rows],
    )


@router.patch(
    "/organizations/{public_id}/members/{member_id}",
    response={200: MemberOut, **ERRORS},
    summary="Change a member's role",
)
def change_role(request: HttpRequest, public_id: UUID, member_id: int, payload: RoleIn):
    """Owners change any role; administrators manage administrators and members (403 otherwise). The
    last owner cannot be demoted (409)."""
    membership, error = run(actions.change_role, request.user, public_id, member_id, payload.role)
    return error or _member_out(membership)


@router.delete(
    "/organizations/{public_id}/members/{member_id}",
    response={204: None, **ERRORS},
    summary="Remove a member",
)
def remove_member(request: HttpRequest, public_id: UUID, member_id: int):
    """Owners and administrators remove members (only owners remove owners; never the last owner). The
    removed member's API tokens for the organization are revoked."""
    _result, error = run(actions.remove_member, request.user, public_id, member_id)
    return error or Status(204, None)


# --- invitations -------------------------------------------------------------------------------------


@router.get(
    "/organizations/{public_id}/invitations",
    response={200: Page[InvitationOut], **ERRORS},
    summary="Open invitations",
)
def invitations(request: HttpRequest, public_id: UUID, params: Query[PageParams]):  # type: ignore[valid-type]
    """Pending invitations of an organization, newest first (owners, administrators, operators)."""
    organization = queries.managed_organization(request.user, public_id)
    return paginate(
        request,
        queries.open_invitations(organization),
        params,
        transform=lambda rows: [_invitation_out(i) for i in rows],
    )


@router.post(
    "/organizations/{public_id}/invitations",
    response={201: InvitationOut, **ERRORS},
    summary="Invite someone to an organization",
)
def invite(request: HttpRequest, public_id: UUID, payload: InvitationIn):
    """E-mails a link valid for 14 days (owners and administrators; only owners invite owners)."""
    result, error = run(
        actions.invite_member,
        request.user,
        public_id,
        payload.email,
        payload.role,
        link_base=request.build_absolute_uri("/"),
    )
    if error:
        return error
    invitation, _raw = result
    return Status(201, _invitation_out(invitation))


@router.delete(
    "/organizations/{public_id}/invitations/{invitation_id}",
    response={204: None, **ERRORS},
    summary="Revoke an invitation",
)
def revoke_invitation(request: HttpRequest, public_id: UUID, invitation_id: UUID):
    """Withdraws a pending invitation; its link stops working. Revoking twice is harmless."""
    actions.revoke_invitation(request.user, public_id, invitation_id)
    return Status(204, None)


# --- API tokens --------------------------------------------------------------------------------------


@router.get("/tokens", response={200: Page[TokenOut], **ERRORS}, summary="My API tokens")
def tokens(request: HttpRequest, params: Query[PageParams]):  # type: ignore[valid-type]
    """The caller's tokens, unrevoked first (through an API token: those of its organization)."""
    return paginate(
        request,
        queries.tokens_of(request.user),
        params,
        transform=lambda rows: [_token_out(t) for t in rows],
    )


@router.post("/tokens", response={201: TokenCreatedOut, **ERRORS}, summary="Create an API token")
def create_token(request: HttpRequest, payload: TokenIn):
    """From a browser session only: a token cannot make tokens (403). The token acts for the one
    organization given, read-only unless ``scope`` is ``write``. The secret is in this response only."""
    result, error = run(
        actions.create_api_token,
        request.user,
        payload.organization,
        payload.name,
        scope=payload.scope,
        expires_at=payload.expires_at,
    )
    if error:
        return error
    token, raw = result
    return Status(201, _token_out(token, secret=raw))


@router.delete("/tokens/{public_id}", response={204: None, **ERRORS}, summary="Revoke an API token")
def revoke_token(request: HttpRequest, public_id: UUID):
    actions.revoke_api_token(request.user, public_id)
    return Status(204, None)
