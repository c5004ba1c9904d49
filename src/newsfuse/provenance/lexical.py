"""Copy families from shingle overlap alone, for corpora too large to align sentence by sentence.

MinHash LSH proposes candidate pairs batch by batch; each candidate is decided with as little work
as the decision needs:

1. Pairs already in one family are skipped: a union cannot change anything.
2. The copy side of a pair is known before any overlap is computed: the directed containment
   ``|A ∩ B| / |A|`` is larger for the smaller shingle set, so the copy is the article with fewer
   shingles (ties: the earlier-indexed one). A copy joins a family through one source only (as in
   :func:`~newsfuse.provenance.families.build_families`), so a pair whose copy has already joined
   is skipped.
3. The matching signature positions give a confidence interval for the Jaccard similarity
   (Wilson score interval, ``z`` standard errors); with the two set sizes this bounds the shared
   shingles and both containments. All the decision rules are monotone in the Jaccard similarity,
   so when both ends of the interval give the same decision, that decision is taken from the
   estimate.
4. Only the remaining pairs, whose interval straddles a threshold, are verified exactly on their
   shingle sets (kept in a bounded LRU).

Within a batch, candidates are tried in decreasing estimated similarity, so a copy joins through
its most similar source first. Per article the work is bounded by the number of candidates it
brings, not by the size of the corpus: no step looks at more than the candidates' signatures.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from newsfuse.config import ProvenanceConfig
from newsfuse.provenance.families import UnionFind, relation_from_overlap
from newsfuse.provenance.minhash import (
    DEFAULT_Z,
    NearDuplicateIndex,
    ShingleCache,
    exact_overlap,
    jaccard_interval,
    overlap_from_jaccard,
)

__all__ = ["LexicalFamilies", "LexicalRelation", "lexical_families", "relation_bounds"]


@dataclass(slots=True, frozen=True)
class LexicalRelation:
    """``copy`` derives ``share`` of its shingles from ``source`` (indexes into the input)."""

    source: int
    copy: int
    relation: str  # "duplicate", "rewrite" or "partial" (only joining relations are kept)
    share: float
    exact: bool  # verified on the shingle sets (else decided from the MinHash estimate)


@dataclass(slots=True)
class LexicalFamilies:
    relations: list[LexicalRelation] = field(default_factory=list)
    candidates: int = 0
    skipped_same_family: int = 0
    skipped_copy_joined: int = 0
    decided_by_estimate: int = 0
    verified_exactly: int = 0
    minhash_seconds: float = 0.0
    # Seconds spent on each batch of ``config.batch_size`` articles (indexing and deciding), so
    # the cost of the 90,000th article can be compared with the first's in one run.
    batch_seconds: list[float] = field(default_factory=list)


def _relation_codes(
    jaccard: np.ndarray, size_a: np.ndarray, size_b: np.ndarray, config: ProvenanceConfig
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(relation code, joins, copy's share) implied by a Jaccard value and the two set sizes.

    Codes: 0 independent, 1 partial, 2 rewrite, 3 duplicate — the rules of
    :func:`relation_from_overlap`, vectorized, with ``|A ∩ B| = J (|A| + |B|) / (1 + J)``.
    """
    shared, share = overlap_from_jaccard(jaccard, size_a, size_b)
    code = np.select(
        [
            shared < config.min_shared_shingles,
            jaccard >= config.duplicate_jaccard,
            share >= config.rewrite_containment,
            share >= config.partial_containment,
        ],
        [0, 3, 2, 1],
        default=0,
    )
    joins = (code >= 2) | ((code == 1) & (share >= config.partial_join_share))
    return code, joins, share


def relation_bounds(
    matches: np.ndarray,
    size_a: np.ndarray,
    size_b: np.ndarray,
    config: ProvenanceConfig = ProvenanceConfig(),
    z: float = DEFAULT_Z,
) -> tuple[np.ndarray, np.ndarray]:
    """Per pair: whether the join decision is certain, and that decision (valid where certain)."""
    lo, hi = jaccard_interval(matches, config.num_perm, z)
    a = np.asarray(size_a, dtype=float)
    b = np.asarray(size_b, dtype=float)
    _, joins_lo, _ = _relation_codes(lo, a, b, config)
    _, joins_hi, _ = _relation_codes(hi, a, b, config)
    return joins_lo == joins_hi, joins_lo


_CODE_NAMES = ("independent", "partial", "rewrite", "duplicate")


def lexical_families(
    texts: Sequence[str],
    config: ProvenanceConfig = ProvenanceConfig(),
    *,
    z: float = DEFAULT_Z,
    cache_articles: int = 20_000,
) -> LexicalFamilies:
    """Joining relations between ``texts`` (each copy joins through one source), with counts of
    how each candidate pair was decided. Feed the relations to ``build_families``."""
    index = NearDuplicateIndex(config)
    cache = ShingleCache(texts, config.shingle_words, cache_articles)
    families = UnionFind()
    joined: set[int] = set()
    out = LexicalFamilies()
    for start in range(0, len(texts), config.batch_size):
        t0 = time.perf_counter()
        pairs = index.add(texts[start : start + config.batch_size])
        out.minhash_seconds += time.perf_counter() - t0
        out.candidates += len(pairs)
        if len(pairs):
            _decide(pairs, index, cache, families, joined, out, config, z)
        out.batch_seconds.append(time.perf_counter() - t0)
    return out


def _decide(
    pairs: np.ndarray,
    index: NearDuplicateIndex,
    cache: ShingleCache,
    families: UnionFind,
    joined: set[int],
    out: LexicalFamilies,
    config: ProvenanceConfig,
    z: float,
) -> None:
    sizes = index.sizes
    matches = index.matches(pairs)
    size_i, size_j = sizes[pairs[:, 0]], sizes[pairs[:, 1]]
    certain, decision = relation_bounds(matches, size_i, size_j, config, z)
    estimate = matches / config.num_perm
    point_code, _, point_share = _relation_codes(estimate, size_i, size_j, config)
    for k in np.argsort(-estimate, kind="stable").tolist():
        i, j = int(pairs[k, 0]), int(pairs[k, 1])
        copy, source = (i, j) if size_i[k] <= size_j[k] else (j, i)
        if copy in joined:
            out.skipped_copy_joined += 1
            continue
        if families.find(i) == families.find(j):
            out.skipped_same_family += 1
            continue
        if certain[k]:
            out.decided_by_estimate += 1
            if not decision[k]:
                continue
            # Certain to join; the relation label itself may straddle a threshold, so use
            # the point estimate's label, floored at the weakest joining one.
            code = max(int(point_code[k]), 1)
            relation = LexicalRelation(
                source, copy, _CODE_NAMES[code], float(point_share[k]), exact=False
            )
        else:
            out.verified_exactly += 1
            a, b = cache[i], cache[j]
            jac, i_in_j, j_in_i = exact_overlap(a, b)
            name = relation_from_overlap(jac, i_in_j, j_in_i, config, shared=round(i_in_j * len(a)))
            share = max(i_in_j, j_in_i)
            joins = name in ("duplicate", "rewrite") or (
                name == "partial" and share >= config.partial_join_share
            )
            if not joins:
                continue
            relation = LexicalRelation(source, copy, name, share, exact=True)
        families.union(i, j)
        joined.add(copy)
        out.relations.append(relation)
