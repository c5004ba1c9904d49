"""Timelines: what happened when, by event time.

Date-wise timeline summarization: rank dates first, then summarize each date.

- **Dates** rank by how many independent sources name them (a day five outlets name matters
  more than one named once). A date right beside one already taken counts for less: the days
  after an event are named mostly in reports of that event ("a day after the blast"), and a
  timeline should move on rather than tell one event day by day.
- **Each date's text** is the sentence nearest the centroid of the date's candidate sentences
  that is also central to the whole story, so an entry tells what most reports say happened
  that day and stays on the story's subject. Candidates are the sentences that name the date;
  benchmark runs (:func:`benchmark_timeline`) also take the undated lead sentences of the
  articles published that day and the next, since news tells the day's events mostly without
  naming the day.

An entry whose date ends more than ``background_days`` before the story's first report is
background ("the port was seized five months ago") and is marked so, at its own date.

The settings in :class:`TimelineMethod` are the best of a small grid on the Timeline17 topics;
``newsfuse eval timeline --set cv=true`` estimates, by leave-one-subject-out cross-validation,
how they do on news they were not chosen on.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from newsfuse.brief._sentences import (
    DatedSentence,
    citations,
    key_date,
    key_last_day,
    pick_central,
    tfidf,
    unit_centroid,
)
from newsfuse.model import Claim, DatePrecision, TimelineEntry

Ranked = list[tuple[str, DatePrecision, float]]  # (date key, precision, score)

# A sentence naming the date that is this close (TF-IDF cosine) to the entry's text states it
# too: a citation.
CITES = 0.35


@dataclass(frozen=True, slots=True)
class TimelineMethod:
    # Relevance of a sentence to a date: cosine with the date's centroid + subject_weight ×
    # cosine with the centroid of all candidates (the story's subject) + first_date_bonus when
    # the date is the first the sentence names (it tells of that day, not of one before).
    subject_weight: float = 1.0
    first_date_bonus: float = 0.1
    # Two sentences of one date closer than this (TF-IDF cosine) say the same thing.
    redundancy: float = 0.3
    # How much a source naming a date counts by how central its sentence is to the subject
    # (0: every source counts 1; see subject_weights).
    subject_witness: float = 1.0
    # A date's score is multiplied by neighbour_discount for each date taken within
    # neighbour_days of it.
    neighbour_days: int = 1
    neighbour_discount: float = 0.5
    # Benchmark runs: undated sentences among the first undated_lead of an article published on
    # the day or up to undated_days - 1 days after are candidates for the day.
    undated_lead: int = 1000
    undated_days: int = 2


@dataclass(slots=True)
class DateSummary:
    key: str  # "2010-05-24" or "2010-05"
    precision: DatePrecision
    score: float  # the independent sources naming the date, each weighted (see rank_dates)
    chosen: list[DatedSentence]  # the date's summary, best first
    citing: list[DatedSentence]  # the first chosen, then every candidate stating the same


def rank_dates(
    sentences: Sequence[DatedSentence],
    source_of: Mapping[str, str] | None = None,
    *,
    start: date | None = None,
    end: date | None = None,
    months: bool = True,
    weights: Sequence[float] | None = None,
) -> Ranked:
    """Days (and months) the sentences name, scored by the independent sources naming each,
    most named first; ties go to the earlier date. ``source_of`` maps an article id to its
    source group (an article in none is its own source). With ``weights`` (one per sentence), a
    source counts by the weight of its best sentence naming the date, else it counts 1."""
    named: dict[tuple[str, DatePrecision], dict[str, float]] = defaultdict(dict)
    for index, sentence in enumerate(sentences):
        weight = 1.0 if weights is None else weights[index]
        for mention in sentence.mentions:
            if mention.precision is DatePrecision.MONTH and not months:
                continue
            first = key_date(mention.key)
            if (start and first < start) or (end and first > end):
                continue
            source = (source_of or {}).get(sentence.article_id, sentence.article_id)
            sources = named[(mention.key, mention.precision)]
            sources[source] = max(sources.get(source, 0.0), weight)
    ranked = [
        (key, precision, sum(sources.values())) for (key, precision), sources in named.items()
    ]
    ranked.sort(key=lambda item: (-item[2], item[0]))
    return ranked


def subject_weights(sentences: Sequence[DatedSentence], strength: float) -> list[float] | None:
    """Each sentence's weight as a witness to the dates it names: 1 - strength + strength × its
    cosine with the centroid of all the sentences (the story's subject), relative to the
    highest. A date named only in asides ("markets fell on Monday") counts for less than one
    named where the subject is told. None (every sentence counts 1) when ``strength`` is 0."""
    if not strength or not any(s.mentions for s in sentences):
        return None
    rows = tfidf([s.text for s in sentences])
    closeness = np.asarray(rows @ unit_centroid(rows)).ravel()
    top = float(closeness.max()) or 1.0
    return [1.0 - strength + strength * float(value) / top for value in closeness]


def spread(ranked: Ranked, count: int, method: TimelineMethod) -> Ranked:
    """The ``count`` best dates, each date's score discounted for every date already taken
    beside it (see :class:`TimelineMethod`)."""
    left = list(ranked)
    taken: Ranked = []
    while left and len(taken) < count:
        best = min(range(len(left)), key=lambda i: (-left[i][2], left[i][0]))
        key, precision, score = left.pop(best)
        taken.append((key, precision, score))
        day = key_date(key)
        left = [
            (
                other,
                other_precision,
                value * method.neighbour_discount
                if abs((key_date(other) - day).days) <= method.neighbour_days
                else value,
            )
            for other, other_precision, value in left
        ]
    return taken


def summarize_dates(
    dates: Ranked,
    sentences: Sequence[DatedSentence],
    per_date: int,
    method: TimelineMethod,
    *,
    undated: bool = False,
    avoid: frozenset[int] = frozenset(),
) -> list[DateSummary]:
    """For each date, ``per_date`` sentences that say what happened then, from the sentences
    naming the date and, with ``undated``, that day's undated lead sentences. Sentences whose
    ``id`` is in ``avoid`` are taken only when a date has no other."""
    candidates = _candidates(dates, sentences, method, undated)
    pool = list({id(s): s for members in candidates.values() for s in members}.values())
    if not pool:
        return []
    row_of = {id(s): i for i, s in enumerate(pool)}
    rows = tfidf([s.text for s in pool])
    subject = unit_centroid(rows)
    out = []
    # A statement tells one date's story, the best-ranked date's (copies share its words).
    used: set[str] = set()
    for key, precision, score in dates:
        members = [s for s in candidates.get(key, []) if s.text not in used]
        members = [s for s in members if id(s) not in avoid] or members
        if not members:
            continue
        member_rows = rows[[row_of[id(s)] for s in members]]
        first = np.array([bool(s.mentions) and s.mentions[0].key == key for s in members])
        relevance = (
            member_rows @ unit_centroid(member_rows)
            + method.subject_weight * (member_rows @ subject)
            + method.first_date_bonus * first
        )
        picked = pick_central(member_rows, relevance, per_date, method.redundancy)
        chosen = [members[i] for i in picked]
        used.update(s.text for s in chosen)
        closeness = (member_rows @ member_rows[picked[0]].T).toarray().ravel()
        citing = [chosen[0]] + [
            s
            for s, similarity in zip(members, closeness, strict=True)
            if s is not chosen[0] and similarity >= CITES and key in s.keys
        ]
        out.append(DateSummary(key, precision, score, chosen, citing))
    return out


def _candidates(
    dates: Ranked, sentences: Sequence[DatedSentence], method: TimelineMethod, undated: bool
) -> dict[str, list[DatedSentence]]:
    wanted = {key for key, _, _ in dates}
    candidates: dict[str, list[DatedSentence]] = defaultdict(list)
    for sentence in sentences:
        for key in sentence.keys & wanted:
            candidates[key].append(sentence)
        if not (undated and sentence.published and not sentence.mentions):
            continue
        if sentence.position < method.undated_lead:
            for back in range(method.undated_days):
                day = (sentence.published - timedelta(days=back)).isoformat()
                if day in wanted:
                    candidates[day].append(sentence)
    return candidates


def benchmark_timeline(
    sentences: Sequence[DatedSentence],
    n_dates: int,
    per_date: int,
    start: date,
    end: date,
    method: TimelineMethod = TimelineMethod(),
) -> dict[date, list[str]]:
    """A timeline of ``n_dates`` days with ``per_date`` sentences each over the articles
    published from ``start`` to ``end``: the setting of timeline-summarization benchmarks,
    where the length comes from the reference timeline and each article is its own source."""
    in_range = [s for s in sentences if s.published is None or start <= s.published <= end]
    weights = subject_weights(in_range, method.subject_witness)
    ranked = rank_dates(in_range, start=start, end=end, months=False, weights=weights)
    ranked = spread(ranked, n_dates, method)
    summaries = summarize_dates(ranked, in_range, per_date, method, undated=True)
    return {key_date(s.key): [c.text for c in s.chosen] for s in summaries}


def story_timeline(
    sentences: Sequence[DatedSentence],
    source_of: Mapping[str, str],
    *,
    entries: int,
    background_days: int,
    method: TimelineMethod = TimelineMethod(),
    contested: Mapping[tuple[str, tuple[int, int]], Sequence[Claim]] | None = None,
) -> list[TimelineEntry]:
    """A story's timeline: its ``entries`` most-named days and months, in date order, one
    sentence each, each sentence naming its own date. ``contested`` maps a sentence (article
    id, span) to the contradicted or disputed claims it carries: such a sentence is the entry's
    text only when nothing else names the date, and the entry is then flagged."""
    contested = contested or {}
    avoid = frozenset(id(s) for s in sentences if (s.article_id, s.span) in contested)
    weights = subject_weights(sentences, method.subject_witness)
    ranked = spread(rank_dates(sentences, source_of, weights=weights), entries, method)
    published = [s.published for s in sentences if s.published]
    first_report = min(published) if published else None
    out = []
    for summary in summarize_dates(ranked, sentences, 1, method, avoid=avoid):
        lead = summary.chosen[0]
        expression = next((m.expression for m in lead.mentions if m.key == summary.key), "")
        cited = citations(summary.citing, source_of)
        background = first_report is not None and key_last_day(summary.key) < (
            first_report - timedelta(days=background_days)
        )
        claims = contested.get((lead.article_id, lead.span), ())
        out.append(
            TimelineEntry(
                date=summary.key,
                precision=summary.precision,
                text=lead.text,
                citations=[c.article_id for c in cited],
                background=background,
                independent_sources=len({c.source_group for c in cited}),
                sources=cited,
                expression=expression,
                status=_status(claims),
                claim_ids=sorted({c.id for c in claims}),
            )
        )
    out.sort(key=lambda e: (e.date, e.precision is DatePrecision.MONTH))
    return out


def _status(claims: Sequence[Claim]) -> str:
    if not claims:
        return "stated"
    return "disputed" if all(c.verdict == "disputed" for c in claims) else "contradicted"
