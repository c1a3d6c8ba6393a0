"""The public showcase of signed and running projects (agreement signed, implementing, completed; only
published ones): totals, by country, by committee, by field and by quarter of signing.

Values: each project's value converted to USD and CNY at the rate of the day its agreement was
signed (``reference.fx.RateBook``). A project without a stated value is counted apart (``unpriced``),
one whose currency has no rate on that day too (``unconverted``): never as zero. A project counts
once in the totals and once in each of its countries (its owner's and its accepted partners'), so
the country rows add up to more than the total. A fixed number of queries whatever the number of
projects (at most seven)."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from scotemp.core.text import sorted_by_name
from scotemp.reference.fx import RateBook
from scotemp.reference.models import Country

from ..choices import SIGNED_STAGES, PartnerStatus, ProjectField, ProjectStage
from ..models import Project, ProjectPartner

CURRENCIES = ("USD", "CNY")
ZERO = Decimal("0.00")


@dataclass
class Total:
    count: int = 0
    usd: Decimal = ZERO
    cny: Decimal = ZERO
    unpriced: int = 0  # no value stated
    unconverted: int = 0  # a value in a currency with no rate to USD or CNY on its day
    demo_rates: bool = False

    @property
    def valued(self) -> int:
        return self.count - self.unpriced - self.unconverted

    def add(self, value) -> None:
        """``value``: (usd, cny, demo) or "unpriced" or "unconverted"."""
        self.count += 1
        if value == "unpriced":
            self.unpriced += 1
        elif value == "unconverted":
            self.unconverted += 1
        else:
            usd, cny, demo = value
            self.usd += usd
            self.cny += cny
            self.demo_rates |= demo


@dataclass
class Row:
    key: str
    label: str
    total: Total = field(default_factory=Total)


@dataclass
class Showcase:
    total: Total = field(default_factory=Total)
    by_stage: list[Row] = field(default_factory=list)
    by_country: list[Row] = field(default_factory=list)
    by_committee: list[Row] = field(default_factory=list)
    by_field: list[Row] = field(default_factory=list)
    by_quarter: list[Row] = field(default_factory=list)  # oldest first
    projects: list = field(default_factory=list)  # the latest signed, for the list under the charts


def _quarter(day: datetime.date) -> str:
    """A sortable key: "2026-1" for January to March 2026."""
    return f"{day.year}-{(day.month - 1) // 3 + 1}"


def quarter_label(key: str) -> str:
    from django.utils.translation import gettext as _

    year, quarter = key.split("-")
    return _("Q%(quarter)s %(year)s") % {"quarter": quarter, "year": year}


def showcase(*, committee: str = "", country: str = "", field_code: str = "", latest: int = 12) -> Showcase:
    from scotemp.committees.models import Committee

    qs = Project.objects.filter(published=True, stage__in=SIGNED_STAGES)
    if committee:
        qs = qs.filter(committee__slug=committee)
    if field_code:
        qs = qs.filter(field=field_code)
    rows = list(
        qs.values_list(
            "pk", "public_id", "title", "stage", "field", "committee_id", "owner__country_id",
            "value", "currency_id", "signed_on", "created_at",
        ).order_by("-signed_on", "-pk")
    )  # fmt: skip
    countries_of: dict[int, list[str]] = {r[0]: [r[6]] for r in rows}
    if rows:
        for pk, cc in ProjectPartner.objects.filter(
            project_id__in=list(countries_of), status=PartnerStatus.ACCEPTED
        ).values_list("project_id", "organization__country_id"):
            if cc not in countries_of[pk]:
                countries_of[pk].append(cc)
    if country:
        country = country.upper()[:2]
        rows = [r for r in rows if country in countries_of[r[0]]]
    day_of = {r[0]: r[9] or timezone.localdate(r[10]) for r in rows}
    codes = {r[8] for r in rows if r[8]} | set(CURRENCIES)
    rates = RateBook(codes, [day_of[r[0]] for r in rows if r[7] is not None and r[8]])
    report = Showcase()
    stage_totals: dict[str, Total] = defaultdict(Total)
    country_totals: dict[str, Total] = defaultdict(Total)
    committee_totals: dict[int | None, Total] = defaultdict(Total)
    field_totals: dict[str, Total] = defaultdict(Total)
    quarter_totals: dict[str, Total] = defaultdict(Total)
    for pk, _pid, _title, stage, field_code_, committee_id, _owner_cc, amount, currency, _signed, _at in rows:
        if amount is None or not currency:
            value = "unpriced"
        else:
            converted = [rates.convert(amount, currency, code, day_of[pk]) for code in CURRENCIES]
            if any(c is None for c in converted):
                value = "unconverted"
            else:
                value = (converted[0].amount, converted[1].amount, any(c.is_demo for c in converted))
        report.total.add(value)
        stage_totals[stage].add(value)
        for cc in countries_of[pk]:
            country_totals[cc].add(value)
        committee_totals[committee_id].add(value)
        field_totals[field_code_].add(value)
        quarter_totals[_quarter(day_of[pk])].add(value)
    report.by_stage = [
        Row(s, str(ProjectStage(s).label), stage_totals[s]) for s in SIGNED_STAGES if s in stage_totals
    ]
    names = {c.iso2: c.name for c in Country.objects.filter(iso2__in=list(country_totals))}
    ordered = sorted_by_name(list(country_totals), name=lambda cc: names.get(cc, cc))
    report.by_country = sorted(
        (Row(cc, names.get(cc, cc), country_totals[cc]) for cc in ordered), key=lambda r: -r.total.count
    )  # stable: equal counts keep the reader's alphabetical order
    committees = {
        c.pk: c for c in Committee.objects.filter(pk__in=[k for k in committee_totals if k is not None])
    }
    report.by_committee = sorted(
        (
            Row(committees[k].slug, committees[k].name, t)
            for k, t in committee_totals.items()
            if k in committees
        ),
        key=lambda r: (-r.total.count, r.label),
    )
    if None in committee_totals:
        from django.utils.translation import gettext as _

        report.by_committee.append(Row("", _("No committee"), committee_totals[None]))
    report.by_field = sorted(
        (Row(code, str(ProjectField(code).label), field_totals[code]) for code in field_totals),
        key=lambda r: -r.total.count,
    )
    report.by_quarter = [Row(q, quarter_label(q), quarter_totals[q]) for q in sorted(quarter_totals)]
    ids = [r[0] for r in rows[:latest]]
    latest_rows = {p.pk: p for p in Project.objects.filter(pk__in=ids).select_related("owner", "committee")}
    report.projects = [latest_rows[pk] for pk in ids if pk in latest_rows]
    for project in report.projects:
        project.country_codes = countries_of[project.pk]
    return report
