"""The in-memory network on a large generated graph: the core search finds real, simple paths whose
first is the shortest, and the spatial index finds the same nearest place as a full scan."""

import math
import random
from itertools import pairwise

import networkx as nx
import pytest

from scotemp.logistics.queries.routes.core import MIN_NODES
from scotemp.logistics.queries.routes.graph import LegFigures, Network, Place, haversine_km


@pytest.fixture(scope="module")
def big():
    rng = random.Random(11)
    places = [
        Place(
            code=f"G{i:05d}",
            names={"en": str(i)},
            country="CN",
            latitude=rng.uniform(5, 58),
            longitude=rng.uniform(5, 128),
        )
        for i in range(MIN_NODES + 500)
    ]
    hubs = places[:60]

    def nearest(place, k):
        return sorted(
            hubs, key=lambda h: haversine_km(place.latitude, place.longitude, h.latitude, h.longitude)
        )[:k]

    legs, seen = [], set()
    for place in places:
        for hub in nearest(place, 4 if place in hubs else rng.choice((1, 2, 2, 3))):
            key = frozenset((place.code, hub.code))
            if hub is place or key in seen:
                continue
            seen.add(key)
            km = int(haversine_km(place.latitude, place.longitude, hub.latitude, hub.longitude) * 1.2) + 1
            legs.append(
                LegFigures(place.code, hub.code, "rail", km, None, None, False, False, "", "", "unverified")
            )
    # A few chains of several places and a branch of two.
    for i in range(60, 66):
        legs.append(
            LegFigures(
                places[i].code,
                places[i + 100].code,
                "road",
                50,
                None,
                None,
                False,
                False,
                "",
                "",
                "unverified",
            )
        )
    return Network.build(places, legs), places, rng


def test_core_paths_are_simple_real_and_the_first_is_the_shortest(big):
    net, places, rng = big
    for _ in range(40):
        a, b = rng.sample(places, 2)
        if not nx.has_path(net.graph, a.code, b.code):
            continue
        paths = net.paths(a.code, b.code, 5)
        assert paths, (a.code, b.code)
        for path in paths:
            assert path[0] == a.code and path[-1] == b.code
            assert len(set(path)) == len(path)
            assert all(net.graph.has_edge(u, v) for u, v in pairwise(path))
        assert len({tuple(p) for p in paths}) == len(paths)
        first = sum(net.graph.edges[u, v]["w"] for u, v in pairwise(paths[0]))
        assert math.isclose(first, nx.shortest_path_length(net.graph, a.code, b.code, weight="w"))


def test_snap_finds_the_nearest_place_like_a_full_scan(big):
    net, places, rng = big
    for _ in range(200):
        lat, lon = rng.uniform(0, 62), rng.uniform(0, 132)
        expected = min(places, key=lambda p: haversine_km(lat, lon, p.latitude, p.longitude))
        km = haversine_km(lat, lon, expected.latitude, expected.longitude)
        hit = net.snap(lat, lon)
        if km > 500:
            assert hit is None
        else:
            assert hit is not None and math.isclose(hit[1], km)
    assert net.snap(-60.0, -150.0) is None  # far from everything: no route, not a far-away place
