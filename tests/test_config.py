import pytest

from newsfuse.config import Config
from newsfuse.errors import ConfigError


def test_flat_options_reach_their_section():
    config = Config.from_options(nlp_batch_size=8, stories_threshold=0.5)
    assert config.nlp.batch_size == 8
    assert config.stories.threshold == 0.5
    assert config.ingest.max_file_bytes == Config().ingest.max_file_bytes


def test_unknown_option_lists_the_valid_ones():
    with pytest.raises(ConfigError, match="unknown option 'nlp_batchsize'.*nlp_batch_size"):
        Config.from_options(nlp_batchsize=8)


@pytest.mark.parametrize(
    "options, message",
    [
        ({"stories_threshold": 1.5}, "threshold must be in"),
        ({"nlp_batch_size": 0}, "batch_size must be >= 1"),
        ({"ingest_max_file_bytes": 0}, "max_file_bytes must be positive"),
        ({"stories_neighbours": -1}, r"stories.neighbours must be >= 0, got -1"),
        ({"stories_consolidate_every": -5}, r"stories.consolidate_every must be >= 0, got -5"),
        ({"stories_window_days": 0}, r"stories.window_days must be > 0, got 0"),
    ],
)
def test_out_of_range_settings_say_what_to_fix(options, message):
    with pytest.raises(ConfigError, match=message):
        Config.from_options(**options)


def test_the_incident_threshold_follows_local_scaling():
    scaled = Config.from_options().stories
    raw = Config.from_options(stories_neighbours=0).stories
    # the two scales differ: a threshold on the scaled similarity is not one on the raw one
    assert scaled.similarity_threshold > raw.similarity_threshold
    assert Config.from_options(stories_threshold=0.3).stories.similarity_threshold == 0.3
