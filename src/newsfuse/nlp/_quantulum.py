"""quantulum3, faster, with the same results: three of its hot spots done the efficient way.

* **The quantity pattern with its unit names as a trie.** quantulum3 finds a quantity with one
  pattern: a number, then up to four units joined by operators, each unit an alternation of its
  ~1,900 unit names and symbols, longest first. Python's regex engine tries those names one after
  another after every number it meets (eight times, as the pattern repeats the alternation in
  its look-aheads): ~3 ms for a window of text with three numbers, against ~0.1 ms with the same
  names folded into a trie (``retrie``), where each character read narrows the names left. The
  names are folded to one letter case (the pattern ignores case) so that the trie's branches
  never overlap, and a trie with optional tails tries longer names before their prefixes, which
  is the order the longest-first alternation tries them in.
* **Unit disambiguation with its training words grouped by unit.** When a surface names several
  units ("tons"), quantulum3 (without its classifier, which does not load with our scikit-learn)
  counts which unit's training words occur in the text: every word of that unit's training
  texts, repeats included (thousands), tested against the text, after a walk over all ~800
  training entries. The same count with the words grouped by unit and counted once each, and,
  for a short text, with the text's few distinct substrings looked up among them: ~4x faster.

* **The spelled-number pattern with its word boundaries said once.** Before it reads figures,
  quantulum3 looks for numbers in words ("two hundred", "a dozen") with a pattern that gives
  each of its ~60 number words its own look-behind and look-ahead for a word boundary, so the
  regex engine evaluates ~60 look-behinds at every character of the text; it also rebuilds the
  pattern's source on every call. The same alternation with the look-behind before it and the
  look-ahead after it, in the same order, matches the same text: every alternative sits at the
  same position, and backtracking tries them in the same order. ~16x faster on news sentences.

Tests compare each with quantulum3's own functions: the pattern's matches, every group included,
on every unit name in several forms and on the demo corpus; the disambiguation on every
ambiguous unit surface.

The pattern below is quantulum3's own (``quantulum3.regex.units_regex``) as of the releases in
``VERIFIED_RELEASES``; under another release quantulum3 is left as it is.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from functools import lru_cache
from importlib.metadata import version
from typing import Any

VERIFIED_RELEASES = frozenset({"0.10.0"})

# quantulum3's own functions, kept when they are replaced (the tests compare both versions).
quantulums_own: dict[str, Callable[..., Any]] = {}


def install() -> bool:
    """Make quantulum3 use the functions here (its modules look them up at each call). False,
    and nothing changed, under a quantulum3 release they were not checked against."""
    if version("quantulum3") not in VERIFIED_RELEASES:
        return False
    import quantulum3.no_classifier
    import quantulum3.regex

    for module, name, faster in (
        (quantulum3.regex, "units_regex", trie_units_regex),
        (quantulum3.regex, "text_pattern_reg", spelled_numbers_regex),
        (quantulum3.no_classifier, "disambiguate_no_classifier", disambiguate_no_classifier),
    ):
        if getattr(module, name) is not faster:
            quantulums_own[name] = getattr(module, name)
            setattr(module, name, faster)
    return True


def _canonical(name: str) -> str:
    """One spelling per case-insensitive match: the micro sign and the Greek mu, the ohm sign
    and omega, fold to one letter; a letter whose case folding is longer ("ß" -> "ss", which
    an IGNORECASE pattern does not match) is only lowercased."""
    return "".join(c.casefold() if len(c.casefold()) == 1 else c.lower() for c in name)


@lru_cache(maxsize=4)
def trie_units_regex(lang: str = "en_US") -> re.Pattern[str]:
    """quantulum3's ``units_regex(lang)`` with each unit alternation built as a trie."""
    from quantulum3 import load
    from quantulum3 import regex as reg
    from retrie.trie import Trie

    units = load.units(lang)
    op_keys = sorted(reg.operators(lang), key=len, reverse=True)
    symbol_keys = sorted(units.prefix_symbols.keys(), key=len, reverse=True)
    names = Trie()
    for name in [*units.surfaces.keys(), *units.symbols.keys()]:
        names.add(_canonical(name))

    exponent = reg.exponents_regex(lang).format(superscripts=reg.unicode_superscript_regex())
    all_ops = "|".join(re.escape(key) for key in op_keys)
    all_units = names.pattern()
    all_symbols = "|".join(re.escape(key) for key in symbol_keys)
    # quantulum3 0.10.0's pattern, unchanged but for all_units (kept in its own % formatting,
    # so that it can be compared with the library's line by line).
    template = r"""
        (?<!\w)                                     # "begin" of word
        (?P<prefix>(?:%s)(?![a-zA-Z]))?         # Currencies, mainly
        (?P<value>%s)-?                           # Number
        (?:(?P<operator1>%s(?=(%s)%s))?(?P<unit1>(?:%s)%s)?)    # Operator + Unit (1)
        (?:(?P<operator2>%s(?=(%s)%s))?(?P<unit2>(?:%s)%s)?)    # Operator + Unit (2)
        (?:(?P<operator3>%s(?=(%s)%s))?(?P<unit3>(?:%s)%s)?)    # Operator + Unit (3)
        (?:(?P<operator4>%s(?=(%s)%s))?(?P<unit4>(?:%s)%s)?)    # Operator + Unit (4)
        (?!\w)                                      # "end" of word
    """
    values = [all_symbols, reg.range_pattern(lang)] + 4 * [
        all_ops,
        all_units,
        exponent,
        all_units,
        exponent,
    ]
    pattern = template % tuple(values)
    return re.compile(pattern, re.VERBOSE | re.IGNORECASE)


# One number word of quantulum3's alternation, between its word-boundary look-arounds.
_NUMBER_WORD = re.compile(r"\(\(\?<=\\W\)\|\^\)(.*?)\(\(\?=\\W\)\|\$\)")


@lru_cache(maxsize=4)
def spelled_numbers_regex(lang: str = "en_US") -> re.Pattern[str]:
    """quantulum3's ``text_pattern_reg(lang)`` with the number words' look-arounds factored
    out of the alternation (its own pattern, unchanged, when the alternation is not of the
    shape that makes this exact)."""
    from quantulum3 import regex as reg

    alternation = reg.numberwords_regex(lang)
    words = _NUMBER_WORD.findall(alternation)
    rebuilt = "|".join(r"((?<=\W)|^)" + word + r"((?=\W)|$)" for word in words)
    if not words or rebuilt != alternation or "" in words:
        own: Callable[[str], re.Pattern[str]] = quantulums_own.get(
            "text_pattern_reg", reg.text_pattern_reg
        )
        return own(lang)
    factored = r"(?:(?<=\W)|^)(?:" + "|".join(words) + r")(?:(?=\W)|$)"
    source = reg._get_regex(lang).TEXT_PATTERN.format(
        number_pattern_no_groups=reg.number_pattern_no_groups(lang),
        numberwords_regex=factored,
    )
    return re.compile(source, re.VERBOSE | re.IGNORECASE)


def disambiguate_no_classifier(entities: Any, text: str, lang: str = "en_US") -> Any:
    """quantulum3's ``no_classifier.disambiguate_no_classifier``: of ``entities`` (units or
    entities, by name), the one whose training words occur most in ``text`` (a word counts each
    time it is in the training texts, if it is anywhere in ``text``, even inside a longer word)
    relative to the length of its training texts; ties go to the higher count, then to the first.

    quantulum3 tests every training word against the text, repeats included (thousands per
    unit). Here each distinct word is tested once, and a short text (a window around a number,
    as the claims stage passes) instead looks its few distinct substrings up among the words.
    """
    training = _training_words(lang)
    pieces: dict[int, set[str]] = {}  # by length limit, for the entities of this call
    best, best_count, best_relative = None, 0, 0.0
    for entity in entities:
        words, longest, total = training.get(entity.name, ({}, 0, 0))
        if len(text) * longest <= 4 * len(words):
            if longest not in pieces:
                pieces[longest] = _substrings(text, longest)
            count = sum(words.get(piece, 0) for piece in pieces[longest])
        else:
            count = sum(n for word, n in words.items() if word in text)
        relative = count / total if total else 0
        if relative > best_relative or (relative == best_relative and count > best_count):
            best, best_count, best_relative = entity, count, relative
    return best


def _substrings(text: str, longest: int) -> set[str]:
    """Every distinct substring of ``text`` of at most ``longest`` characters, "" included."""
    return {
        text[i:j] for i in range(len(text) + 1) for j in range(i, min(len(text), i + longest) + 1)
    }


@lru_cache(maxsize=4)
def _training_words(lang: str) -> dict[str, tuple[dict[str, int], int, int]]:
    """Per unit or entity name: how often each word is in its training texts (split as
    quantulum3 splits them), the longest word's length, and the texts' total length."""
    from quantulum3 import load

    words: dict[str, Counter[str]] = defaultdict(Counter)
    length: dict[str, int] = defaultdict(int)
    for entry in load.training_set(lang):
        words[entry["unit"]].update(entry["text"].split(" "))
        length[entry["unit"]] += len(entry["text"])
    return {
        name: (dict(counts), max(map(len, counts)), length[name]) for name, counts in words.items()
    }
