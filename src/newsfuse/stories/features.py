"""What a story clusterer sees of an article: five weighted term vectors and a day.

* ``text``: the words of headline and body, sublinear term frequency times an inverse frequency
  taken from general English usage (wordfreq), not from the corpus at hand. A fixed weighting is
  what lets one article be placed the same way whether it arrives alone in a stream, in a batch
  of thousands, or in next week's incremental run over a stored state: nothing has to be
  re-weighted when the corpus grows. (During development on ECB+ it scored at least as well as
  corpus IDF.)
* ``lead``: the same words restricted to the headline and the first lines, where news states who
  did what where: two incidents of one kind (two earthquakes) differ most there.
* ``entities``: merged named entities (places by gazetteer id, so "Kharkov" and "Kharkiv" are one
  key), weighted by type (a town or a person pins a story down, a demonym does not) and by how
  rare their words are.
* ``numbers``: the figures the article writes in digits ("8-year", "$180 million", "6.1",
  "2009"), as written. Reports of one incident repeat its figures; a second incident of the
  same kind comes with its own.
* ``dates``: the days, weeks and months the article's time expressions resolve to (the times
  stage, against its publication date): "on Saturday" in Monday's paper and "March 9" in
  Tuesday's are one key, so a follow-up can be tied to the incident it dates. The days around
  its own publication are left out: every concurrent story names them. Weighted 0 by default
  (``StoriesConfig.date_weight``: see there why).

Every vector is L2-normalized, so a story's mean vector gives the average-link similarity of an
article to all the story's members with one dot product.
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsfuse.model import Article, DatePrecision, Entity, TimexType

__all__ = [
    "ENTITY_TYPE_WEIGHTS",
    "StoryFeatures",
    "article_features",
    "day_ordinal",
    "entity_key",
    "word_weight",
]

Vector = dict[str, float]

# How much an entity type says about which story an article belongs to. A demonym ("Russian")
# is in every article of a war; a town or a person pins the story down.
ENTITY_TYPE_WEIGHTS = {
    "PERSON": 1.0,
    "GPE": 1.0,
    "LOC": 1.0,
    "FAC": 1.0,
    "EVENT": 1.0,
    "ORG": 0.7,
    "NORP": 0.3,
}
_OTHER_TYPE_WEIGHT = 0.5
_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]", re.UNICODE)
_MAX_ZIPF = 8.0  # wordfreq's Zipf scale tops out near 8 ("the" is about 7.7)
_MIN_WEIGHT = 0.5
# A figure as written, without thousands separators: "2,000" and "2000" are one key.
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# How much of a resolved date value is its key, by precision. Years and coarser are left out:
# a year is in the numbers already, and "last year" says little about which incident.
_DATE_KEY_LENGTH = {
    DatePrecision.SECOND: 10,  # 2024-03-09T14:05:10 -> the day
    DatePrecision.MINUTE: 10,
    DatePrecision.PART_OF_DAY: 10,
    DatePrecision.DAY: 10,
    DatePrecision.WEEK: 8,  # 2024-W10
    DatePrecision.MONTH: 7,  # 2024-03
}


@dataclass(slots=True)
class StoryFeatures:
    article_id: str
    day: int | None  # proleptic ordinal of the publication day; None when undated
    text: Vector
    lead: Vector
    entities: Vector
    title: str | None = None
    numbers: Vector = field(default_factory=dict)
    dates: Vector = field(default_factory=dict)
    # The article's strongest keys, used to look candidate stories up in the inverted index.
    query_terms: list[str] = field(default_factory=list)
    # The article's nearest neighbours (article id -> similarity), kept up to date by the story
    # index: their mean similarity is the article's local similarity scale.
    neighbours: dict[str, float] = field(default_factory=dict)


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    # The frequency table itself: one dictionary lookup per word instead of wordfreq's
    # tokenize-then-look-up per call (about 30 µs), loaded once per process (about 0.3 s).
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en")


@lru_cache(maxsize=200_000)
def word_weight(word: str) -> float:
    """Inverse general-English frequency: 8 minus the word's Zipf frequency, at least 0.5."""
    frequency = _frequencies().get(word)
    if frequency:
        zipf = math.log10(frequency * 1e9)
    elif "-" in word or "'" in word:  # wordfreq splits these and combines the parts
        from wordfreq import zipf_frequency

        zipf = zipf_frequency(word, "en")
    else:
        zipf = 0.0  # not in general English at all: as rare as a word gets
    return max(_MIN_WEIGHT, _MAX_ZIPF - zipf)


def _words(text: str) -> list[str]:
    # Interned: a live index holds the same word for thousands of articles once, not thousands
    # of times.
    return [
        sys.intern(w)
        for w in (m.group().casefold().replace("’", "'") for m in _WORD.finditer(text))
        if len(w) > 1 and w not in ENGLISH_STOP_WORDS
    ]


def _weighted(
    counts: Counter[str], weight: dict[str, float] | None = None, keep: int | None = None
) -> Vector:
    vector = {
        term: (1.0 + math.log(n)) * (weight[term] if weight else word_weight(term))
        for term, n in counts.items()
    }
    if keep is not None and len(vector) > keep:
        # A long article's tail of rare-once words carries little of its cosine with anything
        # else but most of the cost of comparing it: keep its strongest terms only.
        vector = dict(sorted(vector.items(), key=lambda kv: -kv[1])[:keep])
    return _normalized(vector)


def _normalized(vector: Vector) -> Vector:
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {k: v / norm for k, v in vector.items()} if norm else {}


def entity_key(entity: Entity) -> str:
    """A key that is the same in every run: the gazetteer place, else type and canonical name."""
    if entity.place_id:
        return sys.intern(f"place:{entity.place_id}")
    return sys.intern(f"{entity.label}:{' '.join(entity.name.casefold().split())}")


def _entity_weight(entity: Entity) -> float:
    words = _words(entity.name) or [entity.name.casefold()]
    rarity = max(word_weight(w) for w in words)
    return ENTITY_TYPE_WEIGHTS.get(entity.label, _OTHER_TYPE_WEIGHT) * rarity


def day_ordinal(article: Article) -> int | None:
    day = article.published.day if article.published else None
    if not day:
        return None
    try:
        return date.fromisoformat(day).toordinal()
    except ValueError:
        return None


def _numbers(text: str) -> Counter[str]:
    return Counter(sys.intern(m.group().replace(",", "")) for m in _NUMBER.finditer(text))


def _dates(article: Article, day: int | None) -> Counter[str]:
    keys: Counter[str] = Counter()
    own = _own_dates(day)
    for expression in article.times:
        if expression.type not in (TimexType.DATE, TimexType.TIME) or not expression.value:
            continue
        length = _DATE_KEY_LENGTH.get(expression.precision) if expression.precision else None
        if length and expression.value[:1].isdigit():
            key = expression.value[:length]
            if key not in own:
                keys[sys.intern(key)] += 1
    return keys


def _own_dates(day: int | None) -> frozenset[str]:
    """The keys every article published on ``day`` shares: that day and the day before
    ("today", "yesterday", "on Tuesday" in Wednesday's paper), its week and its month. They say
    when the article appeared, which the time decay already weighs, not which incident it is."""
    if day is None:
        return frozenset()
    published = date.fromordinal(day)
    before = published - timedelta(days=1)
    return frozenset(
        {
            published.isoformat(),
            before.isoformat(),
            published.isoformat()[:7],
            published.strftime("%G-W%V"),
        }
    )


def _lead(article: Article, lines: int) -> str:
    taken: list[str] = [article.title] if article.title else []
    for line in article.text.splitlines():
        if len(taken) >= lines + (1 if article.title else 0):
            break
        if line.strip():
            taken.append(line)
    return "\n".join(taken)


def article_features(
    articles: Sequence[Article],
    entities: Iterable[Entity] = (),
    *,
    lead_lines: int = 3,
    query_words: int = 20,
    query_entities: int = 12,
    max_text_terms: int = 100,
    dates: bool = True,
) -> list[StoryFeatures]:
    """Features of each article, in input order. ``dates=False`` leaves the dates vector empty
    (for a clusterer that gives it no weight: a stored state then does not carry it)."""
    per_article: dict[str, Counter[str]] = defaultdict(Counter)
    key_weight: dict[str, float] = {}
    for entity in entities:
        key = entity_key(entity)
        key_weight[key] = _entity_weight(entity)
        for mention in entity.mentions:
            per_article[mention.article_id][key] += 1
    out = []
    for article in articles:
        full_text = f"{article.title or ''}\n{article.text}"
        text = _weighted(Counter(_words(full_text)), keep=max_text_terms)
        lead = _weighted(Counter(_words(_lead(article, lead_lines)))) if lead_lines else {}
        found = per_article.get(article.id, Counter())
        ents = _weighted(found, key_weight) if found else {}
        figures = _numbers(full_text)
        day = day_ordinal(article)
        dated = _dates(article, day) if dates else None
        words = [t for t, _ in sorted(text.items(), key=lambda kv: -kv[1])[:query_words]]
        names = [t for t, _ in sorted(ents.items(), key=lambda kv: -kv[1])[:query_entities]]
        # Entities first (a name or a place is the most specific key, and its postings are
        # short), then words, strongest first: a lookup that stops early still asks by both.
        query = names + words
        out.append(
            StoryFeatures(
                article_id=article.id,
                day=day,
                text=text,
                lead=lead,
                entities=ents,
                title=article.title,
                numbers=_weighted(figures, dict.fromkeys(figures, 1.0)) if figures else {},
                dates=_weighted(dated, dict.fromkeys(dated, 1.0)) if dated else {},
                query_terms=query,
            )
        )
    return out
