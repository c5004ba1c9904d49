"""Output files from a small hand-built report: schema-valid, escaped, complete."""

import csv
import json

import pytest

from newsfuse.errors import NewsfuseError
from newsfuse.model import (
    Article,
    DateOrigin,
    DatePrecision,
    Entity,
    Mention,
    Place,
    PublishedDate,
    Rejected,
    RemovedLine,
    Report,
    SourceGroup,
    Story,
    TimeSpan,
)
from newsfuse.outputs import OUTPUT_FILES, validate_report, write_outputs

HOSTILE = "<script>alert('x')</script>"


def small_report() -> Report:
    article = Article(
        id="art-1",
        key="a.html",
        source_path="in/a.html",
        format="html",
        outlet=HOSTILE,
        url="javascript:alert(1)",
        title=f"Title {HOSTILE}",
        published=PublishedDate("2022-09-10", DatePrecision.DAY, DateOrigin.HTML_METADATA),
        language="en",
        text=f"First paragraph.\n{HOSTILE} second paragraph.",
        removed=[RemovedLine(0, "Share this article", "share-prompt")],
    )
    mention = Mention("art-1", 0, 5, "Kyiv")
    return Report(
        generator="newsfuse test",
        created="2024-01-01T00:00:00+00:00",
        inputs=["in"],
        articles=[article],
        source_groups=[SourceGroup("src-1", ["art-1"], "art-1", "singleton")],
        stories=[
            Story(
                "story-1",
                HOSTILE,
                ["art-1"],
                1,
                TimeSpan("2022-09-10", "2022-09-10"),
                key_entities=["ent-1"],
            )
        ],
        entities=[Entity("ent-1", "Kyiv", "GPE", ["Kiev", "Kyiv"], [mention], "place-1")],
        places=[
            Place(
                "place-1",
                "Kyiv",
                703448,
                50.45,
                30.52,
                "UA",
                "12",
                "city",
                2_900_000,
                "ent-1",
                [mention],
            )
        ],
        rejected=[Rejected("in/bad.bin", "ingest", f"binary file {HOSTILE}")],
        stats={"seconds": {"total": 1.0}},
    )


def test_all_files_written_and_report_matches_schema(tmp_path):
    written = write_outputs(small_report(), tmp_path)
    assert set(written) == set(OUTPUT_FILES)
    data = json.loads((tmp_path / "report.json").read_text())
    validate_report(data)
    assert data["entities"][0]["article_ids"] == ["art-1"]
    assert data["articles"][0]["published"] == {
        "value": "2022-09-10",
        "precision": "day",
        "origin": "html-metadata",
    }
    lines = (tmp_path / "articles.jsonl").read_text().splitlines()
    assert json.loads(lines[0])["story_id"] == "story-1"
    geo = json.loads((tmp_path / "places.geojson").read_text())
    assert geo["features"][0]["geometry"]["coordinates"] == [30.52, 50.45]
    with (tmp_path / "events.csv").open() as handle:
        assert next(csv.reader(handle))[:3] == ["id", "story_id", "type"]


def test_html_escapes_every_scraped_string_and_drops_unsafe_links(tmp_path):
    write_outputs(small_report(), tmp_path)
    page = (tmp_path / "index.html").read_text()
    assert "<script" not in page
    assert "&lt;script&gt;" in page
    assert "javascript:" not in page
    assert "Share this article" in page  # removed lines are shown on demand
    assert "http://" not in page and "https://" not in page  # offline: no external resources


def test_invalid_report_is_refused_before_anything_is_written(tmp_path):
    report = small_report()
    report.stories[0].independent_sources = 0
    with pytest.raises(NewsfuseError, match="stories/0/independent_sources"):
        write_outputs(report, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_sources_view_shows_relations_credits_and_highlights_shared_sentences(tmp_path):
    report = small_report()
    copy = Article(
        id="art-2", key="b.txt", source_path="in/b.txt", format="text", outlet="Copy Desk",
        url=None, title="Copied title", published=None, language="en",
        text="Intro line.\nFirst paragraph, as the wire wrote it.",
    )  # fmt: skip
    report.articles.append(copy)
    report.stories[0].article_ids.append("art-2")
    start = copy.text.index("First")
    report.source_groups = [
        SourceGroup(
            "src-1", ["art-1", "art-2"], "art-1", "copy-family",
            evidence=[
                {"article_id": "art-2", "relation": "rewrite", "of": "art-1", "score": 0.75,
                 "links": [{"source_span": [0, 16], "target_span": [start, len(copy.text)],
                            "kind": "verbatim", "score": 1.0}]},
                {"article_id": "art-2", "relays": "Wire Agency", "cue": "according to"},
            ],
        )
    ]  # fmt: skip
    write_outputs(report, tmp_path)
    page = (tmp_path / "index.html").read_text()
    assert "rewrite, 75% of its sentences reused" in page
    assert "credits Wire Agency" in page
    assert "<mark title='verbatim from" in page
    assert ">First paragraph, as the wire wrote it.</mark>" in page
