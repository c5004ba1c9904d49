"""Small helpers for the rule-based parts of the NLP stages."""

from __future__ import annotations

import re
from collections.abc import Iterable


def longest_first(phrases: Iterable[str]) -> str:
    """A regex alternation of ``phrases`` (escaped, each once) that tries longer ones first, so
    that "tens of thousands of" wins over "thousands of" and "Sept" over "Sep"."""
    return "|".join(sorted({re.escape(p) for p in phrases}, key=len, reverse=True))
