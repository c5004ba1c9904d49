"""``newsfuse eval events``: event typing with the 30 ACLED-based labels, weighted and macro F1.

``--data`` is either

* a TSV ``id<TAB>text<TAB>label`` with a header line, labels among the 30 codes of
  :mod:`newsfuse.nlp.event_taxonomy` (sentences written for the purpose), or
* the ``events`` folder of ``../shared/datasets`` (or its ``plover_gsr`` subfolder): the PLOVER
  gold-standard sentences (``PLOVER_GSR_CAMEO.json``), each given the nearest of the 30 labels
  by :func:`plover_label` where that is sensible. Sentences whose PLOVER category has no
  sensible label are left out and counted in a note. The mapping was written from the PLOVER
  and ACLED definitions alone, before any classifier ran on these sentences, and has not been
  changed since.

``--set also=PATH`` adds a second set (a TSV or the folder) to the first: the two are scored
together and each on its own (``weighted_f1 <name>``), which is how the labelled set of PLOVER
sentences plus written sentences is scored.

Each sentence is TYPED: the label is the classifier's best among the 30 event labels, because
every item is an event by construction; how many the detector itself would have dismissed as
no event (label NONE) is reported as ``detected_as_none``. The classifier
(:class:`newsfuse.nlp.events.EventClassifier`) is trained only on sentences written for newsfuse
(``src/newsfuse/nlp/event_data/*.tsv``), never on these sets.

Metrics: ``weighted_f1`` (each label's F1 weighted by its gold support) and ``macro_f1``
(unweighted mean over every label that is gold or predicted, as scikit-learn computes it),
accuracy, and sentences typed per second. Notes give each label's precision, recall, F1 and
support, and the confusion matrix row by row (gold label: predicted label × count); the
``confusion`` metric holds the same matrix in one line ("GOLD>PRED=n" cells, separated by "; ").
``--predictions`` writes {id: label}.

Measured once, without tuning on either set (cascade classifier): PLOVER-mapped set, 140
sentences over 12 labels, weighted F1 0.693, macro F1 0.310; the written held-out set
(tests/eval/fixtures/events_written.tsv, 360 sentences, 12 per label), weighted F1 0.935, macro
F1 0.935.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsfuse.errors import DatasetError
from newsfuse.eval._registry import EvalResult
from newsfuse.eval._tsv import read_table
from newsfuse.nlp.event_taxonomy import LABELS
from newsfuse.progress import Progress, Silent

__all__ = ["LabelledSentence", "load_sentences", "plover_label", "read_plover", "read_tsv", "run"]

PLOVER_FILE = "PLOVER_GSR_CAMEO.json"
TSV_HEADER = ("id", "text", "label")


@dataclass(frozen=True, slots=True)
class LabelledSentence:
    id: str
    text: str
    label: str


# --------------------------------------------------------------------------------------------
# PLOVER gold sentences -> the 30 labels


def plover_label(event: str, mode: str | None, context: str | None) -> str | None:
    """The nearest of the 30 labels to a PLOVER gold record's category, or None when no label is
    a sensible match. Uses the gold annotation only (event, mode, context), never the text.

    The gold standard is coded in PLOVER v0.5b1, which still has FIGHT, DEMAND, DISAPPROVE and
    INVESTIGATE; modes are as in its records. Written from the definitions before any prediction
    was seen, and not changed after.
    """
    mode = (mode or "").strip().lower()
    contexts = {c.strip().lower() for c in (context or "").split(",") if c.strip()}
    diplomatic = "diplomatic" in contexts
    if event in ("ASSAULT", "FIGHT") and "cbrn" in contexts:
        # Chemical, biological, radiological or nuclear weapons used: ACLED's only such
        # sub-event type is Chemical weapon.
        return "CHEM_WEAP"
    if event == "ASSAULT":
        return _ASSAULT_MODES.get(mode)
    if event == "FIGHT":
        return _FIGHT_MODES.get(mode)
    if event == "PROTEST":
        return _PROTEST_MODES.get(mode)
    if event == "COERCE":
        return _COERCE_MODES.get(mode)
    if event == "MOBILIZE":
        # Raising the alert of, mobilizing or deploying forces (CAMEO 15x) is a change in an armed
        # group's activity (ACLED Change to group/activity covers relocations and mobilizations).
        return "CHANGE_TO_GROUP_ACT"
    if event == "CONSULT":
        # Meetings, visits, calls, mediation, negotiation: diplomatic events by definition.
        return "DIPLO"
    if event == "AGREE":
        # An agreement between parties to a conflict (ceasefire, peace deal) is ACLED Agreement;
        # PLOVER marks those with a military context. Any other commitment to cooperate between
        # governments is a diplomatic event; outside diplomacy (domestic politics) none fits.
        if "military" in contexts:
            return "AGREEMENT"
        return "DIPLO" if diplomatic else None
    if event in _VERBAL_BETWEEN_STATES:
        # Statements and non-violent measures one party directs at another: a diplomatic event
        # (DIPLO: "talks, visits, statements between states") when PLOVER's own context says
        # diplomatic; otherwise (economic, legal, domestic political) no label fits.
        return "DIPLO" if diplomatic else None
    # AID, INVESTIGATE, RETREAT (mixes releases, ceasefires, withdrawals and eased sanctions),
    # DOCUMENT (the file header): no single sensible label.
    return None


_ASSAULT_MODES: dict[str, str] = {
    # Targeted killing, beating, torture or attack with primitive weapons by an organized actor
    # on people who are not fighting: ACLED Attack (violence against civilians).
    "assassinate": "ATTACK",
    "beat": "ATTACK",
    "torture": "ATTACK",
    "primitive": "ATTACK",
    # Car bombs and roadside bombs (CAMEO 1832/1833): ACLED Remote explosive/landmine/IED.
    "explosives": "REM_EXPLOS",
    "suicide-attack": "SUIC_BOMB",
    "sexual": "SEX_VIOL",
    # Abduction, hijacking, human shields (CAMEO 181/184).
    "abduct": "ABDUCT_DISSAP",
}

_FIGHT_MODES: dict[str, str] = {
    # Conventional military force, unspecified (CAMEO 190), or with small arms and light weapons
    # (CAMEO 193): organized armed groups fighting, ACLED Armed clash.
    "": "ARMED_CLASH",
    "firearms": "ARMED_CLASH",
    "explosives": "REM_EXPLOS",
    "assassinate": "ATTACK",
    # Left out: "heavy-weapons" joins artillery, tanks and aerial weapons (CAMEO 194 and 195,
    # three different ACLED sub-events); "deport" and "other" have no counterpart.
}

_PROTEST_MODES: dict[str, str] = {
    # Organized or spontaneous demonstrations, general and hunger strikes, and blockades by
    # protesters: ACLED codes all of these as Peaceful protest unless they turn violent.
    "demo-org": "PEACE_PROTEST",
    "demo-spon": "PEACE_PROTEST",
    "strike-gen": "PEACE_PROTEST",
    "strike-hun": "PEACE_PROTEST",
    "obstruct": "PEACE_PROTEST",
    # Protesting violently, rioting: ACLED Violent demonstration.
    "riot": "VIOL_DEMONSTR",
    "riot-spon": "VIOL_DEMONSTR",
}

_COERCE_MODES: dict[str, str] = {
    # Arresting or detaining people: ACLED Arrests.
    "arrest": "ARREST",
    "detain": "ARREST",
    # Destroying or confiscating property: ACLED Looting/property destruction (which includes
    # seizing goods or property outside other violence).
    "destroy": "PROPERTY_DISTRUCT",
    "confiscate": "PROPERTY_DISTRUCT",
    # Left out: "firearms" (violent repression: Attack or Excessive force against protesters,
    # depending on the victims), and bans, censorship, curfews, martial law, restrictions and
    # deportations, which ACLED does not record as events.
}

_VERBAL_BETWEEN_STATES = frozenset(
    {
        "SUPPORT",
        "COOPERATE",
        "CONCEDE",
        "DEMAND",
        "DISAPPROVE",
        "ACCUSE",
        "REJECT",
        "THREATEN",
        "SANCTION",
        "REQUEST",
    }
)


def read_plover(path: Path) -> tuple[list[LabelledSentence], Counter[str]]:
    """The PLOVER gold sentences that map to a label, and a count of those left out by their
    PLOVER category ("RETREAT", "FIGHT/heavy-weapons")."""
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DatasetError(str(path), f"cannot read the PLOVER gold file: {error}") from error
    if not isinstance(records, list):
        raise DatasetError(str(path), "expected a JSON list of PLOVER records")
    kept: list[LabelledSentence] = []
    left_out: Counter[str] = Counter()
    for number, record in enumerate(records):
        text = str(record.get("text") or "").strip()
        if not text:
            continue  # the file's header record carries no sentence
        event = str(record.get("event") or "")
        mode = record.get("mode")
        label = plover_label(event, mode if isinstance(mode, str) else None, record.get("context"))
        if label is None:
            left_out[f"{event}/{mode}" if mode else event] += 1
            continue
        kept.append(LabelledSentence(str(record.get("id") or f"plover-{number}"), text, label))
    return kept, left_out


# --------------------------------------------------------------------------------------------
# Written sentences (TSV)


def read_tsv(path: Path) -> list[LabelledSentence]:
    """``id<TAB>text<TAB>label`` lines after a header; a malformed line stops the run with an error
    naming the file and the line."""
    _, records = read_table(path, [TSV_HEADER])
    known = set(LABELS)
    items: list[LabelledSentence] = []
    seen: set[str] = set()
    for number, record in records:
        item_id, text, label = (record[key].strip() for key in TSV_HEADER)
        if label not in known:
            raise DatasetError(
                f"{path}:{number}", f"unknown label {label!r}; use one of the 30 codes"
            )
        if not item_id or not text:
            raise DatasetError(f"{path}:{number}", "empty id or text")
        if item_id in seen:
            raise DatasetError(f"{path}:{number}", f"id {item_id!r} repeats an earlier line")
        seen.add(item_id)
        items.append(LabelledSentence(item_id, text, label))
    if not items:
        raise DatasetError(str(path), "no labelled sentences after the header")
    return items


def load_sentences(data: Path) -> tuple[list[LabelledSentence], list[str]]:
    """The labelled sentences of ``data`` (a TSV, or a folder holding the PLOVER gold file
    directly or in ``plover_gsr/``) and notes on how the set was built."""
    if data.is_file():
        if data.suffix == ".json":
            return _plover_set(data)
        items = read_tsv(data)
        return items, [f"{len(items)} sentences from {data.name} (written, labelled by hand)"]
    for candidate in (data / PLOVER_FILE, data / "plover_gsr" / PLOVER_FILE):
        if candidate.is_file():
            return _plover_set(candidate)
    raise DatasetError(
        str(data),
        f"no {PLOVER_FILE} here or in plover_gsr/; give that folder or an id/text/label TSV",
    )


def _plover_set(path: Path) -> tuple[list[LabelledSentence], list[str]]:
    items, left_out = read_plover(path)
    if not items:
        raise DatasetError(str(path), "no PLOVER gold sentence maps to an event label")
    notes = [
        (
            f"{len(items)} PLOVER gold sentences from {path.name}, each given the nearest of the "
            "30 labels by its PLOVER category (eval.events.plover_label, fixed before any "
            "prediction)"
        ),
        f"{sum(left_out.values())} left out, their category has no sensible label: "
        + ", ".join(f"{name} {n}" for name, n in sorted(left_out.items())),
    ]
    return items, notes


# --------------------------------------------------------------------------------------------
# Scoring


def run(
    data: Path, *, limit: int | None = None, progress: Progress | None = None, **options: Any
) -> EvalResult:
    from newsfuse.nlp.events import EventClassifier

    also = options.pop("also", None)
    if options:
        raise DatasetError(", ".join(options), "the events task takes only `also`")
    progress = progress or Silent()
    items, notes = load_sentences(data)
    if limit is not None:
        items = items[:limit]
    parts = {data.name: len(items)}
    if also:
        # One labelled set from two sources (PLOVER gold + written sentences): scored together
        # and each on its own.
        extra, extra_notes = load_sentences(Path(str(also)))
        parts[Path(str(also)).name] = len(extra)
        items, notes = items + extra, notes + extra_notes
    classifier = EventClassifier.default()
    advance = progress.step("events: typing sentences", len(items))
    began = time.perf_counter()
    typed = classifier.classify([item.text for item in items], detect=False)
    detected = classifier.classify([item.text for item in items], detect=True)
    elapsed = time.perf_counter() - began
    advance(len(items))
    gold = [item.label for item in items]
    predicted = [label for label, _ in typed]
    metrics: dict[str, float | int | str] = {"sentences": len(items)}
    metrics.update(score_labels(gold, predicted))
    if len(parts) > 1:
        start = 0
        for name, size in parts.items():
            part = score_labels(gold[start : start + size], predicted[start : start + size])
            metrics[f"weighted_f1 {name}"] = part["weighted_f1"]
            start += size
    metrics["detected_as_none"] = sum(label == "NONE" for label, _ in detected)
    metrics["sentences_per_s"] = 2 * len(items) / elapsed if elapsed else 0.0
    metrics["confusion"] = confusion_line(gold, predicted)
    notes.append(
        f"{len(gold)} gold sentences over {len(set(gold))} labels; the classifier ({classifier.method}) was trained only on "
        f"{classifier.training_size} sentences written for newsfuse, none from this set"
    )
    notes.extend(per_label_lines(gold, predicted))
    notes.extend(confusion_rows(gold, predicted))
    predictions = {item.id: label for item, label in zip(items, predicted, strict=True)}
    return EvalResult("events", metrics, predictions, notes)


def score_labels(gold: list[str], predicted: list[str]) -> dict[str, float]:
    from sklearn.metrics import accuracy_score, f1_score

    return {
        "weighted_f1": float(f1_score(gold, predicted, average="weighted", zero_division=0)),
        "macro_f1": float(f1_score(gold, predicted, average="macro", zero_division=0)),
        "accuracy": float(accuracy_score(gold, predicted)),
    }


def per_label_lines(gold: list[str], predicted: list[str]) -> list[str]:
    """One line per label that is gold or predicted: precision, recall, F1, gold support."""
    from sklearn.metrics import precision_recall_fscore_support

    labels = sorted(set(gold) | set(predicted))
    precision, recall, f1, support = precision_recall_fscore_support(
        gold, predicted, labels=labels, zero_division=0
    )
    return [
        f"{label:<30} P={p:.2f} R={r:.2f} F1={f:.2f} n={n}"
        for label, p, r, f, n in zip(labels, precision, recall, f1, support, strict=True)
    ]


def _cells(gold: list[str], predicted: list[str]) -> dict[str, Counter[str]]:
    rows: dict[str, Counter[str]] = {}
    for g, p in zip(gold, predicted, strict=True):
        rows.setdefault(g, Counter())[p] += 1
    return dict(sorted(rows.items()))


def confusion_rows(gold: list[str], predicted: list[str]) -> list[str]:
    """The confusion matrix, one row per gold label: its predictions, most frequent first."""
    return [
        "confusion "
        + gold_label
        + ": "
        + ", ".join(f"{label}×{n}" for label, n in row.most_common())
        for gold_label, row in _cells(gold, predicted).items()
    ]


def confusion_line(gold: list[str], predicted: list[str]) -> str:
    return "; ".join(
        f"{gold_label}>{label}={n}"
        for gold_label, row in _cells(gold, predicted).items()
        for label, n in sorted(row.items())
    )
