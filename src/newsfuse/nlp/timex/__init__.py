"""Temporal expressions: find them in English news text and normalize them to TIMEX3 values.

>>> from datetime import date
>>> [(t.text, t.value) for t in find_time_expressions("Troops left on Saturday.", date(2022, 9, 14))]
[('Saturday', '2022-09-10')]

Written by hand because no maintained Python library does this offline: dateparser reads a date
string it is given but does not find expressions in running text with TimeML extents, nor
produce durations, sets or TIMEX3 values; HeidelTime and SUTime need a Java runtime and
external taggers. The rules follow HeidelTime's news strategy (anchor to the publication date,
tense decides the direction of a bare weekday or month). Covered: absolute dates in the usual
English layouts, ISO and US numeric dates, months, years, decades, centuries, quarters and
halves, seasons, yesterday/today/tomorrow/tonight, weekdays with last/this/next and parts of
the day, "last/this/next week|month|year|weekend", "N units ago/earlier/later", "year-earlier",
durations with exact and vague counts ("two weeks", "several years", "the past five months"),
clock times, holidays (fixed and movable), sets ("daily", "every two weeks"), present/past/future
references, and, unresolved with the reason, expressions counted from an undated event ("the
second day of the invasion").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date

from newsfuse.model import TimeExpression, TimexType
from newsfuse.nlp.timex._calendar import precision_of
from newsfuse.nlp.timex._grammar import ANCHOR, ANCHOR_KIND, ANCHOR_REACH, RULES
from newsfuse.nlp.timex._lexicon import ABBREVIATIONS, FUTURE_MARKERS
from newsfuse.nlp.timex._normalize import Context, normalize

__all__ = ["find_time_expressions", "sentence_bounds", "speaks_of_future"]

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”')]*\s+(?=[\"“(]?[A-Z])|\n\s*\n|\n(?=[A-Z])")
# A full stop after these does not end a sentence ("Jan. 14", "Mr. Smith", "Calif. officials",
# "J. Smith", "U.S. troops", "5 p.m. Friday").
_ABBREVIATION = re.compile(
    r"(?:\b(?:" + "|".join(ABBREVIATIONS) + r")|\b[A-Z]|\b[A-Z](?:\.[A-Z])+|\b[a-z])\.$"
)
_FUTURE = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(m) for m in FUTURE_MARKERS) + r")(?!\w)", re.IGNORECASE
)


def find_time_expressions(text: str, anchor: date | None) -> list[TimeExpression]:
    """Every time expression in ``text``, in order, normalized against ``anchor`` (the
    publication date; None leaves relative expressions unresolved with that reason)."""
    found = _candidates(text)
    sentences = _sentence_starts(text)
    ctx = Context(anchor)
    out: list[TimeExpression] = []
    last_start = -1
    for start, end, rule, match in found:
        sentence_start, sentence = _sentence_of(text, sentences, start)
        ctx.last_in_sentence = last_start >= sentence_start
        ctx.future = speaks_of_future(text, sentence_start, sentence, start, end)
        ctx.before = text[max(0, start - 20) : start]
        normalized = normalize(rule, match, ctx)
        if normalized is None:
            continue
        value = normalized.value
        precision = precision_of(value) if value and normalized.type in _DATED else None
        out.append(
            TimeExpression(
                start=start,
                end=end,
                text=text[start:end],
                type=normalized.type,
                value=value,
                precision=precision,
                mod=normalized.mod,
                unresolved=normalized.unresolved,
            )
        )
        if precision is not None and value is not None and normalized.is_reference:
            ctx.last = value
            last_start = start
    return out


_DATED = (TimexType.DATE, TimexType.TIME)
# Past-tense verbs next to an expression: "said on Saturday", "was halted on Monday".
_PAST = re.compile(
    r"(?<!\w)(?:said|says|was|were|had|did|told|came|went|began|left|took|made|fell|rose|"
    r"[a-z]{3,}ed)(?!\w)",
    re.IGNORECASE,
)


def speaks_of_future(text: str, sentence_start: int, sentence: str, start: int, end: int) -> bool:
    """Whether the clause around an expression looks forward. The words just before it decide
    first ("told reporters late on Saturday that the team would…" is past), then the words
    just after it, and the whole sentence only when neither says anything."""
    sentence_end = sentence_start + len(sentence)
    for near in (
        text[max(sentence_start, start - 40) : start],
        text[end : min(sentence_end, end + 25)],
    ):
        if _FUTURE.search(near):
            return True
        if _PAST.search(near):
            return False
    return bool(_FUTURE.search(sentence))


def _candidates(text: str) -> list[tuple[int, int, str, re.Match[str]]]:
    """Matches of every rule, the longest first where they overlap, in text order."""
    anchors = anchors_in(text)
    windows_of: dict[frozenset[str], list[tuple[int, int]]] = {}
    matches = []
    for rule in RULES:
        windows = windows_of.get(rule.anchors)
        if windows is None:
            near = [(start, end) for start, end, kind in anchors if kind in rule.anchors]
            windows = windows_of[rule.anchors] = _windows(text, near)
        matches.extend(
            (m.start(), m.end(), rule.name, m)
            for window_start, window_end in windows
            for m in rule.pattern.finditer(text, window_start, window_end)
            if m.end() > m.start()
        )
    matches.sort(key=lambda item: (-(item[1] - item[0]), item[0]))
    taken: list[tuple[int, int]] = []  # kept spans, sorted by start
    kept = []
    for start, end, name, match in matches:
        i = bisect_right(taken, (start, start))
        if (i > 0 and taken[i - 1][1] > start) or (i < len(taken) and taken[i][0] < end):
            continue
        taken.insert(i, (start, end))
        kept.append((start, end, name, match))
    kept.sort(key=lambda item: item[0])
    return kept


def anchors_in(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every anchor in ``text``, in text order."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter that lower-cases to two ("İ") would shift offsets
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return [
        (m.start(), m.end(), m.lastgroup or ANCHOR_KIND[m.group()])
        for m in ANCHOR.finditer(lowered)
    ]


def _windows(text: str, anchors: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Stretches of text around ``anchors`` (in text order), widened to whitespace so that a
    window never starts or ends inside a word (the rules' boundaries then behave as on the whole
    text)."""
    windows: list[tuple[int, int]] = []
    for anchor_start, anchor_end in anchors:
        start = max(0, anchor_start - ANCHOR_REACH)
        end = min(len(text), anchor_end + ANCHOR_REACH)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    out = []
    for start, end in windows:
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while end < len(text) and not text[end].isspace():
            end += 1
        out.append((start, end))
    return out


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, as the tagger splits them (full stops after
    abbreviations such as "Jan." or "Mr." do not end one; a line break does). The end excludes
    trailing whitespace."""
    starts = _sentence_starts(text)
    ends = [*starts[1:], len(text)]
    spans = []
    for start, end in zip(starts, ends, strict=True):
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def _sentence_starts(text: str) -> list[int]:
    starts = [0]
    for m in _SENTENCE_END.finditer(text):
        # A line break always ends a sentence; a full stop only after a word that is not an
        # abbreviation, or after a clock time's "a.m."/"p.m." when a sentence plainly opens next
        # ("shortly after 6 p.m. The owner ...", but "5 p.m. Friday").
        before = text[max(0, m.start() - 12) : m.start()]
        if (
            "\n" in m.group()
            or not _ABBREVIATION.search(before)
            or (_CLOCK_END.search(before) and _OPENER.match(text, m.end()))
        ):
            starts.append(m.end())
    return starts


_CLOCK_END = re.compile(r"\b[ap]\.m\.?$")
_OPENER = re.compile(
    r"(?:The|A|An|He|She|It|They|We|I|His|Her|Its|Their|This|That|These|Those|But|However)\b"
)


def _sentence_of(text: str, starts: list[int], position: int) -> tuple[int, str]:
    i = bisect_right(starts, position) - 1
    end = starts[i + 1] if i + 1 < len(starts) else len(text)
    return starts[i], text[starts[i] : end]
