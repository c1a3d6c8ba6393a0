"""Lead search parameters: read from a query string, a saved search or the API, validated with the
same rules everywhere (invalid values are field errors, never silently different results)."""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..choices import LeadKind, LeadSort

PER_PAGE = 20
MAX_PAGE = 500  # pages of the search page (PER_PAGE each) end at the count's cap


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    kind: str = ""
    hs: str = ""  # chapter (2 digits), heading (4) or subheading (6)
    origin: str = ""  # ISO alpha-2
    destination: str = ""  # ISO alpha-2; leads without acceptable countries accept any
    incoterm: str = ""
    committee: str = ""  # committee slug
    verified: bool = False
    currency: str = ""
    reach_from: str = ""  # UN/LOCODE: leads whose named place the corridor network reaches from it …
    reach_days: int | None = None  # … within this many days (see scotemp.logistics.queries.routes)
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    sort: str = LeadSort.RELEVANCE.value
    page: int = 1
    errors: dict = field(default_factory=dict, compare=False)

    FILTERS = (
        "q", "kind", "hs", "origin", "destination", "incoterm", "committee", "verified", "currency",
        "reach_from", "reach_days",
    )  # fmt: skip

    def as_dict(self) -> dict:
        """JSON-safe, without defaults: what a saved search stores and a URL carries."""
        out = {}
        for name in (*self.FILTERS, "price_min", "price_max", "sort"):
            value = getattr(self, name)
            if value in ("", None, False) or (name == "sort" and value == LeadSort.RELEVANCE):
                continue
            out[name] = str(value) if isinstance(value, Decimal) else value
        return out


def _decimal(raw, name, errors):
    if raw in (None, ""):
        return None
    try:
        value = Decimal(str(raw).replace(",", ".").replace(" ", ""))
    except (InvalidOperation, ValueError):
        errors[name] = [_("Enter a number.")]
        return None
    if not value.is_finite() or value < 0:
        errors[name] = [_("Enter a number that is zero or more.")]
        return None
    return value


def _get(raw, name) -> str:
    value = raw.get(name, "")
    if isinstance(value, list | tuple):
        value = value[0] if value else ""
    return str(value if value is not None else "").strip()


MAX_REACH_DAYS = 365


def _reach(raw, errors) -> tuple[str, int | None]:
    """ "Reachable within N days from a place": both or neither."""
    place, days_text = _get(raw, "reach_from").upper(), _get(raw, "reach_days")
    days = None
    if place and (len(place) != 5 or not place.isalnum()):
        errors["reach_from"] = [_("Enter a UN/LOCODE place (for example CNCKG).")]
        place = ""
    if days_text:
        try:
            days = int(days_text)
        except ValueError:
            days = 0
        if not 1 <= days <= MAX_REACH_DAYS:
            errors["reach_days"] = [_("Enter a whole number from 1 to %(max)d.") % {"max": MAX_REACH_DAYS}]
            days = None
    if place and days is None and "reach_days" not in errors:
        errors["reach_days"] = [_("Enter the number of days.")]
    if days is not None and not place and "reach_from" not in errors:
        errors["reach_from"] = [_("Enter the place the days are counted from.")]
    if not place or days is None:
        return "", None
    return place, days


def parse_params(raw) -> SearchParams:
    """Read search parameters from a dict or a QueryDict; invalid values are collected in
    ``.errors`` (field → messages) and left out. See :func:`clean_params` to raise instead."""
    errors: dict[str, list] = {}
    kind = _get(raw, "kind").lower()
    if kind and kind not in LeadKind.values:
        errors["kind"] = [_("Choose sell or buy.")]
        kind = ""
    hs = _get(raw, "hs").replace(".", "").replace(" ", "")
    if hs and (not hs.isdigit() or len(hs) not in (2, 4, 6)):
        errors["hs"] = [_("Enter an HS chapter (2 digits), heading (4) or subheading (6).")]
        hs = ""
    codes = {}
    for name, size in (("origin", 2), ("destination", 2), ("incoterm", 3), ("currency", 3)):
        value = _get(raw, name).upper()
        if value and (len(value) != size or not value.isalpha()):
            errors[name] = [_("Enter a valid code.")]
            value = ""
        codes[name] = value
    price_min = _decimal(_get(raw, "price_min"), "price_min", errors)
    price_max = _decimal(_get(raw, "price_max"), "price_max", errors)
    if (price_min is not None or price_max is not None) and not codes["currency"]:
        errors["currency"] = [_("Choose the currency of the price range.")]
        price_min = price_max = None
    if price_min is not None and price_max is not None and price_min > price_max:
        errors["price_max"] = [_("The maximum price must not be below the minimum.")]
        price_max = None
    reach_from, reach_days = _reach(raw, errors)
    sort = _get(raw, "sort") or LeadSort.RELEVANCE.value
    if sort not in LeadSort.values:
        errors["sort"] = [_("Choose relevance, newest or expiring.")]
        sort = LeadSort.RELEVANCE.value
    try:
        page = max(1, min(int(_get(raw, "page") or 1), MAX_PAGE))
    except ValueError:
        page = 1
    verified = _get(raw, "verified").lower() in ("1", "true", "on", "yes")
    return SearchParams(
        q=_get(raw, "q")[:200],
        kind=kind,
        hs=hs,
        verified=verified,
        committee=_get(raw, "committee")[:60],
        price_min=price_min,
        price_max=price_max,
        sort=sort,
        page=page,
        reach_from=reach_from,
        reach_days=reach_days,
        errors=errors,
        **codes,
    )


def clean_params(raw) -> SearchParams:
    """Like :func:`parse_params`, but raises ValidationError (field → messages) on invalid input."""
    params = raw if isinstance(raw, SearchParams) else parse_params(raw)
    if params.errors:
        raise ValidationError(params.errors)
    return params
