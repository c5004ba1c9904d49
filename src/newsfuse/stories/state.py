"""Stories kept between runs in one SQLite file, so an incremental run continues them.

``newsfuse analyze new-feeds/ --state stories.sqlite`` loads every article placed by earlier runs
(its story and its features), places the new articles among those stories, and writes back. A
story keeps its id for as long as it lives; a story merged into an older one is recorded in
``merged`` so a caller holding the old id can follow it.

The file stores features, not texts: vectors of weighted words and entity keys, the day and the
headline. The settings that change what a stored vector means (granularity, threshold, weights)
are stored too; opening a state with different ones is refused with the reason, because mixing
them would silently change which stories articles belong to.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from newsfuse import __version__
from newsfuse.config import StoriesConfig
from newsfuse.errors import ConfigError
from newsfuse.stories.features import StoryFeatures
from newsfuse.stories.index import StoryIndex

__all__ = ["StoryState"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    article_id TEXT PRIMARY KEY,
    story_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    day INTEGER,
    title TEXT,
    features TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_story ON articles (story_id);
CREATE TABLE IF NOT EXISTS merged (old_id TEXT PRIMARY KEY, new_id TEXT NOT NULL);
"""
_FORMAT = "4"


def _settings(config: StoriesConfig) -> dict[str, object]:
    return {
        "format": _FORMAT,
        "threshold": config.similarity_threshold,
        "time_decay_days": config.decay_days,
        "weights": list(config.channel_weights.values()),
        "lead_lines": config.lead_lines,
        "neighbours": config.neighbours,
    }


class StoryState:
    """A :class:`StoryIndex` backed by a SQLite file."""

    def __init__(self, path: Path, index: StoryIndex, connection: sqlite3.Connection) -> None:
        self.path = path
        self.index = index
        self._db = connection
        self._stored: set[str] = set(index.features)
        self._ids_before = dict(index.story_of)
        self._neighbours_before = _neighbours(index)

    @classmethod
    def open(cls, path: str | Path, config: StoriesConfig = StoriesConfig()) -> StoryState:
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path)
            db.executescript(_SCHEMA)
        except (OSError, sqlite3.DatabaseError) as err:
            raise ConfigError(
                f"story state {path}: cannot open it as SQLite ({err}); "
                "pass a new file name or a state written by newsfuse"
            ) from err
        wanted = _settings(config)
        row = db.execute("SELECT value FROM meta WHERE key = 'settings'").fetchone()
        if row is None:
            db.execute(
                "INSERT INTO meta VALUES ('settings', ?), ('created_by', ?)",
                (json.dumps(wanted), f"newsfuse {__version__}"),
            )
            db.commit()
        elif json.loads(row[0]) != wanted:
            db.close()
            raise ConfigError(
                f"story state {path} was built with story settings {row[0]}, not {json.dumps(wanted)}; "
                "use the same settings or a new state file"
            )
        index = StoryIndex(config)
        rows = db.execute(
            "SELECT article_id, story_id, day, title, features FROM articles ORDER BY seq"
        )
        for article_id, story_id, day, title, blob in rows:
            vectors = json.loads(blob)
            index.place(
                StoryFeatures(
                    article_id=article_id,
                    day=day,
                    text=vectors["text"],
                    lead=vectors["lead"],
                    entities=vectors["entities"],
                    numbers=vectors["numbers"],
                    dates=vectors["dates"],
                    title=title,
                    query_terms=vectors["query"],
                    neighbours=vectors.get("neighbours", {}),
                ),
                story_id,
            )
        return cls(path, index, db)

    def follow(self, story_id: str) -> str:
        """The id a story has now, following merges recorded by earlier runs."""
        seen = set()
        while story_id not in seen:
            seen.add(story_id)
            row = self._db.execute(
                "SELECT new_id FROM merged WHERE old_id = ?", (story_id,)
            ).fetchone()
            if row is None:
                return story_id
            story_id = row[0]
        return story_id

    def save(self) -> None:
        """Write every article's current story (new articles with their features) and the ids of
        stories that disappeared into others."""
        index = self.index
        with self._db:
            seq = self._db.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0]
            for article_id, story_id in index.story_of.items():
                f = index.features[article_id]
                if article_id in self._stored:
                    if self._ids_before.get(article_id) != story_id:
                        self._db.execute(
                            "UPDATE articles SET story_id = ? WHERE article_id = ?",
                            (story_id, article_id),
                        )
                    if self._neighbours_before.get(article_id) != f.neighbours:
                        # its local scale moved as later articles arrived
                        self._db.execute(
                            "UPDATE articles SET features = ? WHERE article_id = ?",
                            (_blob(f), article_id),
                        )
                    continue
                seq += 1
                blob = _blob(f)
                self._db.execute(
                    "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?)",
                    (article_id, story_id, seq, f.day, f.title, blob),
                )
            # One member of each story that existed before, to follow where it went.
            member_of: dict[str, str] = {}
            for article_id, old_id in self._ids_before.items():
                member_of.setdefault(old_id, article_id)
            for old_id in member_of.keys() - index.stories.keys():
                new_id = index.story_of[member_of[old_id]]
                if new_id != old_id:
                    self._db.execute(
                        "INSERT OR REPLACE INTO merged VALUES (?, ?)", (old_id, new_id)
                    )
        self._stored = set(index.features)
        self._ids_before = dict(index.story_of)
        self._neighbours_before = _neighbours(index)

    def close(self) -> None:
        self._db.close()


def _neighbours(index: StoryIndex) -> dict[str, dict[str, float]]:
    return {article_id: dict(f.neighbours) for article_id, f in index.features.items()}


def _blob(f: StoryFeatures) -> str:
    return json.dumps(
        {
            "text": f.text,
            "lead": f.lead,
            "entities": f.entities,
            "numbers": f.numbers,
            "dates": f.dates,
            "query": f.query_terms,
            "neighbours": f.neighbours,
        },
        separators=(",", ":"),
    )
