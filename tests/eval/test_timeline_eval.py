"""``newsfuse eval timeline``: reading the Timeline17 layout (on a small layout written here) and
the scores on ../shared/datasets/timeline17."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsfuse.errors import DatasetError
from newsfuse.eval import run_task
from newsfuse.eval.timeline import read_reference
from tests.conftest import dataset

REFERENCE = """2023-03-14
A ferry runs aground off the northern cape with 214 people aboard .
--------------------------------
2023-03-15
Lifeboats take all passengers ashore .
The coastguard opens an inquiry .
--------------------------------
"""

ARTICLES = {
    "2023-03-14/1.txt": "A passenger ferry ran aground off the northern cape on Tuesday evening "
    "with 214 people aboard, the coastguard said.\nThe ship had left the port of Tarn an hour "
    "earlier in calm weather.",
    "2023-03-15/2.txt": "Lifeboats took all 214 passengers ashore on Wednesday morning after the "
    "ferry ran aground off the northern cape.\nThe coastguard said it had opened an inquiry into "
    "the grounding.",
    "2023-03-16/3.txt": "Divers inspected the hull of the grounded ferry on Thursday as the "
    "coastguard inquiry began.\nThe ferry ran aground on Tuesday evening off the cape.",
}


def write_topic(root: Path, name: str = "ferry_gazette", reference: str = REFERENCE) -> Path:
    topic = root / name
    for relative, text in ARTICLES.items():
        path = topic / "InputDocs" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    (topic / "timelines").mkdir(parents=True)
    (topic / "timelines" / "gazette.txt").write_text(reference)
    return topic


def test_a_reference_timeline_is_read_by_day(tmp_path: Path) -> None:
    path = write_topic(tmp_path) / "timelines" / "gazette.txt"
    timeline = read_reference(path)
    assert sorted(timeline) == [date(2023, 3, 14), date(2023, 3, 15)]
    assert len(timeline[date(2023, 3, 15)]) == 2


def test_an_entry_with_a_broken_date_is_left_out_and_named(tmp_path: Path) -> None:
    broken = REFERENCE + "2023-03-1\nDivers inspect the hull .\n-----\n"
    path = write_topic(tmp_path, reference=broken) / "timelines" / "gazette.txt"
    problems: list[str] = []
    timeline = read_reference(path, problems)
    assert sorted(timeline) == [date(2023, 3, 14), date(2023, 3, 15)]  # the good entries kept
    assert len(problems) == 1 and "gazette.txt:8" in problems[0] and "2023-03-1" in problems[0]
    with pytest.raises(DatasetError, match="gazette.txt:8"):
        read_reference(path)


def test_a_file_without_entries_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("no dates here\n")
    with pytest.raises(DatasetError, match="empty.txt"):
        read_reference(path)


def test_the_eval_builds_and_scores_a_timeline_per_reference(tmp_path: Path) -> None:
    write_topic(tmp_path)
    result = run_task("timeline", tmp_path)
    metrics = result.metrics
    assert metrics["topics"] == 1 and metrics["timelines"] == 1 and metrics["articles"] == 3
    assert metrics["Date-F1"] == 1.0  # both reference days are the most named
    assert 0.2 < metrics["AR1-F"] <= 1.0 and 0.0 < metrics["AR2-F"] <= metrics["AR1-F"]
    predicted = result.predictions["ferry_gazette/gazette.txt"]
    assert list(predicted) == ["2023-03-14", "2023-03-15"]
    # (1 + 2) / 2 sentences a day, rounded: 2, fewer only when a day's candidates run out
    assert len(predicted["2023-03-14"]) == 2 and len(predicted["2023-03-15"]) <= 2


def test_cross_validation_needs_two_subjects(tmp_path: Path) -> None:
    write_topic(tmp_path)
    with pytest.raises(DatasetError, match="two subjects"):
        run_task("timeline", tmp_path, cv="true")


def test_bad_options_and_layouts_are_named(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="InputDocs"):
        run_task("timeline", tmp_path)
    write_topic(tmp_path)
    with pytest.raises(DatasetError, match="topics= and cv="):
        run_task("timeline", tmp_path, per_date="2")
    with pytest.raises(DatasetError, match="no topic folder named missing"):
        run_task("timeline", tmp_path, topics="missing")


@pytest.mark.evaluation
def test_timeline17_scores_reach_the_figures() -> None:
    """The figures of BENCHMARKS.md, on the Timeline17 topics the method's settings were chosen
    on (the held-out estimate is ``--set cv=true``; see BENCHMARKS.md)."""
    metrics = run_task("timeline", dataset("timeline17")).metrics
    assert metrics["timelines"] == 11
    assert metrics["AR1-F"] >= 0.13
    assert metrics["AR2-F"] >= 0.04
    assert metrics["Date-F1"] >= 0.56
