"""Every record type newsfuse produces or passes between stages, in one place.

Records are plain slotted dataclasses: cheap to create by the hundred thousand, picklable for the
process-pool engine, and turned into JSON by :func:`to_json`. Field names are the ``report.json``
contract (see ``schema/report.schema.json``); add fields freely, never rename or remove one without
bumping :data:`SCHEMA_VERSION`.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

SCHEMA_VERSION = "1.0"


class DatePrecision(StrEnum):
    """How much of a date is known. Ordered from finest to coarsest."""

    SECOND = "second"
    MINUTE = "minute"
    PART_OF_DAY = "part-of-day"  # "Friday night": TIMEX3 ...TNI
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    SEASON = "season"
    HALF_YEAR = "half-year"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"


class DateOrigin(StrEnum):
    """Where a publication date came from, so users can judge how far to trust it."""

    HEADER = "header"  # a "date: ..." metadata line at the top of a text file
    RECORD = "record"  # a field of a JSONL/CSV record
    FEED = "feed"  # an RSS/Atom entry date
    HTML_METADATA = "html-metadata"  # <meta>, JSON-LD, <time> markup (via htmldate/trafilatura)
    HTML_TEXT = "html-text"  # a date found in the visible page text
    TEXT = "text"  # a date line near the top of a plain-text article (a dateline)
    URL = "url"  # a date in the article's URL
    PATH = "path"  # an ISO date naming the file or a folder it sits in (archives kept by day)
    WARC = "warc"  # the crawl date of a WARC record: an upper bound, not the publication date


@dataclass(slots=True, frozen=True)
class PublishedDate:
    """A publication date as ISO 8601 text, trimmed to what is known."""

    value: str  # "2022-09-10", "2022-09-10T08:00:00+00:00", "2022-09"
    precision: DatePrecision
    origin: DateOrigin

    @property
    def day(self) -> str | None:
        """The calendar day (YYYY-MM-DD) if known, else None."""
        return self.value[:10] if len(self.value) >= 10 else None


@dataclass(slots=True)
class RawDocument:
    """One readable input unit before cleaning: a text file, an HTML page, a record, a feed entry.

    ``key`` names the unit stably and readably: the file path, plus ``#N`` for the N-th (0-based)
    record, entry or response inside a multi-record file.
    """

    key: str
    source_path: str
    format: str  # "text", "html", "jsonl", "csv", "rss", "warc"
    text: str  # body text (for HTML: already extracted by the reader)
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: PublishedDate | None = None
    # Lines the reader itself dropped (e.g. header lines, extractor output cleaned later) are not
    # kept here; the cleaner records every line it drops in Article.removed.
    html: str | None = None  # the raw page, kept only while needed by later readers/cleaners


class TimexType(StrEnum):
    """The four TIMEX3 types."""

    DATE = "DATE"  # a calendar point: "Friday", "last year", "the third quarter"
    TIME = "TIME"  # a time of day: "5 p.m.", "this morning"
    DURATION = "DURATION"  # a length: "two weeks", "the past five years"
    SET = "SET"  # a recurrence: "daily", "every year"


@dataclass(slots=True, frozen=True)
class TimeExpression:
    """A time expression in an article's text, normalized against its publication date.

    ``value`` is a TIMEX3 value ("2022-09-10", "2022-W36", "P5M", "PAST_REF", "1990-Q3"); it is
    None when the expression cannot be anchored, and ``unresolved`` then says why ("counted
    from the invasion, whose date the text does not give"; "no publication date").
    ``precision`` is the calendar unit the value is exact to, None for durations, sets and
    vague references. ``mod`` is the TIMEX3 modifier (START for "early 1990", APPROX for
    "about two years", ...).
    """

    start: int
    end: int  # exclusive
    text: str
    type: TimexType
    value: str | None
    precision: DatePrecision | None = None
    mod: str | None = None
    unresolved: str | None = None


@dataclass(slots=True, frozen=True)
class SentenceTime:
    """When a sentence says its event happened (event time), beside when the article reported it
    (report time, its publication date). ``event_time`` is the TIMEX3 value of the first dated
    expression in the sentence; None with ``unresolved`` saying why when the sentence names a
    time that cannot be anchored."""

    start: int
    end: int  # exclusive
    event_time: str | None
    precision: DatePrecision | None
    expression: str  # the words that give the event time
    report_time: str | None
    unresolved: str | None = None


@dataclass(slots=True, frozen=True)
class RemovedLine:
    """A line the cleaner dropped, and the rule that dropped it."""

    line: int  # 0-based line number in the text before cleaning
    text: str
    rule: str


@dataclass(slots=True)
class Article:
    id: str
    key: str
    source_path: str
    format: str
    outlet: str | None
    url: str | None
    title: str | None
    published: PublishedDate | None
    language: str | None
    text: str
    removed: list[RemovedLine] = field(default_factory=list)
    author: str | None = None
    times: list[TimeExpression] = field(default_factory=list)  # filled by the times stage
    sentence_times: list[SentenceTime] = field(default_factory=list)


@dataclass(slots=True, frozen=True)
class Rejected:
    """An input that could not be read, with the stage and a reason a user can act on."""

    path: str
    stage: str
    reason: str


@dataclass(slots=True, frozen=True)
class Mention:
    """One occurrence of an entity in an article's clean text (character offsets)."""

    article_id: str
    start: int
    end: int
    text: str


class PlaceRole(StrEnum):
    """What a place is to the sentence that names it."""

    EVENT = "event"  # where something happened: "shelling in Kharkiv", "troops entered Izium"
    MENTIONED = "mentioned"  # named only: "Russia said", "a Moscow-based analyst", a dateline


@dataclass(slots=True, frozen=True)
class PlaceMention(Mention):
    role: PlaceRole = PlaceRole.MENTIONED


@dataclass(slots=True)
class Entity:
    id: str
    name: str  # canonical name: the most frequent (or gazetteer-preferred) spelling
    label: str  # PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, ...
    aliases: list[str]
    mentions: list[Mention]
    place_id: str | None = None  # set when the entity resolved to a gazetteer place
    corrected_from: str | None = None  # the model's label when the gazetteer overrode it

    @property
    def article_ids(self) -> list[str]:
        return sorted({m.article_id for m in self.mentions})


@dataclass(slots=True)
class Place:
    id: str
    name: str  # as written most often
    geonames_id: int | None
    lat: float | None
    lon: float | None
    country_code: str | None
    admin1: str | None
    feature: str | None  # "city", "country", "admin1"
    population: int | None
    entity_id: str | None
    mentions: list[Mention] = field(default_factory=list)  # PlaceMention once roles are set
    # "event" when at least one mention places an event there, else "mentioned".
    role: PlaceRole = PlaceRole.MENTIONED


@dataclass(slots=True, frozen=True)
class SentenceLink:
    """A sentence of one article reused in another: character spans in each clean text."""

    source_span: tuple[int, int]  # in the earlier article (the one reused)
    target_span: tuple[int, int]  # in the later article (the one reusing)
    kind: str  # "verbatim", "edited", "paraphrase" (incl. spun synonyms/reordering), "garbled"
    score: float  # similarity in [0, 1] that decided the link


@dataclass(slots=True)
class ArticleRelation:
    """How much of ``target`` derives from ``source``, with the aligned sentences as evidence."""

    source: str  # article id
    target: str  # article id
    relation: str  # "duplicate", "rewrite" (most content derived), "partial", "independent"
    score: float  # share of the target's sentences that derive from the source, in [0, 1]
    links: list[SentenceLink] = field(default_factory=list)


@dataclass(slots=True, frozen=True)
class Attribution:
    """An explicit credit line in an article: 'Reuters reported', 'according to TASS'."""

    article_id: str
    agency: str  # as written ("Reuters", "the Continental Press Agency")
    span: tuple[int, int]  # in the clean text (or in a removed line when line is set)
    cue: str  # "reported", "according to", "per", "citing", "told", "contributed", ...


@dataclass(slots=True)
class SourceGroup:
    """Articles that are one independent source: an origin and the copies/rewrites of it."""

    id: str
    article_ids: list[str]
    origin: str  # article id of the probable origin
    method: str  # how the group was formed, e.g. "exact-text" or "singleton"
    evidence: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class TimeSpan:
    start: str | None
    end: str | None


@dataclass(slots=True)
class Citation:
    """One article that states a brief sentence or a timeline entry, and where it says it."""

    article_id: str
    span: tuple[int, int]  # of the stating sentence in the article's clean text
    source_group: str  # id of the article's SourceGroup (its independent source)


@dataclass(slots=True)
class BriefSide:
    """One side of a contradicted or disputed statement, with who says it."""

    text: str  # the side's sentence as its first citation words it
    asserted_by: list[str]  # speakers and credited outlets; the outlets when nobody is named
    claim_id: str
    citations: list[Citation] = field(default_factory=list)


@dataclass(slots=True)
class BriefSentence:
    """A sentence of a story's brief: a statement the story's articles make, every article that
    makes it, and how many independent sources (source groups) those articles are.

    ``status`` is "agreed" (two or more independent sources), "single" (one), "contradicted" or
    "disputed". A contradicted or disputed statement is never given as fact: ``sentence`` then
    attributes each side, and ``sides`` holds them."""

    sentence: str
    citations: list[str]  # article ids, every article that states it
    independent_sources: int
    status: str = "single"
    sources: list[Citation] = field(default_factory=list)  # in source-group order
    claim_ids: list[str] = field(default_factory=list)
    sides: list[BriefSide] = field(default_factory=list)


@dataclass(slots=True)
class TimelineEntry:
    """What happened on a date, as the story's articles date it (event time, not report time).

    ``background`` marks what happened before the story began ("seized five months ago"),
    placed at its own date. A sentence carrying a contradicted or disputed claim is not
    chosen while another sentence names the date."""

    date: str  # ISO: "2022-09-10", "2022-09", "2022"
    precision: DatePrecision
    text: str
    citations: list[str]  # article ids
    background: bool = False
    independent_sources: int = 1
    sources: list[Citation] = field(default_factory=list)
    expression: str = ""  # the words that date it in the first citation ("on Saturday")
    # "stated", or "contradicted"/"disputed" when no sentence naming the date is free of a
    # contested claim: the entry's text then carries it (see claim_ids), flagged, not as fact.
    status: str = "stated"
    claim_ids: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Quote:
    """Something a speaker said, as one article reports it, and the chain it came through."""

    id: str
    article_id: str
    text: str  # the words attributed: the quoted words, or the reported clause
    span: tuple[int, int]  # of ``text`` in the article's clean text
    # "direct" (a whole quoted sentence), "partial" (quoted words inside prose) or "indirect"
    kind: str
    speaker: str | None  # resolved name ("Oleh Syniehubov"), None when nobody is named
    # the words in the sentence that name the speaker ("the governor", "he", "a senior official")
    speaker_text: str | None
    speaker_entity_id: str | None  # the entity the speaker resolved to, when it is one
    verb: str | None  # the speech verb's lemma ("say", "tell", "write")
    # How the words reached this article, nearest the speaker first: the channel ("statement on
    # Telegram", "interview") and then each outlet or party that relayed them ("CPA").
    via: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Event:
    """A sentence that reports an event, typed with the ACLED taxonomy and mapped to PLOVER."""

    id: str
    article_id: str
    sentence: str
    span: tuple[int, int]  # of the sentence in the clean text
    label: str  # sub-event code of the evaluation label set ("ART_MISS_ATTACK")
    event_type: str  # ACLED event type ("Explosions/Remote violence") or the type outside ACLED
    sub_event_type: str  # ACLED sub-event type ("Shelling/artillery/missile attack")
    plover: str  # PLOVER event type ("ASSAULT")
    score: float  # classifier confidence in [0, 1]
    actor1: str | None = None  # normalized actor ("Military Forces of Ukraine")
    actor2: str | None = None
    place_id: str | None = None
    place_role: PlaceRole | None = None
    date: str | None = None  # event time as the sentence gives it
    precision: DatePrecision | None = None
    report_date: str | None = None  # the article's publication day
    fatalities: int | None = None  # when the sentence states them


@dataclass(slots=True)
class Claim:
    """A factual statement some articles of a story make, with who backs and who contradicts it."""

    id: str
    story_id: str
    text: str  # the statement as its first article words it
    subject: str  # what the claim is about ("territory retaken", "Kupiansk population")
    predicate: str  # the verb or relation ("retake", "be")
    value: str | None  # as written ("more than 3,000 square kilometres")
    unit: str | None  # as written ("square kilometre"); "" for a count
    # {"low", "high", "unit"}: one unit per dimension (km, km², t, a count); an open end is None
    normalized: dict[str, Any] | None
    time: str | None  # event time the claim carries
    place_ids: list[str]
    polarity: bool  # False for a negated statement
    asserted_by: list[str]  # who says so (speakers, credited outlets), empty when the outlet itself
    citations: list[dict[str, Any]]  # [{"article_id", "span"}] every statement of it
    independent_sources: int  # source groups among the citations, never the article count
    verdict: str  # "agreed", "contradicted", "disputed" or "single" (one source only)
    contradicts: list[dict[str, str]] = field(default_factory=list)  # [{"claim_id", "why"}]
    disputes: list[dict[str, str]] = field(default_factory=list)  # [{"claim_id", "why"}]


@dataclass(slots=True)
class Story:
    id: str
    title: str
    article_ids: list[str]
    independent_sources: int
    time_span: TimeSpan
    key_entities: list[str] = field(default_factory=list)  # entity ids, most salient first
    places: list[str] = field(default_factory=list)  # place ids, most salient first
    brief: list[BriefSentence] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    event_ids: list[str] = field(default_factory=list)
    claim_ids: list[str] = field(default_factory=list)
    # Headlines whose figure is one side of a contradiction: [{"article_id", "claim_id",
    # "against", "why"}]
    headline_conflicts: list[dict[str, str]] = field(default_factory=list)


@dataclass(slots=True)
class Report:
    """What one ``analyze`` run produced. Serialized as ``report.json``."""

    generator: str
    created: str
    inputs: list[str]
    articles: list[Article]
    source_groups: list[SourceGroup]
    stories: list[Story]
    entities: list[Entity]
    places: list[Place]
    rejected: list[Rejected]
    # Filled by the quotes, events and claims stages; empty (never absent) when a stage is
    # switched off, so that consumers can rely on the keys.
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)
    schema_version: str = SCHEMA_VERSION

    def story_of(self, article_id: str) -> Story | None:
        for story in self.stories:
            if article_id in story.article_ids:
                return story
        return None

    def to_dict(self) -> dict[str, Any]:
        return to_json(self)


def stable_id(prefix: str, *parts: str) -> str:
    """A short id that depends only on its parts, so reruns over the same input agree."""
    digest = hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=6).hexdigest()
    return f"{prefix}-{digest}"


def to_json(value: Any) -> Any:
    """Convert records (recursively) into JSON-ready dicts, lists and scalars.

    Derived values that the contract exposes (such as ``Entity.article_ids``) are added here.
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if isinstance(value, Entity):
            out["article_ids"] = value.article_ids
        return out
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    return value
