from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsfuse.ingest import read_inputs
from newsfuse.model import DateOrigin, DatePrecision

from .conftest import article_page, write

CRAWLED = "2022-09-14T06:00:00Z"
DATED_HEAD = '<meta property="article:published_time" content="2022-09-12T10:00:00+00:00">'


def response(
    writer: WARCWriter,
    url: str,
    body: bytes,
    status: str = "200 OK",
    content_type: str = "text/html; charset=utf-8",
) -> None:
    http_headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        http_headers=http_headers,
        warc_headers_dict={"WARC-Date": CRAWLED},
    )
    writer.write_record(record)


def build_warc(path: Path, gzip: bool) -> Path:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))  # 0
        request_headers = StatusAndHeaders(
            "GET /a HTTP/1.1", [("Host", "a.example")], is_http_request=True
        )
        writer.write_record(
            writer.create_warc_record(
                "https://a.example/a", "request", http_headers=request_headers
            )
        )  # 1
        response(writer, "https://a.example/a", article_page(head=DATED_HEAD).encode())  # 2
        response(writer, "https://a.example/logo.png", b"\x89PNG...", content_type="image/png")  # 3
        response(
            writer, "https://a.example/gone", b"<html>gone</html>", status="404 Not Found"
        )  # 4
        undated = article_page(
            "Market square repaved",
            (
                "Workers finished repaving the market square on Wednesday, a month ahead of plan.",
                "The square had been closed to stalls since the spring.",
            ),
        )
        response(
            writer,
            "https://www.b.example/square",
            undated.encode("cp1252"),
            content_type="text/html; charset=windows-1252",
        )  # 5
        response(writer, "https://a.example/empty", b"<html><body><div></div></body></html>")  # 6
    return path


@pytest.mark.parametrize(("name", "gzip"), [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_warc_html_responses(tmp_path: Path, name: str, gzip: bool) -> None:
    path = build_warc(tmp_path / name, gzip)
    result = read_inputs([path])
    dated, undated = result.documents
    # N counts response records only: the warcinfo and request records before them do not count
    assert [dated.key, undated.key] == [f"{path}#0", f"{path}#3"]
    assert dated.format == "warc" and dated.source_path == str(path)
    assert dated.url == "https://a.example/a"
    assert dated.title == "Bridge reopens after repairs"
    assert "steel cables" in dated.text
    assert dated.published is not None
    assert dated.published.day == "2022-09-12"
    assert dated.published.origin is not DateOrigin.WARC
    # no date in the page: the crawl date stands in, marked as such
    assert undated.published is not None
    assert undated.published.value == "2022-09-14T06:00:00+00:00"
    assert undated.published.precision is DatePrecision.SECOND
    assert undated.published.origin is DateOrigin.WARC
    assert undated.outlet == "b.example"
    assert "repaving" in undated.text
    [rejection] = result.rejected
    assert rejection.path == f"{path}#4"
    assert "no article text" in rejection.reason


def test_warc_is_sniffed_without_an_extension(tmp_path: Path) -> None:
    path = build_warc(tmp_path / "crawl-0001", gzip=True)
    assert [d.key for d in read_inputs([path]).documents] == [f"{path}#0", f"{path}#3"]


def test_warc_without_html_pages(tmp_path: Path) -> None:
    path = tmp_path / "images.warc"
    with path.open("wb") as out:
        response(
            WARCWriter(out, gzip=False),
            "https://a.example/p.png",
            b"\x89PNG",
            content_type="image/png",
        )
    [rejection] = read_inputs([path]).rejected
    assert rejection.path == str(path) and "no HTML pages" in rejection.reason


def test_file_named_warc_that_is_not_one(tmp_path: Path) -> None:
    path = write(tmp_path / "fake.warc", "just some words, not an archive\n")
    [rejection] = read_inputs([path]).rejected
    assert rejection.path == str(path) and "not a WARC/ARC archive" in rejection.reason
