"""Import demand signals: open buy requests of organizations in China, aggregated by HS heading,
origin wanted and quarter of delivery, quantities summed per unit (never across units).

Who the buyers are is never shown: no organization names and no links to the requests, only the
number of requests, the cities named in their organizations' profiles, and the quantities. A group
of a single request (``MIN_PRECISE_GROUP``) shows its quantity only as an order of magnitude
("1,000 – 10,000 t"), so a single buyer's order cannot be read exactly. A buyer who wants to be
found publishes the request as usual: it is listed, with its organization, in the lead search.

A request accepts several origins (or any): it counts once in the group of each origin it names, and
in the group "any origin" when it names none. The quarter is that of the start of delivery, or of
publication when no delivery date is given. Four queries whatever the number of requests."""

import datetime
import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone, translation

from scotemp.core.text import sorted_by_name
from scotemp.reference.models import Country, HSCode, Unit
from scotemp.trade.choices import LeadKind
from scotemp.trade.models import Lead

from ..choices import MIN_PRECISE_GROUP

CHINA = "CN"
ANY_ORIGIN = ""


@dataclass
class Amount:
    unit: Unit
    total: Decimal
    requests: int
    precise: bool

    @property
    def low(self) -> Decimal:
        """The order of magnitude of an imprecise amount: the power of ten at or below it."""
        if self.total <= 0:
            return Decimal(0)
        return Decimal(10) ** math.floor(math.log10(self.total))

    @property
    def high(self) -> Decimal:
        return self.low * 10 if self.low else Decimal(1)


@dataclass
class DemandRow:
    heading: str
    heading_name: HSCode | None
    origin: Country | None  # None: any origin
    year: int
    quarter: int
    requests: int = 0
    amounts: list[Amount] = field(default_factory=list)
    cities: list[str] = field(default_factory=list)

    @property
    def precise(self) -> bool:
        return self.requests >= MIN_PRECISE_GROUP


@dataclass
class QuarterBar:
    year: int
    quarter: int
    requests: int


@dataclass
class Demand:
    rows: list[DemandRow]
    quarters: list[QuarterBar]
    origins: list[Country]
    total_requests: int


def quarter_of(day: datetime.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def demand_signals(origin: str = "", heading: str = "", today: datetime.date | None = None) -> Demand:
    """Aggregated demand, optionally only for requests that accept ``origin`` (an ISO code; requests
    open to any origin included) or of HS ``heading`` (or chapter: a 2-digit prefix)."""
    today = today or timezone.localdate()
    leads = Lead.objects.open(today).filter(kind=LeadKind.BUY, organization__country_id=CHINA)
    if heading:
        leads = leads.filter(hs_heading__startswith=heading)
    rows = list(
        leads.values_list(
            "id",
            "hs_heading",
            "quantity",
            "unit_id",
            "delivery_from",
            "published_at",
            "organization__city__name_en",
            "organization__city__name_zh_hans",
            "organization__city__name_ru",
        )
    )
    suffix = {"zh-hans": 1, "ru": 2}.get(translation.get_language() or "", 0)
    through = Lead.countries.through
    accepted: dict[int, list[str]] = {}
    for lead_id, country_id in through.objects.filter(lead_id__in=leads.values("id")).values_list(
        "lead_id", "country_id"
    ):
        accepted.setdefault(lead_id, []).append(country_id)
    units = Unit.objects.in_bulk({row[3] for row in rows})
    headings = HSCode.objects.in_bulk({row[1] for row in rows})
    country_ids = {c for ids in accepted.values() for c in ids}
    countries = Country.objects.in_bulk(country_ids)

    groups: dict[tuple, DemandRow] = {}
    sums: dict[tuple, dict[str, list]] = {}
    per_quarter: dict[tuple[int, int], set[int]] = {}
    for lead_id, hs_heading, quantity, unit_id, delivery_from, published_at, *names in rows:
        city = names[suffix] or names[0]  # the city in the reader's language, else in English
        origins = accepted.get(lead_id) or [ANY_ORIGIN]
        if origin and origin.upper() not in origins and origins != [ANY_ORIGIN]:
            continue
        day = delivery_from or (published_at.date() if published_at else today)
        year, quarter = quarter_of(day)
        per_quarter.setdefault((year, quarter), set()).add(lead_id)
        for wanted in origins:
            if origin and wanted not in (origin.upper(), ANY_ORIGIN):
                continue
            key = (hs_heading, wanted, year, quarter)
            group = groups.get(key)
            if group is None:
                group = groups[key] = DemandRow(
                    heading=hs_heading,
                    heading_name=headings.get(hs_heading),
                    origin=countries.get(wanted) if wanted else None,
                    year=year,
                    quarter=quarter,
                )
                sums[key] = {}
            group.requests += 1
            if city and city not in group.cities:
                group.cities.append(city)
            total = sums[key].setdefault(unit_id, [Decimal(0), 0])
            total[0] += quantity
            total[1] += 1
    for key, group in groups.items():
        group.amounts = [
            Amount(unit=units[unit_id], total=total, requests=n, precise=n >= MIN_PRECISE_GROUP)
            for unit_id, (total, n) in sorted(sums[key].items(), key=lambda item: -item[1][0])
        ]
        group.cities.sort()
    ordered = sorted(
        groups.values(),
        key=lambda g: ((g.year, g.quarter), g.heading, g.origin is None, g.origin.name if g.origin else ""),
    )
    return Demand(
        rows=ordered,
        quarters=[QuarterBar(y, q, len(ids)) for (y, q), ids in sorted(per_quarter.items())],
        origins=sorted_by_name(countries.values(), name=lambda c: c.name),
        total_requests=len({lead_id for ids in per_quarter.values() for lead_id in ids}),
    )
