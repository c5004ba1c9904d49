"""``newsfuse eval events`` on sentences written for the tests, and on the PLOVER gold sentences."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsfuse.cli import app
from newsfuse.errors import DatasetError
from newsfuse.eval import run_task
from newsfuse.eval.events import plover_label, read_tsv
from tests.conftest import dataset

SENTENCES = (
    "id\ttext\tlabel\n"
    "s1\tRiot police fired tear gas to break up a sit-in by teachers and detained six of them."
    "\tPROTEST_WITH_INTER\n"
    "s2\tA flash flood swept away dozens of homes after a night of torrential rain.\t"
    "NATURAL_DISASTER\n"
    "s3\tThe foreign ministers of both countries met in Geneva for a second round of talks.\tDIPLO\n"
)


def test_a_small_tsv_is_scored_and_predictions_written(tmp_path):
    data = tmp_path / "events.tsv"
    data.write_text(SENTENCES, encoding="utf-8")
    out = tmp_path / "pred.json"
    result = CliRunner().invoke(
        app, ["eval", "events", "--data", str(data), "--predictions", str(out), "-q"]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["task"] == "events" and summary["sentences"] == 3
    assert 0.0 <= summary["macro_f1"] <= 1.0 and summary["weighted_f1"] >= 0.66
    assert "NATURAL_DISASTER>NATURAL_DISASTER=1" in summary["confusion"]
    assert set(json.loads(out.read_text())) == {"s1", "s2", "s3"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("id\ttext\tlabel\ns1\tA grenade hit a bus.\tBOMB\n", r"bad\.tsv:2: unknown label 'BOMB'"),
        ("id\ttext\tlabel\ns1\tA grenade hit a bus.\n", r"bad\.tsv:2: expected 3 tab-separated"),
        ("label\ttext\nGRENADE\tA grenade hit a bus.\n", r"bad\.tsv:1: expected the header"),
        (
            "id\ttext\tlabel\ns1\tA grenade hit.\tGRENADE\ns1\tAgain.\tGRENADE\n",
            r"bad\.tsv:3: id 's1' repeats",
        ),
    ],
)
def test_a_malformed_tsv_is_refused_naming_file_and_line(tmp_path, content, message):
    path = tmp_path / "bad.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DatasetError, match=message):
        read_tsv(path)


def test_a_folder_without_the_plover_file_is_refused(tmp_path):
    with pytest.raises(DatasetError, match="PLOVER_GSR_CAMEO.json"):
        run_task("events", tmp_path)


def test_plover_mapping_uses_the_category_only():
    assert plover_label("ASSAULT", "suicide-attack", "terrorism") == "SUIC_BOMB"
    assert plover_label("PROTEST", "riot", None) == "VIOL_DEMONSTR"
    assert plover_label("CONSULT", "visit", "diplomatic") == "DIPLO"
    assert plover_label("AGREE", None, "diplomatic, military") == "AGREEMENT"
    assert plover_label("FIGHT", "heavy-weapons", "military") is None  # three ACLED types
    assert plover_label("DEMAND", None, "economic") is None
    assert plover_label("FIGHT", None, "cbrn") == "CHEM_WEAP"


@pytest.mark.evaluation
def test_plover_gold_sentences():
    result = run_task("events", dataset("events"))
    metrics = result.metrics
    # 140 of the 322 gold sentences map to a label; the rest are counted in a note.
    assert metrics["sentences"] == 140
    assert any("left out" in note for note in result.notes)
    # Guards against regressions; the measured figure was 0.693 weighted F1.
    assert metrics["weighted_f1"] >= 0.60


@pytest.mark.evaluation
def test_plover_subfolder_is_accepted():
    assert run_task("events", dataset("events/plover_gsr"), limit=5).metrics["sentences"] == 5


@pytest.mark.evaluation
def test_the_labelled_set_of_plover_and_written_sentences_meets_the_figure():
    written = Path(__file__).parent / "fixtures" / "events_written.tsv"
    result = run_task("events", dataset("events"), also=str(written))
    metrics = result.metrics
    assert metrics["sentences"] == 140 + 360
    # Measured 2026-12-02: 0.849 together; 0.693 on the PLOVER part, 0.935 on the written part.
    assert metrics["weighted_f1"] >= 0.80
