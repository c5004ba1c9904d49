"""``newsfuse eval claims``: the claim comparator against a suite of claim pairs.

Layout: a TSV ``id<TAB>category<TAB>claim_a<TAB>claim_b<TAB>verdict<TAB>why`` with a header line
(verdicts: agreed, contradicted, disputed, unrelated), as in ``tests/fuse/fixtures/``. Each pair
is read and compared by :func:`newsfuse.fuse.compare.compare` with the default gazetteer;
reported are the share of verdicts right, per category and per verdict, and the confusion
(gold → said).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from newsfuse.errors import DatasetError
from newsfuse.eval._registry import EvalResult
from newsfuse.eval._tsv import read_table
from newsfuse.progress import Progress, Silent

__all__ = ["read_pairs", "run"]

HEADER = ["id", "category", "claim_a", "claim_b", "verdict", "why"]
VERDICTS = ("agreed", "contradicted", "disputed", "unrelated")


def read_pairs(path: Path) -> list[dict[str, str]]:
    _, records = read_table(path, [HEADER])
    for number, pair in records:
        if pair["verdict"] not in VERDICTS:
            raise DatasetError(f"{path}:{number}", f"the verdict must be one of {VERDICTS}")
    return [pair for _, pair in records]


def run(
    data: Path, *, limit: int | None = None, progress: Progress | None = None, **options: Any
) -> EvalResult:
    from newsfuse.fuse.compare import compare, read_statements
    from newsfuse.geo.gazetteer import Gazetteer
    from newsfuse.nlp.embeddings import embed

    if options:
        raise DatasetError(", ".join(options), "the claims task takes no options")
    progress = progress or Silent()
    pairs = read_pairs(data)[:limit] if limit else read_pairs(data)
    advance = progress.step("claims: reading and comparing pairs", 2)
    texts = [p["claim_a"] for p in pairs] + [p["claim_b"] for p in pairs]
    readings = read_statements(texts)
    vectors = embed([r.content for r in readings])
    advance(1)
    gazetteer = Gazetteer.open()
    n = len(pairs)
    right: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    predictions = []
    for i, pair in enumerate(pairs):
        result = compare(
            readings[i], readings[n + i], float(vectors[i] @ vectors[n + i]), gazetteer
        )
        ok = result.verdict == pair["verdict"]
        for key in ("all", f"category {pair['category']}", f"verdict {pair['verdict']}"):
            seen[key] += 1
            right[key] += ok
        confusion[(pair["verdict"], result.verdict)] += 1
        predictions.append({"id": pair["id"], "gold": pair["verdict"], "said": result.verdict,
                            "why": result.why, "similarity": result.similarity})  # fmt: skip
    advance(1)
    metrics: dict[str, float | int | str] = {"pairs": n, "accuracy": right["all"] / n if n else 0.0}
    for key in sorted(k for k in seen if k != "all"):
        metrics[key] = f"{right[key]}/{seen[key]}"
    notes = [
        "confusion (gold → said): "
        + ", ".join(f"{g}→{s} {c}" for (g, s), c in sorted(confusion.items()) if g != s)
    ]
    return EvalResult("claims", metrics, predictions, notes)
