"""``GET /api/v1/logistics/routes``: route options between two UN/LOCODE places (public).

Every figure comes with its source, date and confidence; a figure no source gives is ``null`` and the
option's ``notes`` say why. A bad parameter is a 422 naming it."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from scotemp.core.api import ErrorOut, public_auth
from scotemp.core.api.schema import OPTIONAL_AUTH

from ..choices import Confidence, Equipment, Mode
from ..queries import routes

router = Router(auth=public_auth())


class EndpointOut(Schema):
    asked: str
    name: str
    node: str
    node_name: str
    distance_km: Decimal


class CostOut(Schema):
    min: Decimal
    max: Decimal
    currency: str
    basis: str
    per: str
    source: str
    as_of: str
    fx_is_demo: bool


class DocumentOut(Schema):
    code: str
    name: str
    source: str


class LegOut(Schema):
    origin: str
    destination: str
    origin_name: str
    destination_name: str
    mode: str
    mode_label: str
    distance_km: int | None
    days_min: Decimal | None
    days_max: Decimal | None
    co2_kg: Decimal | None
    gauge_change: bool
    border_crossing: bool
    source: str
    source_date: str
    confidence: str
    confidence_label: str


class OptionOut(Schema):
    transit_days_min: Decimal | None
    transit_days_max: Decimal | None
    transit_basis: str
    modes: list[str]
    via: list[str]
    distance_km: int | None
    co2_kg: Decimal | None
    cost: CostOut | None
    corridor: str | None
    corridor_name: str | None
    corridor_source: str | None
    corridor_source_date: str | None
    corridor_confidence: str | None
    border_crossings: list[str]
    gauge_changes: list[str]
    documents: list[DocumentOut]
    legs: list[LegOut]
    notes: list[str]


class RoutesOut(Schema):
    origin: EndpointOut
    destination: EndpointOut
    rank: str
    options: list[OptionOut]


def _label(choices, value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


def option_out(option) -> dict:
    """An option as the API (and the page's data attributes) give it."""
    return {
        "transit_days_min": option.transit_days_min,
        "transit_days_max": option.transit_days_max,
        "transit_basis": option.transit_basis,
        "modes": option.modes,
        "via": option.via,
        "distance_km": option.distance_km,
        "co2_kg": option.co2_kg,
        "cost": option.cost.__dict__ if option.cost else None,
        "corridor": option.corridor or None,
        "corridor_name": option.corridor_name or None,
        "corridor_source": option.corridor_source or None,
        "corridor_source_date": option.corridor_source_date or None,
        "corridor_confidence": option.corridor_confidence or None,
        "border_crossings": option.border_crossings,
        "gauge_changes": option.gauge_changes,
        "documents": [{"code": d.code, "name": str(d.name), "source": d.source} for d in option.documents],
        "legs": [
            {
                **{
                    k: v
                    for k, v in leg.__dict__.items()
                    if k not in ("points", "origin_country", "destination_country")
                },
                "mode_label": _label(Mode, leg.mode),
                "confidence_label": _label(Confidence, leg.confidence),
            }
            for leg in option.legs
        ],
        "notes": [str(note) for note in option.notes],
    }


def _number(params: dict, name: str, errors: dict, integer: bool = False):
    text = (params.get(name) or "").strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or (integer and value != value.to_integral_value()):
        errors[name] = [_("Enter a whole number.") if integer else _("Enter a number.")]
        return None
    return int(value) if integer else value


def parse_cargo(params) -> routes.Cargo:
    """A cargo from query parameters: a ValidationError naming each parameter that is not a number
    (the figures themselves are checked by ``plan_routes``)."""
    errors = {}
    weight = _number(params, "weight_kg", errors)
    volume = _number(params, "volume_m3", errors)
    units = _number(params, "units", errors, integer=True)
    if errors:
        raise ValidationError(errors)
    return (  # checked by plan_routes
        routes.Cargo(
            hs_code=(params.get("hs_code") or "").strip(),
            weight_kg=weight,
            volume_m3=volume,
            equipment=(params.get("equipment") or "").strip(),
            units=1 if units is None else units,
        )
    )


def _unprocessable(error: ValidationError):
    errors = {field: [str(m) for m in messages] for field, messages in error.message_dict.items()}
    first = next(iter(errors.values()))
    detail = first[0] if len(errors) == 1 and len(first) == 1 else _("Some fields are not valid.")
    return Status(422, {"detail": detail, "errors": errors})


LOCODE_PATTERN = "^[A-Za-z]{2}[A-Za-z2-9]{3}$"


def _param(name: str, schema: dict, required: bool = False, description: str = "") -> dict:
    return {"in": "query", "name": name, "required": required, "schema": schema, "description": description}


QUERY_PARAMETERS = [
    _param(
        "origin", {"type": "string", "pattern": LOCODE_PATTERN}, True, "UN/LOCODE of departure, e.g. CNCKG."
    ),
    _param(
        "destination",
        {"type": "string", "pattern": LOCODE_PATTERN},
        True,
        "UN/LOCODE of arrival, e.g. DEDUI.",
    ),
    _param("hs_code", {"type": "string", "pattern": "^([0-9]{2}|[0-9]{4}|[0-9]{6})$"}),
    _param("weight_kg", {"type": "number", "exclusiveMinimum": 0, "maximum": 100_000_000}),
    _param("volume_m3", {"type": "number", "exclusiveMinimum": 0, "maximum": 1_000_000}),
    _param("equipment", {"type": "string", "enum": list(Equipment.values)}),
    _param("units", {"type": "integer", "minimum": 1, "maximum": 10_000}),
    _param("rank", {"type": "string", "enum": ["time", "cost", "co2"]}),
]


@router.get(
    "/routes",
    response={200: RoutesOut, 422: ErrorOut},
    openapi_extra={
        **OPTIONAL_AUTH,
        "parameters": QUERY_PARAMETERS,
    },
)
def list_routes(request):
    """Three to five route options from ``origin`` to ``destination`` (UN/LOCODEs, snapped to the
    nearest place of the corridor network) for a cargo (``hs_code``, ``weight_kg``, ``volume_m3``,
    ``equipment``, ``units``), ranked by ``rank`` = time (default), cost or co2."""
    params = request.GET
    try:
        cargo = parse_cargo(params)
        plan = routes.plan_routes(
            params.get("origin", ""), params.get("destination", ""), cargo, rank=params.get("rank") or "time"
        )
    except ValidationError as error:
        return _unprocessable(error)
    return {
        "origin": plan.origin.__dict__,
        "destination": plan.destination.__dict__,
        "rank": plan.rank,
        "options": [option_out(option) for option in plan.options],
    }
