"""Lane rates and service offers under /api/v1/logistics: the public lists (current rates with
filters, active offers), a provider's own, publishing (one, or many from a CSV file), changing and
withdrawing. A non-provider is refused (403) with a translated reason; another organization's rate is
404."""

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja import File, Query, Router, Status
from ninja.files import UploadedFile

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

from ...actions import freight as actions
from ...forms.freight import LaneRateForm, LaneRatePatchForm, ServiceOfferForm, parse_lane_rate_csv
from ...queries import freight as freight_queries
from .schemas import (
    CsvResultOut,
    EquipmentCode,
    KindCode,
    LaneRateIn,
    LaneRateOut,
    LaneRatePatch,
    ModeCode,
    ServiceOfferIn,
    ServiceOfferOut,
    ServiceOfferPatch,
    dec,
    org_out,
)

router = Router(tags=["logistics: freight"])


def rate_out(rate) -> dict:
    return {
        "public_id": rate.public_id,
        "provider": org_out(rate.provider),
        "origin": rate.origin_id,
        "destination": rate.destination_id,
        "mode": rate.mode,
        "equipment": rate.equipment,
        "basis": rate.basis,
        "price": dec(rate.price),
        "currency": rate.currency_id,
        "transit_days_min": rate.transit_days_min,
        "transit_days_max": rate.transit_days_max,
        "valid_from": rate.valid_from,
        "valid_until": rate.valid_until,
        "conditions": rate.conditions,
        "withdrawn": rate.withdrawn_at is not None,
        "is_demo": rate.is_demo,
    }


def _organization(request):
    organization = getattr(request, "active_organization", None)
    if organization is None:
        raise PermissionDenied(_("Join or register an organization first."))
    return organization


@router.get(
    "/lane-rates",
    response={200: Page[LaneRateOut], **PUBLIC_ERRORS},
    auth=public_auth(),
    openapi_extra=OPTIONAL_AUTH,
    summary="Current lane rates (valid today), filtered by origin, destination, mode, equipment",
)
def list_lane_rates(
    request,
    params: Query[PageParams],
    origin: str | None = Query(None, pattern=r"^[A-Za-z]{2}[A-Za-z0-9]{3}$"),
    destination: str | None = Query(None, pattern=r"^[A-Za-z]{2}[A-Za-z0-9]{3}$"),
    mode: ModeCode | None = None,
    equipment: EquipmentCode | None = None,
    provider: UUID | None = None,
):
    qs = freight_queries.current_lane_rates(origin, destination, mode, equipment, provider)
    return paginate(request, qs, params, transform=lambda rows: [rate_out(r) for r in rows])


@router.get(
    "/lane-rates/mine",
    response={200: Page[LaneRateOut], **ERRORS},
    summary="The lane rates of my organizations, withdrawn ones included",
)
def my_lane_rates(request, params: Query[PageParams]):
    qs = freight_queries.my_lane_rates(request.user)
    return paginate(request, qs, params, transform=lambda rows: [rate_out(r) for r in rows])


@router.post(
    "/lane-rates", response={201: LaneRateOut, **ERRORS}, summary="Publish a lane rate (providers only)"
)
def create_lane_rate(request, payload: LaneRateIn):
    organization = _organization(request)
    form = LaneRateForm(form_data(payload.model_dump()))
    if not form.is_valid():
        return invalid(form)
    rate, error = run(actions.publish_lane_rate, request.user, organization, form.cleaned_data)
    return error or Status(201, rate_out(rate))


@router.post(
    "/lane-rates/csv",
    response={201: CsvResultOut, **ERRORS},
    summary="Publish many lane rates from a CSV file: all or nothing, errors name row and field",
)
def upload_lane_rates(request, file: File[UploadedFile]):
    organization = _organization(request)
    rows, errors = parse_lane_rate_csv(file)
    if errors:
        first = next(iter(errors.values()))[0]
        detail = first if len(errors) == 1 else _("Some rows are not valid; nothing was published.")
        return Status(422, {"detail": detail, "errors": errors})
    rates, error = run(actions.publish_lane_rates, request.user, organization, rows)
    return error or Status(201, {"created": len(rates), "results": [rate_out(r) for r in rates]})


@router.patch(
    "/lane-rates/{public_id}", response={200: LaneRateOut, **ERRORS}, summary="Change a lane rate of mine"
)
def patch_lane_rate(request, public_id: UUID, payload: LaneRatePatch):
    rate = freight_queries.lane_rate_to_edit(request.user, public_id)
    data = form_data(payload.model_dump(exclude_unset=True))
    form = LaneRatePatchForm(data)
    if not form.is_valid():
        return invalid(form)
    _result, error = run(actions.edit_lane_rate, request.user, rate, form.cleaned_data)
    return error or rate_out(freight_queries.lane_rate_to_edit(request.user, public_id))


@router.delete(
    "/lane-rates/{public_id}", response={200: LaneRateOut, **ERRORS}, summary="Withdraw a lane rate of mine"
)
def delete_lane_rate(request, public_id: UUID):
    rate = freight_queries.lane_rate_to_edit(request.user, public_id)
    actions.withdraw_lane_rate(request.user, rate)
    return rate_out(freight_queries.lane_rate_to_edit(request.user, public_id))


# --- service offers ------------------------------------------------------------------------------------


def offer_out(offer) -> dict:
    return {
        "public_id": offer.public_id,
        "provider": org_out(offer.provider),
        "kind": offer.kind,
        "kind_label": str(offer.get_kind_display()),
        "title": offer.title,
        "description": offer.description,
        "language": offer.language,
        "countries": sorted(c.pk for c in offer.countries.all()),
        "places": sorted(p.pk for p in offer.places.all()),
        "conditions": offer.conditions,
        "withdrawn": offer.withdrawn_at is not None,
        "is_demo": offer.is_demo,
    }


@router.get(
    "/service-offers",
    response={200: Page[ServiceOfferOut], **PUBLIC_ERRORS},
    auth=public_auth(),
    openapi_extra=OPTIONAL_AUTH,
    summary="Active service offers, filtered by service, country or place served",
)
def list_service_offers(
    request,
    params: Query[PageParams],
    kind: KindCode | None = None,
    country: str | None = Query(None, pattern=r"^[A-Za-z]{2}$"),
    place: str | None = Query(None, pattern=r"^[A-Za-z]{2}[A-Za-z0-9]{3}$"),
    provider: UUID | None = None,
):
    qs = freight_queries.service_offers(kind, country, place, provider)
    return paginate(request, qs, params, transform=lambda rows: [offer_out(o) for o in rows])


@router.get(
    "/service-offers/mine",
    response={200: Page[ServiceOfferOut], **ERRORS},
    summary="My organizations' offers",
)
def my_service_offers(request, params: Query[PageParams]):
    qs = freight_queries.my_service_offers(request.user)
    return paginate(request, qs, params, transform=lambda rows: [offer_out(o) for o in rows])


def _offer_form(data: dict, partial_of=None):
    if partial_of is not None:  # PATCH: the stored values, overlaid with what was sent
        base = {
            "kind": partial_of.kind,
            "title": partial_of.title,
            "description": partial_of.description,
            "language": partial_of.language,
            "countries": [c.pk for c in partial_of.countries.all()],
            "places": [p.pk for p in partial_of.places.all()],
            "conditions": partial_of.conditions,
        }
        data = {**base, **{k: v for k, v in data.items() if v is not None}}
    data = dict(data)
    data["places"] = ",".join(data.get("places") or [])
    countries = data.pop("countries", None) or []
    form_input = form_data(data)
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for key, value in form_input.items():
        query[key] = value
    query.setlist("countries", countries)
    return ServiceOfferForm(query)


def _offer_args(form):
    values = dict(form.cleaned_data)
    return values, values.pop("countries", None) or [], values.pop("places", None) or []


@router.post(
    "/service-offers",
    response={201: ServiceOfferOut, **ERRORS},
    summary="Publish a service offer (providers only)",
)
def create_service_offer(request, payload: ServiceOfferIn):
    organization = _organization(request)
    form = _offer_form(payload.model_dump())
    if not form.is_valid():
        return invalid(form)
    values, countries, places = _offer_args(form)
    offer, error = run(actions.publish_service_offer, request.user, organization, values, countries, places)
    return error or Status(201, offer_out(offer))


@router.patch(
    "/service-offers/{public_id}",
    response={200: ServiceOfferOut, **ERRORS},
    summary="Change a service offer of mine",
)
def patch_service_offer(request, public_id: UUID, payload: ServiceOfferPatch):
    offer = freight_queries.service_offer_to_edit(request.user, public_id)
    form = _offer_form(payload.model_dump(exclude_unset=True), partial_of=offer)
    if not form.is_valid():
        return invalid(form)
    values, countries, places = _offer_args(form)
    _result, error = run(actions.edit_service_offer, request.user, offer, values, countries, places)
    return error or offer_out(freight_queries.service_offer_to_edit(request.user, public_id))


@router.delete(
    "/service-offers/{public_id}",
    response={200: ServiceOfferOut, **ERRORS},
    summary="Withdraw a service offer of mine",
)
def delete_service_offer(request, public_id: UUID):
    offer = freight_queries.service_offer_to_edit(request.user, public_id)
    actions.withdraw_service_offer(request.user, offer)
    return offer_out(freight_queries.service_offer_to_edit(request.user, public_id))
