"""``newsfuse eval timex``: temporal expressions found and normalized, scored as TempEval-3 does.

Layout: a folder (searched recursively) of TimeML ``.tml`` files — TempEval-3's TimeBank and
AQUAINT — or of MEANTIME's CAT ``.xml`` files; both may be mixed. Each document is tagged with
:func:`newsfuse.nlp.timex.find_time_expressions`, anchored to its own creation time, and scored
with :func:`newsfuse.eval.timeml.score_timexes` (strict and relaxed extent, value and type F1).
Expressions the tagger could not anchor are scored with an empty value, so they count as found
but wrongly normalized. Also reported: documents and characters tagged per second (one core).
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Any

from newsfuse.errors import DatasetError
from newsfuse.eval._registry import EvalResult
from newsfuse.eval.timeml import TimemlDocument, Timex, read_cat, read_timeml, score_timexes
from newsfuse.nlp.timex import find_time_expressions
from newsfuse.progress import Progress, Silent

__all__ = ["load_documents", "run"]


def load_documents(
    data: Path, limit: int | None = None, skipped: list[str] | None = None
) -> list[TimemlDocument]:
    """Every TimeML or CAT document under ``data`` (a folder or one file), by path. A file that
    cannot be read is skipped and named in ``skipped`` (when given; else it stops the run)."""
    if data.is_file():
        paths = [data]
    else:
        paths = sorted(p for p in data.rglob("*") if p.suffix in (".tml", ".xml") and p.is_file())
    if not paths:
        raise DatasetError(str(data), "no .tml (TimeML) or .xml (CAT) files here")
    if limit is not None:
        paths = paths[:limit]
    documents = []
    for path in paths:
        try:
            documents.append(read_timeml(path) if path.suffix == ".tml" else read_cat(path))
        except DatasetError as error:
            if skipped is None:
                raise
            skipped.append(f"skipped {error}")
    if not documents:
        raise DatasetError(str(data), "no readable TimeML or CAT document here")
    return documents


def run(
    data: Path, *, limit: int | None = None, progress: Progress | None = None, **options: Any
) -> EvalResult:
    if options:
        raise DatasetError(", ".join(options), "the timex task takes no options")
    progress = progress or Silent()
    notes: list[str] = []
    documents = load_documents(data, limit, skipped=notes)
    gold: list[list[Timex]] = []
    system: list[list[Timex]] = []
    predictions: dict[str, list[dict[str, Any]]] = {}
    unanchored_documents = unresolved = 0
    elapsed = 0.0
    advance = progress.step("timex: tagging documents", len(documents))
    for document in documents:
        anchor = _anchor(document.creation_time)
        unanchored_documents += anchor is None
        began = time.perf_counter()
        found = find_time_expressions(document.text, anchor)
        elapsed += time.perf_counter() - began
        unresolved += sum(t.value is None for t in found)
        gold.append(document.timexes)
        system.append([Timex(t.start, t.end, t.type.value, t.value or "", t.text) for t in found])
        predictions[document.name] = [
            {"start": t.start, "end": t.end, "type": t.type.value, "value": t.value} for t in found
        ]
        advance(1)
    metrics: dict[str, float | int | str] = {"documents": len(documents)}
    metrics.update(score_timexes(gold, system))
    metrics["unresolved"] = unresolved
    characters = sum(len(d.text) for d in documents)
    metrics["documents_per_s"] = len(documents) / elapsed if elapsed else 0.0
    metrics["characters_per_s"] = characters / elapsed if elapsed else 0.0
    if unanchored_documents:
        notes.append(
            f"{unanchored_documents} documents have no creation time: their relative "
            "expressions are left unresolved and score as wrong values"
        )
    return EvalResult("timex", metrics, predictions, notes)


def _anchor(creation_time: str | None) -> date | None:
    if not creation_time:
        return None
    try:
        return date.fromisoformat(creation_time[:10])
    except ValueError:
        return None
