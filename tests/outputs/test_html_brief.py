"""index.html opens each story with its brief and timeline: every sentence and entry carries
citation markers, grouped by independent source, that link to the cited sentence inside its
article; contradicted and disputed statements show their attributed sides; background entries
are marked; dates are written by precision; every scraped string is escaped."""

from __future__ import annotations

import re
from html import unescape

import pytest

from newsfuse.model import (
    BriefSentence,
    BriefSide,
    Citation,
    DatePrecision,
    SourceGroup,
    Story,
    TimelineEntry,
    TimeSpan,
)
from newsfuse.outputs.html import render_html
from newsfuse.outputs.html_brief import format_date
from tests.outputs.test_html_times import ESCAPED, HOSTILE, article, article_html, report

FAILED = "The dam above Millbrook gave way on Monday."
EVACUATED = "Crews moved 400 families to the school."
LOW = "Officials put the flood crest at 6 metres."
HIGH = "Engineers put the flood crest at 9 metres."
CAUSE = f"Heavy rain {HOSTILE} was to blame."

TEXT_A = f"{FAILED} {EVACUATED}\n{LOW}"
TEXT_B = f"{FAILED} Schools closed."  # a copy of art-a
TEXT_C = f"{FAILED}\n{HIGH} {CAUSE}"


def cite(aid: str, text: str, sentence: str, group: str) -> Citation:
    start = text.index(sentence)
    return Citation(aid, (start, start + len(sentence)), group)


A_FAILED = cite("art-a", TEXT_A, FAILED, "src-ab")
B_FAILED = cite("art-b", TEXT_B, FAILED, "src-ab")
C_FAILED = cite("art-c", TEXT_C, FAILED, "src-c")
A_LOW = cite("art-a", TEXT_A, LOW, "src-ab")
C_HIGH = cite("art-c", TEXT_C, HIGH, "src-c")
C_CAUSE = cite("art-c", TEXT_C, CAUSE, "src-c")
A_EVACUATED = cite("art-a", TEXT_A, EVACUATED, "src-ab")


def brief() -> list[BriefSentence]:
    return [
        BriefSentence(
            FAILED, ["art-a", "art-b", "art-c"], 2, "agreed", [A_FAILED, B_FAILED, C_FAILED]
        ),
        BriefSentence(
            "Officials put the crest at 6 metres; engineers put it at 9 metres.",
            ["art-a", "art-c"],
            2,
            "contradicted",
            [A_LOW, C_HIGH],
            ["c-low", "c-high"],
            [
                BriefSide("the flood crest was 6 metres", ["Officials"], "c-low", [A_LOW]),
                BriefSide("the flood crest was 9 metres", ["Engineers"], "c-high", [C_HIGH]),
            ],
        ),
        BriefSentence(
            f"Outlet art-c blames heavy rain {HOSTILE}; the county blames upkeep.",
            ["art-c"],
            1,
            "disputed",
            [C_CAUSE],
            ["c-rain", "c-upkeep"],
            [
                BriefSide(f"heavy rain {HOSTILE}", [f"Outlet {HOSTILE}"], "c-rain", [C_CAUSE]),
                BriefSide("poor upkeep", ["County council"], "c-upkeep", []),
            ],
        ),
        BriefSentence(EVACUATED, ["art-a"], 1, "single", [A_EVACUATED]),
    ]


def timeline() -> list[TimelineEntry]:
    return [
        TimelineEntry(
            "2030", DatePrecision.YEAR, "The dam was last inspected.", ["art-c"], True, 1,
            [C_CAUSE],
        ),
        TimelineEntry(
            "2031-02", DatePrecision.MONTH, f"Cracks were reported {HOSTILE}.", ["art-c"], True,
            1, [C_HIGH], "in February",
        ),
        TimelineEntry(
            "2031-03-10", DatePrecision.DAY, "The dam gave way.", ["art-a", "art-b", "art-c"],
            False, 2, [A_FAILED, B_FAILED, C_FAILED], "on Monday",
        ),
    ]  # fmt: skip


def groups() -> list[SourceGroup]:
    shared_end = len("The dam above Millbrook gave way on Monday. Schools")
    return [
        SourceGroup(
            "src-ab",
            ["art-a", "art-b"],
            "art-a",
            "exact-text",
            # a shared-text highlight crossing the end of the cited sentence in art-b
            evidence=[
                {
                    "article_id": "art-b",
                    "of": "art-a",
                    "relation": "partial",
                    "score": 0.5,
                    "links": [
                        {"source_span": [4, 20], "target_span": [4, shared_end], "kind": "fuzzy"}
                    ],
                }
            ],
        ),
        SourceGroup("src-c", ["art-c"], "art-c", "singleton"),
    ]


def page(brief_items=None, timeline_items=None, texts=None) -> str:
    texts = texts or {"art-a": TEXT_A, "art-b": TEXT_B, "art-c": TEXT_C}
    articles = [article(aid, text=text) for aid, text in texts.items()]
    story = Story(
        "story-1",
        "Millbrook dam",
        list(texts),
        2,
        TimeSpan("2031-03-10", "2031-03-11"),
        brief=brief() if brief_items is None else brief_items,
        timeline=timeline() if timeline_items is None else timeline_items,
    )
    return render_html(report(articles, groups=groups(), stories=[story]))


def section(html: str, cls: str) -> str:
    start = html.index(f"<div class='{cls}'>")
    return html[start : html.index("</ol></div>", start)]


def items(html: str) -> list[str]:
    """The top-level <li> items of a brief or timeline section."""
    return re.split(r"<li class='", html)[1:]


def well_nested(html: str) -> bool:
    stack = []
    for closing, name in re.findall(r"<(/?)(mark|time|span|p)\b", html):
        if not closing:
            stack.append(name)
        elif not stack or stack.pop() != name:
            return False
    return not stack


def test_brief_and_timeline_open_the_story_before_its_articles():
    html = page()
    meta = html.index("<p class='meta'><span class='badge src'>2 independent sources")
    assert meta < html.index("<div class='brief'>") < html.index("<div class='timeline'>")
    assert html.index("<div class='timeline'>") < html.index("<article id='art-a'>")


def test_every_marker_links_to_the_cited_sentence_inside_its_article():
    html = page()
    targets = set(re.findall(r"<a class='cite' href='#([^']+)'", html))
    cited = [A_FAILED, B_FAILED, C_FAILED, A_LOW, C_HIGH, C_CAUSE, A_EVACUATED]
    texts = {"art-a": TEXT_A, "art-b": TEXT_B, "art-c": TEXT_C}
    expected = {f"{c.article_id}-s{c.span[0]}": c for c in cited}
    assert targets == set(expected)
    for target, citation in expected.items():
        assert html.count(f"id='{target}'") == 1
        body = article_html(html, citation.article_id)
        # the element with the id holds the cited sentence (its inner tags stripped)
        after = body[body.index(f"<mark class='cited' id='{target}'>") :]
        words = re.sub(r"<[^>]+>", "", after[: after.index("</p>")])
        start, end = citation.span
        assert unescape(words).startswith(texts[citation.article_id][start:end])
    assert f"<mark class='cited' id='art-a-s{TEXT_A.index(LOW)}'>{LOW}</mark>" in html


def test_cited_marks_nest_with_shared_highlights_and_are_placed_once():
    html = page()
    body = article_html(html, "art-b")
    assert well_nested(body)
    # the shared highlight crossing the cited sentence's end is cut there, on both sides
    assert (
        "<mark class='cited' id='art-b-s0'>The <mark title='fuzzy from Outlet art-a: Title art-a'>"
        "dam above Millbrook gave way on Monday.</mark></mark>"
        "<mark title='fuzzy from Outlet art-a: Title art-a'> Schools</mark> closed." in body
    )
    for aid in ("art-a", "art-c"):
        assert well_nested(article_html(html, aid))


def test_overlapping_cited_spans_share_one_mark_and_keep_both_ids():
    text = "Water rose fast. The road flooded by noon."
    second = text.index("The road")
    overlapping = [
        BriefSentence("Water rose.", ["art-a"], 1, "single", [Citation("art-a", (0, 16), "s")]),
        BriefSentence("Road flooded.", ["art-a"], 1, "single", [Citation("art-a", (6, 30), "s")]),
        BriefSentence(
            "By noon.", ["art-a"], 1, "single", [Citation("art-a", (second, len(text)), "s")]
        ),
    ]
    html = page(overlapping, [], {"art-a": text})
    body = article_html(html, "art-a")
    assert well_nested(body)
    for start in (0, 6):
        assert body.count(f"id='art-a-s{start}'") == 1
    assert "<mark class='cited' id='art-a-s0'><span id='art-a-s6'></span>" in body


def test_markers_are_numbered_per_story_and_grouped_by_source():
    first = items(section(page(), "brief"))[0]
    # art-a and art-b are one copy family: boxed together, outlets named in the title
    assert re.search(
        r"<span class='cite-group copies' title='one independent source, copied: "
        r"Outlet art-a, Outlet art-b'><a class='cite' href='#art-a-s0' "
        r"title='Outlet art-a: Title art-a'>\[1\]</a><a class='cite' href='#art-b-s0' "
        r"title='Outlet art-b: Title art-b'>\[2\]</a></span><span class='cite-group'>"
        r"<a class='cite' href='#art-c-s0' title='Outlet art-c: Title art-c'>\[3\]</a></span>",
        first,
    )
    # the same article keeps its number in the timeline
    timeline_html = section(page(), "timeline")
    assert "title='Outlet art-a: Title art-a'>[1]</a>" in timeline_html
    assert "title='Outlet art-c: Title art-c'>[3]</a>" in timeline_html


def test_badges_count_independent_sources():
    agreed, contradicted, disputed, single = items(section(page(), "brief"))
    assert "<span class='badge src'>2 independent sources</span>" in agreed
    assert "<span class='badge src'>2 independent sources</span>" in contradicted
    assert "<span class='badge src'>1 independent source</span>" in single
    assert "<span class='badge src'>1 independent source</span>" in disputed
    for item in (agreed, single):
        assert "v-contradicted" not in item and "v-disputed" not in item


def test_contradicted_and_disputed_items_are_flagged_with_both_sides_attributed():
    _, contradicted, disputed, _ = items(section(page(), "brief"))
    assert contradicted.startswith("contradicted'>")
    assert "<span class='badge v-contradicted'>contradicted</span>" in contradicted
    assert "“the flood crest was 6 metres” <span class='via'>— asserted by Officials</span>" in (
        contradicted
    )
    assert "“the flood crest was 9 metres” <span class='via'>— asserted by Engineers</span>" in (
        contradicted
    )
    low, high = contradicted.split("<ul class='sides'>")[1].split("</li>")[:2]
    assert f"href='#art-a-s{TEXT_A.index(LOW)}'" in low and "art-c" not in low
    assert f"href='#art-c-s{TEXT_C.index(HIGH)}'" in high and "art-a" not in high

    assert disputed.startswith("disputed'>")
    assert "<span class='badge v-disputed'>disputed</span>" in disputed
    assert f"asserted by Outlet {ESCAPED}" in disputed
    assert "“poor upkeep” <span class='via'>— asserted by County council</span>" in disputed


def test_background_entries_are_marked_and_dates_follow_precision():
    year, month, day = items(section(page(), "timeline"))
    for entry in (year, month):
        assert entry.startswith("background'>")
        assert "<span class='badge bg'>background</span>" in entry
    assert day.startswith("event'>") and "background" not in day
    assert "<time class='tl-date' datetime='2030' title='2030 (year)'>2030</time>" in year
    assert ">Feb 2031</time>" in month and "dated by “in February”" in month
    assert "datetime='2031-03-10'" in day and ">10 Mar 2031</time>" in day
    assert "<span class='badge src'>2 independent sources</span>" in day


@pytest.mark.parametrize(
    ("value", "precision", "shown"),
    [
        ("2022-09-10", "day", "10 Sep 2022"),
        ("2022-09-10T14:30", "minute", "10 Sep 2022"),
        ("2022-09", "month", "Sep 2022"),
        ("2022-09-10", "month", "Sep 2022"),
        ("2022", "year", "2022"),
        ("2022-W37", "week", "2022-W37"),
        ("2022-09", "day", "2022-09"),  # the day its precision names is missing
        (None, None, "undated"),
    ],
)
def test_format_date(value, precision, shown):
    assert format_date(value, precision) == shown


def test_scraped_strings_are_escaped():
    html = page()
    assert HOSTILE not in html
    assert html.count("<script") == 1  # the page's own script, nothing scraped
    assert ESCAPED in section(html, "brief") and ESCAPED in section(html, "timeline")


def test_script_unfolds_the_target_and_ids_stay_unique():
    html = page()
    script = html[html.index("<script>") : html.index("</script>")]
    assert "hashchange" in script and "DETAILS" in script and "http" not in script
    ids = re.findall(r"\bid='([^']+)'", html)
    assert len(ids) == len(set(ids))


def test_citation_without_a_usable_span_links_to_the_article():
    odd = [
        BriefSentence("Out of range.", ["art-a"], 1, "single", [Citation("art-a", (5, 999), "s")]),
        BriefSentence("No source.", ["art-b", "art-x"], 1, "single", []),
    ]
    html = page(odd, [])
    brief_html = section(html, "brief")
    assert "href='#art-a'" in brief_html and "href='#art-b'" in brief_html
    assert "<span class='cite' title='art-x: not in this report'>" in brief_html
    assert "class='cited'" not in html


def test_empty_brief_and_timeline_render_nothing():
    html = page([], [])
    for absent in ("<h3>Brief", "<h3>Timeline", "class='brief'", "class='timeline'", "<script"):
        assert absent not in html
    assert "class='cited'" not in html
    only_timeline = page([], None)
    assert "<h3>Brief" not in only_timeline and "<h3>Timeline" in only_timeline


def test_a_timeline_entry_carrying_a_contested_claim_is_flagged():
    entries = timeline()
    entries[1].status = "contradicted"
    entries[1].claim_ids = ["claim-x"]
    year, month, day = items(section(page(timeline_items=entries), "timeline"))
    assert "<span class='badge v-contradicted'>contradicted</span>" in month
    assert "contradicted" not in year and "contradicted" not in day
