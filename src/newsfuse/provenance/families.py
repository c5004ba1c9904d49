"""Copy families: articles that are one independent source, with a probable origin.

Input: the articles, pairwise :class:`ArticleRelation` records (from lexical overlap at scale, or
refined by sentence alignment) and explicit :class:`Attribution` credit lines.

Rules (total and deterministic: the same input always gives the same groups, ids and order):

* ``duplicate`` and ``rewrite`` relations join the two articles' families (union-find), but each
  article joins through its single best source only (highest relation, then highest derived
  share): copies form a forest under their origins, and one weak overlap between two different
  stories' texts can no longer chain their whole families together.
* A ``partial`` relation joins only when the derived share (``relation.score``: the share of the
  target's sentences that derive from the source) is at least ``partial_join_share`` (default 0.5).
  Choice: an article at least half of which is someone else's text adds less than it takes and is
  not an independent source; one that quotes a few paragraphs but reports the rest itself is.
* ``independent`` relations, self-relations and relations naming unknown articles join nothing.
* Origin: an article whose outlet is an agency that another member credits ("…, Reuters reported")
  is preferred (the agency's own dispatch); otherwise the earliest publication time; undated
  articles sort last; ties by article id.
* Evidence: one dict per non-origin member ``{"article_id", "relation", "of", "score",
  "shared_sentences"}`` (its relation to the origin if one was given, else its strongest joining
  relation), plus one ``{"article_id", "relays", "cue"}`` per attribution. An article that credits
  an agency but wrote its own text stays its own group and still records what it relays, so that
  source counting can discount it: see :func:`relayed_agencies`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from newsfuse.config import ProvenanceConfig
from newsfuse.model import Article, ArticleRelation, Attribution, SourceGroup, stable_id

__all__ = [
    "JOINING_RELATIONS",
    "UnionFind",
    "build_families",
    "relation_from_overlap",
    "relayed_agencies",
]

JOINING_RELATIONS = ("duplicate", "rewrite")
_RELATION_RANK = {"duplicate": 3, "rewrite": 2, "partial": 1, "independent": 0}
_DOMAIN_SUFFIX = re.compile(r"\.(com|org|net|co\.uk|de|fr)$")
_AGENCY_NOISE = re.compile(r"^the\s+|\s+(news agency|agency|news|wire)$")
_PUNCT = re.compile(r"[^\w\s]")


class UnionFind:
    """Union-find over hashable items with path halving; the smaller root wins (determinism)."""

    def __init__(self, items: Iterable[Any] = ()) -> None:
        self._parent: dict[Any, Any] = {x: x for x in items}

    def find(self, x: Any) -> Any:
        parent = self._parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: Any, b: Any) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if rb < ra:
            ra, rb = rb, ra
        self._parent[rb] = ra
        return True

    def groups(self) -> dict[Any, list[Any]]:
        out: dict[Any, list[Any]] = defaultdict(list)
        for x in self._parent:
            out[self.find(x)].append(x)
        return out


def relation_from_overlap(
    jaccard: float,
    containment_a_in_b: float,
    containment_b_in_a: float,
    config: ProvenanceConfig = ProvenanceConfig(),
    *,
    shared: int | None = None,
) -> str:
    """Lexical-only relation of two articles from shingle-set overlap.

    ``duplicate``: Jaccard >= duplicate_jaccard. ``rewrite``: most of one text is in the other
    (containment >= rewrite_containment: truncated, padded or lightly edited copies).
    ``partial``: containment >= partial_containment. Else ``independent``. With ``shared`` (the
    number of shingles in common), fewer than ``min_shared_shingles`` is ``independent``: two
    short texts that share a boilerplate line or two are not copies of each other.
    """
    contained = max(containment_a_in_b, containment_b_in_a)
    if shared is not None and shared < config.min_shared_shingles:
        return "independent"
    if jaccard >= config.duplicate_jaccard:
        return "duplicate"
    if contained >= config.rewrite_containment:
        return "rewrite"
    if contained >= config.partial_containment:
        return "partial"
    return "independent"


def _joins(relation: ArticleRelation, config: ProvenanceConfig) -> bool:
    if relation.relation in JOINING_RELATIONS:
        return True
    return relation.relation == "partial" and relation.score >= config.partial_join_share


def _join_strength(relation: ArticleRelation) -> tuple[int, float, str]:
    return (_RELATION_RANK.get(relation.relation, 0), relation.score, relation.source)


def _agency_key(name: str | None) -> str:
    if not name:
        return ""
    key = _PUNCT.sub(" ", _DOMAIN_SUFFIX.sub("", name.casefold().strip()))
    key = " ".join(key.split())
    return _AGENCY_NOISE.sub("", key).strip()


def _time_key(article: Article) -> tuple[int, str, str]:
    value = article.published.value if article.published else ""
    return (0 if value else 1, value, article.id)


def build_families(
    articles: Sequence[Article],
    relations: Iterable[ArticleRelation],
    attributions: Iterable[Attribution] = (),
    config: ProvenanceConfig = ProvenanceConfig(),
) -> list[SourceGroup]:
    """One :class:`SourceGroup` per copy family (singletons included), sorted by first member id."""
    by_id = {a.id: a for a in articles}
    ids = sorted(by_id)
    uf = UnionFind(ids)
    joined: dict[str, list[ArticleRelation]] = defaultdict(list)
    best: dict[str, ArticleRelation] = {}
    for rel in relations:
        if rel.source == rel.target or rel.source not in by_id or rel.target not in by_id:
            continue
        if _joins(rel, config):
            current = best.get(rel.target)
            if current is None or _join_strength(rel) > _join_strength(current):
                best[rel.target] = rel
    for rel in best.values():
        uf.union(rel.source, rel.target)
        joined[rel.source].append(rel)
        joined[rel.target].append(rel)

    credits: dict[str, list[Attribution]] = defaultdict(list)
    for att in attributions:
        if att.article_id in by_id:
            credits[att.article_id].append(att)
    for atts in credits.values():
        atts.sort(key=lambda a: (a.span, a.agency, a.cue))

    groups = []
    for members in uf.groups().values():
        members.sort(key=lambda i: _time_key(by_id[i]))
        origin = _choose_origin(members, by_id, credits)
        ordered = [origin] + [m for m in members if m != origin]
        evidence: list[dict[str, Any]] = []
        for member in ordered[1:]:
            evidence.append(_member_evidence(member, origin, joined[member]))
        for member in ordered:
            for att in credits.get(member, ()):
                evidence.append({"article_id": member, "relays": att.agency, "cue": att.cue})
        groups.append(
            SourceGroup(
                id=stable_id("src", *sorted(members)),
                article_ids=ordered,
                origin=origin,
                method="copy-family" if len(members) > 1 else "singleton",
                evidence=evidence,
            )
        )
    groups.sort(key=lambda g: min(g.article_ids))
    return groups


def _choose_origin(
    members: list[str], by_id: dict[str, Article], credits: dict[str, list[Attribution]]
) -> str:
    """Members arrive in time order; an agency credited by another member wins if present."""
    credited = {
        _agency_key(att.agency) for m in members for att in credits.get(m, ()) if att.agency
    }
    credited.discard("")
    if credited:
        for member in members:
            if _agency_key(by_id[member].outlet) in credited:
                return member
    return members[0]


def _member_evidence(member: str, origin: str, rels: list[ArticleRelation]) -> dict[str, Any]:
    def other(rel: ArticleRelation) -> str:
        return rel.target if rel.source == member else rel.source

    def strength(rel: ArticleRelation) -> tuple[int, int, float, str]:
        return (other(rel) == origin, _RELATION_RANK.get(rel.relation, 0), rel.score, other(rel))

    if not rels:  # cannot happen for a joined member; kept so the function stays total
        return {
            "article_id": member,
            "relation": "unknown",
            "of": origin,
            "score": 0.0,
            "shared_sentences": 0,
        }
    best = max(rels, key=strength)
    return {
        "article_id": member,
        "relation": best.relation,
        "of": other(best),
        "score": round(float(best.score), 4),
        "shared_sentences": len(best.links),
    }


def relayed_agencies(groups: Iterable[SourceGroup]) -> dict[str, list[str]]:
    """Agencies each article credits, from the groups' attribution evidence (sorted, unique)."""
    out: dict[str, set[str]] = defaultdict(set)
    for group in groups:
        for item in group.evidence:
            if "relays" in item:
                out[item["article_id"]].add(item["relays"])
    return {article_id: sorted(agencies) for article_id, agencies in sorted(out.items())}
