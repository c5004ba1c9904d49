"""Which pairs inside a story are aligned: within the time window, each article with its members
of the most similar vocabulary."""

from newsfuse.model import Article, DateOrigin, DatePrecision, PublishedDate, Story, TimeSpan
from newsfuse.provenance.relations import story_pairs

TOPICS = [
    "harbour cranes dockers strike shipping delays",
    "orchestra premiere symphony conductor audience",
    "wildfire evacuation firefighters hillside smoke",
    "election ballots turnout polling stations count",
    "vaccine trial volunteers dosage antibodies",
    "bridge inspection cracks engineers traffic",
    "museum heist paintings guards alarm",
    "drought reservoirs rationing farmers wells",
    "satellite launch rocket orbit telemetry",
    "marathon runners course record finish",
    "factory closure layoffs union pensions",
    "flood levees river sandbags residents",
]


def article(id_: str, text: str, day: str = "2024-05-07") -> Article:
    published = PublishedDate(day, DatePrecision.DAY, DateOrigin.HEADER)
    return Article(id_, id_, "", "text", None, None, None, published, "en", text)


def test_each_article_is_aligned_with_its_closest_members_only():
    base = "The city council voted to close the old harbour after a long night of debate"
    members = [article("a0", base), article("a1", base + " on Tuesday")]
    members += [article(f"b{n}", f"{base[:20]} {topic}") for n, topic in enumerate(TOPICS)]
    story = Story("s", "t", [m.id for m in members], len(members), TimeSpan(None, None))
    by_id = {m.id: m for m in members}
    everything = story_pairs([story], by_id, partners=0)
    assert len(everything) == len(members) * (len(members) - 1) // 2
    bounded = story_pairs([story], by_id, partners=3)
    assert ("a0", "a1") in bounded  # the copy is each other's nearest
    per_article = {m.id: sum(m.id in pair for pair in bounded) for m in members}
    # at most its own 3 nearest plus the articles that count it among theirs
    assert len(bounded) <= 3 * len(members)
    assert len(bounded) < len(everything)
    assert min(per_article.values()) >= 3
    assert story_pairs([story], by_id, partners=3) == bounded  # the same in every run


def test_small_stories_align_every_pair_within_the_window():
    members = [article("a", "one two three"), article("b", "four five six")]
    members.append(article("c", "seven eight nine", day="2024-06-30"))  # outside the window
    story = Story("s", "t", [m.id for m in members], 3, TimeSpan(None, None))
    pairs = story_pairs([story], {m.id: m for m in members})
    assert pairs == [("a", "b")]
