"""The provenance stage: from clean articles and stories to independent sources.

    exact copies (hash)  ─┐
    MinHash LSH pairs    ─┼─> sentence alignment ─> pair relations ─┐
    pairs inside stories ─┘                                        ├─> copy families (SourceGroup)
    credit lines ("according to CPA") ─────────────────────────────┘

MinHash finds copies wherever they are (also across stories the clustering kept apart); pairs
inside a story are aligned too, because machine-translated and heavily spun copies share too few
word sequences for MinHash to see.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsfuse.config import ProvenanceConfig
from newsfuse.model import Article, ArticleRelation, Attribution, SourceGroup, Story, to_json
from newsfuse.progress import Progress, Silent
from newsfuse.provenance.attribution import find_attributions
from newsfuse.provenance.exact import text_fingerprint
from newsfuse.provenance.families import build_families
from newsfuse.provenance.minhash import near_duplicate_pairs
from newsfuse.provenance.relations import article_relations, ordered


@dataclass(slots=True)
class Provenance:
    groups: list[SourceGroup]
    relations: list[ArticleRelation]
    attributions: list[Attribution]


def find_sources(
    articles: Sequence[Article],
    stories: Sequence[Story],
    config: ProvenanceConfig = ProvenanceConfig(),
    progress: Progress = Silent(),
    attributions: Sequence[Attribution] | None = None,
) -> Provenance:
    """Source groups of ``articles`` and the relations behind them. ``attributions`` are the
    articles' credit lines when already found (:func:`find_attributions`)."""
    attributions = list(attributions) if attributions is not None else find_attributions(articles)
    candidates = _minhash_pairs(articles, config)
    relations = article_relations(
        articles, stories, attributions, extra_pairs=candidates, progress=progress
    )
    relations += _exact_duplicates(articles, {(r.source, r.target) for r in relations})
    groups = build_families(articles, relations, attributions, config)
    _attach_links(groups, relations)
    return Provenance(groups, relations, attributions)


def _minhash_pairs(articles: Sequence[Article], config: ProvenanceConfig) -> list[tuple[str, str]]:
    """(source, copy) id pairs whose shingles overlap enough to be worth aligning."""
    pairs = []
    for pair in near_duplicate_pairs([a.text for a in articles], config):
        if pair.containment >= config.partial_containment:
            source, copy = ordered(articles[pair.i], articles[pair.j])
            pairs.append((source.id, copy.id))
    return pairs


def _exact_duplicates(
    articles: Sequence[Article], known: set[tuple[str, str]]
) -> list[ArticleRelation]:
    """Same text (ignoring case and punctuation) is a duplicate even when alignment found fewer
    than five-word sentences to link, e.g. in very short items."""
    first: dict[str, Article] = {}
    found = []
    for article in articles:
        fingerprint = text_fingerprint(article.text)
        if fingerprint in first:
            source, copy = ordered(first[fingerprint], article)
            if (source.id, copy.id) not in known:
                found.append(ArticleRelation(source.id, copy.id, "duplicate", 1.0))
        else:
            first[fingerprint] = article
    return found


def _attach_links(groups: list[SourceGroup], relations: list[ArticleRelation]) -> None:
    """Give each member's evidence the aligned sentences behind it, for the report and the view
    that highlights what an article shares with its origin."""
    by_pair = {(r.source, r.target): r for r in relations}
    for group in groups:
        for item in group.evidence:
            if "relation" not in item:
                continue
            pair = (item["of"], item["article_id"])
            relation = by_pair.get(pair) or by_pair.get(pair[::-1])
            if relation is not None:
                item["links"] = [to_json(link) for link in relation.links]
