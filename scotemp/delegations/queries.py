"""Reads of delegations: who organizes one, who sees it, the lists of upcoming and past delegations,
one delegation for a viewer (its programme day by day, members, outcomes) and the operator's totals.

Who sees what: a published delegation is public; an unpublished one its organizers — platform
operators and the secretary of its committee (:func:`organizes`) — and its member organizations.
Anyone else gets 404. The members-only note is read by organizers and member organizations alone."""

import datetime
from itertools import groupby

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language

from scotemp.core.permissions import bound_organization_id, is_operator, member_org_ids

from .choices import Direction, MemberStatus, OutcomeKind
from .models import Delegation, DelegationMember, Outcome


def _personal(user) -> bool:
    """Signed in as a person: organizing is a personal power (never through an API token)."""
    return bool(user and user.is_authenticated) and bound_organization_id(user) is None


def organizes(user, delegation: Delegation) -> bool:
    """Whether ``user`` runs ``delegation``: operators, and the secretary of its committee."""
    if not _personal(user):
        return False
    if is_operator(user):
        return True
    committee = delegation.committee
    return committee is not None and committee.secretary_id == user.pk


def organized_by(user):
    if not _personal(user):
        return Delegation.objects.none()
    if is_operator(user):
        return Delegation.objects.all()
    return Delegation.objects.filter(committee__secretary=user)


def can_create(user) -> bool:
    """Operators create delegations of the platform or of any committee; a secretary, of theirs."""
    if not _personal(user):
        return False
    return is_operator(user) or user.committees_as_secretary.exists()


def visible_delegations(user):
    """Delegations ``user`` may read: the published ones, those they organize, those of their
    organizations."""
    if is_operator(user):
        return Delegation.objects.all()
    condition = Q(published=True)
    if user and user.is_authenticated:
        if _personal(user):
            condition |= Q(committee__secretary=user)
        org_ids = member_org_ids(user)
        if org_ids:
            accepted = DelegationMember.objects.filter(
                organization_id__in=org_ids, status=MemberStatus.ACCEPTED
            ).values("delegation_id")
            condition |= Q(pk__in=accepted)
    return Delegation.objects.filter(condition)


def delegation_for_viewer(user, public_id) -> Delegation:
    delegation = (
        visible_delegations(user).select_related("committee", "country").filter(public_id=public_id).first()
    )
    if delegation is None:
        raise Http404
    return delegation


def organized_delegation(user, public_id, *, lock: bool = False) -> Delegation:
    """A delegation ``user`` organizes; 404 for everyone else (even those who may read it)."""
    qs = organized_by(user).select_related("committee", "country")
    if lock:
        qs = qs.select_for_update(of=("self",))
    delegation = qs.filter(public_id=public_id).first()
    if delegation is None:
        raise Http404
    return delegation


def delegation_list(
    user, *, when: str = "upcoming", direction: str = "", country: str = "", committee: str = "", today=None
):
    """Upcoming (not yet over, soonest first) or past (latest first) delegations ``user`` may read,
    filtered by direction, country (ISO alpha-2) and committee slug."""
    today = today or timezone.localdate()
    qs = visible_delegations(user).select_related("country", "committee")
    if direction in Direction.values:
        qs = qs.filter(direction=direction)
    if country:
        qs = qs.filter(country_id=country.upper()[:2])
    if committee:
        qs = qs.filter(committee__slug=committee)
    if when == "past":
        return qs.filter(ends_on__lt=today).order_by("-starts_on", "-id")
    return qs.filter(ends_on__gte=today).order_by("starts_on", "id")


def committee_delegations(committee, today=None) -> dict:
    """A committee's published delegations for its page: upcoming and the latest past ones."""
    today = today or timezone.localdate()
    qs = Delegation.objects.filter(committee=committee, published=True).select_related("country")
    return {
        "upcoming": list(qs.filter(ends_on__gte=today).order_by("starts_on")[:10]),
        "past": list(qs.filter(ends_on__lt=today).order_by("-starts_on")[:5]),
    }


def member_of_delegation(user, delegation: Delegation) -> bool:
    """Whether ``user`` belongs to an accepted member organization of ``delegation``."""
    org_ids = member_org_ids(user)
    return (
        bool(org_ids)
        and delegation.members.filter(organization_id__in=org_ids, status=MemberStatus.ACCEPTED).exists()
    )


def members_of(delegation: Delegation, *, include_requests: bool = False):
    qs = delegation.members.select_related("organization", "organization__country")
    if not include_requests:
        qs = qs.filter(status=MemberStatus.ACCEPTED)
    return qs.order_by("status", "role", "organization__name")


def programme_by_day(delegation: Delegation) -> list[tuple[datetime.date, list]]:
    """The programme as a day-by-day agenda: ``[(day, [items]), …]``."""
    items = delegation.programme.select_related("city", "city__country", "host", "event").order_by(
        "day", "starts_at", "id"
    )
    return [(day, list(group)) for day, group in groupby(items, key=lambda item: item.day)]


def outcomes_of(user, delegation: Delegation) -> list:
    """The outcomes, each with ``linked_rfq`` / ``linked_deal`` / ``linked_project`` set only when
    ``user`` may open it (a request or a deal is private to its parties, a draft project to its
    owner)."""
    from scotemp.deals.models import Deal, Rfq
    from scotemp.projects.models import Project

    outcomes = list(
        delegation.outcomes.select_related("rfq", "deal", "project")
        .prefetch_related("organizations")
        .order_by("created_at")
    )
    rfq_ids = {o.rfq_id for o in outcomes if o.rfq_id}
    deal_ids = {o.deal_id for o in outcomes if o.deal_id}
    seen_rfqs = (
        set(Rfq.objects.visible_to(user).filter(pk__in=rfq_ids).values_list("pk", flat=True))
        if rfq_ids
        else set()
    )
    seen_deals = (
        set(Deal.objects.visible_to(user).filter(pk__in=deal_ids).values_list("pk", flat=True))
        if deal_ids
        else set()
    )
    project_ids = {o.project_id for o in outcomes if o.project_id}
    seen_projects = (
        set(Project.objects.visible_to(user).filter(pk__in=project_ids).values_list("pk", flat=True))
        if project_ids
        else set()
    )
    for outcome in outcomes:
        outcome.linked_project = outcome.project if outcome.project_id in seen_projects else None
        outcome.linked_rfq = outcome.rfq if outcome.rfq_id in seen_rfqs else None
        outcome.linked_deal = outcome.deal if outcome.deal_id in seen_deals else None
    return outcomes


def my_request(user, delegation: Delegation):
    """The membership row (requested or accepted) of one of ``user``'s organizations, if any."""
    org_ids = member_org_ids(user)
    if not org_ids:
        return None
    return delegation.members.filter(organization_id__in=org_ids).select_related("organization").first()


NAME_COLUMNS = ("country__name_en", "country__name_ru", "country__name_zh_hans")


def totals(year: int | None = None) -> dict:
    """The operator's report to the city: delegations by year, direction and country, and outcomes by
    kind, in two queries whatever the number of delegations. ``year`` limits both to one year (of the
    delegation's first day)."""
    delegations = Delegation.objects.exclude(status="cancelled")
    outcomes = Outcome.objects.exclude(delegation__status="cancelled")
    if year:
        delegations = delegations.filter(starts_on__year=year)
        outcomes = outcomes.filter(delegation__starts_on__year=year)
    rows = list(
        delegations.annotate(year=ExtractYear("starts_on"))
        .values("year", "direction", "country_id", *NAME_COLUMNS)
        .annotate(count=Count("id"))
        .order_by("-year", "direction", "-count", "country_id")
    )
    by_kind = list(
        outcomes.annotate(year=ExtractYear("delegation__starts_on"))
        .values("year", "kind")
        .annotate(count=Count("id"))
        .order_by("-year", "kind")
    )
    suffix = (get_language() or "en").replace("-", "_")
    suffix = suffix if f"country__name_{suffix}" in NAME_COLUMNS else "en"
    for row in rows:
        row["direction_label"] = str(Direction(row["direction"]).label)
        row["country_name"] = row[f"country__name_{suffix}"] or row["country__name_en"]
    for row in by_kind:
        row["kind_label"] = str(OutcomeKind(row["kind"]).label)
    return {"delegations": rows, "outcomes": by_kind}
