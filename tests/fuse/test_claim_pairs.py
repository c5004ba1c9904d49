"""The claim-pair suite (tests/fuse/fixtures/claim_pairs.tsv): its layout, and how far the
quantity comparison alone already agrees with it.

The suite was written for the claim comparator of the claims stage, which does not exist yet;
only its quantity part (``newsfuse.nlp.quantities``) does. On the pairs of the quantity
categories whose two claims carry quantities of one kind, ``overlap`` alone should give the
suite's verdict (agreed when the amounts can be the same, contradicted when not).
"""

import csv
from collections import Counter
from pathlib import Path

from newsfuse.nlp.quantities import find_quantities, overlap

SUITE = Path(__file__).parent / "fixtures" / "claim_pairs.tsv"
VERDICTS = {"agreed", "contradicted", "disputed", "unrelated"}
CATEGORIES = {
    "units", "approximation", "range", "negation", "date", "place", "attribution",
    "lookalike", "paraphrase",
}  # fmt: skip


def pairs() -> list[dict[str, str]]:
    with SUITE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_the_suite_has_200_pairs_and_every_category():
    rows = pairs()
    assert len(rows) >= 200
    assert len({r["id"] for r in rows}) == len(rows)
    assert {r["verdict"] for r in rows} <= VERDICTS
    counts = Counter(r["category"] for r in rows)
    assert set(counts) == CATEGORIES and min(counts.values()) >= 20


def test_quantity_overlap_gives_the_verdict_of_comparable_quantity_pairs():
    right = wrong = 0
    for row in pairs():
        if row["category"] not in ("units", "approximation", "range"):
            continue
        if row["verdict"] not in ("agreed", "contradicted"):
            continue
        comparable = [
            (a, b)
            for a in find_quantities(row["claim_a"])
            for b in find_quantities(row["claim_b"])
            if overlap(a, b) is not None
        ]
        if not comparable:
            continue
        said = "agreed" if overlap(*comparable[0]) else "contradicted"
        right += said == row["verdict"]
        wrong += said != row["verdict"]
    # Measured 2026-12-02: see BENCHMARKS.md (issue 6, first piece).
    assert right + wrong >= 60
    assert right / (right + wrong) >= 0.9
