"""newsfuse: fuse many news reports into one corroborated picture of events.

The public API is what this module exports; everything in underscore modules may change.
"""

__version__ = "0.1.0"

from newsfuse.config import Config
from newsfuse.errors import (
    ConfigError,
    InputError,
    ModelNotInstalled,
    NewsfuseError,
    NoArticles,
)
from newsfuse.model import Article, Entity, Place, Rejected, Report, SourceGroup, Story


def __getattr__(name: str):
    # ``analyze`` pulls in every stage (spaCy, scikit-learn, trafilatura); import it on first
    # use so that ``import newsfuse.model`` stays cheap for worker processes and the CLI.
    if name == "analyze":
        from newsfuse.pipeline import analyze

        return analyze
    raise AttributeError(f"module 'newsfuse' has no attribute {name!r}")


__all__ = [
    "Article",
    "Config",
    "ConfigError",
    "Entity",
    "InputError",
    "ModelNotInstalled",
    "NewsfuseError",
    "NoArticles",
    "Place",
    "Rejected",
    "Report",
    "SourceGroup",
    "Story",
    "__version__",
    "analyze",
]
