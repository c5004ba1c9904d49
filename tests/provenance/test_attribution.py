"""Credit lines naming news organisations, and what is not one."""

from newsfuse.model import Article, RemovedLine
from newsfuse.parallel import worker_limit
from newsfuse.provenance.attribution import find_attributions


def article(i, text, outlet=None, removed=()):
    return Article(
        id=f"a{i}", key=f"k{i}", source_path="x", format="text", outlet=outlet, url=None,
        title=None, published=None, language="en", text=text, removed=list(removed),
    )  # fmt: skip


def credits(articles):
    return sorted((a.article_id, a.agency, a.cue) for a in find_attributions(articles))


def test_cues_that_name_agencies_and_outlets_in_the_run():
    articles = [
        article(1, "Troops crossed the river, Reuters reported.", "Harbor Ledger"),
        article(
            2, "Troops crossed the river, according to the Northgate Times.", "Baltic Bulletin"
        ),
        article(3, "Troops crossed the river, per TASS, which cited officials.", "Cape Signal"),
        article(
            4, "The crossing was confirmed, informs Continental Press Agency.", "Eurasia Portal"
        ),
        article(5, "Nothing credited here.", "Continental Press Agency"),
    ]
    assert credits(articles) == [
        ("a1", "Reuters", "reported"),
        ("a2", "Northgate Times", "according to"),
        ("a3", "TASS", "per"),
        ("a4", "Continental Press Agency", "reported"),
    ]


def test_removed_wire_credit_lines_count_and_own_outlet_does_not():
    articles = [
        article(
            1,
            "A spokesman told the Harbor Ledger that the road was closed.",
            "The Harbor Ledger",
            removed=[RemovedLine(9, "Additional reporting by Continental Press Agency", "byline")],
        ),
        article(2, "Officials said so.", "Continental Press Agency"),
    ]
    assert credits(articles) == [("a1", "Continental Press Agency", "reporting by")]


def test_sources_that_are_not_news_organisations_are_not_credits():
    articles = [
        article(1, "The town was retaken, according to the defence ministry.", "Harbor Ledger"),
        article(2, "The bridge is closed, according to Mayor Lina Berg.", "Harbor Ledger"),
    ]
    assert credits(articles) == []


def test_credits_found_on_every_core_are_the_same_in_the_same_order():
    texts = [
        "Troops crossed the river, Reuters reported.",
        "The bridge held, according to the Northgate Times, citing engineers.",
        "Nothing credited here.",
    ]
    articles = [article(i, texts[i % 3], f"Outlet {i}") for i in range(90)]
    with worker_limit(1):
        alone = find_attributions(articles)
    with worker_limit(2):
        spread = find_attributions(articles)
    assert spread == alone
    assert [a.article_id for a in spread[:3]] == ["a0", "a1", "a3"]
