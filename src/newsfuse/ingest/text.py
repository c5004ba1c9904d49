"""Plain-text articles (``.txt``, ``.md``), with optional metadata header lines at the top::

    date 2022-09-10
    source: Example Gazette
    url: https://example.org/news/1

    Headline of the article

    First paragraph ...

Header keys are case-insensitive; ``date``/``published`` take ":" or a space before the value,
the others ":". The header block ends at the first blank or non-header line. Then the first
non-empty line is taken as the headline when it looks like one. Without a header date, a dateline
near the top ("10.09.2022 | 23:40") gives the publication date; the line stays in the text, for
the cleaner to judge. Without either, an ISO date naming the file or its nearest dated folder
(``archive/2010-05-24/1036.txt``) gives the day: archives are often kept in one folder per day.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from newsfuse.config import IngestConfig
from newsfuse.errors import InputError
from newsfuse.ingest._dates import parse_published
from newsfuse.ingest._decode import decode_text
from newsfuse.ingest._source import SourceFile
from newsfuse.ingest._urls import host_of
from newsfuse.model import DateOrigin, DatePrecision, PublishedDate, RawDocument, Rejected

FORMAT = "text"

_COLON_HEADER = re.compile(
    r"(?P<key>date|published|source|outlet|url|title|author)\s*:\s*(?P<value>.*)", re.IGNORECASE
)
# "date 2022-09-10": only date keys may drop the colon, and only when a date follows, so that a
# headline such as "Date night ends in arrests" stays a headline.
_SPACE_HEADER = re.compile(r"(?P<key>date|published)\s+(?P<value>.+)", re.IGNORECASE)
_MARKDOWN_HEADING = re.compile(r"#{1,6}\s+")
_DATELINE_SEARCH_LINES = 6  # datelines sit right under the headline, among bylines and chrome
_DATELINE_MAX_CHARS = 48
_DATELINE_SEPARATORS = re.compile(r"\s*[|\u2022\u00b7]\s*")  # "10.09.2022 | 23:40"
_FINE_ENOUGH = (DatePrecision.SECOND, DatePrecision.MINUTE, DatePrecision.DAY)
_SENTENCE_ENDS = (".", "!", "?", '"', "\u201d")
_BODY_MIN_WORDS = 8

_HEADLINE_MAX_CHARS = 200
_HEADLINE_MAX_WORDS = 30
# Site chrome that opens scraped text ("Skip to main content", "Advertisement") is shorter than
# nearly every real headline.
_HEADLINE_MIN_WORDS = 5
# A first line ending in a full stop is a headline only when it is this short and has no comma:
# otherwise it is most likely a one-sentence lede ("..., officials said."), and taking it as the
# title would drop it from the text.
_SENTENCE_HEADLINE_MAX_WORDS = 10
_RUNS_ON = (",", ";", "-", "–", "—")


@dataclass(slots=True)
class _Header:
    published: PublishedDate | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    author: str | None = None
    lines: int = 0  # how many lines the header block spans


def read_text(source: SourceFile, config: IngestConfig) -> Iterator[RawDocument | Rejected]:
    content = decode_text(source.read_all(config.max_file_bytes), source.display)
    yield parse_text(content, key=source.display, source_path=source.display, config=config)


def parse_text(content: str, *, key: str, source_path: str, config: IngestConfig) -> RawDocument:
    """One text article from its decoded content. Raises InputError when it has no usable body."""
    lines = content.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        raise InputError(key, "has no text (only whitespace); check that it was written completely")
    header = _read_header(lines)
    body_lines = lines[header.lines :]
    title, body_lines = _split_headline(body_lines, header.title)
    published = header.published or _dateline(body_lines) or _path_date(source_path)
    text = "\n".join(body_lines).strip()
    if not text:
        what = "header lines" if header.lines else "headline"
        raise InputError(key, f"has no body text after its {what}; add the article text")
    if len(text) < config.min_text_chars:
        raise InputError(
            key,
            f"has only {len(text)} characters of text, fewer than ingest.min_text_chars "
            f"({config.min_text_chars}); add the article text or lower that setting",
        )
    return RawDocument(
        key=key,
        source_path=source_path,
        format=FORMAT,
        text=text,
        title=title,
        url=header.url,
        outlet=header.outlet or host_of(header.url),
        author=header.author,
        published=published,
    )


_PATH_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)-(\d\d)-(\d\d)(?!\d)")


def _path_date(source_path: str) -> PublishedDate | None:
    """The day an ISO date in the file's name or nearest dated folder gives, when it is a real
    calendar day."""
    parts = re.split(r"[\\/]", source_path)
    for part in reversed(parts):
        for match in reversed(list(_PATH_DATE.finditer(part))):
            try:
                day = date(*(int(g) for g in match.groups()))
            except ValueError:
                continue
            return PublishedDate(day.isoformat(), DatePrecision.DAY, DateOrigin.PATH)
    return None


def _read_header(lines: list[str]) -> _Header:
    header = _Header()
    for line in lines:
        stripped = line.strip()
        if match := _COLON_HEADER.fullmatch(stripped):
            key, value = match.group("key").lower(), match.group("value").strip()
            _set_field(header, key, value)
        elif (match := _SPACE_HEADER.fullmatch(stripped)) and (
            published := parse_published(match.group("value"), DateOrigin.HEADER)
        ):
            header.published = header.published or published
        else:
            break
        header.lines += 1
    return header


def _dateline(lines: list[str]) -> PublishedDate | None:
    """The date of a line near the top, before the body starts, that holds nothing but a date
    (and a time)."""
    candidates = [line.strip() for line in lines if line.strip()][:_DATELINE_SEARCH_LINES]
    for line in candidates:
        if line.endswith(_SENTENCE_ENDS) and len(line.split()) >= _BODY_MIN_WORDS:
            return None  # the body has begun: a date below belongs to the story
        if len(line) > _DATELINE_MAX_CHARS or not any(c.isdigit() for c in line):
            continue
        found = parse_published(_DATELINE_SEPARATORS.sub(" ", line), DateOrigin.TEXT)
        if found and found.precision in _FINE_ENOUGH:
            return found
    return None


def _set_field(header: _Header, key: str, value: str) -> None:
    if not value:
        return
    if key in ("date", "published"):
        header.published = header.published or parse_published(value, DateOrigin.HEADER)
    elif key in ("source", "outlet"):
        header.outlet = header.outlet or value
    elif key == "url":
        header.url = value
    elif key == "title":
        header.title = value
    elif key == "author":
        header.author = value


def _split_headline(lines: list[str], header_title: str | None) -> tuple[str | None, list[str]]:
    """The headline and the lines after it; or (header_title, lines) when there is none.

    A headline given in the header is not repeated in the text when the first line restates it.
    """
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return header_title, lines
    candidate = _MARKDOWN_HEADING.sub("", lines[first].strip(), count=1)
    rest = lines[first + 1 :]
    if header_title is not None:
        if _same_words(candidate, header_title):
            return header_title, rest
        return header_title, lines[first:]
    if _looks_like_headline(candidate, rest):
        return candidate, rest
    return None, lines[first:]


def _looks_like_headline(line: str, rest: list[str]) -> bool:
    """Short, and either without a final full stop or set apart by a blank line; never the first
    line of a hard-wrapped paragraph."""
    if not any(other.strip() for other in rest):
        return False  # the only paragraph is the body, not a headline
    words = len(line.split())
    if len(line) > _HEADLINE_MAX_CHARS or not _HEADLINE_MIN_WORDS <= words <= _HEADLINE_MAX_WORDS:
        return False
    next_line = rest[0].strip()
    if next_line and (line.endswith(_RUNS_ON) or next_line[0].islower()):
        return False  # a paragraph wrapped at a fixed width runs on into the next line
    if line.endswith("."):
        return not next_line and words <= _SENTENCE_HEADLINE_MAX_WORDS and "," not in line
    return True


def _same_words(a: str, b: str) -> bool:
    return a.casefold().split() == b.casefold().split()
