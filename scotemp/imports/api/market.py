"""``GET /api/v1/imports/showcase``: SCO offers to China by origin country and HS chapter, with what
importing them requires; ``GET /api/v1/imports/demand``: Chinese buyers' requests aggregated by HS
heading, origin wanted and quarter, without the buyers' names (a single request's quantity only as
an order of magnitude: ``quantity`` null, ``quantity_from``/``quantity_to`` given)."""

import uuid
from decimal import Decimal

from django.utils.translation import gettext as _
from ninja import Router, Schema

from scotemp.core.api import ErrorOut, public_auth
from scotemp.core.api.schema import OPTIONAL_AUTH

from ..queries import demand_signals, showcase
from .params import parameter, query_value
from .requirements import ChecklistOut, checklist_out

router = Router(auth=public_auth())


class ShowcaseOfferOut(Schema):
    public_id: uuid.UUID
    title: str
    title_language: str
    hs_code: str
    quantity: Decimal
    unit: str
    organization: str


class ShowcaseGroupOut(Schema):
    country: str
    country_name: str
    chapter: str
    chapter_name: str
    count: int
    offers: list[ShowcaseOfferOut]
    checklist: ChecklistOut


class ShowcaseOut(Schema):
    total: int
    groups: list[ShowcaseGroupOut]


class AmountOut(Schema):
    unit: str
    requests: int
    quantity: Decimal | None
    quantity_from: Decimal | None
    quantity_to: Decimal | None


class DemandRowOut(Schema):
    heading: str
    heading_name: str
    origin: str | None
    origin_name: str | None
    year: int
    quarter: int
    requests: int
    cities: list[str]
    amounts: list[AmountOut]


class DemandOut(Schema):
    total_requests: int
    rows: list[DemandRowOut]


COUNTRY_PATTERN = "^[A-Za-z]{2}$"
CHAPTER_PATTERN = "^[0-9]{2}$"
HEADING_PATTERN = "^[0-9]{2}([0-9]{2})?$"


def _country(request, name: str):
    value, error = query_value(request, name, COUNTRY_PATTERN, _("Enter a two-letter country code."))
    return value.upper(), error


@router.get(
    "/showcase",
    response={200: ShowcaseOut, 422: ErrorOut},
    openapi_extra={
        **OPTIONAL_AUTH,
        "parameters": [
            parameter("country", COUNTRY_PATTERN, "Origin country, e.g. KZ."),
            parameter("chapter", CHAPTER_PATTERN, "HS chapter, e.g. 10."),
        ],
    },
)
def get_showcase(request):
    country, error = _country(request, "country")
    if error:
        return error
    chapter, error = query_value(request, "chapter", CHAPTER_PATTERN, _("Enter an HS chapter of two digits."))
    if error:
        return error
    result = showcase(country=country, chapter=chapter)
    groups = []
    for group in result.groups:
        offers = []
        for lead in group.leads:
            title, language = lead.display_title, lead.display_language
            offers.append(
                {
                    "public_id": lead.public_id,
                    "title": title,
                    "title_language": language,
                    "hs_code": lead.hs_code_id,
                    "quantity": lead.quantity,
                    "unit": lead.unit_id,
                    "organization": lead.organization.name,
                }
            )
        groups.append(
            {
                "country": group.country.pk,
                "country_name": group.country.name,
                "chapter": group.chapter_code,
                "chapter_name": group.chapter.description if group.chapter else "",
                "count": group.count,
                "offers": offers,
                "checklist": checklist_out(group.checklist),
            }
        )
    return {"total": result.total, "groups": groups}


@router.get(
    "/demand",
    response={200: DemandOut, 422: ErrorOut},
    openapi_extra={
        **OPTIONAL_AUTH,
        "parameters": [
            parameter("origin", COUNTRY_PATTERN, "Origin wanted, e.g. KZ."),
            parameter("hs", HEADING_PATTERN, "HS chapter or heading."),
        ],
    },
)
def get_demand(request):
    origin, error = _country(request, "origin")
    if error:
        return error
    heading, error = query_value(
        request, "hs", HEADING_PATTERN, _("Enter an HS chapter (2 digits) or heading (4 digits).")
    )
    if error:
        return error
    result = demand_signals(origin=origin, heading=heading)
    return {
        "total_requests": result.total_requests,
        "rows": [
            {
                "heading": row.heading,
                "heading_name": row.heading_name.description if row.heading_name else "",
                "origin": row.origin.pk if row.origin else None,
                "origin_name": row.origin.name if row.origin else None,
                "year": row.year,
                "quarter": row.quarter,
                "requests": row.requests,
                "cities": row.cities,
                "amounts": [
                    {
                        "unit": amount.unit.pk,
                        "requests": amount.requests,
                        "quantity": amount.total if amount.precise else None,
                        "quantity_from": None if amount.precise else amount.low,
                        "quantity_to": None if amount.precise else amount.high,
                    }
                    for amount in row.amounts
                ],
            }
            for row in result.rows
        ],
    }
