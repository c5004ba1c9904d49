"""``newsfuse eval timex`` on documents written for the tests, and on TempEval-3 and MEANTIME."""

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsfuse.cli import app
from newsfuse.errors import DatasetError
from newsfuse.eval import run_task
from newsfuse.eval.timeml import read_cat
from tests.conftest import dataset

FIXTURES = Path(__file__).parent / "fixtures"


def test_cat_documents_drop_the_dateline_and_unannotated_sentences():
    doc = read_cat(FIXTURES / "cat" / "ferry.xml")
    assert doc.creation_time == "2024-05-07"
    assert doc.text == "Ferry service resumes\nThe ferry sailed on Saturday after two weeks ashore."
    assert [(t.text, t.value) for t in doc.timexes] == [
        ("Saturday", "2024-05-04"),
        ("two weeks", "P2W"),
    ]


def test_task_scores_a_mixed_folder_and_writes_predictions(tmp_path):
    shutil.copy(FIXTURES / "cat" / "ferry.xml", tmp_path)
    shutil.copy(FIXTURES / "timeml" / "harbour.tml", tmp_path)
    result = run_task("timex", tmp_path)
    metrics = result.metrics
    assert metrics["documents"] == 2 and metrics["gold"] == 5
    # The ferry document is found and normalized exactly.
    text = read_cat(FIXTURES / "cat" / "ferry.xml").text
    saturday, two_weeks = text.index("Saturday"), text.index("two weeks")
    assert result.predictions["ferry"] == [
        {"start": saturday, "end": saturday + 8, "type": "DATE", "value": "2024-05-04"},
        {"start": two_weeks, "end": two_weeks + 9, "type": "DURATION", "value": "P2W"},
    ]
    assert 0.5 < metrics["strict_f1"] <= metrics["relaxed_f1"] <= 1.0
    assert metrics["value_f1"] <= metrics["relaxed_f1"]


def test_cli_prints_metrics_and_json(tmp_path):
    shutil.copy(FIXTURES / "cat" / "ferry.xml", tmp_path)
    out = tmp_path / "pred.json"
    result = CliRunner().invoke(
        app, ["eval", "timex", "--data", str(tmp_path), "--predictions", str(out), "-q"]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["task"] == "timex" and summary["value_f1"] == 1.0
    assert json.loads(out.read_text())["ferry"][0]["value"] == "2024-05-04"


def test_a_folder_without_documents_is_refused(tmp_path):
    with pytest.raises(DatasetError, match="no .tml"):
        run_task("timex", tmp_path)


@pytest.mark.evaluation
def test_tempeval3_timebank_aquaint():
    result = run_task("timex", dataset("temporal/tbaq-cleaned"))
    metrics = result.metrics
    assert metrics["gold"] == 1822
    # Guards against regressions; BENCHMARKS.md records the measured figures.
    assert metrics["strict_f1"] >= 0.84
    assert metrics["value_f1"] >= 0.75


@pytest.mark.evaluation
def test_meantime_held_out():
    metrics = run_task("timex", dataset("temporal/meantime_en")).metrics
    assert metrics["documents"] == 120
    assert metrics["strict_f1"] >= 0.70 and metrics["value_f1"] >= 0.60


def test_an_unreadable_file_is_skipped_and_named_and_the_rest_is_scored(tmp_path):
    shutil.copy(FIXTURES / "cat" / "ferry.xml", tmp_path)
    (tmp_path / "broken.tml").write_text("<TimeML><TEXT>unclosed", encoding="utf-8")
    result = run_task("timex", tmp_path)
    assert result.metrics["documents"] == 1
    assert any("broken.tml" in note and "skipped" in note for note in result.notes)


def test_unknown_options_are_refused(tmp_path):
    shutil.copy(FIXTURES / "cat" / "ferry.xml", tmp_path)
    with pytest.raises(DatasetError, match="takes no options"):
        run_task("timex", tmp_path, bogus=1)
