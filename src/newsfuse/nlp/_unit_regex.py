"""quantulum3's quantity pattern with its unit names as a trie: the same matches, ~30x faster.

quantulum3 finds a quantity with one pattern: a number, then up to four units joined by
operators, each unit an alternation of its ~1,900 unit names and symbols, longest first. Python's
regex engine tries those names one after another after every number it meets (eight times, as
the pattern repeats the alternation in its look-aheads), which made this one search about a third
of the claims stage: ~3 ms for a window of text with three numbers, against ~0.1 ms with the
same names folded into a trie (``retrie``), where each character read narrows the names left.

Same matches: the names are folded to one letter case (the pattern ignores case) so that the
trie's branches never overlap, and a trie with optional tails tries longer names before their
prefixes, which is the order quantulum3's longest-first alternation tries them in. A test
compares both patterns' matches, every group included, on every unit name in several forms and
on the demo corpus.

The pattern below is quantulum3's own (``quantulum3.regex.units_regex``) as of the release in
``VERIFIED_RELEASES``; under another release quantulum3's pattern is left in place.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from importlib.metadata import version
from types import ModuleType

VERIFIED_RELEASES = frozenset({"0.10.0"})

# quantulum3's own pattern function, kept when it is replaced (the tests compare the two).
quantulums_own: Callable[..., re.Pattern[str]] | None = None


def install(regex_module: ModuleType) -> bool:
    """Make quantulum3's parser use the trie pattern (``regex_module`` is ``quantulum3.regex``,
    which the parser looks the pattern up in at each call). False, and nothing changed, under a
    quantulum3 release this pattern was not checked against."""
    global quantulums_own
    if version("quantulum3") not in VERIFIED_RELEASES:
        return False
    if regex_module.units_regex is not trie_units_regex:
        quantulums_own = regex_module.units_regex
        regex_module.units_regex = trie_units_regex
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
