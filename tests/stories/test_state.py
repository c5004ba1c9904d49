"""Stories stored between runs: ids survive, new articles join old stories, bad files are refused."""

import sqlite3

import pytest

from newsfuse.config import StoriesConfig
from newsfuse.errors import ConfigError
from newsfuse.stories import StoryState, cluster_stories
from tests.stories.test_cluster import MATCH, QUAKE, article

MORE_QUAKE = [
    (
        "Aftershocks rattled Portmere again on Wednesday as the seismic office recorded a magnitude "
        "4.2 tremor; engineers said most damaged houses in the coastal town could be repaired."
    ),
]


def test_a_second_run_continues_the_first_runs_story_under_its_id(tmp_path):
    path = tmp_path / "stories.sqlite"
    first = [article(i, t, "2024-05-07") for i, t in enumerate(QUAKE)]
    state = StoryState.open(path)
    (quake,) = cluster_stories(first, [], state=state)
    state.close()

    second = [article(20, MORE_QUAKE[0], "2024-05-08")]
    second += [article(30 + i, t, "2024-05-11") for i, t in enumerate(MATCH)]
    state = StoryState.open(path)
    assert len(state.index.features) == 3  # the first run's articles came back
    stories = cluster_stories(second, [], state=state)
    state.close()
    continued = next(s for s in stories if "a20" in s.article_ids)
    assert continued.id == quake.id
    assert continued.article_ids == ["a20"]  # a report lists its own run's articles
    assert (continued.time_span.start, continued.time_span.end) == ("2024-05-07", "2024-05-08")
    match = next(s for s in stories if "a30" in s.article_ids)
    assert match.id != quake.id and sorted(match.article_ids) == ["a30", "a31"]
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 6


def test_rerunning_the_same_articles_changes_nothing(tmp_path):
    path = tmp_path / "stories.sqlite"
    articles = [article(i, t, "2024-05-07") for i, t in enumerate(QUAKE)]
    ids = []
    for _ in range(2):
        state = StoryState.open(path)
        ids.append([s.id for s in cluster_stories(articles, [], state=state)])
        state.close()
    assert ids[0] == ids[1]


def test_other_story_settings_are_refused_with_the_reason(tmp_path):
    path = tmp_path / "stories.sqlite"
    StoryState.open(path).close()
    with pytest.raises(ConfigError, match="was built with story settings") as caught:
        StoryState.open(path, StoriesConfig(threshold=0.7))
    assert str(path) in str(caught.value)


def test_a_file_that_is_not_a_state_is_refused_naming_it(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("these are my notes, not a database\n" * 20)
    with pytest.raises(ConfigError, match="cannot open it as SQLite") as caught:
        StoryState.open(path)
    assert str(path) in str(caught.value)
    assert path.read_text().startswith("these are my notes")  # the user's file is untouched


def test_local_scales_are_stored_and_restored_with_the_story_sums(tmp_path):
    path = tmp_path / "stories.sqlite"
    state = StoryState.open(path)
    cluster_stories([article(i, t, "2024-05-07") for i, t in enumerate(QUAKE)], [], state=state)
    before = {a: dict(f.neighbours) for a, f in state.index.features.items()}
    sums = {s.id: s.inverse_scales for s in state.index}
    state.close()
    assert any(before.values())  # the quake reports are each other's neighbours
    reopened = StoryState.open(path)
    assert {a: f.neighbours for a, f in reopened.index.features.items()} == before
    assert {s.id: s.inverse_scales for s in reopened.index} == pytest.approx(sums)
    reopened.close()
