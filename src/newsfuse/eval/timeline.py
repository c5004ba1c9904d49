"""``newsfuse eval timeline``: timeline summarization on the Timeline17 layout.

Layout: ``DATA/<topic>/InputDocs/<YYYY-MM-DD>/*.txt`` (each day's articles) and
``DATA/<topic>/timelines/*.txt`` (reference timelines: a ``YYYY-MM-DD`` line, that day's
sentences one per line, then a line of dashes). ``DATA`` may also be one topic folder.

Each topic's articles go through the pipeline's own stages — ingest (the day folder gives the
publication date), clean, times — and :func:`newsfuse.brief.benchmark_timeline` builds a timeline
per reference in the setting every published comparison uses: the input is the articles
published between the reference's first and last day, the timeline has as many days as the
reference, and each day as many sentences as the reference's days have on average (rounded).

Metrics, per timeline and averaged over timelines: alignment-based ROUGE-1 and ROUGE-2 F ("align+
m:1", Martschat & Markert 2017) and Date-F1 (:mod:`newsfuse.eval.timeline_metrics`). ``AR1-F``,
``AR2-F`` and ``Date-F1`` are the F of precision and recall averaged over timelines, as the
published comparisons average them; ``… mean`` lines are the plain mean of the per-timeline F.

Options: ``topics=a,b`` limits the run to those topic folders; ``cv=true`` also chooses the
timeline method's settings by leave-one-subject-out cross-validation over a small grid (topics
whose names share the part before the first underscore, such as ``bpoil_bbc`` and
``bpoil_guardian``, are one subject and are held out together) and reports the held-out scores.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path
from typing import Any

from newsfuse.brief import DatedSentence, benchmark_timeline, dated_sentences
from newsfuse.brief.timeline import TimelineMethod
from newsfuse.clean import clean_documents
from newsfuse.config import Config
from newsfuse.errors import DatasetError
from newsfuse.eval._registry import EvalResult
from newsfuse.eval.timeline_metrics import PRF, alignment_rouge, date_f1
from newsfuse.ingest import read_inputs
from newsfuse.nlp.times import tag_times
from newsfuse.progress import Progress, Silent

__all__ = ["read_reference", "run"]

_DAY_LINE = re.compile(r"\d{4}-\d\d-\d\d")
_SEPARATOR = re.compile(r"-{5,}")

# The cross-validation grid (96 settings); the other settings keep their defaults.
GRID: dict[str, tuple[Any, ...]] = {
    "subject_witness": (0.0, 1.0),
    "subject_weight": (0.5, 1.0, 2.0),
    "redundancy": (0.3, 0.5),
    "undated_lead": (6, 1000),
    "undated_days": (1, 2),
    "neighbour_discount": (1.0, 0.5),
}


@dataclass(slots=True)
class Topic:
    name: str
    sentences: list[DatedSentence]
    references: dict[str, dict[date, list[str]]]  # file name -> reference timeline
    articles: int
    rejected: int


@dataclass(slots=True)
class Scores:
    ar1: PRF
    ar2: PRF
    dates: PRF


def read_reference(path: Path, problems: list[str] | None = None) -> dict[date, list[str]]:
    """One reference timeline. An entry whose date line is not a calendar day is skipped and
    named in ``problems`` (when given; else it raises DatasetError naming the file and line)."""
    timeline: dict[date, list[str]] = {}
    day: date | None = None
    skipping = False
    text = path.read_text(encoding="utf-8", errors="replace")
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if _SEPARATOR.fullmatch(line):
            day, skipping = None, False
        elif day is None and not skipping:
            day = _day(line)
            if day is None:
                where = f"{path}:{number}"
                reason = f"expected a YYYY-MM-DD line opening a day's entry, got {line[:40]!r}"
                if problems is None:
                    raise DatasetError(where, reason)
                problems.append(f"{where}: {reason}; that entry is left out")
                skipping = True
            else:
                timeline.setdefault(day, [])
        elif day is not None:
            timeline[day].append(line)
    timeline = {d: sentences for d, sentences in timeline.items() if sentences}
    if not timeline:
        raise DatasetError(str(path), "holds no dated entry; is it a Timeline17 timeline file?")
    return timeline


def _day(line: str) -> date | None:
    if not _DAY_LINE.fullmatch(line):
        return None
    try:
        return date.fromisoformat(line)
    except ValueError:
        return None


def _topic_folders(data: Path, wanted: set[str] | None) -> list[Path]:
    if (data / "InputDocs").is_dir():
        folders = [data]
    else:
        folders = sorted(p for p in data.iterdir() if (p / "InputDocs").is_dir())
    if wanted is not None:
        missing = wanted - {p.name for p in folders}
        if missing:
            raise DatasetError(str(data), f"no topic folder named {', '.join(sorted(missing))}")
        folders = [p for p in folders if p.name in wanted]
    if not folders:
        raise DatasetError(
            str(data), "no <topic>/InputDocs folder here; expected the Timeline17 layout"
        )
    return folders


def _load_topic(folder: Path, config: Config, progress: Progress, problems: list[str]) -> Topic:
    references_dir = folder / "timelines"
    paths = sorted(references_dir.glob("*.txt")) if references_dir.is_dir() else []
    if not paths:
        raise DatasetError(str(folder), "has no timelines/*.txt reference timeline")
    references = {p.name: read_reference(p, problems) for p in paths}
    ingested = read_inputs([folder / "InputDocs"], config.ingest, progress)
    if not ingested.documents:
        raise DatasetError(str(folder / "InputDocs"), "holds no readable article")
    articles = clean_documents(ingested.documents, config.clean, progress)
    tag_times(articles, progress)
    return Topic(
        folder.name, dated_sentences(articles), references, len(articles), len(ingested.rejected)
    )


def _score(topic: Topic, method: TimelineMethod) -> dict[str, tuple[Scores, dict[date, list[str]]]]:
    out = {}
    for name, reference in topic.references.items():
        days = sorted(reference)
        per_date = round(sum(len(s) for s in reference.values()) / len(days))
        predicted = benchmark_timeline(
            topic.sentences, len(days), per_date, days[0], days[-1], method
        )
        scores = Scores(
            alignment_rouge(predicted, [reference], 1),
            alignment_rouge(predicted, [reference], 2),
            date_f1(predicted, [reference]),
        )
        out[f"{topic.name}/{name}"] = (scores, predicted)
    return out


def _averages(scores: Sequence[Scores], prefix: str = "") -> dict[str, float]:
    n = len(scores)
    out: dict[str, float] = {}
    for label, pick in (
        ("AR1-F", lambda s: s.ar1),
        ("AR2-F", lambda s: s.ar2),
        ("Date-F1", lambda s: s.dates),
    ):
        precision = sum(pick(s).precision for s in scores) / n
        recall = sum(pick(s).recall for s in scores) / n
        out[f"{prefix}{label}"] = PRF.of(precision, recall).f1
        out[f"{prefix}{label} mean"] = sum(pick(s).f1 for s in scores) / n
    return out


def _subject(name: str) -> str:
    return name.split("/")[0].split("_")[0]


def _cross_validate(
    topics: list[Topic], progress: Progress
) -> tuple[dict[str, Scores], dict[str, str]]:
    """Held-out scores per timeline, and the settings chosen for each held-out subject."""
    subjects = sorted({_subject(t.name) for t in topics})
    if len(subjects) < 2:
        raise DatasetError(
            ", ".join(t.name for t in topics), "cross-validation needs topics of two subjects"
        )
    settings = [
        replace(TimelineMethod(), **dict(zip(GRID, values, strict=True)))
        for values in itertools.product(*GRID.values())
    ]
    advance = progress.step("timeline: cross-validating settings", len(settings))
    table: list[dict[str, Scores]] = []
    for method in settings:
        row: dict[str, Scores] = {}
        for topic in topics:
            row.update({k: v[0] for k, v in _score(topic, method).items()})
        table.append(row)
        advance(1)
    held_out: dict[str, Scores] = {}
    chosen: dict[str, str] = {}
    for subject in subjects:
        train = [k for k in table[0] if _subject(k) != subject]
        best = max(
            range(len(settings)),
            key=lambda i: sum(table[i][k].ar1.f1 + table[i][k].ar2.f1 for k in train),
        )
        chosen[subject] = ", ".join(
            f"{f.name}={getattr(settings[best], f.name)}" for f in fields(TimelineMethod)
        )
        held_out.update({k: v for k, v in table[best].items() if _subject(k) == subject})
    return held_out, chosen


def run(
    data: Path, *, limit: int | None = None, progress: Progress | None = None, **options: Any
) -> EvalResult:
    progress = progress or Silent()
    unknown = set(options) - {"topics", "cv"}
    if unknown:
        raise DatasetError(", ".join(sorted(unknown)), "timeline options are topics= and cv=")
    wanted = options.get("topics")
    names = {t.strip() for t in str(wanted).split(",") if t.strip()} if wanted else None
    folders = _topic_folders(data, names)
    if limit is not None:
        folders = folders[:limit]
    config = Config()
    problems: list[str] = []
    topics = [_load_topic(folder, config, progress, problems) for folder in folders]
    results: dict[str, tuple[Scores, dict[date, list[str]]]] = {}
    for topic in topics:
        results.update(_score(topic, TimelineMethod()))
    metrics: dict[str, float | int | str] = {
        "topics": len(topics),
        "timelines": len(results),
        "articles": sum(t.articles for t in topics),
    }
    metrics.update(_averages([s for s, _ in results.values()]))
    for key, (scores, _) in results.items():
        metrics[f"{key} AR1-F"] = scores.ar1.f1
        metrics[f"{key} AR2-F"] = scores.ar2.f1
        metrics[f"{key} Date-F1"] = scores.dates.f1
    notes = [
        (
            "each timeline is built over the articles published within its reference's days, "
            "with the reference's number of days and sentences per day, as published "
            "comparisons do"
        )
    ]
    notes += problems
    rejected = sum(t.rejected for t in topics)
    if rejected:
        notes.append(f"{rejected} input files were rejected by ingest (too short or unreadable)")
    if str(options.get("cv", "")).lower() in ("true", "1", "yes"):
        held_out, chosen = _cross_validate(topics, progress)
        metrics.update(_averages(list(held_out.values()), prefix="cv "))
        for key, scores in held_out.items():
            metrics[f"cv {key} AR1-F"] = scores.ar1.f1
            metrics[f"cv {key} AR2-F"] = scores.ar2.f1
            metrics[f"cv {key} Date-F1"] = scores.dates.f1
        notes += [f"cv: held out {subject}: chose {how}" for subject, how in chosen.items()]
    predictions = {
        key: {day.isoformat(): sentences for day, sentences in sorted(timeline.items())}
        for key, (_, timeline) in results.items()
    }
    return EvalResult("timeline", metrics, predictions, notes)
