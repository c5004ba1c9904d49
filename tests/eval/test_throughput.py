"""The throughput task on a tiny folder: every stage rated, the baseline run, medians taken."""

from pathlib import Path

from newsfuse.eval import run_task
from newsfuse.eval.throughput import spread_sample
from newsfuse.nlp.embeddings import backend_name

TEXT = (
    "Ferry crossings resume after storm\n\n"
    "The harbour ferry resumed its crossings on Tuesday after two days of high winds in Portmere, "
    "the operator Nordic Lines said, and asked passengers to arrive early.\n"
)


def test_spread_sample_spans_the_whole_list():
    items = [Path(f"{i:03d}") for i in range(100)]
    picked = spread_sample(items, 4)
    assert picked == [Path("000"), Path("025"), Path("050"), Path("075")]
    assert spread_sample(items, None) == items
    assert spread_sample(items, 500) == items


def test_throughput_reports_every_stage_and_a_ratio(tmp_path: Path):
    for i in range(3):
        (tmp_path / f"a{i}.txt").write_text(TEXT.replace("Tuesday", f"day {i}"), "utf-8")
    result = run_task("throughput", tmp_path, repeats=2)
    metrics = result.metrics
    assert metrics["articles"] == 3 and metrics["repeats"] == 2
    assert metrics["embedder"] == backend_name()
    for stage in ("ingest", "clean", "entities", "stories"):
        assert metrics[f"{stage}_articles_per_s"] > 0
    assert metrics["baseline_full_spacy_articles_per_s"] > 0
    assert metrics["ratio_vs_full_spacy"] > 0
    assert metrics["ratio_vs_full_spacy_min"] <= metrics["ratio_vs_full_spacy"]
    assert metrics["peak_rss_mb"] > 0
    assert len(result.predictions) == 2
    (each_run,) = [n for n in result.notes if n.startswith("each run")]
    pairs = each_run.split(": ", 1)[1].split(", ")
    assert len(pairs) == 2
    for pair, stats in zip(pairs, result.predictions, strict=True):
        ours, theirs = pair.split(" / ")
        assert ours == f"{stats['seconds']['total']:.1f}"
        assert float(theirs) >= 0  # three short texts: the baseline may take under 0.05 s
