"""The claims stage: the figures a story's articles state, aligned across articles, with the
independent sources behind each and the contradictions between them.

A **statement** is one figure in one sentence ("up to 50 kilometres", "about 27,000 people",
"more than 3,000 square kilometres") — headlines included — with what decides how it compares:

* its words around the figure, for alignment (sentence embeddings with the figure masked);
* the places its sentence names (resolved place ids), so that the population of Izium is never
  aligned with that of Kupiansk;
* who asserts it: the speakers of the quotes and reported speech over its sentence
  (:mod:`newsfuse.nlp.quotes`: "the General Staff said", "according to the ministry");
* its time *as of*: the day the sentence gives, else the report's date; and whether the figure
  is a running total ("since the start of September", "so far", "this month").

Two statements of one story — from different articles, or a headline and its own article's
body — measure the same thing when their figures are of one kind (same dimension; counts of the
same noun, or of people by any noun), their contexts are close (``ALIGNED`` cosine, or
``ALIGNED_WITH_ANCHOR`` when the same verb or multi-word name stands beside both) and they do
not name disjoint places. Only figures whose kind two articles state are embedded, and pairs are
found within a kind by one matrix product. Aligned statements whose figures meet
(:func:`newsfuse.fuse.compare.comparable`: units converted, hedges as the figure stated) are one
**claim**; aligned figures that cannot meet make the two claims contradict — unless both are
running totals as of different days (1,000 km² on the 8th and 3,000 on the 11th is progress, not
a contradiction), and as **disputed** when different parties assert the two sides.

A claim's ``independent_sources`` counts source groups (provenance), never articles: a wire story
and its three rewrites are one source.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import accumulate
from typing import Any

from newsfuse.fuse.compare import PERSON_NOUNS, as_stated, comparable, is_claim_quantity
from newsfuse.model import (
    Article,
    Claim,
    Place,
    Quote,
    SourceGroup,
    Story,
    TimeExpression,
    stable_id,
)
from newsfuse.nlp import quantities
from newsfuse.nlp.quantities import Quantity, find_quantities
from newsfuse.nlp.timex import sentence_bounds
from newsfuse.parallel import fork_map
from newsfuse.progress import Progress, Silent

# Cosine of the masked contexts above which two figures speak of the same thing.
ALIGNED = 0.55
# Enough when the same verb leads to both figures ("advanced up to 50 km", "advancing as much
# as 50 miles") or the same multi-word name stands beside both ("the 322-foot Space Launch
# System", "the 98-metre Space Launch System"): they say what is measured.
ALIGNED_WITH_ANCHOR = 0.30
CONTEXT_WORDS = 10  # on each side of the figure
SIMILARITY_CELLS = 1 << 24  # similarities computed at once: 64 MB of float32
# quantulum3 reads this many words around a number: room for "no fewer than" and "square miles"
WINDOW_WORDS_BEFORE = 4
WINDOW_WORDS_AFTER = 5
_RUNNING_TOTAL_NEAR = re.compile(
    r"\b(?:so far|to date|this (?:month|week|year)|in total|altogether|thus far|"
    r"cumulative|overall|in all|tall(?:y|ies|ied))\b",
    re.IGNORECASE,
)
_DAY = re.compile(r"^\d{4}-\d\d-\d\d")
_MAY_HOLD_FIGURE = re.compile(
    r"\d[\d,.]*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|dozens?|"
    r"scores|handful)\b",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Statement:
    article_id: str
    span: tuple[int, int]  # of the sentence (or headline) in the article's clean text
    sentence: str
    quantity: Quantity
    context: str  # the words around the figure, the figure masked
    places: frozenset[str]  # place ids named in the sentence
    as_of: str | None  # ISO day the figure holds for
    dated: bool  # as_of is a day the sentence gives, not the report's date
    running_total: bool
    verb: str | None  # stem of the verb leading to the figure ("advanc")
    names: frozenset[str]  # multi-word names near the figure ("Space Launch System")
    in_headline: bool
    asserted_by: tuple[str, ...] = ()
    group: str = ""  # source group id


def find_claims(
    articles: Sequence[Article],
    stories: Sequence[Story],
    groups: Sequence[SourceGroup],
    places: Sequence[Place],
    quotes: Sequence[Quote] = (),
    progress: Progress = Silent(),
) -> list[Claim]:
    """Every story's claims, with verdicts. Fills ``story.claim_ids`` and
    ``story.headline_conflicts``."""
    group_of = {aid: group.id for group in groups for aid in group.article_ids}
    places_in = _place_index(places)
    speakers = _speaker_index(quotes)
    in_story = {aid for story in stories for aid in story.article_ids}
    readable = [article for article in articles if article.id in in_story]
    # Reading figures (quantulum3) is most of the stage's work, one article at a time: it runs
    # on every core, in workers that inherit what is loaded here instead of each loading it.
    quantities.load()
    found = fork_map(
        lambda article: _statements(article, places_in.get(article.id, []), speakers),
        readable,
        cost=lambda article: len(article.text),
        advance=progress.step("Reading figures", len(readable)),
    )
    statements_of = {article.id: s for article, s in zip(readable, found, strict=True)}
    advance = progress.step("Comparing claims", len(stories))
    claims: list[Claim] = []
    for story in stories:
        statements = [s for aid in story.article_ids for s in statements_of.get(aid, [])]
        for statement in statements:
            statement.group = group_of.get(statement.article_id, statement.article_id)
        story_claims = _claims_of_story(story, statements)
        story.claim_ids = [claim.id for claim in story_claims]
        story.headline_conflicts = _headline_conflicts(story_claims)
        claims.extend(story_claims)
        advance(1)
    return claims


# ----------------------------------------------------------------------------- statements


def _statements(
    article: Article,
    places: list[tuple[int, int, str]],
    speakers: Mapping[str, list[tuple[int, int, str]]],
) -> list[Statement]:
    report_day = article.published.day if article.published else None
    timed = _TimeIndex(article.times)
    found: list[Statement] = []
    units: list[tuple[int, int, bool]] = []
    if article.title:
        units.append((-1, -1, True))
    units.extend((start, end, False) for start, end in sentence_bounds(article.text))
    for start, end, in_headline in units:
        text = article.title if in_headline else article.text[start:end]
        assert text is not None
        said_on = _as_of(article, timed, start, end, in_headline)
        for quantity in _figures(text, start, timed):
            if not is_claim_quantity(quantity, text) or _is_time(quantity, start, timed):
                continue
            if quantity.dimension == "count" and not quantity.counted:
                continue  # "engine 3", a page number: a label, not a figure of something
            context = _context(text, quantity)
            found.append(
                Statement(
                    article_id=article.id,
                    span=(0, 0) if in_headline else (start, end),
                    sentence=text,
                    quantity=quantity,
                    context=context,
                    places=frozenset(
                        pid for s, e, pid in places if not in_headline and start <= s < end
                    ),
                    as_of=said_on or report_day,
                    dated=said_on is not None,
                    running_total=_running_total(article, timed, start, end, context),
                    verb=_leading_verb(text, quantity),
                    names=frozenset(_MULTIWORD_NAME.findall(context)),
                    in_headline=in_headline,
                    asserted_by=tuple(
                        name
                        for s, e, name in speakers.get(article.id, [])
                        if not in_headline and s < end and start < e
                    ),
                )
            )
    return found


class _TimeIndex:
    """An article's time expressions in text order, for what lies in a sentence and whether an
    offset falls in one without scanning them all: a long article (a page with its readers'
    comments) has thousands of sentences and thousands of dates."""

    def __init__(self, times: Sequence[TimeExpression]) -> None:
        self.times = sorted(times, key=lambda t: t.start)
        self.starts = [t.start for t in self.times]
        # The furthest end among the expressions up to each one: spans may nest or overlap.
        self.reach = list(accumulate((t.end for t in self.times), max))

    def within(self, start: int, end: int) -> list[TimeExpression]:
        """The expressions that begin in [start, end), in text order."""
        return self.times[bisect_left(self.starts, start) : bisect_left(self.starts, end)]

    def covers(self, at: int) -> bool:
        """Whether an expression spans the offset ``at``."""
        before = bisect_right(self.starts, at)
        return before > 0 and self.reach[before - 1] > at

    def overlaps(self, start: int, end: int) -> bool:
        """Whether an expression overlaps [start, end)."""
        before = bisect_left(self.starts, end)
        return before > 0 and self.reach[before - 1] > start


def _figures(text: str, offset: int, timed: _TimeIndex) -> list[Quantity]:
    """The quantities of a sentence, parsed only in windows around its numbers: quantulum3
    costs about 2 ms a sentence, and most sentences hold no number, or only the digits of a
    date ("on Sept. 10, 2022"), which are skipped."""
    windows: list[tuple[int, int]] = []
    for match in _MAY_HOLD_FIGURE.finditer(text):
        at = offset + match.start()
        if match.group(0)[0].isdigit() and offset >= 0 and timed.covers(at):
            continue
        begin = _word_boundary(text, match.start(), -WINDOW_WORDS_BEFORE)
        stop = _word_boundary(text, match.end(), WINDOW_WORDS_AFTER)
        if windows and begin <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(stop, windows[-1][1]))
        else:
            windows.append((begin, stop))
    found = []
    for begin, stop in windows:
        for quantity in find_quantities(text[begin:stop]):
            found.append(replace(quantity, start=quantity.start + begin, end=quantity.end + begin))
    return found


def _word_boundary(text: str, at: int, words: int) -> int:
    """The offset ``words`` words before (negative) or after ``at``."""
    if words < 0:
        spaces = [m.start() for m in re.finditer(r"\s+", text[:at])]
        return spaces[words] + 1 if len(spaces) >= -words else 0
    spaces = [m.start() for m in re.finditer(r"\s+", text[at:])]
    return at + spaces[words - 1] if len(spaces) >= words else len(text)


def _is_time(quantity: Quantity, offset: int, timed: _TimeIndex) -> bool:
    if offset < 0:
        return False
    start, end = offset + quantity.start, offset + quantity.end
    return timed.overlaps(start, end)


def _context(text: str, quantity: Quantity) -> str:
    before = text[: quantity.start].split()[-CONTEXT_WORDS:]
    after = text[quantity.end :].split()[:CONTEXT_WORDS]
    return " ".join([*before, "#", *after])


_MULTIWORD_NAME = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)+\b")
_VERBISH = re.compile(r"[a-z]{3,}(?:ed|ing|en)|took|put|rose|fell|grew|says?|saw|won|lost")


def _leading_verb(text: str, quantity: Quantity) -> str | None:
    """The stem of the last verb-like word in the five before the figure."""
    words = [w.strip(",.;:\"'()").lower() for w in text[: quantity.start].split()[-5:]]
    for word in reversed(words):
        if _VERBISH.fullmatch(word):
            return re.sub(r"(?:ing|ed|en|es|s|e)$", "", word)
    return None


def _running_total(article: Article, timed: _TimeIndex, start: int, end: int, context: str) -> bool:
    """A figure counted up to now: "since" + a date anywhere in its sentence ("since the start of
    September"), or "so far", "this month", "tallies" near the figure. A "since" that opens a
    clause ("since Russian troops were driven back") dates something else."""
    if _RUNNING_TOTAL_NEAR.search(context):
        return True
    if start < 0:
        return False
    return any(
        article.text[max(start, t.start - 6) : t.start].lower().strip() == "since"
        for t in timed.within(start, end)
    )


def _as_of(
    article: Article, timed: _TimeIndex, start: int, end: int, in_headline: bool
) -> str | None:
    """The day the sentence gives that is not the start of a period ("since Sept. 1")."""
    if in_headline:
        return None
    for expression in timed.within(start, end):
        if expression.value:
            lead = article.text[max(start, expression.start - 12) : expression.start].lower()
            if "since" in lead or "from" in lead:
                continue
            if _DAY.match(expression.value):
                return expression.value[:10]
    return None


def _place_index(places: Sequence[Place]) -> dict[str, list[tuple[int, int, str]]]:
    index: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for place in places:
        for mention in place.mentions:
            index[mention.article_id].append((mention.start, mention.end, place.id))
    return index


def _speaker_index(quotes: Sequence[Quote]) -> dict[str, list[tuple[int, int, str]]]:
    index: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for quote in quotes:
        if quote.speaker:
            index[quote.article_id].append((*quote.span, quote.speaker))
    return index


# ----------------------------------------------------------------------------- alignment


def _claims_of_story(story: Story, statements: list[Statement]) -> list[Claim]:
    # Figures are compared only within a kind (lengths with lengths, counts of people with
    # counts of people) that two articles of the story state: the rest are never embedded.
    buckets: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for index, statement in enumerate(statements):
        buckets[_kind(statement.quantity)].append(index)
    buckets = {
        kind: items
        for kind, items in buckets.items()
        # two articles, or a headline and its own article's body
        if len({(statements[i].article_id, statements[i].in_headline) for i in items}) > 1
    }
    wanted = sorted({i for items in buckets.values() for i in items})
    if not wanted:
        return []
    from newsfuse.nlp.embeddings import embed

    # A wire story and its copies repeat their contexts word for word: embed each once.
    unique = sorted({statements[i].context for i in wanted})
    embedded = dict(zip(unique, embed(unique), strict=True))
    vectors = {i: embedded[statements[i].context] for i in wanted}
    parent = list(range(len(statements)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    clashes: list[tuple[int, int]] = []
    for i, j, similarity in _candidate_pairs(buckets, vectors):
        a, b = statements[i], statements[j]
        # An article's own figures are never compared, save its headline against its body.
        own = a.article_id == b.article_id and a.in_headline == b.in_headline
        if own or not _aligned(a, b, similarity):
            continue
        meet = comparable(a.quantity, b.quantity)
        if meet:
            parent[find(i)] = find(j)
        elif meet is False and not _progress(a, b):
            clashes.append((i, j))
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(statements)):
        members[find(i)].append(i)
    # Only figures stated by two articles, or caught in a clash, make claims worth listing.
    clashing = {find(i) for pair in clashes for i in pair}
    keep = [
        root
        for root, items in members.items()
        if len({statements[i].article_id for i in items}) > 1 or root in clashing
    ]
    claims = {root: _claim(story, [statements[i] for i in members[root]]) for root in keep}
    for i, j in clashes:
        first, second = claims.get(find(i)), claims.get(find(j))
        if first is None or second is None or first is second:
            continue
        _oppose(first, second)
    for claim in claims.values():
        claim.verdict = _verdict(claim)
    order = sorted(claims.values(), key=lambda c: (-c.independent_sources, c.text))
    return order


def _candidate_pairs(
    buckets: Mapping[tuple[str, ...], list[int]], vectors: Mapping[int, Any]
) -> Iterator[tuple[int, int, float]]:
    """Pairs within a bucket whose contexts are close enough to align with an anchor, found
    with matrix products rather than a loop over all pairs — a block of rows at a time, so that
    memory stays bounded however many figures a large story states."""
    import numpy as np

    for items in buckets.values():
        matrix = np.stack([vectors[i] for i in items])
        step = max(1, SIMILARITY_CELLS // len(items))
        for first in range(0, len(items), step):
            block = matrix[first : first + step] @ matrix.T
            rows, columns = np.nonzero(block >= ALIGNED_WITH_ANCHOR)
            for row, column in zip(rows.tolist(), columns.tolist(), strict=True):
                if first + row < column:  # each pair once, never a figure with itself
                    yield items[first + row], items[column], float(block[row, column])


def _kind(quantity: Quantity) -> tuple[str, ...]:
    """What a figure measures, coarsely: figures of different kinds are never compared."""
    if quantity.dimension == "count":
        counted = quantity.counted or ""
        return ("count", "person" if counted in PERSON_NOUNS else counted)
    if quantity.dimension == "currency":
        return ("currency", quantity.unit)
    return (quantity.dimension, quantity.si_unit or quantity.unit)


def _aligned(a: Statement, b: Statement, similarity: float) -> bool:
    x, y = a.quantity, b.quantity
    if x.dimension != y.dimension or comparable(x, y) is None:
        return False
    if a.places and b.places and a.places.isdisjoint(b.places):
        return False
    anchored = (a.verb is not None and a.verb == b.verb) or bool(a.names & b.names)
    if anchored and similarity >= ALIGNED_WITH_ANCHOR:
        return True
    return similarity >= ALIGNED


def _progress(a: Statement, b: Statement) -> bool:
    """A figure that grew between two days, not a contradiction: a running total ("since the
    start of September"), or figures each dated by its sentence, where the later is the larger.
    A later figure below an earlier one still contradicts it (a count of settlements retaken
    does not shrink), and undated figures (a town's pre-war population) compare as they are."""
    if a.as_of == b.as_of or a.as_of is None or b.as_of is None:
        return False
    if not (a.running_total or b.running_total or (a.dated and b.dated)):
        return False
    earlier, later = (a, b) if a.as_of < b.as_of else (b, a)
    return as_stated(later.quantity).high >= as_stated(earlier.quantity).low


def _claim(story: Story, statements: list[Statement]) -> Claim:
    statements = sorted(statements, key=lambda s: (s.in_headline, s.as_of or "", s.article_id))
    lead = statements[0]
    citations = [
        {"article_id": s.article_id, "span": list(s.span), "headline": s.in_headline}
        for s in statements
    ]
    return Claim(
        id=stable_id("claim", story.id, lead.article_id, str(lead.span), lead.quantity.text),
        story_id=story.id,
        text=lead.sentence,
        subject=lead.quantity.counted or lead.quantity.dimension,
        predicate=_predicate(lead),
        value=lead.quantity.text,
        unit=lead.quantity.unit,
        normalized=_normalized(lead.quantity),
        time=lead.as_of,
        place_ids=sorted({p for s in statements for p in s.places}),
        polarity=True,
        asserted_by=sorted({party for s in statements for party in s.asserted_by}),
        citations=citations,
        independent_sources=len({s.group for s in statements}),
        verdict="single",
    )


def _predicate(statement: Statement) -> str:
    before = statement.sentence[: statement.quantity.start].split()
    verbs = [w.strip(",.;:\"'") for w in before if re.fullmatch(r"[a-z]+(?:ed|en)", w)]
    return verbs[-1] if verbs else "be"


# An SI unit → (factor, name) pairs, largest first: the unit a reader expects at that size.
_READABLE = {
    "meter": ((1000.0, "km"), (1.0, "m")),
    "meter ** 2": ((1e6, "km²"), (1.0, "m²")),
    "kilogram": ((1000.0, "t"), (1.0, "kg")),
    "meter ** 3": ((1.0, "m³"),),
}


def _normalized(quantity: Quantity) -> dict[str, Any]:
    """The stated figure in one unit per dimension, so that 50 miles and 80 km read alike;
    an open end is None."""
    if quantity.si_unit is None or quantity.si_low is None or quantity.si_high is None:
        low, high, unit = quantity.low, quantity.high, quantity.unit
    else:
        # a count's unit is what it counts ("settlement", "people")
        low, high = quantity.si_low, quantity.si_high
        unit = quantity.si_unit or quantity.counted or "count"
        for factor, name in _READABLE.get(unit, ()):
            if max(abs(low), abs(high) if high != float("inf") else 0) >= factor:
                low, high, unit = low / factor, high / factor, name
                break
    return {
        "low": round(low, 6),
        "high": None if high == float("inf") else round(high, 6),
        "unit": unit,
    }


def _oppose(first: Claim, second: Claim) -> None:
    if any(c["claim_id"] == second.id for c in first.contradicts + first.disputes):
        return  # several statements of the two claims clash: one entry says it
    why = f"{first.value} against {second.value}: the figures cannot both hold"
    parties_first, parties_second = set(first.asserted_by), set(second.asserted_by)
    if parties_first and parties_second and parties_first.isdisjoint(parties_second):
        who = f" ({', '.join(sorted(parties_first))} against {', '.join(sorted(parties_second))})"
        first.disputes.append({"claim_id": second.id, "why": why + who})
        second.disputes.append({"claim_id": first.id, "why": why + who})
    else:
        first.contradicts.append({"claim_id": second.id, "why": why})
        second.contradicts.append({"claim_id": first.id, "why": why})


def _verdict(claim: Claim) -> str:
    if claim.contradicts:
        return "contradicted"
    if claim.disputes:
        return "disputed"
    return "agreed" if claim.independent_sources > 1 else "single"


def _headline_conflicts(claims: list[Claim]) -> list[dict[str, str]]:
    """Headlines whose figure is on one side of a contradiction or dispute: against another
    article's figures or their own article's body."""
    conflicts = []
    for claim in claims:
        headlines = [c for c in claim.citations if c["headline"]]
        for citation in headlines:
            for other in claim.contradicts + claim.disputes:
                conflicts.append(
                    {"article_id": citation["article_id"], "claim_id": claim.id,
                     "against": other["claim_id"], "why": other["why"]}
                )  # fmt: skip
    return conflicts
