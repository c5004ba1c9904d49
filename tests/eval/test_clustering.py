"""``newsfuse eval clustering``: BCubed and ARI on hand-computed examples, the ECB+ loader and a
2-fold run on a tiny ECB+-layout fixture (``fixtures/ecb``: 2 topics x 2 incidents x 2 documents,
sentences made up for the test), the Clust-McMs catch-all handling on a tiny JSON written here,
and the real ECB+ / Clust-McMs data (``-m evaluation``: loader counts, a 5-fold run on the first
10 ECB+ topics, a few minutes on 2 cores, and Clust-McMs with the defaults)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsfuse.errors import DatasetError
from newsfuse.eval import TASKS, run_task
from newsfuse.eval.clustering import (
    bcubed,
    catchall_scores,
    detokenize,
    load,
    load_clust_mcms,
    load_ecbplus,
    parameter_grid,
    parse_date_line,
    scores,
)
from newsfuse.model import DateOrigin
from tests.conftest import dataset

FIXTURE = Path(__file__).parent / "fixtures" / "ecb"

ECB_KEYS = [
    "documents",
    "topics",
    "incidents",
    "folds",
    "incident_bcubed_precision",
    "incident_bcubed_recall",
    "incident_bcubed_f1",
    "incident_ari",
    "topic_bcubed_f1",
    "topic_ari",
    "oracle_incident_bcubed_f1",
    "oracle_incident_ari",
    "default_incident_bcubed_f1",
    "default_incident_ari",
    "no_decay_oracle_incident_bcubed_f1",
    "no_decay_oracle_incident_ari",
    "tfidf_baseline_oracle_incident_bcubed_f1",
    "tfidf_baseline_oracle_incident_ari",
    "stream_bcubed_f1",
    "batch_bcubed_f1",
    "stream_one_pass_bcubed_f1",
    "stream_minus_batch_bcubed_f1",
    "seconds",
]
SCORE_KEYS = [
    "excluding_catchall_bcubed_precision",
    "excluding_catchall_bcubed_recall",
    "excluding_catchall_bcubed_f1",
    "excluding_catchall_ari",
    "catchall_as_singletons_bcubed_precision",
    "catchall_as_singletons_bcubed_recall",
    "catchall_as_singletons_bcubed_f1",
    "catchall_as_singletons_ari",
]


def test_task_is_registered() -> None:
    assert TASKS["clustering"][0] == "newsfuse.eval.clustering"


# --- metrics ----------------------------------------------------------------------------------


def test_bcubed_by_hand() -> None:
    # gold A A A B B, predicted 1 1 2 2 2
    # precision per item: 1, 1, 1/3, 2/3, 2/3 -> 11/15; recall: 2/3, 2/3, 1/3, 1, 1 -> 11/15
    p, r, f = bcubed(list("AAABB"), [1, 1, 2, 2, 2])
    assert (p, r, f) == pytest.approx((11 / 15, 11 / 15, 11 / 15))
    # all singletons: precision 1, recall (3 * 1/3 + 2 * 1/2) / 5 = 2/5
    p, r, f = bcubed(list("AAABB"), [1, 2, 3, 4, 5])
    assert (p, r) == pytest.approx((1.0, 2 / 5))
    assert f == pytest.approx(2 * 0.4 / 1.4)
    # one cluster: precision (3 * 3/5 + 2 * 2/5) / 5 = 13/25, recall 1
    assert bcubed(list("AAABB"), [0] * 5)[:2] == pytest.approx((13 / 25, 1.0))
    # label names do not matter, only the partition
    assert bcubed(list("AAABB"), list("xxyzz")) == bcubed(list("AAABB"), [7, 7, 8, 9, 9])
    assert bcubed([], []) == (0.0, 0.0, 0.0)
    with pytest.raises(ValueError):
        bcubed(["A"], [1, 2])


def test_ari_by_hand() -> None:
    # contingency A:{1:2, 2:1}, B:{2:2}: index 2, expected 4 * 4 / 10 = 1.6, max 4
    m = scores(list("AAABB"), [1, 1, 2, 2, 2])
    assert m["ari"] == pytest.approx((2 - 1.6) / (4 - 1.6))
    assert m["f1"] == pytest.approx(11 / 15)
    assert scores(list("AAABB"), list("ppprr"))["ari"] == pytest.approx(1.0)


def test_catchall_scorings_by_hand() -> None:
    gold = ["7", "7", "166", "166", "9"]
    # all documents: the first catch-all document joined story 7, the second alone
    predicted_all = [0, 0, 0, 1, 2]
    # without the catch-all: documents 0, 1, 4, perfectly split
    m = catchall_scores(gold, predicted_all, [0, 0, 1])
    assert m["excluding_catchall_bcubed_f1"] == pytest.approx(1.0)
    assert m["excluding_catchall_ari"] == pytest.approx(1.0)
    # catch-all as singletons, gold 7 7 s2 s3 9: precision 2/3 2/3 1/3 1 1 -> 11/15, recall 1
    assert m["catchall_as_singletons_bcubed_precision"] == pytest.approx(11 / 15)
    assert m["catchall_as_singletons_bcubed_recall"] == pytest.approx(1.0)
    assert m["catchall_as_singletons_bcubed_f1"] == pytest.approx(11 / 13)
    # the two catch-all documents are NOT one gold cluster: putting them together costs
    together = catchall_scores(gold, [0, 0, 1, 1, 2], [0, 0, 1])
    assert together["catchall_as_singletons_bcubed_precision"] < 1.0
    with pytest.raises(ValueError):
        catchall_scores(gold, predicted_all, [0, 0])


# --- reading ECB+ -----------------------------------------------------------------------------


def tokens(text: str) -> list[str]:
    return text.split(" ")


def test_detokenize() -> None:
    assert detokenize(tokens("The warehouse 's owner could n't say .")) == (
        "The warehouse's owner couldn't say."
    )
    assert detokenize(tokens("`` We lost it , '' he said ( again ) .")) == (
        '"We lost it," he said (again).'
    )
    assert detokenize(tokens("It cost $ 30 , 000 at 10 : 24 ; 5 % more !")) == (
        "It cost $30,000 at 10:24; 5% more!"
    )


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("May 2 , 2013 , 1 : 12 PM", "2013-05-02"),
        ("First Published : June 13 , 2013 4 : 59 PM EDT", "2013-06-13"),
        ("Posted on Thu Jun 13 , 2013 08 : 45 AM PDT", "2013-06-13"),
        ("Updated 05 / 02 / 2013 at 11 : 00 AM EDT", "2013-05-02"),
        ("12 : 52 p . m . EDT May 2 , 2013", "2013-05-02"),
        ("Ellen to host 2014 Oscars", None),  # a headline with a year
        ("The fire started in 2005 in a Nashville warehouse .", None),
        ("Updated 4 : 08 p . m . ET", None),  # a time, no day
    ],
)
def test_date_lines(line: str, day: str | None) -> None:
    found = parse_date_line(line)
    assert (found.day if found else None) == day
    if found:
        assert found.origin is DateOrigin.TEXT


def test_load_ecbplus_fixture() -> None:
    corpus = load_ecbplus(FIXTURE)
    assert len(corpus.articles) == 8
    assert sorted(set(corpus.incidents)) == ["1ecb", "1ecbplus", "2ecb", "2ecbplus"]
    assert sorted(set(corpus.topics)) == ["1", "2"]
    assert corpus.names[:2] == ["1_1ecb.xml", "1_1ecbplus.xml"]
    by_name = dict(zip(corpus.names, corpus.articles, strict=True))
    plus = by_name["1_1ecbplus.xml"]
    assert plus.url == "http://www.example.com/news/porto-bakery-fire/"
    assert plus.published is not None
    assert plus.published.value == "2013-06-13T16:59:00-04:00"
    assert plus.published.origin is DateOrigin.TEXT
    # the metadata lines are not text; the headline is
    assert plus.text.splitlines()[0] == "Fire guts historic bakery in Porto"
    assert "http" not in plus.text and "Published" not in plus.text
    assert "at 4:30 a.m. and nobody" in plus.text
    ecb = by_name["1_1ecb.xml"]
    assert ecb.url is None and ecb.published is None
    assert ecb.text.splitlines() == [
        "Fire destroys warehouse in Dunmore",
        (
            "A large fire destroyed a furniture warehouse in Dunmore on Tuesday night, fire "
            "officials said."
        ),
        "Forty firefighters fought the blaze for six hours but couldn't save the building.",
        "The warehouse's owner, Gerald Pike, said no one was hurt.",
    ]
    assert {a.language for a in corpus.articles} == {"en"}
    assert len({a.id for a in corpus.articles}) == 8
    # the ECB+ folder itself, or a folder of topic folders, and a limit on topics
    assert len(load(FIXTURE / "ECB+").articles) == 8
    assert set(load_ecbplus(FIXTURE, limit=1).topics) == {"1"}


def test_bad_input(tmp_path: Path) -> None:
    (tmp_path / "ECB+" / "1").mkdir(parents=True)
    (tmp_path / "ECB+" / "1" / "notes.txt").write_text("no xml here", encoding="utf-8")
    with pytest.raises(DatasetError, match=re.escape(str(tmp_path))):
        run_task("clustering", tmp_path)
    broken = tmp_path / "topics" / "3"
    broken.mkdir(parents=True)
    (broken / "3_1ecb.xml").write_text("<Document><token", encoding="utf-8")
    with pytest.raises(DatasetError, match="3_1ecb.xml"):
        load(tmp_path / "topics")
    with pytest.raises(DatasetError, match="unknown options"):
        run_task("clustering", FIXTURE, bogus=1)
    with pytest.raises(DatasetError, match="folds"):
        run_task("clustering", FIXTURE, folds=3)  # only 2 topics


def test_parameter_grid() -> None:
    grid = parameter_grid()
    assert len(grid) == 6 * 4 * 3 * 2
    assert grid[0] == {
        "threshold": 0.4,
        "text_weight": 0.6,
        "entity_weight": 0.2,
        "lead_weight": 0.2,
        "number_weight": 0.0,
        "time_decay_days": 30.0,
        "neighbours": 5,
    }
    # the number channel is offered, and so is every weighting without it
    assert {p["number_weight"] for p in grid} == {0.0, 0.2}
    assert grid[5]["threshold"] == 0.65
    # an incident is local in time: every point decays
    assert {p["time_decay_days"] for p in grid} == {7.0, 30.0, 90.0}
    assert {p["neighbours"] for p in grid} == {5, 10}
    assert len({tuple(sorted(p.items())) for p in grid}) == len(grid)


def test_tiny_ecbplus_two_folds() -> None:
    result = run_task("clustering", FIXTURE, folds=2)
    m = result.metrics
    assert list(m) == ECB_KEYS
    assert (m["documents"], m["topics"], m["incidents"], m["folds"]) == (8, 2, 4, 2)
    for key in ECB_KEYS[4:-2]:
        if key.endswith("ari"):
            assert -1.0 <= float(m[key]) <= 1.0, key
        else:
            assert 0.0 <= float(m[key]) <= 1.0, key
    assert -1.0 <= float(m["stream_minus_batch_bcubed_f1"]) <= 1.0
    names = sorted(p.name for p in FIXTURE.glob("ECB+/*/*.xml"))
    assert sorted(result.predictions) == names
    # ids are unique per fold: the two topics were held out in different folds
    by_topic = {t: {result.predictions[n] for n in names if n[0] == t} for t in "12"}
    assert not by_topic["1"] & by_topic["2"]
    assert sum(note.startswith("fold ") for note in result.notes) == 2
    assert any(note.startswith("oracle_*") for note in result.notes)
    # the same run again (one worker this time) gives the same predictions
    again = run_task("clustering", FIXTURE, folds=2, workers=1)
    assert again.predictions == result.predictions


# --- Clust-McMs ---------------------------------------------------------------------------------

# (label, title, sentences): three made-up stories of two articles each, two catch-all articles
MCMS = [
    (12, "Flooding closes roads in Ipoh", ["Heavy rain flooded roads in Ipoh on Monday.", "Police closed three routes into the city."]),
    (12, "Ipoh floods: 200 people moved to shelters", ["About 200 residents of Ipoh spent the night in shelters.", "The rain is expected to ease on Wednesday."]),
    (166, "Recipe: a quick lemon cake", ["Mix the flour, sugar and eggs.", "Bake for 35 minutes."]),
    (30, "Singapore bus fares to rise in April", ["Bus fares in Singapore will rise by 4 cents from April.", "The fare council said fuel costs had gone up."]),
    (30, "Fare increase approved for Singapore buses", ["Singapore's fare council approved a 4-cent rise.", "Rail fares are unchanged."]),
    (166, "Ten tips for better sleep", ["Keep a regular bedtime.", "Avoid screens late at night."]),
    (41, "Penang ferry service suspended", ["The Penang ferry stopped running on Friday after an engine fault.", "Commuters used the bridge instead."]),
    (41, "Penang ferries to resume next week", ["Repairs to the Penang ferry will take five days, the operator said.", "A replacement vessel is being sought."]),
]  # fmt: skip


def write_mcms(path: Path) -> Path:
    articles = [
        {
            "ID": 100 + i,
            "title": title,
            "sentences": [{"SID": k, "content": s, "relevance": "9"} for k, s in enumerate(sents)],
            "event": "ANNOTATION-NOT-TEXT",
            "who": "ANNOTATION-NOT-TEXT",
        }
        for i, (_, title, sents) in enumerate(MCMS)
    ]
    data = {"articles": articles, "clusters": [label for label, _, _ in MCMS]}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_load_clust_mcms(tmp_path: Path) -> None:
    write_mcms(tmp_path / "mds_ac_dev_final.json")
    corpus = load(tmp_path)  # a folder holding the dev file
    assert corpus.kind == "clust-mcms"
    assert len(corpus.articles) == 8
    first = corpus.articles[0]
    assert first.title == "Flooding closes roads in Ipoh"
    assert first.text.splitlines() == [
        "Flooding closes roads in Ipoh",
        "Heavy rain flooded roads in Ipoh on Monday.",
        "Police closed three routes into the city.",
    ]
    assert all("ANNOTATION" not in a.text for a in corpus.articles)
    assert corpus.names[:3] == ["100", "101", "102"]
    assert corpus.incidents.count("166") == 2
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"articles": [{"ID": 1}], "clusters": []}), encoding="utf-8")
    with pytest.raises(DatasetError, match="bad.json"):
        load_clust_mcms(bad)


def test_tiny_clust_mcms_run(tmp_path: Path) -> None:
    result = run_task("clustering", write_mcms(tmp_path / "mds_ac_dev_final.json"))
    m = result.metrics
    assert list(m) == ["documents", "gold_clusters", "catchall_documents", *SCORE_KEYS, "seconds"]
    assert (m["documents"], m["gold_clusters"], m["catchall_documents"]) == (8, 3, 2)
    for key in SCORE_KEYS:
        low = -1.0 if key.endswith("ari") else 0.0
        assert low <= float(m[key]) <= 1.0, key
    assert sorted(result.predictions) == [str(100 + i) for i in range(8)]
    assert any("catch-all" in note for note in result.notes)
    assert any("no tuning" in note for note in result.notes)


# --- the real data ------------------------------------------------------------------------------


@pytest.mark.evaluation
def test_ecbplus_loader_counts() -> None:
    corpus = load(dataset("ecbplus"))
    assert len(corpus.articles) == 772
    assert len(set(corpus.incidents)) == 66
    assert len(set(corpus.topics)) == 33
    plus = [a for a in corpus.articles if "ecbplus" in a.key]
    assert all(a.url and a.url.startswith("http") for a in plus)
    # 295 of 381 carry a date line we read; the rest have none, or none we can read
    assert sum(a.published is not None for a in plus) >= 0.75 * len(plus)
    assert not any(a.url or a.published for a in corpus.articles if "ecbplus" not in a.key)


@pytest.mark.evaluation
def test_clust_mcms_loader_counts() -> None:
    corpus = load(dataset("clust-mcms"))
    assert len(corpus.articles) == 209
    assert len(set(corpus.incidents)) == 51
    assert corpus.incidents.count("166") == 53


@pytest.mark.evaluation
def test_ecbplus_cross_validation() -> None:
    # the first 10 topics (about 230 documents) keep this to a few minutes; the full 33-topic
    # run (`newsfuse eval clustering --data ../shared/datasets/ecbplus`) clusters 620-772
    # documents some 900 times
    result = run_task("clustering", dataset("ecbplus"), limit=10, folds=5)
    m = result.metrics
    assert list(m) == ECB_KEYS
    assert (m["topics"], m["incidents"], m["folds"]) == (10, 20, 5)
    assert 150 <= int(m["documents"]) <= 300
    for key in ECB_KEYS[4:-2]:
        low = -1.0 if key.endswith("ari") else 0.0
        assert low <= float(m[key]) <= 1.0, key
    assert len(result.predictions) == m["documents"]
    assert sum(note.startswith("fold ") for note in result.notes) == 5


@pytest.mark.evaluation
def test_clust_mcms_defaults() -> None:
    result = run_task("clustering", dataset("clust-mcms"))
    m = result.metrics
    assert (m["documents"], m["gold_clusters"], m["catchall_documents"]) == (209, 50, 53)
    for key in SCORE_KEYS:
        low = -1.0 if key.endswith("ari") else 0.0
        assert low <= float(m[key]) <= 1.0, key
