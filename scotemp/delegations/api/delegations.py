"""Delegations under /api/v1/delegations: the list (paged; upcoming or past, by direction, country
and committee), the yearly report (operator), one delegation with its programme, members and
outcomes; for the organizer: create, change, change the status."""

from typing import Literal
from uuid import UUID

from django.http import Http404
from ninja import Query, Router, Status

from scotemp.core.api import (
    ERRORS,
    PUBLIC_ERRORS,
    Page,
    PageParams,
    form_data,
    invalid,
    paginate,
    public_auth,
    run,
)
from scotemp.core.api.schema import OPTIONAL_AUTH
from scotemp.core.permissions import is_operator

from .. import queries
from ..actions import delegations as delegation_actions
from ..forms import CITY_FIELDS, DelegationForm
from .shapes import (
    DelegationDetailOut,
    DelegationIn,
    DelegationOut,
    DelegationStatusIn,
    DelegationTotalsOut,
    DirectionCode,
    delegation_detail,
    delegation_out,
    fresh_detail,
)

router = Router(tags=["delegations"])

LANGS = ("en", "ru", "zh_hans")


def _delegation_data(payload: dict, delegation=None) -> dict:
    """Form data for :class:`DelegationForm`: the delegation's values (for a change) overlaid with
    what the payload gives; ``cities`` fill the city fields."""
    data: dict = {}
    if delegation is not None:
        data = {
            "direction": delegation.direction,
            "country": delegation.country_id,
            "starts_on": delegation.starts_on,
            "ends_on": delegation.ends_on,
            "committee": delegation.committee_id or "",
            "head_name": delegation.head_name,
            "members_note": delegation.members_note,
            "published": "on" if delegation.published else "",
            **{
                f"{n}_{c}": getattr(delegation, f"{n}_{c}") or ""
                for n in ("title", "purpose", "head_title")
                for c in LANGS
            },
            **dict(zip(CITY_FIELDS, [c.locode for c in delegation.cities.all()], strict=False)),
        }
    given = {k: v for k, v in payload.items() if v is not None}
    if "cities" in given:
        for name in CITY_FIELDS:
            data.pop(name, None)
        data.update(zip(CITY_FIELDS, given.pop("cities"), strict=False))
    if "committee" in given:
        from scotemp.committees.models import Committee

        slug = given.pop("committee")
        committee = Committee.objects.filter(slug=slug).first() if slug else None
        data["committee"] = committee.pk if committee else ("" if not slug else "-1")
    if "published" in given:
        data["published"] = "on" if given.pop("published") else ""
    data.update(form_data(given))
    return data


@router.get(
    "",
    response={200: Page[DelegationOut], **PUBLIC_ERRORS},
    auth=public_auth(),
    openapi_extra=OPTIONAL_AUTH,
    summary="Delegations",
    operation_id="scotemp_delegations_api_list_delegations",
)
def list_delegations(
    request,
    params: Query[PageParams],
    when: Literal["upcoming", "past"] = "upcoming",
    direction: DirectionCode | None = None,  # type: ignore[valid-type]
    country: str = Query("", max_length=2, description="ISO alpha-2"),
    committee: str = Query("", max_length=50, description="Committee slug"),
):
    qs = queries.delegation_list(
        request.user, when=when, direction=direction or "", country=country, committee=committee
    ).prefetch_related("cities")
    return paginate(request, qs, params, transform=lambda rows: [delegation_out(request, d) for d in rows])


@router.post(
    "",
    response={201: DelegationDetailOut, **ERRORS},
    summary="Create a delegation (organizer)",
    operation_id="scotemp_delegations_api_create_delegation",
)
def create_delegation(request, payload: DelegationIn):
    if not queries.can_create(request.user):
        raise Http404
    form = DelegationForm(_delegation_data(payload.model_dump()), user=request.user)
    if not form.is_valid():
        return invalid(form)
    delegation, error = run(delegation_actions.create_delegation, request.user, form.cleaned_data)
    return error or Status(201, fresh_detail(request, delegation))


@router.get(
    "/report",
    response={200: DelegationTotalsOut, **ERRORS},
    summary="Delegations by year, direction and country; outcomes by kind (operator)",
    operation_id="scotemp_delegations_api_report",
)
def report(request, year: int | None = Query(None, ge=2000, le=2100)):
    if not is_operator(request.user):
        raise Http404
    totals = queries.totals(year)
    return {
        "delegations": [
            {
                **{k: r[k] for k in ("year", "direction", "count")},
                "country": r["country_id"],
                "country_name": r["country_name"],
            }
            for r in totals["delegations"]
        ],
        "outcomes": [{k: r[k] for k in ("year", "kind", "count")} for r in totals["outcomes"]],
    }


@router.get(
    "/{public_id}",
    response={200: DelegationDetailOut, **PUBLIC_ERRORS},
    auth=public_auth(),
    openapi_extra=OPTIONAL_AUTH,
    summary="One delegation with its programme, members and outcomes",
    operation_id="scotemp_delegations_api_get_delegation",
)
def get_delegation(request, public_id: UUID):
    return delegation_detail(request, queries.delegation_for_viewer(request.user, public_id))


@router.patch(
    "/{public_id}",
    response={200: DelegationDetailOut, **ERRORS},
    summary="Change a delegation (organizer)",
    operation_id="scotemp_delegations_api_patch_delegation",
)
def patch_delegation(request, public_id: UUID, payload: DelegationIn):
    delegation = queries.organized_delegation(request.user, public_id)
    form = DelegationForm(_delegation_data(payload.model_dump(), delegation), user=request.user)
    if not form.is_valid():
        return invalid(form)
    result, error = run(delegation_actions.update_delegation, request.user, delegation, form.cleaned_data)
    return error or fresh_detail(request, result)


@router.post(
    "/{public_id}/status",
    response={200: DelegationDetailOut, **ERRORS},
    summary="Change the status (organizer)",
    operation_id="scotemp_delegations_api_change_status",
)
def change_status(request, public_id: UUID, payload: DelegationStatusIn):
    delegation = queries.organized_delegation(request.user, public_id)
    result, error = run(
        delegation_actions.change_status, request.user, delegation, payload.status, payload.reason
    )
    return error or fresh_detail(request, result)
