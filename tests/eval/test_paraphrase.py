"""``newsfuse eval paraphrase``: metric helpers by hand, k-fold CV on a tiny MRPC-format TSV
written here (sentences made up for the test), and the real MRPC train split (``-m evaluation``,
about 3–5 minutes on 2 cores)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsfuse.errors import DatasetError
from newsfuse.eval import TASKS, run_task
from newsfuse.eval.paraphrase import best_threshold, binary_metrics, load_pairs
from tests.conftest import dataset

HEADER = "\ufeffQuality\t#1 ID\t#2 ID\t#1 String\t#2 String"

# (paraphrase?, sentence 1, sentence 2): light edits and rewordings vs. other facts
PAIRS = [
    (1, "Police arrested 3 men after the robbery in Leeds.", "Three men were arrested by police after the Leeds robbery."),
    (1, "The council approved the new budget on Friday.", "On Friday the council approved its new budget."),
    (1, "Floods forced 200 families from their homes in Dhaka.", "In Dhaka, floods drove 200 families from their homes."),
    (1, "The company said profits rose 8 percent in the quarter.", "Quarterly profits rose 8 percent, the company said."),
    (1, "Firefighters contained the blaze near Athens by evening.", "By evening firefighters had contained the fire near Athens."),
    (1, "The minister resigned after the <QUOTE>scandal<QUOTE> broke.", "After the <QUOTE>scandal<QUOTE> broke, the minister quit."),
    (1, "Talks between the unions and the rail operator collapsed on Monday.", "On Monday, talks between the rail operator and unions broke down."),
    (1, "A strong earthquake shook northern Chile early on Sunday.", "Northern Chile was shaken by a powerful earthquake early Sunday."),
    (1, "The museum will reopen to visitors in March.", "In March the museum will open to visitors again."),
    (1, "Voters in Oslo elected a new mayor on Tuesday.", "Oslo voters chose a new mayor on Tuesday."),
    (1, "The airline cancelled 40 flights because of the storm.", "Because of the storm, the airline cancelled 40 flights."),
    (1, "Doctors said the patient was in stable condition.", "The patient is in stable condition, doctors said."),
    (1, "The bridge in Porto was closed for repairs.", "Porto's bridge was shut for repairs."),
    (0, "Police arrested 3 men after the robbery in Leeds.", "Police in Leeds are still searching for 5 suspects."),
    (0, "The council approved the new budget on Friday.", "The council will debate a tax increase next month."),
    (0, "Floods forced 200 families from their homes in Dhaka.", "Prices of rice rose sharply in markets across the country."),
    (0, "The company said profits rose 8 percent in the quarter.", "The company said sales fell 3 percent last year."),
    (0, "Firefighters contained the blaze near Athens by evening.", "Tourists returned to the islands after the heatwave."),
    (0, "The minister resigned after the scandal broke.", "The minister denied any role in the scandal."),
    (0, "A strong earthquake shook northern Chile early on Sunday.", "The volcano in southern Peru erupted again in 2019."),
    (0, "The museum will reopen to visitors in March.", "The museum sold a painting for $ 4 million."),
    (0, "Voters in Oslo elected a new mayor on Tuesday.", "Turnout in the regional vote was the lowest since 1990."),
    (0, "The airline cancelled 40 flights because of the storm.", "The airline ordered 12 new aircraft from Airbus."),
    (0, "Doctors said the patient was in stable condition.", "Hospital staff went on strike for higher pay."),
]  # fmt: skip


def write_tsv(path: Path, pairs=PAIRS) -> Path:
    lines = [HEADER]
    for i, (label, s1, s2) in enumerate(pairs):
        lines.append(f"{label}\t{1000 + i}\t{2000 + i}\t{s1}\t{s2}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_task_is_registered() -> None:
    assert TASKS["paraphrase"][0] == "newsfuse.eval.paraphrase"


def test_binary_metrics_by_hand() -> None:
    # y: 1 1 1 0 0 ; pred: 1 1 0 1 0 -> TP 2, FP 1, FN 1, TN 1
    m = binary_metrics(np.array([1, 1, 1, 0, 0]), np.array([1, 1, 0, 1, 0]))
    assert m["accuracy"] == pytest.approx(3 / 5)
    assert m["precision"] == pytest.approx(2 / 3)
    assert m["recall"] == pytest.approx(2 / 3)
    assert m["f1"] == pytest.approx(2 / 3)
    assert binary_metrics(np.array([0, 0]), np.array([0, 0]))["f1"] == 0.0


def test_best_threshold_maximises_accuracy() -> None:
    scores = np.array([0.1, 0.2, 0.4, 0.6, 0.7, 0.9])
    y = np.array([0, 0, 1, 0, 1, 1])
    t = best_threshold(scores, y)
    assert 0.2 < t <= 0.4  # 5 of 6 right; ties resolved to the lowest threshold
    assert best_threshold(np.array([0.5, 0.5]), np.array([1, 1])) <= 0.5


def test_load_pairs_replaces_quotes(tmp_path: Path) -> None:
    rows = load_pairs(write_tsv(tmp_path / "pairs.tsv"))
    assert len(rows) == len(PAIRS)
    assert rows[5][3] == 'The minister resigned after the "scandal" broke.'
    assert rows[0][:3] == (1, "1000", "2000")
    # a folder holding one TSV works too
    assert len(load_pairs(tmp_path)) == len(PAIRS)


def test_bad_input(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("label\ta\tb\n1\tx\ty\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="header"):
        load_pairs(bad)
    short = tmp_path / "short.tsv"
    short.write_text(HEADER + "\n1\t1\t2\tonly one sentence\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="5 tab-separated"):
        load_pairs(short)


def test_tiny_cross_validation(tmp_path: Path) -> None:
    data = write_tsv(tmp_path / "pairs.tsv")
    result = run_task("paraphrase", data, folds=2)
    m = result.metrics
    assert m["pairs"] == len(PAIRS) and m["folds"] == 2
    for key in ("accuracy", "f1", "precision", "recall", "unsupervised_accuracy", "cosine_f1"):
        assert 0.0 <= float(m[key]) <= 1.0, key
    assert set(result.predictions) == {f"{1000 + i}-{2000 + i}" for i in range(len(PAIRS))}
    assert set(result.predictions.values()) <= {0, 1}
    # these made-up pairs are easy: the no-training score separates them
    assert float(m["unsupervised_accuracy"]) >= 0.75
    assert any("2-fold" in note for note in result.notes)


def test_options_and_too_few_pairs(tmp_path: Path) -> None:
    data = write_tsv(tmp_path / "pairs.tsv")
    with pytest.raises(DatasetError, match="unknown options"):
        run_task("paraphrase", data, folds=2, bogus=1)
    with pytest.raises(DatasetError, match="at least"):
        run_task("paraphrase", data, folds=20)


@pytest.mark.evaluation
def test_mrpc_cross_validation_targets() -> None:
    result = run_task("paraphrase", dataset("mrpc") / "msr_paraphrase_train.txt")
    m = result.metrics
    assert m["pairs"] == 4076 and m["folds"] == 10
    assert m["accuracy"] >= 0.78
    assert m["f1"] >= 0.84
    assert m["accuracy"] > m["unsupervised_accuracy"] > m["cosine_accuracy"] - 0.01
