"""The alternation helpers of the rule-based stages."""

import re

from newsfuse.nlp._patterns import by_first_char, longest_first

PHRASES = ["month", "monthly", "mon", "monday", "may", "march", "mar", "new year", "now", "a.m."]
TEXT = "On monday, monthly march; a month ago, in mar. now new year's a.m. may mon"


def test_grouping_by_first_character_matches_what_longest_first_matches():
    grouped = re.compile(rf"\b(?:{by_first_char(PHRASES)})")
    plain = re.compile(rf"\b(?:{longest_first(PHRASES)})")
    found = [(m.start(), m.group()) for m in grouped.finditer(TEXT)]
    assert found == [(m.start(), m.group()) for m in plain.finditer(TEXT)]
    assert [word for _, word in found] == [
        "monday", "monthly", "march", "month", "mar", "now", "new year", "a.m.", "may", "mon",
    ]  # fmt: skip
