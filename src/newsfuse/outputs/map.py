"""Offline maps for index.html: country outlines bundled with the package, drawn as inline SVG.

Outlines are Natural Earth's 1:50m countries (public domain), converted once by
``scripts/build_map_outlines.py`` into ``templates/world_countries_50m.json``. Nothing is loaded
from the network: a map is one ``<svg>`` element with its paths inline.

The projection is equirectangular with the longitude axis shrunk by the cosine of the view's
middle latitude, so that a regional map keeps its shapes and a world map is plate carrée.
Every string that reaches the SVG (place names, tooltips, links) is escaped here.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from importlib import resources
from typing import Any

OUTLINES_FILE = "world_countries_50m.json"

LonLat = tuple[float, float]
XY = tuple[float, float]
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in pixels

# Map look: sea, land, mentioned countries, borders, dots.
_SEA, _LAND, _SHADED, _BORDER, _DOT = "#dfe9f2", "#f7f5ef", "#efdcb4", "#9a9a9a", "#c0392b"


@dataclass(frozen=True, slots=True)
class Country:
    """One country's outline: polygons of rings of (lon, lat); the first ring of a polygon is
    its outer edge, the others holes."""

    name: str
    cc: str | None  # ISO 3166-1 alpha-2, as places' ``country_code``
    polygons: tuple[tuple[tuple[LonLat, ...], ...], ...]
    bboxes: tuple[tuple[float, float, float, float], ...]  # per polygon: west, south, east, north


@dataclass(frozen=True, slots=True)
class MapPoint:
    """A place to draw: a dot sized by ``mentions``, linking to ``href``, with a tooltip."""

    name: str
    lat: float
    lon: float
    mentions: int
    href: str | None = None
    tooltip: str | None = None  # defaults to "name — N mentions"


@dataclass(frozen=True, slots=True)
class View:
    """A lon/lat window projected onto ``width`` × ``height`` pixels."""

    west: float
    south: float
    east: float
    north: float
    width: float
    height: float

    @property
    def kx(self) -> float:
        return math.cos(math.radians((self.south + self.north) / 2))

    def project(self, lon: float, lat: float) -> XY:
        x = (lon - self.west) / (self.east - self.west) * self.width
        y = (self.north - lat) / (self.north - self.south) * self.height
        return x, y


def valid_coordinates(lat: object, lon: object) -> LonLat | None:
    """(lon, lat) when both are finite numbers on the globe, else None."""
    if isinstance(lat, bool) or isinstance(lon, bool):
        return None
    if not isinstance(lat, int | float) or not isinstance(lon, int | float):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return float(lon), float(lat)


@lru_cache(maxsize=1)
def load_countries() -> tuple[Country, ...]:
    """The bundled outlines (read once per process)."""
    source = resources.files("newsfuse.outputs").joinpath("templates", OUTLINES_FILE)
    return parse_outlines(json.loads(source.read_text(encoding="utf-8")))


def parse_outlines(data: dict[str, Any]) -> tuple[Country, ...]:
    """Countries from the format ``scripts/build_map_outlines.py`` writes."""
    scale = float(data["scale"])
    arcs: list[list[LonLat]] = []
    for flat in data["arcs"]:
        x, y, points = 0, 0, []
        for i in range(0, len(flat), 2):
            x += flat[i]
            y += flat[i + 1]
            points.append((x / scale, y / scale))
        arcs.append(points)
    countries = []
    for item in data["countries"]:
        polygons = []
        for polygon in item["polygons"]:
            rings = tuple(_unwrap(_ring(arcs, refs)) for refs in polygon)
            if not rings or len(rings[0]) < 3:
                continue
            polygons.append(rings)
            # A ring unwrapped across the antimeridian (Russia's Chukotka, Fiji) is drawn a
            # second time shifted by a full turn, so it shows at both edges of a world map.
            west, _, east, _ = _bbox(rings[0])
            for shift in (-360.0 if east > 180 else 0.0, 360.0 if west < -180 else 0.0):
                if shift:
                    polygons.append(tuple(tuple((x + shift, y) for x, y in r) for r in rings))
        if polygons:
            bboxes = tuple(_bbox(p[0]) for p in polygons)
            countries.append(Country(item["name"], item.get("cc"), tuple(polygons), bboxes))
    return tuple(countries)


def _ring(arcs: list[list[LonLat]], refs: list[int]) -> tuple[LonLat, ...]:
    points: list[LonLat] = []
    for ref in refs:
        arc = arcs[ref] if ref >= 0 else arcs[~ref][::-1]
        points.extend(arc if not points else arc[1:])
    return tuple(points)


def _unwrap(ring: tuple[LonLat, ...]) -> tuple[LonLat, ...]:
    """Make longitudes continuous where a ring jumps across the antimeridian (179.9 → -180),
    so that no edge runs across the whole map. A ring that winds around a pole (Antarctica)
    cannot be unwrapped and is returned as it is."""
    out: list[LonLat] = []
    offset = 0.0
    for lon, lat in ring:
        if out:
            step = lon + offset - out[-1][0]
            if step > 180:
                offset -= 360
            elif step < -180:
                offset += 360
        out.append((lon + offset, lat))
    if offset != 0 or out == list(ring):
        return ring
    return tuple(out)


def _bbox(points: Iterable[LonLat]) -> tuple[float, float, float, float]:
    lons, lats = zip(*points, strict=True)
    return min(lons), min(lats), max(lons), max(lats)


def fit_view(
    points: Sequence[LonLat],
    width: float = 760,
    *,
    padding: float = 0.12,
    min_span: float = 3.0,
    aspect: tuple[float, float] = (0.42, 0.8),
) -> View:
    """The window around ``points`` (lon, lat): their extent plus ``padding`` (a share of the
    span) on every side, at least ``min_span`` degrees across, widened in one direction so that
    height / width stays within ``aspect``, and kept on the globe."""
    if not points:
        raise ValueError("fit_view needs at least one point")
    west, south, east, north = _bbox(points)
    lon_span = max(east - west, min_span)
    lat_span = max(north - south, min_span * 0.6)
    cx, cy = (west + east) / 2, (south + north) / 2
    lon_span *= 1 + 2 * padding
    lat_span *= 1 + 2 * padding
    kx = math.cos(math.radians(max(-80.0, min(80.0, cy))))
    ratio = lat_span / (lon_span * kx)  # height / width in pixels
    if ratio < aspect[0]:
        lat_span = aspect[0] * lon_span * kx
    elif ratio > aspect[1]:
        lon_span = lat_span / (aspect[1] * kx)
    lon_span, lat_span = min(lon_span, 360.0), min(lat_span, 170.0)
    cx = min(max(cx, -180 + lon_span / 2), 180 - lon_span / 2)
    cy = min(max(cy, -85 + lat_span / 2), 85 - lat_span / 2)
    view = View(cx - lon_span / 2, cy - lat_span / 2, cx + lon_span / 2, cy + lat_span / 2, 0, 0)
    height = width * lat_span / (lon_span * view.kx)
    return View(view.west, view.south, view.east, view.north, width, round(height, 1))


def countries_view(
    codes: Iterable[str], width: float = 760, countries: Iterable[Country] | None = None
) -> View | None:
    """The window around the main landmass (largest polygon) of each country in ``codes``
    (ISO alpha-2), or None when none of them has an outline."""
    wanted = set(codes)
    corners: list[LonLat] = []
    for country in load_countries() if countries is None else countries:
        if country.cc in wanted:
            w, s, e, n = max(country.bboxes, key=lambda b: (b[2] - b[0]) * (b[3] - b[1]))
            corners += [(max(w, -180.0), s), (min(e, 180.0), n)]
    return fit_view(corners, width, padding=0.05) if corners else None


def world_view(width: float = 760) -> View:
    """The inhabited world, plate carrée-like (Antarctica left out)."""
    kx = math.cos(math.radians((-58 + 84) / 2))
    return View(-180, -58, 180, 84, width, round(width * 142 / (360 * kx), 1))


def clip_ring(ring: Sequence[XY], x0: float, y0: float, x1: float, y1: float) -> list[XY]:
    """Sutherland–Hodgman: the part of a closed ring inside the rectangle (may be empty)."""
    points = list(ring)
    edges = (
        (lambda p: p[0] >= x0, lambda a, b: _cross_x(a, b, x0)),
        (lambda p: p[0] <= x1, lambda a, b: _cross_x(a, b, x1)),
        (lambda p: p[1] >= y0, lambda a, b: _cross_y(a, b, y0)),
        (lambda p: p[1] <= y1, lambda a, b: _cross_y(a, b, y1)),
    )
    for inside, cross in edges:
        if not points:
            break
        out: list[XY] = []
        prev = points[-1]
        for cur in points:
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
            prev = cur
        points = out
    return points


def _cross_x(a: XY, b: XY, x: float) -> XY:
    t = (x - a[0]) / (b[0] - a[0])
    return x, a[1] + t * (b[1] - a[1])


def _cross_y(a: XY, b: XY, y: float) -> XY:
    t = (y - a[1]) / (b[1] - a[1])
    return a[0] + t * (b[0] - a[0]), y


def simplify_ring(points: Sequence[XY], tolerance: float) -> list[XY]:
    """Douglas–Peucker in pixels: the ring with the points that move it by less than
    ``tolerance`` dropped (first and farthest point always kept)."""
    n = len(points)
    if n < 4:
        return list(points)
    start = points[0]
    far = max(
        range(n), key=lambda i: (points[i][0] - start[0]) ** 2 + (points[i][1] - start[1]) ** 2
    )
    keep = [False] * n
    keep[0] = keep[far] = keep[n - 1] = True
    stack = [(0, far), (far, n - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy)
        worst, index = tolerance, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if norm == 0:
                d = math.hypot(px - ax, py - ay)
            else:
                d = abs(dy * (px - ax) - dx * (py - ay)) / norm
            if d > worst:
                worst, index = d, i
        if index >= 0:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep, strict=True) if k]


def _area_centroid(ring: Sequence[XY]) -> tuple[float, XY]:
    area = cx = cy = 0.0
    for (xa, ya), (xb, yb) in zip(ring, [*ring[1:], ring[0]], strict=True):
        cross = xa * yb - xb * ya
        area += cross
        cx += (xa + xb) * cross
        cy += (ya + yb) * cross
    if area == 0:
        return 0.0, ring[0]
    return abs(area) / 2, (cx / (3 * area), cy / (3 * area))


def _f(value: float) -> str:
    text = f"{value:.1f}"
    return "0" if text in ("-0.0", "0.0") else text.removesuffix(".0")


def country_paths(
    view: View,
    countries: Iterable[Country],
    shaded: frozenset[str] = frozenset(),
    tolerance: float = 0.5,
) -> tuple[list[str], list[tuple[float, XY, str]]]:
    """SVG paths of the countries inside ``view``, and label candidates: (visible area in px²,
    centroid of the largest visible piece, name). Outlines are clipped to the view, simplified
    to ``tolerance`` pixels, and islands smaller than two pixels are left out."""
    margin = 4.0
    x0, y0, x1, y1 = -margin, -margin, view.width + margin, view.height + margin
    paths, labels = [], []
    for country in countries:
        pieces, area_total, best = [], 0.0, (0.0, (0.0, 0.0))
        for polygon, (w, s, e, n) in zip(country.polygons, country.bboxes, strict=True):
            if e < view.west or w > view.east or n < view.south or s > view.north:
                continue
            for ring_index, ring in enumerate(polygon):
                projected = [view.project(lon, lat) for lon, lat in ring]
                xs, ys = [p[0] for p in projected], [p[1] for p in projected]
                if max(max(xs) - min(xs), max(ys) - min(ys)) < 2:
                    continue
                clipped = simplify_ring(clip_ring(projected, x0, y0, x1, y1), tolerance)
                if len(clipped) < 3:
                    continue
                pieces.append("M" + "L".join(f"{x:.0f} {y:.0f}" for x, y in clipped) + "Z")
                if ring_index == 0:
                    area, centre = _area_centroid(clipped)
                    area_total += area
                    if area > best[0]:
                        best = (area, centre)
        if not pieces:
            continue
        fill = _SHADED if country.cc and country.cc in shaded else _LAND
        paths.append(
            f"<path d='{''.join(pieces)}' fill='{fill}'><title>{escape(country.name)}</title></path>"
        )
        labels.append((area_total, best[1], country.name))
    return paths, labels


def _graticule(view: View) -> tuple[str, str]:
    """Meridians and parallels every 1 to 60 degrees (about eight across), and their labels."""
    span = max(view.east - view.west, view.north - view.south)
    step = next((s for s in (1, 2, 5, 10, 15, 30, 60) if span / s <= 8), 90)
    lines, texts = [], []
    lon = math.ceil(view.west / step) * step
    while lon <= view.east:
        x, _ = view.project(lon, 0)
        lines.append(f"M{_f(x)} 0V{_f(view.height)}")
        hemisphere = "E" if lon > 0 else "W" if lon < 0 else ""
        texts.append(
            f"<text x='{_f(x + 2)}' y='{_f(view.height - 3)}'>{abs(lon)}°{hemisphere}</text>"
        )
        lon += step
    lat = math.ceil(view.south / step) * step
    while lat <= view.north:
        _, y = view.project(0, lat)
        lines.append(f"M0 {_f(y)}H{_f(view.width)}")
        hemisphere = "N" if lat > 0 else "S" if lat < 0 else ""
        texts.append(f"<text x='2' y='{_f(y - 2)}'>{abs(lat)}°{hemisphere}</text>")
        lat += step
    return (
        f"<path d='{''.join(lines)}' fill='none' stroke='#b9c9d8' stroke-width='0.5'/>",
        f"<g class='grid-label' fill='#7f93a6' font-size='9'>{''.join(texts)}</g>",
    )


def dot_radius(mentions: int, most: int, smallest: float = 3.5, largest: float = 13.0) -> float:
    """Dot area grows with mentions, relative to the most mentioned place on the map."""
    if most <= 0:
        return smallest
    share = max(0, min(mentions, most)) / most
    return smallest + (largest - smallest) * math.sqrt(share)


def _overlaps(box: Box, boxes: Iterable[Box]) -> bool:
    x0, y0, x1, y1 = box
    return any(x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1 for b in boxes)


def _place_label(
    name: str, x: float, y: float, r: float, view: View, placed: list[Box]
) -> str | None:
    """A ``<text>`` naming the dot at (x, y): right of it, left, above or below, whichever
    first fits in the view without covering another dot or label (``placed`` grows)."""
    width = 6.2 * len(name) + 4
    own = (x - r, y - r, x + r, y + r)
    others = [b for b in placed if b != own]
    candidates = (
        (x + r + 3, y + 4, "start", x + r + 3),
        (x - r - 3, y + 4, "end", x - r - 3 - width),
        (x, y - r - 4, "middle", x - width / 2),
        (x, y + r + 12, "middle", x - width / 2),
    )
    for tx, ty, anchor, left in candidates:
        box = (left, ty - 11, left + width, ty + 2)
        if box[0] < 0 or box[2] > view.width or box[1] < 0 or box[3] > view.height:
            continue
        if not _overlaps(box, others):
            placed.append(box)
            others.append(box)
            return f"<text x='{_f(tx)}' y='{_f(ty)}' text-anchor='{anchor}'>{escape(name)}</text>"
    return None


def render_map(
    points: Sequence[MapPoint],
    *,
    view: View | None = None,
    shaded_countries: Iterable[str] = (),
    labels: bool = True,
    caption: str = "",
    width: float = 760,
    countries: Sequence[Country] | None = None,
) -> str:
    """One inline ``<svg>``: outlines (``shaded_countries`` filled), graticule, a dot per point
    (sized by mentions, with its name as ``<title>``, linked to ``href``) and, if ``labels``,
    names that don't collide. Points must carry valid coordinates (see
    :func:`valid_coordinates`). The view fits the points, or else the shaded countries; with
    neither there is no map and the result is ""."""
    shaded_countries = frozenset(shaded_countries)
    outlines = load_countries() if countries is None else countries
    if view is None and points:
        view = fit_view([(p.lon, p.lat) for p in points], width)
    elif view is None:
        view = countries_view(shaded_countries, width, outlines)
    if view is None:
        return ""
    paths, country_labels = country_paths(view, outlines, shaded_countries)
    most = max((p.mentions for p in points), default=1)
    placed: list[Box] = []
    dots, names = [], []
    ordered = sorted(points, key=lambda p: (-p.mentions, p.name))
    projected = [(p, view.project(p.lon, p.lat), dot_radius(p.mentions, most)) for p in ordered]
    for _, (x, y), r in projected:
        placed.append((x - r, y - r, x + r, y + r))
    for point, (x, y), r in projected:  # largest first, so small dots are drawn on top
        tooltip = point.tooltip or f"{point.name} — {point.mentions} mentions"
        circle = (
            f"<circle cx='{_f(x)}' cy='{_f(y)}' r='{_f(r)}' data-name='{escape(point.name)}'>"
            f"<title>{escape(tooltip)}</title></circle>"
        )
        if point.href:
            circle = f"<a href='{escape(point.href)}'>{circle}</a>"
        dots.append(circle)
    if labels:
        for point, (x, y), r in projected:
            label = _place_label(point.name, x, y, r, view, placed)
            if label:
                names.append(label)
    country_names = []
    min_area = 0.04 * view.width * view.height
    for area, (cx, cy), name in sorted(country_labels, reverse=True):
        text_width = 7.5 * len(name) + 6
        box = (cx - text_width / 2, cy - 8, cx + text_width / 2, cy + 6)
        if area < min_area or box[0] < 0 or box[2] > view.width or box[1] < 0:
            continue
        if box[3] > view.height or _overlaps(box, placed):
            continue
        placed.append(box)
        country_names.append(f"<text x='{_f(cx)}' y='{_f(cy + 4)}'>{escape(name)}</text>")
    w, h = _f(view.width), _f(view.height)
    grid_lines, grid_labels = _graticule(view)
    return (
        f"<svg class='map' viewBox='0 0 {w} {h}' width='{w}' height='{h}' role='img' "
        f"aria-label='{escape(caption or 'map')}' font-family='system-ui,sans-serif' "
        f"data-bbox='{view.west:.3f},{view.south:.3f},{view.east:.3f},{view.north:.3f}'>"
        f"<rect width='{w}' height='{h}' fill='{_SEA}'/>"
        f"{grid_lines}"
        f"<g class='land' stroke='{_BORDER}' stroke-width='0.6' stroke-linejoin='round'>"
        f"{''.join(paths)}</g>{grid_labels}"
        f"<g class='country-label' fill='#8c8577' font-size='11' text-anchor='middle' "
        f"letter-spacing='1'>{''.join(country_names)}</g>"
        f"<g class='dots' fill='{_DOT}' fill-opacity='0.75' stroke='#fff' stroke-width='1'>"
        f"{''.join(dots)}</g>"
        f"<g class='place-label' font-size='11' fill='#222' stroke='#fff' stroke-width='3' "
        f"paint-order='stroke'>{''.join(names)}</g></svg>"
    )
