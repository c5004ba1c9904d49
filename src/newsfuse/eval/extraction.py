"""``newsfuse eval extraction``: article body extraction on the Zyte article-extraction benchmark.

Input layout (as published by scrapinghub/article-extraction-benchmark): a folder with
``ground-truth.json`` = ``{id: {"articleBody": ..., "url": ...}}`` and ``html/<id>.html.gz``.

Two systems are scored in the same run on the same pages:

- **newsfuse**: exactly what ``newsfuse analyze`` does to one HTML page —
  :func:`newsfuse.ingest.html.extract_html`, then the clean stage
  (:func:`newsfuse.clean.clean_documents`, i.e. :func:`newsfuse.clean.clean_text` with the page's
  title and outlet, encoding repair, glued-chrome title fix);
- **plain trafilatura**: ``trafilatura.extract(html)`` with default settings, as a reference.

The metric reproduces the benchmark's own scorer, ``evaluate.py`` of
scrapinghub/article-extraction-benchmark (read at commit 7d95432d):

- tokens are ``re.findall(r"\\w+", text)`` (flags UNICODE|MULTILINE|IGNORECASE|DOTALL; no lower-casing);
  ``None`` counts as the empty string;
- shingles are 4-token tuples ``tokens[i:i+4]`` for ``i in range(max(1, len(tokens) - 3))``, so a text
  of 1–3 tokens has one shorter shingle and an empty text has none; shingles are counted as a multiset;
- per page, TP = Σ min(true, pred) counts, FP = Σ excess predicted, FN = Σ missing, then the three are
  divided by their sum (every page weighs the same; all stay 0 when both texts are empty);
- precision per page = 1 if FP = FN = 0, 0 if TP = FP = 0, else TP/(TP+FP); recall likewise with FN;
- precision is averaged over pages with TP+FP > 0 (an empty prediction does not count against
  precision, only recall), recall over pages with TP+FN > 0; F1 = 2PR/(P+R) from those means.

The upstream script adds bootstrap standard deviations and an exact-match "accuracy"; this task
reports neither (no bootstrap). Note: this benchmark is the development set the extraction
settings and cleaning rules were tuned on, so its scores are optimistic for unseen sites.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import time
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsfuse.errors import DatasetError
from newsfuse.eval._registry import EvalResult
from newsfuse.model import RawDocument
from newsfuse.progress import Progress, Silent

TASK = "extraction"
NGRAM_N = 4
_TOKEN_RE = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)

TpFpFn = tuple[float, float, float]
_SILENT = Silent()


# --------------------------------------------------------------------------------------------
# The benchmark's metric


def tokenize(text: str | None) -> list[str]:
    return _TOKEN_RE.findall(text or "")


def shingles(text: str | None, n: int = NGRAM_N) -> Counter[tuple[str, ...]]:
    tokens = tokenize(text)
    grams = (tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))
    return Counter(g for g in grams if g)


def shingle_matching(true: str | None, pred: str | None, n: int = NGRAM_N) -> TpFpFn:
    """Normalised (TP, FP, FN) over shingle counts of one page."""
    true_counts, pred_counts = shingles(true, n), shingles(pred, n)
    tp = fp = fn = 0.0
    for key in true_counts.keys() | pred_counts.keys():
        t, p = true_counts.get(key, 0), pred_counts.get(key, 0)
        tp += min(t, p)
        fp += max(0, p - t)
        fn += max(0, t - p)
    total = tp + fp + fn
    if total > 0:
        return tp / total, fp / total, fn / total
    return tp, fp, fn


def precision_score(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def recall_score(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def metrics_from_counts(counts: list[TpFpFn]) -> dict[str, float]:
    """Mean precision and recall over pages, and F1 from the two means."""
    precisions = [precision_score(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [recall_score(*c) for c in counts if c[0] + c[2] > 0]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return {"f1": f1, "precision": precision, "recall": recall}


def score(
    ground_truth: Mapping[str, Mapping[str, Any]], predictions: Mapping[str, Mapping[str, Any]]
) -> dict[str, float]:
    """The benchmark metric for ``{id: {"articleBody": text}}`` predictions."""
    if ground_truth.keys() != predictions.keys():
        raise ValueError("prediction keys do not match ground truth")
    counts = [
        shingle_matching(
            ground_truth[k].get("articleBody", ""), predictions[k].get("articleBody", "")
        )
        for k in ground_truth
    ]
    return metrics_from_counts(counts)


# --------------------------------------------------------------------------------------------
# Systems


def newsfuse_body(html: str, url: str | None = None) -> str:
    """The article text newsfuse keeps for one HTML page, "" when it finds none: the page goes
    through :func:`~newsfuse.ingest.html.extract_html` into a :class:`RawDocument` (fields as the
    HTML reader fills them) and through :func:`~newsfuse.clean.clean_documents`, whose per-text
    work is :func:`~newsfuse.clean.clean_text` with the page's title and outlet."""
    from newsfuse.clean import clean_documents
    from newsfuse.ingest.html import extract_html

    try:
        page = extract_html(html, url)
    except ValueError:
        return ""
    found_url = page.url or url
    host = (urlsplit(found_url).hostname or "").removeprefix("www.") if found_url else ""
    doc = RawDocument(
        key=found_url or "page",
        source_path=found_url or "page",
        format="html",
        text=page.text.strip(),
        title=page.title,
        url=found_url,
        outlet=page.sitename or host or None,
        author=page.author,
        published=page.published,
    )
    return clean_documents([doc])[0].text


def trafilatura_body(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


# --------------------------------------------------------------------------------------------
# The task


def _load(data: Path) -> tuple[dict[str, dict[str, Any]], Path]:
    truth_path = data / "ground-truth.json"
    html_dir = data / "html"
    if not truth_path.is_file() or not html_dir.is_dir():
        raise DatasetError(
            str(data), "expected ground-truth.json and html/<id>.html.gz (Zyte benchmark layout)"
        )
    try:
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise DatasetError(str(truth_path), f"cannot read ground truth: {err}") from err
    if not isinstance(truth, dict) or not truth:
        raise DatasetError(str(truth_path), "ground truth must be a non-empty {id: {...}} object")
    return truth, html_dir


def run(
    data: Path,
    *,
    limit: int | None = None,
    progress: Progress = _SILENT,
    **options: Any,
) -> EvalResult:
    """Score newsfuse and plain trafilatura on the benchmark pages (all, or the first ``limit``)."""
    if options:
        raise DatasetError(TASK, f"unknown options for the extraction task: {', '.join(options)}")
    truth, html_dir = _load(Path(data))
    ids = sorted(truth)
    if limit is not None:
        ids = ids[:limit]
    advance = progress.step("extraction pages", len(ids))
    ours: dict[str, dict[str, str]] = {}
    reference: dict[str, dict[str, str]] = {}
    ours_seconds = reference_seconds = 0.0
    for page_id in ids:
        path = html_dir / f"{page_id}.html.gz"
        try:
            with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
                html = f.read()
        except OSError as err:
            raise DatasetError(str(path), f"cannot read page: {err}") from err
        url = truth[page_id].get("url")
        start = time.perf_counter()
        ours[page_id] = {"articleBody": newsfuse_body(html, url)}
        middle = time.perf_counter()
        reference[page_id] = {"articleBody": trafilatura_body(html)}
        reference_seconds += time.perf_counter() - middle
        ours_seconds += middle - start
        advance(1)

    gold = {k: truth[k] for k in ids}
    mine, theirs = score(gold, ours), score(gold, reference)
    metrics: dict[str, float | int | str] = {
        "f1": round(mine["f1"], 4),
        "precision": round(mine["precision"], 4),
        "recall": round(mine["recall"], 4),
        "trafilatura_f1": round(theirs["f1"], 4),
        "trafilatura_precision": round(theirs["precision"], 4),
        "trafilatura_recall": round(theirs["recall"], 4),
        "pages": len(ids),
    }
    per_page_ms = 1000 * ours_seconds / max(1, len(ids))
    reference_ms = 1000 * reference_seconds / max(1, len(ids))
    notes = [
        (
            "metric: scrapinghub/article-extraction-benchmark evaluate.py (4-token shingles, "
            "per-page P/R averaged, F1 from the means); no bootstrap"
        ),
        (
            "newsfuse = extract_html + clean_text (as in `newsfuse analyze`); reference = "
            "trafilatura.extract(html) with default settings"
        ),
        (
            "this benchmark is DEVELOPMENT data: extraction settings and cleaning rules were "
            "tuned on it, so the scores are optimistic for unseen sites"
        ),
        f"newsfuse {per_page_ms:.0f} ms/page (incl. htmldate), trafilatura {reference_ms:.0f} ms/page",
    ]
    return EvalResult(task=TASK, metrics=metrics, predictions=ours, notes=notes)
