"""The assignment routine on hand-made feature vectors: exact average link, merges, splits, ids."""

import dataclasses

import pytest

from newsfuse.config import StoriesConfig
from newsfuse.model import stable_id
from newsfuse.stories.features import StoryFeatures
from newsfuse.stories.index import StoryIndex, dot

# Raw average link (local scaling off) for the mechanics; local scaling has its own tests below.
CONFIG = StoriesConfig(
    threshold=0.5, text_weight=1.0, entity_weight=0.0, lead_weight=0.0, neighbours=0
)
SCALED = StoriesConfig(
    threshold=0.5, text_weight=1.0, entity_weight=0.0, lead_weight=0.0, neighbours=2
)


def feat(article_id: str, text: dict[str, float], day: int | None = 738000) -> StoryFeatures:
    norm = sum(v * v for v in text.values()) ** 0.5
    vector = {k: v / norm for k, v in text.items()}
    return StoryFeatures(article_id, day, vector, {}, {}, query_terms=list(text))


def test_similarity_is_the_average_over_members():
    index = StoryIndex(CONFIG)
    index.add(feat("a", {"x": 1.0}))
    index.add(feat("b", {"x": 1.0, "y": 1.0}))  # cos with a = 0.707: joins
    assert len(index) == 1
    story = next(iter(index))
    probe = feat("p", {"x": 1.0})
    expected = (1.0 + 2**-0.5) / 2  # mean of cos(p, a) and cos(p, b)
    assert index.similarity(probe, story) == pytest.approx(expected)
    # Leaving a member out averages over the others only.
    assert index.similarity(index.features["a"], story, leave_out=True) == pytest.approx(2**-0.5)


def test_article_below_threshold_founds_a_story_named_after_it():
    index = StoryIndex(CONFIG)
    first = index.add(feat("a", {"x": 1.0}))
    second = index.add(feat("b", {"z": 1.0}))
    assert first == stable_id("story", "a") and second == stable_id("story", "b")
    assert index.story_of == {"a": first, "b": second}
    with pytest.raises(ValueError, match="already placed"):
        index.add(feat("a", {"x": 1.0}))


def test_time_decay_and_window_keep_distant_days_apart():
    config = StoriesConfig(
        threshold=0.5, time_decay_days=7.0, entity_weight=0, lead_weight=0, neighbours=0
    )
    index = StoryIndex(config)
    index.add(feat("a", {"x": 1.0}, day=738000))
    index.add(feat("b", {"x": 1.0}, day=738002))  # two days apart: decay 0.5 ** (1/7) = 0.91
    index.add(feat("c", {"x": 1.0}, day=738000 + 120))  # four months later: outside the window
    assert index.story_of["a"] == index.story_of["b"] != index.story_of["c"]
    undated = feat("d", {"x": 1.0}, day=None)  # no date: no decay, every story is a candidate
    assert index.similarity(undated, index.stories[index.story_of["a"]]) == pytest.approx(1.0)


def test_consolidation_merges_stories_that_streaming_kept_apart():
    index = StoryIndex(CONFIG)
    index.add(feat("a", {"x": 1.0, "y": 1.0}))
    index.add(feat("b", {"y": 1.0, "z": 1.0}))  # cos 0.5 with a: joins (>= 0.5)
    index.add(feat("c", {"x": 1.0, "w": 1.0}))  # cos 0.5 with a, 0 with b: average 0.25, apart
    index.add(feat("d", {"x": 1.0, "w": 1.0, "y": 1.0}))
    before = len(index)
    index.consolidate()
    assert len(index) <= before
    # Every article ends where its leave-one-out similarity is highest among candidates.
    for article_id, story_id in index.story_of.items():
        own = index.stories[story_id]
        f = index.features[article_id]
        stay = index.similarity(f, own, leave_out=True) if own.size > 1 else 0.0
        for other in index:
            if other.id != story_id:
                assert index.similarity(f, other) <= max(stay, CONFIG.threshold) + 0.02


def test_an_article_that_fits_nowhere_splits_off_with_a_fresh_id():
    index = StoryIndex(CONFIG)
    index.add(feat("a", {"x": 1.0}))
    for n in range(2):
        index.add(feat(f"a{n}", {"x": 1.0, f"u{n}": 0.2}))
    index.place(feat("b", {"q": 1.0}), index.story_of["a"])  # forced in, as a stale state might
    story_id = index.story_of["a"]
    index.consolidate()
    assert index.story_of["a"] == story_id  # the founder keeps the story's id
    assert index.story_of["b"] != story_id and len(index) == 2


def test_stories_too_small_to_split_are_not_re_examined():
    # each article was placed in its best story when it arrived; a story is examined whole
    # once it has the four articles a split needs
    index = StoryIndex(CONFIG)
    index.add(feat("a", {"x": 1.0}))
    index.place(feat("b", {"q": 1.0}), index.story_of["a"])
    index.consolidate()
    assert index.story_of["b"] == index.story_of["a"]


def test_merge_keeps_the_older_story_id():
    index = StoryIndex(CONFIG)
    index.add(feat("old", {"x": 1.0, "y": 0.2}))
    index.add(feat("new", {"y": 1.0, "x": 0.2}))  # cos 0.38: a second story
    old_id = index.story_of["old"]
    index.place(feat("bridge1", {"x": 1.0, "y": 1.0}), index.story_of["new"])
    index.place(feat("bridge2", {"x": 1.0, "y": 1.0}), old_id)
    index.consolidate()
    assert len(index) == 1 and set(index.story_of.values()) == {old_id}


def test_postings_are_capped_so_lookups_stay_bounded():
    index = StoryIndex(CONFIG, postings_cap=4)
    for k in range(10):
        index.add(feat(f"a{k}", {"common": 0.1, f"own{k}": 1.0}))
    assert len(index) == 10
    assert len(index._postings["common"]) == 4
    found = index.candidates(["common"], 738000)
    assert {s.members[0] for s in found} == {"a6", "a7", "a8", "a9"}  # the most recent ones


# ---------------------------------------------------------------- local scaling


def test_inverse_scale_is_the_mean_of_the_nearest_similarities_with_a_floor():
    index = StoryIndex(SCALED)
    assert index.inverse_scale(feat("a", {"x": 1.0})) == pytest.approx(1 / 0.2)  # no neighbours
    close = feat("b", {"x": 1.0})
    close.neighbours = {"n1": 0.9, "n2": 0.7}
    assert index.inverse_scale(close) == pytest.approx(1 / 0.8)
    lone = feat("c", {"x": 1.0})
    lone.neighbours = {"n1": 0.3}  # a missing neighbour counts as 0: mean 0.15, below the floor
    assert index.inverse_scale(lone) == pytest.approx(1 / 0.2)
    assert StoryIndex(CONFIG).inverse_scale(close) == 1.0  # scaling off


def test_scaled_similarity_is_raw_times_the_mean_inverse_scale_of_both_sides():
    index = StoryIndex(SCALED)
    a, b = feat("a", {"x": 1.0}), feat("b", {"x": 1.0, "y": 1.0})
    a.neighbours, b.neighbours = {"n": 1.0}, {"n": 1.6}  # scales 0.5 and 0.8 (k = 2)
    index.place(a, "s")
    raw = index.raw_similarity(b, index.stories["s"])
    assert raw == pytest.approx(2**-0.5)
    assert index.similarity(b, index.stories["s"]) == pytest.approx(raw * (1 / 0.8 + 1 / 0.5) / 2)
    index.place(b, "s")
    # leaving b out of its own story leaves a's scale only
    assert index.similarity(b, index.stories["s"], leave_out=True) == pytest.approx(
        raw * (1 / 0.8 + 1 / 0.5) / 2
    )


def _two_incidents() -> list[StoryFeatures]:
    # Two wire rewrites of one incident (cosine 0.90) and two looser reports of another (0.33
    # with each other, at most 0.14 with the first pair).
    return [
        feat("a1", {"q": 3.0, "x": 1.0}),
        feat("a2", {"q": 3.0, "y": 1.0}),
        feat("b1", {"r": 1.0, "s": 1.0, "x": 0.7}),
        feat("b2", {"r": 1.0, "t": 1.5, "y": 0.7}),
    ]


def _batch(config: StoriesConfig, articles: list[StoryFeatures]) -> StoryIndex:
    index = StoryIndex(config)
    index.estimate_neighbours(articles)
    for features in articles:
        index.add(features, learn_neighbours=False)
    index.consolidate()
    return index


def test_local_scaling_joins_a_loose_incident_without_joining_it_to_a_tight_one():
    raw = _batch(CONFIG, _two_incidents())
    assert raw.story_of["b1"] != raw.story_of["b2"]  # 0.33 < 0.5: the loose pair is split
    scaled = _batch(SCALED, _two_incidents())
    # b1 and b2 are each other's nearest: relative to that, 0.33 is close
    assert scaled.story_of["b1"] == scaled.story_of["b2"]
    assert scaled.story_of["a1"] == scaled.story_of["a2"]
    assert scaled.story_of["a1"] != scaled.story_of["b1"]


def test_batch_finds_each_articles_nearest_neighbours_in_the_whole_batch():
    articles = _two_incidents()
    by_id = {f.article_id: f for f in articles}
    StoryIndex(SCALED).estimate_neighbours(articles)
    # b1 is looked up before b2 is placed anywhere, yet finds it
    assert by_id["b1"].neighbours["b2"] == pytest.approx(dot(by_id["b1"].text, by_id["b2"].text))
    assert by_id["a1"].neighbours["a2"] == pytest.approx(0.9, abs=0.01)
    assert all(len(f.neighbours) <= 2 for f in articles)


def test_a_stream_offers_each_arrival_as_a_neighbour_to_the_articles_before_it():
    index = StoryIndex(dataclasses.replace(SCALED, mode="stream", consolidate_every=0))
    first, second = feat("a", {"x": 1.0}), feat("b", {"x": 1.0, "y": 1.0})
    index.add(first)
    assert first.neighbours == {}  # nothing had arrived before it
    index.add(second)
    assert first.neighbours == {"b": pytest.approx(2**-0.5)}
    assert second.neighbours == {"a": pytest.approx(2**-0.5)}
    story = index.stories[index.story_of["a"]]
    assert story.inverse_scales == pytest.approx(
        index.inverse_scale(first) + index.inverse_scale(second)
    )


def test_a_stream_consolidates_what_it_touched_every_n_arrivals():
    arrivals = [
        feat("a", {"x": 1.0, "y": 1.0}),
        feat("b", {"y": 1.0, "z": 1.0}),
        feat("c", {"x": 1.0, "w": 1.0}),
        feat("d", {"x": 1.0, "w": 1.0, "y": 1.0}),
    ]
    counts = {}
    for every in (0, 4, 5):
        index = StoryIndex(dataclasses.replace(CONFIG, mode="stream", consolidate_every=every))
        for features in arrivals:
            index.add(dataclasses.replace(features))
        counts[every] = len(index)
    # the one-pass stream keeps stories apart that consolidation on the 4th arrival merges; a
    # stream consolidating every 5th arrival has not consolidated yet
    assert counts[4] < counts[0] == counts[5]


def test_consolidation_splits_a_story_that_is_two_stories():
    index = StoryIndex(CONFIG)
    first = [feat(f"a{n}", {"x": 1.0, f"u{n}": 0.3}) for n in range(3)]
    second = [feat(f"b{n}", {"z": 1.0, f"v{n}": 0.3}) for n in range(3)]
    for features in first + second:
        index.place(features, "mixed")  # as if an earlier, looser run had joined them
    index._touched.add("mixed")
    index.consolidate()
    assert index.story_of["a0"] == index.story_of["a2"] == "mixed"  # the founder keeps the id
    assert index.story_of["b0"] == index.story_of["b2"] != "mixed"


def test_the_number_channel_tells_two_incidents_of_one_kind_apart():
    # Two arrests of players of one team a month apart: the same words, other figures.
    words = {"arrested": 1.0, "suspicion": 1.0, "driving": 1.0, "team": 1.0}

    def report(article_id: str, figure: str) -> StoryFeatures:
        features = feat(article_id, words)
        features.numbers = {figure: 1.0}
        return features

    reports = [report("a1", "2.30"), report("a2", "2.30"), report("b1", "94"), report("b2", "94")]
    without = StoryIndex(dataclasses.replace(CONFIG, number_weight=0.0))
    for features in reports:
        without.add(dataclasses.replace(features))
    assert len(without) == 1
    numbers = StoryIndex(dataclasses.replace(CONFIG, number_weight=1.0, threshold=0.6))
    for features in reports:
        numbers.add(dataclasses.replace(features))
    assert sorted(sorted(story.members) for story in numbers) == [["a1", "a2"], ["b1", "b2"]]
