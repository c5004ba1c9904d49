"""Bytes to text: strict UTF-8 (or a BOM-declared Unicode encoding) for text, browser rules for HTML."""

from __future__ import annotations

import codecs
import re
from pathlib import PurePath

from newsfuse.errors import InputError

# Longest first: the UTF-32 LE BOM begins with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Browsers look for the declaration in the first 1024 bytes; pages with long <head>s push it a
# little further in practice.
_PRESCAN_BYTES = 4096
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)

# Labels that browsers (WHATWG Encoding standard) decode as a superset, which pages rely on; and
# a <meta> cannot meaningfully declare UTF-16 (a page readable as ASCII is not UTF-16).
_SUPERSETS = {
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "cp819": "cp1252",
    "iso_8859-1": "cp1252",
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "iso-8859-9": "cp1254",
    "iso-8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "shift_jis": "cp932",
    "x-sjis": "cp932",
}
_META_UTF16_LABELS = frozenset({"utf-16", "utf-16le", "utf-16be", "utf16"})


def split_bom(data: bytes) -> tuple[str | None, bytes]:
    """The encoding a byte order mark declares (None without one) and the bytes after it."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, data[len(bom) :]
    return None, data


def decode_text(data: bytes, source: str) -> str:
    """Decode a text, JSON or CSV file: UTF-8, or UTF-8/16/32 with a BOM. Anything else is rejected
    (guessing a legacy encoding silently corrupts names and quotes)."""
    encoding, body = split_bom(data)
    bom_length = len(data) - len(body)
    try:
        return body.decode(encoding or "utf-8")
    except UnicodeDecodeError as error:
        offset = bom_length + error.start
        line = data.count(b"\n", 0, offset) + 1
        bad = body[error.start : error.start + 1].hex().upper()
        name = PurePath(source)
        fixed = f"{name.stem}.utf8{name.suffix}"
        raise InputError(
            source,
            f"is not valid {encoding or 'UTF-8'} (byte 0x{bad} at offset {offset}, line {line}); "
            f"re-encode it to UTF-8, e.g. iconv -f cp1252 -t utf-8 {name.name} > {fixed}",
        ) from None


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Decode a page: BOM, then the HTTP charset, then UTF-8 when the bytes are valid UTF-8, then
    ``<meta charset>`` / ``http-equiv``, then windows-1252 (which maps nearly every byte).

    UTF-8 is tried before the page's own declaration because saved and scraped pages are usually
    re-encoded to UTF-8 while keeping a stale legacy ``<meta charset>``; text in a legacy encoding
    with non-ASCII bytes is practically never valid UTF-8, so nothing real is lost."""
    bom_encoding, body = split_bom(data)
    if bom_encoding:
        return body.decode(bom_encoding, errors="replace")
    candidates = [
        _known_encoding(declared),
        "utf-8",
        _known_encoding(_meta_charset(data), from_meta=True),
    ]
    for encoding in candidates:
        if encoding is None:
            continue
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("cp1252", errors="replace")


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:_PRESCAN_BYTES])
    return match.group(1).decode("ascii") if match else None


def _known_encoding(label: str | None, *, from_meta: bool = False) -> str | None:
    if not label:
        return None
    label = label.strip().lower()
    label = _SUPERSETS.get(label, label)
    if from_meta and label in _META_UTF16_LABELS:
        return "utf-8"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None  # an encoding Python doesn't know: fall through to the next candidate
