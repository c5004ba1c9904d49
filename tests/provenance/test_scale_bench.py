"""The scale benchmark's own functions on ~500 articles mutated from synthetic originals."""

import json
import random

from newsfuse.config import ProvenanceConfig
from tests._scripts import load_script

bench = load_script("bench_provenance_scale")

SUBJECTS = [
    "The council",
    "A spokesman",
    "The company",
    "Officials",
    "The bank",
    "Residents",
    "The minister",
    "Engineers",
    "Police",
    "The union",
    "Doctors",
    "The court",
]
VERBS = ["said", "announced", "reported", "warned", "confirmed", "denied", "estimated", "argued"]
OBJECTS = [
    "the bridge",
    "the oil well",
    "new cases",
    "the budget",
    "the flood",
    "the vaccine",
    "the strike",
    "the merger",
    "the election",
    "the storm",
    "the fire",
    "the ruling",
]
TAILS = [
    "on Monday",
    "late on Friday",
    "after a long meeting",
    "in a statement",
    "despite protests",
    "for the third time",
    "near the coast",
    "before dawn",
]


def synthetic_originals(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    docs = []
    for d in range(n):
        lines = []
        for s in range(rng.randint(10, 18)):
            lines.append(
                f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} that {rng.choice(OBJECTS)} "
                f"{rng.choice(['would', 'could', 'did not'])} {rng.choice(['change', 'end', 'grow'])} "
                f"{rng.choice(TAILS)} , item {d}-{s} with {rng.randint(2, 999)} units ."
            )
        docs.append("\n".join(lines))
    return docs


def test_benchmark_functions_on_synthetic_corpus(capsys):
    originals = synthetic_originals(40)
    corpus = bench.generate_corpus(originals, 500, seed=1)
    assert len(corpus.texts) == 500 and len(corpus.labels) == 500
    assert len(corpus.originals) == 40 and corpus.hard.any()
    config = ProvenanceConfig(batch_size=128)
    result = bench.run_pipeline(corpus.texts, config, corpus.dates)
    scores = bench.family_scores(result.labels, corpus.labels)
    assert set(scores) == {"pair_precision", "pair_recall", "bcubed_precision", "bcubed_recall"}
    assert scores["pair_precision"] >= 0.95, scores
    assert scores["pair_recall"] >= 0.9, scores
    assert result.minhash_seconds > 0 and result.candidates >= result.verified


def test_family_scores_known_values():
    import numpy as np

    gold = np.array([0, 0, 0, 1, 1])
    assert bench.family_scores(gold, gold)["pair_precision"] == 1.0
    merged = bench.family_scores(np.zeros(5, dtype=int), gold)
    assert merged["pair_recall"] == 1.0 and merged["pair_precision"] == 0.4
    assert json.dumps(merged)
