"""index.html marks time expressions in the article text, lists when each dated sentence's event
happened, and shows each place's role in a story — every scraped string escaped."""

from __future__ import annotations

import re

from newsfuse.model import (
    Article,
    DateOrigin,
    DatePrecision,
    Place,
    PlaceMention,
    PlaceRole,
    PublishedDate,
    Report,
    SentenceTime,
    SourceGroup,
    Story,
    TimeExpression,
    TimeSpan,
    TimexType,
)
from newsfuse.outputs.html import MAX_WHEN_ROWS, render_html

HOSTILE = "<script>alert('x')</script>"
ESCAPED = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"

SENTENCE = "Troops left on Saturday."
TEXT = (
    f"{SENTENCE} Shelling hit Kharkiv, Moscow said.\n{HOSTILE} came on the day after the invasion."
)


def saturday() -> TimeExpression:
    start = TEXT.index("Saturday")
    return TimeExpression(
        start, start + len("Saturday"), "Saturday", TimexType.DATE, "2022-09-10", DatePrecision.DAY
    )


def hostile_expression() -> TimeExpression:
    """An unresolved expression whose text (as the tagger reported it) and reason are hostile."""
    start = TEXT.index("the day after")
    end = start + len("the day after the invasion")
    return TimeExpression(
        start,
        end,
        f"the day after the invasion{HOSTILE}",
        TimexType.DATE,
        None,
        unresolved=f"counted from an undated event {HOSTILE}",
    )


def article(aid: str = "art-1", text: str = TEXT, *, title: str | None = None, **fields) -> Article:
    return Article(
        id=aid,
        key=f"{aid}.txt",
        source_path=f"in/{aid}.txt",
        format="text",
        outlet=f"Outlet {aid}",
        url=None,
        title=title or f"Title {aid}",
        published=PublishedDate("2022-09-11", DatePrecision.DAY, DateOrigin.HTML_METADATA),
        language="en",
        text=text,
        **fields,
    )


def place(pid: str, name: str, mentions: list[PlaceMention], role: PlaceRole) -> Place:
    return Place(pid, name, None, 50.0, 36.0, "UA", None, "city", None, None, mentions, role)


def report(
    articles: list[Article],
    places: list[Place] | None = None,
    groups: list[SourceGroup] | None = None,
    stories: list[Story] | None = None,
) -> dict:
    ids = [a.id for a in articles]
    return Report(
        generator="newsfuse test",
        created="2024-01-01T00:00:00+00:00",
        inputs=["in"],
        articles=articles,
        source_groups=groups or [SourceGroup(f"src-{a}", [a], a, "singleton") for a in ids],
        stories=stories
        or [Story("story-1", "Kharkiv", ids, len(ids), TimeSpan("2022-09-11", "2022-09-11"))],
        entities=[],
        places=places or [],
        rejected=[],
    ).to_dict()


def dated_article() -> Article:
    return article(
        times=[saturday(), hostile_expression()],
        sentence_times=[
            SentenceTime(
                0, len(SENTENCE), "2022-09-10", DatePrecision.DAY, "Saturday", "2022-09-11"
            ),
            SentenceTime(
                TEXT.index(HOSTILE),
                len(TEXT),
                None,
                None,
                f"the day after the invasion{HOSTILE}",
                "2022-09-11",
                unresolved=f"counted from an undated event {HOSTILE}",
            ),
        ],
    )


def article_html(page: str, aid: str) -> str:
    start = page.index(f"<article id='{aid}'>")
    return page[start : page.index("</article>", start)]


def test_time_expression_marked_with_value_precision_and_datetime():
    page = render_html(report([dated_article()]))
    text = article_html(page, "art-1")
    assert (
        "<time class='timex' datetime='2022-09-10' title='value 2022-09-10, precision day (DATE)'>"
        "Saturday</time>" in text
    )
    assert "Troops left on <time " in text


def test_unresolved_expression_says_why_and_has_no_datetime_and_is_escaped():
    page = render_html(report([dated_article()]))
    text = article_html(page, "art-1")
    mark = re.search(r"<span class='timex unresolved' title='([^']*)'>([^<]*)</span>", text)
    assert mark, text
    assert mark.group(1) == f"unresolved: counted from an undated event {ESCAPED}"
    assert mark.group(2) == "the day after the invasion"  # the words of the text itself
    assert "<script" not in page
    assert f"<p>{ESCAPED} came on " in text  # the hostile text, escaped, before the mark


def test_only_calendar_values_get_a_datetime():
    text = "It rained Friday night and for three days, now."
    spans = {
        "Friday night": ("2022-09-09TNI", DatePrecision.PART_OF_DAY, TimexType.DATE),
        "three days": ("P3D", None, TimexType.DURATION),
        "now": ("PRESENT_REF", None, TimexType.DATE),
    }
    times = [
        TimeExpression(text.index(w), text.index(w) + len(w), w, kind, value, precision)
        for w, (value, precision, kind) in spans.items()
    ]
    page = render_html(report([article(text=text, times=times)]))
    body = article_html(page, "art-1")
    assert "datetime=" not in body
    assert "title='value 2022-09-09TNI, precision part-of-day (DATE)'>Friday night</span>" in body
    assert "title='value P3D (DURATION)'>three days</span>" in body


def test_time_marks_nest_inside_shared_sentence_highlights():
    """A copied sentence is highlighted; the time mark sits inside the highlight, and one that
    crosses the highlight's edge is marked on both sides of it, never across it."""
    origin = article("art-0", text=TEXT)
    copy_text = "Troops left on Saturday. Then more."
    crossing_start = copy_text.index("Saturday. Then")
    copy = article(
        "art-2",
        text=copy_text,
        times=[
            TimeExpression(
                crossing_start,
                crossing_start + len("Saturday. Then"),
                "Saturday. Then",
                TimexType.DATE,
                "2022-09-10",
                DatePrecision.DAY,
            )
        ],
    )
    group = SourceGroup(
        "src-1",
        ["art-0", "art-2"],
        "art-0",
        "exact-text",
        evidence=[
            {
                "article_id": "art-2",
                "of": "art-0",
                "relation": "partial",
                "score": 0.5,
                "links": [{"source_span": [0, 24], "target_span": [0, 24], "kind": "verbatim"}],
            }
        ],
    )
    page = render_html(report([origin, copy], groups=[group]))
    body = article_html(page, "art-2")
    tag = (
        "<time class='timex' datetime='2022-09-10' title='value 2022-09-10, precision day (DATE)'>"
    )
    assert (
        f"<mark title='verbatim from Outlet art-0: Title art-0'>Troops left on {tag}Saturday."
        f"</time></mark>{tag} Then</time> more." in body
    )
    # well nested: every element closes in the order it opened
    stack = []
    for closing, name in re.findall(r"<(/?)(mark|time|span)\b", body):
        if closing:
            assert stack.pop() == name
        else:
            stack.append(name)
    assert not stack


def test_when_table_lists_event_time_beside_report_time():
    page = render_html(report([dated_article()]))
    body = article_html(page, "art-1")
    assert "<summary>When: 2 dated sentences</summary>" in body
    assert (
        f"<tr><td title='{SENTENCE}'>Saturday</td><td>2022-09-10 (day)</td><td>2022-09-11</td></tr>"
        in body
    )
    assert (
        f">the day after the invasion{ESCAPED}</td>"
        f"<td>unresolved — counted from an undated event {ESCAPED}</td>" in body
    )
    assert "more</p>" not in body


def test_when_table_stops_at_twenty_rows():
    sentences = [SentenceTime(0, 5, "2022-09-10", DatePrecision.DAY, "Saturday", None)] * (
        MAX_WHEN_ROWS + 5
    )
    page = render_html(report([article(sentence_times=sentences)]))
    body = article_html(page, "art-1")
    assert body.count("<td>2022-09-10 (day)</td><td>unknown</td>") == MAX_WHEN_ROWS
    assert "<p class='meta'>… 5 more</p>" in body


def test_article_without_times_has_no_when_table():
    page = render_html(report([article()]))
    assert "class='when'" not in page and "class='timex" not in page


def test_place_roles_counted_over_the_story_articles_only():
    kharkiv = TEXT.index("Kharkiv")
    moscow = TEXT.index("Moscow")
    places = [
        place(
            "place-kharkiv",
            "Kharkiv",
            [PlaceMention("art-1", kharkiv, kharkiv + 7, "Kharkiv", PlaceRole.EVENT)],
            PlaceRole.EVENT,
        ),
        # an event location in the other story only: named only in this one
        place(
            "place-moscow",
            f"Moscow{HOSTILE}",
            [
                PlaceMention("art-1", moscow, moscow + 6, "Moscow", PlaceRole.MENTIONED),
                PlaceMention("art-9", 0, 6, "Moscow", PlaceRole.EVENT),
            ],
            PlaceRole.EVENT,
        ),
    ]
    stories = [
        Story(
            "story-1",
            "Kharkiv",
            ["art-1"],
            1,
            TimeSpan(None, None),
            places=["place-kharkiv", "place-moscow"],
        ),
        Story("story-2", "Moscow", ["art-9"], 1, TimeSpan(None, None), places=["place-moscow"]),
    ]
    page = render_html(
        report([dated_article(), article("art-9", "Moscow shelled.")], places, stories=stories)
    )
    entry = re.search(r"<li id='story-1--place-kharkiv'>.*?</li>", page).group(0)
    assert "class='badge event'" in entry and ">event location</span>" in entry
    assert "1 of 1 mentions in this story place an event here" in entry
    entry = re.search(r"<li id='story-1--place-moscow'>.*?</li>", page).group(0)
    assert ">named only</span>" in entry and "event location" not in entry
    assert f"Moscow{ESCAPED}" in entry
    entry = re.search(r"<li id='story-2--place-moscow'>.*?</li>", page).group(0)
    assert ">event location</span>" in entry
    # the map dot's tooltip says it too
    assert re.search(r"<title>Kharkiv \(UA\) — event location — 1 mentions", page)
    assert "<script" not in page
