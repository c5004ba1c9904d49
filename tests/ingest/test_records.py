from __future__ import annotations

import json
from pathlib import Path

from newsfuse.config import IngestConfig
from newsfuse.ingest import read_inputs
from newsfuse.model import DateOrigin, DatePrecision

from .conftest import article_page, write, write_gz

TEXT_A = "Volunteers cleared the riverbank of rubbish over the weekend, the town council said."
TEXT_B = "A new bus route will link the two largest districts from next month, officials said."


def jsonl(*records: object) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


def test_jsonl_fields_by_first_present_name(tmp_path: Path) -> None:
    path = write(
        tmp_path / "dump.jsonl",
        jsonl(
            {
                "headline": "Riverbank cleared",
                "body": TEXT_A,
                "link": "https://www.river.example/clean",
                "pubdate": "Sat, 10 Sep 2022 08:00:00 GMT",
                "publisher": "River Post",
                "author": ["Ana Ruiz", "Tom Lee"],
            },
            {"Title": "Bus route", "ArticleBody": TEXT_B, "URL": "https://www.bus.example/route"},
        ),
    )
    result = read_inputs([path])
    assert result.rejected == []
    first, second = result.documents
    assert first.key == f"{path}#0" and first.source_path == str(path) and first.format == "jsonl"
    assert (first.title, first.text, first.url) == (
        "Riverbank cleared",
        TEXT_A,
        "https://www.river.example/clean",
    )
    assert first.outlet == "River Post"
    assert first.author == "Ana Ruiz, Tom Lee"
    assert first.published is not None
    assert first.published.value == "2022-09-10T08:00:00+00:00"
    assert first.published.origin is DateOrigin.RECORD
    # names match case-insensitively; the outlet falls back to the URL host
    assert (second.key, second.title, second.text) == (f"{path}#1", "Bus route", TEXT_B)
    assert second.outlet == "bus.example"
    assert second.published is None


def test_jsonl_dates_iso_and_timestamps(tmp_path: Path) -> None:
    path = write(
        tmp_path / "d.jsonl",
        jsonl(
            {"text": TEXT_A, "date": "2022-09-10"},
            {"text": TEXT_A, "date": "2022-09-11T14:30:00+03:00"},
            {"text": TEXT_A, "time": 1662796800},
            {"text": TEXT_A, "published": "not a date", "date": "2022-09"},
        ),
    )
    dates = [(d.published.value, d.published.precision) for d in read_inputs([path]).documents]
    assert dates == [
        ("2022-09-10", DatePrecision.DAY),
        ("2022-09-11T14:30:00+03:00", DatePrecision.SECOND),
        ("2022-09-10T08:00:00+00:00", DatePrecision.SECOND),
        ("2022-09", DatePrecision.MONTH),
    ]


def test_jsonl_nested_outlet_and_paragraph_list(tmp_path: Path) -> None:
    path = write(
        tmp_path / "n.jsonl",
        jsonl({"source": {"id": "rp", "name": "River Post"}, "text": [TEXT_A, TEXT_B]}),
    )
    [doc] = read_inputs([path]).documents
    assert doc.outlet == "River Post"
    assert doc.text == f"{TEXT_A}\n{TEXT_B}"


def test_jsonl_bad_records_are_rejected_one_by_one(tmp_path: Path) -> None:
    path = write(
        tmp_path / "mixed.jsonl",
        jsonl({"text": TEXT_A})
        + "\n"  # blank lines are not records
        + "{broken\n"
        + jsonl([1, 2], {"title": "No text here"}, {"text": "Too short."}, {"text": TEXT_B}),
    )
    result = read_inputs([path])
    assert [d.key for d in result.documents] == [f"{path}#0", f"{path}#5"]
    reasons = {r.path: r.reason for r in result.rejected}
    assert list(reasons) == [f"{path}:3", f"{path}#2", f"{path}#3", f"{path}#4"]
    assert "line 3 is not valid JSON" in reasons[f"{path}:3"]
    assert "JSON array, not an object" in reasons[f"{path}#2"]
    assert "no text field" in reasons[f"{path}#3"] and "ingest.text_fields" in reasons[f"{path}#3"]
    assert "too short" in reasons[f"{path}#4"] and "(line 6)" in reasons[f"{path}#4"]


def test_jsonl_with_custom_text_field(tmp_path: Path) -> None:
    path = write(tmp_path / "c.jsonl", jsonl({"story": TEXT_A}))
    config = IngestConfig(text_fields=("story",))
    [doc] = read_inputs([path], config).documents
    assert doc.text == TEXT_A


def test_jsonl_record_with_html_instead_of_text(tmp_path: Path) -> None:
    page = article_page(head='<link rel="canonical" href="https://www.bridge.example/reopened">')
    path = write(tmp_path / "pages.jsonl", jsonl({"html": page, "date": "2022-09-12"}))
    result = read_inputs([path])
    assert result.rejected == []
    [doc] = result.documents
    assert doc.title == "Bridge reopens after repairs"
    assert "steel cables" in doc.text and "<p>" not in doc.text
    assert doc.url == "https://www.bridge.example/reopened"
    assert doc.published is not None and doc.published.origin is DateOrigin.RECORD


def test_jsonl_line_longer_than_the_limit_is_rejected_alone(tmp_path: Path) -> None:
    path = write(tmp_path / "big.jsonl", jsonl({"text": "x" * 5000}, {"text": TEXT_A}))
    result = read_inputs([path], IngestConfig(max_file_bytes=1000))
    assert [d.key for d in result.documents] == [f"{path}#1"]
    [rejection] = result.rejected
    assert rejection.path == f"{path}:1" and "ingest_max_file_bytes" in rejection.reason


def test_gzipped_jsonl(tmp_path: Path) -> None:
    path = write_gz(tmp_path / "dump.jsonl.gz", jsonl({"text": TEXT_A}, {"text": TEXT_B}))
    assert [d.text for d in read_inputs([path]).documents] == [TEXT_A, TEXT_B]


def test_json_array_and_jsonl_named_json(tmp_path: Path) -> None:
    array = write(tmp_path / "a.json", json.dumps([{"text": TEXT_A}, {"text": TEXT_B}]))
    lines = write(tmp_path / "b.json", jsonl({"text": TEXT_A}, {"text": TEXT_B}))
    result = read_inputs([array, lines])
    assert result.rejected == []
    assert [(d.key, d.format) for d in result.documents] == [
        (f"{array}#0", "jsonl"),
        (f"{array}#1", "jsonl"),
        (f"{lines}#0", "jsonl"),
        (f"{lines}#1", "jsonl"),
    ]


def test_csv_fields_multiline_text_and_keys(tmp_path: Path) -> None:
    path = write(
        tmp_path / "articles.csv",
        "\ufeffheadline,content,url,datePublished,site_name\n"
        f'Riverbank cleared,"{TEXT_A}\nMore bags were collected than last year.",'
        "https://www.river.example/a,2022-09-10,River Post\n"
        "No text row,,https://www.river.example/b,,\n"
        f"Bus route,{TEXT_B.replace(',', '')},,10 September 2022,\n",
    )
    result = read_inputs([path])
    assert [(d.key, d.title, d.format) for d in result.documents] == [
        (f"{path}#0", "Riverbank cleared", "csv"),
        (f"{path}#2", "Bus route", "csv"),
    ]
    first = result.documents[0]
    assert first.text == f"{TEXT_A}\nMore bags were collected than last year."
    assert first.outlet == "River Post"
    assert first.published is not None and first.published.value == "2022-09-10"
    [rejection] = result.rejected
    assert rejection.path == f"{path}#1" and "no text field" in rejection.reason


def test_tsv(tmp_path: Path) -> None:
    path = write(tmp_path / "a.tsv", f"title\ttext\nRiverbank cleared\t{TEXT_A}\n")
    [doc] = read_inputs([path]).documents
    assert (doc.title, doc.text) == ("Riverbank cleared", TEXT_A)


def test_csv_without_a_text_column_names_its_columns(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", "name,score\nalpha,3\n")
    [rejection] = read_inputs([path]).rejected
    assert rejection.path == str(path)
    assert "no text column (columns: name, score" in rejection.reason
    assert "ingest.text_fields" in rejection.reason


def test_csv_with_invalid_utf8_keeps_the_rows_before(tmp_path: Path) -> None:
    rows = "".join(f'"{TEXT_A} {i}"\n' for i in range(3000))  # past the decoder's first chunk
    path = write(tmp_path / "a.csv", ("text\n" + rows).encode() + "\u00e9\n".encode("cp1252"))
    result = read_inputs([path])
    assert len(result.documents) == 3000
    [rejection] = result.rejected
    assert rejection.path == str(path)
    assert "not valid UTF-8 at line 3002 (byte 0xE9 at column 1)" in rejection.reason
