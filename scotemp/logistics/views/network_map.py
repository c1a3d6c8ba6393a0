"""The route planner's map: the bundled country outlines (``static/logistics/countries-110m.svg``,
Natural Earth 1:110m, see its PROVENANCE.md) and the network's legs drawn over them with the same
projection, as inline SVG: no tile server, nothing fetched from outside."""

import math
import re
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.safestring import mark_safe

from ..queries.routes.places import place_name

SVG = Path(settings.BASE_DIR) / "static" / "logistics" / "countries-110m.svg"


@lru_cache(maxsize=1)
def _outline():
    text = SVG.read_text(encoding="utf-8")
    attrs = dict(re.findall(r'data-([a-z0-9]+)="([^"]+)"', text))
    box = re.search(r'viewBox="([^"]+)"', text).group(1)
    d = re.search(r' d="([^"]+)"', text).group(1)
    lon0, lon1, lat1 = float(attrs["lon0"]), float(attrs["lon1"]), float(attrs["lat1"])
    k = float(attrs["k"])
    width = float(box.split()[2])
    scale = width / ((lon1 - lon0) * k)
    return {"d": d, "view_box": box, "lon0": lon0, "lat1": lat1, "k": k, "scale": scale}


def project(latitude: float, longitude: float) -> tuple[float, float]:
    o = _outline()
    return (
        round((longitude - o["lon0"]) * o["k"] * o["scale"], 1),
        round((o["lat1"] - latitude) * o["scale"], 1),
    )


def route_map(net, options: list, chosen: int | None) -> dict:
    """What the template draws: the outlines, every leg of the network (faint), the legs of the
    options (the chosen one highlighted) and the places, each with its coordinates projected."""
    lines, seen = [], set()
    highlighted = set()
    for index, option in enumerate(options):
        for leg in option.legs:
            key = frozenset((leg.origin, leg.destination))
            if index == chosen:
                highlighted.add(key)
            seen.add(key)
    for a, b in net.graph.edges:
        pa, pb = net.places[a], net.places[b]
        if pa.latitude is None or pb.latitude is None:
            continue
        key = frozenset((a, b))
        x1, y1 = project(pa.latitude, pa.longitude)
        x2, y2 = project(pb.latitude, pb.longitude)
        kind = "chosen" if key in highlighted else ("option" if key in seen else "network")
        lines.append(
            {
                "x1": x1,
                "y1": y1,
                "x2": x2,
                "y2": y2,
                "kind": kind,
                "mode": net.graph.edges[a, b]["legs"][0].mode,
            }
        )
    lines.sort(key=lambda line: ("network", "option", "chosen").index(line["kind"]))
    on_route = {code for key in highlighted for code in key}
    points = []
    for place in net.places.values():
        if place.latitude is None or not math.isfinite(place.latitude):
            continue
        x, y = project(place.latitude, place.longitude)
        points.append(
            {
                "x": x,
                "y": y,
                "code": place.code,
                "name": place_name(place.code),
                "on_route": place.code in on_route,
            }
        )
    outline = _outline()
    return {
        "d": outline["d"],
        "view_box": outline["view_box"],
        "lines": lines,
        "points": points,
        "source": mark_safe('<span lang="en">Natural Earth 1:110m</span>'),
    }
