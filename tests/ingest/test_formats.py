from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsfuse.ingest import read_inputs
from newsfuse.ingest._formats import Format, describe_binary, format_from_name, sniff_format

from .conftest import GOOD_TEXT, article_page, write, write_gz
from .test_feeds import RSS


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.txt", Format.TEXT), ("a.md", Format.TEXT), ("A.HTML", Format.HTML),
        ("a.htm", Format.HTML), ("a.xhtml", Format.HTML), ("a.jsonl", Format.JSONL),
        ("a.json", Format.JSON), ("a.csv", Format.CSV), ("a.tsv", Format.TSV),
        ("a.rss", Format.FEED), ("a.atom", Format.FEED), ("a.xml", Format.FEED),
        ("a.warc", Format.WARC), ("a.warc.gz", Format.WARC), ("a.html.gz", Format.HTML),
        ("a.jsonl.gz", Format.JSONL), ("a.txt.gz", Format.TEXT),
        ("a.gz", None), ("README", None), ("a.docx", None),
    ],
)  # fmt: skip
def test_format_from_name(name: str, fmt: Format | None) -> None:
    assert format_from_name(name) is fmt


@pytest.mark.parametrize(
    ("head", "fmt"),
    [
        (b"<?xml version='1.0'?>\n<rss version='2.0'>", Format.FEED),
        (b"<feed xmlns='http://www.w3.org/2005/Atom'>", Format.FEED),
        (b"\n  <!DOCTYPE html>\n<html>", Format.HTML),
        (b"<HTML><HEAD>", Format.HTML),
        (b"<?xml version='1.0'?><!DOCTYPE html PUBLIC 'x'><html xmlns='x'>", Format.HTML),
        (b"WARC/1.1\r\nWARC-Type: warcinfo", Format.WARC),
        (b'{"text": "a"}\n{"text": "b"}\n', Format.JSONL),
        (b'[\n  {"text": "a"}]', Format.JSON),
        (b"\xef\xbb\xbfPlain words about the harbour.", Format.TEXT),
        (b"\x89PNG\r\n\x1a\n\x00\x00", None),
        (b"abc\x00def", None),
    ],
)
def test_sniff_format(head: bytes, fmt: Format | None) -> None:
    assert sniff_format(head) is fmt


def test_describe_binary() -> None:
    assert describe_binary(b"%PDF-1.7\n") == "a PDF document"
    assert describe_binary(b"PK\x03\x04rest") == "a ZIP archive (or a DOCX/XLSX/EPUB file)"
    assert describe_binary("UTF-16 text".encode("utf-16")) is None
    assert describe_binary(b"plain text") is None


def test_files_without_a_known_extension_are_sniffed(tmp_path: Path) -> None:
    text = write(tmp_path / "1-notes", GOOD_TEXT)
    page = write(tmp_path / "2-page", article_page())
    feed = write(tmp_path / "3-feed.dat", RSS)
    lines = write(tmp_path / "4-dump", json.dumps({"text": GOOD_TEXT}) + "\n")
    packed = write_gz(tmp_path / "5-page.gz", article_page())
    result = read_inputs([tmp_path])
    assert [(d.key, d.format) for d in result.documents] == [
        (str(text), "text"),
        (str(page), "html"),
        (f"{feed}#0", "rss"),
        (f"{feed}#1", "rss"),
        (f"{lines}#0", "jsonl"),
        (str(packed), "html"),
    ]


def test_gzip_is_recognised_by_content_not_name(tmp_path: Path) -> None:
    # saved by a crawler with the server's Content-Encoding still applied
    path = write_gz(tmp_path / "page.html", article_page())
    [doc] = read_inputs([path]).documents
    assert doc.title == "Bridge reopens after repairs"
