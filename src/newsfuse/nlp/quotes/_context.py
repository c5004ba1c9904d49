"""The state of one article while its quotes are found (mentions, sentences, credit lines, the
statements found so far) and the small helpers every step uses on it."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from newsfuse.model import Article, Entity, Quote


@dataclass(slots=True, frozen=True)
class _Mention:
    start: int
    end: int
    entity: Entity


@dataclass(slots=True)
class _Speaker:
    text: str  # as written in the sentence
    name: str | None
    entity_id: str | None
    label: str | None  # PERSON/ORG/... when known: pronouns need it
    party: str | None = None  # "told X"
    relay: str | None = None  # "Citing the ministry, state media said": the media
    channel: str | None = None  # "the ministry's statement said": statement


@dataclass(slots=True)
class _QuoteSpan:
    open: int  # index of the opening mark
    close: int  # index of the closing mark (== paragraph end when unclosed)
    depth: int
    parent: int | None  # index in the list of the enclosing quote


@dataclass(slots=True)
class _Context:
    article: Article
    text: str
    mentions: list[_Mention]
    starts: list[int]
    sentences: list[tuple[int, int]]
    known_news: set[str]
    own_names: tuple[str, ...]
    credits: list[tuple[int, int, str]]  # (start, end, name) of credit lines in the text
    persons: list[tuple[int, int, str, str | None]]  # person names: start, end, name, entity id
    outlets: tuple[str, ...]  # the run's outlet names, which an acronym may stand for
    bodies: list[tuple[int, int, str]] | None = None  # _BODY matches, found when first needed
    # Who spoke where, in any order of discovery: (position, speaker, via, verb lemma, pass).
    events: list[tuple[int, _Speaker, list[str], str | None, str]] = field(default_factory=list)
    used_verbs: set[int] = field(default_factory=set)
    # Verbs that govern a partial quote: their other reported clauses are still indirect speech
    # ("said he understood the anger but that ... "no realistic choice"").
    partial_verbs: set[int] = field(default_factory=set)
    current_pass: str = "quotes"


def _sentence_of(ctx: _Context, position: int) -> tuple[int, int]:
    starts = [s for s, _ in ctx.sentences]
    i = max(0, bisect_right(starts, position) - 1)
    if not ctx.sentences:
        return 0, len(ctx.text)
    return ctx.sentences[i]


def _paragraph_start(text: str, position: int) -> int:
    return text.rfind("\n", 0, position) + 1


def _mentions_in(ctx: _Context, lo: int, hi: int) -> list[_Mention]:
    i = bisect_left(ctx.starts, lo)
    out = []
    while i < len(ctx.mentions) and ctx.mentions[i].start < hi:
        if ctx.mentions[i].end <= hi:
            out.append(ctx.mentions[i])
        i += 1
    return out


def _make_quote(
    ctx: _Context,
    span: tuple[int, int],
    kind: str,
    speaker: _Speaker | None,
    verb: str | None,
    via: list[str],
) -> Quote:
    return Quote(
        id="",
        article_id=ctx.article.id,
        text=ctx.text[span[0] : span[1]],
        span=span,
        kind=kind,
        speaker=speaker.name if speaker else None,
        speaker_text=speaker.text if speaker else None,
        speaker_entity_id=speaker.entity_id if speaker else None,
        verb=verb,
        via=_dedupe(via),
    )


def _dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item.lower() not in seen:
            seen.add(item.lower())
            out.append(item)
    return out


def _strip_the(name: str) -> str:
    name = name.strip(" .,;")
    return name[4:] if name.lower().startswith("the ") else name


def _head(phrase: str) -> str:
    words = phrase.lower().split()
    return words[-1] if words else ""


def _remember(
    ctx: _Context, speaker: _Speaker, via: list[str], position: int, lemma: str | None
) -> None:
    if speaker.name is not None or speaker.text:
        ctx.events.append((position, speaker, via, lemma, ctx.current_pass))


def _last_event(
    ctx: _Context, position: int, same_paragraph: bool = False, name: str | None = None
) -> tuple[int, _Speaker, list[str], str | None, str] | None:
    """The latest statement before ``position`` (by ``name``, in the same paragraph)."""
    floor = _paragraph_start(ctx.text, position) if same_paragraph else -1
    best = None
    for event in ctx.events:
        wanted = floor <= event[0] < position and (name is None or event[1].name == name)
        if wanted and (best is None or event[0] > best[0]):
            best = event
    return best
