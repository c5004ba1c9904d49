from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from newsfuse.config import IngestConfig
from newsfuse.errors import InputError
from newsfuse.ingest import read_inputs
from newsfuse.ingest.text import parse_text
from newsfuse.model import DateOrigin, DatePrecision, RawDocument

from .conftest import write, write_gz

BODY = (
    "Firefighters contained the blaze near the port before dawn, the regional emergency "
    "service said.\n\nNo injuries were reported."
)


def parse(content: str) -> RawDocument:
    return parse_text(content, key="a.txt", source_path="a.txt", config=IngestConfig())


@pytest.mark.parametrize(
    ("line", "value", "precision"),
    [
        ("date 2022-09-10", "2022-09-10", DatePrecision.DAY),
        ("Date: 2022-09-11T14:30:00+03:00", "2022-09-11T14:30:00+03:00", DatePrecision.SECOND),
        ("DATE:2022-09-11T14:30", "2022-09-11T14:30:00", DatePrecision.MINUTE),
        ("published: 10 September 2022", "2022-09-10", DatePrecision.DAY),
        ("Published 2022-09-10 08:15", "2022-09-10T08:15:00", DatePrecision.MINUTE),
        ("date: Sat, 10 Sep 2022 08:00:05 GMT", "2022-09-10T08:00:05+00:00", DatePrecision.SECOND),
    ],
)
def test_header_dates(line: str, value: str, precision: DatePrecision) -> None:
    doc = parse(f"{line}\n\n{BODY}")
    assert doc.published is not None
    assert (doc.published.value, doc.published.precision) == (value, precision)
    assert doc.published.origin is DateOrigin.HEADER
    assert doc.text == BODY


def test_header_fields_and_headline() -> None:
    doc = parse(
        "date 2022-09-10\n"
        "Source: Harbour Herald\n"
        "URL: https://www.harbour.example/news/fire\n"
        "author: Dana Reyes\n"
        "\n"
        "Fire at the port contained\n"
        "\n"
        f"{BODY}\n"
    )
    assert doc.outlet == "Harbour Herald"
    assert doc.url == "https://www.harbour.example/news/fire"
    assert doc.author == "Dana Reyes"
    assert doc.title == "Fire at the port contained"
    assert doc.text == BODY
    assert doc.format == "text"


def test_outlet_falls_back_to_url_host_without_www() -> None:
    doc = parse(f"url: https://www.harbour.example/news/fire\n\n{BODY}")
    assert doc.outlet == "harbour.example"


def test_outlet_header_key() -> None:
    assert parse(f"outlet: Valley Times\n\n{BODY}").outlet == "Valley Times"


def test_header_block_ends_at_first_non_header_line() -> None:
    doc = parse(f"date 2022-09-10\nFire at the port contained\n\n{BODY}\nsource: not a header")
    assert doc.published is not None and doc.published.value == "2022-09-10"
    assert doc.title == "Fire at the port contained"
    assert doc.outlet is None
    assert doc.text.endswith("source: not a header")


def test_title_header_is_not_repeated_in_text() -> None:
    doc = parse(f"title: Fire at the port contained\n\nFire at the port  contained\n\n{BODY}")
    assert doc.title == "Fire at the port contained"
    assert doc.text == BODY


def test_title_header_keeps_a_different_first_line_in_text() -> None:
    doc = parse(f"title: Port fire\n\n{BODY}")
    assert doc.title == "Port fire"
    assert doc.text == BODY


def test_a_headline_starting_with_date_is_not_a_header() -> None:
    doc = parse(f"Date night ends early in flooded town\n\n{BODY}")
    assert doc.published is None
    assert doc.title == "Date night ends early in flooded town"


@pytest.mark.parametrize(
    ("content", "title"),
    [
        (f"Fire at the port contained\n{BODY}", "Fire at the port contained"),
        (f"Fire at the port contained.\n\n{BODY}", "Fire at the port contained."),
        (f"# Fire at the port contained\n\n{BODY}", "Fire at the port contained"),
        (f"Is the port safe again?\n\n{BODY}", "Is the port safe again?"),
    ],
)
def test_headline_detected(content: str, title: str) -> None:
    doc = parse(content)
    assert doc.title == title
    assert doc.text == BODY


@pytest.mark.parametrize(
    "content",
    [
        # a lede sentence, not a headline: ends with a full stop and runs into the next line
        f"The fire started in a warehouse on Sunday.\n{BODY}",
        # a long one-sentence paragraph set apart by a blank line is a lede too
        (
            "Firefighters from three districts worked through the night to contain a blaze that "
            f"started in a grain warehouse near the port on Sunday evening.\n\n{BODY}"
        ),
        # a hard-wrapped paragraph: the first line runs on
        f"Firefighters from three districts worked\nthrough the night, officials said.\n\n{BODY}",
        f"Firefighters from three districts,\nofficials said, worked all night.\n\n{BODY}",
    ],
)
def test_no_headline(content: str) -> None:
    doc = parse(content)
    assert doc.title is None
    assert doc.text == content.strip()


def test_short_site_chrome_is_not_a_headline() -> None:
    # scraped text often opens with navigation; it must stay in the text for the cleaner to drop
    content = f"Skip to main content\nSign up for our newsletter\nFire at the port\n\n{BODY}"
    doc = parse(f"date 2022-09-10\n\n{content}")
    assert doc.title is None
    assert doc.text == content


def test_dateline_under_the_headline_gives_the_date_and_stays_in_text() -> None:
    doc = parse(
        f"Fire at the port contained overnight\n\n10.09.2022 | 23:40\nPort News \u00bb City\n\n{BODY}"
    )
    assert doc.published is not None
    assert (doc.published.value, doc.published.precision) == (
        "2022-09-10T23:40:00",
        DatePrecision.MINUTE,
    )
    assert doc.published.origin is DateOrigin.TEXT
    assert doc.text.startswith("10.09.2022 | 23:40\n")


def test_header_date_wins_over_a_dateline() -> None:
    doc = parse(f"date 2022-09-11\n\nFire at the port contained overnight\n\n10.09.2022\n\n{BODY}")
    assert doc.published is not None and doc.published.value == "2022-09-11"


def test_a_year_or_a_number_in_the_text_is_not_a_dateline() -> None:
    assert parse(f"Fire at the port contained overnight\n\n2022\n\n{BODY}").published is None
    assert parse(f"Fire at the port contained overnight\n\n{BODY}\n10.09.2022").published is None


def test_single_paragraph_is_body_not_headline() -> None:
    doc = parse("Firefighters contained the blaze near the port before dawn")
    assert doc.title is None
    assert doc.text == "Firefighters contained the blaze near the port before dawn"


def test_windows_line_endings() -> None:
    doc = parse(
        "date 2022-09-10\r\n\r\nFire at the port contained\r\n\r\n" + BODY.replace("\n", "\r\n")
    )
    assert doc.title == "Fire at the port contained"
    assert doc.text == BODY


@pytest.mark.parametrize(
    "content",
    ["date 2022-09-10\nsource: Harbour Herald\n", "title: Port fire\n\nPort fire\n\n"],
)
def test_nothing_but_header_or_headline_is_rejected(content: str) -> None:
    with pytest.raises(InputError, match="no body text|only .* characters"):
        parse(content)


def test_too_short_text_is_rejected_naming_the_setting() -> None:
    with pytest.raises(InputError, match="ingest.min_text_chars"):
        parse("Too short.")


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
    ],
)
def test_unicode_with_bom_is_accepted(tmp_path: Path, encoding: str, bom: bytes) -> None:
    content = f"date 2022-09-10\n\nCaf\u00e9 fire contained at the port\n\n{BODY}\n"
    path = write(tmp_path / "bom.txt", bom + content.encode(encoding))
    result = read_inputs([path])
    assert result.rejected == []
    [doc] = result.documents
    assert doc.title == "Caf\u00e9 fire contained at the port"
    assert doc.published is not None and doc.published.value == "2022-09-10"


def test_gzipped_and_markdown_text(tmp_path: Path) -> None:
    gz = write_gz(tmp_path / "a.txt.gz", f"Fire at the port contained\n\n{BODY}")
    md = write(tmp_path / "b.md", f"# Fire at the port contained\n\n{BODY}")
    result = read_inputs([tmp_path])
    assert result.rejected == []
    assert [(d.key, d.format, d.title) for d in result.documents] == [
        (str(gz), "text", "Fire at the port contained"),
        (str(md), "text", "Fire at the port contained"),
    ]


def test_a_dated_folder_gives_the_day_when_the_text_has_none() -> None:
    doc = parse_text(
        f"Fire at the port contained overnight\n\n{BODY}",
        key="k",
        source_path="archive/2010-05-24/1036.htm.txt",
        config=IngestConfig(),
    )
    assert doc.published is not None
    assert (doc.published.value, doc.published.origin) == ("2010-05-24", DateOrigin.PATH)


def test_a_header_date_wins_over_the_folder_and_an_impossible_day_is_ignored() -> None:
    dated = parse_text(
        f"date 2022-09-11\n\n{BODY}", key="k", source_path="2010-05-24/a.txt", config=IngestConfig()
    )
    assert dated.published is not None and dated.published.value == "2022-09-11"
    impossible = parse_text(BODY, key="k", source_path="2010-02-31/a.txt", config=IngestConfig())
    assert impossible.published is None
