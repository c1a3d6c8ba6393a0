"""The places and cargo a route plan is asked for: UN/LOCODE places snapped onto the corridor network
(:mod:`.graph`) as the plan's ends, with their names in the reader's language, and the cargo's
limits. Bad input is a ``ValidationError`` naming its field."""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from scotemp.core.prepared import PreparedQuery

from . import graph

LOCODE = re.compile(r"^[A-Z]{2}[A-Z2-9]{3}$")
MAX_WEIGHT_KG = Decimal(100_000_000)  # 100,000 t: more than a bulk carrier's load is a typo
MAX_VOLUME_M3 = Decimal(1_000_000)
MAX_UNITS = 10_000


@dataclass(frozen=True)
class Cargo:
    hs_code: str = ""
    weight_kg: Decimal | None = None
    volume_m3: Decimal | None = None
    equipment: str = ""  # choices.Equipment value, "" when not said
    units: int = 1  # number of containers / wagons / trucks


@dataclass(frozen=True)
class Endpoint:
    asked: str  # the UN/LOCODE asked for
    name: str
    node: str  # code of the network place it snapped to
    node_name: str
    distance_km: Decimal  # from the place asked for to that network place


def place_label(place: graph.Place) -> str:
    """A network place's name in the reader's language (English, else its code, where it has none)."""
    language = (get_language() or "en").lower()
    return place.names.get(language) or place.names.get("en") or place.code


def field_error(field_name: str, message: str, code: str) -> ValidationError:
    """A ``ValidationError`` naming ``field_name``, as forms and the API show it."""
    return ValidationError({field_name: [ValidationError(message, code=code)]})


def check_cargo(cargo: Cargo | None) -> Cargo:
    """The cargo with its figures checked: a ValidationError naming the field otherwise."""
    cargo = cargo or Cargo()
    errors = {}
    if cargo.hs_code:
        from scotemp.reference.validators import validate_hs_code

        try:
            validate_hs_code(cargo.hs_code, levels=(2, 4, 6))
        except ValidationError as error:
            errors["hs_code"] = error.messages
    for name, limit in (("weight_kg", MAX_WEIGHT_KG), ("volume_m3", MAX_VOLUME_M3)):
        value = getattr(cargo, name)
        if value is None:
            continue
        if not Decimal(value).is_finite() or value <= 0:
            errors[name] = [_("Enter a number greater than zero.")]
        elif value > limit:
            errors[name] = [
                _("%(value)s is more than any shipment carries (at most %(max)s).")
                % {"value": value, "max": limit}
            ]
    if not 1 <= (cargo.units or 0) <= MAX_UNITS:
        errors["units"] = [_("Enter a whole number from 1 to %(max)d.") % {"max": MAX_UNITS}]
    from ...choices import Equipment

    if cargo.equipment and cargo.equipment not in Equipment.values:
        errors["equipment"] = [_("“%(value)s” is not a kind of equipment.") % {"value": cargo.equipment}]
    if errors:
        raise ValidationError(errors)
    return cargo


def _place(locode: str):
    from scotemp.reference.models import Location

    return Location.objects.filter(locode=locode).only("locode", "name", "latitude", "longitude")


_PLACE = PreparedQuery(_place, locode=str)  # every RFQ page places the buyer's city


def _point_of(code: str, field_name: str, net: graph.Network):
    """The coordinates and name of a UN/LOCODE place (reference data, else a network place with
    that UN/LOCODE)."""
    code = (code or "").strip().upper()
    if not code:
        raise field_error(field_name, _("Enter a UN/LOCODE place (for example CNCKG)."), "required")
    if not LOCODE.match(code):
        raise field_error(
            field_name,
            _(
                "“%(code)s” is not a UN/LOCODE (two letters of the country and three letters or digits, "
                "for example CNCKG)."
            )
            % {"code": code},
            "place_not_locode",
        )
    node = net.places.get(code)
    if node is not None and node.is_unlocode and node.latitude is not None:
        return code, place_label(node), node.latitude, node.longitude  # a place of the network: no query
    place = _PLACE.first(locode=code)
    if place is None and (node is None or not node.is_unlocode):
        raise field_error(
            field_name,
            _("“%(code)s” is not a UN/LOCODE place known here (for example KZALA, CNCKG).") % {"code": code},
            "place_unknown",
        )
    if node is not None and node.latitude is not None:
        return code, place_label(node), node.latitude, node.longitude
    if place is None or place.latitude is None:
        raise field_error(
            field_name,
            _("No route: the place “%(code)s” has no coordinates, so it cannot be placed on the network.")
            % {"code": code},
            "no_route",
        )
    return code, place.name, float(place.latitude), float(place.longitude)


def endpoint(code: str, field_name: str, net: graph.Network) -> Endpoint:
    code, name, lat, lon = _point_of(code, field_name, net)
    if code in net.places:
        return Endpoint(code, name, code, place_label(net.places[code]), Decimal(0))
    hit = net.snap(lat, lon)
    if hit is None:
        raise field_error(
            field_name,
            _("No route: “%(code)s” is more than %(km)d km from every place of the corridor network.")
            % {"code": code, "km": graph.SNAP_LIMIT_KM},
            "no_route",
        )
    node, km = hit
    return Endpoint(
        code, name, node, place_label(net.places[node]), Decimal(km).quantize(Decimal(1), ROUND_HALF_UP)
    )


def resolve_quietly(origin: str, destination: str):
    """``(network, start node, end node)`` for two places, or None where either cannot be placed."""
    net = graph.network()
    try:
        start = endpoint(origin, "origin", net)
        end = endpoint(destination, "destination", net)
    except ValidationError:
        return None
    return net, start.node, end.node


def place_name(code: str) -> str:
    """The name of a network place in the reader's language (the code where it has none)."""
    place = graph.network().places.get(code)
    return place_label(place) if place is not None else code
