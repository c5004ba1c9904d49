"""Where time expressions are in a text: one regular expression per kind of expression.

Each rule names its parts (``month``, ``day``, ``rel``, ``n``, ``unit`` …) so that the normalizer
reads them without re-parsing. Month and weekday names must be capitalized, as English writes
them: that keeps the modal "may" and the verb "march" out without a part-of-speech tagger.
Extents follow the TimeML guidelines as TimeBank applies them: a leading "the" and modifiers
such as "early", "late", "about" belong to the expression; a preposition does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsfuse.nlp._patterns import longest_first
from newsfuse.nlp.timex._lexicon import MONTHS, NUMBER_WORDS, ORDINALS, SEASONS, WEEKDAYS


def _i(text: str) -> str:
    """Case-insensitive part of a case-sensitive pattern."""
    return f"(?i:{text})"


def _titled(words: list[str]) -> str:
    return longest_first([w.capitalize() for w in words] + [w.upper() for w in words])


_FULL_MONTHS = [m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")]
_ABBR_MONTHS = [m for m in MONTHS if len(m) <= 4 and m not in _FULL_MONTHS]
MONTH = rf"(?P<month>(?:{_titled(_FULL_MONTHS)})|(?:{_titled(_ABBR_MONTHS)})\.?)"
FULL_MONTH = rf"(?P<month>{_titled(_FULL_MONTHS)})"
WEEKDAY = rf"(?P<weekday>{_titled([w for w in WEEKDAYS if len(w) > 5])})"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:1[5-9]|20)\d\d)"
_NUMBER_WORDS = longest_first(w for w in NUMBER_WORDS if w not in ("a", "an"))
# Counts a reader cannot turn into a number: the TIMEX3 value says "X" ("several years" = PXY).
# "a couple of" is 2 (see the lexicon).
_VAGUE = r"several|a\s+few|few|many|some|numerous|a\s+couple\s+of|couple\s+of|a\s+number\s+of"
NUM = (
    rf"(?P<n>\d+(?:\.\d+)?|(?:{_NUMBER_WORDS})(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?"
    rf"|{_VAGUE}|an?)"
)
UNIT = r"(?P<unit>second|minute|hour|day|night|week|weekend|month|quarter|year|decade|centur(?:y|ie))s?"
ORDINAL = rf"(?P<ord>{longest_first(ORDINALS)}|\d{{1,2}}(?:st|nd|rd|th))"
SEASON = rf"(?P<season>{longest_first(SEASONS)})"
PART = r"(?P<part>morning|afternoon|evening|night|overnight)"
# Modifiers that stay inside the expression (TIMEX3 mod START/END/MID …).
MOD = (
    r"(?P<mod>early|earlier|late|later|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of"
    r"|the\s+middle\s+of|the\s+close\s+of|the\s+rest\s+of|the\s+remainder\s+of|end\s+of)"
)
# TimeBank keeps comparison words inside a duration ("more than two years") and leaves hedges
# outside it ("about two years" is annotated "two years").
APPROX = r"(?P<approx>more\s+than|less\s+than|fewer\s+than|no\s+more\s+than|over|up\s+to)"
# A year that is a count ("2000 people") is not a year.
_NOT_A_COUNT = (
    r"(?!\s*(?:%|percent|per\b|people|persons|troops|soldiers|men|women|workers|jobs|employees|"
    r"shares|units|cars|homes|miles|kilomet|km|tons|tonnes|barrels|feet|meters|metres|dollars|"
    r"points|acres|pounds|votes|members|students|children|[-–]\d))"
)

_MONTH_REL = _i(r"(?P<rel>last|this|next|the\s+past|past|this\s+past|coming|the\s+coming)")
_YEAR_PREFIX = _i(r"(?P<fiscal>fiscal|calendar|the\s+year|model\s+year)")
_WEEKDAY_REL = _i(r"(?P<rel>last|this|next|this\s+past|this\s+coming|past|coming)")

_START = r"(?<![\w$£€.,/-])"
_END = r"(?![\w])"


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]


def _rule(name: str, body: str) -> Rule:
    # Spaces inside an expression never include a line break: a paragraph ends an expression.
    inline = body.replace(r"[\s-]", r"(?:[^\S\n]|-)").replace(r"[-\s]", r"(?:[^\S\n]|-)")
    inline = inline.replace(r"\s", r"[^\S\n]")
    return Rule(name, re.compile(_START + inline + _END))


RULES: tuple[Rule, ...] = (
    _rule("iso_date", r"(?P<year>(?:1[5-9]|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)"),
    _rule("slash_date", r"(?P<mnum>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>(?:19|20)?\d\d)"),
    _rule(
        "month_day_year",
        rf"(?:{WEEKDAY},?\s+)?{MONTH}\s+{DAY},?\s+{YEAR}",
    ),
    _rule("day_month_year", rf"{DAY}\s+(?:of\s+)?{MONTH},?\s+{YEAR}"),
    _rule("month_year", rf"(?:{_i(MOD)}[\s-]+)?{MONTH},?\s+(?:of\s+)?{YEAR}"),
    _rule("month_day", rf"(?:{WEEKDAY},?\s+)?{MONTH}\s+{DAY}(?!\s*,?\s*(?:\d|{YEAR}))"),
    _rule("day_month", rf"{DAY}\s+(?:of\s+)?{FULL_MONTH}"),
    _rule(
        "month",
        rf"(?:{_i(MOD)}[\s-]+)?(?:{_MONTH_REL}\s+)?{FULL_MONTH}",
    ),
    _rule(
        "year",
        rf"(?:{_i(MOD)}[\s-]+)?(?:{_YEAR_PREFIX}\s+)?{YEAR}{_NOT_A_COUNT}",
    ),
    _rule(
        "decade",
        _i(rf"(?:the\s+)?(?:{MOD}[\s-]+)?(?:(?P<dec>(?:1[5-9]|20)\d0)|['’](?P<dec2>\d0))['’]?s"),
    ),
    _rule("century", _i(rf"(?:the\s+)?(?:{MOD}[\s-]+)?{ORDINAL}[\s-]century")),
    _rule(
        "spoken_year",
        _i(
            r"(?P<century>nineteen|twenty)[\s-]+(?P<tens>ten|twenty|thirty|forty|fifty|sixty"
            r"|seventy|eighty|ninety)(?:[\s-]+(?P<ones>one|two|three|four|five|six|seven|eight"
            r"|nine))?"
            r"|(?:the\s+year\s+)?two\s+thousand(?:\s+and\s+(?P<ones2>one|two|three|four|five"
            r"|six|seven|eight|nine))?"
        ),
    ),
    _rule(
        "month_relative_year",
        rf"{FULL_MONTH}\s+(?P<rel>{_i('this|last|next')})\s+{_i('year')}",
    ),
    _rule(
        "that_unit",
        _i(
            r"(?:(?P<mod>earlier|later)\s+)?that\s+(?:same\s+)?(?P<unit>day|week|month|year|morning|night)"
        ),
    ),
    _rule(
        "quarter",
        _i(
            rf"(?:the\s+)?(?:(?P<qrel>latest|last|past|current|previous|prior|same|year-ago|year-earlier"
            rf"|comparable|recent|most\s+recent|just-ended|fiscal)\s+)?(?:(?:fiscal|calendar)[\s-]+)?"
            rf"(?:(?P<year3>(?:19|20)\d\d)\s+)?{ORDINAL}[\s-]+(?:fiscal[\s-]+)?quarter(?:\s+of\s+(?:fiscal\s+)?{YEAR}"
            rf"|,?\s+(?P<year2>(?:19|20)\d\d))?"
        ),
    ),
    _rule(
        "quarter_ref",
        _i(
            r"the\s+(?:(?P<qrel>latest|last|past|current|previous|prior|same|year-ago|year-earlier"
            r"|comparable|recent|most\s+recent|just-ended|fiscal|latest\s+fiscal)\s+)?quarter"
            r"|the\s+(?P<qrel2>latest|same|year-ago|year-earlier|comparable|most\s+recent)\s+period"
        ),
    ),
    _rule(
        "half",
        _i(
            rf"(?:the\s+)?(?P<ord>first|second)\s+half(?:\s+of\s+(?:(?P<this>this|the|last|next)\s+year|{YEAR}))?"
        ),
    ),
    _rule(
        "season",
        _i(
            rf"(?:{MOD}[\s-]+)?(?:(?P<rel>last|this|next|the\s+past|this\s+past|the\s+coming|the)\s+)?{SEASON}"
            rf"(?:\s+(?:of\s+)?{YEAR})?"
        ),
    ),
    _rule(
        "relative_day",
        _i(
            rf"(?:(?P<mod>early|late)\s+)?(?:the\s+day\s+(?P<shift>before|after)\s+)?"
            rf"(?P<word>yesterday|today|tomorrow|tonight)(?:\s+{PART})?"
        ),
    ),
    _rule(
        "part_of_day",
        _i(rf"(?:(?P<mod>early|late)\s+)?(?P<rel>last|this)\s+{PART}"),
    ),
    _rule(
        "weekday",
        rf"(?:{_WEEKDAY_REL}\s+)?(?:{_i('(?P<mod>early|late)')}\s+)?{WEEKDAY}(?:\s+{_i(PART)})?",
    ),
    _rule(
        "relative_unit",
        _i(
            rf"(?:{MOD}[\s-]+)?(?P<rel>last|this|next|the\s+past|the\s+coming|the\s+current|the\s+previous"
            rf"|the\s+following|the\s+same|the\s+last|the\s+next|the\s+latest|coming|past|previous"
            rf"|current|the)\s+(?:(?P<fiscal>fiscal)\s+)?(?P<unit>week|weekend|month|year|decade|century)"
        ),
    ),
    _rule(
        "shifted",
        _i(
            rf"(?:{APPROX}\s+)?{NUM}[\s-]+(?:more\s+)?{UNIT}\s+(?:(?P<dir>ago|from\s+now|hence)"
            rf"|(?P<dir2>earlier|later|before|after)"
            rf"(?=\s*(?:[.,;:!?)\"”]|$|and\b|but\b|when\b|in\b|on\b|to\b|as\b|because\b)))"
        ),
    ),
    _rule(
        "shifted_adjective",
        _i(
            r"(?:the\s+)?(?P<unit>year|month|week|quarter)-(?P<dir>ago|earlier)"
            r"(?:\s+(?P<what>quarter|period|month|year|week))?"
        ),
    ),
    _rule(
        "duration",
        _i(
            rf"(?:(?P<det>the)\s+)?(?:(?P<rel>past|last|next|first|previous|coming|final|latest"
            rf"|following|recent|remaining|initial|same|entire|full|whole)\s+)?(?:{APPROX}\s+)?{NUM}"
            rf"\s+(?:(?:more|full|straight|consecutive|additional|long|plus)\s+)?{UNIT}"
        ),
    ),
    _rule(
        "hyphen_duration",
        _i(rf"{NUM}-{UNIT}(?:-(?P<long>long|old))?"),
    ),
    _rule(
        "vague_duration",
        _i(
            r"(?:(?P<det>the)\s+)?(?P<rel>past|last|next|recent|coming|previous|following)\s+"
            r"(?P<unit>years|months|weeks|days|decades|hours|minutes)"
        ),
    ),
    _rule(
        "reference",
        _i(
            r"(?P<ref>now|currently|presently|nowadays|these\s+days|at\s+present|the\s+present"
            r"|recently|lately|the\s+past|the\s+future|the\s+near\s+future|current)"
        ),
    ),
    _rule(
        "clock_time",
        _i(
            r"(?P<hour>[01]?\d)(?::(?P<minute>[0-5]\d))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)"
            r"(?:\s+(?P<tz>[ECMP][SD]T|GMT|UTC|ET|local\s+time))?"
        )
        + r"(?:\s+(?:on\s+)?"
        + WEEKDAY
        + r")?",
    ),
    _rule(
        "clock_24h",
        r"(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)\s*(?P<tz>UTC|GMT)(?:\s*[+-]\d{1,2})?",
    ),
    _rule("noon", _i(r"(?P<word>noon|midnight|midday)")),
    _rule(
        "set",
        _i(
            r"(?P<adverb>daily|weekly|monthly|yearly|hourly|nightly)"
            r"|(?P<every>every|each|per)\s+(?:(?P<n>other|\d+|two|three|four|five|six)\s+)?"
            r"(?P<unit>second|minute|hour|day|night|week|month|quarter|year)s?"
        ),
    ),
    _rule(
        "holiday",
        r"(?P<holiday>Christmas(?:\s+(?:Eve|Day))?|New\s+Year['’]s(?:\s+(?:Eve|Day))?"
        r"|Thanksgiving(?:\s+Day)?|Easter(?:\s+Sunday)?|Independence\s+Day|Labor\s+Day"
        r"|Memorial\s+Day|Halloween|Valentine['’]s\s+Day|Veterans\s+Day)",
    ),
    _rule(
        "event_anchored",
        _i(
            rf"the\s+(?P<ord>{longest_first(ORDINALS)}|\d+(?:st|nd|rd|th)|last|final)\s+(?P<unit>day|week|month|year)"
        )
        + r"(?=\s+of\s+(?:the\s+|its\s+|their\s+|an?\s+)?"
        + r"(?P<what>(?!(?:January|February|March|April|May|June|July|August|September|October"
        + r"|November|December|\d))[A-Za-z][\w-]*))",
    ),
)

# Every expression holds one of these: a digit, a month or weekday, a calendar or clock word, or
# a reference word. Rules run only on windows around them (see ``tagger._candidates``), which
# makes tagging several times faster on long texts without changing what is found.
ANCHOR = re.compile(
    r"\d|\b(?i:"
    + longest_first(
        [*MONTHS, *WEEKDAYS, *SEASONS, "year", "month", "week", "day", "night", "hour", "minute",
         "second", "quarter", "decade", "centur", "today", "tonight", "tomorrow", "yesterday",
         "morning", "afternoon", "evening", "overnight", "noon", "midnight", "midday", "now",
         "current", "present", "recent", "lately", "past", "future", "nowadays", "daily",
         "weekly", "monthly", "yearly", "hourly", "nightly", "half", "christmas", "new year",
         "thanksgiving", "easter", "halloween", "valentine", "independence", "labor", "memorial",
         "veterans", "nineteen", "twenty", "thousand", "fiscal"]
    )
    + r")"
)  # fmt: skip
ANCHOR_REACH = 60  # characters on each side of an anchor that an expression may span
