"""``newsfuse eval extraction``: the benchmark's scorer on hand-made strings, a tiny layout, and the
real Zyte benchmark (``-m evaluation``)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsfuse.errors import DatasetError
from newsfuse.eval import run_task
from newsfuse.eval.extraction import (
    metrics_from_counts,
    precision_score,
    recall_score,
    score,
    shingle_matching,
    shingles,
    tokenize,
)
from tests.conftest import dataset

# --------------------------------------------------------------------------------------------
# The scorer, with values worked out by hand


def test_tokens_are_word_runs_case_kept() -> None:
    assert tokenize("Don't stop—now!") == ["Don", "t", "stop", "now"]
    assert tokenize(None) == []


def test_shingles_of_short_and_empty_texts() -> None:
    assert shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert shingles("Hello world") == {("Hello", "world"): 1}  # fewer than 4 tokens: one shingle
    assert shingles("") == {}


def test_half_of_the_shingles_found() -> None:
    # true: abcd, bcde; pred: abcd -> TP 1, FP 0, FN 1, normalised by 2
    assert shingle_matching("a b c d e", "a b c d") == (0.5, 0.0, 0.5)
    tp, fp, fn = shingle_matching("a b c d e", "a b c d")
    assert precision_score(tp, fp, fn) == 1.0
    assert recall_score(tp, fp, fn) == 0.5


def test_shingles_are_a_multiset() -> None:
    # true: xyzw, yzwx, zwxy, wxyz, xyzw (xyzw twice); pred: xyzw once -> TP 1, FN 4
    tp, fp, fn = shingle_matching("x y z w x y z w", "x y z w")
    assert (tp, fp, fn) == pytest.approx((0.2, 0.0, 0.8))
    assert recall_score(tp, fp, fn) == pytest.approx(0.2)


def test_extra_text_costs_precision() -> None:
    # true: abcd; pred: abcd, bcde -> TP 1, FP 1
    tp, fp, fn = shingle_matching("a b c d", "a b c d e")
    assert precision_score(tp, fp, fn) == 0.5
    assert recall_score(tp, fp, fn) == 1.0


def test_case_matters() -> None:
    tp, fp, fn = shingle_matching("Hello World", "hello world")
    assert (tp, fp, fn) == (0.0, 0.5, 0.5)
    assert precision_score(tp, fp, fn) == 0.0
    assert recall_score(tp, fp, fn) == 0.0


def test_empty_cases() -> None:
    assert shingle_matching("a b c d e", "") == (0.0, 0.0, 1.0)  # recall 0, no precision
    assert shingle_matching("", "a b c d") == (0.0, 1.0, 0.0)  # precision 0, no recall
    assert shingle_matching("", "") == (0.0, 0.0, 0.0)  # neither
    assert shingle_matching("...", None) == (0.0, 0.0, 0.0)  # no tokens at all
    assert precision_score(0.0, 0.0, 0.0) == 1.0  # the upstream convention when FP = FN = 0


def test_means_skip_pages_without_prediction_or_truth() -> None:
    counts = [
        shingle_matching("a b c d e", "a b c d"),  # P 1.0, R 0.5
        shingle_matching("a b c d e", ""),  # P not counted, R 0.0
        shingle_matching("", ""),  # counted in neither
    ]
    metrics = metrics_from_counts(counts)
    assert metrics["precision"] == 1.0
    assert metrics["recall"] == 0.25
    assert metrics["f1"] == pytest.approx(2 * 1.0 * 0.25 / 1.25)  # 0.4


def test_score_requires_the_same_pages() -> None:
    truth = {"p1": {"articleBody": "a b c d"}, "p2": {"articleBody": "e f g h"}}
    assert score(truth, {"p1": {"articleBody": "a b c d"}, "p2": {"articleBody": "e f g h"}}) == {
        "f1": 1.0,
        "precision": 1.0,
        "recall": 1.0,
    }
    with pytest.raises(ValueError):
        score(truth, {"p1": {"articleBody": "a b c d"}})


# --------------------------------------------------------------------------------------------
# The task on a tiny layout written here

PARAGRAPHS = [
    (
        "The harbour ferry resumed its morning crossings on Tuesday after two days of high "
        "winds, the operator said in a statement."
    ),
    (
        "Passengers were asked to arrive twenty minutes early because of extra safety checks on "
        "the car deck."
    ),
    "The operator said the afternoon timetable would return to normal by the end of the week.",
]


def _page() -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        "<html><head><meta charset='utf-8'><title>Ferry resumes crossings</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"
        f"<article><h1>Ferry resumes crossings</h1>{body}<p>Share this article</p></article>"
        "<footer>© 2024 Harbour Times. All rights reserved.</footer></body></html>"
    )


def _layout(tmp_path: Path) -> Path:
    (tmp_path / "html").mkdir()
    truth = {"page1": {"articleBody": "\n".join(PARAGRAPHS), "url": "https://news.example/1"}}
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    with gzip.open(tmp_path / "html" / "page1.html.gz", "wt", encoding="utf-8") as f:
        f.write(_page())
    return tmp_path


def test_task_scores_both_systems_in_order(tmp_path: Path) -> None:
    result = run_task("extraction", _layout(tmp_path))
    assert list(result.metrics) == [
        "f1",
        "precision",
        "recall",
        "trafilatura_f1",
        "trafilatura_precision",
        "trafilatura_recall",
        "pages",
    ]
    assert result.metrics["pages"] == 1
    assert result.metrics["f1"] == 1.0
    assert result.predictions == {"page1": {"articleBody": "\n".join(PARAGRAPHS)}}
    assert any("DEVELOPMENT" in note for note in result.notes)


def test_bad_layout_is_a_dataset_error(tmp_path: Path) -> None:
    with pytest.raises(DatasetError):
        run_task("extraction", tmp_path)


# --------------------------------------------------------------------------------------------
# The real benchmark


@pytest.mark.evaluation
def test_zyte_benchmark_targets() -> None:
    result = run_task("extraction", dataset("extraction-zyte"))
    m = result.metrics
    assert m["pages"] == 88
    assert m["f1"] >= 0.955
    assert m["f1"] >= m["trafilatura_f1"]
    assert m["precision"] >= m["trafilatura_precision"]
