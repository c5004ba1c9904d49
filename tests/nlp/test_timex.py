"""Time expressions found in sentences written for these tests, normalized against a
publication day (Wednesday 14 September 2022 unless a test says otherwise)."""

from datetime import date

import pytest

from newsfuse.model import DatePrecision, TimexType
from newsfuse.nlp.timex import find_time_expressions, sentence_bounds

WEDNESDAY = date(2022, 9, 14)


def found(text: str, anchor: date | None = WEDNESDAY) -> list[tuple[str, str | None]]:
    expressions = find_time_expressions(text, anchor)
    for e in expressions:
        assert text[e.start : e.end] == e.text
    return [(e.text, e.value) for e in expressions]


EXAMPLES = [
    # A past-tense weekday is the one on or before publication; a future one, after it.
    ("Troops left the town on Saturday.", [("Saturday", "2022-09-10")]),
    ("The ferry will sail again on Saturday.", [("Saturday", "2022-09-17")]),
    ("The mayor spoke on Wednesday.", [("Wednesday", "2022-09-14")]),
    ("The council met last Wednesday.", [("last Wednesday", "2022-09-07")]),
    ("Shelling went on through Friday night.", [("Friday night", "2022-09-09TNI")]),
    ("The bridge was closed yesterday.", [("yesterday", "2022-09-13")]),
    ("Voting ends tomorrow.", [("tomorrow", "2022-09-15")]),
    ("The plant was seized five months ago.", [("five months ago", "2022-04")]),
    ("Prices rose earlier this month.", [("earlier this month", "2022-09")]),
    ("Exports fell last year.", [("last year", "2021")]),
    ("The river flooded last week.", [("last week", "2022-W36")]),
    ("Fighting has not stopped since Feb. 24.", [("Feb. 24", "2022-02-24")]),
    # "since" looks back even in a sentence about what will come.
    ("It will be the first harvest since March.", [("March", "2022-03")]),
    ("The line opened on March 3, 2021.", [("March 3, 2021", "2021-03-03")]),
    ("Rents doubled in the 1990s.", [("the 1990s", "199")]),
    ("The summit is set for early next year.", [("early next year", "2023")]),
    (
        "Third-quarter output rose 4% from a year earlier.",
        [("Third-quarter", "2022-Q3"), ("a year earlier", "2021-Q3")],
    ),
    ("The count finished at 5 p.m. Tuesday.", [("5 p.m. Tuesday", "2022-09-13T17:00")]),
    ("The dam held for two weeks.", [("two weeks", "P2W")]),
    ("Wages stalled over the past five years.", [("the past five years", "P5Y")]),
    ("The buses run daily.", [("daily", "P1D")]),
    ("The boat came in 2014.", [("2014", "2014")]),
]


@pytest.mark.parametrize(("text", "expected"), EXAMPLES)
def test_expressions_and_values(text, expected):
    assert found(text) == expected


def test_words_that_only_look_like_dates_are_left_alone():
    assert found("Prices may fall, and crowds march on the square.") == []
    assert found("Police found a 6-year-old boy near the harbour.") == []
    assert found("The town had 2000 people before the war.") == []
    assert found("Prices fell in May.") == [("May", "2022-05")]
    assert found("The fall in prices surprised traders.") == []
    assert found("Prices rose in the fall.") == [("the fall", "2021-FA")]


def test_a_time_counted_from_an_undated_event_is_unresolved_with_the_reason():
    [expression] = find_time_expressions(
        "On the second day of the invasion, the airport was shelled.", WEDNESDAY
    )
    assert expression.text == "the second day"
    assert expression.value is None and expression.type is TimexType.DATE
    assert "invasion" in (expression.unresolved or "")


def test_without_a_publication_date_only_relative_expressions_are_unresolved():
    assert found("The port reopened on Saturday, March 5, 2022.", None) == [
        ("Saturday, March 5, 2022", "2022-03-05")
    ]
    unresolved = find_time_expressions("The port reopened on Saturday.", None)
    assert [(e.value, e.unresolved) for e in unresolved] == [
        (None, "no publication date to count from")
    ]


def test_precision_is_kept():
    expressions = find_time_expressions(
        "It happened on Sept. 1, in August, in 2019, in the 1980s and in the 20th century.",
        WEDNESDAY,
    )
    assert [e.precision for e in expressions] == [
        DatePrecision.DAY,
        DatePrecision.MONTH,
        DatePrecision.YEAR,
        DatePrecision.DECADE,
        DatePrecision.CENTURY,
    ]
    assert [e.value for e in expressions] == ["2022-09-01", "2022-08", "2019", "198", "19"]


def test_a_month_shortly_ahead_is_read_as_upcoming():
    # Announcements name dates a few weeks ahead without a future verb: "payable Oct. 20".
    assert found("The dividend is payable Oct. 20.") == [("Oct. 20", "2022-10-20")]
    # Far ahead and in the past tense, it is last year's.
    assert found("The dam burst on Dec. 20.") == [("Dec. 20", "2021-12-20")]


# Sentences with an expression for every rule, for the check that rules run only near anchors.
EVERY_KIND = [
    "The filing is dated 2019-04-02 and the memo 4/12/19.",
    "On Monday, March 7, 2022, and on 9 March 2022 the ferry stopped; by late March 2022 it ran.",
    "It reopened on Sept. 12 and on 30 September, and then in mid-October of 2021.",
    "Fares rose in fiscal 2008, in the 1990s, in the '80s and in the early 20th century.",
    "The park opened in nineteen eighty-four and the bridge in the year two thousand and two.",
    "Talks resumed in June last year and again later that same week.",
    "Sales rose in the latest fiscal third quarter of 2021 and in the first half of next year.",
    "Profit fell from the same period and from the year-ago quarter.",
    "Crops failed last summer; yesterday afternoon, this morning and late last night it rained.",
    "Shelling went on through last Friday evening and the past weekend.",
    "Troops left three weeks ago, two days later and a year-earlier quarter fell.",
    "The strike lasted more than thirty-five consecutive years, a 10-day truce, in recent weeks.",
    "It is currently quiet, as it is these days and at present, but the near future is unclear.",
    "The count ended at 5:30 p.m. EST Tuesday, at 14:00 UTC+2 and at midnight.",
    "Buses run daily and every other week, twice per month.",
    "Markets close on Christmas Eve, New Year's Day, Labor Day and Valentine's Day.",
    "On the second day of the invasion and the final week of the siege, the port fell.",
]


def test_every_match_of_a_rule_holds_an_anchor_of_the_kinds_it_runs_near():
    # The tagger scans each rule only around anchors of its kinds; that finds what a scan of the
    # whole text finds only if every match of the rule holds such an anchor. A rule that runs near
    # every kind ("the same period" holds none) is found only near some anchor, by design.
    from newsfuse.nlp.timex import anchors_in
    from newsfuse.nlp.timex._grammar import ANY, RULES

    texts = EVERY_KIND + [text for text, _ in EXAMPLES]
    rules_matched = set()
    for text in texts:
        anchors = anchors_in(text)
        for rule in RULES:
            for match in rule.pattern.finditer(text):
                rules_matched.add(rule.name)
                if rule.anchors == frozenset(ANY):
                    continue
                held = {
                    kind for start, end, kind in anchors if match.start() <= start < match.end()
                }
                assert held & rule.anchors, (rule.name, match.group(), held)
    assert rules_matched == {rule.name for rule in RULES}


def test_the_anchor_pattern_matches_longest_first():
    from newsfuse.nlp.timex import anchors_in

    text = "Monthly sales, a MONTH ago, on Saturday, sat down, decades, Dec. 5, New Year's 2014"
    assert [(text[start:end].lower(), kind) for start, end, kind in anchors_in(text)] == [
        ("monthly", "frequency"),
        ("month", "unit"),
        ("saturday", "weekday name"),
        ("sat", "weekday name"),
        ("decade", "unit"),
        ("dec", "month name"),
        ("5", "digit"),
        ("new year", "holiday"),
        ("2014", "digit"),
    ]


def test_a_clock_time_ends_a_sentence_only_when_a_sentence_plainly_opens_after_it():
    text = "The van stopped at 7 p.m. The driver ran. Shops open at 9 a.m. Monday to Friday."
    assert [text[a:b] for a, b in sentence_bounds(text)] == [
        "The van stopped at 7 p.m.",
        "The driver ran.",
        "Shops open at 9 a.m. Monday to Friday.",
    ]
