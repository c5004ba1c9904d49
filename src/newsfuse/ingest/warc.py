"""WARC (and ARC) archives, plain or gzipped, streamed with warcio.

Every HTML ``response`` record with a 2xx status becomes one article, keyed ``path#N`` with N the
0-based index of the record among the archive's ``response`` records (warcinfo, request and
metadata records are not counted; images and redirects are, so that N does not depend on what
newsfuse chose to read). Responses that are not 2xx HTML pages are skipped. When the page
shows no publication date, the crawl date stands in with origin WARC: it is only an upper bound.
"""

from __future__ import annotations

from collections.abc import Iterator
from email.message import Message
from typing import TYPE_CHECKING

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeadersParserException

from newsfuse.config import IngestConfig
from newsfuse.errors import InputError
from newsfuse.ingest._dates import parse_published
from newsfuse.ingest._decode import decode_html
from newsfuse.ingest._reject import rejected
from newsfuse.ingest._source import SourceFile, megabytes
from newsfuse.ingest.pages import page_document
from newsfuse.model import DateOrigin, RawDocument, Rejected

if TYPE_CHECKING:
    from warcio.recordloader import ArcWarcRecord

FORMAT = "warc"
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_ARCHIVE_STARTS = (b"WARC/", b"filedesc://")
_TRAILING_SLACK = 8  # stray newlines after the last record are harmless


def read_warc(source: SourceFile, config: IngestConfig) -> Iterator[RawDocument | Rejected]:
    start = source.head(64).lstrip()
    if not start.startswith(_ARCHIVE_STARTS):
        # warcio would read almost any text as an ARC record; refuse what is plainly not one
        raise InputError(
            source.display,
            f"is not a WARC/ARC archive (it starts with {start[:20]!r}, not 'WARC/'); check the file",
        )
    pages = 0
    responses = 0
    position, record, is_page = -1, None, False
    with source.open_raw() as stream:
        archive = ArchiveIterator(stream)
        for position, record in enumerate(_records(archive, source.display)):
            is_page = _is_html_page(record)
            if is_page:
                pages += 1
                yield _page(record, f"{source.display}#{responses}", source.display, config)
            responses += record.rec_type == "response"
        # warcio stops quietly at a truncated gzip member or record: say so. (A page record cut
        # short was already rejected on its own.)
        if record is not None and not is_page and (missing := _missing_bytes(record)):
            raise InputError(source.display, _cut_short(_record_name(record, position), missing))
        if (unread := source.size - archive.offset) > _TRAILING_SLACK:
            where = (
                f"the archive after {_record_name(record, position)}" if record else "the archive"
            )
            raise InputError(source.display, _cut_short(where, unread))
    if pages == 0:
        raise InputError(
            source.display,
            "holds no HTML pages (no 2xx text/html response records); nothing to read",
        )


def _page(
    record: ArcWarcRecord, key: str, source_path: str, config: IngestConfig
) -> RawDocument | Rejected:
    payload = record.content_stream().read(config.max_file_bytes + 1)
    if len(payload) > config.max_file_bytes:
        return rejected(
            key,
            f"response is larger than ingest_max_file_bytes ({megabytes(config.max_file_bytes)}); "
            "raise that setting to read it",
        )
    if missing := _missing_bytes(record):
        return rejected(key, _cut_short("response record", missing))
    headers = record.rec_headers
    page = decode_html(payload, declared=_charset(record.http_headers.get_header("Content-Type")))
    try:
        return page_document(
            page,
            key=key,
            source_path=source_path,
            fmt=FORMAT,
            config=config,
            url=headers.get_header("WARC-Target-URI"),
            fallback_published=parse_published(headers.get_header("WARC-Date"), DateOrigin.WARC),
        )
    except InputError as error:
        return rejected(error.source, error.message)


def _record_name(record: ArcWarcRecord, position: int) -> str:
    """A record as a person would find it: its type and its place in the file (1-based)."""
    return f"the {record.rec_type} record {position + 1} in the file"


def _missing_bytes(record: ArcWarcRecord) -> int:
    """How much of the record's declared length was never there (after it was read)."""
    return int(getattr(record.raw_stream, "limit", 0) or 0)


def _cut_short(what: str, missing: int) -> str:
    return (
        f"{what} is cut short ({missing} bytes missing or unreadable); the archive is truncated or "
        "damaged — download it again"
    )


def _records(archive: Iterator[ArcWarcRecord], source: str) -> Iterator[ArcWarcRecord]:
    """The archive's records; a record cut short or garbled ends the file with an InputError."""
    count = 0
    while True:
        try:
            record = next(archive)
        except StopIteration:
            return
        # warcio trips over damaged record headers with these (an AttributeError when a truncated
        # record has no URI); only the call into warcio is guarded, so our own bugs still surface.
        except (AttributeError, ValueError, StatusAndHeadersParserException) as error:
            raise InputError(
                source,
                f"record {count + 1} in the file is damaged or cut short (its headers could not be "
                "parsed); the records before it were read — download it again",
            ) from error
        count += 1
        yield record


def _is_html_page(record: ArcWarcRecord) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode()
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return bool(status) and status.startswith("2") and content_type.startswith(_HTML_TYPES)


def _charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    message = Message()
    message["Content-Type"] = content_type
    return message.get_content_charset()
