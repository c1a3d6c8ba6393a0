"""Public read-only API of the reference tables, under /api/v1/reference/.

Names come in the request's language (``Accept-Language: zh-hans|ru|en``), falling back to English
where a translation is missing (an HS code whose platform translation is not written yet). Anyone
may read them: a token or a session is optional, and each endpoint declares the statuses it can
answer (404 for an unknown code, 422 for a parameter outside its choices or format).
"""

import datetime
import re
from decimal import Decimal
from typing import Annotated, Literal

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from pydantic import BeforeValidator

from scotemp.core.api import ErrorOut, Page, PageParams, error_body, paginate, public_auth
from scotemp.core.api.schema import OPTIONAL_AUTH

from . import queries
from .choices import HSLevel, LocationFunction, SCOStatus, TransportMode
from .models import Country, Currency, Incoterm, RetiredIncoterm, SCOStatusPeriod, Unit

router = Router(tags=["reference"], auth=public_auth())
PUBLIC = {"openapi_extra": OPTIONAL_AUTH}
ISO2 = r"^[A-Za-z]{2}$"


def _iso_date_only(value):
    """A date as the schema says, ``YYYY-MM-DD``: not a number read as a timestamp."""
    if not isinstance(value, datetime.date) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)):
        raise ValueError(_("Enter a date as YYYY-MM-DD."))
    return value


IsoDate = Annotated[datetime.date, BeforeValidator(_iso_date_only)]


class SCOPeriodOut(Schema):
    status: SCOStatus
    status_label: str
    start: datetime.date
    end: datetime.date | None
    note: str


class CountryOut(Schema):
    iso2: str
    iso3: str
    name: str
    currency: str | None
    sco_status: SCOStatus | None
    sco_status_label: str | None
    sco_since: datetime.date | None


class CountryDetailOut(CountryOut):
    sco_history: list[SCOPeriodOut]


class CurrencyOut(Schema):
    code: str
    numeric: str
    name: str
    minor_units: int | None


class HSCodeOut(Schema):
    code: str
    level: HSLevel
    description: str
    parent: str | None
    section: int
    section_roman: str


class HSDetailOut(HSCodeOut):
    section_name: str
    path: list[HSCodeOut]
    children: list[HSCodeOut]


class IncotermOut(Schema):
    code: str
    name: str
    transport_mode: TransportMode
    transport_mode_label: str


class WithdrawnIncotermOut(Schema):
    code: str
    name: str
    withdrawn_in: int
    use_instead: str


class IncotermsOut(Schema):
    rules: list[IncotermOut]
    withdrawn: list[WithdrawnIncotermOut]


class UnitOut(Schema):
    code: str
    name: str
    symbol: str


class LocationOut(Schema):
    locode: str
    name: str
    label: str = Field(description="Name, country and code, as forms show and accept it.")
    country: str
    country_name: str
    latitude: Decimal | None
    longitude: Decimal | None
    functions: list[LocationFunction]


class CountryFilter(Schema):
    sco: Literal["member", "partner", "any"] | None = Field(
        None, description="Only SCO member states, partners (every other status) or both, on ``on``."
    )
    on: IsoDate | None = Field(None, description="The day the SCO status is read for (default today).")


class LocationFilter(Schema):
    country: str | None = Field(None, pattern=ISO2, description="ISO 3166 alpha-2 code, e.g. CN.")
    function: LocationFunction | None = None
    q: str = Field(
        "",
        max_length=100,
        description="A UN/LOCODE or part of a name in Chinese, Russian or English (with or without "
        "diacritics), e.g. KZKSN, Костанай, 科斯塔奈, Kostanay.",
    )


def _country_out(country: Country, period=None) -> dict:
    return {
        "iso2": country.iso2,
        "iso3": country.iso3,
        "name": country.name,
        "currency": country.currency_id,
        "sco_status": period.status if period else None,
        "sco_status_label": str(SCOStatus(period.status).label) if period else None,
        "sco_since": period.start if period else None,
    }


def _hs_out(hs) -> dict:
    return {
        "code": hs.code,
        "level": hs.level,
        "description": hs.description,
        "parent": hs.parent_id,
        "section": hs.section_id,
        "section_roman": hs.section.roman,
    }


@router.get("/countries", response={200: list[CountryOut], 422: ErrorOut}, **PUBLIC)
def list_countries(request, filters: Query[CountryFilter]):
    """Countries sorted by name in the request's language (pinyin order in Chinese);
    ``sco=member|partner|any`` limits them to the SCO on ``on`` (default today), members first."""
    if filters.sco is None:
        on = filters.on or queries.today()
        active = {p.country_id: p for p in SCOStatusPeriod.objects.active_on(on)}
        return [_country_out(c, active.get(c.iso2)) for c in queries.countries_by_name()]
    return [_country_out(s.country, s.period) for s in queries.sco_countries(filters.on, filters.sco)]


@router.get("/countries/{iso2}", response={200: CountryDetailOut, 404: ErrorOut, 422: ErrorOut}, **PUBLIC)
def get_country(request, iso2: str = Path(..., pattern=ISO2), on: IsoDate | None = None):
    country = get_object_or_404(Country, iso2=iso2.upper())
    history = list(country.sco_statuses.order_by("start"))
    on = on or queries.today()
    current = next((p for p in history if p.start <= on and (p.end is None or p.end > on)), None)
    return {
        **_country_out(country, current),
        "sco_history": [
            {
                "status": p.status,
                "status_label": str(SCOStatus(p.status).label),
                "start": p.start,
                "end": p.end,
                "note": p.note,
            }
            for p in history
        ],
    }


@router.get("/currencies", response={200: list[CurrencyOut]}, **PUBLIC)
def list_currencies(request):
    return list(Currency.objects.all())


@router.get("/hs", response={200: list[HSCodeOut]}, **PUBLIC)
def list_hs_chapters(request):
    """The HS 2022 chapters; open one with /hs/{code}."""
    return [_hs_out(hs) for hs in queries.hs_children().select_related("section")]


@router.get("/hs/{code}", response={200: HSDetailOut, 404: ErrorOut}, **PUBLIC)
def get_hs(request, code: str):
    """One HS code with its path from the chapter and its children."""
    hs = queries.hs_lookup(code)
    if hs is None:
        message = _("HS code “%(code)s” does not exist in the HS 2022 nomenclature.") % {"code": code}
        return Status(404, error_body(message, "code"))
    return {
        **_hs_out(hs),
        "section_name": hs.section.name,
        "path": [_hs_out(p) for p in queries.hs_path(hs)[:-1]],
        "children": [_hs_out(child) for child in queries.hs_children(hs.code).select_related("section")],
    }


@router.get("/incoterms", response={200: IncotermsOut}, **PUBLIC)
def list_incoterms(request):
    """The 11 Incoterms 2020 rules, and the withdrawn codes with the rule to use instead."""
    return {
        "rules": [
            {
                "code": rule.code,
                "name": rule.name,
                "transport_mode": rule.transport_mode,
                "transport_mode_label": rule.get_transport_mode_display(),
            }
            for rule in Incoterm.objects.all()
        ],
        "withdrawn": [
            {"code": r.code, "name": r.name, "withdrawn_in": r.retired_in, "use_instead": r.replaced_by_id}
            for r in RetiredIncoterm.objects.all()
        ],
    }


@router.get("/units", response={200: list[UnitOut]}, **PUBLIC)
def list_units(request):
    return list(Unit.objects.all())


@router.get(
    "/locations", response={200: Page[LocationOut], 422: ErrorOut}, url_name="reference_locations", **PUBLIC
)
def list_locations(request, filters: Query[LocationFilter], paging: Query[PageParams]):  # type: ignore[valid-type]
    """UN/LOCODE places, a page at a time; ``q`` finds them by code or by name in any of the three
    languages (best matches first), ``country`` (ISO alpha-2) and ``function`` (port, rail …) narrow
    them. Names come in the request's language; places without a Chinese or Russian name keep
    their UN/LOCODE name."""
    places = queries.locations(filters.country, filters.function, filters.q)
    return paginate(request, places, paging, transform=lambda rows: [_location_out(p) for p in rows])


def _location_out(place) -> dict:
    return {
        "locode": place.locode,
        "name": place.name,
        "label": queries.place_label(place),
        "country": place.country_id,
        "country_name": place.country.name,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "functions": place.functions,
    }
