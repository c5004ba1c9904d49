"""The clean stage over many documents: site repetition, titles, encoding, language, records."""

from __future__ import annotations

import pytest

from newsfuse.clean import (
    clean_documents,
    clean_text,
    clean_title,
    detect_language,
    repair_encoding,
    site_repeated_lines,
)
from newsfuse.config import CleanConfig
from newsfuse.model import RawDocument, stable_id

FOOTER = "Riverside Gazette is an independent paper owned by its readers since 1921."
STORIES = [
    [
        "The flood barrier on the lower river will be repaired before the summer, officials said.",
        "Two of the five gates failed to close fully during the March floods.",
    ],
    [
        "A new footbridge linking the old town to the station opened on Saturday morning.",
        "The bridge replaces a crossing that was washed away three winters ago.",
    ],
    [
        "The town library will stay open late on Thursdays from next month, the council said.",
        "Volunteers have offered to staff the reading room in the evenings.",
    ],
    [
        "Bus fares in the valley will rise by ten cents in September, the operator announced.",
        "The operator blamed higher fuel and insurance costs for the increase.",
    ],
]


def _doc(n: int, body: list[str], *, outlet: str | None, title: str | None = None) -> RawDocument:
    return RawDocument(
        key=f"{outlet or 'none'}/{n}.txt",
        source_path=f"{outlet or 'none'}/{n}.txt",
        format="text",
        text="\n".join(body),
        title=title,
        outlet=outlet,
    )


def test_line_repeated_in_three_articles_of_one_outlet_is_site_chrome() -> None:
    docs = [
        _doc(n, [*body, FOOTER], outlet="Riverside Gazette") for n, body in enumerate(STORIES[:3])
    ]
    articles = clean_documents(docs)
    for article, body in zip(articles, STORIES):
        assert article.text == "\n".join(body)
        assert [(r.line, r.rule, r.text) for r in article.removed] == [(2, "site-repeat", FOOTER)]


def test_two_articles_are_not_enough_for_site_repeat() -> None:
    docs = [
        _doc(n, [*body, FOOTER], outlet="Riverside Gazette") for n, body in enumerate(STORIES[:2])
    ]
    assert all(a.removed == [] for a in clean_documents(docs))


def test_same_line_across_different_outlets_is_not_site_chrome() -> None:
    docs = [
        _doc(n, [*body, FOOTER], outlet=outlet)
        for n, (body, outlet) in enumerate(zip(STORIES, ["Gazette", "Courier", "Herald"]))
    ]
    assert all(a.removed == [] for a in clean_documents(docs))


def test_threshold_comes_from_config() -> None:
    docs = [_doc(n, [*body, FOOTER], outlet="Gazette") for n, body in enumerate(STORIES[:2])]
    articles = clean_documents(docs, CleanConfig(site_repeat_min_articles=2))
    assert [r.rule for a in articles for r in a.removed] == ["site-repeat", "site-repeat"]


def test_outlet_falls_back_to_the_url_host() -> None:
    docs = []
    for n, body in enumerate(STORIES[:3]):
        doc = _doc(n, [*body, FOOTER], outlet=None)
        doc.url = f"https://www.gazette.example/news/{n}"
        docs.append(doc)
    assert [r.rule for a in clean_documents(docs) for r in a.removed] == ["site-repeat"] * 3


def test_updates_of_one_story_do_not_turn_their_shared_paragraphs_into_chrome() -> None:
    background = [
        "The barrier was built in 1974 and has been closed more than two hundred times since.",
        "Engineers warned last year that the gates' hydraulic system needed to be replaced soon.",
        "The council has set aside four million euros for the repairs in this year's budget.",
    ]
    updates = [
        ["Repairs to the flood barrier began on Monday, the council said.", *background],
        ["Repairs to the flood barrier were halted on Tuesday by high water.", *background],
        ["Repairs to the flood barrier resumed on Wednesday after the river fell.", *background],
    ]
    keys = site_repeated_lines(["\n".join(u) for u in updates], min_articles=3)
    assert keys == frozenset()
    # ...while a footer shared with unrelated stories of the outlet still is chrome.
    texts = ["\n".join([*u, FOOTER]) for u in updates] + [
        "\n".join([*body, FOOTER]) for body in STORIES[:2]
    ]
    assert site_repeated_lines(texts, min_articles=3) == {
        "riverside gazette is an independent paper owned by its readers since 1921"
    }


def test_site_lines_argument_of_clean_text() -> None:
    text = "\n".join([*STORIES[0], FOOTER])
    clean, removed = clean_text(text, site_lines={FOOTER})
    assert clean == "\n".join(STORIES[0])
    assert [(r.line, r.rule) for r in removed] == [(2, "site-repeat")]


def test_article_records() -> None:
    doc = _doc(0, ["Advertisement", *STORIES[0]], outlet="Gazette", title="Barrier repairs")
    (article,) = clean_documents([doc])
    assert article.id == stable_id("art", doc.key)
    assert (article.key, article.outlet, article.title, article.format) == (
        doc.key,
        "Gazette",
        "Barrier repairs",
        "text",
    )
    assert article.text == "\n".join(STORIES[0])
    assert [(r.line, r.rule) for r in article.removed] == [(0, "advertisement")]
    assert article.language == "en"


def test_progress_is_reported() -> None:
    seen: list[tuple[str, int | None, int]] = []

    class Recorder:
        def step(self, description: str, total: int | None):
            def advance(n: int = 1) -> None:
                seen.append((description, total, n))

            return advance

    clean_documents(
        [_doc(n, body, outlet="G") for n, body in enumerate(STORIES)], progress=Recorder()
    )
    assert len(seen) == len(STORIES)
    assert {total for _, total, _ in seen} == {len(STORIES)}


# --------------------------------------------------------------------------------------------
# Titles


@pytest.mark.parametrize(
    ("title", "fixed"),
    [
        (
            "WorldUkraine retakes Izium after week of fighting",
            "Ukraine retakes Izium after week of fighting",
        ),
        (
            "LIVEUkraine retakes Izium after week of fighting",
            "Ukraine retakes Izium after week of fighting",
        ),
        ("PoliticsCouncil approves flood repairs", "Council approves flood repairs"),
        (
            "Ukraine retakes Izium after week of fighting",
            "Ukraine retakes Izium after week of fighting",
        ),
        ("Worldwide interest in the election grows", "Worldwide interest in the election grows"),
        ("USAID pledges more flood relief", "USAID pledges more flood relief"),
        ("HealthCare.gov sign-ups rise", "HealthCare.gov sign-ups rise"),
    ],
)
def test_glued_chrome_word_is_stripped_from_a_title(title: str, fixed: str) -> None:
    assert clean_title(title) == fixed


def test_run_together_name_used_in_the_article_is_kept() -> None:
    body = "TechCrunch reported the deal first, citing two people familiar with it."
    assert clean_title("TechCrunch Disrupt opens in Berlin", body=body) == (
        "TechCrunch Disrupt opens in Berlin"
    )


def test_document_title_is_fixed_and_its_glued_copy_in_the_body_dropped() -> None:
    glued = "WorldUkraine retakes Izium after week of fighting"
    doc = _doc(0, [glued, *STORIES[0]], outlet="Gazette", title=glued)
    (article,) = clean_documents([doc])
    assert article.title == "Ukraine retakes Izium after week of fighting"
    assert [(r.line, r.rule, r.text) for r in article.removed] == [(0, "repeated-headline", glued)]


def test_glued_word_on_a_kept_first_line_is_recorded() -> None:
    text = "\n".join(["LIVEUkrainian flag returns to Izium", *STORIES[0]])
    clean, removed = clean_text(text)
    assert clean.splitlines()[0] == "Ukrainian flag returns to Izium"
    assert [(r.line, r.rule, r.text) for r in removed] == [(0, "glued-chrome", "LIVE")]


# --------------------------------------------------------------------------------------------
# Encoding and language


def test_mojibake_is_repaired() -> None:
    assert repair_encoding("donâ€™t") == "don’t"
    clean, _ = clean_text("We donâ€™t know yet, the mayor said.\nThe cafÃ© stayed open.")
    assert clean == "We don’t know yet, the mayor said.\nThe café stayed open."


def test_repair_keeps_line_numbers() -> None:
    text = "Advertisement\r\nThe mayor said the cafÃ© would reopen.\r\nShare this article"
    _clean, removed = clean_text(text)
    assert [(r.line, r.rule) for r in removed] == [(0, "advertisement"), (2, "share-prompt")]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The council approved the repairs to the flood barrier on Tuesday evening.", "en"),
        (
            "Der Stadtrat hat am Dienstagabend die Reparatur des Hochwasserschutzes beschlossen.",
            "de",
        ),
        ("Міська рада у вівторок ввечері схвалила ремонт захисної дамби від повеней.", "uk"),
    ],
)
def test_language_is_detected(text: str, code: str) -> None:
    assert detect_language(text) == code


ENGLISH_REPORT = (
    "The council said on Tuesday that the repairs to the flood barrier would start in the spring "
    "and that the work was expected to take about six months, with the road along the river "
    "closed to traffic for most of that time."
)


def test_plainly_english_text_is_english_without_asking_lingua(monkeypatch) -> None:
    from newsfuse import clean

    asked: list[str] = []
    real = clean._detector

    class Counting:
        def detect_language_of(self, sample: str) -> object:
            asked.append(sample)
            return real().detect_language_of(sample)

    monkeypatch.setattr(clean, "_detector", Counting)
    assert detect_language(ENGLISH_REPORT) == "en"
    assert asked == []  # the function words settle it
    # Too short for the shortcut, or another language quoting English: lingua decides.
    assert detect_language("The council approved the repairs on Tuesday.") == "en"
    mixed = (
        "Naglabas na ng pahayag ang konseho tungkol sa pagkukumpuni ng dike ngayong Martes. "
        "\u201cThe work will start in the spring,\u201d ayon sa tagapagsalita ng lungsod kanina."
    )
    assert detect_language(mixed) != "en"
    assert len(asked) == 2


@pytest.mark.parametrize("text", ["", "Hi", "OK thanks", "12:30 – 14:00"])
def test_language_is_none_for_very_short_text(text: str) -> None:
    assert detect_language(text) is None


@pytest.mark.parametrize("repair", [True, False])
def test_languages_are_detected_on_every_core_with_or_without_repair(repair: bool) -> None:
    docs = [_doc(n, STORIES[n % len(STORIES)], outlet=None) for n in range(60)]
    articles = clean_documents(docs, CleanConfig(repair_encoding=repair))
    assert [a.language for a in articles] == ["en"] * 60


@pytest.mark.parametrize("count", [1, 60])
def test_alongside_runs_once_here_with_or_without_workers(count: int) -> None:
    import os

    ran: list[int] = []
    docs = [_doc(n, STORIES[n % len(STORIES)], outlet=None) for n in range(count)]
    articles = clean_documents(docs, alongside=lambda: ran.append(os.getpid()))
    assert ran == [os.getpid()]
    assert len(articles) == count


def test_language_can_be_switched_off() -> None:
    (article,) = clean_documents(
        [_doc(0, STORIES[0], outlet="G")], CleanConfig(detect_language=False)
    )
    assert article.language is None


# --------------------------------------------------------------------------------------------
# HTML pages: what extraction left out is listed too

PAGE = """<html><head><title>Ferry resumes crossings</title></head><body>
<a href="#main">Skip to main content</a>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article id="main"><h1>Ferry resumes crossings</h1>
<p>The harbour ferry resumed its morning crossings on Tuesday after two days of high winds.</p>
<ul class="share"><li>Share on Facebook</li><li>Copy link</li></ul>
<p>Passengers were asked to arrive early because of extra safety checks on the car deck.</p>
</article>
<footer><div>© 2024 Harbour Times. All rights reserved. | <a href="/privacy">Privacy</a></div></footer>
</body></html>"""


def test_page_blocks_left_out_by_extraction_are_listed_with_a_rule() -> None:
    text = (
        "The harbour ferry resumed its morning crossings on Tuesday after two days of high winds.\n"
        "Passengers were asked to arrive early because of extra safety checks on the car deck."
    )
    doc = RawDocument(
        key="ferry.html",
        source_path="ferry.html",
        format="html",
        text=text,
        title="Ferry resumes crossings",
        outlet="Harbour Times",
        html=PAGE,
    )
    (article,) = clean_documents([doc])
    assert article.text == text
    assert [(r.line, r.text, r.rule) for r in article.removed] == [
        (0, "Skip to main content", "navigation"),
        (0, "Home", "navigation"),
        (0, "News", "outside-article"),
        (0, "Ferry resumes crossings", "repeated-headline"),
        (1, "Share on Facebook", "share-prompt"),
        (1, "Copy link", "share-prompt"),
        (2, "© 2024 Harbour Times. All rights reserved.", "copyright"),
        (2, "Privacy", "outside-article"),
    ]


def test_feed_footer_and_section_label() -> None:
    text = "\n".join(
        [
            "War on the River",
            *PROSE_LINES,
            "The post Ferry resumes appeared first on Harbour Times.",
        ]
    )
    _clean, removed = clean_text(text)
    assert [(r.line, r.rule) for r in removed] == [(0, "section-label"), (3, "feed-footer")]
    # ...but a dateline's city in capitals stays.
    _clean, removed = clean_text("\n".join(["KYIV", *PROSE_LINES]))
    assert removed == []


PROSE_LINES = STORIES[0]
