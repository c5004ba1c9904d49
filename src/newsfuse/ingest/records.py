"""Records: JSON Lines, JSON arrays and CSV/TSV, one article per record.

Fields are looked up by the names in :class:`IngestConfig` (``text_fields``, ``title_fields`` …),
first present wins, case-insensitively. A record may carry a page in an ``html`` field instead of
text. Keys are ``path#N`` with N the 0-based record index (for JSON Lines: the index among
non-blank lines). A bad record is rejected on its own (``path#N``, or ``path:LINE`` for a line that
is not JSON) and the file's other records are kept. JSON Lines and CSV are streamed, so
``max_file_bytes`` bounds one record there rather than the whole file.
"""

from __future__ import annotations

import codecs
import csv
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, BinaryIO

from newsfuse.config import IngestConfig
from newsfuse.errors import InputError
from newsfuse.ingest._dates import parse_published
from newsfuse.ingest._decode import decode_text
from newsfuse.ingest._reject import rejected
from newsfuse.ingest._source import SourceFile, megabytes
from newsfuse.ingest._urls import host_of
from newsfuse.ingest.pages import page_document
from newsfuse.model import DateOrigin, RawDocument, Rejected

# RawDocument.format values are a closed set in report.json's schema: a JSON array file counts
# as "jsonl" and TSV as "csv".

# Not (yet) settings: the usual names of these fields in scraped dumps.
HTML_FIELDS: tuple[str, ...] = ("html", "raw_html", "content_html")
AUTHOR_FIELDS: tuple[str, ...] = ("author", "authors", "byline", "creator")

_READ_CHUNK = 1 << 20


def read_jsonl(source: SourceFile, config: IngestConfig) -> Iterator[RawDocument | Rejected]:
    with source.open() as stream:
        index = -1
        for line_number, line in _lines(stream, config.max_file_bytes):
            if line is not None and not line.strip():
                continue
            index += 1
            where = f"{source.display}:{line_number}"
            if line is None:
                yield rejected(
                    where,
                    f"line {line_number} is longer than ingest_max_file_bytes "
                    f"({megabytes(config.max_file_bytes)}); raise that setting to read it",
                )
                continue
            try:
                value = json.loads(line.removeprefix(codecs.BOM_UTF8))
            except UnicodeDecodeError as error:
                yield rejected(
                    where,
                    f"line {line_number} is not valid UTF-8 (byte at column {error.start + 1}); "
                    "re-encode the file to UTF-8, e.g. with iconv -f cp1252 -t utf-8",
                )
                continue
            except json.JSONDecodeError as error:
                yield rejected(
                    where,
                    f"line {line_number} is not valid JSON ({error.msg} at column {error.colno}); "
                    "fix or remove that line",
                )
                continue
            yield _record_or_rejection(
                value,
                f"{source.display}#{index}",
                source.display,
                "jsonl",
                config,
                line=line_number,
            )


def read_json(source: SourceFile, config: IngestConfig) -> Iterator[RawDocument | Rejected]:
    """A ``.json`` file: an array of records, a single record, or JSON Lines after all."""
    content = decode_text(source.read_all(config.max_file_bytes), source.display)
    try:
        value = json.loads(content)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data":  # several values, one per line: JSON Lines named .json
            yield from read_jsonl(source, config)
            return
        raise InputError(
            source.display,
            f"is not valid JSON ({error.msg} at line {error.lineno} column {error.colno}); "
            "fix the file or save it as JSON Lines (one object per line)",
        ) from None
    records = value if isinstance(value, list) else [value]
    for index, record in enumerate(records):
        yield _record_or_rejection(
            record, f"{source.display}#{index}", source.display, "jsonl", config
        )


def read_csv(
    source: SourceFile, config: IngestConfig, delimiter: str = ","
) -> Iterator[RawDocument | Rejected]:
    # The csv module's per-field limit (128 KB) is process-wide; long articles need more.
    csv.field_size_limit(max(csv.field_size_limit(), config.max_file_bytes))
    with source.open() as stream:
        reader = csv.DictReader(_decoded_lines(stream, source.display), delimiter=delimiter)
        header = reader.fieldnames
        if not header:
            raise InputError(
                source.display, "has no header row; the first row must name the columns"
            )
        if _first_name(header, config.text_fields + HTML_FIELDS) is None:
            raise InputError(
                source.display,
                f"has no text column (columns: {', '.join(header)}; looked for "
                f"{', '.join(config.text_fields)}); rename the column or add its name to "
                "ingest.text_fields",
            )
        for index, row in enumerate(reader):
            yield _record_or_rejection(
                row,
                f"{source.display}#{index}",
                source.display,
                "csv",
                config,
                line=reader.line_num,
            )


def read_tsv(source: SourceFile, config: IngestConfig) -> Iterator[RawDocument | Rejected]:
    return read_csv(source, config, delimiter="\t")


def record_document(
    record: Any, *, key: str, source_path: str, fmt: str, config: IngestConfig
) -> RawDocument:
    """One article from one parsed record. Raises InputError (naming ``key``) for a bad record."""
    if not isinstance(record, Mapping):
        raise InputError(
            key,
            f"record is a JSON {_json_type(record)}, not an object; write one object per record",
        )
    fields = _Fields(record)
    text = fields.text(config.text_fields, joiner="\n")
    title = fields.text(config.title_fields)
    url = fields.text(config.url_fields)
    outlet = fields.text(config.outlet_fields)
    author = fields.text(AUTHOR_FIELDS, joiner=", ")
    published = next(
        (
            date
            for value in fields.values(config.published_fields)
            if (date := parse_published(value, DateOrigin.RECORD))
        ),
        None,
    )
    if not (text and len(text) >= config.min_text_chars) and (page := fields.text(HTML_FIELDS)):
        document = page_document(
            page, key=key, source_path=source_path, fmt=fmt, config=config, url=url
        )
        document.title = title or document.title
        document.outlet = outlet or document.outlet
        document.author = author or document.author
        document.published = published or document.published
        return document
    if not text:
        raise InputError(
            key,
            f"record has no text field (looked for {', '.join(config.text_fields)}); add its "
            "field name to ingest.text_fields",
        )
    if len(text) < config.min_text_chars:
        raise InputError(
            key,
            f"record text is too short ({len(text)} characters, fewer than "
            f"ingest.min_text_chars = {config.min_text_chars}); it was skipped",
        )
    return RawDocument(
        key=key,
        source_path=source_path,
        format=fmt,
        text=text,
        title=title,
        url=url,
        outlet=outlet or host_of(url),
        author=author,
        published=published,
    )


def _record_or_rejection(
    record: Any, key: str, source_path: str, fmt: str, config: IngestConfig, line: int | None = None
) -> RawDocument | Rejected:
    try:
        return record_document(record, key=key, source_path=source_path, fmt=fmt, config=config)
    except InputError as error:
        where = f" (line {line})" if line is not None else ""
        return rejected(error.source, error.message + where)


class _Fields:
    """Case-insensitive field lookup in one record."""

    def __init__(self, record: Mapping[Any, Any]) -> None:
        self._by_name = {str(name).casefold(): value for name, value in record.items()}

    def values(self, names: Iterable[str]) -> Iterator[Any]:
        for name in names:
            value = self._by_name.get(name.casefold())
            if value not in (None, "", [], {}):
                yield value

    def text(self, names: Iterable[str], joiner: str = " ") -> str | None:
        for value in self.values(names):
            if text := _as_text(value, joiner):
                return text
        return None


def _as_text(value: Any, joiner: str) -> str | None:
    """A field value as text: strings as they are, numbers spelled out, lists joined, and objects
    such as ``{"name": "BBC News"}`` by their name."""
    if isinstance(value, str):
        text = value.replace("\r\n", "\n").strip()
        return text or None
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        parts = [part for item in value if (part := _as_text(item, joiner))]
        return joiner.join(parts) or None
    if isinstance(value, Mapping):
        return _as_text(value.get("name"), joiner)
    return None


def _first_name(header: Iterable[str], names: Iterable[str]) -> str | None:
    present = {name.casefold() for name in header if name}
    return next((name for name in names if name.casefold() in present), None)


def _lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(1-based line number, line) pairs; the line is None when it is longer than ``limit``,
    which is then skipped without being held in memory."""
    line_number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        line_number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(_READ_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield line_number, None
            continue
        yield line_number, line


def _decoded_lines(stream: BinaryIO, source: str) -> Iterator[str]:
    """UTF-8 lines, decoded one by one so that a bad byte names its line and every record before
    it is kept."""
    for line_number, line in enumerate(stream, start=1):
        try:
            yield (line.removeprefix(codecs.BOM_UTF8) if line_number == 1 else line).decode("utf-8")
        except UnicodeDecodeError as error:
            bad = line[error.start : error.start + 1].hex().upper()
            raise InputError(
                source,
                f"is not valid UTF-8 at line {line_number} (byte 0x{bad} at column "
                f"{error.start + 1}); re-encode it to UTF-8, e.g. with iconv -f cp1252 -t utf-8",
            ) from None


def _json_type(value: Any) -> str:
    names = {list: "array", str: "string", int: "number", float: "number", bool: "boolean"}
    return "null" if value is None else names.get(type(value), type(value).__name__)
