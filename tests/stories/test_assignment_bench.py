"""The story-assignment benchmark's own functions, on a few hundred generated articles."""

import pytest

from newsfuse.config import StoriesConfig
from tests._scripts import load_script

bench = load_script("bench_story_assignment")


def test_generated_articles_of_one_story_share_topic_words_and_entities():
    gen = bench.Generator(seed=1)
    story = gen.new_story()
    (a, ents_a), (b, ents_b) = gen.article(story), gen.article(story)
    topic = set(gen.stories[story][0])
    assert len(set(a.text.split()) & topic) >= 10 and len(set(b.text.split()) & topic) >= 10
    assert {e.name for e in ents_a} & {e.name for e in ents_b}


def test_run_sizes_places_most_articles_in_their_own_story():
    rows = bench.run_sizes(
        [100, 300], stream=100, repeats=2, seed=3, config=StoriesConfig(mode="stream")
    )
    assert [r["live_stories"] for r in rows] == [100, 300]
    assert rows[0]["ratio_to_smallest"] == 1.0
    for row in rows:
        assert row["us_per_article"] > 0 and row["articles_per_s"] > 0
        assert row["placed_right"] >= 0.9, row


def test_compare_streams_two_settings_at_every_size():
    shipped = StoriesConfig(mode="stream")
    earlier = StoriesConfig(mode="stream", threshold=0.6, neighbours=10, number_weight=0.0)
    rows = bench.compare(
        [100, 200], stream=60, repeats=2, seed=5, configs={"a": shipped, "b": earlier}
    )
    assert [(r["settings"], r["live_stories"]) for r in rows] == [
        ("a", 100),
        ("a", 200),
        ("b", 100),
        ("b", 200),
    ]
    assert all(r["articles_per_s"] > 0 and r["placed_right"] >= 0.9 for r in rows)
    assert bench._settings("threshold=0.6,neighbours=10") == {"threshold": 0.6, "neighbours": 10}


def test_active_arrivals_continue_only_the_stories_in_motion():
    config = StoriesConfig(mode="stream")
    active = bench.LiveIndex(40, seed=2, config=config, arrivals="active", active=5)
    picks = [active._arrival() for _ in range(300)]
    continued = {p for p in picks if p < 40}
    # only the five most recent live stories were in motion; new ones pushed them out
    assert continued and continued <= set(range(35, 40))
    assert len([p for p in picks if p >= 40]) > 50  # about 30% start stories

    uniform = bench.LiveIndex(40, seed=2, config=config, arrivals="uniform")
    assert len({p for p in (uniform._arrival() for _ in range(300)) if p < 40}) > 20


def test_unknown_arrival_design_is_refused():
    with pytest.raises(ValueError, match="arrivals must be one of active, uniform"):
        bench.LiveIndex(10, seed=0, config=StoriesConfig(mode="stream"), arrivals="bursty")
