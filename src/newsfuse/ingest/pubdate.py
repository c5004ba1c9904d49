"""Original publication date of an HTML page.

The page is parsed once (lxml) and searched for evidence, most trustworthy first:

1. markup that names the *original publication*: ``article:published_time``-style ``<meta>``
   tags, then the page's JSON-LD ``datePublished`` (article-like objects, top level first), then
   elements marked ``itemprop="datePublished"`` or ``pubdate``; among dates of the same day the
   most precise one is kept;
2. otherwise htmldate (``find_date(original_date=True, extensive_search=True)``), which reads a
   date in the URL first, then looser ``<meta>`` names, ``<abbr>``/``<time>`` elements,
   date-like class names and, last, the page text (English, French, German, Russian,
   Ukrainian … month names, through its own patterns and dateparser);
3. otherwise a date in the URL, including compact ``…-20220912`` forms.

Markup that names a *modification* (``dateModified``, ``og:updated_time`` …) is never returned;
with all other markup dates it bounds the answer: nothing later than the page's newest date hint
(nor than today) and nothing before 1995.

Times are kept as written, with their UTC offset: "2020-06-29T00:16+03:00" was published on the
29th where it was written. Time stamps written in UTC are shown on the outlet's own calendar when
the page tells it (see :func:`_localize`). htmldate answers that are only a month or a year
(it returns the 1st) are reported with month/year precision, never as a day.
"""

from __future__ import annotations

import itertools
import json
import logging
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Any

from newsfuse.model import DateOrigin, DatePrecision, PublishedDate

__all__ = ["DateEvidence", "date_evidence", "find_published", "parse_date_text"]

EARLIEST = datetime(1995, 1, 1)

# JSON-LD types whose datePublished is the page's own publication date, best first.
_ARTICLE_TYPES = (
    "newsarticle",
    "reportagenews",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "reviewnewsarticle",
    "liveblogposting",
    "article",
    "blogposting",
    "socialmediaposting",
    "scholarlyarticle",
    "report",
    "techarticle",
    "videoobject",
    "webpage",
    "itempage",
    "creativework",
)

# <meta> names/properties that state the original publication date, best first.
_META_PUBLISHED = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "article:published",
    "article:published_date",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "bt:pubdate",
    "cxenseparse:recs:publishtime",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "citation_publication_date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "published_date",
    "published-date",
    "published_time",
    "publication_date",
    "originalpublicationdate",
    "article_date_original",
    "analyticsattributes.articledate",
    "uploaddate",
    "datecreated",
)
_META_PUBLISHED_RANK = {name: i for i, name in enumerate(_META_PUBLISHED)}

# <meta> names/properties that state a modification date (upper-bound hints only).
_META_MODIFIED = frozenset(
    {
        "article:modified_time",
        "og:article:modified_time",
        "og:updated_time",
        "article:modified",
        "article:modified_date",
        "article:updated_time",
        "datemodified",
        "bt:moddate",
        "dc.date.modified",
        "dcterms.modified",
        "last-modified",
        "lastmodified",
        "last_updated_date",
        "revision_date",
        "modified_time",
        "updated_time",
    }
)

_ISO_RE = re.compile(
    r"(?<!\d)((?:19|20)\d\d)-([01]?\d)-([0-3]?\d)"
    r"(?:[T ]([0-2]?\d):([0-5]\d)(?::([0-5]?\d)(?:[.,]\d+)?)?\s*(Z|[+-][0-2]\d:?[0-5]\d)?)?",
    re.IGNORECASE,
)
_EPOCH_RE = re.compile(r"^\d{10}(?:\d{3})?$")
_YMD_COMPACT_URL = re.compile(
    r"(?<!\d)((?:199|20[0-3])\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)"
)

LOGGER = logging.getLogger(__name__)

# Evidence ranks, lower wins: <meta> tags first (as htmldate orders them), then the JSON-LD
# objects (top-level before nested ones), then elements marked itemprop=datePublished/pubdate.
_RANK_META = 50
_RANK_JSON_LD = 100
_RANK_ELEMENT = 300


@dataclass(slots=True, frozen=True)
class DateEvidence:
    """One date the page states about itself, and where it says it."""

    when: datetime  # naive local time as written, or aware when an offset was written
    precision: DatePrecision
    source: str  # e.g. "json-ld:NewsArticle.datePublished", "meta:article:published_time"
    kind: str  # "published" or "modified"
    rank: int  # lower is more trustworthy, among evidence of one kind

    @property
    def day(self) -> date:
        return self.when.date()


def find_published(html: str, url: str | None = None) -> PublishedDate | None:
    """The page's original publication date, or None when nothing trustworthy is found.

    ``url`` is the page's address, if known; a date in it is used when the page itself has
    none (and the canonical ``<link>`` is tried when ``url`` is not given).
    """
    tree = _parse(html)
    if tree is None:
        return None
    evidence = _collect(tree)
    latest = _latest_allowed(evidence)

    published = [e for e in evidence if e.kind == "published" and _plausible(e.when, latest)]
    if published:
        return _from_markup(published, html, tree, url)

    found = _htmldate(tree, url, latest)
    if found is None:
        for candidate in _page_urls(tree, url):
            day = _url_day(candidate)
            if day is not None and day <= latest:
                return PublishedDate(day.isoformat(), DatePrecision.DAY, DateOrigin.URL)
        byline = _byline_day(tree, latest)
        if byline is not None:
            return PublishedDate(byline.isoformat(), DatePrecision.DAY, DateOrigin.HTML_TEXT)
        return None
    when, precision = found
    if when.day == 1 and precision is DatePrecision.DAY and not _mentions_day(html, when.date()):
        # htmldate falls back to the 1st of the month (or of January) when the page only
        # gives a month or a year (often a copyright line): that is no publication day
        byline = _byline_day(tree, latest)
        if byline is not None:
            return PublishedDate(byline.isoformat(), DatePrecision.DAY, DateOrigin.HTML_TEXT)
        precision = DatePrecision.YEAR if when.month == 1 else DatePrecision.MONTH
    origin = _origin_of(when.date(), tree, url, evidence)
    return _to_published(when, precision, origin)


def date_evidence(html: str) -> list[DateEvidence]:
    """Every publication/modification date the page's markup states, for inspection."""
    tree = _parse(html)
    return [] if tree is None else _collect(tree)


def parse_date_text(text: str) -> tuple[datetime, DatePrecision] | None:
    """Parse one machine-written date (ISO 8601, RFC 2822, epoch seconds/ms, or a loose form).

    Returns the time as written (aware when an offset is given) and how precise it is;
    ``00:00:00`` counts as "no time given" (day precision).
    """
    text = text.strip()
    if not text or len(text) > 80:
        return None
    if _EPOCH_RE.match(text):
        seconds = int(text) / (1000 if len(text) == 13 else 1)
        try:
            when = datetime.fromtimestamp(seconds, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
        return when, DatePrecision.SECOND
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        pass
    else:
        clock = re.split(r"[T ]", text, maxsplit=1)[1] if re.search(r"\d[T ]\d", text) else ""
        digits = len(re.sub(r"\D", "", re.split(r"[Z+-]", clock, maxsplit=1)[0]))
        return when, _precision_of(when, digits >= 4, digits >= 6)
    match = _ISO_RE.search(text)
    if match:
        return _from_iso_match(match)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        when = None
    if when is not None:
        return when, _precision_of(when, has_time=True, has_seconds=True)
    return _loose(text)


# --- parsing helpers -------------------------------------------------------------------------


def _parse(html: str) -> Any:
    """The page as an lxml tree (fragments get an <html> wrapper), or None.

    Deliberately not ``htmldate.utils.load_html``: that one downloads strings that look like
    URLs and rejects fragments.
    """
    from htmldate.utils import repair_faulty_html
    from lxml.etree import ParserError
    from lxml.html import HTMLParser, document_fromstring

    if not html or not html.strip():
        return None
    html = repair_faulty_html(html, html[:50].lower())
    parser = HTMLParser(collect_ids=False, default_doctype=False, remove_pis=True)
    try:
        return document_fromstring(html, parser=parser)
    except ValueError:  # "Unicode strings with encoding declaration are not supported"
        pass
    except ParserError:
        return None
    try:
        return document_fromstring(html.encode("utf-8"), parser=HTMLParser(encoding="utf-8"))
    except (ValueError, ParserError):
        return None


def _from_iso_match(match: re.Match[str]) -> tuple[datetime, DatePrecision] | None:
    year, month, day, hour, minute, second, zone = match.groups()
    try:
        when = datetime(int(year), int(month), int(day))
        if hour is not None:
            when = when.replace(hour=int(hour), minute=int(minute), second=int(second or 0))
        if zone:
            zone = "+00:00" if zone.upper() == "Z" else zone
            when = datetime.fromisoformat(when.isoformat() + _colon_zone(zone))
    except ValueError:
        return None
    return when, _precision_of(when, hour is not None, second is not None)


def _colon_zone(zone: str) -> str:
    return zone if ":" in zone else f"{zone[:3]}:{zone[3:]}"


def _precision_of(when: datetime, has_time: bool, has_seconds: bool) -> DatePrecision:
    if not has_time or (when.hour, when.minute, when.second) == (0, 0, 0):
        return DatePrecision.DAY
    return DatePrecision.SECOND if has_seconds else DatePrecision.MINUTE


_CLOCK_RE = re.compile(r"(?<!\d)([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?(?!\d)")


def _loose(text: str) -> tuple[datetime, DatePrecision] | None:
    """Human-ish machine dates ('Tue, Sep 15 2020 10:01:41 EDT'), via htmldate's parsers.

    A clock time next to the date is kept (as written, without its zone name).
    """
    from htmldate.extractors import try_date_expr

    found = try_date_expr(text, "%Y-%m-%d", True, EARLIEST, datetime(2100, 1, 1))
    if not found:
        return None
    when = datetime.fromisoformat(found)
    clock = _CLOCK_RE.search(text)
    if clock is None:
        return when, DatePrecision.DAY
    hour, minute, second = clock.groups()
    when = when.replace(hour=int(hour), minute=int(minute), second=int(second or 0))
    return when, _precision_of(when, True, second is not None)


# --- evidence from markup --------------------------------------------------------------------


def _collect(tree: Any) -> list[DateEvidence]:
    evidence: list[DateEvidence] = []
    evidence.extend(_json_ld(tree))
    evidence.extend(_meta(tree))
    evidence.extend(_time_elements(tree))
    return evidence


def _json_ld(tree: Any) -> list[DateEvidence]:
    out: list[DateEvidence] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        text = script.text or ""
        if "date" not in text and "Date" not in text:
            continue
        data = _loads_lenient(text)
        if data is None:
            continue
        for depth, obj in _walk(data, 0):
            type_rank = _type_rank(obj.get("@type"))
            if type_rank is None:
                continue
            name = _type_name(obj.get("@type"))
            # a nested object (a liveblog update, a related article) ranks after top-level ones
            base = _RANK_JSON_LD + depth * 40 + type_rank
            for key, kind, extra in (
                ("datePublished", "published", 0),
                ("dateCreated", "published", 20),
                ("uploadDate", "published", 10),
                ("dateModified", "modified", 0),
            ):
                value = obj.get(key)
                if isinstance(value, list) and value:
                    value = value[0]
                if not isinstance(value, (str, int)):
                    continue
                parsed = parse_date_text(str(value))
                if parsed is not None:
                    out.append(
                        DateEvidence(
                            parsed[0], parsed[1], f"json-ld:{name}.{key}", kind, base + extra
                        )
                    )
    return out


def _loads_lenient(text: str) -> Any:
    text = text.strip()
    text = text.removeprefix("<!--")
    text = text.removesuffix("-->")
    text = text.strip().removeprefix("//<![CDATA[").removesuffix("//]]>").strip()
    try:
        return json.loads(text, strict=False)
    except ValueError:
        pass
    # common breakage: several objects back to back, or a trailing semicolon
    try:
        return json.loads("[" + re.sub(r"}\s*{", "},{", text.rstrip(";")) + "]", strict=False)
    except ValueError:
        return None


def _walk(data: Any, depth: int) -> Any:
    if isinstance(data, list):
        for item in data:
            yield from _walk(item, depth)
    elif isinstance(data, dict):
        yield depth, data
        for key, value in data.items():
            if key == "@graph":
                yield from _walk(value, depth)
            elif isinstance(value, (dict, list)) and depth < 4:
                yield from _walk(value, depth + 1)


def _type_name(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value or "Thing").rsplit("/", 1)[-1]


def _type_rank(value: Any) -> int | None:
    names = value if isinstance(value, list) else [value]
    ranks = []
    for name in names:
        name = str(name or "").rsplit("/", 1)[-1].lower()
        if name in _ARTICLE_TYPES:
            ranks.append(_ARTICLE_TYPES.index(name))
    return min(ranks) if ranks else None


def _meta(tree: Any) -> list[DateEvidence]:
    out: list[DateEvidence] = []
    for elem in tree.iter("meta"):
        value = elem.get("content") or elem.get("datetime")
        if not value:
            continue
        name = (elem.get("property") or elem.get("name") or elem.get("itemprop") or "").strip()
        key = name.lower()
        if key in _META_PUBLISHED_RANK:
            kind, rank = "published", _RANK_META + _META_PUBLISHED_RANK[key]
        elif key in _META_MODIFIED:
            kind, rank = "modified", _RANK_META
        elif (elem.get("http-equiv") or "").lower() == "last-modified":
            kind, rank, key = "modified", _RANK_ELEMENT, "http-equiv:last-modified"
        else:
            continue
        parsed = parse_date_text(value)
        if parsed is not None:
            out.append(DateEvidence(parsed[0], parsed[1], f"meta:{key}", kind, rank))
    return out


def _time_elements(tree: Any) -> list[DateEvidence]:
    """<time>/<span> etc. explicitly marked as the publication (or modification) date."""
    out: list[DateEvidence] = []
    for elem in tree.xpath(
        ".//*[@itemprop='datePublished' or @itemprop='dateModified' or @pubdate][not(self::meta)]"
    ):
        value = elem.get("datetime") or elem.get("content") or elem.get("title")
        if not value:
            continue
        kind = "modified" if elem.get("itemprop") == "dateModified" else "published"
        parsed = parse_date_text(value)
        if parsed is not None:
            out.append(
                DateEvidence(parsed[0], parsed[1], f"markup:{elem.tag}", kind, _RANK_ELEMENT)
            )
    return out


# --- choosing --------------------------------------------------------------------------------


def _latest_allowed(evidence: list[DateEvidence]) -> date:
    """The page's newest date hint (a day of slack for time zones), never after tomorrow."""
    ceiling = datetime.now().date() + timedelta(days=1)
    hints = [e.day for e in evidence if EARLIEST.date() <= e.day <= ceiling]
    if not hints:
        return ceiling
    return min(ceiling, max(hints) + timedelta(days=1))


def _end_of_today() -> datetime:
    return datetime.combine(date.today(), datetime.max.time())


def _plausible(when: datetime, latest: date) -> bool:
    return EARLIEST.date() <= when.date() <= latest


def _htmldate(tree: Any, url: str | None, latest: date) -> tuple[datetime, DatePrecision] | None:
    from htmldate import find_date

    try:
        found = find_date(
            tree,
            url=url,
            original_date=True,
            extensive_search=True,
            outputformat="%Y-%m-%dT%H:%M:%S%z",
            min_date=EARLIEST,
            max_date=datetime.combine(latest, datetime.max.time()),
        )
    except (ValueError, TypeError) as error:  # pragma: no cover - htmldate edge cases
        LOGGER.debug("htmldate failed: %s", error)
        return None
    if not found:
        return None
    when = datetime.fromisoformat(found)
    has_time = (when.hour, when.minute, when.second) != (0, 0, 0)
    return when, _precision_of(when, has_time, has_time and when.second != 0)


def _from_markup(
    published: list[DateEvidence], html: str, tree: Any, url: str | None
) -> PublishedDate:
    """The best-ranked markup date, as precise as any same-day markup states it."""
    best = min(published, key=lambda e: e.rank)
    same_day = [e for e in published if e.day == best.day]
    finest = min(same_day, key=lambda e: (_PRECISION_ORDER[e.precision], e.rank))
    when, precision = finest.when, finest.precision
    if when.utcoffset() == timedelta(0) and precision is not DatePrecision.DAY:
        local = _localize(when, html, tree, url)
        if local is not None:
            return local
    return _to_published(when, precision, DateOrigin.HTML_METADATA)


_PRECISION_ORDER = {p: i for i, p in enumerate(DatePrecision)}

# UTC offsets in use by news outlets: Alaska (-9 h) to New Zealand summer time (+13 h).
_WESTMOST, _EASTMOST = timedelta(hours=-9), timedelta(hours=13)
_OFFSET_RE = re.compile(
    r"(?:\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?|\b\d\d:\d\d:\d\d )"
    r"([+-])(0\d|1[0-4]):?([0-5]\d)(?!\d)"
)


def _localize(when: datetime, html: str, tree: Any, url: str | None) -> PublishedDate | None:
    """A UTC time stamp, shown on the outlet's own calendar when the page tells it.

    Many sites stamp their markup in UTC while their readers (and the URL, and the byline)
    see the local day. Two kinds of evidence are used, in this order: the one non-UTC offset
    the page's other time stamps are written in; or a URL or byline day one day off the UTC
    day that some real-world offset explains.
    """
    offset = _page_offset(html)
    if offset is not None:
        local = when.astimezone(timezone(offset))
        return _to_published(
            local, _precision_of(local, True, local.second != 0), DateOrigin.HTML_METADATA
        )
    utc_day = when.date()
    earliest_local = (when + _WESTMOST).date()
    latest_local = (when + _EASTMOST).date()
    candidates = (_url_day(u) for u in _page_urls(tree, url))
    for candidate in itertools.chain(candidates, (_headline_day(tree),)):
        if candidate is None or candidate == utc_day:
            continue
        if earliest_local <= candidate <= latest_local:
            return PublishedDate(candidate.isoformat(), DatePrecision.DAY, DateOrigin.HTML_METADATA)
    return None


def _page_offset(html: str) -> timedelta | None:
    """The single non-UTC offset that the page's time stamps use (at least twice), if any."""
    counts: dict[timedelta, int] = {}
    for sign, hours, minutes in _OFFSET_RE.findall(html):
        delta = timedelta(hours=int(hours), minutes=int(minutes))
        delta = -delta if sign == "-" else delta
        counts[delta] = counts.get(delta, 0) + 1
    counts.pop(timedelta(0), None)
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    offset, count = ranked[0]
    if count < 2 or (len(ranked) > 1 and ranked[1][1] * 2 > count):
        return None
    if not timedelta(hours=-12) <= offset <= timedelta(hours=14):
        return None
    return offset


def _headline_day(tree: Any) -> date | None:
    """A date written just below the page's headline (the byline zone), if any."""
    from htmldate.extractors import try_date_expr

    for text in _headline_texts(tree):
        if len(text) <= 100:
            found = try_date_expr(text, "%Y-%m-%d", True, EARLIEST, _end_of_today())
            if found:
                return date.fromisoformat(found)
    return None


# "Опубліковано 12 вересня 2022", "publié le 3 mars 2021", "Posted Sept. 3, 2021": a day, a
# month word in any language and a year, possibly inside a longer phrase.
_WORDY_DATE = re.compile(
    r"(?<!\d)(?:[0-3]?\d\.?\s+(?:de\s+)?[^\W\d_]{3,}\.?,?\s+(?:de\s+)?(?:19|20)\d\d"
    r"|[^\W\d_]{3,}\.?\s+[0-3]?\d(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d)(?!\d)"
)


def _byline_day(tree: Any, latest: date) -> date | None:
    """A day written with a month word (any language dateparser knows) under the headline.

    The fallback for bylines htmldate reads no day from, e.g. a date inside a phrase.
    """
    from htmldate.extractors import try_date_expr

    ceiling = datetime.combine(latest, datetime.max.time())
    for text in _headline_texts(tree):
        for match in _WORDY_DATE.finditer(text):
            found = try_date_expr(match.group(0), "%Y-%m-%d", True, EARLIEST, ceiling)
            if found:
                return date.fromisoformat(found)
    return None


def _headline_texts(tree: Any, segments: int = 25) -> list[str]:
    """The short text segments that follow the page's headline (the byline zone)."""
    for h1 in tree.iter("h1"):
        if len(" ".join(h1.text_content().split())) < 10:
            continue
        texts = h1.xpath(
            "following::text()[normalize-space()][not(ancestor::script)]"
            f"[not(ancestor::style)][position() <= {segments}]"
        )
        return [" ".join(str(t).split()) for t in texts if len(str(t)) <= 200]
    return []


def _mentions_day(html: str, day: date) -> bool:
    """Whether the page writes out this very day (not just its month or year)."""
    from htmldate.extractors import LONG_TEXT_PATTERN, regex_parse

    y, m, d = day.year, day.month, day.day
    numeric = re.compile(
        rf"(?<!\d)(?:{y}[-/.]0?{m}[-/.]0?{d}|0?{d}[-/.]0?{m}[-/.](?:{y}|{y % 100:02d})"
        rf"|0?{m}/0?{d}/{y}|{y}{m:02d}{d:02d})(?!\d)"
    )
    if numeric.search(html):
        return True
    for match in LONG_TEXT_PATTERN.finditer(html):
        if str(y) in match.group(0):
            parsed = regex_parse(match.group(0))
            if parsed is not None and parsed.date() == day:
                return True
    return False


def _origin_of(day: date, tree: Any, url: str | None, evidence: list[DateEvidence]) -> DateOrigin:
    if any(e.day == day for e in evidence):
        return DateOrigin.HTML_METADATA
    for candidate in _page_urls(tree, url):
        if _url_day(candidate) == day:
            return DateOrigin.URL
    return DateOrigin.HTML_TEXT


def _page_urls(tree: Any, url: str | None) -> list[str]:
    urls = [url] if url else []
    for xpath in ('.//link[@rel="canonical"]/@href', './/meta[@property="og:url"]/@content'):
        urls.extend(str(u) for u in tree.xpath(xpath))
    return urls


def _url_day(url: str) -> date | None:
    """A day written in a URL: 2022/09/12, 2022-09-12 (htmldate's rule) or a 20220912 run."""
    from htmldate.extractors import COMPLETE_URL

    path = url.split("?", 1)[0]
    for match in (COMPLETE_URL.search(path), _YMD_COMPACT_URL.search(path)):
        if match:
            try:
                day = date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                continue
            if EARLIEST.date() <= day <= datetime.now().date():
                return day
    return None


def _to_published(when: datetime, precision: DatePrecision, origin: DateOrigin) -> PublishedDate:
    if precision is DatePrecision.SECOND:
        value = when.isoformat(timespec="seconds")
    elif precision is DatePrecision.MINUTE:
        value = when.isoformat(timespec="minutes")
    elif precision is DatePrecision.DAY:
        value = when.date().isoformat()
    elif precision is DatePrecision.MONTH:
        value = when.strftime("%Y-%m")
    else:
        value = when.strftime("%Y")
    return PublishedDate(value, precision, origin)
