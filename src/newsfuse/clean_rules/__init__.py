"""Boilerplate rules used by :mod:`newsfuse.clean`.

``patterns`` holds the single-line rules (regular expressions and line statistics), ``title`` the
headline helpers (glued chrome words, headline repeated in the body). Every rule is generic: it
describes a *kind* of line (a share prompt, a photo credit, a menu), never a line of one site.
"""

from newsfuse.clean_rules.patterns import LineContext, classify_line, is_headline_like
from newsfuse.clean_rules.title import TitleMatcher, strip_glued_chrome

__all__ = [
    "LineContext",
    "TitleMatcher",
    "classify_line",
    "is_headline_like",
    "strip_glued_chrome",
]
