"""Stories: articles about one real-world incident (or, coarser, one development), batch or
streaming, with ids that survive incremental runs.

    features.py  what the clusterer sees of an article (weighted words, lead, entities, day)
    index.py     live stories, the inverted index and the one assignment routine
    state.py     stories kept between runs (SQLite)
    cluster.py   a run: place the articles, consolidate, describe the stories
"""

from newsfuse.stories.cluster import cluster_stories, count_independent_sources
from newsfuse.stories.features import ENTITY_TYPE_WEIGHTS, StoryFeatures, article_features
from newsfuse.stories.index import LiveStory, StoryIndex
from newsfuse.stories.state import StoryState

__all__ = [
    "ENTITY_TYPE_WEIGHTS",
    "LiveStory",
    "StoryFeatures",
    "StoryIndex",
    "StoryState",
    "article_features",
    "cluster_stories",
    "count_independent_sources",
]
