"""``newsfuse eval clustering``: story clustering scored against gold document clusters.

Inputs (detected from the path):

- **ECB+** (Cybulska & Vossen 2014): a folder holding ``ECB+/<topic>/<doc>.xml``, the ``ECB+``
  folder itself, or any folder of topic folders. Each CROMER XML file is read for its tokens
  (``<token sentence=...>``); the event/entity markables are ignored. Text = the tokens of each
  sentence joined by spaces, sentences joined by newlines, then detokenised (no space before
  ``, . ; : ! ? % ) '`` or ``n't`` / ``'s``; ````` and ``''`` become ``"``). Many ``ecbplus``
  documents open with their web address ("http : / / www . x . com / ...") and a date line
  ("May 2 , 2013 , 1 : 12 PM", "First Published : June 13 , 2013 4 : 59 PM EDT"): like a real
  ingest does with such metadata lines, a URL first line becomes the article's ``url`` and a date
  line among the first lines its ``published`` date (:data:`~newsfuse.model.DateOrigin.TEXT`),
  and neither stays in the text. Date lines are read by the parser the text ingest uses for
  datelines (``newsfuse.ingest._dates.parse_published``: month-first "05/02/2013" and "1:12 PM"
  read right, which ``parse_date_text`` gets wrong), after rejoining the tokens (" : " → ":",
  " , " → ", "), dropping "First Published :", "Posted on", "Updated" and the like, and reading a
  two-digit year as 19xx/20xx. A line counts as a date line only when nothing but date and clock
  words is left, so headlines that name a year stay text. The ``ecb`` documents carry neither
  URL nor date, so time decay can only act between ``ecbplus`` documents. Gold incident = topic
  folder + ("ecbplus" if the file name has it, else "ecb") — each topic holds two real incidents
  of one kind; gold topic = the topic folder. Predictions: {file name: story id}.
- **Clust-McMs** (``mds_ac_dev_final.json`` shape: ``{"articles": [{"ID", "title", "sentences":
  [{"content"}, ...]}], "clusters": [label per article]}``), or a folder holding it (the dev file
  is preferred). Text = title + the sentences' content, one per line; only the title and the
  sentence contents are read (the event / who / where / when annotations are not). Label 166 is
  a catch-all "miscellaneous" bucket, not a story, so two scorings are reported: ``excluding_
  catchall_*`` drops the label-166 articles from BOTH the input and the scoring, and
  ``catchall_as_singletons_*`` clusters every article and scores each label-166 article as its
  own gold singleton. The data is multilingual (English, Malay/Indonesian, Chinese); the system
  runs as it is (language detected by the clean stage's detector, no special casing).
  Predictions: {article ID: story id} of the run on every article.

The system under test is the real pipeline from entity recognition on:
:func:`~newsfuse.nlp.entities.find_mentions`, :func:`~newsfuse.nlp.aliases.merge_entities` with
the bundled gazetteer, then :func:`newsfuse.stories.cluster_stories` with a
:class:`~newsfuse.config.StoriesConfig`. Articles are fed in publication order; undated articles
(every ``ecb`` document, every Clust-McMs article) follow the dated ones in file-name / ID order
(article ids are zero-padded, ``d007``, so that id order is file order).

What is fit on what:

- entities are found ONCE for all documents (spaCy NER and alias merging: no fitting on this
  data); each clustering run sees only the mentions in the documents it clusters;
- ECB+: the story parameters are chosen by CROSS-VALIDATION ACROSS TOPICS. Topics are shuffled
  with ``seed`` and dealt round-robin into ``folds`` groups. For each fold, every point of
  :func:`parameter_grid` clusters the TRAINING topics' documents together (all of them in one
  run, as a user would) and the point with the best incident-level BCubed F1 is kept (ties: the
  first in grid order); the held-out topics' documents are then clustered together with it. The
  held-out predictions of all folds (cluster ids made unique per fold) are pooled and scored:
  ``incident_*`` against the gold incidents, ``topic_*`` against the gold topics;
- NOT cross-validated, for reference: ``oracle_*`` = the best grid point on all documents (what
  a threshold tuned on the test data gets: an upper bound), ``default_*`` = ``StoriesConfig()``
  on all documents, ``no_decay_oracle_*`` = the best grid point with time decay off, and
  ``tfidf_baseline_oracle_*`` = plain TF-IDF cosine average-link clustering with its threshold
  tuned on all documents (the reference system);
- ``stream_*`` / ``batch_*``: all documents with the grid point chosen by the most folds, once
  with ``mode="stream"`` and once with ``mode="batch"`` (only when StoriesConfig has ``mode``);
- Clust-McMs: NO tuning — ``StoriesConfig()`` defaults, both scorings.

Metrics: BCubed precision / recall (per document, averaged over documents) and F1 (harmonic mean
of the two averages, Amigó et al. 2009); adjusted Rand index (scikit-learn).

Cost: each (documents, settings) pair is clustered once per run (cached), in ``workers`` forked
processes (default one per core). ECB+ with 5 folds needs 5 x 42 training runs on ~620
documents, 42 + 1 runs on all 772 and a few more; the notes give the time per run.
"""

from __future__ import annotations

import dataclasses
import json
import multiprocessing
import os
import re
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from newsfuse.errors import DatasetError
from newsfuse.eval._registry import EvalResult
from newsfuse.model import Article, DateOrigin, Entity, PublishedDate
from newsfuse.parallel import frozen_heap
from newsfuse.progress import Advance, Progress, Silent

TASK = "clustering"
DEFAULT_FOLDS = 5
DEFAULT_SEED = 0
CATCHALL_LABEL = 166
CLUST_MCMS_FILE = "mds_ac_dev_final.json"
_SILENT = Silent()


def parameter_grid() -> list[dict[str, Any]]:
    """The story-clustering settings cross-validation chooses from, in tie-break order.

    Thresholds 0.40, 0.45, …, 0.65 on the locally scaled similarity (a pair's similarity over
    the mean of its articles' similarities to their nearest neighbours: articles of one
    incident typically score 0.6-1.2); local scales over the 5 or 10 nearest neighbours; four
    weightings of text / entities / lead / numbers (three without the number channel, one with
    it); and a time decay that halves similarity every 7, 30 or 90 days. No decay at all is
    left out on purpose: an incident is local in time by definition (the same kind of event at
    the same place a year later is another incident), and ECB+ cannot say otherwise because its
    ``ecb`` documents carry no dates at all. The notes report, for transparency, what no decay
    would score (not cross-validated). The dates channel is not offered: it is off by default
    for streams of concurrent stories, which ECB+ does not have (BENCHMARKS.md, issue 4).
    """
    thresholds = [round(0.4 + 0.05 * k, 2) for k in range(6)]
    weights = [
        (0.6, 0.2, 0.2, 0.0),
        (0.5, 0.3, 0.2, 0.0),
        (0.6, 0.4, 0.0, 0.0),
        (0.5, 0.3, 0.2, 0.2),
    ]
    return [
        {
            "threshold": t,
            "text_weight": text,
            "entity_weight": entity,
            "lead_weight": lead,
            "number_weight": number,
            "time_decay_days": decay,
            "neighbours": k,
        }
        for k in (5, 10)
        for decay in (30.0, 7.0, 90.0)
        for text, entity, lead, number in weights
        for t in thresholds
    ]


# --------------------------------------------------------------------------------------------
# Data


@dataclass
class Corpus:
    """Articles with their gold labels; ``names`` are the prediction keys."""

    kind: str  # "ecbplus" or "clust-mcms"
    articles: list[Article]
    incidents: list[str]  # gold cluster per article
    topics: list[str]  # gold topic per article (ECB+); the same as incidents for Clust-McMs
    names: list[str]  # ECB+ file name / Clust-McMs article ID


def load(data: Path, limit: int | None = None) -> Corpus:
    """The corpus at ``data`` in whichever layout it is; ``limit`` keeps the first N topics
    (ECB+, in numeric order) or articles (Clust-McMs)."""
    data = Path(data)
    json_file = _clust_mcms_file(data)
    if json_file is not None:
        return load_clust_mcms(json_file, limit)
    return load_ecbplus(data, limit)


def _clust_mcms_file(data: Path) -> Path | None:
    if data.is_file():
        return data if data.suffix == ".json" else None
    if not data.is_dir():
        return None
    preferred = data / CLUST_MCMS_FILE
    if preferred.is_file():
        return preferred
    candidates = sorted(data.glob("mds_ac_*.json"))
    return candidates[0] if candidates else None


def _natural(text: str) -> tuple[Any, ...]:
    """Sort key with numbers compared as numbers: "2_10ecb" after "2_9ecb"."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text))


def _topic_folders(data: Path) -> list[Path]:
    root = data / "ECB+" if (data / "ECB+").is_dir() else data
    if not root.is_dir():
        return []
    folders = [p for p in root.iterdir() if p.is_dir() and any(p.glob("*.xml"))]
    return sorted(folders, key=lambda p: _natural(p.name))


def load_ecbplus(data: Path, limit: int | None = None) -> Corpus:
    """Every ECB+ document under ``data`` (see the module docstring for the layouts)."""
    data = Path(data)
    folders = _topic_folders(data)
    if not folders:
        raise DatasetError(
            str(data),
            "no ECB+ documents here: expected ECB+/<topic>/<doc>.xml, the ECB+ folder itself, a "
            f"folder of topic folders holding .xml files, or a Clust-McMs {CLUST_MCMS_FILE}",
        )
    if limit is not None:
        folders = folders[:limit]
    articles: list[Article] = []
    incidents: list[str] = []
    topics: list[str] = []
    names: list[str] = []
    paths = [
        path
        for folder in folders
        for path in sorted(folder.glob("*.xml"), key=lambda p: _natural(p.name))
    ]
    width = len(str(max(len(paths) - 1, 0)))
    for path in paths:
        folder = path.parent
        sentences = _read_tokens(path)
        url, published, lines = split_metadata(sentences)
        article = Article(
            id=f"d{len(articles):0{width}d}",  # zero-padded: id order = file order
            key=path.name,
            source_path=str(path),
            format="text",
            outlet=None,
            url=url,
            title=None,
            published=published,
            language="en",
            text="\n".join(detokenize(tokens) for tokens in lines),
        )
        articles.append(article)
        kind = "ecbplus" if "ecbplus" in path.name else "ecb"
        incidents.append(f"{folder.name}{kind}")
        topics.append(folder.name)
        names.append(path.name)
    return Corpus("ecbplus", articles, incidents, topics, names)


def _read_tokens(path: Path) -> list[list[str]]:
    """The document's tokens, sentence by sentence, in file order."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as err:
        raise DatasetError(str(path), f"cannot read the ECB+ XML: {err}") from err
    sentences: dict[int, list[str]] = {}
    for token in root.iter("token"):
        try:
            number = int(token.get("sentence", ""))
        except ValueError as err:
            raise DatasetError(str(path), "a <token> lacks a numeric sentence attribute") from err
        sentences.setdefault(number, []).append(token.text or "")
    if not sentences:
        raise DatasetError(str(path), "no <token> elements: not an ECB+ (CROMER) document")
    return [sentences[k] for k in sorted(sentences)]


# --- detokenising and metadata lines ---------------------------------------------------------

_CONTRACTION = r"n't|'s|'S|'re|'ve|'ll|'d|'m|'"
_DETOKENIZE = [
    (re.compile(r"(?<=\d) : (?=\d)"), ":"),  # 10 : 24 -> 10:24
    (re.compile(r"(?<=\d) , (?=\d{3}\b)"), ","),  # 30 , 000 -> 30,000
    (re.compile(r"``\s*"), '"'),  # opening quote: glued to the next word
    (re.compile(r"\s*''"), '"'),  # closing quote: glued to the previous word
    (re.compile(r"(?<=[($\[{]) "), ""),
    (re.compile(r" (?=[,.;:!?%)\]}])"), ""),
    (re.compile(rf" (?=(?:{_CONTRACTION})(?!\w))"), ""),
    (re.compile(r"(?<=\w) ’ (?=(?:t|s|re|ve|ll|d|m)\b)"), "’"),  # can ’ t -> can’t
]


def detokenize(tokens: Sequence[str]) -> str:
    """One sentence's tokens as ordinary text."""
    text = " ".join(t for t in tokens if t)
    for pattern, replacement in _DETOKENIZE:
        text = pattern.sub(replacement, text)
    return text.strip()


_URL_LINE = re.compile(r"^(?:https?|ftp)\s*:\s*/\s*/", re.IGNORECASE)
_HEAD_LINES = 5  # a date line sits among the first lines (after the address and headline)
_DATE_LINE_MAX_TOKENS = 18
_DATE_PREFIX = re.compile(
    r"^\s*(?:(?:first|originally|last)\s+)?(?:published|posted|updated|created|edited)"
    r"(?:\s+(?:on|at|time))?\s*:?\s*|^\s*(?:story\s+created|on)\s*:?\s*",
    re.IGNORECASE,
)
_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|"
    "july|august|september|october|november|december"
)
_DAYS = "mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|"
_DAYS += "saturday|sunday"
# what may remain of a date line besides the date: clock words, zone names, separators
_DATE_WORD = re.compile(
    rf"^(?:{_MONTHS}|{_DAYS}|\d+(?:st|nd|rd|th|am|pm|hrs)?|[ap]\.?m\.?|hrs|at|on|last|updated|"
    r"[A-Z]{1,4}T|UTC|GMT|IST|HKT|ET|PT|CT)$",
    re.IGNORECASE,
)
_UPDATE = re.compile(r"\b(?:updated|edited)\b", re.IGNORECASE)


def _date_text(line: str) -> str | None:
    """The date a metadata line holds, joined back ("May 2, 2013, 1:12 PM"), or None when the
    line says more than a date (a headline or a sentence that mentions a year)."""
    tokens = line.split()
    if not tokens or len(tokens) > _DATE_LINE_MAX_TOKENS or not any(c.isdigit() for c in line):
        return None
    text = re.sub(r"\s*:\s*(?=\d)", ":", line)  # 1 : 12 -> 1:12
    text = re.sub(r" , ", ", ", text)
    text = re.sub(r"(?<=\d) ([/.-]) (?=\d)", r"\1", text)  # 05 / 02 / 2013, 2013 - 09 - 26
    text = re.sub(r"(?<=\d) ([/.-]) (?=\d)", r"\1", text)
    text = re.sub(r"\s*[|@]\s*", " ", text)
    text = re.sub(r"\b([ap]) \. m\b \.?", r"\1m", text, flags=re.IGNORECASE)  # p . m . -> pm
    text = _DATE_PREFIX.sub("", text)
    # "21 July 2013 Last updated at 11:11 GMT", "Friday, Sep 10, 2010 | Updated 8:52 PM EDT"
    text = re.sub(r"\b(?:last\s+)?updated(?:\s+at)?\b", " ", text, flags=re.IGNORECASE)
    # 12/16/08: a two-digit year is this century's up to 30 (the news here is 1990s-2010s)
    text = re.sub(r"\b(\d{1,2}/\d{1,2}/)(\d\d)\b", _four_digit_year, text)
    text = re.sub(r"\s+", " ", text).strip()
    words = [w for w in re.split(r"[\s,.:()\-/+]+", text) if w]
    if not words or any(not _DATE_WORD.match(w) for w in words):
        return None
    return text


def _four_digit_year(match: re.Match[str]) -> str:
    year = int(match.group(2))
    return f"{match.group(1)}{2000 + year if year <= 30 else 1900 + year}"


def parse_date_line(line: str) -> PublishedDate | None:
    """The publication date on a tokenised metadata line, or None."""
    from newsfuse.ingest._dates import parse_published

    text = _date_text(line)
    if text is None:
        return None
    return parse_published(text, DateOrigin.TEXT)


def split_metadata(
    sentences: list[list[str]],
) -> tuple[str | None, PublishedDate | None, list[list[str]]]:
    """``(url, published, remaining sentences)``: a URL first line and the date lines among the
    first lines are metadata, not text. With several date lines (published / updated), the first
    that is not an update wins."""
    url = None
    lines = list(sentences)
    if lines and _URL_LINE.match(" ".join(lines[0])):
        url = "".join(lines[0])
        lines = lines[1:]
    dated: list[tuple[int, PublishedDate, bool]] = []
    for index, tokens in enumerate(lines[:_HEAD_LINES]):
        joined = " ".join(tokens)
        found = parse_date_line(joined)
        if found is not None:
            dated.append((index, found, bool(_UPDATE.search(joined))))
    published = None
    if dated:
        published = next((d for _, d, update in dated if not update), dated[0][1])
        drop = {index for index, _, _ in dated}
        lines = [tokens for index, tokens in enumerate(lines) if index not in drop]
    return url, published, lines


def load_clust_mcms(path: Path, limit: int | None = None) -> Corpus:
    """The articles and gold labels of a Clust-McMs ``mds_ac_*.json`` file (first ``limit``)."""
    from newsfuse.clean import detect_language

    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise DatasetError(str(path), f"cannot read the Clust-McMs JSON: {err}") from err
    items = raw.get("articles") if isinstance(raw, dict) else None
    labels = raw.get("clusters") if isinstance(raw, dict) else None
    if not isinstance(items, list) or not isinstance(labels, list) or len(items) != len(labels):
        raise DatasetError(
            str(path),
            'expected Clust-McMs JSON {"articles": [...], "clusters": [one label per article]}',
        )
    if not items:
        raise DatasetError(str(path), "no articles")
    if limit is not None:
        items, labels = items[:limit], labels[:limit]
    articles: list[Article] = []
    names: list[str] = []
    width = len(str(len(items) - 1))
    for number, item in enumerate(items):
        if not isinstance(item, dict) or "ID" not in item:
            raise DatasetError(f"{path}: article {number}", "each article needs an ID")
        title = str(item.get("title") or "").strip()
        sentences = [
            str(s.get("content") or "").strip()
            for s in item.get("sentences") or []
            if isinstance(s, dict)
        ]
        text = "\n".join(line for line in (title, *sentences) if line)
        articles.append(
            Article(
                id=f"d{number:0{width}d}",  # zero-padded: id order = file order
                key=str(item["ID"]),
                source_path=f"{path}#{number}",
                format="text",
                outlet=None,
                url=None,
                title=title or None,
                published=None,
                language=detect_language(text),
                text=text,
            )
        )
        names.append(str(item["ID"]))
    gold = [str(label) for label in labels]
    return Corpus("clust-mcms", articles, gold, list(gold), names)


# --------------------------------------------------------------------------------------------
# Metrics


def bcubed(gold: Sequence[Any], predicted: Sequence[Any]) -> tuple[float, float, float]:
    """BCubed precision, recall and F1 (Bagga & Baldwin 1998; Amigó et al. 2009).

    Per document: precision = the share of its predicted cluster that shares its gold cluster,
    recall = the share of its gold cluster that shares its predicted cluster; both averaged over
    documents, F1 = their harmonic mean.
    """
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted labels differ in length")
    if not gold:
        return 0.0, 0.0, 0.0
    both = Counter(zip(gold, predicted, strict=True))
    gold_size = Counter(gold)
    predicted_size = Counter(predicted)
    # the n documents of one (gold, predicted) cell each score n / |cluster|
    precision = sum(n * n / predicted_size[p] for (_, p), n in both.items()) / len(gold)
    recall = sum(n * n / gold_size[g] for (g, _), n in both.items()) / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def scores(gold: Sequence[Any], predicted: Sequence[Any]) -> dict[str, float]:
    """BCubed precision / recall / F1 and the adjusted Rand index."""
    from sklearn.metrics import adjusted_rand_score

    precision, recall, f1 = bcubed(gold, predicted)
    ari = float(adjusted_rand_score([str(g) for g in gold], [str(p) for p in predicted]))
    return {"precision": precision, "recall": recall, "f1": f1, "ari": ari}


def catchall_scores(
    gold: Sequence[str],
    predicted_all: Sequence[Any],
    predicted_without: Sequence[Any],
    catchall: str = str(CATCHALL_LABEL),
) -> dict[str, float]:
    """The two honest Clust-McMs scorings. ``predicted_all``: one label per document from a run
    on every document; ``predicted_without``: one label per non-catch-all document (in order)
    from a run on those only.

    ``excluding_catchall_*`` scores the second run against the story labels;
    ``catchall_as_singletons_*`` scores the first with each catch-all document as its own gold
    cluster (so joining it to anything costs precision, and leaving it alone costs nothing).
    """
    kept = [label for label in gold if label != catchall]
    if len(kept) != len(predicted_without):
        raise ValueError("predicted_without needs one label per non-catch-all document")
    singletons = [f"{catchall}#{i}" if label == catchall else label for i, label in enumerate(gold)]
    result: dict[str, float] = {}
    if kept:
        excluding = scores(kept, predicted_without)
        result.update({f"excluding_catchall_{_NAMES[k]}": v for k, v in excluding.items()})
    with_singletons = scores(singletons, predicted_all)
    result.update({f"catchall_as_singletons_{_NAMES[k]}": v for k, v in with_singletons.items()})
    return result


_NAMES = {
    "precision": "bcubed_precision",
    "recall": "bcubed_recall",
    "f1": "bcubed_f1",
    "ari": "ari",
}


# --------------------------------------------------------------------------------------------
# Running the system


def _publication_order(articles: Sequence[Article]) -> list[int]:
    """Indices in the order a stream would see the articles: dated ones by publication time,
    then the undated ones by file name / ID."""

    def key(index: int) -> tuple[Any, ...]:
        article = articles[index]
        if article.published is not None:
            return (0, article.published.value[:19], _natural(article.key))
        return (1, "", _natural(article.key))

    return sorted(range(len(articles)), key=key)


Job = tuple[tuple[int, ...], Any]  # (document indices in feed order, StoriesConfig)
_FORKED: _Clusterer | None = None  # what forked workers cluster with


def _forked_run(job: Job) -> tuple[list[int], float]:
    assert _FORKED is not None
    return _FORKED.cluster(*job)


class _Clusterer:
    """:func:`newsfuse.stories.cluster_stories` on subsets of one corpus, each (subset, config)
    clustered once, in forked worker processes when there are several to do. A subset sees only
    its own documents' entity mentions."""

    def __init__(
        self, articles: Sequence[Article], entities: Sequence[Entity], workers: int = 1
    ) -> None:
        self.articles = articles
        self.entities = entities
        self.workers = max(1, workers)
        self._rank = {index: rank for rank, index in enumerate(_publication_order(articles))}
        self._labels: dict[Job, list[int]] = {}
        self._subset_entities: dict[tuple[int, ...], list[Entity]] = {}
        self.runs = 0
        self.seconds = 0.0  # summed over runs (in whichever process ran them)
        self.slowest = 0.0
        self.wall = 0.0

    def subset(self, indices: Iterable[int]) -> tuple[int, ...]:
        """The documents in feed (publication) order."""
        return tuple(sorted(set(indices), key=self._rank.__getitem__))

    def run(self, jobs: Sequence[Job], advance: Advance) -> None:
        """Cluster every job not clustered yet."""
        todo = [job for job in dict.fromkeys(jobs) if job not in self._labels]
        advance(len(jobs) - len(todo))
        if not todo:
            return
        import newsfuse.stories  # noqa: F401  (loaded once, before any fork: one code version)

        for subset, _ in todo:
            self._entities_of(subset)  # in this process, before any fork
        workers = min(self.workers, len(todo))
        started = time.perf_counter()
        if workers == 1:
            for job in todo:
                self._store(job, *self.cluster(*job))
                advance(1)
        else:
            global _FORKED
            _FORKED = self
            try:
                context = multiprocessing.get_context("fork")
                with (
                    frozen_heap(),
                    ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool,
                ):
                    for job, result in zip(todo, pool.map(_forked_run, todo), strict=True):
                        self._store(job, *result)
                        advance(1)
            finally:
                _FORKED = None
        self.wall += time.perf_counter() - started

    def labels(self, subset: tuple[int, ...], config: Any) -> dict[int, int]:
        """Predicted story number per document index."""
        self.run([(subset, config)], lambda n=1: None)
        return dict(zip(subset, self._labels[(subset, config)], strict=True))

    def cluster(self, subset: tuple[int, ...], config: Any) -> tuple[list[int], float]:
        from newsfuse.stories import cluster_stories

        chosen = [self.articles[i] for i in subset]
        started = time.perf_counter()
        stories = cluster_stories(chosen, self._entities_of(subset), [], config)
        elapsed = time.perf_counter() - started
        story_of = {aid: n for n, story in enumerate(stories) for aid in story.article_ids}
        # an article no story claims (should not happen) counts as a story of its own
        return [story_of.get(a.id, len(stories) + j) for j, a in enumerate(chosen)], elapsed

    def _store(self, job: Job, labels: list[int], seconds: float) -> None:
        self._labels[job] = labels
        self.runs += 1
        self.seconds += seconds
        self.slowest = max(self.slowest, seconds)

    def _entities_of(self, subset: tuple[int, ...]) -> list[Entity]:
        key = tuple(sorted(subset))
        if key not in self._subset_entities:
            ids = {self.articles[i].id for i in subset}
            kept = []
            for entity in self.entities:
                mentions = [m for m in entity.mentions if m.article_id in ids]
                if mentions:
                    kept.append(dataclasses.replace(entity, mentions=mentions))
            self._subset_entities[key] = kept
        return self._subset_entities[key]

    def timing(self) -> str:
        mean = self.seconds / self.runs if self.runs else 0.0
        return (
            f"{self.runs} clustering runs, {mean:.2f} s each on average (slowest "
            f"{self.slowest:.2f} s), {self.wall:.0f} s wall time with {self.workers} worker "
            f"process{'es' if self.workers > 1 else ''}"
        )


def _find_entities(articles: Sequence[Article], progress: Progress) -> list[Entity]:
    """The run's entities, as the pipeline merges them; also fills each article's ``times``
    (the dates channel reads them)."""
    from newsfuse.config import NlpConfig
    from newsfuse.geo.gazetteer import Gazetteer
    from newsfuse.nlp.aliases import merge_entities
    from newsfuse.nlp.entities import find_mentions
    from newsfuse.nlp.times import tag_times

    mentions = find_mentions(articles, NlpConfig(), progress)
    tag_times(articles, progress)
    entities, _places = merge_entities(mentions, Gazetteer.open())
    return entities


def _stories_config(params: Mapping[str, Any]) -> Any:
    from newsfuse.config import StoriesConfig

    return dataclasses.replace(StoriesConfig(), **params)


def _check_grid(grid: list[dict[str, Any]]) -> None:
    from newsfuse.config import StoriesConfig
    from newsfuse.errors import ConfigError

    known = {f.name for f in dataclasses.fields(StoriesConfig)}
    unknown = sorted({name for params in grid for name in params} - known)
    if unknown:
        raise ConfigError(
            f"newsfuse.eval.clustering.parameter_grid() sets {', '.join(unknown)}, which "
            f"StoriesConfig does not have (it has {', '.join(sorted(known))}); adjust the grid"
        )
    for params in grid:
        _stories_config(params)  # validates: fails here, not half-way through a run


def _describe(params: Mapping[str, Any]) -> str:
    return ", ".join(
        f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}" for k, v in params.items()
    )


def _config_fields(config: Any) -> dict[str, Any]:
    fields = {f.name: getattr(config, f.name) for f in dataclasses.fields(config)}
    if "threshold" in fields and fields["threshold"] is None:
        # the granularity preset decides (StoriesConfig.similarity_threshold)
        effective = getattr(config, "similarity_threshold", None)
        if effective is not None:
            fields["threshold"] = f"None (preset: {effective:g})"
    return fields


def tfidf_baseline(
    texts: Sequence[str], gold: Sequence[Any], thresholds: Iterable[float]
) -> tuple[float, dict[str, float]]:
    """The reference the issue names: plain TF-IDF (scikit-learn, sublinear tf, English stop
    words, corpus IDF), cosine average-link agglomerative clustering, with the distance threshold
    TUNED ON THE SCORED DOCUMENTS (the best of ``thresholds``). Returns (threshold, scores)."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectors = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    distance = 1.0 - (vectors @ vectors.T).toarray()
    best: tuple[float, dict[str, float]] | None = None
    for threshold in thresholds:
        labels = AgglomerativeClustering(
            n_clusters=None, metric="precomputed", linkage="average", distance_threshold=threshold
        ).fit_predict(distance)
        got = scores(gold, labels.tolist())
        if best is None or got["f1"] > best[1]["f1"]:
            best = (float(threshold), got)
    assert best is not None
    return best


def _r(value: float) -> float:
    return round(float(value), 4)


# --------------------------------------------------------------------------------------------
# The task


def run(
    data: Path,
    *,
    limit: int | None = None,
    progress: Progress = _SILENT,
    **options: Any,
) -> EvalResult:
    """Story clustering on ECB+ (cross-validated across topics) or Clust-McMs (defaults).
    ``limit`` keeps the first N topics (ECB+) or articles (Clust-McMs). Options: ``folds``
    (ECB+, default 5), ``seed`` (ECB+ fold assignment, default 0), ``workers`` (clustering
    processes, default 0 = one per core)."""
    folds = int(options.pop("folds", DEFAULT_FOLDS))
    seed = int(options.pop("seed", DEFAULT_SEED))
    workers = int(options.pop("workers", 0)) or os.cpu_count() or 1
    if options:
        raise DatasetError(TASK, f"unknown options for the clustering task: {', '.join(options)}")
    started = time.perf_counter()
    advance = progress.step("clustering: reading", 1)
    corpus = load(Path(data), limit)
    advance(1)
    if corpus.kind == "clust-mcms":
        return _run_clust_mcms(corpus, workers, progress, started)
    return _run_ecbplus(Path(data), corpus, folds, seed, workers, progress, started)


def _run_ecbplus(
    data: Path,
    corpus: Corpus,
    folds: int,
    seed: int,
    workers: int,
    progress: Progress,
    started: float,
) -> EvalResult:
    from newsfuse.config import StoriesConfig

    grid = parameter_grid()
    _check_grid(grid)
    topics = sorted(set(corpus.topics), key=_natural)
    if not 2 <= folds <= len(topics):
        raise DatasetError(
            str(data),
            f"cross-validation across topics needs 2 <= folds <= topics; {folds} folds asked "
            f"for {len(topics)} topics",
        )
    shuffled = [topics[i] for i in np.random.default_rng(seed).permutation(len(topics))]
    fold_of_topic = {topic: k % folds for k, topic in enumerate(shuffled)}
    fold_of = [fold_of_topic[t] for t in corpus.topics]

    ner_started = time.perf_counter()
    entities = _find_entities(corpus.articles, progress)
    ner_seconds = time.perf_counter() - ner_started
    clusterer = _Clusterer(corpus.articles, entities, workers)
    configs = [_stories_config(params) for params in grid]
    default_config = StoriesConfig()
    incidents = corpus.incidents
    n = len(incidents)

    def incident_f1(subset: tuple[int, ...], config: Any) -> float:
        labels = clusterer.labels(subset, config)
        return bcubed([incidents[i] for i in subset], [labels[i] for i in subset])[2]

    every = clusterer.subset(range(n))
    trains = [clusterer.subset(i for i in range(n) if fold_of[i] != k) for k in range(folds)]
    tests = [clusterer.subset(i for i in range(n) if fold_of[i] == k) for k in range(folds)]
    # every grid point on every fold's training topics, and (not cross-validated) on all
    jobs: list[Job] = [(train, config) for train in trains for config in configs]
    jobs += [(every, config) for config in configs] + [(every, default_config)]
    # for transparency only: the same grid without time decay (excluded from the choice)
    no_decay = [dataclasses.replace(c, time_decay_days=1e6) for c in configs]
    jobs += [(every, config) for config in dict.fromkeys(no_decay)]
    clusterer.run(jobs, progress.step("clustering: grid runs", len(jobs)))

    # cross-validation across topics: choose on the training topics, cluster the held-out ones
    chosen_points: list[int] = []
    train_f1: list[list[float]] = []
    for k in range(folds):
        train_f1.append([incident_f1(trains[k], config) for config in configs])
        chosen_points.append(int(np.argmax(train_f1[k])))  # the first of equals
    clusterer.run(
        [(tests[k], configs[chosen_points[k]]) for k in range(folds)],
        progress.step("clustering: held-out runs", folds),
    )
    pooled: dict[int, str] = {}
    fold_notes: list[str] = []
    for k in range(folds):
        best = chosen_points[k]
        labels = clusterer.labels(tests[k], configs[best])
        for i in tests[k]:
            pooled[i] = f"{k}:{labels[i]}"
        held_out = incident_f1(tests[k], configs[best])
        held_topics = sorted({corpus.topics[i] for i in tests[k]}, key=_natural)
        fold_notes.append(
            f"fold {k + 1}: held-out topics {' '.join(held_topics)} ({len(tests[k])} docs); "
            f"chosen {_describe(grid[best])} (train incident F1 {train_f1[k][best]:.4f} on "
            f"{len(trains[k])} docs); held-out incident BCubed F1 {held_out:.4f}"
        )
    story_ids: dict[str, int] = {}
    predicted = [story_ids.setdefault(pooled[i], len(story_ids)) for i in range(n)]
    incident = scores(incidents, predicted)
    topic = scores(corpus.topics, predicted)

    # not cross-validated: the best grid point on all documents, and the defaults
    oracle_point = int(np.argmax([incident_f1(every, config) for config in configs]))
    oracle_labels = clusterer.labels(every, configs[oracle_point])
    oracle = scores(incidents, [oracle_labels[i] for i in range(n)])
    default_labels = clusterer.labels(every, default_config)
    default = scores(incidents, [default_labels[i] for i in range(n)])
    baseline_threshold, baseline = tfidf_baseline(
        [a.text for a in corpus.articles], incidents, np.arange(0.50, 0.99, 0.01)
    )
    no_decay_point = int(np.argmax([incident_f1(every, config) for config in no_decay]))
    no_decay_labels = clusterer.labels(every, no_decay[no_decay_point])
    no_decay_best = scores(incidents, [no_decay_labels[i] for i in range(n)])

    metrics: dict[str, float | int | str] = {
        "documents": n,
        "topics": len(topics),
        "incidents": len(set(incidents)),
        "folds": folds,
        "incident_bcubed_precision": _r(incident["precision"]),
        "incident_bcubed_recall": _r(incident["recall"]),
        "incident_bcubed_f1": _r(incident["f1"]),
        "incident_ari": _r(incident["ari"]),
        "topic_bcubed_f1": _r(topic["f1"]),
        "topic_ari": _r(topic["ari"]),
        "oracle_incident_bcubed_f1": _r(oracle["f1"]),
        "oracle_incident_ari": _r(oracle["ari"]),
        "default_incident_bcubed_f1": _r(default["f1"]),
        "default_incident_ari": _r(default["ari"]),
        "no_decay_oracle_incident_bcubed_f1": _r(no_decay_best["f1"]),
        "no_decay_oracle_incident_ari": _r(no_decay_best["ari"]),
        "tfidf_baseline_oracle_incident_bcubed_f1": _r(baseline["f1"]),
        "tfidf_baseline_oracle_incident_ari": _r(baseline["ari"]),
    }

    # the settings most folds chose, fed as a stream and as a batch
    votes = Counter(chosen_points)
    most_chosen = min(votes, key=lambda point: (-votes[point], point))
    if "mode" in {f.name for f in dataclasses.fields(StoriesConfig)}:
        modes = {m: dataclasses.replace(configs[most_chosen], mode=m) for m in ("stream", "batch")}
        # for transparency: a stream that never consolidates (one pass, nothing merges or splits)
        modes["one_pass"] = dataclasses.replace(modes["stream"], consolidate_every=0)
        clusterer.run(
            [(every, config) for config in modes.values()],
            progress.step("clustering: stream vs batch", len(modes)),
        )
        stream_f1 = incident_f1(every, modes["stream"])
        batch_f1 = incident_f1(every, modes["batch"])
        metrics["stream_bcubed_f1"] = _r(stream_f1)
        metrics["batch_bcubed_f1"] = _r(batch_f1)
        metrics["stream_one_pass_bcubed_f1"] = _r(incident_f1(every, modes["one_pass"]))
        metrics["stream_minus_batch_bcubed_f1"] = _r(stream_f1 - batch_f1)
        mode_note = (
            f"stream_* / batch_* (incident level, all {n} docs; only the settings come from "
            f"the folds): {_describe(grid[most_chosen])}, chosen by {votes[most_chosen]} of "
            f"{folds} folds, with mode=stream (consolidating the touched stories every "
            f"{modes['stream'].consolidate_every} arrivals and at the end) and with mode=batch; "
            "stream_one_pass_* never consolidates; articles are fed in publication order, the "
            "undated ones (every 'ecb' document) after the dated ones in file-name order"
        )
    else:
        mode_note = "stream vs batch skipped: this StoriesConfig has no 'mode' field"
    seconds = time.perf_counter() - started
    metrics["seconds"] = round(seconds, 1)

    plus = [a for a in corpus.articles if "ecbplus" in a.key]
    notes = [
        (
            f"cross-validation across topics: {len(topics)} topics shuffled (seed {seed}) and "
            f"dealt into {folds} folds; per fold, each of {len(grid)} grid points clusters the "
            "training topics' documents together, the best incident BCubed F1 is kept (ties: "
            "first in grid order) and clusters the held-out topics' documents together; "
            "held-out predictions pooled (story ids unique per fold)"
        ),
        *fold_notes,
        (
            "oracle_* (NOT cross-validated: tuned on the documents it is scored on, an upper "
            f"bound): {_describe(grid[oracle_point])}"
        ),
        (
            "no_decay_oracle_* (NOT cross-validated, and outside the grid on purpose): the best "
            "grid point with time decay switched off, on all documents: "
            f"{_describe(_config_fields(no_decay[no_decay_point]))}"
        ),
        (
            "tfidf_baseline_oracle_* (NOT cross-validated: the reference system, plain TF-IDF "
            "cosine with average link, its distance threshold tuned on all documents): "
            f"threshold {baseline_threshold:.2f}"
        ),
        (
            "default_* (NOT cross-validated): StoriesConfig() = "
            f"{_describe(_config_fields(default_config))}"
        ),
        mode_note,
        (
            f"metadata lines: {sum(a.url is not None for a in plus)} of {len(plus)} 'ecbplus' "
            "documents open with a URL (taken as the article's url), "
            f"{sum(a.published is not None for a in plus)} a date line read as the publication "
            f"date; the {n - len(plus)} 'ecb' documents have neither"
        ),
        (
            f"{seconds:.0f} s in all: entities {ner_seconds:.0f} s (once, all documents); "
            + clusterer.timing()
        ),
    ]
    predictions = {corpus.names[i]: label for i, label in enumerate(predicted)}
    return EvalResult(task=TASK, metrics=metrics, predictions=predictions, notes=notes)


def _run_clust_mcms(corpus: Corpus, workers: int, progress: Progress, started: float) -> EvalResult:
    from newsfuse.config import StoriesConfig

    ner_started = time.perf_counter()
    entities = _find_entities(corpus.articles, progress)
    ner_seconds = time.perf_counter() - ner_started
    clusterer = _Clusterer(corpus.articles, entities, workers)
    config = StoriesConfig()
    catchall = str(CATCHALL_LABEL)
    gold = corpus.incidents
    n = len(gold)
    in_stories = [i for i, label in enumerate(gold) if label != catchall]
    every = clusterer.subset(range(n))
    without = clusterer.subset(in_stories)
    jobs: list[Job] = [(every, config)] + ([(without, config)] if without else [])
    clusterer.run(jobs, progress.step("clustering: runs", len(jobs)))

    labels_all = clusterer.labels(every, config)
    predicted_all = [labels_all[i] for i in range(n)]
    labels_without = clusterer.labels(without, config) if without else {}
    metrics: dict[str, float | int | str] = {
        "documents": n,
        "gold_clusters": len({gold[i] for i in in_stories}),
        "catchall_documents": n - len(in_stories),
    }
    scored = catchall_scores(gold, predicted_all, [labels_without[i] for i in in_stories])
    metrics.update({name: _r(value) for name, value in scored.items()})
    seconds = time.perf_counter() - started
    metrics["seconds"] = round(seconds, 1)
    languages = Counter(a.language or "unknown" for a in corpus.articles)
    notes = [
        (
            f"label {CATCHALL_LABEL} is a catch-all bucket, not a story ({n - len(in_stories)} "
            "documents): excluding_catchall_* leaves them out of both the input and the "
            "scoring; catchall_as_singletons_* clusters every document and scores each "
            f"label-{CATCHALL_LABEL} document as its own gold singleton"
        ),
        (
            "no tuning on Clust-McMs: StoriesConfig() defaults = "
            f"{_describe(_config_fields(config))}"
        ),
        (
            "languages (clean-stage detector): "
            + ", ".join(f"{lang} {count}" for lang, count in languages.most_common())
            + "; run as is, no special casing; the file gives no publication dates, so articles "
            "are fed in ID order"
        ),
        (
            f"{len(set(predicted_all))} predicted stories over all {n} documents; "
            f"{seconds:.0f} s in all: entities {ner_seconds:.0f} s; " + clusterer.timing()
        ),
    ]
    predictions = {corpus.names[i]: label for i, label in enumerate(predicted_all)}
    return EvalResult(task=TASK, metrics=metrics, predictions=predictions, notes=notes)
