"""Timeline-summarization metrics: alignment-based ROUGE (AR-1/AR-2), concat ROUGE and Date-F1.

A timeline maps days to short summaries (lists of sentences). A predicted timeline is scored
against one or more reference timelines, as in the standard timeline-summarization evaluations,
which all use the ``tilse`` toolkit (0.2.1) and report "align+ m:1" ROUGE as AR1-F / AR2-F:

    Sebastian Martschat and Katja Markert (2017). Improving ROUGE for Timeline Summarization.
    In Proceedings of EACL 2017, volume 2: Short Papers.

``alignment_rouge`` ("align+ m:1", tilse's ``evaluate_align_date_content_costs_many_to_one``):
every predicted day is aligned to the reference day of least cost

    cost = (1 - 1 / (|days apart| + 1)) * (1 - approximate ROUGE-1 F of the two days' summaries),

and its ROUGE-n hits against that day's reference summaries count weighted by
``1 / (|days apart| + 1)``; precision is the sum of these over predicted days divided by the
predicted days' n-gram counts times the number of references. Recall is the mirror image: every
reference day is aligned to its least-cost predicted day and the weighted hits are divided by the
reference n-gram counts. Several predicted days may share one reference day (many-to-one).
``concat_rouge`` scores the concatenation of all summaries; ``date_f1`` compares the sets of days.

ROUGE counts follow ROUGE-1.5.5.pl as tilse runs it by default (stemming ``-m``, stop-word
removal ``-s``, ROUGE's default scoring formula A over several references): ``rouge_tokens``
lower-cases, keeps runs of ASCII letters and digits (everything else, hyphens included, separates
words), drops the SMART stop list shipped with ROUGE, and Porter-stems words longer than three
characters with ROUGE's own Porter implementation, ported here rule by rule (it differs from
Snowball's "porter" on about 0.4% of word types, e.g. "agreement" -> "agreem", "analogy" ->
"analog"). Not reproduced: ROUGE's WordNet exception table, which maps irregular forms
("children" -> "child") before stemming only when ``data/WordNet-2.0.exc.db`` was built with
entries (a common build recipe leaves it empty), and the SEE-format reader's loss of any text
after a ``<`` in a sentence.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

__all__ = ["PRF", "Timeline", "alignment_rouge", "concat_rouge", "date_f1", "rouge_tokens"]

Timeline = Mapping[date, Sequence[str]]
Tokenizer = Callable[[str], Sequence[str]]

STOPWORDS_PATH = Path(__file__).parent / "data" / "rouge_stopwords.txt"


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and their harmonic mean (0 when both are 0)."""

    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, precision: float, recall: float) -> PRF:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(precision, recall, f1)


# --- ROUGE-1.5.5 preprocessing ----------------------------------------------------------------


def _load_stopwords() -> frozenset[str]:
    lines = STOPWORDS_PATH.read_text(encoding="ascii").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


_STOPWORDS = _load_stopwords()
# ROUGE keeps only [A-Za-z0-9-] and then drops the "-" tokens, so a hyphen separates words.
# Matching ASCII only also mirrors Perl reading bytes: every byte of a non-ASCII letter is a
# separator there ("café" -> "caf").
_NOT_WORD = re.compile(r"[^A-Za-z0-9]+")

# ROUGE-1.5.5.pl's Porter stemmer (Martin Porter's Perl version, "Release 1", with Chin-Yew Lin's
# 2004 change to step 4), ported rule by rule: the regular expressions are the Perl ones, and
# Python's re finds the same leftmost match that Perl's `$`` (prematch) relies on.
_CONS = "[^aeiou][^aeiouy]*"  # a consonant sequence; an initial y is upper-cased first
_VOWS = "[aeiouy][aeiou]*"  # a vowel sequence
_M_GT0 = re.compile(f"^({_CONS})?{_VOWS}{_CONS}")
_M_EQ1 = re.compile(f"^({_CONS})?{_VOWS}{_CONS}({_VOWS})?$")
_M_GT1 = re.compile(f"^({_CONS})?{_VOWS}{_CONS}{_VOWS}{_CONS}")
_HAS_VOWEL = re.compile(f"^({_CONS})?[aeiouy]")
_CVC = re.compile(f"^{_CONS}[aeiouy][^aeiouwxy]$")
_STEP1A = re.compile(r"(ss|i)es$")
_STEP1A_S = re.compile(r"([^s])s$")
_STEP1B = re.compile(r"(ed|ing)$")
_STEP1B_E = re.compile(r"(at|bl|iz)$")
_DOUBLE = re.compile(r"([^aeiouylsz])\1$")
_STEP2_MAP = {
    "ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize",
    "bli": "ble", "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous", "ization": "ize",
    "ation": "ate", "ator": "ate", "alism": "al", "iveness": "ive", "fulness": "ful",
    "ousness": "ous", "aliti": "al", "iviti": "ive", "biliti": "ble", "logi": "log",
}  # fmt: skip
_STEP2 = re.compile(
    "(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism"
    "|iveness|fulness|ousness|aliti|iviti|biliti|logi)$"
)
_STEP3_MAP = {
    "icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": "",
}  # fmt: skip
_STEP3 = re.compile("(icate|ative|alize|iciti|ical|ful|ness)$")
# The Perl order: "ement" is tried in the first group, then "ment" and "ent" on what is left.
_STEP4 = re.compile("(al|ance|ence|er|ic|able|ible|ant|ement|ou|ism|ate|iti|ous|ive|ize)$")
_STEP4_ION = re.compile("(s|t)(ion)$")


@lru_cache(maxsize=1 << 18)
def _porter(word: str) -> str:
    """ROUGE-1.5.5's ``stem``: Porter's algorithm on a lower-case word."""
    if len(word) < 3:
        return word
    initial_y = word[0] == "y"
    w = "Y" + word[1:] if initial_y else word  # so that the patterns never treat it as a vowel

    # Step 1a
    if (m := _STEP1A.search(w)) or (m := _STEP1A_S.search(w)):
        w = w[: m.start()] + m.group(1)
    # Step 1b
    if w.endswith("eed"):
        if _M_GT0.search(w[:-3]):
            w = w[:-1]
    elif (m := _STEP1B.search(w)) and _HAS_VOWEL.search(w[: m.start()]):
        w = w[: m.start()]
        if _STEP1B_E.search(w):
            w += "e"
        elif _DOUBLE.search(w):
            w = w[:-1]
        elif _CVC.search(w):
            w += "e"
    # Step 1c
    if w.endswith("y") and _HAS_VOWEL.search(w[:-1]):
        w = w[:-1] + "i"
    # Steps 2 and 3
    for pattern, replacement in ((_STEP2, _STEP2_MAP), (_STEP3, _STEP3_MAP)):
        if (m := pattern.search(w)) and _M_GT0.search(w[: m.start()]):
            w = w[: m.start()] + replacement[m.group(1)]
    # Step 4
    if (m := _STEP4.search(w)) and _M_GT1.search(w[: m.start()]):
        w = w[: m.start()]
    if w.endswith("ment") and _M_GT1.search(w[:-4]):
        w = w[:-4]
    if w.endswith("ent"):
        if _M_GT1.search(w[:-3]):
            w = w[:-3]
    elif (m := _STEP4_ION.search(w)) and _M_GT1.search(w[: m.start()] + m.group(1)):
        w = w[: m.start()] + m.group(1)
    # Step 5
    if w.endswith("e"):
        stem = w[:-1]
        if _M_GT1.search(stem) or (_M_EQ1.search(stem) and not _CVC.search(stem)):
            w = stem
    if w.endswith("ll") and _M_GT1.search(w):
        w = w[:-1]

    return w[0].lower() + w[1:] if initial_y else w


def rouge_tokens(text: str) -> list[str]:
    """The words ROUGE-1.5.5.pl counts in ``text`` when run with ``-m -s``.

    >>> rouge_tokens("The U.N. said it was re-opening 3 schools in Kharkiv.")
    ['open', '3', 'school', 'kharkiv']
    """
    words = _NOT_WORD.sub(" ", text).lower().split()
    # ROUGE stems only words longer than three characters ("was" stays, "schools" -> "school").
    return [_porter(w) if len(w) > 3 else w for w in words if w not in _STOPWORDS]


# --- ROUGE counts -------------------------------------------------------------------------------


def _ngrams(tokens: Sequence[str], n: int) -> Counter[Hashable]:
    if n == 1:
        return Counter(tokens)
    return Counter(zip(*(tokens[i:] for i in range(n)), strict=False))


def _hits(pred: Counter[Hashable], refs: Sequence[Counter[Hashable]]) -> int:
    """Clipped n-gram matches summed over the references (ROUGE's scoring formula A)."""
    return sum(min(count, ref[gram]) for ref in refs for gram, count in pred.items() if gram in ref)


def _prf(p_num: float, p_den: float, r_num: float, r_den: float) -> PRF:
    return PRF.of(p_num / p_den if p_den else 0.0, r_num / r_den if r_den else 0.0)


class _Grams:
    """n-gram counts of a day's summary, each distinct sentence tokenized once per call."""

    def __init__(self, tokenizer: Tokenizer, n: int) -> None:
        self._tokenizer = tokenizer
        self._n = n
        self._cache: dict[str, Sequence[str]] = {}

    def tokens(self, sentences: Sequence[str]) -> list[str]:
        out: list[str] = []
        for sentence in sentences:
            toks = self._cache.get(sentence)
            if toks is None:
                toks = self._cache[sentence] = self._tokenizer(sentence)
            out.extend(toks)
        return out

    def __call__(self, sentences: Sequence[str]) -> Counter[Hashable]:
        # ROUGE joins a summary's sentences into one text, so n-grams run across sentences.
        return _ngrams(self.tokens(sentences), self._n)


def _check(references: Sequence[Timeline], n: int = 1) -> list[Timeline]:
    if isinstance(references, Mapping):
        raise TypeError("references must be a sequence of timelines, not one timeline")
    if not references:
        raise ValueError("at least one reference timeline is needed")
    if n < 1:
        raise ValueError(f"n must be a positive n-gram size, got {n}")
    return list(references)


# --- tilse's approximate ROUGE-1, used only to choose the alignment ---------------------------


def _approx_counts(sentences: Sequence[str]) -> Counter[str]:
    # tilse's util.compute_rouge_approximation: raw whitespace tokens, case kept, no stemming;
    # `tok not in string.punctuation` is a substring test, so "." and "()" go, "''" stays.
    return Counter(
        tok for sentence in sentences for tok in sentence.split() if tok not in string.punctuation
    )


def _approx_f(
    pred: Counter[str], pred_total: int, ref: Mapping[str, list[int]], ref_total: int, n_refs: int
) -> float:
    """Approximate ROUGE-1 F of one predicted day against one reference day.

    The arithmetic is tilse's, step for step, so that costs and hence tie-breaks agree exactly.
    """
    match = 0
    for tok, count in pred.items():
        counts = ref.get(tok)
        if counts:
            for ref_count in counts:
                match += min(ref_count, count)
    prec_denom = n_refs * pred_total
    precision = 0 if prec_denom == 0 else match / prec_denom
    recall = 0 if ref_total == 0 else match / ref_total
    if precision + recall == 0:
        return 0
    return 2 * precision * recall / (precision + recall)


def _content_costs(
    predicted: Timeline,
    pred_dates: Sequence[date],
    refs: Sequence[Timeline],
    ref_dates: Sequence[date],
) -> list[list[float]]:
    """costs[i][j] between predicted day i and reference day j (tilse's _get_date_content_costs)."""
    pred_counts = [_approx_counts(predicted[d]) for d in pred_dates]
    pred_totals = [sum(c.values()) for c in pred_counts]
    ref_counts: list[dict[str, list[int]]] = []
    ref_totals: list[int] = []
    for d in ref_dates:
        merged: dict[str, list[int]] = {}
        total = 0
        for ref in refs:
            # A reference without this day is still one of the references: tilse's GroundTruth
            # hands it over as an empty summary, and it counts in the precision denominator.
            counts = _approx_counts(ref.get(d, ()))
            total += sum(counts.values())
            for tok, count in counts.items():
                merged.setdefault(tok, []).append(count)
        ref_counts.append(merged)
        ref_totals.append(total)

    n_refs = len(refs)
    ref_ordinals = [d.toordinal() for d in ref_dates]
    costs = []
    for d, counts, total in zip(pred_dates, pred_counts, pred_totals, strict=True):
        ordinal = d.toordinal()
        row = []
        for ref_ordinal, merged, ref_total in zip(
            ref_ordinals, ref_counts, ref_totals, strict=True
        ):
            date_factor = 1 - 1 / (abs(ordinal - ref_ordinal) + 1)
            content_factor = 1 - _approx_f(counts, total, merged, ref_total, n_refs)
            row.append(date_factor * content_factor)
        costs.append(row)
    return costs


def _argmin(values: Sequence[float]) -> int:
    # The first of equal minima, like numpy's argmin in tilse; dates are sorted, so ties go to
    # the earliest day.
    return min(range(len(values)), key=values.__getitem__)


# --- the metrics --------------------------------------------------------------------------------


def alignment_rouge(
    predicted: Timeline,
    references: Sequence[Timeline],
    n: int,
    *,
    tokenizer: Tokenizer = rouge_tokens,
) -> PRF:
    """ROUGE-n with the "align+ m:1" date alignment of Martschat & Markert (2017).

    ``n`` is 1 for AR-1 and 2 for AR-2. ``tokenizer`` turns one sentence into the words ROUGE
    counts; the default is ROUGE-1.5.5's preprocessing. The alignment itself always uses tilse's
    approximate ROUGE-1 on whitespace tokens, which is part of the metric's definition.
    """
    refs = _check(references, n)
    grams = _Grams(tokenizer, n)
    pred_dates = sorted(predicted)
    ref_dates = sorted(set().union(*refs))
    pred_grams = [grams(predicted[d]) for d in pred_dates]
    ref_grams = [[grams(ref.get(d, ())) for ref in refs] for d in ref_dates]
    costs = _content_costs(predicted, pred_dates, refs, ref_dates)

    # Precision: each predicted day against its least-cost reference day. With no reference day
    # at all there is nothing to align to, and the day's n-grams count as unmatched.
    p_num: list[float] = []
    p_den: list[int] = []
    for i, d in enumerate(pred_dates):
        pred_total = sum(pred_grams[i].values())
        p_den.append(len(refs) * pred_total)
        if ref_dates:
            j = _argmin(costs[i])
            weight = 1 / (abs(d.toordinal() - ref_dates[j].toordinal()) + 1)
            p_num.append(weight * _hits(pred_grams[i], ref_grams[j]))

    # Recall: each reference day against its least-cost predicted day (a column of the same
    # matrix: tilse's axis=1 costs are this matrix transposed).
    r_num: list[float] = []
    r_den: list[int] = []
    for j, d in enumerate(ref_dates):
        r_den.append(sum(sum(g.values()) for g in ref_grams[j]))
        if pred_dates:
            i = _argmin([row[j] for row in costs])
            weight = 1 / (abs(pred_dates[i].toordinal() - d.toordinal()) + 1)
            r_num.append(weight * _hits(pred_grams[i], ref_grams[j]))

    return _prf(sum(p_num), sum(p_den), sum(r_num), sum(r_den))


def concat_rouge(
    predicted: Timeline,
    references: Sequence[Timeline],
    n: int,
    *,
    tokenizer: Tokenizer = rouge_tokens,
) -> PRF:
    """ROUGE-n of all summaries concatenated in date order, ignoring dates (tilse's "concat")."""
    refs = _check(references, n)
    grams = _Grams(tokenizer, n)

    def concatenated(timeline: Timeline) -> list[str]:
        return [sentence for d in sorted(timeline) for sentence in timeline[d]]

    pred = grams(concatenated(predicted))
    ref_grams = [grams(concatenated(ref)) for ref in refs]
    hits = _hits(pred, ref_grams)
    return _prf(hits, len(refs) * sum(pred.values()), hits, sum(sum(g.values()) for g in ref_grams))


def date_f1(predicted: Timeline, references: Sequence[Timeline]) -> PRF:
    """Days of the predicted timeline against the union of the references' days (tilse's dates.py).

    A day counts whenever it is a key of the timeline, even with no sentence under it.
    """
    refs = _check(references)
    pred_dates = set(predicted)
    ref_dates: set[date] = set().union(*refs)
    both = len(pred_dates & ref_dates)
    return _prf(both, len(pred_dates), both, len(ref_dates))
