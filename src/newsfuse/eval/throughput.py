"""``newsfuse eval throughput``: articles/s per stage and end to end, and peak memory, measured
against a baseline run in the same invocation — spaCy's full en_core_web_sm pipeline alone over
the very same clean article texts — so that the ratio holds on a noisy shared machine.

The comparison is stacked against newsfuse: its end-to-end time includes reading and cleaning the
files and loading the model and gazetteer, while the baseline's time excludes model loading.
"""

from __future__ import annotations

import importlib
import time
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


def run(
    data: Path,
    *,
    limit: int | None,
    progress: Progress,
    baseline: bool = True,
    **options: Any,
) -> EvalResult:
    config = Config.from_options(**options)
    found = discover([data], config.ingest)
    files = spread_sample(sorted(Path(f.display) for f in found.files), limit)

    report = analyze(files, config=config, progress=progress)
    seconds = report.stats["seconds"]
    n = len(report.articles)
    metrics: dict[str, Any] = {"articles": n, "rejected": len(report.rejected)}
    metrics["end_to_end_articles_per_s"] = n / seconds["total"]
    for stage, spent in seconds.items():
        if stage != "total":
            metrics[f"{stage}_articles_per_s"] = n / spent if spent > 0 else float("inf")
    metrics["peak_rss_mb"] = report.stats["peak_rss_mb"]
    metrics["peak_rss_worker_mb"] = report.stats["peak_rss_worker_mb"]

    if baseline:
        texts = [article.text for article in report.articles]
        package = importlib.import_module(config.nlp.model)
        full = package.load()
        advance = progress.step("Baseline: full spaCy", len(texts))
        started = time.perf_counter()
        for _ in full.pipe(texts):
            advance(1)
        baseline_seconds = time.perf_counter() - started
        metrics["baseline_full_spacy_articles_per_s"] = n / baseline_seconds
        metrics["ratio_vs_full_spacy"] = (n / seconds["total"]) / (n / baseline_seconds)
    notes = [
        (
            "end to end includes ingest, cleaning and model/gazetteer loading; the baseline "
            "(en_core_web_sm, all components, one process, default batch size) excludes loading"
        ),
    ]
    return EvalResult("throughput", metrics, predictions=report.stats, notes=notes)
