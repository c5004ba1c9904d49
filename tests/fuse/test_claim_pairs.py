"""The claim-pair suites (tests/fuse/fixtures): their layout, and the comparator's share of
verdicts right on each.

``claim_pairs.tsv`` (240 pairs) is the development suite: the comparator's rules were shaped
while looking at its errors. ``claim_pairs_heldout.tsv`` (120 pairs) was written separately by
another author and never looked at pair by pair; only its overall score is read. The floors
below are the measured scores less a small margin (BENCHMARKS.md, issue 6), so a regression
fails; they are far from the issue's 95%, which the comparator does not reach.
"""

from collections import Counter
from pathlib import Path

import pytest

from newsfuse.errors import DatasetError
from newsfuse.eval.claims import read_pairs, run

FIXTURES = Path(__file__).parent / "fixtures"
VERDICTS = {"agreed", "contradicted", "disputed", "unrelated"}
CATEGORIES = {
    "units", "approximation", "range", "negation", "date", "place", "attribution",
    "lookalike", "paraphrase",
}  # fmt: skip


@pytest.mark.parametrize("name", ["claim_pairs.tsv", "claim_pairs_heldout.tsv"])
def test_each_suite_covers_every_category_and_verdict(name):
    rows = read_pairs(FIXTURES / name)
    assert len(rows) >= 120
    assert len({r["id"] for r in rows}) == len(rows)
    assert {r["verdict"] for r in rows} == VERDICTS
    assert set(Counter(r["category"] for r in rows)) == CATEGORIES


def test_a_malformed_suite_is_refused_naming_the_line(tmp_path):
    bad = tmp_path / "pairs.tsv"
    bad.write_text("id\tcategory\tclaim_a\tclaim_b\tverdict\twhy\np1\tunits\tA\tB\tmaybe\twhy\n")
    with pytest.raises(DatasetError, match="pairs.tsv:2"):
        read_pairs(bad)


@pytest.mark.parametrize(
    ("name", "floor"),
    [
        ("claim_pairs.tsv", 0.83),  # measured 0.850 (tuned on)
        ("claim_pairs_heldout.tsv", 0.62),  # measured 0.658 (never tuned on)
    ],
)
def test_the_comparator_gets_its_measured_share_of_verdicts_right(name, floor):
    result = run(FIXTURES / name)
    assert result.metrics["accuracy"] >= floor
