"""Cheap questions about the network for lead, match and search pages: does a route join two places
and how long does its fastest option take (:func:`route_summary`, :func:`transit_between`), which
places are reached within N days (:func:`reachable_within`, :func:`places_within`). Answers are
memoised per process and network version (the memo is emptied when the network changes)."""

from dataclasses import dataclass
from decimal import Decimal

import networkx as nx
from django.core.exceptions import ValidationError

from . import graph
from .places import Cargo, endpoint
from .planner import _candidates, _option, _rank_key


@dataclass(frozen=True)
class RouteSummary:
    """Whether the network joins two places and the transit-days range of its fastest option."""

    origin: str
    destination: str
    exists: bool
    days_min: Decimal | None = None
    days_max: Decimal | None = None


def route_summary(origin: str, destination: str) -> RouteSummary | None:
    """The fastest option's transit range between two UN/LOCODE places (no costs, no cargo), or None
    when either place cannot be placed on the network. Cached per process and network version."""
    net = graph.network()  # rebuilt (and the memo emptied) if the network changed
    memo = graph._state.setdefault("transit", {})
    key = (origin, destination)
    if key in memo:
        return memo[key]
    try:
        start = endpoint(origin, "origin", net)
        end = endpoint(destination, "destination", net)
    except ValidationError:
        summary = None
    else:
        if start.node == end.node:
            summary = RouteSummary(origin, destination, True, Decimal(0), Decimal(0))
        else:
            paths = net.paths(start.node, end.node, _candidates(net, 3))
            if not paths:
                summary = RouteSummary(origin, destination, False)
            else:
                options = [_option(net, path, Cargo()) for path in paths]
                best = sorted(enumerate(options), key=_rank_key("time"))[0][1]
                summary = RouteSummary(
                    origin, destination, True, best.transit_days_min, best.transit_days_max
                )
    if len(memo) > 50_000:
        memo.clear()
    memo[key] = summary
    return summary


def transit_between(origin: str, destination: str) -> tuple[Decimal | None, Decimal | None] | None:
    """The transit-days range of the fastest option between two places (either end may be None
    where unknown), or None when no route joins them. Cached per process and network version."""
    summary = route_summary(origin, destination)
    if summary is None or not summary.exists:
        return None
    return (summary.days_min, summary.days_max)


def reachable_within(origin: str, days: Decimal) -> set[str] | None:
    """The network places reachable from ``origin`` within ``days`` on legs (or corridors) whose
    longest published transit is known, or None when the place cannot be placed on the network.
    Used to filter leads by "reachable within N days"."""
    net = graph.network()
    try:
        start = endpoint(origin, "origin", net)
    except ValidationError:
        return None
    memo = graph._state.setdefault("reach", {})
    key = (start.node, Decimal(days))
    if key not in memo:

        def weight(u, v, data):
            leg = data["legs"][0]
            return float(leg.days_max) if leg.days_max is not None else None

        reached = set(
            nx.single_source_dijkstra_path_length(net.graph, start.node, cutoff=float(days), weight=weight)
        )
        for corridor in net.corridor_list:  # end-to-end figures, either way
            if corridor.days_max is None or corridor.days_max > days:
                continue
            if corridor.places[0] == start.node:
                reached.add(corridor.places[-1])
            elif corridor.places[-1] == start.node:
                reached.add(corridor.places[0])
        memo[key] = reached
    return memo[key]


def places_within(origin: str, days, candidates: set[str]) -> set[str]:
    """The UN/LOCODEs among ``candidates`` whose nearest network place is reached from ``origin``
    within ``days`` (see :func:`reachable_within`); empty when ``origin`` cannot be placed. Each
    candidate is snapped once per network version (one query for the coordinates of new ones)."""
    reached = reachable_within(origin, Decimal(days))
    if not reached:
        return set()
    net = graph.network()
    snapped = graph._state.setdefault("snapped", {})
    new = [code for code in candidates if code and code not in snapped]
    if new:
        from scotemp.reference.models import Location

        for code in new:
            snapped[code] = code if code in net.places else None
        rows = Location.objects.filter(
            locode__in=[c for c in new if snapped[c] is None], latitude__isnull=False
        )
        for code, lat, lon in rows.values_list("locode", "latitude", "longitude"):
            hit = net.snap(float(lat), float(lon))
            snapped[code] = hit[0] if hit else None
    return {code for code in candidates if snapped.get(code) in reached}
