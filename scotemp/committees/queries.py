"""Reads about committees. Each function costs a fixed number of queries, whatever the row count."""

from django.db.models import Case, Count, IntegerField, Prefetch, Q, Value, When
from django.shortcuts import get_object_or_404

from scotemp.reference.models import HSCode

from .models import Committee, CommitteeMembership, CommitteeMembershipStatus

APPROVED = CommitteeMembershipStatus.APPROVED
PENDING = CommitteeMembershipStatus.PENDING


def _chapters():
    return Prefetch("hs_chapters", queryset=HSCode.objects.order_by("code"))


def committee_list():
    """All committees with ``member_count`` (approved organizations), ``pending_count``, their HS
    chapters and secretary: three queries in all."""
    return (
        Committee.objects.select_related("secretary")
        .prefetch_related(_chapters())
        .annotate(
            member_count=Count("memberships", filter=Q(memberships__status=APPROVED), distinct=True),
            pending_count=Count("memberships", filter=Q(memberships__status=PENDING), distinct=True),
        )
        .order_by("position", "slug")
    )


def committee_detail(slug: str) -> Committee:
    """One committee (404 if unknown) with its chapters and secretary; committees are public."""
    return get_object_or_404(committee_list(), slug=slug)


def approved_members(committee: Committee):
    """The organizations approved in a committee, with their countries."""
    return (
        CommitteeMembership.objects.filter(committee=committee, status=APPROVED)
        .select_related("organization__country")
        .order_by("organization__name")
    )


def managed_committee(user, slug: str) -> Committee:
    """A committee whose applications ``user`` decides (its secretary, or an operator); 404 otherwise."""
    return get_object_or_404(Committee.objects.managed_by(user), slug=slug)


def applications(committee: Committee, status: str | None = None):
    """The committee's applications (pending first), with organization, country and applicant."""
    qs = CommitteeMembership.objects.filter(committee=committee).select_related(
        "organization__country", "applied_by", "decided_by"
    )
    if status:
        qs = qs.filter(status=status)
    pending_first = Case(When(status=PENDING, then=Value(0)), default=Value(1), output_field=IntegerField())
    return qs.order_by(pending_first, "-created_at")


def membership_of(committee: Committee, organization):
    """The organization's membership row (any status) in the committee, or None."""
    if organization is None:
        return None
    return CommitteeMembership.objects.filter(committee=committee, organization=organization).first()
