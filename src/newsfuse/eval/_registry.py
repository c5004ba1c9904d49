"""The task table. Each task module exposes ``run(data, *, limit, progress, **options) -> EvalResult``."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsfuse.errors import DatasetError
from newsfuse.progress import Progress, Silent

# task name -> (module, one-line description)
TASKS: dict[str, tuple[str, str]] = {
    "extraction": ("newsfuse.eval.extraction", "article body extraction (Zyte benchmark layout)"),
    "pubdate": ("newsfuse.eval.pubdate", "HTML publication date (htmldate evaluation layout)"),
    "throughput": ("newsfuse.eval.throughput", "articles/s per stage and end to end, peak RSS"),
    "paraphrase": ("newsfuse.eval.paraphrase", "sentence-pair paraphrase, k-fold CV (MRPC TSV)"),
    "clustering": ("newsfuse.eval.clustering", "story clustering, CV across topics (ECB+ layout)"),
    "timex": ("newsfuse.eval.timex", "temporal expressions, TempEval-3 scoring (TimeML folder)"),
    "geocode": ("newsfuse.eval.geocode", "toponym recognition and resolution (LGL/GeoVirus XML)"),
    "claims": ("newsfuse.eval.claims", "claim-pair verdicts: agreed/contradicted/… (TSV)"),
    "quotes": ("newsfuse.eval.quotes", "quote speaker and attribution chain (gold TSV)"),
    "events": (
        "newsfuse.eval.events",
        "event typing, 30 ACLED-based labels (TSV or PLOVER folder)",
    ),
    "timeline": (
        "newsfuse.eval.timeline",
        "timeline summarization: AR1/AR2-F and Date-F1 (Timeline17 layout)",
    ),
}


@dataclass
class EvalResult:
    """Metrics in print order, plus what was predicted (written by ``--predictions``)."""

    task: str
    metrics: dict[str, float | int | str]
    predictions: Any = None
    notes: list[str] = field(default_factory=list)


def run_task(
    task: str,
    data: Path,
    *,
    limit: int | None = None,
    progress: Progress | None = None,
    **options: Any,
) -> EvalResult:
    if task not in TASKS:
        raise DatasetError(task, f"unknown eval task; choose one of: {', '.join(sorted(TASKS))}")
    if not data.exists():
        raise DatasetError(str(data), "data path does not exist")
    module = importlib.import_module(TASKS[task][0])
    result: EvalResult = module.run(data, limit=limit, progress=progress or Silent(), **options)
    return result
