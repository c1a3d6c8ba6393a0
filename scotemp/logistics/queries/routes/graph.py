"""The corridor network in memory: built once per process from the database (or from plain rows, for
the benchmark's generated networks), rebuilt when the network's version stamp changes.

- :class:`Network` holds the places, the legs (a :class:`networkx.Graph`, legs usable both ways),
  the corridors by their place sequence and the default CO₂ factor per mode;
- :meth:`Network.snap` finds the nearest place to a point through a list sorted by latitude (a
  window of latitudes, then the great-circle distance of the few places in it), not a full scan;
- :meth:`Network.paths` lists simple paths shortest first (``nx.shortest_simple_paths``, Yen's
  algorithm) on a search weight (known days, else the great-circle length): the weight orders the
  search only; the figures an option shows come from the legs and stay blank where they are blank."""

import math
import threading
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise

import networkx as nx

from . import core

EARTH_KM = 6371.0088
VERSION_KEY = "logistics:network:version"  # a new value whenever the network changes
SNAP_LIMIT_KM = 500  # farther than this from every place of the network: no route
KM_PER_DEGREE_LAT = 111.2


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class Place:
    code: str
    names: dict  # language → name ("en", "ru", "zh-hans")
    country: str
    latitude: float | None
    longitude: float | None
    is_unlocode: bool = True
    is_border_crossing: bool = False
    code_status: str = "unlocode"


@dataclass(frozen=True)
class LegFigures:
    origin: str
    destination: str
    mode: str
    distance_km: int | None
    days_min: Decimal | None
    days_max: Decimal | None
    gauge_change: bool
    border_crossing: bool
    source: str
    source_date: str
    confidence: str
    notes: str = ""


@dataclass(frozen=True)
class CorridorFigures:
    code: str
    names: dict
    mode: str
    places: tuple  # origin, via…, destination
    distance_km: int | None
    days_min: Decimal | None
    days_max: Decimal | None
    source: str
    source_date: str
    confidence: str


@dataclass(frozen=True)
class Factor:
    mode: str
    grams_per_tonne_km: Decimal
    subtype: str
    source: str
    source_date: str
    confidence: str


@dataclass
class Network:
    places: dict = field(default_factory=dict)  # code → Place
    graph: nx.Graph = field(default_factory=nx.Graph)
    corridors: dict = field(default_factory=dict)  # tuple of codes → CorridorFigures (both directions)
    corridor_list: list = field(default_factory=list)
    factors: dict = field(default_factory=dict)  # mode → Factor
    version: str = ""
    _cells: dict = field(default_factory=dict)  # (floor lat, floor lon) → [(lat, lon, code)]
    _memo: dict = field(default_factory=dict)
    _core: object = None

    @classmethod
    def build(cls, places, legs, corridors=(), factors=(), version: str = "") -> "Network":
        network = cls(version=version)
        network.places = {place.code: place for place in places}
        graph = network.graph
        graph.add_nodes_from(network.places)
        for leg in legs:
            if leg.origin not in network.places or leg.destination not in network.places:
                continue
            key = (leg.origin, leg.destination)
            if graph.has_edge(*key):
                graph.edges[key]["legs"].append(leg)
                graph.edges[key]["w"] = min(graph.edges[key]["w"], network._weight(leg))
            else:
                graph.add_edge(*key, legs=[leg], w=network._weight(leg))
        for corridor in corridors:
            network.corridor_list.append(corridor)
            network.corridors.setdefault(tuple(corridor.places), corridor)
            network.corridors.setdefault(tuple(reversed(corridor.places)), corridor)
        network.factors = {factor.mode: factor for factor in factors}
        for place in network.places.values():
            if place.latitude is not None:
                cell = (math.floor(place.latitude), math.floor(place.longitude))
                network._cells.setdefault(cell, []).append((place.latitude, place.longitude, place.code))
        return network

    def _weight(self, leg: LegFigures) -> float:
        """Search weight of a leg (orders the search, never shown): its known days as km-equivalents
        (about 500 km a day), else its known distance, else the great-circle length, else 1,000."""
        if leg.days_max is not None:
            return float(leg.days_max) * 500 + 1
        if leg.distance_km is not None:
            return float(leg.distance_km) + 1
        a, b = self.places[leg.origin], self.places[leg.destination]
        if a.latitude is not None and b.latitude is not None:
            return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) * 1.2 + 1
        return 1000.0

    def snap(self, latitude: float, longitude: float, limit_km: float = SNAP_LIMIT_KM):
        """The nearest place of the network and its distance in km, or None beyond ``limit_km``;
        remembered with the network (a pure function of it: the RFQ page snaps the buyer's place on
        every view)."""
        key = ("snap", latitude, longitude, limit_km)
        if key not in self._memo:
            if len(self._memo) > 20_000:
                self._memo.clear()
            self._memo[key] = self._snap(latitude, longitude, limit_km)
        return self._memo[key]

    def _snap(self, latitude: float, longitude: float, limit_km: float):
        """The places are kept in cells of one degree; the cells are read ring by ring around the point
        and the search stops once a ring lies farther than the best place found (or the limit)."""
        row, column = math.floor(latitude), math.floor(longitude)
        best, best_km = None, limit_km
        # A degree of longitude is shortest at the cell edge nearest a pole.
        km_per_lon = KM_PER_DEGREE_LAT * max(
            0.05, math.cos(math.radians(min(89.0, abs(latitude) + limit_km / 100)))
        )
        rings = int(limit_km / min(KM_PER_DEGREE_LAT, km_per_lon)) + 2
        for ring in range(rings):
            if ring and (ring - 1) * min(KM_PER_DEGREE_LAT, km_per_lon) > best_km:
                break
            for dr in range(-ring, ring + 1):
                for dc in range(-ring, ring + 1):
                    if max(abs(dr), abs(dc)) != ring:
                        continue
                    for lat, lon, code in self._cells.get((row + dr, (column + dc + 180) % 360 - 180), ()):
                        km = haversine_km(latitude, longitude, lat, lon)
                        if km <= best_km:
                            best, best_km = code, km
        return (best, best_km) if best is not None else None

    def paths(self, origin: str, destination: str, count: int) -> list[list[str]]:
        """Up to ``count`` simple paths, shortest search weight first; [] when none."""
        if origin == destination or origin not in self.graph or destination not in self.graph:
            return []
        key = (origin, destination, count)
        cached = self._memo.get(key)
        if cached is None:
            if self.graph.number_of_nodes() >= core.MIN_NODES:
                if self._core is None:
                    self._core = core.Core(self.graph)
                cached = self._core.paths(self.graph, origin, destination, count)
            else:
                cached = core.exact(self.graph, origin, destination, count)
            if len(self._memo) > 20_000:
                self._memo.clear()
            self._memo[key] = cached
        return cached

    def legs_of(self, path: list[str]) -> list[LegFigures]:
        """One leg per step of a path (the first listed where two modes join the same places), turned
        to run in the path's direction."""
        legs = []
        for a, b in pairwise(path):
            leg = self.graph.edges[a, b]["legs"][0]
            if leg.origin != a:
                leg = LegFigures(**{**leg.__dict__, "origin": a, "destination": b})
            legs.append(leg)
        return legs

    def corridor_for(self, path: list[str]) -> CorridorFigures | None:
        return self.corridors.get(tuple(path))


_lock = threading.Lock()
_state: dict = {}


def _from_database(version: str) -> Network:
    from ...choices import NodeCodeStatus
    from ...models import Co2Factor, Corridor, Leg, Node

    def decimal_or_none(value):
        return float(value) if value is not None else None

    places = [
        Place(
            code=node.code,
            names={
                "en": node.name_en or node.name,
                "ru": node.name_ru or "",
                "zh-hans": node.name_zh_hans or "",
            },
            country=node.country_id,
            latitude=decimal_or_none(node.latitude),
            longitude=decimal_or_none(node.longitude),
            is_unlocode=node.code_status != NodeCodeStatus.PLATFORM,
            is_border_crossing=node.is_border_crossing,
            code_status=node.code_status,
        )
        for node in Node.objects.all()
    ]
    legs = [
        LegFigures(
            origin=leg.origin_id,
            destination=leg.destination_id,
            mode=leg.mode,
            distance_km=leg.distance_km,
            days_min=leg.days_min,
            days_max=leg.days_max,
            gauge_change=leg.gauge_change,
            border_crossing=leg.border_crossing,
            source=leg.source,
            source_date=leg.source_date,
            confidence=leg.confidence,
            notes=leg.notes,
        )
        for leg in Leg.objects.all()
    ]
    corridors = [
        CorridorFigures(
            code=corridor.code,
            names={
                "en": corridor.name_en or corridor.name,
                "ru": corridor.name_ru or "",
                "zh-hans": corridor.name_zh_hans or "",
            },
            mode=corridor.mode,
            places=(corridor.origin_id, *corridor.via, corridor.destination_id),
            distance_km=corridor.distance_km,
            days_min=corridor.days_min,
            days_max=corridor.days_max,
            source=corridor.source,
            source_date=corridor.source_date,
            confidence=corridor.confidence,
        )
        for corridor in Corridor.objects.all()
    ]
    factors = [
        Factor(f.mode, f.value, f.subtype, f.source, f.source_date, f.confidence)
        for f in Co2Factor.objects.filter(is_default=True, value__isnull=False)
    ]
    return Network.build(places, legs, corridors, factors, version=version)


def current_version() -> str:
    from django.core.cache import cache

    version = cache.get(VERSION_KEY)
    if version is None:
        import uuid

        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY) or version
    return version


RECHECK_SECONDS = 2.0  # how often a process asks the shared cache whether the network changed


def network() -> Network:
    """The network of this process, rebuilt when another process (or the admin) changed it: the
    shared version stamp is read at most every ``RECHECK_SECONDS`` (a change made in this process
    drops its copy at once, see :func:`forget`)."""
    import time

    built = _state.get("network")
    now = time.monotonic()
    if built is not None and now - _state.get("checked", 0.0) < RECHECK_SECONDS:
        return built
    version = current_version()
    _state["checked"] = now
    if built is None or built.version != version:
        with _lock:
            built = _state.get("network")
            if built is None or built.version != version:
                built = _from_database(version)
                _state.clear()
                _state["network"] = built
                _state["checked"] = now
    return built


def forget() -> None:
    """Drops this process's copy (tests that roll back their changes call it)."""
    _state.clear()
