"""The sentences briefs and timelines are made from: each with its article, span, publication
day, and the calendar days or months its time expressions name (from the times stage).

Briefs and timelines choose sentences by their TF-IDF vectors (scikit-learn): centroid
similarity over a story's own vocabulary picks its central statements at a cost that stays
negligible beside the NLP stages, where sentence embeddings would cost seconds per story.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import TfidfVectorizer

from newsfuse.model import Article, Citation, DatePrecision, TimeExpression, TimexType
from newsfuse.nlp.timex import sentence_bounds, speaks_of_future

# Sentences of fewer words (of two letters or more) or more tokens are datelines, tickers,
# captions or run-on extraction debris.
MIN_WORDS = 5
MAX_WORDS = 60
_WORD = re.compile(r"[^\W\d_]{2,}")
_DAY = re.compile(r"(\d{4}-\d\d-\d\d)(?:$|T)")
_MONTH = re.compile(r"\d{4}-\d\d$")
# "since the start of the month", "until Friday": the bound of a period, not when something
# happened.
_BOUND = re.compile(r"\b(?:since|until|till|through)\s+$", re.IGNORECASE)
_CLOCK_ONLY = re.compile(
    r"(?:at\s+)?(?:\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.?\s?m\.?)?|noon|midnight)"
    r"(?:\s+(?:local time|[A-Z]{2,4}))?\.?",
    re.IGNORECASE,
)
_BOUND_WORD = re.compile(r"(?:since|until|till|through)\b", re.IGNORECASE)


@dataclass(slots=True, frozen=True)
class DateMention:
    """A calendar day ("2010-05-24") or month ("2010-05") a sentence names, and its words."""

    key: str
    precision: DatePrecision
    expression: str


@dataclass(slots=True, frozen=True)
class DatedSentence:
    article_id: str
    span: tuple[int, int]
    text: str
    position: int  # index among the article's sentences (0 = lead)
    published: date | None
    mentions: tuple[DateMention, ...]

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(m.key for m in self.mentions)


def date_key(value: str | None) -> tuple[str, DatePrecision] | None:
    """The day or month a TIMEX3 value names ("2010-05-24TNI" → the day), else None: weeks,
    seasons, years and vaguer values are too coarse to place an entry on a timeline."""
    if not value:
        return None
    if match := _DAY.match(value):
        return match.group(1), DatePrecision.DAY
    if _MONTH.fullmatch(value):
        return value, DatePrecision.MONTH
    return None


def key_date(key: str) -> date:
    """The first day a key covers ("2010-05" → 1 May 2010)."""
    return date.fromisoformat(key if len(key) == 10 else f"{key}-01")


def key_last_day(key: str) -> date:
    if len(key) == 10:
        return date.fromisoformat(key)
    year, month = int(key[:4]), int(key[5:7])
    following = date(year + month // 12, month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def dated_sentences(articles: Iterable[Article]) -> list[DatedSentence]:
    """Every sentence of MIN_WORDS..MAX_WORDS words of the articles, with the days and months
    it names that date an event (see :func:`_dates_an_event`). Expressions come from the times
    stage (``Article.times``)."""
    return [sentence for article in articles for sentence in _article_sentences(article)]


def _article_sentences(article: Article) -> list[DatedSentence]:
    published = _published_day(article)
    times = [t for t in article.times if t.type in (TimexType.DATE, TimexType.TIME)]
    # A bare clock time ("at 11:17 a.m.") names no day: it happened on the day the passage
    # last named, which the times stage cannot know and anchors to the publication day instead.
    passage_day: str | None = None
    out = []
    t = 0
    for position, (start, end) in enumerate(sentence_bounds(article.text)):
        while t < len(times) and times[t].start < start:
            t += 1
        mentions = []
        while t < len(times) and times[t].end <= end:
            expression = times[t]
            t += 1
            found = date_key(expression.value)
            if found is None:
                continue
            key, precision = found
            if passage_day and _CLOCK_ONLY.fullmatch(expression.text.strip()):
                key, precision = passage_day, DatePrecision.DAY
            if _dates_an_event(article.text, (start, end), expression, key_date(key), published):
                mentions.append(DateMention(key, precision, expression.text))
                if precision is DatePrecision.DAY:
                    passage_day = key
        text = article.text[start:end]
        if MIN_WORDS <= len(_WORD.findall(text)) and len(text.split()) <= MAX_WORDS:
            out.append(
                DatedSentence(article.id, (start, end), text, position, published, tuple(mentions))
            )
    return out


def _dates_an_event(
    text: str,
    sentence: tuple[int, int],
    expression: TimeExpression,
    first: date,
    published: date | None,
) -> bool:
    """False for a time after publication or a clause that looks forward ("will not fly in
    early September", "the next attempt in late September": plans and forecasts), and for the
    bound of a period ("since Feb. 24")."""
    if published and _earliest(first, expression.mod) > published:
        return False
    before = text[max(0, expression.start - 8) : expression.start]
    if _BOUND.search(before) or _BOUND_WORD.match(expression.text):
        return False
    start, end = sentence
    return not speaks_of_future(text, start, text[start:end], expression.start, expression.end)


def _earliest(first: date, mod: str | None) -> date:
    """The first day a month part can mean: "late September" starts on the 21st."""
    offset = {"MID": 10, "END": 20}.get(mod or "", 0)
    return first + timedelta(days=offset)


def _published_day(article: Article) -> date | None:
    day = article.published.day if article.published else None
    return date.fromisoformat(day) if day else None


def citations(sentences: Sequence[DatedSentence], source_of: Mapping[str, str]) -> list[Citation]:
    """One citation per article (its first stating sentence), grouped by source group: the first
    sentence's article first (its words are the ones shown), then the rest of its group, then
    the other groups."""
    seen: dict[str, Citation] = {}
    for s in sentences:
        if s.article_id not in seen:
            group = source_of.get(s.article_id, s.article_id)
            seen[s.article_id] = Citation(s.article_id, s.span, group)
    lead = next(iter(seen.values()))
    return sorted(
        seen.values(),
        key=lambda c: (c is not lead, c.source_group != lead.source_group, c.source_group),
    )


def tfidf(texts: Sequence[str]) -> csr_matrix:
    """Row-normalized TF-IDF vectors (sublinear counts, English stop words dropped)."""
    if not texts:
        return csr_matrix((0, 0))
    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    try:
        return vectorizer.fit_transform(texts).tocsr()
    except ValueError:  # nothing but stop words
        return csr_matrix((len(texts), 1))


def unit_centroid(rows: csr_matrix) -> np.ndarray:
    centroid = np.asarray(rows.mean(axis=0)).ravel()
    norm = float(np.linalg.norm(centroid))
    return centroid / norm if norm else centroid


def pick_central(
    rows: csr_matrix, relevance: np.ndarray, count: int, redundancy: float
) -> list[int]:
    """Greedily the ``count`` rows of highest ``relevance`` whose cosine with every row already
    picked stays below ``redundancy``: central, and not saying the same thing twice."""
    chosen: list[int] = []
    for i in np.argsort(-relevance, kind="stable"):
        if len(chosen) >= count:
            break
        if chosen and (rows[chosen] @ rows[int(i)].T).max() >= redundancy:
            continue
        chosen.append(int(i))
    return chosen
