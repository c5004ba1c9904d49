"""Story clustering for a run: place the run's articles among live stories, then describe them.

Batch and streaming are one routine (:class:`~newsfuse.stories.index.StoryIndex`): articles are
fed in publication order (undated ones last, by id) and the touched stories are consolidated —
stories whose members are on average similar enough merge, stories that are two stories split,
and articles that fit another story better move. ``mode="batch"`` measures every article's
neighbourhood on the whole run first and consolidates once at the end; ``mode="stream"`` learns
neighbourhoods as articles arrive and consolidates every ``consolidate_every`` arrivals and at
the end of the run. With a stored :class:`~newsfuse.stories.state.StoryState` the run continues
the stories of earlier runs and keeps their ids.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from newsfuse.config import StoriesConfig
from newsfuse.model import Article, Entity, SourceGroup, Story, TimeSpan
from newsfuse.stories.features import ENTITY_TYPE_WEIGHTS, article_features
from newsfuse.stories.index import LiveStory, StoryIndex, dot
from newsfuse.stories.state import StoryState

__all__ = ["cluster_stories", "count_independent_sources"]

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_KEY_ENTITIES = 10


def cluster_stories(
    articles: Sequence[Article],
    entities: Sequence[Entity],
    source_groups: Sequence[SourceGroup] = (),
    config: StoriesConfig = StoriesConfig(),
    *,
    state: StoryState | None = None,
) -> list[Story]:
    """The stories of this run's articles, most corroborated first.

    Each story lists only this run's articles; its id, time span and title come from the whole
    live story (earlier runs included, with ``state``).
    """
    if not articles:
        return []
    index = state.index if state is not None else StoryIndex(config)
    features = article_features(
        articles, entities, lead_lines=config.lead_lines, dates=bool(config.date_weight)
    )
    by_id = {a.id: a for a in articles}
    order = [
        f
        for f in sorted(features, key=lambda f: _publication_key(by_id[f.article_id]))
        if f.article_id not in index.story_of  # already placed by an earlier run
    ]
    batch = config.mode == "batch"
    if batch:
        index.estimate_neighbours(order)
    for item in order:
        index.add(item, learn_neighbours=not batch)
    if batch or config.consolidate_every:
        index.consolidate()
    if state is not None:
        state.save()
    members: dict[str, list[Article]] = {}
    for article in articles:
        members.setdefault(index.story_of[article.id], []).append(article)
    # Which entities each article names, built once: describing a story then reads only its
    # own members' entities, not every entity of the run.
    named_in: dict[str, list[Entity]] = {}
    for entity in entities:
        for article_id in {m.article_id for m in entity.mentions}:
            named_in.setdefault(article_id, []).append(entity)
    stories = [
        _describe(index.stories[story_id], index, run_members, named_in)
        for story_id, run_members in members.items()
    ]
    count_independent_sources(stories, source_groups)
    return stories


def count_independent_sources(stories: list[Story], groups: Sequence[SourceGroup]) -> None:
    """Set each story's independent sources — the source groups among its articles; an article in
    no group is its own source — and order the stories by it, most corroborated first."""
    group_of = {article_id: g.id for g in groups for article_id in g.article_ids}
    for story in stories:
        story.independent_sources = len({group_of.get(a, a) for a in story.article_ids})
    stories.sort(key=lambda s: (-s.independent_sources, -len(s.article_ids), s.title, s.id))


def _publication_key(article: Article) -> tuple[bool, str, str]:
    value = article.published.value if article.published else ""
    return (not value, value, article.id)


def _describe(
    live: LiveStory, index: StoryIndex, members: list[Article], named_in: dict[str, list[Entity]]
) -> Story:
    """A story's salience: an entity weighs its type weight once per member article naming it."""
    ids = sorted(a.id for a in members)
    span = index.span(live.id)
    salience: Counter[str] = Counter()
    place_salience: Counter[str] = Counter()
    for article_id in ids:
        for entity in named_in.get(article_id, ()):
            weight = ENTITY_TYPE_WEIGHTS.get(entity.label, 0.5)
            salience[entity.id] += weight
            if entity.place_id and entity.label in _PLACE_LABELS:
                place_salience[entity.place_id] += weight
    return Story(
        id=live.id,
        title=_title(live, index, members),
        article_ids=ids,
        independent_sources=len(ids),  # until count_independent_sources sees the groups
        time_span=TimeSpan(*(_iso(d) for d in span) if span else (None, None)),
        key_entities=[e for e, _ in sorted(salience.items(), key=lambda kv: (-kv[1], kv[0]))][
            :_KEY_ENTITIES
        ],
        places=[p for p, _ in sorted(place_salience.items(), key=lambda kv: (-kv[1], kv[0]))],
    )


def _iso(day: int) -> str:
    return date.fromordinal(day).isoformat()


def _title(live: LiveStory, index: StoryIndex, members: list[Article]) -> str:
    """The headline of the member whose lead is closest to the story's leads (the most typical
    member); without headlines, that member's first line."""

    def typicality(article: Article) -> tuple[float, bool, str]:
        features = index.features[article.id]
        return (
            dot(features.lead or features.text, live.lead or live.text),
            bool(article.title),
            article.id,
        )

    titled = [a for a in members if a.title] or members
    best = max(titled, key=typicality)
    if best.title:
        return best.title
    first = best.text.strip().split("\n", 1)[0]
    return first[:120]
