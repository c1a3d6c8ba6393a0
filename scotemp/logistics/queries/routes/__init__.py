"""Reads of the corridor network: the route planner and the freight estimate.

Contract relied on by other parts of the app (keep these names and shapes):

- ``plan_routes(origin, destination, cargo=None, rank="time", limit=5) -> RoutePlan``
- ``freight_estimate(origin, destination, cargo=None) -> FreightEstimate | None``
- ``transit_between(origin, destination) -> tuple[Decimal | None, Decimal | None] | None``

Places are UN/LOCODEs of the reference data, snapped to the nearest place of the network
(:mod:`.graph`). Every figure of an option comes from the legs (or from a corridor whose places are
exactly the option's), with its source, date and confidence; a figure no source gives stays
``None`` and the option says so in its notes. Costs come only from providers' current lane rates
(:mod:`.costs`): the shipped data has no published freight figures, so none is ever invented.
The plan is split into :mod:`.graph` (network in memory), :mod:`.core` (the search on large
networks), :mod:`.places` (the places and cargo asked for), :mod:`.planner` (options), :mod:`.reach`
(route summaries and reachable places for lead, match and search pages), :mod:`.costs` (lane rates)
and :mod:`.documents` (the document rules)."""

from .costs import FreightEstimate, freight_estimate
from .places import Cargo, Endpoint, check_cargo
from .planner import RANKS, Option, RoutePlan, plan_routes
from .reach import RouteSummary, places_within, reachable_within, route_summary, transit_between

__all__ = [
    "RANKS",
    "Cargo",
    "Endpoint",
    "FreightEstimate",
    "Option",
    "RoutePlan",
    "RouteSummary",
    "check_cargo",
    "freight_estimate",
    "places_within",
    "plan_routes",
    "reachable_within",
    "route_summary",
    "transit_between",
]
