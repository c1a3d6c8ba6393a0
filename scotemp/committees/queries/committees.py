"""Reads about committees. Each function costs a fixed number of queries, whatever the row count."""

from dataclasses import dataclass

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Prefetch, Q, Value, When
from django.shortcuts import get_object_or_404

from scotemp.core.prepared import PreparedQuery
from scotemp.reference.models import HSCode

from ..models import Committee, CommitteeMembership, CommitteeMembershipStatus

APPROVED = CommitteeMembershipStatus.APPROVED
PENDING = CommitteeMembershipStatus.PENDING


def _chapters():
    return Prefetch("hs_chapters", queryset=HSCode.objects.order_by("code"))


def _headings():
    return Prefetch("hs_headings", queryset=HSCode.objects.order_by("code"))


def hs_scope_index() -> dict[str, int]:
    """Committee id by scope code: every heading (four digits) and chapter (two digits) a committee
    lists. Should an operator list a code for two committees, the first by position keeps it."""
    index: dict[str, int] = {}
    through = (Committee.hs_chapters.through, Committee.hs_headings.through)
    for model in through:
        rows = model.objects.order_by("-committee__position", "-committee__slug")
        for committee_id, code in rows.values_list("committee_id", "hscode_id"):
            index[code] = committee_id
    return index


def committee_id_for_hs(index: dict[str, int], hs_code: str) -> int | None:
    """The committee whose sector ``hs_code`` is, from :func:`hs_scope_index`: the most specific scope
    wins (a committee listing the code's heading before one listing its chapter)."""
    if not hs_code or len(hs_code) < 2:
        return None
    return index.get(hs_code[:4]) if len(hs_code) >= 4 and hs_code[:4] in index else index.get(hs_code[:2])


def committee_for_hs(hs_code: str) -> Committee | None:
    """The committee suggested for goods of ``hs_code`` (a chapter, heading or subheading): the one
    listing its heading, else the one listing its chapter, else none. Two queries."""
    committee_id = committee_id_for_hs(hs_scope_index(), hs_code)
    return Committee.objects.filter(pk=committee_id).first() if committee_id else None


def committee_list():
    """All committees with ``member_count`` (approved organizations), ``pending_count``, their HS
    chapters and headings and secretary: four queries in all."""
    return (
        Committee.objects.select_related("secretary")
        .prefetch_related(_chapters(), _headings())
        .annotate(
            member_count=Count("memberships", filter=Q(memberships__status=APPROVED), distinct=True),
            pending_count=Count("memberships", filter=Q(memberships__status=PENDING), distinct=True),
        )
        .order_by("position", "slug")
    )


def committee_detail(slug: str) -> Committee:
    """One committee (404 if unknown) with its chapters and secretary; committees are public."""
    return get_object_or_404(committee_list(), slug=slug)


_COMMITTEE_PAGE = PreparedQuery(
    lambda slug: Committee.objects.select_related("secretary").filter(slug=slug)[:1], slug=str
)


def committee_page(slug: str) -> Committee:
    """One committee (404 if unknown) with its secretary: what its page needs on every request (one
    query, compiled once; :func:`committee_scope` reads its chapters and headings when the page's
    shared part is drawn)."""
    return _COMMITTEE_PAGE.get_or_404(slug=slug)


def committee_scope(committee: Committee) -> tuple[list[HSCode], list[HSCode]]:
    """The committee's HS chapters and headings, by code, in one query."""
    through = {"chapters": Committee.hs_chapters.through, "headings": Committee.hs_headings.through}
    listed = {
        name: model.objects.filter(committee_id=committee.pk).values("hscode_id")
        for name, model in through.items()
    }
    codes = list(
        HSCode.objects.filter(Q(pk__in=listed["chapters"]) | Q(pk__in=listed["headings"]))
        .annotate(
            in_chapters=Exists(listed["chapters"].filter(hscode_id=OuterRef("pk"))),
            in_headings=Exists(listed["headings"].filter(hscode_id=OuterRef("pk"))),
        )
        .order_by("code")
    )
    return [c for c in codes if c.in_chapters], [c for c in codes if c.in_headings]


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


@dataclass(frozen=True)
class MembershipState:
    """What the committee page shows of an organization's membership."""

    status: str
    decision_note: str

    def get_status_display(self) -> str:
        return CommitteeMembershipStatus(self.status).label


def membership_of(committee: Committee, organization) -> MembershipState | None:
    """The organization's membership (any status) in the committee, or None: its status and the
    secretary's note, as plain values (one query)."""
    if organization is None:
        return None
    row = _MEMBERSHIP_STATE.first(committee_id=committee.pk, organization_id=organization.pk)
    return MembershipState(*row) if row else None


_MEMBERSHIP_STATE = PreparedQuery(
    lambda committee_id, organization_id: (
        CommitteeMembership.objects.filter(committee_id=committee_id, organization_id=organization_id)
        .order_by("pk")
        .values_list("status", "decision_note")[:1]
    ),
    committee_id=int,
    organization_id=int,
)
