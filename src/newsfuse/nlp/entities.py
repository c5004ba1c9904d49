"""Named-entity mentions in clean article text, with spaCy run in batches."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass
from itertools import repeat
from typing import TYPE_CHECKING

from newsfuse.config import NlpConfig
from newsfuse.model import Article
from newsfuse.nlp.spacy_model import load_spacy
from newsfuse.parallel import cores, frozen_heap
from newsfuse.progress import Progress, Silent

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Entity types newsfuse keeps; dates, numbers and quantities are handled by their own stages.
KEPT_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "EVENT"})

# A word's first sight creates its lexeme (a vocabulary entry whose dozen attributes spaCy
# computes then), and a memory zone drops the lexemes made inside it. Tagging every batch in a
# zone re-created the lexemes of all its words each time: tokenizing 299 articles took 5.2-5.9
# s of a core against 2.3-3.5 s. A process keeps the lexemes of the first words it meets, the
# common ones, and tags in zones only once its vocabulary holds this many, so that memory stays
# bounded however long the run (each kept lexeme costs about 0.6 kB with the tokenizer's cache).
KEPT_LEXEMES = 100_000


@dataclass(slots=True, frozen=True)
class RawMention:
    """An entity mention as the model tagged it, before aliases are merged across articles."""

    article_id: str
    start: int
    end: int
    text: str
    label: str
    preceding: str  # the word just before the mention, lower-cased ("in" in "in Kyiv")


EntityMentions = list[RawMention]


def chunk_text(text: str, max_chars: int) -> list[tuple[int, str]]:
    """Split ``text`` into (offset, chunk) pieces of at most ``max_chars``, at paragraph breaks
    where possible, so that very long articles stay within spaCy's memory budget."""
    if len(text) <= max_chars:
        return [(0, text)]
    pieces: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(start + max_chars, len(text))
        if end < len(text):
            cut = text.rfind("\n", start + max_chars // 2, end)
            if cut == -1:
                cut = text.rfind(" ", start + max_chars // 2, end)
            end = cut + 1 if cut != -1 else end
        pieces.append((start, text[start:end]))
        start = end
    return pieces


def batch_jobs(
    jobs: list[tuple[str, int, str]], max_texts: int, max_chars: int
) -> list[list[tuple[str, int, str]]]:
    """Consecutive batches of at most ``max_texts`` texts and (unless one text is longer) at most
    ``max_chars`` characters: spaCy's memory grows with the characters in a batch, so a batch of
    sixteen long reports must not cost sixteen times the memory of one."""
    batches: list[list[tuple[str, int, str]]] = []
    current: list[tuple[str, int, str]] = []
    size = 0
    for job in jobs:
        if current and (len(current) >= max_texts or size + len(job[2]) > max_chars):
            batches.append(current)
            current, size = [], 0
        current.append(job)
        size += len(job[2])
    if current:
        batches.append(current)
    return batches


def worker_count(config: NlpConfig, n_texts: int) -> int:
    """Worker processes for spaCy: the configured number, or (0 = auto) one per core once the
    batch is large enough to repay the start-up of a worker (loading the model, ~1 s)."""
    if config.n_process:
        return config.n_process
    return max(1, min(cores(), n_texts // 50))


def find_mentions(
    articles: Sequence[Article],
    config: NlpConfig = NlpConfig(),
    progress: Progress = Silent(),
    alongside: Callable[[], object] | None = None,
) -> EntityMentions:
    """Entity mentions of every article, with spaCy run in batches, in worker processes when the
    input is large enough to repay starting them. ``alongside`` runs in this process while the
    workers tag (loading what later stages need, say), or first when there are no workers."""
    load_spacy(config.model, ("entities",))  # fail here, in one line, if the model is missing
    jobs = [
        (article.id, offset, chunk)
        for article in articles
        for offset, chunk in chunk_text(article.text, config.max_chars)
    ]
    advance = progress.step("Finding entities", len(jobs))
    batches = batch_jobs(jobs, config.batch_size, config.max_chars)
    workers = worker_count(config, len(jobs))
    mentions: EntityMentions = []
    if workers == 1:
        if alongside is not None:
            alongside()
        for batch in batches:
            mentions.extend(_batch_mentions(config.model, batch))
            advance(len(batch))
        return mentions
    # Workers send back only the mentions (a few hundred bytes per article), never spaCy docs:
    # shipping docs between processes costs more than tagging them.
    context = multiprocessing.get_context("fork")
    with frozen_heap(), ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        # map() submits every batch, and so forks the workers, before it returns.
        tagged = pool.map(_batch_mentions, repeat(config.model), batches)
        if alongside is not None:
            alongside()
        for batch, found in zip(batches, tagged, strict=True):
            mentions.extend(found)
            advance(len(batch))
    return mentions


def _batch_mentions(model: str, batch: list[tuple[str, int, str]]) -> list[RawMention]:
    nlp = load_spacy(model, ("entities",))
    found: list[RawMention] = []
    # Past KEPT_LEXEMES, a memory zone frees each batch's new words once read, so a long run
    # does not grow the vocabulary without bound.
    with nlp.memory_zone() if len(nlp.vocab) >= KEPT_LEXEMES else nullcontext():
        for (article_id, offset, _), doc in zip(
            batch, nlp.pipe(chunk for _, _, chunk in batch), strict=True
        ):
            found.extend(_doc_mentions(doc, article_id, offset))
    return found


def _doc_mentions(doc: Doc, article_id: str, offset: int) -> list[RawMention]:
    found = []
    for ent in doc.ents:
        text = ent.text.strip()
        if ent.label_ not in KEPT_LABELS or not text:
            continue
        # Offsets of the stripped text, so that text == article.text[start:end] always holds.
        start = offset + ent.start_char + (len(ent.text) - len(ent.text.lstrip()))
        found.append(
            RawMention(
                article_id=article_id,
                start=start,
                end=start + len(text),
                text=text,
                label=ent.label_,
                preceding=doc[ent.start - 1].lower_ if ent.start > 0 else "",
            )
        )
    return found
