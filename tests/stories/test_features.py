"""What the story clusterer reads of an article: the number and date channels."""

import pytest

from newsfuse.model import Article, DateOrigin, DatePrecision, PublishedDate
from newsfuse.nlp.times import tag_times
from newsfuse.stories.features import article_features


def article(
    article_id: str, text: str, title: str | None = None, published: str | None = None
) -> Article:
    return Article(
        id=article_id,
        key=article_id,
        source_path=f"{article_id}.txt",
        format="text",
        outlet="outlet",
        url=None,
        title=title,
        language="en",
        text=text,
        published=(
            PublishedDate(published, DatePrecision.DAY, DateOrigin.RECORD) if published else None
        ),
    )


def test_numbers_are_read_as_written_with_thousands_separators_dropped():
    text = "The club offered 2,000 tickets at $12.50 each for the 2024 final; 2000 were sold."
    (features,) = article_features([article("a", text, title="Cup final in 2024")])
    assert set(features.numbers) == {"2000", "12.50", "2024"}
    # "2024" twice (title and text) and "2000" twice weigh more than "12.50" once
    assert features.numbers["2024"] == pytest.approx(features.numbers["2000"])
    assert features.numbers["2024"] > features.numbers["12.50"]
    assert sum(v * v for v in features.numbers.values()) == pytest.approx(1.0)


def test_an_article_without_figures_has_no_number_vector():
    (features,) = article_features([article("a", "Rescue teams searched the houses at night.")])
    assert features.numbers == {}


def test_dates_resolve_against_publication_so_different_words_give_one_key():
    monday = article("a", "The ferry sank on Saturday near the harbour.", published="2024-03-11")
    tuesday = article(
        "b", "The ferry that sank on March 9 was raised today.", published="2024-03-12"
    )
    tag_times([monday, tuesday])
    first, second = article_features([monday, tuesday])
    assert first.dates == second.dates == {"2024-03-09": pytest.approx(1.0)}
    # a clusterer that gives the channel no weight does not build it
    assert all(f.dates == {} for f in article_features([monday, tuesday], dates=False))


def test_the_days_every_article_of_a_day_shares_are_left_out():
    # "today", "yesterday" and "this month" say when the article appeared (the time decay
    # weighs that), not which incident it reports
    text = "Talks resumed today after a pause yesterday; the strike began on March 2 this month."
    dated = article("a", text, published="2024-03-12")
    tag_times([dated])
    (features,) = article_features([dated])
    assert set(features.dates) == {"2024-03-02"}


def test_months_are_kept_and_years_and_unanchored_dates_are_left_out():
    dated = article("a", "Prices rose in March 2023 and again in 2021.", published="2024-03-11")
    undated = article("b", "The ferry sank on Saturday near the harbour.")
    tag_times([dated, undated])
    with_month, without_anchor = article_features([dated, undated])
    # 2021 is a year (the number channel has it); Saturday cannot be placed without a date
    assert set(with_month.dates) == {"2023-03"}
    assert without_anchor.dates == {}
