"""Each boilerplate rule fires on its typical variants and leaves look-alike article text alone.

All fixture lines were written for these tests.
"""

from __future__ import annotations

import pytest

from newsfuse.clean import clean_text
from newsfuse.clean_rules import LineContext, classify_line

# A paragraph of ordinary prose placed around the line under test, so that position-dependent
# rules (top of article, bottom of article) see a realistic neighbourhood.
PROSE = [
    "The regional council met on Tuesday to discuss repairs to the flood barrier, officials said.",
    "Engineers told councillors that two of the five gates had not closed fully in March.",
    "The work is expected to take most of the summer and will be paid for from the reserve fund.",
    "Residents of the lower town have been asked to keep sandbags ready until the repairs end.",
    "A final report on the spring floods is due in October, the council's spokeswoman said.",
]


def _middle(line: str) -> tuple[str, int]:
    """A text with ``line`` in the middle of the prose; returns the text and the line number."""
    lines = PROSE[:3] + [line] + PROSE[3:]
    return "\n".join(lines), 3


def _rules_for(text: str) -> dict[int, str]:
    _clean, removed = clean_text(text)
    return {r.line: r.rule for r in removed}


BOILERPLATE = {
    "navigation": [
        "Skip to main content",
        "Skip to content",
        "Jump to navigation",
        "Back to top",
        "Home > World > Europe",
        "News | World | Business | Sport",
        "Politics • Economy • Culture • Science",
        "Font size: A A A",
    ],
    "newsletter-promo": [
        "Sign up for our morning newsletter",
        "Get the day's top stories delivered to your inbox every morning.",
        "Subscribe to our weekly newsletter on river towns.",
        "Don't miss a story: sign up for our newsletter today.",
        "Our free weekly newsletter, sent every Friday.",
    ],
    "share-prompt": [
        "Share this article",
        "Share on Facebook",
        "Share on WhatsApp",
        "Facebook Twitter Email",
        "Copy link",
        "Enjoyed this story? Share it with a friend!",
    ],
    "comment-prompt": [
        "Comments (12)",
        "12 comments",
        "Leave a comment",
        "View comments",
        "Join the conversation",
        "Tell us what you think...",
        "Comments are closed.",
    ],
    "related-links": [
        "Related Articles",
        "Related stories:",
        "Read more: Flood barrier repairs to start in June",
        "READ MORE: Council approves new budget",
        "Must Read",
        "You may also like...",
        "Most popular on Riverside Gazette",
        "[Related: Town hall roof to be replaced]",
        "Also on example.org Mayor opens new bridge",
    ],
    "advertisement": [
        "Advertisement",
        "ADVERTISEMENT",
        "Scroll to Continue",
        "Story continues below advertisement",
        "Sponsored content",
    ],
    "photo-credit": [
        "Photo: Jane Holloway/Reuters",
        "(Image credit: City Archive)",
        "Photograph: Tom Barrow/AFP via Getty Images",
        "Photo by Maria Lindqvist",
        "TOM BARROW/AFP via Getty Images",
    ],
    "caption": [
        "Workers lift a sandbag wall near the old mill on Monday. TOM BARROW/AFP via Getty Images",
        "A volunteer carries supplies across the square. (Photo by Jane Holloway/Getty Images)",
        "Water covers the car park behind the station. Photograph: Tom Barrow/Riverside Gazette",
    ],
    "tag-block": [
        "Tags: floods, council, repairs",
        "Filed under: Local news |",
        "Topics: Weather, Infrastructure",
        "Tagged Floods, Council, Repairs",
    ],
    "copyright": [
        "© 2024 Riverside Gazette. All rights reserved.",
        "Copyright 2024 Riverside Media Ltd",
        "Riverside Portal © 2015-2024 Copying of materials is allowed only with a hyperlink",
    ],
    "byline-meta": [
        "By Maria Lindqvist",
        "By Maria Lindqvist and Tom Barrow, Riverside Gazette",
        "By Gazette staff and wire reports",
        "By Maria Lindqvist | Local | 4 min read",
        "Updated at 1:23 p.m.",
        "Published: 12 March 2024",
        "5 min read",
        "(Reporting by Maria Lindqvist; Editing by Tom Barrow)",
        "Additional reporting by the Northern Press Agency.",
        "Maria Lindqvist contributed reporting from Oslo.",
        "Source: Northern Press Agency",
    ],
    "social-follow": [
        "Follow us on Twitter",
        "Follow Riverside Gazette on Instagram, Facebook and YouTube.",
    ],
    "cookie-notice": ["We use cookies to improve your experience on our site."],
    "paywall": ["Subscribe to continue reading."],
    "media-prompt": ["Listen to this article", "Watch video"],
    "markup": ['[button link="https://example.org/send" type="big"]Send us your photos[/button]'],
    "decoration": ["* * *", "|---|---|---|"],
}


@pytest.mark.parametrize(
    ("rule", "line"), [(rule, line) for rule, lines in BOILERPLATE.items() for line in lines]
)
def test_rule_fires_on_typical_variants(rule: str, line: str) -> None:
    text, number = _middle(line)
    assert _rules_for(text) == {number: rule}


ARTICLE_TEXT = [
    # short quotes and one-line paragraphs
    '"We will not leave," she said.',
    "The gates held.",
    "“Nobody expected the water to rise that fast.”",
    # datelines and subheads
    "OSLO, March 12 (NPA) - The council approved the repairs on Tuesday.",
    "OSLO, March 12 (NPA) -",
    "What happens next",
    "Repairs before the summer",
    "Council Approves Flood Barrier Repairs",
    # look-alikes of the rules
    "By Monday, volunteers had filled more than 4,000 sandbags.",
    "By the numbers",
    "Share prices of the construction firm rose 3% on the news.",
    "Comments from the mayor drew criticism from the opposition.",
    "Related talks with the regional government will continue next week.",
    "Read more about the plan on the council's website, the spokeswoman said.",
    "More than 300 homes were flooded in March.",
    "Also, the council said it would review its insurance.",
    "Tags on the sandbags showed they came from the army depot.",
    "Photos taken by residents show water reaching the first floor.",
    "Photo exhibitions about the flood opened at the library on Sunday.",
    "Copyright lawsuits against the mapping firm were settled in 2023.",
    "Advertisement revenue at the local paper fell 5% last year.",
    "Home prices in the lower town fell 8% after the flood.",
    "Follow-up inspections are planned for October.",
    "The company said it had added 2,000 subscribers, with plans at $6.99 per month.",
    "Sign-ups for the volunteer scheme opened on Monday, the council said.",
    "Source: a council engineer told reporters the gates had jammed.",
    "Updated flood maps show 40 more streets at risk.",
    "Published reports suggest the barrier was poorly maintained.",
    "Reporting by the Gazette last year found the gates had not been tested since 2019.",
    "10:32",
    "| Gate | Status | Repair date |",
    "Most residents returned home within a week.",
    "Photograph albums were among the belongings residents tried to save.",
    "The minister told subscribers of the utility that bills would not rise.",
]


@pytest.mark.parametrize("line", ARTICLE_TEXT)
def test_rules_keep_look_alike_article_text(line: str) -> None:
    text, _number = _middle(line)
    assert _rules_for(text) == {}


def test_removed_lines_carry_rule_and_line_number() -> None:
    text = "\n".join(
        [
            "Skip to main content",  # 0
            "",  # 1
            PROSE[0],  # 2
            "Advertisement",  # 3
            PROSE[1],  # 4
            "",  # 5
            "Share this article",  # 6
            PROSE[2],  # 7
        ]
    )
    clean, removed = clean_text(text)
    assert [(r.line, r.rule, r.text) for r in removed] == [
        (0, "navigation", "Skip to main content"),
        (3, "advertisement", "Advertisement"),
        (6, "share-prompt", "Share this article"),
    ]
    # Paragraph breaks of the input survive, boilerplate lines do not.
    assert clean == f"{PROSE[0]}\n{PROSE[1]}\n\n{PROSE[2]}"


def test_related_block_takes_the_teaser_titles_under_its_header() -> None:
    text = "\n".join(
        PROSE[:2]
        + [
            "Related Articles",
            "Council approves new budget for river works",
            "How the 1998 flood changed the town",
            PROSE[2],
        ]
    )
    rules = _rules_for(text)
    assert rules == {2: "related-links", 3: "related-links", 4: "related-links"}


def test_trailing_title_case_link_list_is_related_links() -> None:
    text = "\n".join(
        PROSE
        + [
            "- Ten Rivers That Changed Their Course",
            "- The Hidden Cost of Flood Insurance",
        ]
    )
    assert _rules_for(text) == {5: "related-links", 6: "related-links"}


def test_a_list_in_sentence_case_stays() -> None:
    text = "\n".join(
        PROSE[:3]
        + [
            "- two gates will be replaced",
            "- the pumps will be serviced",
            PROSE[3],
        ]
    )
    assert _rules_for(text) == {}


def test_one_word_per_line_menu_is_navigation() -> None:
    text = "\n".join(["Home", "World", "Business", "Sport", "Culture", *PROSE])
    assert _rules_for(text) == {i: "navigation" for i in range(5)}


def test_a_single_subhead_between_paragraphs_stays() -> None:
    text = "\n".join(PROSE[:2] + ["Next steps"] + PROSE[2:])
    assert _rules_for(text) == {}


def test_repeated_headline_is_dropped_but_not_a_lede_that_starts_like_it() -> None:
    title = "Flood barrier repairs to start in June"
    text = "\n".join([title, *PROSE])
    _clean, removed = clean_text(text, title=title)
    assert [(r.line, r.rule) for r in removed] == [(0, "repeated-headline")]

    lede = "Flood barrier repairs to start in June, the council said on Tuesday."
    _clean, removed = clean_text("\n".join([lede, *PROSE]), title=title)
    assert removed == []


def test_headline_with_site_name_appended_is_a_repeated_headline() -> None:
    title = "Flood barrier repairs to start in June"
    text = "\n".join([f"{title} | Riverside Gazette", *PROSE])
    _clean, removed = clean_text(text, title=title)
    assert [(r.line, r.rule) for r in removed] == [(0, "repeated-headline")]


def test_masthead_line_needs_the_outlet_name() -> None:
    text = "\n".join(["Riverside Gazette | Oslo bureau", *PROSE])
    _clean, removed = clean_text(text, outlet="Riverside Gazette")
    assert [(r.line, r.rule) for r in removed] == [(0, "site-name")]
    _clean, removed = clean_text(text)
    assert removed == []


def test_date_line_at_the_top_is_meta_but_a_clock_time_heading_is_not() -> None:
    text = "\n".join(["Flood barrier repairs to start", "12 March 2024", *PROSE])
    assert _rules_for(text) == {1: "byline-meta"}
    text = "\n".join(["Flood barrier repairs to start", "10 p.m.", *PROSE])
    assert _rules_for(text) == {}


def test_duplicate_standfirst_is_dropped_once() -> None:
    standfirst = "Two of the five gates failed to close during the spring floods, engineers found."
    text = "\n".join([standfirst, PROSE[0], standfirst, *PROSE[1:]])
    assert _rules_for(text) == {2: "duplicate-line"}


def test_repeated_interview_question_stays() -> None:
    question = "What did you save first when the water came in through the front door?"
    answers = [
        f"Resident {n} answered that the photographs came first, then the papers." for n in range(4)
    ]
    lines = []
    for answer in answers:
        lines += [question, answer]
    assert _rules_for("\n".join(lines)) == {}


def test_author_bio_only_at_the_end() -> None:
    bio = "Maria Lindqvist covers the river towns. Follow her on Twitter @mlindqvist."
    assert _rules_for("\n".join([*PROSE, bio])) == {5: "author-bio"}


def test_classify_line_is_usable_alone() -> None:
    assert classify_line("Advertisement") == "advertisement"
    assert classify_line("The gates held.") is None
    assert classify_line("12 March 2024", LineContext(head=True)) == "byline-meta"
    assert classify_line("12 March 2024") is None
