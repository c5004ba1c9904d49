"""index.html shows, per story, the claims table (contradicted, disputed, agreed, single-source;
the independent sources behind each side), who said what, and the events; events.csv is filled
from the Event records. Every scraped string is escaped, every citation links to its article."""

from __future__ import annotations

import csv
import re

import pytest

from newsfuse.model import (
    Claim,
    DatePrecision,
    Event,
    Mention,
    Place,
    PlaceRole,
    Quote,
    SourceGroup,
    Story,
    TimeSpan,
    to_json,
)
from newsfuse.outputs import write_outputs
from newsfuse.outputs.html import render_html
from newsfuse.outputs.html_claims import normalized_text
from tests.outputs.test_html_times import ESCAPED, HOSTILE, article, report
from tests.outputs.test_outputs import small_report

KM2 = 1_000_000  # m² in a km²


def claim(cid: str, verdict: str, cited: list[str], sources: int, **fields) -> Claim:
    values = {
        "text": f"Claim {cid}",
        "subject": "territory retaken",
        "predicate": "retake",
        "value": None,
        "unit": None,
        "normalized": None,
        "time": None,
        "place_ids": [],
        "polarity": True,
        "asserted_by": [],
    } | fields
    return Claim(
        id=cid,
        story_id="story-1",
        citations=[{"article_id": a, "span": [0, 5]} for a in cited],
        independent_sources=sources,
        verdict=verdict,
        **values,
    )


def claims() -> list[Claim]:
    """Listed in the story agreed-first, to show the table reorders them."""
    return [
        claim("c-bridge", "agreed", ["art-a", "art-b", "art-c"], 2, text="The bridge was hit."),
        claim("c-pop", "single", ["art-d"], 1, text=f"Population 27,000 {HOSTILE}"),
        claim(
            "c-area-1", "contradicted", ["art-a", "art-b"], 1,
            text="Ukraine retook 3,000 square kilometres.", value="3,000 square kilometres",
            unit="square kilometre", normalized={"low": 3000 * KM2, "high": 3000 * KM2, "unit": "m²"},
            contradicts=[{"claim_id": "c-area-2", "why": "3,000 km² vs 8,000 km²: beyond tolerance"}],
        ),
        claim(
            "c-area-2", "contradicted", ["art-c"], 1,
            text="Ukraine retook 8,000 square kilometres.", asserted_by=["Ministry of Defence"],
            normalized={"low": 8000 * KM2, "high": 8000 * KM2, "unit": "m²"},
            contradicts=[{"claim_id": "c-area-1", "why": "3,000 km² vs 8,000 km²: beyond tolerance"}],
        ),
        claim(
            "c-left-1", "disputed", ["art-d"], 1, text="Troops regrouped from Izium.",
            asserted_by=["Russian defence ministry"],
            disputes=[{"claim_id": "c-left-2", "why": f"regrouping vs defeat {HOSTILE}"}],
        ),
        claim(
            "c-left-2", "disputed", ["art-c"], 1, text="Russian troops were routed at Izium.",
            asserted_by=["Oleh Syniehubov"],
            disputes=[{"claim_id": "c-left-1", "why": "regrouping vs defeat"}],
        ),
    ]  # fmt: skip


def quote(qid: str, aid: str, speaker: str | None, kind: str = "direct", **fields) -> Quote:
    values = {"text": f"Words of {qid}.", "speaker_text": speaker, "verb": "say", "via": []}
    values |= fields
    return Quote(
        id=qid, article_id=aid, span=(0, 5), kind=kind, speaker=speaker,
        speaker_entity_id=None, **values,
    )  # fmt: skip


def quotes() -> list[Quote]:
    return [
        quote("q-unknown", "art-d", None, "partial", text=HOSTILE, speaker_text="officials"),
        quote("q-maliar", "art-b", "Hanna Maliar"),
        quote(
            "q-gov-1", "art-c", "Oleh Syniehubov", via=["statement on Telegram", "CPA"],
            text="The city is ours.",
        ),
        quote("q-gov-2", "art-a", "Oleh Syniehubov", "indirect", text="the city was retaken"),
    ]  # fmt: skip


def event(eid: str, aid: str, date: str | None, **fields) -> Event:
    values = {
        "sentence": f"Sentence of {eid}.",
        "label": "ART_MISS_ATTACK",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack",
        "plover": "ASSAULT",
        "score": 0.9,
    } | fields
    precision = DatePrecision.DAY if date else None
    return Event(
        id=eid, article_id=aid, span=(0, 5), date=date, precision=precision, **values
    )  # fmt: skip


def events() -> list[Event]:
    return [
        event("e-undated", "art-a", None),
        event(
            "e-shelling", "art-c", "2022-09-10", actor1="Military Forces of Russia",
            actor2="Civilians (Ukraine)", place_id="place-k", place_role=PlaceRole.EVENT,
            fatalities=3, report_date="2022-09-11",
        ),
    ]  # fmt: skip


def story_report(**records) -> dict:
    """Four articles in one story: art-a and its copy art-b are one source, art-c and art-d
    each another; and a second story with no claims, quotes or events."""
    articles = [article(a) for a in ("art-a", "art-b", "art-c", "art-d", "art-e")]
    groups = [
        SourceGroup(
            "src-1", ["art-a", "art-b"], "art-a", "copy-family",
            evidence=[{"article_id": "art-b", "relation": "rewrite", "of": "art-a", "score": 0.8}],
        ),
        SourceGroup("src-2", ["art-c"], "art-c", "singleton"),
        SourceGroup("src-3", ["art-d"], "art-d", "singleton"),
        SourceGroup("src-4", ["art-e"], "art-e", "singleton"),
    ]  # fmt: skip
    found = records.get("claims", [])
    stories = [
        Story(
            "story-1", "Kharkiv", ["art-a", "art-b", "art-c", "art-d"], 3,
            TimeSpan("2022-09-11", "2022-09-11"), claim_ids=[c.id for c in found],
            event_ids=["e-shelling"],
        ),
        Story("story-2", "Elsewhere", ["art-e"], 1, TimeSpan(None, None)),
    ]  # fmt: skip
    kupiansk = Place(
        "place-k", "Kupiansk", None, 49.7, 37.6, "UA", None, "city", None, None,
        [Mention("art-c", 0, 5, "Kupiansk")],
    )  # fmt: skip
    data = report(articles, places=[kupiansk], groups=groups, stories=stories)
    for key, values in records.items():
        data[key] = to_json(values)
    return data


def story_html(page: str, sid: str) -> str:
    start = page.index(f"<section class='story' id='{sid}'>")
    return page[start : page.index("</section>", start)]


def part(html: str, css_class: str) -> str:
    start = html.index(f"<details class='{css_class}'")
    return html[start : html.index("</details>", start)]


def rows(table: str) -> dict[str, str]:
    """claim/event row id → the row's HTML, in page order."""
    return dict(re.findall(r"<tr id='([^']*)'[^>]*>(.*?)</tr>", table))


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(story_report(claims=claims(), quotes=quotes(), events=events()))


# --- claims -------------------------------------------------------------------------------------


def test_claims_are_grouped_contradicted_disputed_agreed_then_single(page):
    table = part(story_html(page, "story-1"), "claims")
    assert re.findall(r"<tr class='vgroup'><th colspan='5'>([^<]*)</th>", table) == [
        "Contradicted (2)",
        "Disputed (2)",
        "Agreed (1)",
        "Single source (1)",
    ]
    verdicts = re.findall(r"<tr id='[^']*' class='claim ([^']*)'>", table)
    assert verdicts == ["contradicted"] * 2 + ["disputed"] * 2 + ["agreed", "single"]
    assert list(rows(table))[4:] == ["c-bridge", "c-pop"]
    assert "<summary>Claims: 6 (2 contradicted, 2 disputed, 1 agreed, 1 single source)" in table


def test_claim_rows_show_verdict_and_independent_sources_never_the_article_count(page):
    bridge = rows(part(story_html(page, "story-1"), "claims"))["c-bridge"]
    assert "<span class='badge v-agreed'>agreed</span>" in bridge
    assert "<span class='badge src'>2 independent sources</span>" in bridge
    assert "3 independent sources" not in bridge  # three articles, two sources
    single = rows(part(story_html(page, "story-1"), "claims"))["c-pop"]
    assert "<span class='badge v-single'>single source</span>" in single
    assert "<span class='badge src'>1 independent source</span>" in single


def test_claim_sources_are_grouped_by_source_group_and_link_to_articles(page):
    bridge = rows(part(story_html(page, "story-1"), "claims"))["c-bridge"]
    cited = re.search(r"<ul class='cite'>(.*?)</ul>", bridge).group(1)
    items = re.findall(r"<li>(.*?)</li>", cited)
    assert len(items) == 2  # one item per source group
    assert re.findall(r"href='#([^']*)'", items[0]) == ["art-a", "art-b"]
    assert "one source, origin Outlet art-a" in items[0]
    assert re.findall(r"href='#([^']*)'", items[1]) == ["art-c"]


def test_contradicted_and_disputed_claims_show_the_other_side_why_and_who(page):
    table = rows(part(story_html(page, "story-1"), "claims"))
    area = table["c-area-1"]
    assert "3,000,000,000 m²" in area  # the normalized value
    assert "title='as written: 3,000 square kilometres'" in area
    side = re.search(r"<ul class='side'>(.*)</ul>", area).group(1)
    assert (
        "<b>this side</b>: asserted by the outlets themselves (Outlet art-a, Outlet art-b)" in side
    )
    assert (
        "<b>contradicted by</b> <a href='#c-area-2'>Ukraine retook 8,000 square kilometres.</a>"
        in side
    )
    assert "8,000,000,000 m²" in side
    assert "3,000 km² vs 8,000 km²: beyond tolerance" in side
    assert "asserted by Ministry of Defence" in side
    assert "href='#art-c'" in side  # the sources behind the other side
    disputed = table["c-left-1"]
    assert "<span class='badge v-disputed'>disputed</span>" in disputed
    assert "<b>this side</b>: asserted by Russian defence ministry" in disputed
    assert "<b>disputed by</b> <a href='#c-left-2'>" in disputed
    assert "asserted by Oleh Syniehubov" in disputed
    assert f"regrouping vs defeat {ESCAPED}" in disputed
    assert "<ul class='side'>" not in table["c-bridge"]


@pytest.mark.parametrize(
    ("normalized", "value", "expected"),
    [
        ({"low": 5000, "high": 5000, "unit": "m"}, "5 km", "5,000 m"),
        ({"low": 2000, "high": 3000, "unit": ""}, "2,000 to 3,000", "2,000–3,000"),
        ({"low": 30, "high": None, "unit": ""}, "more than 30", "≥ 30"),
        ({"low": None, "high": 1.5, "unit": "m"}, "up to 1.5 m", "≤ 1.5 m"),
        (None, "dozens", "dozens"),
        (None, None, ""),
    ],
)
def test_normalized_value_text(normalized, value, expected):
    assert normalized_text({"normalized": normalized, "value": value}) == expected


# --- who said what ------------------------------------------------------------------------------


def test_quotes_are_grouped_by_speaker_most_quoted_first_unknown_last(page):
    who = part(story_html(page, "story-1"), "who")
    assert "<summary>Who said what: 4 quotes from 3 speakers</summary>" in who
    speakers = re.findall(
        r"<li><b>([^<]*)</b> <span class='badge'>([^<]*)</span><ul class='quotes'>", who
    )
    assert speakers == [
        ("Oleh Syniehubov", "2 quotes"),
        ("Hanna Maliar", "1 quote"),
        ("Unknown speaker", "1 quote"),
    ]


def test_each_quote_shows_its_kind_and_chain_to_the_article(page):
    who = part(story_html(page, "story-1"), "who")
    quoted = dict(re.findall(r"<li id='(q-[^']*)'>(.*?)</li>", who))
    assert list(quoted)[:2] == ["q-gov-2", "q-gov-1"]  # oldest article first (art-a before art-c)
    assert "“The city is ours.” <span class='badge'>direct</span>" in quoted["q-gov-1"]
    assert (
        "Oleh Syniehubov → statement on Telegram → CPA → <a href='#art-c' "
        "title='Outlet art-c: Title art-c'>Outlet art-c</a>"
    ) in quoted["q-gov-1"]
    assert "the city was retaken <span class='badge'>indirect</span>" in quoted["q-gov-2"]
    assert "“" not in quoted["q-gov-2"]  # reported speech is not put in quotation marks
    assert f"“{ESCAPED}” <span class='badge'>partial</span>" in quoted["q-unknown"]
    assert "officials → <a href='#art-d'" in quoted["q-unknown"]


# --- events -------------------------------------------------------------------------------------


def test_events_list_is_compact_dated_first_and_cites_its_article(page):
    listed = part(story_html(page, "story-1"), "events")
    assert listed.startswith("<details class='events' open><summary>Events: 2</summary>")
    found = rows(listed)
    assert list(found) == ["e-shelling", "e-undated"]
    shelling = found["e-shelling"]
    cells = re.findall(r"<td>(.*?)</td>", shelling)
    assert cells[0] == "2022-09-10 <span class='meta'>(day)</span>"
    assert cells[1] == (
        "Explosions/Remote violence / Shelling/artillery/missile attack "
        "<span class='badge'>ASSAULT</span>"
    )
    assert cells[2] == "Military Forces of Russia – Civilians (Ukraine)"
    assert cells[3] == (
        "<a href='#story-1--place-k'>Kupiansk (UA)</a> <span class='meta'>(event)</span>"
    )
    assert cells[4] == "3"
    assert "href='#art-c'" in cells[5]
    assert "undated" in found["e-undated"]


def test_long_event_lists_are_folded_away(page):
    many = [event(f"e-{i:02d}", "art-a", f"2022-09-{i + 1:02d}") for i in range(12)]
    html = story_html(render_html(story_report(events=many)), "story-1")
    assert "<details class='events'><summary>Events: 12</summary>" in html


# --- the page as a whole ------------------------------------------------------------------------


def test_every_in_page_link_has_its_anchor_and_hostile_text_is_escaped(page):
    anchors = set(re.findall(r"\bid='([^']*)'", page))
    targets = set(re.findall(r"href='#([^']*)'", page))
    assert {"art-a", "art-b", "art-c", "art-d", "c-area-2", "c-left-1"} <= targets
    assert targets <= anchors
    assert "<script" not in page
    assert f"Population 27,000 {ESCAPED}" in page


def test_sections_with_nothing_to_show_are_omitted(page):
    other = story_html(page, "story-2")  # a story without claims, quotes or events
    empty = story_html(render_html(story_report()), "story-1")
    for html in (other, empty):
        assert "class='claims'" not in html
        assert "Who said what" not in html
        assert "class='events'" not in html
        assert "<article id=" in html  # the rest of the section is still there


def test_only_the_sections_with_records_are_shown():
    html = story_html(render_html(story_report(quotes=quotes())), "story-1")
    assert "class='who'" in html
    assert "class='claims'" not in html and "class='events'" not in html


# --- events.csv ---------------------------------------------------------------------------------


def read_csv(path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_events_csv_is_filled_from_event_records(tmp_path):
    data = small_report()
    data.events = [
        event(
            "e-1", "art-1", "2022-09-10", actor1="Military Forces of Russia",
            actor2="Civilians (Ukraine)", place_id="place-1", place_role=PlaceRole.EVENT,
            fatalities=3, report_date="2022-09-11",
        ),
        event("e-2", "art-1", None, event_type="Battles", sub_event_type="Armed clash"),
    ]  # fmt: skip
    data.claims = claims()[:1]
    data.quotes = quotes()[:1]
    write_outputs(data, tmp_path)
    first, second = read_csv(tmp_path / "events.csv")
    assert first == {
        "id": "e-1",
        "story_id": "story-1",
        "type": "Explosions/Remote violence",
        "sub_type": "Shelling/artillery/missile attack",
        "plover_type": "ASSAULT",
        "date": "2022-09-10",
        "date_precision": "day",
        "report_date": "2022-09-11",
        "place_id": "place-1",
        "place_role": "event",
        "actors": "Military Forces of Russia;Civilians (Ukraine)",
        "citations": "art-1",
        "fatalities": "3",
        "label": "ART_MISS_ATTACK",
    }
    assert (second["type"], second["sub_type"], second["actors"]) == ("Battles", "Armed clash", "")
    assert (second["date"], second["date_precision"], second["fatalities"]) == ("", "", "")


def test_events_csv_without_events_still_has_its_header(tmp_path):
    write_outputs(small_report(), tmp_path)
    with (tmp_path / "events.csv").open(newline="", encoding="utf-8") as handle:
        lines = list(csv.reader(handle))
    assert lines == [
        [
            "id", "story_id", "type", "sub_type", "plover_type", "date", "date_precision",
            "report_date", "place_id", "place_role", "actors", "citations", "fatalities", "label",
        ]
    ]  # fmt: skip


def test_a_headline_that_contradicts_the_story_is_flagged_above_the_claims():
    report = story_report(claims=claims())
    story = report["stories"][0]
    found = next(c for c in report["claims"] if c["verdict"] == "contradicted")
    against = found["contradicts"][0]["claim_id"]
    story["headline_conflicts"] = [
        {"article_id": "art-c", "claim_id": found["id"], "against": against,
         "why": "<b>3 km</b> against 1.9 km"}
    ]  # fmt: skip
    html = story_html(render_html(report), "story-1")
    flags = html[html.index("class='headline-flags'") : html.index("<table class='claims'")]
    assert "&lt;b&gt;3 km&lt;/b&gt; against 1.9 km" in flags
    assert f"href='#{against}'" in flags and "href='#art-c'" in flags
    assert "headline-flags" not in story_html(render_html(story_report(claims=claims())), "story-1")
