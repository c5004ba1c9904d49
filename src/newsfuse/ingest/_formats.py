"""Which reader a file needs: by its extension first, by a look at its first bytes otherwise."""

from __future__ import annotations

import codecs
import re
from enum import StrEnum
from pathlib import PurePath


class Format(StrEnum):
    TEXT = "text"
    HTML = "html"
    JSONL = "jsonl"
    JSON = "json"
    CSV = "csv"
    TSV = "tsv"
    FEED = "feed"
    WARC = "warc"


_BY_EXTENSION: dict[str, Format] = {
    ".txt": Format.TEXT,
    ".text": Format.TEXT,
    ".md": Format.TEXT,
    ".markdown": Format.TEXT,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".xhtml": Format.HTML,
    ".jsonl": Format.JSONL,
    ".ndjson": Format.JSONL,
    ".json": Format.JSON,
    ".csv": Format.CSV,
    ".tsv": Format.TSV,
    ".rss": Format.FEED,
    ".atom": Format.FEED,
    ".xml": Format.FEED,
    ".warc": Format.WARC,
    ".arc": Format.WARC,
}

# Formats whose reader needs the whole file in memory; the others stream record by record.
WHOLE_FILE_FORMATS = frozenset({Format.TEXT, Format.HTML, Format.JSON, Format.FEED})

# UTF-32 LE's BOM starts with UTF-16 LE's, so this tuple covers both.
_UNICODE_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)

# Signatures of the binary files most often dropped into a folder of articles by mistake; only
# used to name what a rejected file looks like.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a DOCX/XLSX/EPUB file)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"(\xb5/\xfd", "zstd-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable program"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"PAR1", "a Parquet file"),
)

_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:rdf)[\s>]")
_HTML_ROOT = re.compile(rb"<(!doctype\s+html|html|head|body)[\s>]")


def format_from_name(name: str) -> Format | None:
    """The format named by a file's extension, looking through a ``.gz`` wrapper."""
    path = PurePath(name.lower())
    if path.suffix == ".gz":
        path = path.with_suffix("")
    return _BY_EXTENSION.get(path.suffix)


def sniff_format(head: bytes) -> Format | None:
    """The format the first bytes of a (decompressed) file look like; None for binary data."""
    if describe_binary(head):
        return None
    start = head.removeprefix(codecs.BOM_UTF8).lstrip()[:4096].lower()
    if start.startswith((b"warc/1.", b"warc/0.")):
        return Format.WARC
    if start.startswith(b"<"):
        feed = _FEED_ROOT.search(start)
        page = _HTML_ROOT.search(start)
        if page and (not feed or page.start() < feed.start()):
            return Format.HTML  # also XHTML, which starts with "<?xml" too
        if feed or start.startswith(b"<?xml"):
            return Format.FEED
    if start.startswith(b"{"):
        return Format.JSONL
    if start.startswith(b"[") and start[1:].lstrip().startswith(b"{"):
        return Format.JSON
    return Format.TEXT


def describe_binary(head: bytes) -> str | None:
    """What a binary file looks like ("a PNG image"), or None when it may well be text."""
    for signature, description in _SIGNATURES:
        if head.startswith(signature):
            return description
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "a WebP image"
    if head.startswith(_UNICODE_BOMS):
        return None  # UTF-16/32 text has NUL bytes by design
    if b"\x00" in head:
        return "binary data (NUL bytes in its first 8 KB; if it is UTF-16 text, save it with a BOM)"
    return None
