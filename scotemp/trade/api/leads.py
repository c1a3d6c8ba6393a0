"""Leads API under /api/v1/: search (``GET /leads?q=…`` with facets, paged), CRUD and the lifecycle.

Same rules as the pages, since both call the same actions: published leads are public; drafts,
paused, expired and closed leads exist only for the owning organization's members and operators (404
for everybody else); only members of the owning organization change a lead. Bodies are validated by
the page's form: 422 with ``{"detail", "errors": {field: […]}}``; a lifecycle action the lead's
status does not allow is 409."""

import dataclasses
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import prefetch_related_objects
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from scotemp.core.api import ERRORS, ErrorOut, PageParams, form_data, invalid, page_of, public_auth, run
from scotemp.core.api.schema import OPTIONAL_AUTH
from scotemp.core.pagecache import anonymous_api_page

from .. import actions, queries
from ..forms import LeadForm, lead_initial, lead_values
from ..models import Lead
from ..search import clean_params, search
from .schemas import LeadFilters, LeadIn, LeadOut, LeadPage, LeadPatch, RenewIn, lead_out

router = Router(tags=["leads"])


def _form_data(payload: dict) -> dict:
    data = form_data({k: v for k, v in payload.items() if k != "publish"})
    if isinstance(data.get("attributes"), list):
        data["attributes"] = [dict(row) for row in data["attributes"]]
    for key, value in list(data.items()):
        if isinstance(value, bool):
            data[key] = value or ""  # the form reads "" as unchecked
    return data


def _reload(request, lead: Lead) -> Lead:
    return queries.lead_for_viewer(request.user, lead.public_id)


# What ``lead_out`` reads through relations (units, currency, Incoterm and origin are given as codes).
API_RELATED = ("organization", "organization__profile", "hs_code", "incoterm_place", "committee")


def _search(request, filters: LeadFilters, paging: PageParams) -> dict:
    params = dataclasses.replace(clean_params(filters.model_dump()), page=paging.page)
    result = search(params, request.user, per_page=paging.limit, related=API_RELATED)
    # What ``lead_out`` reads beyond the page query's joins, in one query per relation whatever
    # the page size: the acceptable countries, and the author when contacts are shown.
    related = ["countries", "author"] if request.user.is_authenticated else ["countries"]
    prefetch_related_objects(result.leads, *related)
    body = page_of(
        request,
        paging,
        [lead_out(lead, request.user, editable=False) for lead in result.leads],
        result.total,
        exact=not result.total_capped,
    )
    return {**body, "facets": result.facets}


@router.get(
    "/leads",
    response={200: LeadPage, 422: ErrorOut},
    auth=public_auth(),
    openapi_extra=OPTIONAL_AUTH,
    summary="Search open leads: words in any of the three languages, filters and facets, paged",
)
def list_leads(request, filters: Query[LeadFilters], paging: Query[PageParams]):  # type: ignore[valid-type]
    # The same answer for every anonymous caller: kept for a minute (core.pagecache); 422s are not kept.
    page = lambda: _search(request, filters, paging)  # noqa: E731
    body, error = run(anonymous_api_page, request, "api-leads", LeadPage, page)
    return error or body


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
        return invalid(form)
    lead, error = run(actions.create_lead, request.user, organization, lead_values(form), payload.publish)
    if error:
        return error
    return Status(201, lead_out(_reload(request, lead), request.user, editable=True))


@router.get(
    "/leads/{public_id}",
    response={200: LeadOut, 404: ErrorOut, 422: ErrorOut},
    auth=public_auth(),
    openapi_extra=OPTIONAL_AUTH,
    summary="One lead",
)
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
        return invalid(form)
    lead, error = run(actions.update_lead, request.user, lead, lead_values(form))
    if error:
        return error
    return lead_out(_reload(request, lead), request.user, editable=True)


def _lifecycle(action):
    def endpoint(request, public_id: UUID):
        lead = queries.editable_lead(request.user, public_id)
        result, error = run(getattr(actions, f"{action}_lead"), request.user, lead)
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
    lead, error = run(actions.renew_lead, request.user, lead, valid_until)
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
