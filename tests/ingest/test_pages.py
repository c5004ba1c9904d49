from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from newsfuse.ingest import read_inputs
from newsfuse.ingest._decode import decode_html
from newsfuse.ingest.pages import canonical_url

from .conftest import article_page, write, write_gz

ACCENTED = (
    "The caf\u00e9 on the corner reopened on Monday with a new menu, the owner told reporters.",
    (
        "Regulars said the na\u00efve paintings on the walls had been restored \u2013 and the "
        "prices had not changed since last year."
    ),
)


def test_html_file(tmp_path: Path) -> None:
    head = (
        '<link rel="canonical" href="https://www.bridge.example/reopened">'
        '<meta property="og:site_name" content="Bridge Weekly">'
    )
    path = write(tmp_path / "bridge.html", article_page(head=head))
    result = read_inputs([path])
    assert result.rejected == []
    [doc] = result.documents
    assert (doc.key, doc.source_path, doc.format) == (str(path), str(path), "html")
    assert doc.title == "Bridge reopens after repairs"
    assert "steel cables" in doc.text and "All rights reserved" not in doc.text
    assert doc.url == "https://www.bridge.example/reopened"
    assert doc.outlet == "Bridge Weekly"


def test_outlet_from_url_host_without_sitename(tmp_path: Path) -> None:
    head = '<meta property="og:url" content="https://www.river.example/news/7">'
    [doc] = read_inputs([write(tmp_path / "a.htm", article_page(head=head))]).documents
    assert doc.url == "https://www.river.example/news/7"
    assert doc.outlet is not None and doc.outlet.lower() == "river.example"


@pytest.mark.parametrize(
    ("head", "encoding"),
    [
        ('<meta charset="windows-1252">', "cp1252"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', "cp1252"),
        ('<meta charset="utf-8">', "utf-8"),
        ("", "utf-8"),  # no declaration: UTF-8 first
        ("", "cp1252"),  # no declaration and not UTF-8: windows-1252, as browsers do
    ],
)
def test_html_encoding_declarations(tmp_path: Path, head: str, encoding: str) -> None:
    page = article_page("Caf\u00e9 reopens", ACCENTED, head=head).encode(encoding)
    [doc] = read_inputs([write(tmp_path / "cafe.html", page)]).documents
    assert doc.title == "Caf\u00e9 reopens"
    assert "na\u00efve paintings" in doc.text and "restored \u2013 and" in doc.text


def test_byte_order_mark_wins_over_meta() -> None:
    page = '<html><head><meta charset="windows-1252"></head><body>caf\u00e9</body></html>'
    assert "caf\u00e9" in decode_html(codecs.BOM_UTF16_LE + page.encode("utf-16-le"))
    assert "caf\u00e9" in decode_html(codecs.BOM_UTF8 + page.encode("utf-8"))


def test_http_charset_wins_over_meta() -> None:
    page = '<html><head><meta charset="utf-8"></head><body>caf\u00e9 \u2013</body></html>'
    assert "caf\u00e9 \u2013" in decode_html(page.encode("cp1252"), declared="windows-1252")


def test_xhtml_with_xml_declaration_and_gzipped_html(tmp_path: Path) -> None:
    xhtml = '<?xml version="1.0" encoding="utf-8"?>\n' + article_page().replace(
        "<!DOCTYPE html>", '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x">'
    )
    a = write(tmp_path / "a.xhtml", xhtml)
    b = write_gz(tmp_path / "b.html.gz", article_page())
    result = read_inputs([tmp_path])
    assert result.rejected == []
    assert [(d.key, d.format) for d in result.documents] == [(str(a), "html"), (str(b), "html")]


def test_canonical_url() -> None:
    assert canonical_url(
        '<html><head><link rel="Canonical" href=" https://x.example/a "></head></html>'
    ) == ("https://x.example/a")
    assert canonical_url(
        '<html><head><meta property="og:url" content="https://x.example/b"></head></html>'
    ) == ("https://x.example/b")
    assert canonical_url("<html><head></head><body>no url</body></html>") is None
