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

from newsfuse.nlp._patterns import by_first_char, longest_first
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


# Anchor words: every expression holds at least one, so the rules need only run near them.
# Each kind is a set of its own, so that each rule runs only near the kinds it cannot do without
# (a month name for "March 9", a digit for "2014"), not near every anchor.
DIGIT = "digit"
MONTH_NAME = "month name"
WEEKDAY_NAME = "weekday name"
SEASON_NAME = "season"
UNIT_WORD = "unit"
PART_OF_DAY = "part of day"
RELATIVE_DAY = "relative day"
REFERENCE = "reference"
FREQUENCY = "frequency"
HALF = "half"
HOLIDAY = "holiday"
SPOKEN_YEAR = "spoken year"
FISCAL = "fiscal"
WORD_ANCHORS: dict[str, tuple[str, ...]] = {
    MONTH_NAME: tuple(MONTHS),
    WEEKDAY_NAME: tuple(WEEKDAYS),
    SEASON_NAME: tuple(SEASONS),
    UNIT_WORD: ("year", "month", "week", "day", "hour", "minute", "second", "quarter", "decade",
                "centur"),
    PART_OF_DAY: ("night", "morning", "afternoon", "evening", "overnight", "noon", "midnight",
                  "midday"),
    RELATIVE_DAY: ("today", "tonight", "tomorrow", "yesterday"),
    REFERENCE: ("now", "current", "present", "recent", "lately", "past", "future", "nowadays"),
    FREQUENCY: ("daily", "weekly", "monthly", "yearly", "hourly", "nightly"),
    HALF: ("half",),
    HOLIDAY: ("christmas", "new year", "thanksgiving", "easter", "halloween", "valentine",
              "independence", "labor", "memorial", "veterans"),
    SPOKEN_YEAR: ("nineteen", "twenty", "thousand"),
    FISCAL: ("fiscal",),
}  # fmt: skip
ANY = (DIGIT, *WORD_ANCHORS)
ANCHOR_KIND: dict[str, str] = {word: kind for kind, words in WORD_ANCHORS.items() for word in words}


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    anchors: frozenset[str]  # kinds of anchor of which every match holds at least one


def _rule(name: str, body: str, *, anchors: tuple[str, ...]) -> Rule:
    # Spaces inside an expression never include a line break: a paragraph ends an expression.
    inline = body.replace(r"[\s-]", r"(?:[^\S\n]|-)").replace(r"[-\s]", r"(?:[^\S\n]|-)")
    inline = inline.replace(r"\s", r"[^\S\n]")
    return Rule(name, re.compile(_START + inline + _END), frozenset(anchors))


RULES: tuple[Rule, ...] = (
    _rule(
        "iso_date",
        r"(?P<year>(?:1[5-9]|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)",
        anchors=(DIGIT,),
    ),
    _rule(
        "slash_date",
        r"(?P<mnum>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>(?:19|20)?\d\d)",
        anchors=(DIGIT,),
    ),
    _rule(
        "month_day_year",
        rf"(?:{WEEKDAY},?\s+)?{MONTH}\s+{DAY},?\s+{YEAR}",
        anchors=(MONTH_NAME,),
    ),
    _rule("day_month_year", rf"{DAY}\s+(?:of\s+)?{MONTH},?\s+{YEAR}", anchors=(MONTH_NAME,)),
    _rule(
        "month_year", rf"(?:{_i(MOD)}[\s-]+)?{MONTH},?\s+(?:of\s+)?{YEAR}", anchors=(MONTH_NAME,)
    ),
    _rule(
        "month_day",
        rf"(?:{WEEKDAY},?\s+)?{MONTH}\s+{DAY}(?!\s*,?\s*(?:\d|{YEAR}))",
        anchors=(MONTH_NAME,),
    ),
    _rule("day_month", rf"{DAY}\s+(?:of\s+)?{FULL_MONTH}", anchors=(MONTH_NAME,)),
    _rule(
        "month",
        rf"(?:{_i(MOD)}[\s-]+)?(?:{_MONTH_REL}\s+)?{FULL_MONTH}",
        anchors=(MONTH_NAME,),
    ),
    _rule(
        "year",
        rf"(?:{_i(MOD)}[\s-]+)?(?:{_YEAR_PREFIX}\s+)?{YEAR}{_NOT_A_COUNT}",
        anchors=(DIGIT,),
    ),
    _rule(
        "decade",
        _i(rf"(?:the\s+)?(?:{MOD}[\s-]+)?(?:(?P<dec>(?:1[5-9]|20)\d0)|['’](?P<dec2>\d0))['’]?s"),
        anchors=(DIGIT,),
    ),
    _rule(
        "century", _i(rf"(?:the\s+)?(?:{MOD}[\s-]+)?{ORDINAL}[\s-]century"), anchors=(UNIT_WORD,)
    ),
    _rule(
        "spoken_year",
        _i(
            r"(?P<century>nineteen|twenty)[\s-]+(?P<tens>ten|twenty|thirty|forty|fifty|sixty"
            r"|seventy|eighty|ninety)(?:[\s-]+(?P<ones>one|two|three|four|five|six|seven|eight"
            r"|nine))?"
            r"|(?:the\s+year\s+)?two\s+thousand(?:\s+and\s+(?P<ones2>one|two|three|four|five"
            r"|six|seven|eight|nine))?"
        ),
        anchors=(SPOKEN_YEAR,),
    ),
    _rule(
        "month_relative_year",
        rf"{FULL_MONTH}\s+(?P<rel>{_i('this|last|next')})\s+{_i('year')}",
        anchors=(MONTH_NAME,),
    ),
    _rule(
        "that_unit",
        _i(
            r"(?:(?P<mod>earlier|later)\s+)?that\s+(?:same\s+)?(?P<unit>day|week|month|year|morning|night)"
        ),
        anchors=(UNIT_WORD, PART_OF_DAY),
    ),
    _rule(
        "quarter",
        _i(
            rf"(?:the\s+)?(?:(?P<qrel>latest|last|past|current|previous|prior|same|year-ago|year-earlier"
            rf"|comparable|recent|most\s+recent|just-ended|fiscal)\s+)?(?:(?:fiscal|calendar)[\s-]+)?"
            rf"(?:(?P<year3>(?:19|20)\d\d)\s+)?{ORDINAL}[\s-]+(?:fiscal[\s-]+)?quarter(?:\s+of\s+(?:fiscal\s+)?{YEAR}"
            rf"|,?\s+(?P<year2>(?:19|20)\d\d))?"
        ),
        anchors=(UNIT_WORD,),
    ),
    _rule(
        "quarter_ref",
        _i(
            r"the\s+(?:(?P<qrel>latest|last|past|current|previous|prior|same|year-ago|year-earlier"
            r"|comparable|recent|most\s+recent|just-ended|fiscal|latest\s+fiscal)\s+)?quarter"
            r"|the\s+(?P<qrel2>latest|same|year-ago|year-earlier|comparable|most\s+recent)\s+period"
        ),
        # "the same period" holds no anchor word: it is found near any anchor, or not at all.
        anchors=ANY,
    ),
    _rule(
        "half",
        _i(
            rf"(?:the\s+)?(?P<ord>first|second)\s+half(?:\s+of\s+(?:(?P<this>this|the|last|next)\s+year|{YEAR}))?"
        ),
        anchors=(HALF,),
    ),
    _rule(
        "season",
        _i(
            rf"(?:{MOD}[\s-]+)?(?:(?P<rel>last|this|next|the\s+past|this\s+past|the\s+coming|the)\s+)?{SEASON}"
            rf"(?:\s+(?:of\s+)?{YEAR})?"
        ),
        anchors=(SEASON_NAME,),
    ),
    _rule(
        "relative_day",
        _i(
            rf"(?:(?P<mod>early|late)\s+)?(?:the\s+day\s+(?P<shift>before|after)\s+)?"
            rf"(?P<word>yesterday|today|tomorrow|tonight)(?:\s+{PART})?"
        ),
        anchors=(RELATIVE_DAY,),
    ),
    _rule(
        "part_of_day",
        _i(rf"(?:(?P<mod>early|late)\s+)?(?P<rel>last|this)\s+{PART}"),
        anchors=(PART_OF_DAY,),
    ),
    _rule(
        "weekday",
        rf"(?:{_WEEKDAY_REL}\s+)?(?:{_i('(?P<mod>early|late)')}\s+)?{WEEKDAY}(?:\s+{_i(PART)})?",
        anchors=(WEEKDAY_NAME,),
    ),
    _rule(
        "relative_unit",
        _i(
            rf"(?:{MOD}[\s-]+)?(?P<rel>last|this|next|the\s+past|the\s+coming|the\s+current|the\s+previous"
            rf"|the\s+following|the\s+same|the\s+last|the\s+next|the\s+latest|coming|past|previous"
            rf"|current|the)\s+(?:(?P<fiscal>fiscal)\s+)?(?P<unit>week|weekend|month|year|decade|century)"
        ),
        anchors=(UNIT_WORD,),
    ),
    _rule(
        "shifted",
        _i(
            rf"(?:{APPROX}\s+)?{NUM}[\s-]+(?:more\s+)?{UNIT}\s+(?:(?P<dir>ago|from\s+now|hence)"
            rf"|(?P<dir2>earlier|later|before|after)"
            rf"(?=\s*(?:[.,;:!?)\"”]|$|and\b|but\b|when\b|in\b|on\b|to\b|as\b|because\b)))"
        ),
        anchors=(UNIT_WORD, PART_OF_DAY),
    ),
    _rule(
        "shifted_adjective",
        _i(
            r"(?:the\s+)?(?P<unit>year|month|week|quarter)-(?P<dir>ago|earlier)"
            r"(?:\s+(?P<what>quarter|period|month|year|week))?"
        ),
        anchors=(UNIT_WORD,),
    ),
    _rule(
        "duration",
        _i(
            rf"(?:(?P<det>the)\s+)?(?:(?P<rel>past|last|next|first|previous|coming|final|latest"
            rf"|following|recent|remaining|initial|same|entire|full|whole)\s+)?(?:{APPROX}\s+)?{NUM}"
            rf"\s+(?:(?:more|full|straight|consecutive|additional|long|plus)\s+)?{UNIT}"
        ),
        anchors=(UNIT_WORD, PART_OF_DAY),
    ),
    _rule(
        "hyphen_duration",
        _i(rf"{NUM}-{UNIT}(?:-(?P<long>long|old))?"),
        anchors=(UNIT_WORD, PART_OF_DAY),
    ),
    _rule(
        "vague_duration",
        _i(
            r"(?:(?P<det>the)\s+)?(?P<rel>past|last|next|recent|coming|previous|following)\s+"
            r"(?P<unit>years|months|weeks|days|decades|hours|minutes)"
        ),
        anchors=(UNIT_WORD,),
    ),
    _rule(
        "reference",
        _i(
            r"(?P<ref>now|currently|presently|nowadays|these\s+days|at\s+present|the\s+present"
            r"|recently|lately|the\s+past|the\s+future|the\s+near\s+future|current)"
        ),
        anchors=(REFERENCE, UNIT_WORD),
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
        anchors=(DIGIT,),
    ),
    _rule(
        "clock_24h",
        r"(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)\s*(?P<tz>UTC|GMT)(?:\s*[+-]\d{1,2})?",
        anchors=(DIGIT,),
    ),
    _rule("noon", _i(r"(?P<word>noon|midnight|midday)"), anchors=(PART_OF_DAY,)),
    _rule(
        "set",
        _i(
            r"(?P<adverb>daily|weekly|monthly|yearly|hourly|nightly)"
            r"|(?P<every>every|each|per)\s+(?:(?P<n>other|\d+|two|three|four|five|six)\s+)?"
            r"(?P<unit>second|minute|hour|day|night|week|month|quarter|year)s?"
        ),
        anchors=(FREQUENCY, UNIT_WORD, PART_OF_DAY),
    ),
    _rule(
        "holiday",
        r"(?P<holiday>Christmas(?:\s+(?:Eve|Day))?|New\s+Year['’]s(?:\s+(?:Eve|Day))?"
        r"|Thanksgiving(?:\s+Day)?|Easter(?:\s+Sunday)?|Independence\s+Day|Labor\s+Day"
        r"|Memorial\s+Day|Halloween|Valentine['’]s\s+Day|Veterans\s+Day)",
        anchors=(HOLIDAY,),
    ),
    _rule(
        "event_anchored",
        _i(
            rf"the\s+(?P<ord>{longest_first(ORDINALS)}|\d+(?:st|nd|rd|th)|last|final)\s+(?P<unit>day|week|month|year)"
        )
        + r"(?=\s+of\s+(?:the\s+|its\s+|their\s+|an?\s+)?"
        + r"(?P<what>(?!(?:January|February|March|April|May|June|July|August|September|October"
        + r"|November|December|\d))[A-Za-z][\w-]*))",
        anchors=(UNIT_WORD,),
    ),
)

# Rules run only on windows around anchors (see ``timex._candidates``), which makes tagging
# several times faster on long texts without changing what is found. A run of digits is one
# anchor; words are matched longest first ("monthly" is a frequency, not the unit "month"). The
# pattern is matched on lower-cased text: that runs twice as fast as ignoring case.
ANCHOR = re.compile(rf"(?P<{DIGIT}>\d+)|\b(?:{by_first_char(ANCHOR_KIND)})")
ANCHOR_REACH = 60  # characters on each side of an anchor that an expression may span
