"""Leads API under /api/v1/: search (``GET /leads?q=…`` with facets), CRUD, lifecycle actions and the
HS picker (``GET /hs?q=``).

Same rules as the pages: published leads are public; drafts, paused, expired and closed leads exist
only for the owning organization's members and operators (404 for everybody else); only members of
the owning organization change a lead. Field errors are 422 with ``{"detail", "errors": {field:
[…]}}``; a lifecycle action the lead's status does not allow is 409. Errors follow
:mod:`scotemp.core.api.errors`."""

import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from scotemp.core.api.auth import public_auth
from scotemp.core.api.errors import ErrorOut, validation_body, validation_status

from . import actions, queries
from .choices import LeadKind
from .forms import LeadForm, lead_initial, lead_values
from .hs_picker import search_hs
from .models import Lead

router = Router(tags=["leads"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


# --- schemas ----------------------------------------------------------------------------------------


class AttributeRow(Schema):
    key: str
    value: str


class LeadPatch(Schema):
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
    quantity: Decimal | None = None
    unit: str | None = None
    min_order: Decimal | None = None
    price: Decimal | None = None
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
    title: str
    hs_code: str
    quantity: Decimal
    unit: str
    incoterm: str
    incoterm_place: str
    publish: bool = False


class RenewIn(Schema):
    valid_until: datetime.date | None = None


class PlaceOut(Schema):
    locode: str
    name: str
    country: str


class OrganizationOut(Schema):
    public_id: UUID
    name: str
    name_latin: str
    country: str
    verified: bool


class ContactsOut(Schema):
    person: str
    email: str
    phone: str


class LeadOut(Schema):
    public_id: UUID
    url: str
    kind: str
    status: str
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
    incoterm_place: PlaceOut
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
    organization: OrganizationOut
    contacts: ContactsOut | None = None
    allowed_actions: list[str] = []


class LeadListOut(Schema):
    total: int
    total_is_lower_bound: bool = Field(
        False, description="True when more leads match than ``total`` (the count stops at 10,000)."
    )
    results: list[LeadOut]
    facets: dict[str, Any] = {}


class HSPathOut(Schema):
    code: str
    name: str


class HSOut(Schema):
    code: str
    level: int
    name: str
    path: list[HSPathOut]


# --- helpers ----------------------------------------------------------------------------------------


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
        "titles": {
            code: getattr(lead, f"title_{sfx}") or "" for code, sfx in queries.LANGUAGE_SUFFIX.items()
        },
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
        "allowed_actions": actions.allowed_actions(lead.status) if editable else [],
    }


def _form_data(payload: dict) -> dict:
    data = {k: v for k, v in payload.items() if k != "publish"}
    if isinstance(data.get("attributes"), list):
        data["attributes"] = [dict(row) for row in data["attributes"]]
    for key, value in list(data.items()):
        if value is None:
            data[key] = ""  # the form reads "" as empty
        elif isinstance(value, bool):
            data[key] = value or ""
    return data


def _invalid(form: LeadForm):
    errors = {field: [str(m) for m in messages] for field, messages in form.errors.items()}
    first = next(iter(errors.values()), [""])
    detail = first[0] if len(errors) == 1 and len(first) == 1 else _("Some fields are not valid.")
    return Status(422, {"detail": detail, "errors": errors})


def _run(fn, *args):
    """Call an action: a conflict stays an exception (409), other rule errors become 422."""
    try:
        return fn(*args), None
    except ValidationError as exc:
        if validation_status(exc) == 409:
            raise
        return None, Status(422, validation_body(exc))


def _reload(request, lead: Lead) -> Lead:
    return queries.lead_for_viewer(request.user, lead.public_id)


# --- endpoints --------------------------------------------------------------------------------------


@router.get(
    "/leads",
    response={200: LeadListOut, **ERRORS},
    auth=public_auth(),
    summary="Search leads: text in q (any of the three languages) and facets",
)
def list_leads(
    request,
    q: str = "",
    kind: str = "",
    hs: str = "",
    origin: str = "",
    destination: str = "",
    incoterm: str = "",
    committee: str = "",
    verified: bool = False,
    currency: str = "",
    price_min: Decimal | None = None,
    price_max: Decimal | None = None,
    sort: str = "relevance",
    page: int = 1,
):
    params = {
        key: value
        for key, value in {
            "q": q,
            "kind": kind,
            "hs": hs,
            "origin": origin,
            "destination": destination,
            "incoterm": incoterm,
            "committee": committee,
            "verified": verified,
            "currency": currency,
            "price_min": price_min,
            "price_max": price_max,
            "sort": sort,
            "page": page,
        }.items()
        if value not in ("", None, False)
    }
    try:
        from scotemp.trade.search import search
    except ImportError:
        search = None
    capped = False
    if search is not None:
        try:
            result = search(params, request.user)
            leads, total, facets, capped = result.leads, result.total, result.facets, result.total_capped
        except ValidationError as exc:  # a facet value that is not valid: a field error
            return Status(422, validation_body(exc))
    else:  # until the search module lands: newest open leads, optionally of one kind
        qs = Lead.objects.open().select_related(*queries.DETAIL_RELATED).prefetch_related("countries")
        if kind:
            qs = qs.filter(kind=kind)
        total, facets = qs.count(), {}
        leads = qs[(page - 1) * 20 : page * 20]
    return {
        "total": total,
        "total_is_lower_bound": capped,
        "results": [lead_out(lead, request.user, editable=False) for lead in leads],
        "facets": facets,
    }


@router.post(
    "/leads", response={201: LeadOut, **ERRORS}, summary="Create a lead (a draft unless publish is true)"
)
def create_lead(request, payload: LeadIn):
    organization = getattr(request, "active_organization", None)
    if organization is None:
        raise PermissionDenied(_("Join or register an organization to post leads."))
    data = payload.model_dump(exclude_unset=True)
    data.setdefault("language", translation.get_language() or "en")
    form = LeadForm(_form_data(data))
    if not form.is_valid():
        return _invalid(form)
    lead, error = _run(actions.create_lead, request.user, organization, lead_values(form), payload.publish)
    if error:
        return error
    return Status(201, lead_out(_reload(request, lead), request.user, editable=True))


@router.get("/leads/{public_id}", response={200: LeadOut, **ERRORS}, auth=public_auth(), summary="One lead")
def get_lead(request, public_id: UUID):
    return lead_out(queries.lead_for_viewer(request.user, public_id), request.user)


@router.patch("/leads/{public_id}", response={200: LeadOut, **ERRORS}, summary="Change a lead")
def patch_lead(request, public_id: UUID, payload: LeadPatch):
    lead = queries.editable_lead(request.user, public_id)
    actions.ensure_allowed("edit", lead)
    data = lead_initial(lead)
    data.update(payload.model_dump(exclude_unset=True))
    form = LeadForm(_form_data(data))
    if not form.is_valid():
        return _invalid(form)
    lead, error = _run(actions.update_lead, request.user, lead, lead_values(form))
    if error:
        return error
    return lead_out(_reload(request, lead), request.user, editable=True)


def _lifecycle(action):
    def endpoint(request, public_id: UUID):
        lead = queries.editable_lead(request.user, public_id)
        result, error = _run(getattr(actions, f"{action}_lead"), request.user, lead)
        if error:
            return error
        return lead_out(_reload(request, result), request.user, editable=True)

    endpoint.__name__ = f"{action}_lead"
    return endpoint


router.post("/leads/{public_id}/publish", response={200: LeadOut, **ERRORS}, summary="Publish a lead")(
    _lifecycle("publish")
)
router.post("/leads/{public_id}/pause", response={200: LeadOut, **ERRORS}, summary="Pause a published lead")(
    _lifecycle("pause")
)
router.post("/leads/{public_id}/close", response={200: LeadOut, **ERRORS}, summary="Close a lead (final)")(
    _lifecycle("close")
)


@router.post(
    "/leads/{public_id}/renew",
    response={200: LeadOut, **ERRORS},
    summary="Extend a lead's validity (at most one year from today); an expired lead is published again",
)
def renew_lead(request, public_id: UUID, payload: RenewIn | None = None):
    lead = queries.editable_lead(request.user, public_id)
    valid_until = payload.valid_until if payload else None
    lead, error = _run(actions.renew_lead, request.user, lead, valid_until)
    if error:
        return error
    return lead_out(_reload(request, lead), request.user, editable=True)


@router.post(
    "/leads/{public_id}/duplicate", response={201: LeadOut, **ERRORS}, summary="Copy a lead into a new draft"
)
def duplicate_lead(request, public_id: UUID):
    lead = queries.editable_lead(request.user, public_id)
    copy = actions.duplicate_lead(request.user, lead)
    return Status(201, lead_out(_reload(request, copy), request.user, editable=True))


@router.get(
    "/hs",
    response={200: list[HSOut], **ERRORS},
    url_name="hs_picker",
    auth=public_auth(),
    summary="HS picker: headings and subheadings by code or name (Chinese, Russian, English)",
)
def hs_picker(request, q: str = "", limit: int = 10):
    return search_hs(q, limit=max(1, min(limit, 50)))
