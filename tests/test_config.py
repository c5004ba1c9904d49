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
    ],
)
def test_out_of_range_settings_say_what_to_fix(options, message):
    with pytest.raises(ConfigError, match=message):
        Config.from_options(**options)
