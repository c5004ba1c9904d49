"""Lexical copy families at scale: decisions from the MinHash estimate must match exact overlap."""

import numpy as np
import pytest

from newsfuse.config import ProvenanceConfig
from newsfuse.provenance.families import UnionFind, relation_from_overlap
from newsfuse.provenance.lexical import lexical_families, relation_bounds
from newsfuse.provenance.minhash import (
    NearDuplicateIndex,
    _signatures_of_sets,
    exact_overlap,
    jaccard_interval,
    max_containment_bound,
    shingle_hashes,
)
from tests.provenance.test_minhash import EXACT, ORIGINAL, PADDED, REWRITE, UNRELATED
from tests.provenance.test_scale_bench import bench, synthetic_originals


def test_jaccard_interval_covers_the_true_value():
    config = ProvenanceConfig(num_perm=64)
    rng = np.random.default_rng(3)
    covered = total = 0
    for _ in range(300):
        shared = rng.integers(0, 2**63, rng.integers(20, 400), dtype=np.uint64)
        a = np.unique(np.concatenate([shared, rng.integers(0, 2**63, 200, dtype=np.uint64)]))
        b = np.unique(np.concatenate([shared, rng.integers(0, 2**63, 50, dtype=np.uint64)]))
        sigs = _signatures_of_sets([a, b], config.num_perm, config.seed)
        matches = np.array([(sigs[0] == sigs[1]).sum()])
        lo, hi = jaccard_interval(matches, config.num_perm)
        true = exact_overlap(a, b)[0]
        covered += int(lo[0] <= true <= hi[0])
        total += 1
    assert covered / total >= 0.98, covered / total


def test_interval_narrows_with_more_permutations_and_stays_in_unit_range():
    lo64, hi64 = jaccard_interval(np.array([32]), 64)
    lo256, hi256 = jaccard_interval(np.array([128]), 256)
    assert 0 <= lo64[0] < lo256[0] < 0.5 < hi256[0] < hi64[0] <= 1
    lo, hi = jaccard_interval(np.array([0, 64]), 64)
    assert lo[0] == 0.0 and hi[1] == pytest.approx(1.0)


def test_certain_join_decisions_agree_with_exact_overlap():
    originals = synthetic_originals(30)
    corpus = bench.generate_corpus(originals, 400, seed=2)
    config = ProvenanceConfig(batch_size=400)
    index = NearDuplicateIndex(config)
    pairs = index.add(corpus.texts)
    sizes = index.sizes
    matches = index.matches(pairs)
    certain, decision = relation_bounds(matches, sizes[pairs[:, 0]], sizes[pairs[:, 1]], config)
    assert 0.3 < certain.mean() < 1.0  # the shortcut is used, and some pairs still need checking
    wrong = 0
    for (i, j), sure, joins in zip(pairs.tolist(), certain, decision, strict=True):
        if not sure:
            continue
        a, b = shingle_hashes(corpus.texts[i]), shingle_hashes(corpus.texts[j])
        jac, x, y = exact_overlap(a, b)
        name = relation_from_overlap(jac, x, y, config, shared=round(x * len(a)))
        exact = name in ("duplicate", "rewrite") or (
            name == "partial" and max(x, y) >= config.partial_join_share
        )
        wrong += exact != bool(joins)
    assert wrong <= 0.002 * certain.sum(), (wrong, int(certain.sum()))


def test_copies_join_their_origin_and_unrelated_text_stays_alone():
    texts = [ORIGINAL, UNRELATED, REWRITE, PADDED, EXACT]
    found = lexical_families(texts, ProvenanceConfig(num_perm=128, min_shared_shingles=10))
    uf = UnionFind(range(len(texts)))
    for rel in found.relations:
        uf.union(rel.source, rel.copy)
    assert uf.find(1) == 1 and all(uf.find(k) == uf.find(0) for k in (2, 3, 4))
    # The rewrite keeps four of six paragraphs: it is the copy, whichever article it pairs with.
    (rewrite,) = [r for r in found.relations if r.copy == 2]
    assert rewrite.relation in ("rewrite", "duplicate") and rewrite.share >= 0.5
    assert found.candidates >= len(found.relations) == 3


def test_shortcuts_change_no_family_against_exact_verification_of_every_pair():
    originals = synthetic_originals(40)
    corpus = bench.generate_corpus(originals, 500, seed=4)
    config = ProvenanceConfig(batch_size=100)
    fast = lexical_families(corpus.texts, config)
    exact = lexical_families(corpus.texts, config, z=1e9)  # every interval is [0, 1]
    assert exact.decided_by_estimate == 0 and fast.decided_by_estimate > 0
    assert fast.verified_exactly < exact.verified_exactly
    assert len(fast.batch_seconds) == 5

    def labels(found):
        uf = UnionFind(range(len(corpus.texts)))
        for rel in found.relations:
            uf.union(rel.source, rel.copy)
        return np.array([uf.find(k) for k in range(len(corpus.texts))])

    scores = bench.family_scores(labels(fast), labels(exact))
    assert scores["pair_precision"] >= 0.99 and scores["pair_recall"] >= 0.99, scores


def test_containment_ceiling_is_above_the_exact_containment():
    originals = synthetic_originals(20)
    corpus = bench.generate_corpus(originals, 200, seed=5)
    config = ProvenanceConfig()
    index = NearDuplicateIndex(config)
    pairs = index.add(corpus.texts)
    sizes = index.sizes
    matches = index.matches(pairs)
    ceiling = max_containment_bound(
        matches, sizes[pairs[:, 0]], sizes[pairs[:, 1]], config.num_perm
    )
    below = 0
    for (i, j), top in zip(pairs.tolist(), ceiling, strict=True):
        _, x, y = exact_overlap(shingle_hashes(corpus.texts[i]), shingle_hashes(corpus.texts[j]))
        below += max(x, y) > top + 1e-9
    assert len(pairs) > 100 and below <= 0.002 * len(pairs)
