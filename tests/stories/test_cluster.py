"""First story clustering on small hand-written articles."""

from newsfuse.model import Article, DateOrigin, DatePrecision, Entity, Mention, PublishedDate
from newsfuse.provenance import group_exact_copies
from newsfuse.stories import cluster_stories

QUAKE = [
    (
        "A magnitude 6.1 earthquake struck near the coastal town of Portmere on Tuesday, damaging "
        "houses and cutting power to thousands of homes, the regional seismic office said. Rescue "
        "teams searched damaged houses through the night and aftershocks shook Portmere again."
    ),
    (
        "Rescue teams searched collapsed houses in Portmere after Tuesday's earthquake; the regional "
        "seismic office put the magnitude at 6.1 and said aftershocks were likely. Power was cut to "
        "thousands of homes along the coast."
    ),
    (
        "Residents of Portmere spent the night outdoors after the magnitude 6.1 earthquake, as "
        "engineers checked damaged houses and bridges and the power company restored electricity to "
        "most homes, the seismic office said."
    ),
]
MATCH = [
    (
        "Greenfield United beat Harbour City 3-1 in the cup final on Saturday, with two goals from "
        "their captain in the second half before a crowd of 40,000 at the national stadium."
    ),
    (
        "Harbour City's coach praised his players despite the 3-1 cup final defeat to Greenfield "
        "United at the national stadium, saying the captain's second goal decided the final."
    ),
]


def article(i: int, text: str, day: str, title: str | None = None) -> Article:
    return Article(
        id=f"a{i}",
        key=f"k{i}",
        source_path=f"k{i}.txt",
        format="text",
        outlet=f"outlet{i}",
        url=None,
        title=title,
        language="en",
        text=text,
        published=PublishedDate(day, DatePrecision.DAY, DateOrigin.HEADER),
    )


def test_two_unrelated_stories_are_told_apart():
    articles = [article(i, t, "2024-05-07") for i, t in enumerate(QUAKE)]
    articles += [article(10 + i, t, "2024-05-11") for i, t in enumerate(MATCH)]
    stories = cluster_stories(articles, [], group_exact_copies(articles))
    assert sorted(sorted(s.article_ids) for s in stories) == [["a0", "a1", "a2"], ["a10", "a11"]]
    quake = next(s for s in stories if "a0" in s.article_ids)
    assert quake.independent_sources == 3
    assert (quake.time_span.start, quake.time_span.end) == ("2024-05-07", "2024-05-07")


def test_exact_copies_count_as_one_independent_source():
    articles = [article(i, t, "2024-05-07") for i, t in enumerate(QUAKE)]
    articles.append(article(3, QUAKE[0].upper(), "2024-05-08"))  # the same text, shouted
    groups = group_exact_copies(articles)
    stories = cluster_stories(articles, [], groups)
    assert len(stories) == 1
    assert len(stories[0].article_ids) == 4
    assert stories[0].independent_sources == 3
    copy_group = next(g for g in groups if len(g.article_ids) == 2)
    assert copy_group.origin == "a0"  # published first


def test_same_words_a_year_apart_are_different_stories():
    # the incident preset halves similarity every 90 days: a year on, no wording is close enough
    articles = [article(0, QUAKE[0], "2024-01-02"), article(1, QUAKE[1], "2025-01-02")]
    stories = cluster_stories(articles, [], group_exact_copies(articles))
    assert len(stories) == 2


def test_shared_entities_pull_articles_together_and_name_key_entities():
    texts = [
        "The council approved the budget after a long debate.",
        "Officials said the spending plan passed late at night.",
    ]
    articles = [article(i, t, "2024-03-01", title="Budget passes") for i, t in enumerate(texts)]
    mayor = Entity(
        "e1",
        "Ana Ruiz",
        "PERSON",
        ["Ana Ruiz"],
        [Mention("a0", 0, 3, "Ana Ruiz"), Mention("a1", 0, 3, "Ana Ruiz")],
    )
    town = Entity(
        "e2",
        "Lisbon",
        "GPE",
        ["Lisbon"],
        [Mention("a0", 5, 9, "Lisbon"), Mention("a1", 5, 9, "Lisbon")],
    )
    stories = cluster_stories(articles, [mayor, town], group_exact_copies(articles))
    assert len(stories) == 1
    assert stories[0].title == "Budget passes"
    assert set(stories[0].key_entities) == {"e1", "e2"}


def test_stories_with_the_dates_channel_switched_on():
    from newsfuse.config import StoriesConfig
    from newsfuse.nlp.times import tag_times
    from newsfuse.stories.features import article_features

    articles = [article(i, t, "2024-05-09") for i, t in enumerate(QUAKE)]
    articles += [article(10 + i, t, "2024-05-13") for i, t in enumerate(MATCH)]
    tag_times(articles)
    dates = {f.article_id: set(f.dates) for f in article_features(articles)}
    assert dates["a0"] == {"2024-05-07"} and dates["a10"] == {"2024-05-11"}  # Tuesday, Saturday
    config = StoriesConfig(date_weight=0.2)
    stories = cluster_stories(articles, [], group_exact_copies(articles), config)
    assert sorted(sorted(s.article_ids) for s in stories) == [["a0", "a1", "a2"], ["a10", "a11"]]
