"""Publication dates of HTML pages: which evidence wins, and how precise the answer is."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from newsfuse.ingest.pubdate import date_evidence, find_published, parse_date_text
from newsfuse.model import DateOrigin, DatePrecision

BODY = (
    "<p>Residents returned to the town on Monday after the bridge reopened to traffic.</p>"
    "<p>Officials said repairs had taken three weeks and cost more than planned.</p>"
)


def page(head: str = "", body: str = "", title: str = "Bridge reopens after repairs") -> str:
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>{head}</head>"
        f"<body><header><a href='/'>Example Daily</a></header><article><h1>{title}</h1>"
        f"{body}{BODY}</article></body></html>"
    )


def json_ld(obj: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


def test_meta_published_time_with_seconds() -> None:
    html = page('<meta property="article:published_time" content="2022-09-12T08:15:30+03:00">')
    found = find_published(html)
    assert found is not None
    assert found.value == "2022-09-12T08:15:30+03:00"
    assert found.precision is DatePrecision.SECOND
    assert found.origin is DateOrigin.HTML_METADATA
    assert found.day == "2022-09-12"


def test_json_ld_date_published_not_modified() -> None:
    head = json_ld(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": "Bridge reopens after repairs",
            "datePublished": "2022-09-10T06:30:00Z",
            "dateModified": "2022-09-14T17:02:11Z",
        }
    )
    found = find_published(page(head))
    assert found is not None
    assert found.value == "2022-09-10T06:30:00+00:00"
    assert found.origin is DateOrigin.HTML_METADATA


def test_json_ld_graph_and_top_level_article_beats_nested_items() -> None:
    head = json_ld(
        {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "WebSite", "name": "Example Daily"},
                {
                    "@type": "LiveBlogPosting",
                    "datePublished": "2022-09-11T07:00:00+02:00",
                    "liveBlogUpdate": [
                        {"@type": "BlogPosting", "datePublished": "2022-09-11T21:45:00+02:00"},
                        {"@type": "BlogPosting", "datePublished": "2022-09-12T09:10:00+02:00"},
                    ],
                },
            ],
        }
    )
    found = find_published(page(head))
    assert found is not None and found.value == "2022-09-11T07:00:00+02:00"


def test_broken_json_ld_is_skipped_not_fatal() -> None:
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": </script>'
    head += '<meta property="article:published_time" content="2022-09-12">'
    found = find_published(page(head))
    assert found is not None and found.value == "2022-09-12"


def test_time_element_marked_date_published_with_minutes() -> None:
    body = '<p>By Ann Lee, <time itemprop="datePublished" datetime="2022-09-12T08:15">Sept 12</time></p>'
    found = find_published(page(body=body))
    assert found is not None
    assert found.value == "2022-09-12T08:15"
    assert found.precision is DatePrecision.MINUTE
    assert found.origin is DateOrigin.HTML_METADATA


def test_only_visible_text() -> None:
    found = find_published(page(body="<p class='byline'>Published September 12, 2022</p>"))
    assert found is not None
    assert found.value == "2022-09-12"
    assert found.precision is DatePrecision.DAY
    assert found.origin is DateOrigin.HTML_TEXT


@pytest.mark.parametrize(
    "byline",
    [
        "Опубліковано 12 вересня 2022",  # Ukrainian, inside a phrase
        "12 вересня 2022, 14:05",
        "Опубликовано: 12 сентября 2022",  # Russian
        "Publié le 12 septembre 2022",
        "Veröffentlicht am 12.09.2022",
    ],
)
def test_visible_text_in_other_languages(byline: str) -> None:
    html = page(body=f"<p class='byline'>{byline}</p>", title="Міст знову відкрили для руху")
    found = find_published(html)
    assert found is not None and found.day == "2022-09-12"
    assert found.origin is DateOrigin.HTML_TEXT


def test_only_a_url_date() -> None:
    found = find_published(page(), url="https://news.example.org/2022/09/12/bridge-reopens.html")
    assert found is not None
    assert found.value == "2022-09-12"
    assert found.precision is DatePrecision.DAY
    assert found.origin is DateOrigin.URL


def test_compact_url_date_is_a_last_resort() -> None:
    found = find_published(page(), url="https://news.example.org/world/bridge-reopens-20220912")
    assert found is not None and found.value == "2022-09-12"
    assert found.origin is DateOrigin.URL


def test_canonical_link_is_read_when_no_url_is_given() -> None:
    head = '<link rel="canonical" href="https://news.example.org/2022/09/12/bridge-reopens">'
    found = find_published(page(head))
    assert found is not None and found.day == "2022-09-12"


def test_original_date_wins_over_update() -> None:
    head = (
        '<meta property="article:modified_time" content="2022-09-14T18:00:00+02:00">'
        '<meta property="og:updated_time" content="2022-09-14T18:00:00+02:00">'
        '<meta property="article:published_time" content="2022-09-10T09:00:00+02:00">'
    )
    body = "<p>Updated: September 14, 2022</p><p>Published: September 10, 2022</p>"
    found = find_published(page(head, body))
    assert found is not None and found.day == "2022-09-10"


def test_original_date_wins_in_text_only_pages() -> None:
    body = (
        "<p class='date'>Published September 10, 2022</p>"
        "<p class='updated'>Last updated September 14, 2022</p>"
    )
    found = find_published(page(body=body))
    assert found is not None and found.day == "2022-09-10"


def test_no_date_at_all() -> None:
    assert find_published(page()) is None
    assert find_published("") is None
    assert find_published("   ") is None


def test_a_copyright_year_is_not_a_publication_day() -> None:
    body = "<footer>© 2021 Example Daily. All rights reserved.</footer>"
    found = find_published(page(body=body))
    assert found is None or found.day is None
    if found is not None:
        assert found.precision is DatePrecision.YEAR and found.value == "2021"


def test_a_first_of_month_that_is_written_stays_a_day() -> None:
    found = find_published(page(body="<p class='byline'>Published March 1, 2021</p>"))
    assert found is not None and found.value == "2021-03-01"
    assert found.precision is DatePrecision.DAY


def test_never_in_the_future_nor_before_1995() -> None:
    future = json_ld({"@type": "NewsArticle", "datePublished": "2099-01-01T10:00:00Z"})
    found = find_published(page(future))
    assert found is None or found.value < "2099"
    ancient = '<meta property="article:published_time" content="1990-05-01T10:00:00Z">'
    found = find_published(page(ancient))
    assert found is None or found.value >= "1995"


def test_never_after_the_pages_own_newest_date_hint() -> None:
    head = json_ld(
        {
            "@type": "NewsArticle",
            "datePublished": "2031-06-01T10:00:00Z",  # a placeholder far after the last edit
            "dateModified": "2022-09-14T18:00:00Z",
        }
    )
    found = find_published(page(head, "<p>Published September 10, 2022</p>"))
    assert found is not None and found.day == "2022-09-10"


def test_offset_as_written_is_kept() -> None:
    head = '<meta property="article:published_time" content="2020-06-29T00:16:15+03:00">'
    found = find_published(page(head))
    assert found is not None and found.day == "2020-06-29"


def test_utc_stamp_shown_in_the_offset_the_page_uses_elsewhere() -> None:
    head = (
        '<meta property="article:published_time" content="2020-05-02T02:54:29+00:00">'
        '<script>var feed = {"a": "2020-05-01T21:10:00-04:00", "b": "2020-05-01T20:02:00-04:00"};'
        "</script>"
    )
    found = find_published(page(head))
    assert found is not None
    assert found.value == "2020-05-01T22:54:29-04:00"
    assert found.precision is DatePrecision.SECOND


def test_utc_stamp_near_midnight_follows_the_url_day() -> None:
    head = json_ld({"@type": "NewsArticle", "datePublished": "2020-02-18T02:18:11Z"})
    found = find_published(page(head), url="https://news.example.org/2020/02/17/story/")
    assert found is not None and found.value == "2020-02-17"
    assert found.precision is DatePrecision.DAY


def test_utc_stamp_far_from_midnight_ignores_a_stale_url_day() -> None:
    head = json_ld({"@type": "NewsArticle", "datePublished": "2020-07-09T14:04:04Z"})
    found = find_published(page(head), url="https://news.example.org/2020/07/08/story/")
    assert found is not None and found.day == "2020-07-09"


def test_structured_date_beats_url_date() -> None:
    head = '<meta property="article:published_time" content="2022-09-13T07:00:00+02:00">'
    found = find_published(page(head), url="https://news.example.org/2022/09/12/story/")
    assert found is not None and found.day == "2022-09-13"


def test_same_day_markup_gives_its_time() -> None:
    head = '<meta name="pubdate" content="2022-09-12">' + json_ld(
        {"@type": "NewsArticle", "datePublished": "2022-09-12T08:15:00+02:00"}
    )
    found = find_published(page(head))
    assert found is not None and found.value == "2022-09-12T08:15:00+02:00"


def test_date_evidence_lists_published_and_modified() -> None:
    head = (
        '<meta property="article:published_time" content="2022-09-10T09:00:00Z">'
        '<meta property="article:modified_time" content="2022-09-14T18:00:00Z">'
    )
    kinds = {(e.kind, e.day.isoformat()) for e in date_evidence(page(head))}
    assert kinds == {("published", "2022-09-10"), ("modified", "2022-09-14")}


@pytest.mark.parametrize(
    ("text", "day", "precision"),
    [
        ("2022-09-12", "2022-09-12", DatePrecision.DAY),
        ("2022-09-12T00:00:00", "2022-09-12", DatePrecision.DAY),
        ("2022-09-12T08:15", "2022-09-12", DatePrecision.MINUTE),
        ("2022-09-12T08:15:30.123Z", "2022-09-12", DatePrecision.SECOND),
        ("20220912T08:15:30Z", "2022-09-12", DatePrecision.SECOND),
        ("2022-09-12 08:15:3Z", "2022-09-12", DatePrecision.SECOND),
        ("Mon, 12 Sep 2022 08:15:30 GMT", "2022-09-12", DatePrecision.SECOND),
        ("Tue, Sep 13 2022 10:01:41 EDT", "2022-09-13", DatePrecision.SECOND),
        ("September 12, 2022", "2022-09-12", DatePrecision.DAY),
        ("1662970530", "2022-09-12", DatePrecision.SECOND),
    ],
)
def test_parse_date_text(text: str, day: str, precision: DatePrecision) -> None:
    parsed = parse_date_text(text)
    assert parsed is not None
    when, found_precision = parsed
    assert isinstance(when, datetime)
    assert when.date().isoformat() == day
    assert found_precision is precision


@pytest.mark.parametrize("text", ["", "soon", "today", "2022", "n/a"])
def test_parse_date_text_refuses_non_dates(text: str) -> None:
    assert parse_date_text(text) is None
