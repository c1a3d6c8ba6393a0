"""Route planner benchmark (not a test): p50/p95 of planning route options between random pairs of
places, on the shipped corridor network and on a generated network of 10,000 places.

    SCOTEMP_MODE=demo .venv/bin/python bench/routes.py [--pairs 300] [--places 10000] [--seed 7]

1. Shipped network: ``plan_routes`` as the API calls it (UN/LOCODE look-ups, snapping, paths,
   figures, documents, the current lane rates query) between random pairs of the network's UN/LOCODE
   places and of curated reference places snapped to it, on the configured database (run ``migrate``
   and ``load_reference`` first). Also the whole request ``GET /api/v1/logistics/routes``.
2. Generated network (in memory, built by :func:`generate`): ``places`` places in the corridor
   region, one in 50 a hub; hubs joined to their 4 nearest hubs by rail, every other place to its 2
   nearest hubs by road, one leg in five without published days. Origins and destinations are random
   points snapped to the network (the spatial index), then ``plan_between`` (no lane rates: they are
   a database query whatever the network's size, measured in 1.).

Each is printed with p50/p95 in milliseconds against a reference measured in the same run on the
same data: on the shipped network a primary-key look-up of one reference place (a database round
trip), on the generated one ``nx.shortest_path`` (one Dijkstra on the whole graph) between the same
pairs; the ratio says what the planner costs on top. The target is p95 ≤ 50 ms. The first call of each
pair is timed (the per-process memo of paths is emptied between rounds).
"""

import argparse
import math
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def line(label, samples, reference=None):
    p50, p95 = pct(samples, 50) * 1000, pct(samples, 95) * 1000
    ratio = ""
    if reference:
        ratio = f"  ×{statistics.median(samples) / statistics.median(reference):.1f} of the reference (p50)"
    verdict = "ok" if p95 <= 50 else "OVER 50 ms"
    print(f"  {label:<44} p50 {p50:7.2f} ms  p95 {p95:7.2f} ms  [{verdict}]{ratio}")


def generate(places: int, seed: int):
    """A corridor-like network of ``places`` places (see the module's docstring)."""
    from scotemp.logistics.queries.routes.graph import LegFigures, Network, Place, haversine_km

    rng = random.Random(seed)
    hubs = max(10, places // 50)
    nodes = []
    for i in range(places):
        lat, lon = rng.uniform(5, 58), rng.uniform(5, 128)
        nodes.append(
            Place(code=f"G{i:05d}", names={"en": f"Place {i}"}, country="CN", latitude=lat, longitude=lon)
        )
    hub_nodes = nodes[:hubs]

    def nearest(place, candidates, k):
        return sorted(
            candidates,
            key=lambda other: (
                (place.latitude - other.latitude) ** 2
                + ((place.longitude - other.longitude) * math.cos(math.radians(place.latitude))) ** 2
            ),
        )[1 : k + 1]

    legs, seen = [], set()

    def add(a, b, mode, speed):
        key = frozenset((a.code, b.code))
        if key in seen:
            return
        seen.add(key)
        km = int(haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) * 1.25) + 1
        known = rng.random() > 0.2
        days = Decimal(max(1, round(km / speed))) if known else None
        legs.append(
            LegFigures(
                a.code,
                b.code,
                mode,
                km,
                days,
                days + 1 if days else None,
                False,
                rng.random() < 0.05,
                "",
                "",
                "reported",
            )
        )

    for hub in hub_nodes:
        for other in nearest(hub, hub_nodes, 4):
            add(hub, other, "rail", 700)
    for place in nodes[hubs:]:
        for hub in nearest(place, [place, *hub_nodes], 2):
            add(place, hub, "road", 500)
    return Network.build(nodes, legs), nodes


def bench_generated(args):
    import networkx as nx

    from scotemp.logistics.queries.routes.places import Cargo, Endpoint
    from scotemp.logistics.queries.routes.planner import plan_between

    started = time.perf_counter()
    net, _nodes = generate(args.places, args.seed)
    print(
        f"generated network: {len(net.places)} places, {net.graph.number_of_edges()} legs "
        f"(built in {time.perf_counter() - started:.1f} s)"
    )
    rng = random.Random(args.seed + 1)
    cargo = Cargo(hs_code="1001", weight_kg=Decimal(20000))
    snap_times, plan_times, reference = [], [], []
    while len(plan_times) < args.pairs:
        points = [(rng.uniform(5, 58), rng.uniform(5, 128)) for _ in range(2)]
        net._memo.clear()
        t0 = time.perf_counter()
        a, b = (net.snap(*point) for point in points)
        snapped = time.perf_counter()
        if not a or not b or a[0] == b[0]:
            continue
        start = Endpoint("", "", a[0], a[0], Decimal(round(a[1])))
        end = Endpoint("", "", b[0], b[0], Decimal(round(b[1])))
        plan = plan_between(net, start, end, cargo, "time", 5, costs=False)
        plan_times.append(time.perf_counter() - t0)
        snap_times.append(snapped - t0)
        assert plan.options
        t0 = time.perf_counter()
        nx.shortest_path(net.graph, a[0], b[0], weight="w")
        reference.append(time.perf_counter() - t0)
    line("reference: nx.shortest_path (one Dijkstra)", reference)
    line("snap both points (spatial index)", snap_times)
    line("snap + plan_between (5 options, figures, docs)", plan_times, reference)


def bench_shipped(args):
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    import networkx as nx
    from django.test import Client

    from scotemp.logistics.models import Node
    from scotemp.logistics.queries.routes import Cargo, graph, plan_routes
    from scotemp.reference.models import Location

    if not Node.objects.exists():
        sys.exit("No corridor network in the configured database: run manage.py load_reference first.")
    net = graph.network()
    codes = [code for code, place in net.places.items() if place.is_unlocode]
    curated = Location.objects.filter(curated=True, latitude__isnull=False)
    extra = list(curated.values_list("locode", flat=True))
    rng = random.Random(args.seed)
    print(f"shipped network: {len(net.places)} places, {net.graph.number_of_edges()} legs")
    cargo = Cargo(hs_code="1001", weight_kg=Decimal(20000))
    located = dict(curated.values_list("locode", "latitude"))
    longitudes = dict(curated.values_list("locode", "longitude"))

    def node_of(code):
        if code in net.places:
            return code
        hit = net.snap(float(located[code]), float(longitudes[code]))
        return hit[0] if hit else None

    # Pairs the network joins (a refused pair is cheaper: it stops at the look-up).
    usable = [code for code in codes + extra if node_of(code)]
    pairs = []
    while len(pairs) < args.pairs:
        a, b = rng.choice(usable), rng.choice(usable)
        if node_of(a) != node_of(b) and nx.has_path(net.graph, node_of(a), node_of(b)):
            pairs.append((a, b))
    times, reference, api = [], [], []
    client = Client()
    for a, b in pairs:
        graph._state.pop("transit", None)
        net._memo.clear()
        t0 = time.perf_counter()
        plan_routes(a, b, cargo)
        times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        Location.objects.filter(locode=b).first()
        reference.append(time.perf_counter() - t0)
    for a, b in pairs[:100]:
        net._memo.clear()
        t0 = time.perf_counter()
        response = client.get(
            "/api/v1/logistics/routes",
            {"origin": a, "destination": b, "hs_code": "1001", "weight_kg": "20000"},
        )
        api.append(time.perf_counter() - t0)
        assert response.status_code == 200, response.content
    print(
        f"  {len(pairs)} pairs of {len(usable)} places the network serves (network places and curated places)"
    )
    line("reference: one Location row by primary key", reference)
    line("plan_routes (look-ups, 5 options, lane rates)", times, reference)
    line("GET /api/v1/logistics/routes (100 pairs)", api, reference)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=300)
    parser.add_argument("--places", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--only", choices=["shipped", "generated"], default=None)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f}")
    if args.only != "generated":
        bench_shipped(args)
    else:
        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        django.setup()
    if args.only != "shipped":
        bench_generated(args)


if __name__ == "__main__":
    main()
