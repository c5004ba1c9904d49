"""Explicit credit lines: "Reuters reported", "according to TASS", "per CNN", "citing the
Continental Press Agency", "told the Times", "(c) 2022 CPA", "Additional reporting by AP".

A credit counts when it names a news organisation: an outlet of another article in the same run
(with its acronym), or a name that reads like one (Agency, Press, News, Times, Radio …), or one of
the world's large news agencies. No maintained library extracts news attributions, hence the
patterns here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet

from newsfuse.model import Article, Attribution
from newsfuse.parallel import fork_map

# The large international and national agencies, whose names don't say "agency".
KNOWN_AGENCIES = frozenset(
    {"reuters", "ap", "associated press", "afp", "agence france-presse", "tass", "ria novosti",
     "interfax", "xinhua", "upi", "dpa", "ansa", "efe", "kyodo", "yonhap", "ukrinform", "unian",
     "pti", "anadolu", "bloomberg", "bbc", "cnn"}
)  # fmt: skip
_NEWS_WORDS = re.compile(
    r"\b(Agency|Press|News|Times|Post|Wire|Radio|Herald|Ledger|Daily|Journal|Tribune|Gazette|"
    r"Telegraph|Guardian|Observer|Courier|Bulletin|Review|Sentinel|Chronicle|Television|TV|"
    r"Echo|Mirror|Examiner|Dispatch|Inquirer|Enquirer|Advertiser|Argus|Clarion|Courant|Crier|"
    r"Messenger)\b"
)
# A name: capitalised words on one line ("U.S." style initials allowed), "of"/"for" inside.
_WORD = r"(?:(?:[A-Z]\.){2,}|[A-Z][\w&'-]*)"
_NAME = rf"(?P<name>(?:the +)?{_WORD}(?: +(?:of +|for +)?{_WORD}){{0,5}})"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (cue, re.compile(pattern))
    for cue, pattern in (
        ("according to", rf"\b[Aa]ccording to {_NAME}"),
        ("per", rf"(?:^|[,;(]\s*)per {_NAME}"),
        ("citing", rf"\b(?:[Cc]iting|cited by|[Qq]uoted by) {_NAME}"),
        ("told", rf"\btold {_NAME}"),
        (
            "reported",
            rf"{_NAME},? (?:reported|reports|has reported|informs|wrote|said in a report)\b",
        ),
        ("reported", rf"\b(?:informs|reports|reported|writes) {_NAME}"),
        (
            "reporting by",
            rf"\b(?:[Rr]eporting by|[Cc]ontributed by|[Ww]ith reporting from) {_NAME}",
        ),
        ("copyright", rf"(?:©|\([Cc]\)|[Cc]opyright)\s*(?:\d{{4}}\s+)?{_NAME}"),
        ("dateline", r"^[A-Z][A-Z .'-]+,[^()\n]{0,30}\((?P<name>[A-Z][\w&.-]+)\)"),
    )
)


def _clean_name(name: str) -> str:
    name = name.strip(" .,;")
    return name[4:] if name.lower().startswith("the ") else name


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def news_names(outlets: Iterable[str | None]) -> set[str]:
    """Lower-cased names (and acronyms) that count as news organisations in this run."""
    names = set(KNOWN_AGENCIES)
    for outlet in outlets:
        if outlet:
            clean = _clean_name(outlet).lower()
            names.add(clean)
            acronym = _acronym(_clean_name(outlet))
            if len(acronym) >= 2:
                names.add(acronym.lower())
    return names


# "Agency" names a news agency ("Continental Press Agency", "Anadolu Agency") unless the words
# before it give a public body's remit ("the Lusovian Space Agency", "the Environment Agency").
_PUBLIC_AGENCY = re.compile(
    r"\b(?:Space|Environment|Environmental|Health|Energy|Atomic|Nuclear|Intelligence|Security|"
    r"Protection|Standards|Medicines|Food|Defence|Defense|Revenue|Tax|Border|Transport|"
    r"Highways|Emergency|Management|Development|Refugee|Statistics|Statistical|"
    r"Meteorological|Weather|Investigation|Enforcement|Regulatory|Safety|Aviation|Maritime|"
    r"Chemicals|Drug|Drugs|Employment|Housing|Water|Forestry|Fisheries|Customs|Rail|Railway|"
    r"Road|Roads|Highway|Police|Crime|Fire|Waste|Power|Grid|Port|Ports|Planning|Trade|"
    r"Investment|Export|Education|Science|Research|Sports|Doping|Anti-Doping|Migration|"
    r"Immigration|Asylum|Labour|Labor|Welfare|Insurance|Pensions|Financial|Banking|Competition|"
    r"Consumer|Privacy|Data|Cyber|Cybersecurity|Digital|Climate|Conservation|Wildlife|Parks|"
    r"Heritage|Tourism|Procurement|Disaster|Relief|Aid|Veterinary|Agriculture|Agricultural|"
    r"Mapping|Survey|Geological|Environment Protection)\s+Agency\b"
)


def is_news_name(name: str, known: AbstractSet[str]) -> bool:
    clean = _clean_name(name)
    if clean.lower() in known:
        return True
    words = [m.group() for m in _NEWS_WORDS.finditer(clean)]
    if words == ["Agency"] and _PUBLIC_AGENCY.search(clean):
        return False
    return bool(words)


def find_attributions(articles: Sequence[Article]) -> list[Attribution]:
    """Credit lines in each article's clean text and in the lines the cleaner removed (wire
    credits and copyright lines are often removed as boilerplate, but they are evidence).
    Articles are read on every core (fork_map)."""
    known = news_names(a.outlet for a in articles)
    return [
        found
        for per_article in fork_map(
            lambda article: _credits(article, known),
            articles,
            cost=lambda article: len(article.text),
        )
        for found in per_article
    ]


def _credits(article: Article, known: AbstractSet[str]) -> list[Attribution]:
    own = _clean_name(article.outlet).lower() if article.outlet else None
    own_acronym = _acronym(_clean_name(article.outlet)).lower() if article.outlet else None
    found: list[Attribution] = []
    seen: set[tuple[str, str]] = set()
    sources = [(article.text, None)] + [(r.text, r.line) for r in article.removed]
    for text, line in sources:
        for cue, pattern in _PATTERNS:
            for match in pattern.finditer(text):
                name = _clean_name(match.group("name"))
                # "according to the ministry" is a source, not a news organisation.
                if not is_news_name(name, known) or (name.lower(), cue) in seen:
                    continue
                lowered = name.lower()
                if own and (own in lowered or lowered in own or lowered == own_acronym):
                    continue  # the outlet crediting itself ("told the Harbor Ledger")
                seen.add((name.lower(), cue))
                span = match.span("name") if line is None else (0, 0)
                found.append(Attribution(article.id, name, span, cue))
    return found
