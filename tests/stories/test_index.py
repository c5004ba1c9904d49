"""The assignment routine on hand-made feature vectors: exact average link, merges, splits, ids."""

import pytest

from newsfuse.config import StoriesConfig
from newsfuse.model import stable_id
from newsfuse.stories.features import StoryFeatures
from newsfuse.stories.index import StoryIndex

CONFIG = StoriesConfig(threshold=0.5, text_weight=1.0, entity_weight=0.0, lead_weight=0.0)


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
    config = StoriesConfig(threshold=0.5, time_decay_days=7.0, entity_weight=0, lead_weight=0)
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
    index.place(feat("b", {"q": 1.0}), index.story_of["a"])  # forced in, as a stale state might
    story_id = index.story_of["a"]
    index.consolidate()
    assert index.story_of["a"] == story_id  # the founder keeps the story's id
    assert index.story_of["b"] != story_id and len(index) == 2


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
