"""``newsfuse eval throughput``: articles/s per stage and end to end, and peak memory, measured
against a baseline run in the same invocation — spaCy's full en_core_web_sm pipeline alone over
the very same clean article texts — so that the ratio holds on a noisy shared machine.

With ``--set repeats=N`` the pipeline and the baseline run N times, alternating, and the medians
are reported. Every repeat starts cold: the spaCy model, the language detector and MiniLM are loaded
again inside the timed run.

The comparison is stacked against newsfuse: its end-to-end time includes reading and cleaning the
files and loading the model and gazetteer, while the baseline's time excludes model loading.
"""

from __future__ import annotations

import importlib
import statistics
import time
from pathlib import Path
from typing import Any

from newsfuse.config import Config
from newsfuse.eval._registry import EvalResult
from newsfuse.ingest._discover import discover
from newsfuse.model import Report
from newsfuse.pipeline import analyze
from newsfuse.progress import Progress


def spread_sample(items: list[Path], limit: int | None) -> list[Path]:
    """``limit`` items evenly spaced over the sorted list, so a sample spans every sub-folder."""
    if limit is None or limit >= len(items):
        return items
    step = len(items) / limit
    return [items[int(i * step)] for i in range(limit)]


def _forget_loaded_models() -> None:
    """Make the next run load its models again, as a fresh process would."""
    from newsfuse.clean import _detector
    from newsfuse.nlp.embeddings import load_embedder
    from newsfuse.nlp.spacy_model import load_spacy

    load_spacy.cache_clear()
    load_embedder.cache_clear()
    _detector.cache_clear()


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

    reports: list[Report] = []
    baseline_runs: list[float] = []
    for _ in range(max(1, repeats)):
        _forget_loaded_models()
        reports.append(analyze(files, config=config, progress=progress))
        if baseline:
            texts = [article.text for article in reports[-1].articles]
            baseline_runs.append(_baseline_seconds(config.nlp.model, texts, progress))

    report = reports[0]
    n = len(report.articles)
    stages = [s for s in report.stats["seconds"] if s != "total"]

    def median_seconds(stage: str) -> float:
        return statistics.median(r.stats["seconds"][stage] for r in reports)

    metrics: dict[str, Any] = {
        "articles": n,
        "rejected": len(report.rejected),
        "repeats": len(reports),
    }
    metrics["end_to_end_articles_per_s"] = n / median_seconds("total")
    for stage in stages:
        spent = median_seconds(stage)
        metrics[f"{stage}_articles_per_s"] = n / spent if spent > 0 else float("inf")
    # The first run's peaks: a process's peak only grows, and later runs would include the
    # baseline's memory from the runs before them.
    metrics["peak_rss_mb"] = report.stats["peak_rss_mb"]
    metrics["peak_rss_worker_mb"] = report.stats["peak_rss_worker_mb"]
    if baseline:
        metrics["baseline_full_spacy_articles_per_s"] = n / statistics.median(baseline_runs)
        ratios = [
            b / r.stats["seconds"]["total"] for r, b in zip(reports, baseline_runs, strict=True)
        ]
        metrics["ratio_vs_full_spacy"] = statistics.median(ratios)
        metrics["ratio_vs_full_spacy_min"] = min(ratios)
    notes = [
        (
            "end to end includes ingest, cleaning and model/gazetteer loading; the baseline "
            "(en_core_web_sm, all components, one process, default batch size) excludes loading"
        ),
        "rates and ratio are medians over the repeats; peak memory is the first run's",
    ]
    return EvalResult("throughput", metrics, predictions=[r.stats for r in reports], notes=notes)
