"""RSS and Atom feeds, one article per entry (key ``path#N``), parsed with feedparser."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from newsfuse.config import IngestConfig
from newsfuse.errors import InputError
from newsfuse.ingest._dates import from_datetime, time_precision
from newsfuse.ingest._htmltext import html_to_text
from newsfuse.ingest._reject import rejected
from newsfuse.ingest._source import SourceFile
from newsfuse.ingest._urls import host_of
from newsfuse.model import DateOrigin, DatePrecision, PublishedDate, RawDocument, Rejected

FORMAT = "rss"  # for Atom too: report.json's schema knows one feed format
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TIME_OF_DAY = ":"  # RFC 822 and ISO 8601 both write times as hh:mm


def read_feed(source: SourceFile, config: IngestConfig) -> Iterator[RawDocument | Rejected]:
    import feedparser

    # A stream, never a string: feedparser treats strings as URLs or file names to fetch.
    parsed = feedparser.parse(io.BytesIO(source.read_all(config.max_file_bytes)))
    if not parsed.entries:
        raise InputError(source.display, _why_no_entries(parsed))
    feed_title = _plain(parsed.feed.get("title"), parsed.feed.get("title_detail"))
    for index, entry in enumerate(parsed.entries):
        key = f"{source.display}#{index}"
        try:
            yield entry_document(
                entry,
                key=key,
                source_path=source.display,
                fmt=FORMAT,
                feed_title=feed_title,
                feed_link=parsed.feed.get("link"),
                config=config,
            )
        except InputError as error:
            yield rejected(error.source, error.message)


def entry_document(
    entry: Any,
    *,
    key: str,
    source_path: str,
    fmt: str,
    feed_title: str | None,
    feed_link: str | None,
    config: IngestConfig,
) -> RawDocument:
    """One article from one feedparser entry. Raises InputError (naming ``key``) without text."""
    text = _entry_text(entry)
    if len(text) < config.min_text_chars:
        raise InputError(
            key,
            f"feed entry has {len(text)} characters of content or summary, fewer than "
            f"ingest.min_text_chars ({config.min_text_chars}); the feed carries headlines only, "
            "so read the linked pages instead",
        )
    url = entry.get("link")
    return RawDocument(
        key=key,
        source_path=source_path,
        format=fmt,
        text=text,
        title=_plain(entry.get("title"), entry.get("title_detail")),
        url=url,
        outlet=feed_title or host_of(url) or host_of(feed_link),
        author=entry.get("author") or None,
        published=_entry_published(entry),
    )


def _entry_text(entry: Any) -> str:
    for content in entry.get("content") or ():
        if text := _plain(content.get("value"), content):
            return text
    return _plain(entry.get("summary"), entry.get("summary_detail")) or ""


def _plain(value: str | None, detail: Any) -> str | None:
    if not value:
        return None
    is_html = detail is None or detail.get("type", "text/html") in _HTML_TYPES
    text = html_to_text(value) if is_html else value.strip()
    return text or None


def _entry_published(entry: Any) -> PublishedDate | None:
    for parsed_key, raw_key in (("published_parsed", "published"), ("updated_parsed", "updated")):
        parsed: time.struct_time | None = entry.get(parsed_key)
        if parsed is None:
            continue
        # feedparser normalises to UTC; whether a time of day was written we learn from the raw text
        moment = datetime(*parsed[:6], tzinfo=UTC)
        raw = entry.get(raw_key) or ""
        precision = time_precision(raw) if _TIME_OF_DAY in raw else DatePrecision.DAY
        return from_datetime(moment, precision, DateOrigin.FEED)
    return None


def _why_no_entries(parsed: Any) -> str:
    if not parsed.version:
        problem = parsed.get("bozo_exception")
        detail = f" ({problem})" if problem else ""
        return f"is not a readable RSS or Atom feed{detail}; check that the file is a complete feed"
    return "is a feed with no entries; nothing to read"
