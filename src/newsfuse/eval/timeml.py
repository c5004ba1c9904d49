"""TimeML documents and TempEval-3 style scoring of temporal expressions (TIMEX3).

Reading: a ``.tml`` file's creation time (the ``TIMEX3`` inside ``DCT`` with
``functionInDocument="CREATION_TIME"``) and the text of its ``TEXT`` element, with every
``TIMEX3`` inside it as a character span of that text plus its ``type`` and ``value``. Other
inline tags (``EVENT``, ``SIGNAL``) keep their text and drop their markup.

Scoring, as TempEval-3 defines it for TIMEX3 (UzZaman et al., 2013), over character spans:

* strict extent: a system expression matches a gold one when both spans are identical;
* relaxed extent: when they overlap (each gold and each system expression used once);
* value F1 and type F1: among the relaxed matches, those whose ``value`` (``type``) agrees,
  counted against all system expressions for precision and all gold ones for recall — so an
  expression found but normalized wrongly costs value F1 as much as one missed.

TempEval-3's own scorer matches tokens; spans of characters give the same matches when both sides
cover whole tokens, which gold TimeML and a tokenizing tagger both do.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsfuse.errors import DatasetError

__all__ = ["TimemlDocument", "Timex", "read_cat", "read_timeml", "score_timexes"]


@dataclass(frozen=True, slots=True)
class Timex:
    start: int
    end: int  # exclusive
    type: str  # DATE, TIME, DURATION, SET
    value: str  # TIMEX3 value: "1998-10", "PXY", "1998-W47", "PRESENT_REF", …
    text: str = ""


@dataclass(slots=True)
class TimemlDocument:
    name: str
    text: str
    creation_time: str | None
    timexes: list[Timex] = field(default_factory=list)


def read_timeml(path: str | Path) -> TimemlDocument:
    """One TimeML file; a file that is not TimeML is refused with its name and the reason."""
    path = Path(path)
    root = _parse(path, "TimeML")
    body = root.find("TEXT")
    if body is None:
        raise DatasetError(str(path), "no <TEXT> element: not a TimeML document")
    creation = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            creation = timex.get("value")
            break
    parts: list[str] = []
    spans: list[tuple[int, int, ET.Element]] = []
    _walk(body, parts, spans, 0)
    text = "".join(parts)
    timexes = []
    for start, end, element in spans:
        value, kind = element.get("value"), element.get("type")
        if value is None or kind is None:
            raise DatasetError(str(path), f"TIMEX3 {element.get('tid')} lacks type or value")
        timexes.append(Timex(start, end, kind, value, text[start:end]))
    return TimemlDocument(path.stem, text, creation, timexes)


# No space goes before these tokens when a tokenized text is written out again.
_ATTACHED = {",", ".", ";", ":", "!", "?", ")", "]", "}", "'s", "’s", "n't", "'", "%", "''", "”"}
_OPENING = {"(", "[", "{", "$", "``", "“"}


# MEANTIME annotates time expressions in the title and the first five sentences of each article
# only (sentence 0 is the title, 1 the dateline): later sentences have no gold TIMEX3 to score.
MEANTIME_SENTENCES = 6


def read_cat(path: str | Path, *, sentences: int | None = MEANTIME_SENTENCES) -> TimemlDocument:
    """One document in the CAT XML layout of MEANTIME (``<Document>`` of ``<token>`` elements,
    ``<Markables>`` whose ``<TIMEX3>`` point at tokens). The text is the tokens written out
    again (no space before punctuation, a line break between sentences), up to ``sentences``
    sentences (None: all). The creation time is the ``TIMEX3`` with
    ``functionInDocument="CREATION_TIME"``; the dateline (sentence 1) is document metadata, as
    TimeML's ``DCT`` is, and is left out of the text."""
    path = Path(path)
    root = _parse(path, "CAT XML")
    tokens = root.findall("token")
    if root.tag != "Document" or not tokens:
        raise DatasetError(str(path), "no <Document> of <token> elements: not a CAT file")
    creation = None
    timexes = []
    for timex in root.iter("TIMEX3"):
        anchors = [a.get("t_id") for a in timex.findall("token_anchor")]
        if timex.get("functionInDocument") == "CREATION_TIME":
            creation = timex.get("value")
        elif anchors:
            timexes.append((anchors, timex))
    # MEANTIME's sentence 1 is the dateline ("February 03, 2009"). A few files lack the creation
    # time or write it day-first ("03-02-2009"): the dateline then gives it.
    dateline = {"1"}
    if not _is_iso_day(creation):
        creation = _day_of(" ".join(t.text or "" for t in tokens if t.get("sentence") == "1"))
    parts: list[str] = []
    spans: dict[str | None, tuple[int, int]] = {}
    offset = 0
    previous_sentence = None
    for token in tokens:
        sentence = token.get("sentence")
        if sentence in dateline or (sentences is not None and int(sentence or 0) >= sentences):
            continue
        word = token.text or ""
        if parts:
            joined = word in _ATTACHED or parts[-1] in _OPENING
            gap = "\n" if sentence != previous_sentence else ("" if joined else " ")
            parts.append(gap)
            offset += len(gap)
        spans[token.get("t_id")] = (offset, offset + len(word))
        parts.append(word)
        offset += len(word)
        previous_sentence = sentence
    text = "".join(parts)
    gold = []
    for anchors, element in timexes:
        located = [spans[a] for a in anchors if a in spans]
        value, kind = element.get("value"), element.get("type")
        if not located or value is None or kind is None:
            continue
        start, end = min(s for s, _ in located), max(e for _, e in located)
        gold.append(Timex(start, end, kind, value, text[start:end]))
    gold.sort(key=lambda t: t.start)
    return TimemlDocument(path.stem, text, creation, gold)


def _parse(path: Path, kind: str) -> ET.Element:
    try:
        return ET.parse(path).getroot()
    except (ET.ParseError, OSError) as err:
        raise DatasetError(str(path), f"not a readable {kind} file ({err})") from err


def _is_iso_day(value: str | None) -> bool:
    return bool(value and re.match(r"\d{4}-\d\d-\d\d", value))


def _day_of(dateline: str) -> str | None:
    from dateutil import parser

    try:
        return parser.parse(dateline.replace(" ,", ","), fuzzy=True).date().isoformat()
    except (ValueError, OverflowError):
        return None


def _walk(
    element: ET.Element, parts: list[str], spans: list[tuple[int, int, ET.Element]], offset: int
) -> int:
    """Append the element's text (markup dropped) to ``parts`` from ``offset`` on, note where
    each TIMEX3 starts and ends, and return the offset after the element."""
    head = element.text or ""
    parts.append(head)
    offset += len(head)
    for child in element:
        start = offset
        offset = _walk(child, parts, spans, offset)
        if child.tag == "TIMEX3":
            spans.append((start, offset, child))
        tail = child.tail or ""
        parts.append(tail)
        offset += len(tail)
    return offset


def score_timexes(
    gold: Sequence[Sequence[Timex]], predicted: Sequence[Sequence[Timex]]
) -> dict[str, float]:
    """Strict and relaxed extent P/R/F1, value F1 and type F1 over documents (same order)."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold documents but {len(predicted)} predicted")
    n_gold = sum(map(len, gold))
    n_system = sum(map(len, predicted))
    strict = relaxed = value = kind = 0
    for gold_doc, system_doc in zip(gold, predicted, strict=True):
        for g, s in _relaxed_matches(gold_doc, system_doc):
            relaxed += 1
            strict += (g.start, g.end) == (s.start, s.end)
            value += g.value == s.value
            kind += g.type == s.type
    out: dict[str, float] = {"gold": n_gold, "system": n_system}
    for name, hits in (("strict", strict), ("relaxed", relaxed), ("value", value), ("type", kind)):
        precision = hits / n_system if n_system else 0.0
        recall = hits / n_gold if n_gold else 0.0
        total = precision + recall
        out[f"{name}_precision"] = precision
        out[f"{name}_recall"] = recall
        out[f"{name}_f1"] = 2 * precision * recall / total if total else 0.0
    return out


def _relaxed_matches(gold: Sequence[Timex], system: Sequence[Timex]) -> list[tuple[Timex, Timex]]:
    """Each gold expression with at most one overlapping system expression: identical spans
    first, then the largest overlaps, each side used once."""
    candidates = []
    for i, g in enumerate(gold):
        for j, s in enumerate(system):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0:
                exact = (g.start, g.end) == (s.start, s.end)
                candidates.append((not exact, -overlap, i, j))
    used_gold: set[int] = set()
    used_system: set[int] = set()
    matches = []
    for _, _, i, j in sorted(candidates):
        if i in used_gold or j in used_system:
            continue
        used_gold.add(i)
        used_system.add(j)
        matches.append((gold[i], system[j]))
    return matches
