"""The duty and VAT rows that apply to an import, fetched once for many calculations.

:class:`ScheduleBook` reads, for a set of importing countries and HS codes, the customs unions they
belong to, every duty row whose prefix starts one of the codes, and the VAT rows of the countries:
four queries whatever the number of calculations (an RFQ with 20 quotations reads them once).

Schedules change when the operator imports one, a few times a year: a book's rows are kept in the
process for :data:`CACHE_SECONDS` (``LOGISTICS_SCHEDULE_CACHE_SECONDS``, 60 s; 0 in test mode), and
any save or delete of a schedule row in this process forgets them at once (other processes within
the minute)."""

import datetime
import time
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.db.models.signals import post_delete, post_save

from ...choices.costs import Quota
from ...models.costs import CustomsUnionMember, DutyRate, VatRate, VatReducedRate

# Among rows of the same prefix: the rate without a quota, else the one that applies without a quota
# allocation (out-of-quota), the in-quota rate last (it needs an allocation).
QUOTA_ORDER = {Quota.NONE: 0, Quota.OUT_OF_QUOTA: 1, Quota.IN_QUOTA: 2}


def prefixes(hs_code: str) -> list[str]:
    """ "" (the whole schedule) and every prefix of 2 digits or more of ``hs_code``."""
    return [""] + [hs_code[:n] for n in range(2, len(hs_code) + 1)]


@dataclass(frozen=True)
class DutyMatch:
    row: DutyRate | None  # None: no row at all for the jurisdiction
    jurisdiction: str  # where the rate comes from (country or union)
    union: CustomsUnionMember | None  # the membership that makes the union's tariff apply
    alternatives: list[DutyRate]  # other quota rows of the same prefix


CACHE_SECONDS = getattr(
    settings, "LOGISTICS_SCHEDULE_CACHE_SECONDS", 0 if getattr(settings, "MODE", "") == "test" else 60
)
_CACHE: dict = {}
_CACHE_LIMIT = 512


def forget_schedules(**_kwargs) -> None:
    _CACHE.clear()


for _model in (CustomsUnionMember, DutyRate, VatRate, VatReducedRate):
    post_save.connect(
        forget_schedules, sender=_model, weak=False, dispatch_uid=f"schedules-{_model.__name__}"
    )
    post_delete.connect(
        forget_schedules, sender=_model, weak=False, dispatch_uid=f"schedules-del-{_model.__name__}"
    )


class ScheduleBook:
    def __new__(cls, countries: set[str], hs_codes: set[str], on_date: datetime.date):
        key = (frozenset(c for c in countries if c), frozenset(hs_codes), on_date)
        if CACHE_SECONDS:
            cached = _CACHE.get(key)
            if cached is not None and cached[0] > time.monotonic():
                return cached[1]
        book = super().__new__(cls)
        book._load(set(key[0]), hs_codes, on_date)
        if CACHE_SECONDS:
            if len(_CACHE) >= _CACHE_LIMIT:
                _CACHE.clear()
            _CACHE[key] = (time.monotonic() + CACHE_SECONDS, book)
        return book

    def _load(self, countries: set[str], hs_codes: set[str], on_date: datetime.date):
        self.on_date = on_date
        self.unions: dict[str, list[CustomsUnionMember]] = {c: [] for c in countries}
        for member in (
            CustomsUnionMember.objects.on(on_date).filter(country__in=countries).select_related("union")
        ):
            self.unions[member.country_id].append(member)
        jurisdictions = countries | {m.union_id for ms in self.unions.values() for m in ms}
        wanted = {p for code in hs_codes for p in prefixes(code)}
        self.duties: dict[tuple[str, str], list[DutyRate]] = {}
        rows = DutyRate.objects.valid_on(on_date).filter(jurisdiction__in=jurisdictions, hs_prefix__in=wanted)
        for row in rows.select_related("specific_currency", "specific_unit"):
            self.duties.setdefault((row.jurisdiction, row.hs_prefix), []).append(row)
        self.vat = {}
        for row in VatRate.objects.valid_on(on_date).filter(country__in=countries).order_by("valid_from"):
            self.vat[row.country_id] = row  # the latest valid row wins
        self.reduced: dict[tuple[str, str], VatReducedRate] = {}
        for row in VatReducedRate.objects.valid_on(on_date).filter(
            country__in=countries, hs_prefix__in=wanted
        ):
            self.reduced[(row.country_id, row.hs_prefix)] = row

    def same_union(self, a: str, b: str) -> CustomsUnionMember | None:
        """The membership of ``b`` in a customs union ``a`` also belongs to (trade inside it pays no
        import duty), or None. ``a`` must be one of the countries the book was made for, or is looked up."""
        unions_a = {m.union_id for m in self.unions.get(a) or self._members(a)}
        for member in self.unions.get(b, []):
            if member.union_id in unions_a:
                return member
        return None

    def _members(self, country: str) -> list[CustomsUnionMember]:
        if country not in self.unions:
            return list(CustomsUnionMember.objects.on(self.on_date).filter(country=country))
        return self.unions[country]

    def duty(self, country: str, hs_code: str) -> DutyMatch:
        """The most specific duty row of the country's own schedule or of its customs union's; at the
        same prefix a country's own row wins."""
        places = [(country, None)] + [(m.union_id, m) for m in self.unions.get(country, [])]
        for prefix in reversed(prefixes(hs_code)):
            for jurisdiction, member in places:
                rows = self.duties.get((jurisdiction, prefix))
                if rows:
                    ordered = sorted(rows, key=lambda r: QUOTA_ORDER.get(r.quota, 3))
                    return DutyMatch(ordered[0], jurisdiction, member, ordered[1:])
        union = places[1] if len(places) > 1 else (country, None)
        return DutyMatch(None, union[0], union[1], [])

    def vat_rate(self, country: str, hs_code: str) -> tuple[VatRate | None, VatReducedRate | None]:
        """The standard VAT row of a country and the most specific reduced rate for the code, if any."""
        for prefix in reversed(prefixes(hs_code)):
            reduced = self.reduced.get((country, prefix))
            if reduced is not None:
                return self.vat.get(country), reduced
        return self.vat.get(country), None


__all__ = ["DutyMatch", "Q", "ScheduleBook", "prefixes"]
