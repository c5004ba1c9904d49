"""Named-entity mentions in clean article text, with spaCy run in batches."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

from newsfuse.config import NlpConfig
from newsfuse.model import Article
from newsfuse.nlp.spacy_model import load_spacy
from newsfuse.progress import Progress, Silent

# Entity types newsfuse keeps; dates, numbers and quantities are handled by their own stages.
KEPT_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "EVENT"})


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


def worker_count(config: NlpConfig, n_texts: int) -> int:
    """Worker processes for spaCy: the configured number, or (0 = auto) one per core once the
    batch is large enough to repay the start-up of a worker (loading the model, ~1 s)."""
    if config.n_process:
        return config.n_process
    return max(1, min(os.cpu_count() or 1, n_texts // 200))


def find_mentions(
    articles: Sequence[Article], config: NlpConfig = NlpConfig(), progress: Progress = Silent()
) -> EntityMentions:
    nlp = load_spacy(config.model, ("entities",))
    jobs = [
        (article.id, offset, chunk)
        for article in articles
        for offset, chunk in chunk_text(article.text, config.max_chars)
    ]
    advance = progress.step("Finding entities", len(jobs))
    mentions: EntityMentions = []
    docs = nlp.pipe(
        (chunk for _, _, chunk in jobs),
        batch_size=config.batch_size,
        n_process=worker_count(config, len(jobs)),
    )
    for (article_id, offset, _), doc in zip(jobs, docs, strict=True):
        for ent in doc.ents:
            if ent.label_ not in KEPT_LABELS:
                continue
            text = ent.text.strip()
            if not text:
                continue
            preceding = doc[ent.start - 1].lower_ if ent.start > 0 else ""
            mentions.append(
                RawMention(
                    article_id=article_id,
                    start=offset + ent.start_char,
                    end=offset + ent.end_char,
                    text=text,
                    label=ent.label_,
                    preceding=preceding,
                )
            )
        advance(1)
    return mentions
