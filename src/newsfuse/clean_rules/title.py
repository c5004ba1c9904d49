"""Headline helpers: site chrome glued to a headline, and the headline repeated in the body."""

from __future__ import annotations

import re

# Generic section and label words that page templates put right before a headline; scrapers that
# drop the whitespace between elements glue them to it ("WorldUkraine retakes…", "LIVEUkraine…").
_SECTION_WORDS = (
    "world|news|live|breaking|exclusive|watch|video|videos|update|updated|opinion|analysis|"
    "explainer|politics|business|economy|markets|money|finance|tech|technology|science|health|"
    "sport|sports|football|entertainment|culture|arts|lifestyle|life|style|travel|food|climate|"
    "environment|media|local|national|international|nation|global|region|regions|crime|education|"
    "weather|photos|gallery|podcast|review|reviews|features|feature|investigation|investigations|"
    "interview|commentary|editorial|comment|europe|africa|asia|americas|middle east|latest|"
    "breaking news|live updates|just in|war|conflict|defence|defense|security|society|us|uk"
)
# The word glued to a capitalised word, an opening quote or a digit, with no space between.
_GLUED = re.compile(rf"^(?P<word>(?i:{_SECTION_WORDS}))(?=[A-Z][a-z]|[A-Z]['’]|[\"“‘'«]\w|\d)")
_SENTENCE_END = re.compile(r"[.!?…]['\"”’)]*$")
_SPLIT_TITLE = re.compile(r"\s+(?:\||-|–|—|::|•|·|/)\s+")


def norm(text: str) -> str:
    """Case-folded words only, for comparing lines regardless of punctuation and quotes."""
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())


def strip_glued_chrome(text: str, *, body: str | None = None) -> tuple[str, str | None]:
    """``("Ukraine retakes…", "World")`` for ``"WorldUkraine retakes…"``; ``(text, None)`` if clean.

    The glued word must be an all-capitals label ("LIVE") or a title-case section word ("World");
    a run-together name that is really one word ("TechCrunch", "HealthCare.gov") is left alone
    when ``body`` (the article text) uses it as a word of its own, or when it holds a dot.
    """
    stripped = text.lstrip()
    match = _GLUED.match(stripped)
    if not match:
        return text, None
    word = match.group("word")
    if not (word.isupper() or word[:1].isupper() and word[1:].islower() or " " in word):
        return text, None
    if len(word) <= 2 and not word.isupper():
        return text, None
    token = stripped.split(None, 1)[0]
    if "." in token.rstrip(".") or "@" in token:
        return text, None
    if body is not None and re.search(rf"(?<!\w){re.escape(token)}(?!\w)", body):
        return text, None  # the run-together token is a real word of the article
    rest = stripped[len(word) :]
    if len(rest.split()) < 2 and len(rest) < 12:
        return text, None  # too little left to be a headline
    return rest, word


class TitleMatcher:
    """Recognises the article's headline when it is repeated as a line of the body."""

    def __init__(self, title: str | None) -> None:
        self.variants: set[str] = set()
        if not title:
            return
        full = norm(title)
        if full:
            self.variants.add(full)
        for part in _SPLIT_TITLE.split(title):
            n = norm(part)
            if len(n.split()) >= 3:
                self.variants.add(n)

    def matches(self, line: str, *, head: bool = False) -> bool:
        """Exact match anywhere; near matches (site name appended, small edits) at the top only."""
        if not self.variants:
            return False
        n = norm(line)
        if not n:
            return False
        if n in self.variants:
            return True
        if not head:
            return False
        for part in _SPLIT_TITLE.split(line):
            if norm(part) in self.variants and len(norm(part).split()) >= 3:
                return True
        from rapidfuzz import fuzz

        for v in self.variants:
            if len(v) < 20:
                continue
            if fuzz.ratio(n, v) >= 90:
                return True
            shorter, longer = sorted((n, v), key=len)
            if shorter is v and _SENTENCE_END.search(line.rstrip()):
                continue  # a lede that starts with the headline's words is prose
            if longer.startswith(shorter) or longer.endswith(shorter):
                extra = len(longer.split()) - len(shorter.split())
                if extra <= 4 and len(shorter) >= 0.6 * len(longer):
                    return True
        return False
