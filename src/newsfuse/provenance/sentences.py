"""Sentence spans of clean article text, with spaCy's rule-based sentencizer (no model needed)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from newsfuse.parallel import fork_map

if TYPE_CHECKING:
    from spacy.language import Language

Span = tuple[int, int]

MIN_WORDS = 5  # shorter "sentences" (datelines, subheads) carry too little to align


@lru_cache(maxsize=1)
def _sentencizer() -> Language:
    from newsfuse.nlp.spacy_model import import_spacy

    nlp = import_spacy().blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def sentence_spans(texts: Sequence[str]) -> list[list[Span]]:
    """For each text, the (start, end) character spans of its sentences of ``MIN_WORDS``+ words.

    Paragraph breaks always end a sentence; within a paragraph the sentencizer splits on
    sentence-final punctuation. Texts are split on every core (fork_map).
    """
    _sentencizer()  # built before the workers fork, so that they inherit it
    return fork_map(_text_spans, texts, min_per_worker=50)


def _text_spans(text: str) -> list[Span]:
    nlp = _sentencizer()
    jobs = []  # (paragraph offset, paragraph)
    offset = 0
    for paragraph in text.split("\n"):
        if paragraph.strip():
            jobs.append((offset, paragraph))
        offset += len(paragraph) + 1
    spans: list[Span] = []
    with nlp.memory_zone():
        for (offset, _), doc in zip(jobs, nlp.pipe(p for _, p in jobs), strict=True):
            for sent in doc.sents:
                if sum(not t.is_punct for t in sent) >= MIN_WORDS:
                    start = offset + sent.start_char
                    spans.append((start, start + len(sent.text.rstrip())))
    return spans
