"""Offline maps in index.html: bundled outlines, projection, dots, escaping, per-story maps."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest

from newsfuse.model import (
    Article,
    Mention,
    Place,
    Report,
    SourceGroup,
    Story,
    TimeSpan,
)
from newsfuse.outputs.html import render_html
from newsfuse.outputs.map import (
    OUTLINES_FILE,
    MapPoint,
    View,
    clip_ring,
    fit_view,
    load_countries,
    render_map,
    valid_coordinates,
    world_view,
)
from tests.outputs.test_html_times import article as _article

HOSTILE = "<script>alert('x')</script>"
ESCAPED_IZIUM = "Izium&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"


# --- helpers ----------------------------------------------------------------------------------


def svgs(page: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", page, flags=re.DOTALL)


def circles(svg: str) -> list[dict[str, str]]:
    return [
        dict(re.findall(r"(\w[\w-]*)='([^']*)'", c)) for c in re.findall(r"<circle\b[^>]*>", svg)
    ]


def country_rings(svg: str, name: str) -> list[list[tuple[float, float]]]:
    """The rings of the path titled ``name`` in an SVG, in SVG coordinates."""
    match = re.search(r"<path d='([^']*)'[^>]*><title>" + re.escape(name) + "</title>", svg)
    assert match, f"no outline of {name} in the map"
    rings = []
    for piece in re.findall(r"M([^Z]*)Z", match.group(1)):
        coords = [tuple(map(float, p.split())) for p in piece.split("L")]
        rings.append(coords)
    return rings


def inside(point: tuple[float, float], ring: list[tuple[float, float]]) -> bool:
    x, y = point
    result = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            result = not result
    return result


def place(pid, name, lat, lon, cc, articles, feature="city"):
    mentions = [Mention(a, 0, len(name), name) for a in articles]
    return Place(pid, name, None, lat, lon, cc, None, feature, None, None, mentions)


def article(aid: str, title: str) -> Article:
    return _article(aid, "Body.", title=title)


def report_with_places(places: list[Place], story_places: list[str] | None = None) -> dict:
    """Two stories: story-1 (art-1, art-2) and story-2 (art-3), each listing the places its
    articles mention (unless ``story_places`` says otherwise for story-1)."""
    stories = [
        Story(
            "story-1",
            "Kharkiv offensive",
            ["art-1", "art-2"],
            2,
            TimeSpan("2022-09-10", "2022-09-10"),
            places=story_places
            if story_places is not None
            else [p.id for p in places if "art-3" not in {m.article_id for m in p.mentions}],
        ),
        Story(
            "story-2",
            "Launch scrubbed",
            ["art-3"],
            1,
            TimeSpan("2022-09-03", "2022-09-03"),
            places=[p.id for p in places if "art-3" in {m.article_id for m in p.mentions}],
        ),
    ]
    return Report(
        generator="newsfuse test",
        created="2024-01-01T00:00:00+00:00",
        inputs=["in"],
        articles=[article("art-1", "A"), article("art-2", "B"), article("art-3", "C")],
        source_groups=[
            SourceGroup("src-1", ["art-1"], "art-1", "singleton"),
            SourceGroup("src-2", ["art-2"], "art-2", "singleton"),
            SourceGroup("src-3", ["art-3"], "art-3", "singleton"),
        ],
        stories=stories,
        entities=[],
        places=places,
        rejected=[],
    ).to_dict()


def story_section(page: str, story_id: str) -> str:
    start = page.index(f"<section class='story' id='{story_id}'>")
    return page[start : page.index("</section>", start)]


# --- outlines ---------------------------------------------------------------------------------


def test_bundled_outlines_are_small_credited_and_complete():
    from importlib import resources

    source = resources.files("newsfuse.outputs").joinpath("templates", OUTLINES_FILE)
    text = source.read_text(encoding="utf-8")
    assert len(text.encode()) < 300_000
    assert "Natural Earth" in text[:600] and "public domain" in text[:600]
    countries = load_countries()
    assert len(countries) > 200
    codes = {c.cc for c in countries}
    assert {"UA", "RU", "US", "FR", "BR", "AU", "JP", "ZA"} <= codes


@pytest.mark.parametrize(
    ("lon", "lat", "code"),
    [(30.52, 50.45, "UA"), (34.10, 44.95, "UA"), (37.62, 55.75, "RU"), (2.35, 48.86, "FR")],
)
def test_cities_fall_inside_their_country_outline(lon, lat, code):
    # (34.10, 44.95) is Simferopol: Crimea is drawn within Ukraine's internationally recognised
    # borders, not Natural Earth's de facto ones.
    holders = {
        c.cc for c in load_countries() for poly in c.polygons if inside((lon, lat), list(poly[0]))
    }
    assert holders == {code}


# --- projection and geometry ------------------------------------------------------------------


def test_place_in_kyiv_is_drawn_inside_ukraine_in_svg_coordinates():
    svg = render_map([MapPoint("Kyiv", 50.45, 30.52, 3)])
    (dot,) = circles(svg)
    x, y = float(dot["cx"]), float(dot["cy"])
    ukraine = [p for ring in country_rings(svg, "Ukraine") for p in ring]
    xs, ys = [p[0] for p in ukraine], [p[1] for p in ukraine]
    assert min(xs) < x < max(xs) and min(ys) < y < max(ys)
    assert any(inside((x, y), ring) for ring in country_rings(svg, "Ukraine"))
    assert not any(inside((x, y), ring) for ring in country_rings(svg, "Belarus"))


def test_projection_puts_north_up_and_east_right():
    view = View(20.0, 40.0, 40.0, 60.0, 400, 300)
    assert view.project(20.0, 60.0) == (0, 0)
    assert view.project(40.0, 40.0) == (400, 300)
    west, east = view.project(25.0, 50.0), view.project(35.0, 50.0)
    north, south = view.project(30.0, 55.0), view.project(30.0, 45.0)
    assert west[0] < east[0] and north[1] < south[1]


def test_fit_view_contains_the_points_with_padding_and_a_sane_shape():
    points = [(36.25, 49.98), (37.28, 49.21), (30.52, 50.45)]
    view = fit_view(points, 700)
    for lon, lat in points:
        assert view.west < lon < view.east and view.south < lat < view.north
        x, y = view.project(lon, lat)
        assert 20 < x < 680 and 10 < y < view.height - 10  # padded, not on the edge
    assert 0.42 * 700 - 1 <= view.height <= 0.8 * 700 + 1
    assert view.east - view.west < 15  # zoomed to the places, not the world


def test_fit_view_of_one_point_has_a_minimum_extent():
    view = fit_view([(36.25, 49.98)])
    assert view.east - view.west >= 3
    assert view.north - view.south >= 1.8


def test_clip_ring_keeps_only_the_part_inside():
    square = [(-10.0, -10.0), (10.0, -10.0), (10.0, 10.0), (-10.0, 10.0)]
    clipped = clip_ring(square, 0, 0, 100, 100)
    assert sorted(clipped) == [(0, 0), (0, 10), (10, 0), (10, 10)]
    assert clip_ring([(200.0, 200.0), (300.0, 200.0), (300.0, 300.0)], 0, 0, 100, 100) == []


def test_world_map_has_no_edge_across_the_antimeridian():
    svg = render_map([MapPoint("Suva", -18.14, 178.44, 1)], view=world_view(720))
    for name in ("Russia", "Fiji"):
        for ring in country_rings(svg, name):
            for (x1, _), (x2, _) in pairwise(ring):
                assert abs(x2 - x1) < 360, f"{name} has an edge across the whole map"


@pytest.mark.parametrize(
    ("lat", "lon"),
    [(None, 30.0), (50.0, None), (float("nan"), 30.0), (95.0, 30.0), (50.0, 181.0), (True, 1)],
)
def test_invalid_coordinates_are_refused(lat, lon):
    assert valid_coordinates(lat, lon) is None


def test_dots_grow_with_mentions():
    svg = render_map([MapPoint("Big", 50.0, 30.0, 40), MapPoint("Small", 49.0, 36.0, 1)])
    radius = {c["data-name"]: float(c["r"]) for c in circles(svg)}
    assert radius["Big"] > 2 * radius["Small"]


# --- the page ---------------------------------------------------------------------------------


def demo_places() -> list[Place]:
    return [
        place("place-kyiv", "Kyiv", 50.45, 30.52, "UA", ["art-1", "art-1", "art-2"]),
        place("place-bad", f"Izium{HOSTILE}", 49.21, 37.28, "UA", ["art-2"]),
        # a country with GeoNames' centroid: shaded, never a dot
        place("place-ua", "Ukraine", 49.0, 32.0, "UA", ["art-1"], feature="country"),
        place("place-none", "Nowhere", None, None, None, ["art-2"]),
        place("place-cc", "Cape Canaveral", 28.41, -80.60, "US", ["art-3"]),
    ]


def test_story_map_has_a_dot_per_located_place_with_escaped_name_and_link():
    page = render_html(report_with_places(demo_places()))
    section = story_section(page, "story-1")
    (svg,) = svgs(section)
    dots = circles(svg)
    assert sorted(d["data-name"] for d in dots) == [ESCAPED_IZIUM, "Kyiv"]
    for dot in dots:
        assert float(dot["cx"]) > 0 and float(dot["cy"]) > 0
    assert "<script" not in page
    assert "Izium&lt;script&gt;" in svg  # the <title> tooltip and the label, escaped
    # every dot links to the story's entry for that place, which exists and cites the articles
    links = re.findall(r"<a href='#(story-1--place-[a-z]+)'><circle", svg)
    assert sorted(links) == ["story-1--place-bad", "story-1--place-kyiv"]
    entry = re.search(r"<li id='story-1--place-kyiv'>.*?</li>", section).group(0)
    assert "3 mentions" in entry and "href='#art-1'" in entry and "href='#art-2'" in entry
    # zoomed to the story's places (Kyiv to Izium), not to the world; Cape Canaveral elsewhere
    west, south, east, north = map(
        float, re.search(r"data-bbox='([^']*)'", svg).group(1).split(",")
    )
    assert 25 < west < 30.5 and 37.3 < east < 43 and 45 < south < 49.2 and 50.5 < north < 55
    assert "Cape Canaveral" not in section


def test_place_without_coordinates_is_listed_but_not_drawn():
    page = render_html(report_with_places(demo_places()))
    section = story_section(page, "story-1")
    (svg,) = svgs(section)
    assert "Nowhere" not in svg
    entry = re.search(r"<li id='story-1--place-none'>.*?</li>", section).group(0)
    assert "Nowhere" in entry and "no coordinates: not on the map" in entry
    assert "5 places, 3 as dots on the map" in page  # the overview lists it too
    assert "<tr id='place-none'>" in page


def test_country_is_shaded_not_drawn_as_a_dot_at_its_centroid():
    page = render_html(report_with_places(demo_places()))
    section = story_section(page, "story-1")
    (svg,) = svgs(section)
    assert "data-name='Ukraine'" not in svg
    assert re.search(r"fill='#efdcb4'><title>Ukraine</title>", svg)
    assert not re.search(r"fill='#efdcb4'><title>Russia</title>", svg)
    entry = re.search(r"<li id='story-1--place-ua'>.*?</li>", section).group(0)
    assert "a country: shaded on the map" in entry


def test_overview_map_shows_every_located_place_linked_to_its_story():
    page = render_html(report_with_places(demo_places()))
    overview = page[page.index("<section class='places' id='places'>") :]
    overview = overview[: overview.index("</section>")]
    (svg,) = svgs(overview)
    assert len(circles(svg)) == 3
    assert "<a href='#story-2--place-cc'><circle" in svg
    assert "<a href='#story-1--place-kyiv'><circle" in svg
    # the Launch story gets its own map with its one place
    (launch,) = svgs(story_section(page, "story-2"))
    assert [c["data-name"] for c in circles(launch)] == ["Cape Canaveral"]


def test_story_places_are_found_from_mentions_when_the_story_lists_none():
    page = render_html(report_with_places(demo_places(), story_places=[]))
    (svg,) = svgs(story_section(page, "story-1"))
    assert sorted(c["data-name"] for c in circles(svg)) == [ESCAPED_IZIUM, "Kyiv"]


def test_report_without_places_renders_no_map():
    page = render_html(report_with_places([]))
    assert "<svg" not in page
    assert "id='places'" not in page
    assert "Kharkiv offensive" in page


def test_story_whose_places_have_no_coordinates_gets_a_list_and_no_map():
    only = [place("place-none", "Nowhere", None, None, None, ["art-1"])]
    page = render_html(report_with_places(only))
    section = story_section(page, "story-1")
    assert "<svg" not in section
    assert "id='story-1--place-none'" in section


def test_story_that_names_only_a_country_gets_a_map_of_that_country():
    only = [place("place-ua", "Ukraine", 49.0, 32.0, "UA", ["art-1"], feature="country")]
    (svg,) = svgs(story_section(render_html(report_with_places(only)), "story-1"))
    assert circles(svg) == []
    west, south, east, north = map(
        float, re.search(r"data-bbox='([^']*)'", svg).group(1).split(",")
    )
    assert 20 < west < 22.2 and 40.2 < east < 45 and 42 < south < 44.4 and 52.4 < north < 56


def test_maps_load_nothing_from_the_network():
    page = render_html(report_with_places(demo_places()))
    assert len(svgs(page)) == 3  # overview + one per story
    for svg in svgs(page):
        assert not re.search(r"https?:", svg)
        assert "xlink" not in svg and "<image" not in svg and "url(" not in svg
    assert not re.search(r"<(script|link|img|iframe)\b", page)
    assert not re.search(r"https?://", page)  # these articles have no URLs; nothing else may


def test_map_is_deterministic():
    report = report_with_places(demo_places())
    assert render_html(report) == render_html(report)


def test_a_crowded_story_map_is_capped_and_says_so():
    many = [
        place(f"place-{i:03d}", f"Village {i}", 48 + (i % 20) / 10, 30 + i / 50, "UA", ["art-1"])
        for i in range(350)
    ]
    page = render_html(report_with_places(many, story_places=[p.id for p in many]))
    section = story_section(page, "story-1")
    (svg,) = svgs(section)
    assert len(circles(svg)) == 300
    assert "the 300 most mentioned of 350" in section
    assert section.count("<li id='story-1--place-") == 350  # the list still names every place


def test_overview_dot_of_a_place_in_two_stories_names_both():
    shared = [place("place-kyiv", "Kyiv", 50.45, 30.52, "UA", ["art-1", "art-3"])]
    page = render_html(report_with_places(shared, story_places=["place-kyiv"]))
    (overview, story_1, story_2) = svgs(page)
    (dot,) = re.findall(r"<a href='#([^']*)'><circle[^>]*><title>([^<]*)</title>", overview)
    assert dot[0] == "story-1--place-kyiv"
    assert "2 stories: Kharkiv offensive; Launch scrubbed" in dot[1]
    assert "<tr id='place-kyiv'>" in page
    assert "href='#story-2--place-kyiv'" in page  # the table row links the second story too
    assert len(circles(story_1)) == len(circles(story_2)) == 1
