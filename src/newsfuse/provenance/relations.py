"""Article-pair relations inside stories: for each pair that may share text, align sentences and
say whether the later article duplicates, rewrites or partly reuses the earlier one.

Cost control: inside a story, each article is aligned lexically (sparse word-set overlaps, about
a millisecond a pair) with its ``STORY_PARTNERS`` members of the most similar vocabulary, not
with every member — a copy or a rewrite shares far more words with its source than independent
coverage does, and a story of a thousand reports would otherwise mean half a million
alignments; sentence embeddings are computed only for the articles of pairs that show
some reuse but not enough to decide — the pairs where paraphrase and machine-translation garble
hide — so independent coverage of an event never pays for the embedding model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from itertools import combinations

from newsfuse.model import Article, ArticleRelation, Attribution, DatePrecision, Story
from newsfuse.parallel import fork_map
from newsfuse.progress import Progress, Silent
from newsfuse.provenance.align import SentenceSet, align, relation_of
from newsfuse.provenance.sentences import sentence_spans

# Articles of a story are aligned only when published within WINDOW_DAYS of each other, and each
# only with the STORY_PARTNERS members (within the window) whose vocabulary overlaps its own most.
WINDOW_DAYS = 3
STORY_PARTNERS = 10
# Embeddings are computed for pairs whose lexical alignment found some reuse (at least this share
# of the later article's sentences) without deciding it, or where the later one credits the
# earlier one's outlet; and only for each article's first sentences, where copies concentrate.
SEMANTIC_MIN_SHARE = 0.2
SEMANTIC_MAX_SENTENCES = 60
_WORD = re.compile(r"\w{3,}")


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
    *,
    partners: int = STORY_PARTNERS,
) -> list[tuple[str, str]]:
    """(source, copy) pairs inside stories worth aligning: published within the window, and
    among each other's ``partners`` members of the most similar vocabulary (0 = every pair)."""
    pairs = []
    for story in stories:
        members = [by_id[i] for i in story.article_ids if i in by_id]
        close = [(a, b) for a, b in combinations(members, 2) if _within_window(a, b)]
        if partners and len(members) > partners + 1:
            close = _nearest(close, partners)
        for a, b in close:
            source, copy = ordered(a, b, credits)
            pairs.append((source.id, copy.id))
    return pairs


def _nearest(pairs: list[tuple[Article, Article]], partners: int) -> list[tuple[Article, Article]]:
    """The pairs in which one article is among the other's ``partners`` nearest by the Jaccard
    overlap of their word sets (ties by id, so the choice is the same in every run)."""
    words: dict[str, frozenset[str]] = {}
    for pair in pairs:
        for article in pair:
            if article.id not in words:
                words[article.id] = frozenset(_WORD.findall(article.text.casefold()))
    ranked: dict[str, list[tuple[float, str]]] = {}
    for a, b in pairs:
        wa, wb = words[a.id], words[b.id]
        shared = len(wa & wb)
        union = len(wa) + len(wb) - shared  # without building the union set
        overlap = shared / union if union else 0.0
        ranked.setdefault(a.id, []).append((-overlap, b.id))
        ranked.setdefault(b.id, []).append((-overlap, a.id))
    kept = {
        (article_id, other)
        for article_id, scored in ranked.items()
        for _, other in sorted(scored)[:partners]
    }
    return [(a, b) for a, b in pairs if (a.id, b.id) in kept or (b.id, a.id) in kept]


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

    def lexically(pair: tuple[str, str]) -> tuple[ArticleRelation, float]:
        source, target = pair
        links = align(sets[source], sets[target])
        relation, share = relation_of(links, sets[target])
        return ArticleRelation(source, target, relation, round(share, 3), links), share

    advance = progress.step("Aligning sentences", len(pairs))
    lexical: dict[tuple[str, str], ArticleRelation] = {}
    undecided: list[tuple[str, str]] = []
    for (source, target), (found, share) in zip(
        pairs, fork_map(lexically, pairs, min_per_worker=100, advance=advance), strict=True
    ):
        lexical[(source, target)] = found
        credited = _credits(by_id[target], by_id[source], credits)
        if share < 0.5 and (share >= SEMANTIC_MIN_SHARE or credited):
            undecided.append((source, target))

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
