"""``newsfuse eval pubdate``: the scorer on a tiny layout built here, and the real benchmark."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsfuse.errors import DatasetError
from newsfuse.eval import run_task
from newsfuse.eval.pubdate import decode_html, load_labels, score
from tests.conftest import dataset

ARTICLE = (
    "<p>The harbour ferry resumed its morning crossings on Tuesday after two days of high "
    "winds, the operator said.</p><p>Passengers were asked to arrive early.</p>"
)


def _page(head: str = "", body: str = "") -> str:
    return (
        f"<html><head><meta charset='utf-8'><title>Ferry resumes</title>{head}</head>"
        f"<body><article><h1>Ferry service resumes after storm</h1>{body}{ARTICLE}</article>"
        "</body></html>"
    )


def _layout(tmp_path: Path, pages: dict[str, tuple[str, str | None, str | float | None]]) -> Path:
    """pages: {url: (file name, html, gold date)}; html None writes no page file."""
    (tmp_path / "pages").mkdir()
    labels = {}
    for url, (name, html, gold) in pages.items():
        if html is not None:
            (tmp_path / "pages" / f"{name}.gz").write_bytes(gzip.compress(html.encode("utf-8")))
        labels[url] = {"file": name, "date": gold}
    (tmp_path / "labels.json").write_text(json.dumps(labels), encoding="utf-8")  # NaN allowed
    return tmp_path


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    meta = '<meta property="article:published_time" content="2022-09-12T08:00:00+02:00">'
    return _layout(
        tmp_path,
        {
            "https://a.example/right": ("1.html", _page(meta), "2022-09-12"),  # tp
            "https://b.example/wrong": ("2.html", _page(meta), "2022-09-11"),  # fp
            "https://c.example/none": ("3.html", _page(), None),  # tn
            "https://d.example/nan": ("4.html", _page(), float("nan")),  # tn (htmldate's NaN)
            "https://e.example/missed": ("5.html", _page(), "2022-09-10"),  # fn
        },
    )


def test_scorer_counts_like_htmldate(tiny: Path) -> None:
    result = run_task("pubdate", tiny, baseline=False)
    assert result.task == "pubdate"
    assert list(result.metrics)[:8] == [
        "accuracy",
        "day_accuracy",
        "precision",
        "recall",
        "f1",
        "pages",
        "no_date",
        "median_ms_per_page",
    ]
    assert result.metrics["pages"] == 5
    assert result.metrics["no_date"] == 3
    assert result.metrics["accuracy"] == pytest.approx(3 / 5)  # tp + 2 tn
    assert result.metrics["day_accuracy"] == pytest.approx(1 / 5)  # tp only
    assert result.metrics["precision"] == pytest.approx(1 / 2)
    assert result.metrics["recall"] == pytest.approx(1 / 2)
    assert result.metrics["f1"] == pytest.approx(2 / 4)
    assert result.predictions == {
        "https://a.example/right": "2022-09-12",
        "https://b.example/wrong": "2022-09-12",
        "https://c.example/none": None,
        "https://d.example/nan": None,
        "https://e.example/missed": None,
    }
    assert any("development data" in note for note in result.notes)
    json.dumps(result.metrics)  # one line of JSON at the end of the CLI output


def test_baseline_is_scored_in_the_same_run(tiny: Path) -> None:
    result = run_task("pubdate", tiny)
    assert 0.0 <= result.metrics["htmldate_accuracy"] <= 1.0


def test_limit_takes_the_first_pages(tiny: Path) -> None:
    result = run_task("pubdate", tiny, limit=2, baseline=False)
    assert result.metrics["pages"] == 2
    assert set(result.predictions) == {"https://a.example/right", "https://b.example/wrong"}


def test_score_on_its_own() -> None:
    scores = score({"u1": "2020-01-02", "u2": None}, {"u1": "2020-01-02", "u2": "2020-01-03"})
    assert (scores["tp"], scores["fp"], scores["fn"], scores["tn"]) == (1, 0, 1, 0)
    assert scores["precision"] == 1.0 and scores["recall"] == 0.5


def test_layout_errors_say_what_is_missing(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="labels.json"):
        load_labels(tmp_path)
    bad = _layout(tmp_path, {"https://x.example/": ("gone.html", None, "2022-09-12")})
    with pytest.raises(DatasetError, match="missing"):
        load_labels(bad)


def test_bad_gold_date_is_reported(tmp_path: Path) -> None:
    bad = _layout(tmp_path, {"https://x.example/": ("x.html", _page(), "12/09/2022")})
    with pytest.raises(DatasetError, match="YYYY-MM-DD"):
        load_labels(bad)


def test_decode_honours_bom_declared_charset_and_falls_back() -> None:
    text = "<html><head><title>Київ</title></head><body>café</body></html>"
    assert decode_html(b"\xef\xbb\xbf" + text.encode("utf-8")) == text
    assert decode_html(text.encode("utf-16")) == text  # BOM written by the codec
    declared = '<meta charset="windows-1251"><p>Київ, вересень</p>'
    assert decode_html(declared.encode("cp1251")) == declared
    http_equiv = (
        '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>café</p>'
    )
    assert decode_html(http_equiv.encode("cp1252")) == http_equiv
    # a stale legacy declaration on a page re-saved as UTF-8
    stale = '<meta charset="iso-8859-1"><p>Київ café</p>'
    assert decode_html(stale.encode("utf-8")) == stale
    # undeclared, not UTF-8: windows-1252, never an exception
    assert decode_html("<p>naïve “quotes”</p>".encode("cp1252")) == "<p>naïve “quotes”</p>"
    assert decode_html(b"<p>\x81\x8d</p>").startswith("<p>")


@pytest.mark.evaluation
def test_htmldate_mediacloud_accuracy() -> None:
    data = dataset("htmldate-mediacloud")
    result = run_task("pubdate", data)
    assert result.metrics["pages"] == 200
    assert result.metrics["accuracy"] >= 0.90, result.metrics
    assert result.metrics["day_accuracy"] >= 0.90, result.metrics  # right days alone
    assert result.metrics["accuracy"] > result.metrics["htmldate_accuracy"], result.metrics
