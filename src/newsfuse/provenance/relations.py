"""Article-pair relations inside stories: for each pair that may share text, align sentences and
say whether the later article duplicates, rewrites or partly reuses the earlier one.

Cost control: every pair of a story is aligned lexically (sparse word-set overlaps, about a
millisecond a pair); sentence embeddings are computed only for the articles of pairs that show
some reuse but not enough to decide — the pairs where paraphrase and machine-translation garble
hide — so independent coverage of an event never pays for the embedding model.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import combinations

from newsfuse.model import Article, ArticleRelation, Attribution, DatePrecision, Story
from newsfuse.progress import Progress, Silent
from newsfuse.provenance.align import SentenceSet, align, relation_of
from newsfuse.provenance.sentences import sentence_spans

# Articles of a story are aligned only when published within WINDOW_DAYS of each other.
WINDOW_DAYS = 3
# Embeddings are computed for pairs whose lexical alignment found some reuse (at least this share
# of the later article's sentences) without deciding it, or where the later one credits the
# earlier one's outlet; and only for each article's first sentences, where copies concentrate.
SEMANTIC_MIN_SHARE = 0.2
SEMANTIC_MAX_SENTENCES = 60


def _when(article: Article) -> str:
    # Undated articles sort after dated ones: a dated copy is the better guess for an origin.
    return article.published.value if article.published else "~"


def ordered(
    a: Article, b: Article, credits: dict[str, set[str]] | None = None
) -> tuple[Article, Article]:
    """(source, copy): the earlier one, unless the dates can't tell (same day known only to the
    day, or undated) and one credits the other's outlet by name — then the credited one."""
    if credits is not None and _same_or_unknown_time(a, b):
        if _credits(b, a, credits) and not _credits(a, b, credits):
            return a, b
        if _credits(a, b, credits) and not _credits(b, a, credits):
            return b, a
    return (a, b) if (_when(a), a.id) <= (_when(b), b.id) else (b, a)


def _same_or_unknown_time(a: Article, b: Article) -> bool:
    if not (a.published and b.published):
        return True
    coarse = {DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR}
    return a.published.day == b.published.day and (
        a.published.precision in coarse or b.published.precision in coarse
    )


def _credits(copy: Article, source: Article, credits: dict[str, set[str]]) -> bool:
    """Does ``copy`` credit ``source``'s outlet (by name or acronym)?"""
    if not source.outlet:
        return False
    names = credits.get(copy.id, set())
    outlet = source.outlet.lower().removeprefix("the ")
    acronym = "".join(w[0] for w in source.outlet.split() if w[:1].isupper()).lower()
    return outlet in names or (len(acronym) >= 2 and acronym in names)


def story_pairs(
    stories: Sequence[Story],
    by_id: dict[str, Article],
    credits: dict[str, set[str]] | None = None,
) -> list[tuple[str, str]]:
    pairs = []
    for story in stories:
        members = [by_id[i] for i in story.article_ids if i in by_id]
        for a, b in combinations(members, 2):
            source, copy = ordered(a, b, credits)
            if _within_window(source, copy):
                pairs.append((source.id, copy.id))
    return pairs


def _within_window(a: Article, b: Article) -> bool:
    if not (a.published and b.published and a.published.day and b.published.day):
        return True
    apart = date.fromisoformat(b.published.day) - date.fromisoformat(a.published.day)
    return abs(apart.days) <= WINDOW_DAYS


def article_relations(
    articles: Sequence[Article],
    stories: Sequence[Story],
    attributions: Sequence[Attribution] = (),
    *,
    extra_pairs: Sequence[tuple[str, str]] = (),
    semantic: bool = True,
    progress: Progress = Silent(),
) -> list[ArticleRelation]:
    """Every non-independent relation between articles of the same story (and the ``extra_pairs``,
    given as (source, copy) ids), oriented from the source to the copy."""
    by_id = {a.id: a for a in articles}
    credits: dict[str, set[str]] = {}
    for attribution in attributions:
        credits.setdefault(attribution.article_id, set()).add(
            attribution.agency.lower().removeprefix("the ")
        )
    pairs = story_pairs(stories, by_id, credits)
    seen = set(pairs) | {(b, a) for a, b in pairs}
    pairs += [p for p in dict.fromkeys(extra_pairs) if p not in seen]
    if not pairs:
        return []
    involved = sorted({i for pair in pairs for i in pair})
    spans = sentence_spans([by_id[i].text for i in involved])
    sets = {i: SentenceSet.of(by_id[i].text, s) for i, s in zip(involved, spans, strict=True)}

    advance = progress.step("Aligning sentences", len(pairs))
    lexical: dict[tuple[str, str], ArticleRelation] = {}
    undecided: list[tuple[str, str]] = []
    for source, target in pairs:
        links = align(sets[source], sets[target])
        relation, share = relation_of(links, sets[target])
        lexical[(source, target)] = ArticleRelation(
            source, target, relation, round(share, 3), links
        )
        credited = _credits(by_id[target], by_id[source], credits)
        if share < 0.5 and (share >= SEMANTIC_MIN_SHARE or credited):
            undecided.append((source, target))
        advance(1)

    if semantic and undecided:
        _add_embeddings(sets, sorted({i for pair in undecided for i in pair}))
        for source, target in undecided:
            links = align(sets[source], sets[target])
            relation, share = relation_of(links, sets[target])
            if share > lexical[(source, target)].score:
                lexical[(source, target)] = ArticleRelation(
                    source, target, relation, round(share, 3), links
                )
    return [r for r in lexical.values() if r.relation != "independent"]


def _add_embeddings(sets: dict[str, SentenceSet], article_ids: list[str]) -> None:
    from newsfuse.nlp.embeddings import embed

    for i in article_ids:
        sets[i] = sets[i].head(SEMANTIC_MAX_SENTENCES)
    vectors = embed([t for i in article_ids for t in sets[i].texts])
    start = 0
    for i in article_ids:
        count = len(sets[i].texts)
        sets[i].embeddings = vectors[start : start + count]
        start += count
