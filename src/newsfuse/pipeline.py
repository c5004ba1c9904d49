"""Orders the stages and times them. Data flows one way:

inputs → ingest → clean → entity mentions → times and merged entities/places → credit lines
→ quotes and stories → events → source groups → claims → briefs and timelines

Per-article work runs on every core: spaCy in worker processes, and the pure-Python stages
through :func:`newsfuse.parallel.fork_map`. While the cleaning workers run, this process loads
spaCy; while the entity workers tag, what later stages need; while workers read dates and
quotes, it merges entities and clusters stories.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from newsfuse import __version__
from newsfuse.brief import write_briefs
from newsfuse.clean import clean_documents
from newsfuse.config import Config
from newsfuse.errors import NoArticles
from newsfuse.fuse import find_claims
from newsfuse.geo.gazetteer import Gazetteer
from newsfuse.geo.roles import assign_place_roles, event_places_first
from newsfuse.ingest import read_inputs
from newsfuse.model import Article, Entity, Event, Place, Report, Story
from newsfuse.nlp import quantities
from newsfuse.nlp.aliases import merge_entities
from newsfuse.nlp.embeddings import backend_name, load_embedder
from newsfuse.nlp.entities import find_mentions
from newsfuse.nlp.events import EventClassifier, find_events
from newsfuse.nlp.quotes import find_quotes
from newsfuse.nlp.spacy_model import load_spacy
from newsfuse.nlp.times import tag_times
from newsfuse.parallel import worker_limit
from newsfuse.progress import Progress, Silent
from newsfuse.provenance.attribution import find_attributions
from newsfuse.provenance.stage import find_sources
from newsfuse.stories import StoryState, cluster_stories, count_independent_sources

T = TypeVar("T")


class StageTimer:
    """Wall time per stage, for ``report.stats`` and ``newsfuse eval throughput``."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start

    def run(self, name: str, work: Callable[[], T]) -> T:
        with self.stage(name):
            return work()


def peak_rss_mb() -> tuple[float, float]:
    """Peak resident memory in MB of this process, and of its largest finished worker process
    (Linux reports KiB). A forked worker's figure includes pages it shares with this process."""
    own = _own_peak_kib() or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return own / 1024, workers / 1024


def _own_peak_kib() -> int | None:
    """Linux's VmHWM: unlike ru_maxrss, which a process started by fork and exec inherits from
    the process that forked it, it counts only this program's own memory."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


def analyze(
    paths: Sequence[str | Path],
    *,
    config: Config | None = None,
    progress: Progress | None = None,
    gazetteer: Gazetteer | None = None,
    state: str | Path | None = None,
    **options: Any,
) -> Report:
    """Run the whole pipeline on files and folders and return the :class:`Report`.

    ``options`` are flat settings such as ``stories_threshold=0.4`` (see
    :meth:`Config.from_options`); pass either them or ``config``. With ``state`` (a SQLite file,
    created if absent) the run continues the stories of earlier runs: their ids stay, and new
    articles join them (see :mod:`newsfuse.stories.state`).
    """
    config = config or Config.from_options(**options)
    with worker_limit(config.nlp.n_process):
        return _analyze(paths, config, progress or Silent(), gazetteer, state)


def _analyze(
    paths: Sequence[str | Path],
    config: Config,
    progress: Progress,
    gazetteer: Gazetteer | None,
    state: str | Path | None,
) -> Report:
    timer = StageTimer()
    started = time.perf_counter()
    nlp = config.nlp
    # Checked before any work, so that a misspelt NEWSFUSE_EMBEDDER fails in one line at once
    # rather than midway; the report names the vectors it was built with.
    embedder = backend_name()

    ingested = timer.run("ingest", lambda: read_inputs(paths, config.ingest, progress))
    if not ingested.documents:
        reasons = "; ".join(f"{r.path}: {r.reason}" for r in ingested.rejected[:3])
        raise NoArticles(
            "no readable articles in the inputs" + (f" ({reasons})" if reasons else "")
        )
    with timer.stage("clean"):
        # spaCy loads (~1.5 s of one core) while the cleaning workers run, not while the entity
        # workers wait for it; they fork with it loaded.
        articles = clean_documents(
            ingested.documents,
            config.clean,
            progress,
            alongside=lambda: load_spacy(config.nlp.model, ("entities",)),
        )
    rejected = ingested.rejected
    del ingested  # the raw pages are no longer needed; free them before the model runs
    mentions = timer.run(
        "entities",
        lambda: find_mentions(
            articles, config.nlp, progress, alongside=lambda: _load_later_models(config)
        ),
    )
    # Two one-core stages run in this process while workers do a stage that needs nothing of
    # theirs: merging entities and resolving places (a SQLite gazetteer) while the dates are
    # read, and clustering stories while the quotes are. Their seconds overlap in the stats.
    merged: list[tuple[list[Entity], list[Place]]] = []

    def merge() -> None:
        with timer.stage("aliases"):
            texts = {article.id: article.text for article in articles}
            found = merge_entities(mentions, gazetteer or _gazetteer(config), texts)
            assign_place_roles(articles, found[1])
            merged.append(found)

    timer.run("times", lambda: tag_times(articles, progress, alongside=merge))
    entities, places = merged[0]
    clustered: list[list[Story]] = []

    def cluster() -> None:
        with timer.stage("stories"):
            clustered.append(_cluster(articles, entities, places, config, state))

    # Credit lines ("according to TASS", "told CNN"): chains of quotes, and evidence of copying.
    attributions = timer.run("attributions", lambda: find_attributions(articles))
    quotes = (
        timer.run(
            "quotes", lambda: find_quotes(articles, entities, attributions, alongside=cluster)
        )
        if nlp.quotes
        else []
    )
    if not clustered:
        cluster()
    stories = clustered[0]
    events = (
        timer.run("events", lambda: find_events(articles, entities, places, progress=progress))
        if nlp.events
        else []
    )
    with timer.stage("provenance"):
        provenance = find_sources(
            articles, stories, config.provenance, progress, attributions=attributions
        )
        count_independent_sources(stories, provenance.groups)
    claims = (
        timer.run(
            "claims",
            lambda: find_claims(articles, stories, provenance.groups, places, quotes, progress),
        )
        if nlp.claims
        else []
    )
    if config.brief.enabled:
        timer.run(
            "brief",
            lambda: write_briefs(
                articles, stories, provenance.groups, claims, config.brief, progress, places
            ),
        )
    link_events(stories, events)
    total = time.perf_counter() - started
    main_rss, worker_rss = peak_rss_mb()
    return Report(
        generator=f"newsfuse {__version__}",
        created=datetime.now(UTC).isoformat(timespec="seconds"),
        inputs=[str(p) for p in paths],
        articles=articles,
        source_groups=provenance.groups,
        stories=stories,
        entities=entities,
        places=places,
        rejected=rejected,
        quotes=quotes,
        claims=claims,
        events=events,
        stats={
            "articles": len(articles),
            "rejected": len(rejected),
            "seconds": {
                **{k: round(v, 3) for k, v in timer.seconds.items()},
                "total": round(total, 3),
            },
            "peak_rss_mb": round(main_rss, 1),
            "peak_rss_worker_mb": round(worker_rss, 1),
            "embedder": embedder,  # the backend of every sentence embedding in the run
        },
    )


def _cluster(
    articles: Sequence[Article],
    entities: Sequence[Entity],
    places: Sequence[Place],
    config: Config,
    state: str | Path | None,
) -> list[Story]:
    story_state = StoryState.open(state, config.stories) if state is not None else None
    try:
        stories = cluster_stories(articles, entities, [], config.stories, state=story_state)
        event_places_first(stories, places)
    finally:
        if story_state is not None:
            story_state.close()
    return stories


def _load_later_models(config: Config) -> None:
    """What later stages load on first use, loaded while the entity workers tag, when this
    process would otherwise wait for them (their time counts in the entity stage): quantulum3's
    unit tables and compiled patterns (~2.4 s), the event classifier (fit on the shipped
    training sentences, ~0.8 s) and MiniLM."""
    nlp = config.nlp
    if nlp.claims:
        quantities.load()
    if nlp.events:
        EventClassifier.default()
    if nlp.claims or nlp.events or config.brief.enabled:
        load_embedder()


def link_events(stories: Sequence[Story], events: Sequence[Event]) -> None:
    """Each story lists the events its articles report, in date order (undated last)."""
    story_of = {aid: story for story in stories for aid in story.article_ids}
    for story in stories:
        story.event_ids = []
    for event in sorted(events, key=lambda e: (e.date is None, e.date or "", e.id)):
        story = story_of.get(event.article_id)
        if story is not None:
            story.event_ids.append(event.id)


def _gazetteer(config: Config) -> Gazetteer:
    nlp = config.nlp
    if not nlp.geonames:
        return Gazetteer.open()
    return Gazetteer.from_geonames(
        nlp.geonames, nlp.geonames_alternate_names, min_population=nlp.geonames_min_population
    )
