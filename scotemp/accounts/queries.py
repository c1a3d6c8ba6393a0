"""Reads about users and organizations. Each function costs a fixed number of queries."""

from django.db.models import Case, Count, IntegerField, OuterRef, Subquery, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from scotemp.core.permissions import ROLE_RANK

from .choices import InvitationStatus
from .models import ApiToken, Invitation, Membership, Organization


def active_organization_for(user):
    """The organization the user acts for: their saved choice if still a member, else their first."""
    orgs = Organization.objects.filter(memberships__user=user)
    if user.active_organization_id:
        chosen = orgs.filter(pk=user.active_organization_id).first()
        if chosen is not None:
            return chosen
    return orgs.order_by("memberships__created_at", "pk").first()


def my_organizations(user):
    """The user's organizations, each annotated with ``my_role`` and ``member_count``; one query."""
    my_role = Membership.objects.filter(organization=OuterRef("pk"), user=user).values("role")[:1]
    return (
        Organization.objects.of_member(user)
        .select_related("country")
        .annotate(my_role=Subquery(my_role), member_count=Count("memberships", distinct=True))
        .order_by("name")
    )


def private_organization(user, public_id) -> Organization:
    """An organization whose private pages the user may read (members and operators), else 404."""
    return get_object_or_404(
        Organization.objects.private_to(user).select_related("country"), public_id=public_id
    )


def role_in(user, organization) -> str | None:
    """The user's role in the organization, or None."""
    if not user.is_authenticated:
        return None
    return (
        Membership.objects.filter(user=user, organization=organization).values_list("role", flat=True).first()
    )


def members_of(organization):
    """Memberships of an organization with their users, owners first."""
    return (
        Membership.objects.filter(organization=organization)
        .select_related("user")
        .annotate(
            rank=Case(
                *[When(role=role, then=Value(rank)) for role, rank in ROLE_RANK.items()],
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("-rank", "user__full_name", "user__email")
    )


def open_invitations(organization):
    """Pending, unexpired invitations of an organization."""
    return (
        Invitation.objects.filter(
            organization=organization, status=InvitationStatus.PENDING, expires_at__gt=timezone.now()
        )
        .select_related("invited_by")
        .order_by("-created_at")
    )


def tokens_of(user):
    """The user's API tokens (active first, then revoked) with their organizations."""
    return (
        ApiToken.objects.filter(user=user)
        .select_related("organization")
        .order_by("revoked_at", "-created_at")
    )
