"""Request and response bodies of the leads API, and the one function that shapes a lead for a
viewer (:func:`lead_out`)."""

import datetime
from decimal import Decimal
from typing import Literal
from uuid import UUID

from django.urls import reverse
from ninja import Field, Schema

from scotemp.core.api import Page
from scotemp.core.api.schema import JsonObject, decimal_in

from .. import queries
from ..actions.leads import allowed_actions
from ..choices import LANGUAGE_SUFFIX, LeadKind, LeadSort, LeadStatus
from ..models import Lead

CODE2 = r"^([A-Za-z]{2})?$"
CODE3 = r"^([A-Za-z]{3})?$"
PRICE_MAX = Decimal("999999999999.9999")
QUANTITY = decimal_in(16, 3, positive=True)
PRICE = decimal_in(16, 4, positive=True)


class LeadFilters(Schema):
    """The search's filters, as on the search page; an empty value means "any"."""

    q: str = Field("", max_length=200, description="Words in any of the three languages (all must match).")
    kind: LeadKind | None = None
    hs: str = Field(
        "",
        pattern=r"^([0-9]{2}|[0-9]{4}|[0-9]{6})?$",
        description="HS chapter (2 digits), heading (4) or subheading (6).",
    )
    origin: str = Field("", pattern=CODE2, description="Country of origin, ISO 3166 alpha-2.")
    destination: str = Field("", pattern=CODE2, description="A country the lead accepts, ISO 3166 alpha-2.")
    incoterm: str = Field("", pattern=CODE3, description="Incoterms 2020 rule, e.g. FCA.")
    committee: str = Field("", max_length=60, description="Committee slug.")
    verified: bool = Field(False, description="Only leads of verified organizations.")
    currency: str = Field("", pattern=CODE3, description="ISO 4217; required with a price range.")
    price_min: Decimal | None = Field(None, ge=0, le=PRICE_MAX)
    price_max: Decimal | None = Field(None, ge=0, le=PRICE_MAX)
    sort: LeadSort = LeadSort.RELEVANCE


class AttributeRow(JsonObject):
    key: str
    value: str


class LeadPatch(JsonObject):
    """Every field optional: PATCH changes only what is sent."""

    kind: LeadKind | None = None
    language: str | None = None
    title: str | None = None
    description: str | None = None
    title_zh_hans: str | None = None
    title_ru: str | None = None
    title_en: str | None = None
    description_zh_hans: str | None = None
    description_ru: str | None = None
    description_en: str | None = None
    hs_code: str | None = None
    specification: str | None = None
    attributes: dict[str, str] | list[AttributeRow] | None = None
    quantity: QUANTITY | None = None
    unit: str | None = None
    min_order: QUANTITY | None = None
    price: PRICE | None = None
    currency: str | None = None
    price_unit: str | None = None
    price_on_request: bool | None = None
    incoterm: str | None = None
    incoterm_place: str | None = None
    origin_country: str | None = None
    countries: list[str] | None = None
    delivery_from: datetime.date | None = None
    delivery_until: datetime.date | None = None
    payment_terms: list[str] | None = None
    certifications_held: list[str] | None = None
    certifications_required: list[str] | None = None
    valid_until: datetime.date | None = None
    committee: str | None = None


class LeadIn(LeadPatch):
    kind: LeadKind
    language: Literal[tuple(LANGUAGE_SUFFIX)]  # type: ignore[valid-type]
    title: str = Field(min_length=1, max_length=200)
    hs_code: str = Field(pattern=r"^[0-9]{4}(\.?[0-9]{2})?$", description="HS heading or subheading.")
    quantity: QUANTITY
    unit: str = Field(min_length=1, max_length=3)
    incoterm: str = Field(pattern=r"^[A-Za-z]{3}$")
    incoterm_place: str = Field(min_length=1, max_length=5)
    publish: bool = False


class RenewIn(JsonObject):
    valid_until: datetime.date | None = None


class LeadPlaceOut(Schema):
    locode: str
    name: str
    country: str


class LeadOrganizationOut(Schema):
    public_id: UUID
    name: str
    name_latin: str
    country: str
    verified: bool


class LeadContactsOut(Schema):
    person: str
    email: str
    phone: str


class LeadOut(Schema):
    public_id: UUID
    url: str
    kind: LeadKind
    status: LeadStatus
    language: str
    title: str
    title_language: str
    description: str
    titles: dict[str, str]
    hs_code: str
    hs_name: str
    specification: str
    attributes: dict[str, str]
    quantity: Decimal
    unit: str
    min_order: Decimal | None
    price: Decimal | None
    currency: str | None
    price_unit: str | None
    price_on_request: bool
    incoterm: str
    incoterm_place: LeadPlaceOut
    origin_country: str | None
    countries: list[str]
    delivery_from: datetime.date | None
    delivery_until: datetime.date | None
    payment_terms: list[str]
    certifications_held: list[str]
    certifications_required: list[str]
    valid_until: datetime.date
    published_at: datetime.datetime | None
    committee: str | None
    organization: LeadOrganizationOut
    contacts: LeadContactsOut | None = None
    allowed_actions: list[str] = []


class LeadPage(Page[LeadOut]):
    facets: dict[str, list[tuple[str, int]]] = Field(
        default_factory=dict,
        description="Per facet, (value, number of matching leads), most first; "
        "empty when the count is capped.",
    )


def lead_out(lead: Lead, viewer, editable: bool | None = None) -> dict:
    """The API view of a lead for ``viewer``: texts in the active language (author's as fallback),
    contacts only for signed-in viewers, lifecycle actions only for those who may change it."""
    title, title_language = queries.text_in(lead, "title")
    description, _lang = queries.text_in(lead, "description")
    place = lead.incoterm_place
    organization = lead.organization
    if editable is None:
        editable = queries.can_edit(viewer, lead)
    contacts = queries.contacts_for(lead, viewer)
    return {
        "public_id": lead.public_id,
        "url": reverse("trade:lead_detail", args=[lead.public_id]),
        "kind": lead.kind,
        "status": lead.status,
        "language": lead.language,
        "title": title,
        "title_language": title_language,
        "description": description,
        "titles": {code: getattr(lead, f"title_{sfx}") or "" for code, sfx in LANGUAGE_SUFFIX.items()},
        "hs_code": lead.hs_code_id,
        "hs_name": queries.hs_name(lead.hs_code),
        "specification": lead.specification,
        "attributes": lead.attributes or {},
        "quantity": lead.quantity,
        "unit": lead.unit_id,
        "min_order": lead.min_order,
        "price": lead.price,
        "currency": lead.currency_id,
        "price_unit": lead.price_unit_id,
        "price_on_request": lead.price_on_request,
        "incoterm": lead.incoterm_id,
        "incoterm_place": {"locode": place.locode, "name": place.name, "country": place.country_id},
        "origin_country": lead.origin_country_id,
        "countries": sorted(c.iso2 for c in lead.countries.all()),
        "delivery_from": lead.delivery_from,
        "delivery_until": lead.delivery_until,
        "payment_terms": lead.payment_terms or [],
        "certifications_held": lead.certifications_held or [],
        "certifications_required": lead.certifications_required or [],
        "valid_until": lead.valid_until,
        "published_at": lead.published_at,
        "committee": lead.committee.slug if lead.committee_id else None,
        "organization": {
            "public_id": organization.public_id,
            "name": organization.name,
            "name_latin": organization.name_latin,
            "country": organization.country_id,
            "verified": queries.is_verified(organization),
        },
        "contacts": contacts.__dict__ if contacts else None,
        "allowed_actions": allowed_actions(lead.status) if editable else [],
    }
