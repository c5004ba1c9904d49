"""``newsfuse eval throughput``: articles/s per stage and end to end, and peak memory, measured
against a baseline run in the same invocation — spaCy's full en_core_web_sm pipeline alone over
the very same clean article texts — so that the ratio holds on a noisy shared machine.

With ``--set repeats=N`` the pipeline and the baseline run N times, alternating, and the medians
are reported. Every pipeline run starts cold, as ``newsfuse analyze`` would: in a new Python process
(spawned, not forked), which imports the libraries and loads every model inside the timed run. Only
what a first run leaves on disk is reused: the GeoNames table and the ONNX export of MiniLM.

The comparison is stacked against newsfuse: its end-to-end time includes reading and cleaning the
files and loading the model and gazetteer, while the baseline's time excludes model loading.
"""

from __future__ import annotations

import importlib
import multiprocessing
import statistics
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from newsfuse.config import Config
from newsfuse.eval._registry import EvalResult
from newsfuse.ingest._discover import discover
from newsfuse.pipeline import analyze
from newsfuse.progress import Progress


def spread_sample(items: list[Path], limit: int | None) -> list[Path]:
    """``limit`` items evenly spaced over the sorted list, so a sample spans every sub-folder."""
    if limit is None or limit >= len(items):
        return items
    step = len(items) / limit
    return [items[int(i * step)] for i in range(limit)]


def _cold_run(files: list[Path], options: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """One pipeline run in a process of its own: its stats, and the clean texts."""
    report = analyze(files, config=Config.from_options(**options))
    return report.stats, [article.text for article in report.articles]


def _baseline_seconds(model: str, texts: list[str], progress: Progress) -> float:
    full = importlib.import_module(model).load()
    advance = progress.step("Baseline: full spaCy", len(texts))
    started = time.perf_counter()
    for _ in full.pipe(texts):
        advance(1)
    return time.perf_counter() - started


def run(
    data: Path,
    *,
    limit: int | None,
    progress: Progress,
    baseline: bool = True,
    repeats: int = 1,
    **options: Any,
) -> EvalResult:
    config = Config.from_options(**options)
    found = discover([data], config.ingest)
    files = spread_sample(sorted(Path(f.display) for f in found.files), limit)

    runs: list[dict[str, Any]] = []
    baseline_runs: list[float] = []
    for repeat in range(max(1, repeats)):
        advance = progress.step(f"Pipeline run {repeat + 1} (a new process)", 1)
        # Spawned, not forked, so nothing this process has imported or loaded carries over.
        # (A ProcessPoolExecutor's worker, unlike a Pool's, may start processes of its own.)
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
            stats, texts = pool.submit(_cold_run, files, options).result()
        advance(1)
        runs.append(stats)
        if baseline:
            baseline_runs.append(_baseline_seconds(config.nlp.model, texts, progress))

    first = runs[0]
    n = first["articles"]
    stages = [s for s in first["seconds"] if s != "total"]

    def median_seconds(stage: str) -> float:
        return statistics.median(r["seconds"][stage] for r in runs)

    metrics: dict[str, Any] = {
        "articles": n,
        "rejected": first["rejected"],
        "repeats": len(runs),
        "embedder": first["embedder"],  # which sentence-embedding backend the runs used
    }
    metrics["end_to_end_articles_per_s"] = n / median_seconds("total")
    for stage in stages:
        spent = median_seconds(stage)
        metrics[f"{stage}_articles_per_s"] = n / spent if spent > 0 else float("inf")
    # Each run's own process: its peak, and its largest worker's (a forked worker's figure
    # includes the pages it shares with the run's process).
    metrics["peak_rss_mb"] = max(r["peak_rss_mb"] for r in runs)
    metrics["peak_rss_worker_mb"] = max(r["peak_rss_worker_mb"] for r in runs)
    if baseline:
        metrics["baseline_full_spacy_articles_per_s"] = n / statistics.median(baseline_runs)
        ratios = [b / r["seconds"]["total"] for r, b in zip(runs, baseline_runs, strict=True)]
        metrics["ratio_vs_full_spacy"] = statistics.median(ratios)
        metrics["ratio_vs_full_spacy_min"] = min(ratios)
    notes = [
        (
            "end to end includes ingest, cleaning and model/gazetteer loading; the baseline "
            "(en_core_web_sm, all components, one process, default batch size) excludes loading"
        ),
        (
            "rates and ratio are medians over the repeats, each run in a new process; peak "
            "memory is the largest of the runs"
        ),
        (
            "aliases runs beside times, and stories beside quotes (one-core work in the main "
            "process while workers run): the seconds of times and quotes include theirs"
        ),
    ]
    if baseline:
        # The pairs behind the median and the minimum: on a shared machine one slow run shows
        # here as one pair out of line.
        pairs = zip(runs, baseline_runs, strict=True)
        notes.append(
            "each run, newsfuse s / baseline s: "
            + ", ".join(f"{r['seconds']['total']:.1f} / {b:.1f}" for r, b in pairs)
        )
    return EvalResult("throughput", metrics, predictions=runs, notes=notes)
