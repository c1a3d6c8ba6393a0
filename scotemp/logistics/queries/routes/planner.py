"""The route planner: options between two UN/LOCODE places for a cargo, ranked by time, cost or CO₂.

Each option sums its legs where every leg gives the figure; a path whose places are exactly those of
a published corridor takes the corridor's end-to-end figures instead (with the corridor's source and
confidence). Anything else stays ``None`` and is named in the option's notes."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import graph
from .costs import CostRange, lane_costs
from .documents import documents_for
from .places import Cargo, Endpoint, check_cargo, endpoint, field_error, place_label

RANKS = ("time", "cost", "co2")
CANDIDATES = 8  # paths looked at before ranking (small networks)
CANDIDATES_LARGE = 5  # on networks searched through their core (see core.py)


@dataclass
class OptionLeg:
    origin: str
    destination: str
    origin_name: str
    destination_name: str
    mode: str
    distance_km: int | None
    days_min: Decimal | None
    days_max: Decimal | None
    co2_kg: Decimal | None
    gauge_change: bool
    border_crossing: bool
    source: str
    source_date: str
    confidence: str
    origin_country: str = ""
    destination_country: str = ""
    points: tuple = ()  # (lat, lon) of both ends where known, for the map


@dataclass
class Option:
    via: list[str]
    modes: list[str]
    legs: list[OptionLeg]
    transit_days_min: Decimal | None = None
    transit_days_max: Decimal | None = None
    transit_basis: str = "unknown"  # "legs", "corridor", "unknown"
    distance_km: int | None = None
    co2_kg: Decimal | None = None
    cost: CostRange | None = None
    corridor: str = ""
    corridor_name: str = ""
    corridor_source: str = ""
    corridor_source_date: str = ""
    corridor_confidence: str = ""
    border_crossings: list[str] = field(default_factory=list)
    gauge_changes: list[str] = field(default_factory=list)
    documents: list = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def path(self) -> list[str]:
        return [self.legs[0].origin, *[leg.destination for leg in self.legs]]


@dataclass
class RoutePlan:
    origin: Endpoint
    destination: Endpoint
    cargo: Cargo
    rank: str
    options: list[Option]


def _co2_kg(factor: graph.Factor | None, weight_kg, distance_km) -> Decimal | None:
    if factor is None or weight_kg is None or distance_km is None:
        return None
    grams = Decimal(weight_kg) / 1000 * Decimal(distance_km) * factor.grams_per_tonne_km
    return (grams / 1000).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _option(net: graph.Network, path: list[str], cargo: Cargo) -> Option:
    figures = net.legs_of(path)
    legs = []
    for leg in figures:
        a, b = net.places[leg.origin], net.places[leg.destination]
        legs.append(
            OptionLeg(
                origin=leg.origin,
                destination=leg.destination,
                origin_name=place_label(a),
                destination_name=place_label(b),
                mode=leg.mode,
                distance_km=leg.distance_km,
                days_min=leg.days_min,
                days_max=leg.days_max,
                co2_kg=_co2_kg(net.factors.get(leg.mode), cargo.weight_kg, leg.distance_km),
                gauge_change=leg.gauge_change,
                border_crossing=leg.border_crossing,
                source=leg.source,
                source_date=leg.source_date,
                confidence=leg.confidence,
                origin_country=a.country,
                destination_country=b.country,
                points=((a.latitude, a.longitude), (b.latitude, b.longitude)),
            )
        )
    modes = list(dict.fromkeys(leg.mode for leg in legs))
    option = Option(via=path[1:-1], modes=modes, legs=legs)
    notes = option.notes
    if all(leg.days_min is not None and leg.days_max is not None for leg in legs):
        option.transit_days_min = sum(leg.days_min for leg in legs)
        option.transit_days_max = sum(leg.days_max for leg in legs)
        option.transit_basis = "legs"
    if all(leg.distance_km is not None for leg in legs):
        option.distance_km = sum(leg.distance_km for leg in legs)
    corridor = net.corridor_for(path)
    if corridor is not None:
        option.corridor = corridor.code
        option.corridor_name = corridor.names.get((get_language() or "en").lower()) or corridor.names["en"]
        option.corridor_source, option.corridor_source_date = corridor.source, corridor.source_date
        option.corridor_confidence = corridor.confidence
        if option.transit_basis == "unknown" and (
            corridor.days_min is not None or corridor.days_max is not None
        ):
            option.transit_days_min, option.transit_days_max = corridor.days_min, corridor.days_max
            option.transit_basis = "corridor"
            if tuple(path) != corridor.places:
                notes.append(_("Transit time published for the opposite direction."))
        if option.distance_km is None and corridor.distance_km is not None:
            option.distance_km = corridor.distance_km
    if option.transit_basis == "unknown":
        unknown = sum(1 for leg in legs if leg.days_max is None)
        notes.append(
            _("Transit time unknown: %(count)d of %(total)d legs have no published figure.")
            % {"count": unknown, "total": len(legs)}
        )
    elif option.transit_days_min is None or option.transit_days_max is None:
        notes.append(_("Only one end of the transit-time range is published."))
    if option.distance_km is None:
        notes.append(_("Distance unknown: not every leg has a published distance."))
    # CO₂: the legs' figures where every leg has one; a single-mode corridor distance otherwise.
    if cargo.weight_kg is None:
        notes.append(_("CO₂ not estimated: give the cargo's weight."))
    else:
        if all(leg.co2_kg is not None for leg in legs):
            option.co2_kg = sum(leg.co2_kg for leg in legs)
        elif corridor is not None and corridor.distance_km is not None and len(modes) == 1:
            option.co2_kg = _co2_kg(net.factors.get(modes[0]), cargo.weight_kg, corridor.distance_km)
        if option.co2_kg is None:
            missing = [mode for mode in modes if mode not in net.factors]
            if missing:
                notes.append(
                    _("CO₂ unknown: no published factor for %(modes)s.")
                    % {"modes": ", ".join(_mode_label(m) for m in missing)}
                )
            else:
                notes.append(_("CO₂ unknown: the distance of some legs is not published."))
    for leg in legs:
        if leg.border_crossing:
            option.border_crossings.append(f"{leg.origin_name} → {leg.destination_name}")
        if leg.gauge_change:
            option.gauge_changes.append(f"{leg.origin_name} → {leg.destination_name}")
    countries = [leg.origin_country for leg in legs] + [legs[-1].destination_country]
    option.documents = documents_for(legs, countries, cargo.hs_code or "")
    shaky = {leg.confidence for leg in legs if leg.distance_km is not None or leg.days_max is not None} - {
        "reported"
    }
    if (
        option.corridor_confidence
        and option.transit_basis == "corridor"
        and option.corridor_confidence != "reported"
    ):
        shaky.add(option.corridor_confidence)
    for confidence in sorted(shaky):
        notes.append(_confidence_note(confidence))
    return option


def _mode_label(mode: str) -> str:
    from ...choices import Mode

    return str(Mode(mode).label) if mode in Mode.values else mode


def _confidence_note(confidence: str) -> str:
    return {
        "proxy": _("Some figures are proxies from another Chinese city, not Chongqing."),
        "derived": _("Some figures are derived from other published figures."),
        "unverified": _("Some figures are unverified."),
    }.get(confidence, _("Some figures are unverified."))


def _rank_key(rank: str):
    def unknown_last(value):
        return (value is None, value if value is not None else 0)

    def key(item):
        index, option = item
        if rank == "cost":
            primary = unknown_last(option.cost.min if option.cost else None)
        elif rank == "co2":
            primary = unknown_last(option.co2_kg)
        else:
            days = option.transit_days_max if option.transit_days_max is not None else option.transit_days_min
            primary = unknown_last(days)
        return (*primary, index)

    return key


def plan_routes(
    origin: str, destination: str, cargo: Cargo | None = None, rank: str = "time", limit: int = 5
) -> RoutePlan:
    """Three to five options (fewer where the network has fewer) from ``origin`` to ``destination``,
    ranked by ``rank``. Raises a ValidationError naming the field for an unknown or non-UN/LOCODE
    place, a place off the network, an impossible cargo, or when no route joins the two places."""
    if rank not in RANKS:
        raise field_error(
            "rank", _("Rank by one of: %(choices)s.") % {"choices": ", ".join(RANKS)}, "invalid_choice"
        )
    cargo = check_cargo(cargo)
    net = graph.network()
    errors = {}
    ends = {}
    for field_name, code in (("origin", origin), ("destination", destination)):
        try:
            ends[field_name] = endpoint(code, field_name, net)
        except ValidationError as error:
            errors.update(error.error_dict)
    if errors:
        raise ValidationError(errors)
    return plan_between(net, ends["origin"], ends["destination"], cargo, rank, limit)


def _candidates(net, limit: int) -> int:
    """How many paths to look at before ranking: a few more than asked on a network searched whole,
    as many as asked on a large one (each more costs a round of Yen's algorithm)."""
    from .core import MIN_NODES

    return max(limit, CANDIDATES if net.graph.number_of_nodes() < MIN_NODES else CANDIDATES_LARGE)


def plan_between(
    net, start: Endpoint, end: Endpoint, cargo: Cargo, rank: str = "time", limit: int = 5, costs: bool = True
):
    """The options between two places already placed on ``net`` (the part of :func:`plan_routes`
    after the look-ups; the benchmark calls it on generated networks with ``costs=False``)."""
    if start.node == end.node:
        raise field_error(
            "destination",
            _("No route: both places are served by the same place of the network (%(name)s).")
            % {"name": start.node_name},
            "no_route",
        )
    paths = net.paths(start.node, end.node, _candidates(net, limit))
    if not paths:
        raise field_error(
            "destination",
            _("No route: the corridor network does not join %(origin)s and %(destination)s.")
            % {"origin": start.name, "destination": end.name},
            "no_route",
        )
    options = [_option(net, path, cargo) for path in paths]
    rates = lane_costs(net, start.node, end.node, cargo) if costs else {}
    for option in options:
        for mode in option.modes:
            if mode in rates:
                option.cost = rates[mode]
                break
        if option.cost is None:
            option.notes.append(_("No cost: no provider publishes a current rate for this lane."))
        if start.distance_km or end.distance_km:
            option.notes.append(
                _("The distance to and from the nearest place of the network is not included.")
            )
    ranked = [option for _index, option in sorted(enumerate(options), key=_rank_key(rank))]
    return RoutePlan(
        origin=start, destination=end, cargo=cargo, rank=rank, options=ranked[: max(1, min(limit, 5))]
    )
