"""Publication dates written by people or feeds into :class:`PublishedDate`, with honest precision."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from functools import cache
from typing import TYPE_CHECKING

from newsfuse.model import DateOrigin, DatePrecision, PublishedDate

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

_YEAR_ONLY = re.compile(r"\d{4}")
_YEAR_MONTH = re.compile(r"(\d{4})-(\d{2})")
_HAS_YEAR = re.compile(r"\d{4}")
_HAS_SECONDS = re.compile(r"\d:\d\d:\d\d|T\d{6}")
_MAX_DATE_CHARS = 80  # longer values are sentences, not dates
# "10.09.2022" is day-first wherever dots separate a numeric date; dateparser's English default
# would read it month-first.
_DOTTED_DATE = re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{2,4}\b")
# Milliseconds since 1970 pass this; seconds won't until the year 5138.
_MILLISECOND_TIMESTAMPS = 100_000_000_000


def parse_published(value: object, origin: DateOrigin) -> PublishedDate | None:
    """Read a date from a metadata value: ISO 8601, a Unix timestamp, or any absolute date that
    dateparser reads ("Sat, 10 Sep 2022 08:00:00 GMT", "10 septembre 2022").

    Returns None when the value holds no absolute date. Relative dates ("yesterday") and dates
    without a year are refused: resolving them against today's clock would invent a date.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return _from_timestamp(float(value), origin)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > _MAX_DATE_CHARS:
        return None
    return _from_iso(text, origin) or _from_dateparser(text, origin)


def from_datetime(moment: datetime, precision: DatePrecision, origin: DateOrigin) -> PublishedDate:
    if precision is DatePrecision.YEAR:
        value = f"{moment.year:04d}"
    elif precision is DatePrecision.MONTH:
        value = f"{moment.year:04d}-{moment.month:02d}"
    elif precision is DatePrecision.DAY:
        value = moment.date().isoformat()
    else:
        value = moment.isoformat(timespec="seconds")
    return PublishedDate(value, precision, origin)


def time_precision(text: str) -> DatePrecision:
    """SECOND when the written time has seconds, else MINUTE."""
    return DatePrecision.SECOND if _HAS_SECONDS.search(text) else DatePrecision.MINUTE


def _from_timestamp(seconds: float, origin: DateOrigin) -> PublishedDate | None:
    if seconds >= _MILLISECOND_TIMESTAMPS:
        seconds /= 1000
    try:
        moment = datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None  # out of the platform's range: not a plausible publication time
    return from_datetime(moment, DatePrecision.SECOND, origin)


def _from_iso(text: str, origin: DateOrigin) -> PublishedDate | None:
    if _YEAR_ONLY.fullmatch(text):
        return PublishedDate(text, DatePrecision.YEAR, origin)
    if (match := _YEAR_MONTH.fullmatch(text)) and 1 <= int(match.group(2)) <= 12:
        return PublishedDate(text, DatePrecision.MONTH, origin)
    try:
        day = date.fromisoformat(text)
    except ValueError:
        pass
    else:
        return PublishedDate(day.isoformat(), DatePrecision.DAY, origin)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return from_datetime(moment, time_precision(text), origin)


def _from_dateparser(text: str, origin: DateOrigin) -> PublishedDate | None:
    if not _HAS_YEAR.search(text):
        return None
    found = None
    if _DOTTED_DATE.search(text):
        found = _date_parser("DMY").get_date_data(text)
    if found is None or found.date_obj is None:
        found = _date_parser(None).get_date_data(text)
    if found.date_obj is None:
        return None
    # A part dateparser did not find was filled in from today's date: trim it away.
    parts = set(found.parts or ())
    if {"month", "day", "time"} <= parts:
        precision = time_precision(text)
    elif {"month", "day"} <= parts:
        precision = DatePrecision.DAY
    elif "month" in parts:
        precision = DatePrecision.MONTH
    else:
        precision = DatePrecision.YEAR
    return from_datetime(found.date_obj, precision, origin)


@cache
def _date_parser(date_order: str | None) -> DateDataParser:
    # Building a parser loads language data; one per setting is plenty and it holds no state
    # between calls.
    from dateparser.date import DateDataParser

    settings: dict[str, object] = {
        "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
        "REQUIRE_PARTS": ["year"],
        "PREFER_DAY_OF_MONTH": "first",
    }
    if date_order:
        settings["DATE_ORDER"] = date_order
    return DateDataParser(settings=settings)
