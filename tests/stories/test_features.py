"""What the story clusterer reads of an article: the number channel."""

import pytest

from newsfuse.model import Article
from newsfuse.stories.features import article_features


def article(article_id: str, text: str, title: str | None = None) -> Article:
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
        published=None,
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
