"""Sentence alignment between two articles: which sentences of the later one reuse which of the
earlier one, and how — verbatim, lightly edited, paraphrased ("spun": synonym swaps, reordered
clauses) or garbled by machine translation.

Lexical evidence (word-set overlap, rapidfuzz edit ratio) decides copies and light edits on its
own; sentence embeddings (all-MiniLM-L6-v2), when given, add paraphrases and machine-translated
garble, which share facts (names, numbers) and meaning but few words in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from newsfuse.model import SentenceLink

Span = tuple[int, int]

_WORD = re.compile(r"\w+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")

# Thresholds, on sentences of five or more words. Word-set Jaccard of two independently written
# sentences about one event rarely exceeds 0.35; MiniLM cosine of such sentences rarely exceeds
# 0.80 (measured on the demo corpus's independent reports; see tests/provenance/test_align.py).
VERBATIM_RATIO = 97.0
EDITED_RATIO = 80.0
EDITED_JACCARD = 0.6
LEXICAL_PARAPHRASE_JACCARD = 0.45
SEMANTIC_PARAPHRASE = (0.82, 0.30)  # cosine, and at least this Jaccard
SEMANTIC_GARBLED = 0.80  # cosine, with every number of the pair shared
SEMANTIC_ONLY = 0.90  # cosine high enough on its own


@dataclass(slots=True)
class SentenceSet:
    """One article's sentences, prepared once for all the pairs it takes part in."""

    spans: list[Span]
    texts: list[str]
    words: list[frozenset[str]]
    numbers: list[frozenset[str]]
    embeddings: np.ndarray | None = None  # unit rows, or None when not computed

    @classmethod
    def of(cls, text: str, spans: list[Span]) -> SentenceSet:
        texts = [text[s:e] for s, e in spans]
        return cls(
            spans=spans,
            texts=texts,
            words=[frozenset(w.casefold() for w in _WORD.findall(t)) for t in texts],
            numbers=[frozenset(_NUMBER.findall(t)) for t in texts],
        )

    def head(self, n: int) -> SentenceSet:
        """The first ``n`` sentences (embeddings dropped)."""
        return SentenceSet(self.spans[:n], self.texts[:n], self.words[:n], self.numbers[:n])


def _normalized(text: str) -> str:
    return " ".join(w.casefold() for w in _WORD.findall(text))


def link_kind(
    a: str, b: str, jaccard: float, cosine: float | None, numbers_agree: bool
) -> tuple[str, float] | None:
    """The kind of reuse between two sentences, and the score that decided it; None if unrelated."""
    if jaccard >= 0.3 or (cosine is not None and cosine >= SEMANTIC_GARBLED):
        ratio = fuzz.ratio(_normalized(a), _normalized(b))
        if ratio >= VERBATIM_RATIO:
            return "verbatim", ratio / 100
        if ratio >= EDITED_RATIO or jaccard >= EDITED_JACCARD:
            return "edited", max(ratio / 100, jaccard)
    if cosine is None:
        if jaccard >= LEXICAL_PARAPHRASE_JACCARD:
            return "paraphrase", jaccard
        return None
    if cosine >= SEMANTIC_PARAPHRASE[0] and jaccard >= SEMANTIC_PARAPHRASE[1]:
        return "paraphrase", cosine
    if cosine >= SEMANTIC_ONLY and numbers_agree:
        return "paraphrase", cosine
    if cosine >= SEMANTIC_GARBLED and numbers_agree:
        return "garbled", cosine
    return None


def align(source: SentenceSet, target: SentenceSet) -> list[SentenceLink]:
    """One-to-one links from target sentences to the source sentences they reuse, best first."""
    if not source.texts or not target.texts:
        return []
    jaccard = _jaccard_matrix(source.words, target.words)
    cosine = None
    if source.embeddings is not None and target.embeddings is not None:
        cosine = source.embeddings @ target.embeddings.T
    # Only pairs with some evidence are examined, strongest first: word overlap of 0.3, or a
    # cosine of 0.8 (shifted onto the same scale).
    strength = jaccard if cosine is None else np.maximum(jaccard, cosine - 0.5)
    candidates = np.argwhere(strength >= 0.3)
    order = np.argsort(-strength[candidates[:, 0], candidates[:, 1]], kind="stable")
    used_source: set[int] = set()
    used_target: set[int] = set()
    links: list[SentenceLink] = []
    for i, j in candidates[order]:
        i, j = int(i), int(j)
        if i in used_source or j in used_target:
            continue
        numbers_a, numbers_b = source.numbers[i], target.numbers[j]
        found = link_kind(
            source.texts[i],
            target.texts[j],
            float(jaccard[i, j]),
            None if cosine is None else float(cosine[i, j]),
            numbers_agree=numbers_a == numbers_b,
        )
        if found is None:
            continue
        kind, score = found
        used_source.add(i)
        used_target.add(j)
        links.append(SentenceLink(source.spans[i], target.spans[j], kind, round(score, 3)))
    links.sort(key=lambda link: link.target_span)
    return links


def _jaccard_matrix(a: list[frozenset[str]], b: list[frozenset[str]]) -> np.ndarray:
    vocabulary: dict[str, int] = {}
    for words in (*a, *b):
        for word in words:
            vocabulary.setdefault(word, len(vocabulary))
    from scipy.sparse import csr_matrix

    def matrix(sets: list[frozenset[str]]) -> csr_matrix:
        rows = [i for i, s in enumerate(sets) for _ in s]
        cols = [vocabulary[w] for s in sets for w in s]
        return csr_matrix(
            (np.ones(len(cols), dtype=np.float32), (rows, cols)),
            shape=(len(sets), len(vocabulary)),
        )

    inter = (matrix(a) @ matrix(b).T).toarray()
    sizes_a = np.array([len(s) for s in a], dtype=np.float32)[:, None]
    sizes_b = np.array([len(s) for s in b], dtype=np.float32)[None, :]
    union = sizes_a + sizes_b - inter
    return np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)


def derived_share(links: list[SentenceLink], target: SentenceSet) -> float:
    """Share of the target's sentences that reuse a source sentence."""
    return len(links) / len(target.texts) if target.texts else 0.0


def relation_of(links: list[SentenceLink], target: SentenceSet) -> tuple[str, float]:
    """duplicate / rewrite (most content derived) / partial reuse / independent, with the share."""
    share = derived_share(links, target)
    verbatim = sum(link.kind == "verbatim" for link in links)
    if share >= 0.9 and verbatim >= 0.9 * len(links):
        return "duplicate", share
    if share >= 0.5:
        return "rewrite", share
    if share >= 0.2 or len(links) >= 3:
        return "partial", share
    return "independent", share
