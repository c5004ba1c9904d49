"""TimeML reading and TempEval-3 style TIMEX3 scoring, on a document written for the tests."""

from pathlib import Path

import pytest

from newsfuse.errors import DatasetError
from newsfuse.eval.timeml import Timex, read_timeml, score_timexes
from tests.conftest import dataset

HARBOUR = Path(__file__).parent / "fixtures" / "timeml" / "harbour.tml"


def test_reads_creation_time_text_and_expression_spans():
    doc = read_timeml(HARBOUR)
    assert doc.name == "harbour" and doc.creation_time == "2024-05-07"
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("on Saturday", "DATE", "2024-05-04"),
        ("three days", "DURATION", "P3D"),
        ("Wednesday evening", "TIME", "2024-05-08TEV"),
    ]
    for timex in doc.timexes:
        assert doc.text[timex.start : timex.end] == timex.text
    assert "<EVENT" not in doc.text and "walked out at the harbour" in doc.text


def test_a_file_that_is_not_timeml_is_refused_with_its_name(tmp_path):
    bad = tmp_path / "broken.tml"
    bad.write_text("<TimeML><TEXT>unclosed", encoding="utf-8")
    with pytest.raises(DatasetError, match="not a readable TimeML file"):
        read_timeml(bad)
    plain = tmp_path / "plain.tml"
    plain.write_text("<TimeML><DOCID>x</DOCID></TimeML>", encoding="utf-8")
    with pytest.raises(DatasetError, match="no <TEXT> element"):
        read_timeml(plain)


def test_scores_follow_tempeval3_definitions():
    gold = read_timeml(HARBOUR).timexes
    saturday, days, _missed = gold
    system = [
        Timex(saturday.start, saturday.end, "DATE", "2024-05-04"),  # exact, right value
        Timex(days.start + 6, days.end, "DURATION", "P1D"),  # "days" only, wrong value
        Timex(0, 7, "DATE", "PRESENT_REF"),  # "Dockers": a false alarm
    ]  # "Wednesday evening" is missed
    got = score_timexes([gold], [system])
    assert (got["gold"], got["system"]) == (3, 3)
    assert got["strict_precision"] == pytest.approx(1 / 3)
    assert got["strict_recall"] == pytest.approx(1 / 3)
    assert got["relaxed_f1"] == pytest.approx(2 / 3)
    assert got["value_f1"] == pytest.approx(1 / 3)  # found but wrongly normalized costs value
    assert got["type_f1"] == pytest.approx(2 / 3)
    assert score_timexes([gold], [[]])["relaxed_recall"] == 0.0
    with pytest.raises(ValueError, match="1 gold documents but 2 predicted"):
        score_timexes([gold], [[], []])


def test_one_system_expression_matches_one_gold_expression():
    gold = [Timex(0, 5, "DATE", "2024"), Timex(6, 10, "DATE", "2025")]
    wide = [Timex(0, 10, "DATE", "2024")]  # overlaps both: counts once
    got = score_timexes([gold], [wide])
    assert got["relaxed_precision"] == 1.0 and got["relaxed_recall"] == 0.5


@pytest.mark.evaluation
def test_reads_every_tempeval3_training_document():
    folder = dataset("temporal/tbaq-cleaned")
    documents = [read_timeml(p) for p in sorted(folder.glob("*/*.tml"))]
    assert len(documents) == 256  # TimeBank 183 + AQUAINT 73
    assert all(d.creation_time for d in documents)
    timexes = [t for d in documents for t in d.timexes]
    assert len(timexes) > 1500
    assert {t.type for t in timexes} == {"DATE", "TIME", "DURATION", "SET"}
    for doc in documents:
        for timex in doc.timexes:
            assert doc.text[timex.start : timex.end] == timex.text
            assert timex.text.strip() == timex.text, (doc.name, timex)
