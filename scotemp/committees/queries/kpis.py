"""A committee's key figures for one year, against the secretary's targets.

Computed from the platform's own data in a fixed number of queries whatever the number of rows (at most
twelve: members, leads, matches, RFQs, deals by currency, two rate look-ups for USD and two for CNY,
events, meetings, projects by stage, targets), then kept in the shared cache for
:data:`KPI_CACHE_SECONDS` (see :func:`committee_kpis`).

- members, verified members: approved member organizations today (verified: their directory profile
  holds a valid verification);
- leads: leads of the committee (``Lead.committee``, suggested from the HS scope) published that year;
- matches: matches of which either lead is the committee's, found that year;
- RFQs: requests for quotation of the committee sent that year;
- deals, their value: deals of the committee agreed that year and not cancelled, valued at their
  agreed terms, converted to USD and CNY at today's rates (``reference.fx``);
- events, meetings: the committee's published events that ended that year, and the confirmed B2B
  meetings of its events held that year;
- cooperation projects: the committee's published projects whose agreement was signed that year
  (``projects.Project.signed_on``); beside it, all its published projects by their stage today.
"""

import datetime
import time
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, Sum
from django.utils import timezone

from scotemp.deals.choices import DealStatus
from scotemp.deals.models import Deal, Rfq
from scotemp.events.choices import EventStatus, MeetingStatus
from scotemp.events.models import Event, Meeting
from scotemp.projects.choices import ProjectStage
from scotemp.projects.models import Project
from scotemp.reference.fx import rates_for
from scotemp.trade.models import Lead, Match

from ..choices import UNTRACKED_METRICS, CommitteeMembershipStatus, KpiMetric
from ..models import Committee, CommitteeMembership, KpiTarget

KPI_CACHE_SECONDS = 120
KPI_KEEP_SECONDS = 3600  # a report older than KPI_CACHE_SECONDS is shown while one request computes anew
KPI_COMPUTE_SECONDS = 60  # how long a request that computes them keeps the others waiting for it
KPI_CACHE_VERSION = 3
VERIFIED = "verified"  # scotemp.directory.choices.VerificationStatus.VERIFIED
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Kpi:
    metric: str
    actual: Decimal | None  # None: not tracked yet
    target: Decimal | None

    @property
    def label(self) -> str:
        return KpiMetric(self.metric).label

    @property
    def tracked(self) -> bool:
        return self.actual is not None

    @property
    def percent(self) -> int | None:
        """The actual as a share of the target, in whole percent (None without a target)."""
        if self.actual is None or not self.target:
            return None
        return int(self.actual * 100 / self.target)

    @property
    def bar(self) -> int:
        """The width of the bar, 0 to 100: the percent of the target, capped at 100."""
        return max(0, min(100, self.percent or 0))

    @property
    def is_money(self) -> bool:
        return self.metric == KpiMetric.DEAL_VALUE_USD


@dataclass(frozen=True)
class KpiReport:
    year: int
    rows: tuple[Kpi, ...]
    deal_value_cny: Decimal | None
    unconverted: tuple[str, ...]  # currencies of agreed deals without a rate (left out of the value)
    projects_by_stage: tuple[tuple[str, str, int], ...] = ()  # (stage, label, count) of published projects

    @property
    def projects_by_stage_labelled(self) -> list[tuple[str, str, int]]:
        """The stages labelled in the reader's language (the cached labels are the computing request's)."""
        return [(code, str(ProjectStage(code).label), n) for code, _label, n in self.projects_by_stage]

    def get(self, metric: str) -> Kpi:
        return next(row for row in self.rows if row.metric == metric)


def year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    tz = timezone.get_current_timezone()
    return (
        datetime.datetime(year, 1, 1, tzinfo=tz),
        datetime.datetime(year + 1, 1, 1, tzinfo=tz),
    )


def _converted(values: dict[str, Decimal], to_code: str, today: datetime.date) -> tuple[Decimal, set[str]]:
    rates = rates_for(set(values), to_code, today) if values else {}
    total, missing = Decimal(0), set()
    for code, amount in values.items():
        if code in rates:
            total += amount * rates[code].rate
        else:
            missing.add(code)
    return total.quantize(CENT), missing


def compute_kpis(committee: Committee, year: int) -> KpiReport:
    """The committee's figures for ``year``, uncached (see the module's docstring for each)."""
    start, end = year_bounds(year)
    in_year = {"gte": start, "lt": end}
    members = CommitteeMembership.objects.filter(
        committee=committee, status=CommitteeMembershipStatus.APPROVED
    ).aggregate(
        members=Count("id"),
        verified=Count("id", filter=Q(organization__profile__verification_status=VERIFIED)),
    )
    leads = Lead.objects.filter(
        committee=committee, published_at__gte=in_year["gte"], published_at__lt=in_year["lt"]
    ).count()
    # Each side through its lead index: a join of both leads under an OR read every match there is.
    own_leads = Lead.objects.filter(committee=committee).values("pk")
    matches = Match.objects.filter(
        Q(sell_lead__in=own_leads) | Q(buy_lead__in=own_leads), created_at__gte=start, created_at__lt=end
    ).count()
    rfqs = Rfq.objects.filter(committee=committee, created_at__gte=start, created_at__lt=end).count()
    value = ExpressionWrapper(
        F("agreed_terms__quantity") * F("agreed_terms__unit_price"),
        output_field=DecimalField(max_digits=32, decimal_places=7),
    )
    by_currency = list(
        Deal.objects.filter(committee=committee, agreed_at__gte=start, agreed_at__lt=end)
        .exclude(status=DealStatus.CANCELLED)
        .values("agreed_terms__currency")
        .annotate(n=Count("id"), value=Sum(value))
        .order_by()
    )
    deals = sum(row["n"] for row in by_currency)
    values = {
        row["agreed_terms__currency"]: row["value"] or Decimal(0)
        for row in by_currency
        if row["agreed_terms__currency"]
    }
    today = timezone.localdate()
    value_usd, missing_usd = _converted(values, "USD", today)
    value_cny, missing_cny = _converted(values, "CNY", today)
    events = Event.objects.filter(
        committee=committee,
        status=EventStatus.PUBLISHED,
        ends_at__gte=start,
        ends_at__lt=min(end, timezone.now()),
    ).count()
    meetings = Meeting.objects.filter(
        session__event__committee=committee,
        status=MeetingStatus.CONFIRMED,
        slot__starts_at__gte=start,
        slot__starts_at__lt=end,
    ).count()
    project_rows = list(
        Project.objects.filter(committee=committee, published=True)
        .values_list("stage")
        .annotate(
            n=Count("id"),
            signed=Count("id", filter=Q(signed_on__gte=start.date(), signed_on__lt=end.date())),
        )
        .order_by()
    )
    by_stage = {stage: n for stage, n, _signed in project_rows}
    targets = dict(KpiTarget.objects.filter(committee=committee, year=year).values_list("metric", "target"))
    actual = {
        KpiMetric.MEMBERS: members["members"],
        KpiMetric.VERIFIED_MEMBERS: members["verified"],
        KpiMetric.LEADS: leads,
        KpiMetric.MATCHES: matches,
        KpiMetric.RFQS: rfqs,
        KpiMetric.DEALS: deals,
        KpiMetric.DEAL_VALUE_USD: value_usd,
        KpiMetric.EVENTS: events,
        KpiMetric.MEETINGS: meetings,
        KpiMetric.PROJECTS: sum(signed for _stage, _n, signed in project_rows),
    }
    rows = tuple(
        Kpi(
            metric=metric.value,
            actual=None if metric in UNTRACKED_METRICS else Decimal(actual[metric]),
            target=targets.get(metric.value),
        )
        for metric in KpiMetric
    )
    return KpiReport(
        year=year,
        rows=rows,
        deal_value_cny=value_cny,
        unconverted=tuple(sorted(missing_usd | missing_cny)),
        projects_by_stage=tuple(
            (stage.value, str(stage.label), by_stage[stage.value])
            for stage in ProjectStage
            if by_stage.get(stage.value)
        ),
    )


def _key(committee_id: int, year: int) -> str:
    return f"committees:kpis:v{KPI_CACHE_VERSION}:{committee_id}:{year}"


def committee_kpis(committee: Committee, year: int | None = None) -> KpiReport:
    """:func:`compute_kpis`, from the shared cache when computed in the last two minutes.

    An older report is kept for :data:`KPI_KEEP_SECONDS`: when it is due, one request computes the
    new one (the others, meanwhile, show the report they find), so that every worker does not count
    the same hundreds of thousands of matches at once. After :func:`forget_kpis` the next request
    computes afresh."""
    year = year or timezone.localdate().year
    key = _key(committee.pk, year)
    entry = cache.get(key)
    if entry is not None:
        computed_at, report = entry
        due = time.time() - computed_at >= KPI_CACHE_SECONDS
        if not due or not cache.add(f"{key}:computing", 1, KPI_COMPUTE_SECONDS):
            return report
    try:
        report = compute_kpis(committee, year)
        cache.set(key, (time.time(), report), KPI_KEEP_SECONDS)
    finally:
        if entry is not None:
            cache.delete(f"{key}:computing")
    return report


def forget_kpis(committee_id: int, year: int) -> None:
    """Drop the cached figures (after the secretary changed a target or decided an application)."""
    cache.delete(_key(committee_id, year))
