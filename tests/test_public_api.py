"""The public API is what ``newsfuse.__all__`` lists; removing a name breaks users' scripts."""

import newsfuse

PUBLIC = {
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
}


def test_public_names_are_exported():
    assert PUBLIC <= set(newsfuse.__all__)
    for name in newsfuse.__all__:
        assert hasattr(newsfuse, name), name


def test_exported_names_are_documented():
    for name in newsfuse.__all__:
        obj = getattr(newsfuse, name)
        if callable(obj):
            assert obj.__doc__, f"{name} has no docstring"
