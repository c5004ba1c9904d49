"""Live stories and the one routine that places articles among them, batch or streaming.

Each live story keeps the SUM of its members' (L2-normalized) feature vectors, so the average
similarity of an article to every member of a story — average link — is one sparse dot product
divided by the story's size, and the average similarity between two stories is the dot product
of their sums divided by both sizes. Leaving an article out of its own story (to ask whether it
still belongs) subtracts its own squared norm, 1.

Similarities are read relative to the articles' neighbourhoods (local scaling, ``neighbours``
in the settings): the raw average similarity times the mean of the article's and the members'
inverse local scales, a local scale being an article's mean similarity to its nearest
neighbours. A story keeps the sum of its members' inverse scales, so this stays one dot product
per story. A batch run measures every neighbourhood on the whole batch before placing anything
(:meth:`StoryIndex.estimate_neighbours`); a stream learns them as articles arrive.

Candidate stories come from an inverted index: each article's strongest words and entities post
its story; a term keeps only the ``postings_cap`` stories that used it most recently. An article
looks up its own strongest terms and scores only the ``candidates`` stories that share the most of
them, so placing an article costs the same with a thousand live stories as with a hundred
thousand (BENCHMARKS.md, issue 4).

* :meth:`StoryIndex.add` — streaming: the article joins the candidate story with the highest
  (time-decayed) average similarity if it reaches the threshold, else founds a story.
* :meth:`StoryIndex.consolidate` — what a batch run adds after streaming its articles in
  publication order: stories whose average similarity reaches the threshold merge, and articles
  that now fit another story better move (or, fitting none, split off). Stories merge and split as
  evidence accumulates; the same routine runs after each incremental batch over a stored state.

Story ids are stable: a story is named after the article that founded it, and when two stories
merge the older name survives.
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain

from newsfuse.config import StoriesConfig
from newsfuse.model import stable_id
from newsfuse.stories.features import StoryFeatures, Vector

__all__ = ["LiveStory", "StoryIndex", "dot"]

_FIELDS = ("text", "entities", "lead", "numbers", "dates")
_MIN_SPLIT = 2  # a split leaves at least this many articles on each side
_BISECT_ROUNDS = 4
_MOVE_MARGIN = 0.02  # an article moves only when another story fits it clearly better
# A story is examined whole (bisected, every member re-placed) once it has the articles to split
# in two, and again each time it has grown by a quarter since.
_MIN_EXAMINED = 2 * _MIN_SPLIT
_REGROWTH = 1.25
_STORY_QUERY_TERMS = 24
_LOOKUP_BUDGET = 128  # posted stories looked at per lookup
# Stories a story is compared with for a merge. Stories that belong together share most of
# their strongest terms, so they come early among those sharing the most: on ECB+ 4 merge what
# 24 do, on Clust-McMs 12 do and 8 miss one merge. Each comparison is a dot product of two
# story sums, the dearest kind, and a stream makes one lookup per touched story.
_MERGE_CANDIDATES = 12
# The lowest local similarity scale: an article with no close neighbour at all is not made to
# look close to its loosest match.
_SCALE_FLOOR = 0.2
_NEIGHBOUR_SLACK = 2


def dot(a: Vector, b: Vector) -> float:
    # The innermost loop of placing an article, and most terms of an article are absent from
    # most candidate stories: the shared keys are found by the key views' intersection, in C
    # (about 1.6x faster than a Python loop over the smaller vector). fsum makes the result
    # independent of the set's iteration order, which changes with the string hash seed.
    shared = a.keys() & b.keys()
    if not shared:
        return 0.0
    return math.fsum([a[key] * b[key] for key in shared])


def _keep_nearest(nearest: dict[str, float], article_id: str, similarity: float, k: int) -> bool:
    """Offer a neighbour to a top-``k`` map; True when the map changed."""
    if article_id in nearest or k <= 0:
        return False
    if len(nearest) >= k:
        weakest = min(nearest, key=nearest.__getitem__)
        if nearest[weakest] >= similarity:
            return False
        del nearest[weakest]
    nearest[article_id] = similarity
    return True


def _add_into(total: Vector, vector: Vector, sign: float = 1.0) -> None:
    for key, value in vector.items():
        updated = total.get(key, 0.0) + sign * value
        if sign < 0 and abs(updated) < 1e-12:
            total.pop(key, None)
        else:
            total[key] = updated


class LiveStory:
    """A story being built: its members and the sums of their feature vectors.

    A story of one article borrows that article's vectors instead of copying them (most stories
    in a stream stay single articles, and this halves the memory they take); the sums are copied
    the first time they change.
    """

    __slots__ = (
        "_borrowed",
        "_terms",
        "dates",
        "entities",
        "examined",
        "id",
        "inverse_scales",
        "lead",
        "members",
        "numbers",
        "seq",
        "text",
    )

    def __init__(self, story_id: str, seq: int) -> None:
        self.id = story_id
        self.seq = seq  # creation order: the older story's id survives a merge
        self.members: list[str] = []
        self.text: Vector = {}
        self.lead: Vector = {}
        self.entities: Vector = {}
        self.numbers: Vector = {}
        self.dates: Vector = {}
        self._terms: Counter[str] | list[str] = Counter()  # members' query terms
        self._borrowed = False
        # Sum of the members' inverse local scales (kept by the index, which knows the scales).
        self.inverse_scales = 0.0
        self.examined = 0  # size when consolidation last examined the whole story

    @property
    def size(self) -> int:
        return len(self.members)

    def term_counts(self) -> Counter[str]:
        """How many members use each query term (for story-to-story lookups)."""
        if not isinstance(self._terms, Counter):
            self._terms = Counter(self._terms)
        return self._terms

    def add(self, features: StoryFeatures) -> None:
        if not self.members:
            self.members.append(features.article_id)
            for name in _FIELDS:
                setattr(self, name, getattr(features, name))
            self._terms = features.query_terms
            self._borrowed = True
            return
        self._own()
        self.members.append(features.article_id)
        for name in _FIELDS:
            _add_into(getattr(self, name), getattr(features, name))
        self.term_counts().update(features.query_terms)

    def remove(self, features: StoryFeatures) -> None:
        self._own()
        self.members.remove(features.article_id)
        for name in _FIELDS:
            _add_into(getattr(self, name), getattr(features, name), -1.0)
        terms = self.term_counts()
        terms.subtract(features.query_terms)
        self._terms = +terms

    def absorb(self, other: LiveStory) -> None:
        self._own()
        self.members.extend(other.members)
        self.inverse_scales += other.inverse_scales
        for name in _FIELDS:
            _add_into(getattr(self, name), getattr(other, name))
        self.term_counts().update(other.term_counts())

    def _own(self) -> None:
        if self._borrowed:
            for name in _FIELDS:
                setattr(self, name, dict(getattr(self, name)))
            self._terms = Counter(self._terms)
            self._borrowed = False


class StoryIndex:
    """Live stories, their inverted index, and the assignment routine shared by batch and stream."""

    def __init__(self, config: StoriesConfig = StoriesConfig(), *, postings_cap: int = 32) -> None:
        self.config = config
        self.threshold = config.similarity_threshold
        self.half_life = config.decay_days
        self.weights = config.channel_weights
        self._channels = [(name, w) for name, w in self.weights.items() if w]
        self.postings_cap = postings_cap
        self.neighbours = config.neighbours
        # Every article as a story of its own: where nearest neighbours are looked up. A lookup
        # scores only a couple more articles than it keeps (those sharing the most terms).
        self._singles = (
            StoryIndex(
                dataclasses.replace(
                    config, neighbours=0, candidates=config.neighbours + _NEIGHBOUR_SLACK
                ),
                postings_cap=postings_cap,
            )
            if self.neighbours
            else None
        )
        self.stories: dict[str, LiveStory] = {}
        self.story_of: dict[str, str] = {}
        self.features: dict[str, StoryFeatures] = {}
        self._days: dict[str, tuple[int, int]] = {}  # story id -> (first day, last day)
        self._postings: dict[str, dict[str, None]] = {}
        self._touched: set[str] = set()  # stories that gained articles since consolidation
        self._seq = 0
        self._arrivals = 0

    # ---------------------------------------------------------------- queries

    def __len__(self) -> int:
        return len(self.stories)

    def __iter__(self) -> Iterator[LiveStory]:
        return iter(self.stories.values())

    def span(self, story_id: str) -> tuple[int, int] | None:
        return self._days.get(story_id)

    def similarity(
        self, features: StoryFeatures, story: LiveStory, *, leave_out: bool = False
    ) -> float:
        """Time-decayed average similarity of an article to a story's members (itself excluded
        with ``leave_out``), read relative to the local scales of both (see ``neighbours``)."""
        raw = self.raw_similarity(features, story, leave_out=leave_out)
        return self._scaled(features, story, raw, leave_out=leave_out)

    def raw_similarity(
        self, features: StoryFeatures, story: LiveStory, *, leave_out: bool = False
    ) -> float:
        """Time-decayed average similarity of an article to a story's members."""
        size = story.size - (1 if leave_out else 0)
        if size <= 0:
            return 0.0
        score = weight = 0.0
        for name, w in self._channels:
            vector = getattr(features, name)
            if not vector:
                continue
            shared = dot(vector, getattr(story, name)) - (1.0 if leave_out else 0.0)
            score += w * shared / size
            weight += w
        if not weight:
            return 0.0
        return (score / weight) * self._decay(features.day, self._days.get(story.id))

    def inverse_scale(self, features: StoryFeatures) -> float:
        """1 / the article's local similarity scale: the mean of its ``neighbours`` strongest
        similarities (missing ones count as 0), never below the floor."""
        k = self.neighbours
        if not k:
            return 1.0
        return 1.0 / max(sum(features.neighbours.values()) / k, _SCALE_FLOOR)

    def _scaled(
        self, features: StoryFeatures, story: LiveStory, raw: float, *, leave_out: bool = False
    ) -> float:
        # Mean of the two directions: the similarity relative to the article's own scale and
        # relative to the members' scales (their mean inverse scale, which the story sums).
        if not self.neighbours or raw <= 0.0:
            return raw
        own = self.inverse_scale(features)
        size = story.size - (1 if leave_out else 0)
        members = (story.inverse_scales - (own if leave_out else 0.0)) / size
        return raw * (own + members) / 2.0

    def story_similarity(self, a: LiveStory, b: LiveStory) -> float:
        """Average similarity between the members of two stories, decayed by the gap between them."""
        score = weight = 0.0
        for name, w in self._channels:
            sum_a, sum_b = getattr(a, name), getattr(b, name)
            if not sum_a or not sum_b:
                continue
            score += w * dot(sum_a, sum_b) / (a.size * b.size)
            weight += w
        if not weight:
            return 0.0
        score /= weight
        if self.neighbours:
            score *= (a.inverse_scales / a.size + b.inverse_scales / b.size) / 2.0
        span_a, span_b = self._days.get(a.id), self._days.get(b.id)
        if span_a is None or span_b is None:
            return score
        apart = max(0, span_b[0] - span_a[1], span_a[0] - span_b[1])
        return score * self._decay_factor(apart)

    def _decay(self, day: int | None, span: tuple[int, int] | None) -> float:
        if day is None or span is None:
            return 1.0
        return self._decay_factor(max(0, span[0] - day, day - span[1]))

    def _decay_factor(self, days_apart: int) -> float:
        """1 within a day; halves every ``half_life`` days after that."""
        return 0.5 ** (max(days_apart - 1, 0) / self.half_life)

    def candidates(
        self,
        terms: Iterable[str],
        day: int | None,
        *,
        exclude: str | None = None,
        limit: int | None = None,
    ) -> list[LiveStory]:
        """Live stories sharing the most of ``terms``, within the time window of ``day``."""
        postings = self._postings
        # Terms come strongest first; stop once enough posted stories have been seen, so a
        # lookup costs the same however many stories share the common words.
        lists, seen = [], 0
        for term in terms:
            posted = postings.get(term)
            if posted:
                lists.append(posted)
                seen += len(posted)
                if seen >= _LOOKUP_BUDGET:
                    break
        hits = Counter(chain.from_iterable(lists))
        out = []
        window = self.config.candidate_window_days
        limit = limit or self.config.candidates
        # Twice the needed stories, so a few outside the window or merged away do not starve it.
        for story_id, _ in hits.most_common(2 * limit):
            story = self.stories.get(story_id)
            if story is None or story_id == exclude:
                continue
            span = self._days.get(story_id)
            if (
                day is not None
                and span is not None
                and (day - span[1] > window or span[0] - day > window)
            ):
                continue
            out.append(story)
            if len(out) >= limit:
                break
        return out

    def best_story(
        self, features: StoryFeatures, *, exclude: str | None = None
    ) -> tuple[LiveStory | None, float]:
        scored = self._scored_candidates(features, exclude=exclude)
        return self._best(features, scored)

    def _scored_candidates(
        self, features: StoryFeatures, *, exclude: str | None = None
    ) -> list[tuple[LiveStory, float]]:
        """Candidate stories with the article's raw similarity to each."""
        return [
            (story, self.raw_similarity(features, story))
            for story in self.candidates(features.query_terms, features.day, exclude=exclude)
        ]

    def _best(
        self, features: StoryFeatures, scored: list[tuple[LiveStory, float]]
    ) -> tuple[LiveStory | None, float]:
        best, best_score = None, -1.0
        for story, raw in scored:
            score = self._scaled(features, story, raw)
            if score > best_score:
                best, best_score = story, score
        return best, best_score

    def estimate_neighbours(self, batch: Sequence[StoryFeatures]) -> None:
        """Batch runs: find every article's nearest neighbours among the whole batch and the live
        stories' articles before any article is placed — what a stream learns only as its
        articles arrive."""
        if not self.neighbours:
            return
        for features in batch:
            self._remember(features)
        for features in batch:
            self._learn_neighbours(features)

    def _remember(self, features: StoryFeatures) -> None:
        """Make the article findable as a neighbour (once)."""
        if self._singles is not None and features.article_id not in self._singles.features:
            self._singles.place(features, features.article_id)

    def _learn_neighbours(self, features: StoryFeatures) -> None:
        """Set the article's nearest neighbours among the articles seen so far (each article a
        story of its own in ``_singles``, found through the same inverted index) and offer it
        as a neighbour to them: their local scales, and their stories' sums, move with it."""
        k = self.neighbours
        singles = self._singles
        assert singles is not None  # there are neighbours to learn only with local scaling on
        own_before = self.inverse_scale(features)
        found = singles._scored_candidates(features, exclude=features.article_id)
        for other, raw in found:
            if raw <= 0.0:
                continue
            _keep_nearest(features.neighbours, other.id, raw, k)
            known = singles.features[other.id]
            before = self.inverse_scale(known)
            if _keep_nearest(known.neighbours, features.article_id, raw, k):
                self._rescaled(known, before)
        self._rescaled(features, own_before)  # placed already: a stored state, or by hand

    def _rescaled(self, features: StoryFeatures, before: float) -> None:
        """The article's local scale moved (its inverse was ``before``): keep its story's sum of
        inverse scales true, if it is in a story yet."""
        story_id = self.story_of.get(features.article_id)
        if story_id is not None:
            self.stories[story_id].inverse_scales += self.inverse_scale(features) - before

    # ---------------------------------------------------------------- updates

    def add(self, features: StoryFeatures, *, learn_neighbours: bool = True) -> str:
        """Streaming: place one article; return its story id. ``learn_neighbours=False`` when
        :meth:`estimate_neighbours` has already seen the article's batch."""
        if features.article_id in self.story_of:
            raise ValueError(f"article {features.article_id} is already placed")
        self.features[features.article_id] = features
        if self.neighbours and learn_neighbours:
            self._learn_neighbours(features)
        story, score = self.best_story(features)
        if story is None or score < self.threshold:
            story = self._new_story(features.article_id)
        self._join(features, story)
        self._touched.add(story.id)
        self._arrivals += 1
        every = self.config.consolidate_every
        if self.config.mode == "stream" and every and self._arrivals % every == 0:
            self.consolidate()
        return self.story_of[features.article_id]

    def place(self, features: StoryFeatures, story_id: str) -> None:
        """Put an article into a known story (restoring a stored state)."""
        self.features[features.article_id] = features
        story = self.stories.get(story_id)
        if story is None:
            story = LiveStory(story_id, self._seq)
            self._seq += 1
            self.stories[story_id] = story
        self._join(features, story)

    def consolidate(self, rounds: int = 3) -> int:
        """Merge stories that belong together, split stories that are two, and move articles
        that fit elsewhere; returns the number of merges, splits and moves.

        Only stories that gained articles since the last consolidation are examined, then only
        those the previous round changed: an incremental run over a stored state costs what its
        new articles touch, not the size of the state. A story is examined whole (bisected, and
        every member asked whether another story fits it better) once it has four articles, and
        again only once it has grown by a quarter since: a stream that keeps adding to one large
        story pays for it in proportion to what it adds. Each article was placed in the best
        candidate story when it arrived.
        """
        dirty, self._touched = self._touched, set()
        total = 0
        for _ in range(rounds):
            dirty &= self.stories.keys()
            if not dirty:
                break
            changed: set[str] = set()
            total += self._merge_pass(dirty, changed)
            due = [
                self.stories[story_id]
                for story_id in sorted(dirty | changed)
                if story_id in self.stories and self._due(self.stories[story_id])
            ]
            movers = {member for story in due for member in story.members}
            for story in due:
                story.examined = story.size
            total += self._split_pass({story.id for story in due}, changed)
            total += self._reassign_pass(movers, changed)
            dirty = changed
        return total

    @staticmethod
    def _due(story: LiveStory) -> bool:
        return story.size >= max(_MIN_EXAMINED, _REGROWTH * story.examined)

    def _new_story(self, founder: str) -> LiveStory:
        story_id = stable_id("story", founder)
        while story_id in self.stories:  # the founder left the story it once founded
            story_id = stable_id("story", founder, story_id)
        story = LiveStory(story_id, self._seq)
        self._seq += 1
        self.stories[story_id] = story
        return story

    def _join(self, features: StoryFeatures, story: LiveStory) -> None:
        self._remember(features)
        self._add_member(story, features)
        self.story_of[features.article_id] = story.id
        self._extend_span(story.id, features.day)
        self._post(features.query_terms, story.id)

    def _extend_span(self, story_id: str, day: int | None) -> None:
        if day is None:
            return
        span = self._days.get(story_id)
        self._days[story_id] = (
            (day, day) if span is None else (min(span[0], day), max(span[1], day))
        )

    def _recompute_span(self, story: LiveStory) -> None:
        days = [d for m in story.members if (d := self.features[m].day) is not None]
        if days:
            self._days[story.id] = (min(days), max(days))
        else:
            self._days.pop(story.id, None)

    def _post(self, terms: Iterable[str], story_id: str) -> None:
        cap = self.postings_cap
        for term in terms:
            posted = self._postings.setdefault(term, {})
            posted.pop(story_id, None)  # re-inserting makes it the most recent
            posted[story_id] = None
            if len(posted) > cap:
                del posted[next(iter(posted))]

    def _merge_pass(self, dirty: set[str], changed: set[str]) -> int:
        pairs = {}
        for story_id in sorted(dirty):
            story = self.stories[story_id]
            terms = [t for t, _ in story.term_counts().most_common(_STORY_QUERY_TERMS)]
            span = self._days.get(story.id)
            for other in self.candidates(
                terms, span[1] if span else None, exclude=story.id, limit=_MERGE_CANDIDATES
            ):
                a, b = (story, other) if story.seq < other.seq else (other, story)
                if (a.id, b.id) not in pairs:
                    score = self.story_similarity(a, b)
                    if score >= self.threshold:
                        pairs[(a.id, b.id)] = (score, a.seq, b.seq)
        touched: set[str] = set()
        merged = 0
        for (a_id, b_id), _ in sorted(pairs.items(), key=lambda kv: (-kv[1][0], kv[1][1:])):
            if a_id in touched or b_id in touched:
                continue  # re-scored in the next round, with the merged sums
            self._merge(self.stories[a_id], self.stories[b_id])
            touched.update((a_id, b_id))
            changed.add(a_id)  # the older story (a) keeps its id
            merged += 1
        return merged

    def _merge(self, keep: LiveStory, gone: LiveStory) -> None:
        if gone.seq < keep.seq:
            keep, gone = gone, keep
        keep.absorb(gone)
        for member in gone.members:
            self.story_of[member] = keep.id
        del self.stories[gone.id]
        gone_span = self._days.pop(gone.id, None)
        if gone_span:
            self._extend_span(keep.id, gone_span[0])
            self._extend_span(keep.id, gone_span[1])
        self._post(list(gone.term_counts()), keep.id)

    def _reassign_pass(self, articles: set[str], changed: set[str]) -> int:
        moved = 0
        for article_id in sorted(articles, key=self._time_key):
            features = self.features[article_id]
            own = self.stories[self.story_of[article_id]]
            stay = self.similarity(features, own, leave_out=True) if own.size > 1 else -1.0
            other, score = self.best_story(features, exclude=own.id)
            if other is not None and score >= self.threshold and score > stay + _MOVE_MARGIN:
                target = other
            elif own.size > 1 and stay < self.threshold and own.members[0] != article_id:
                target = self._new_story(article_id)  # splits off; the founder keeps the name
            else:
                continue
            self._move(features, own, target)
            changed.update((own.id, target.id))
            moved += 1
        return moved

    def _split_pass(self, stories: set[str], changed: set[str]) -> int:
        """Split stories that are two stories: bisect each (two seeds, the member most typical
        of the story and the member least like that one, then members go to the closer half a
        few times over) and keep the split when the halves' average similarity is below the
        threshold."""
        split = 0
        for story_id in sorted(stories):
            story = self.stories.get(story_id)
            if story is None or story.size < 2 * _MIN_SPLIT:
                continue
            halves = self._bisect(story)
            if halves is None:
                continue
            keep, leave = halves
            if story.members[0] in leave:
                keep, leave = leave, keep
            target = None
            for article_id in sorted(leave, key=self._time_key):
                features = self.features[article_id]
                if target is None:
                    target = self._new_story(article_id)
                self._move(features, self.stories[story_id], target)
            assert target is not None
            changed.update((story_id, target.id))
            split += 1
        return split

    def _bisect(self, story: LiveStory) -> tuple[list[str], list[str]] | None:
        """Two halves of a story, or None when it does not fall in two."""
        members = [self.features[m] for m in story.members]
        typical = [self.raw_similarity(f, story, leave_out=True) for f in members]
        first = members[typical.index(max(typical))]
        seed = self._scratch_story([first])
        apart = [self.raw_similarity(f, seed) if f is not first else 2.0 for f in members]
        halves: list[list[StoryFeatures]] = [[first], [members[apart.index(min(apart))]]]
        for _ in range(_BISECT_ROUNDS):
            parts = [self._scratch_story(half) for half in halves]
            sides = [{f.article_id for f in half} for half in halves]
            regrouped: list[list[StoryFeatures]] = [[], []]
            for f in members:
                fits = [
                    self._fit(f, part, f.article_id in side)
                    for part, side in zip(parts, sides, strict=True)
                ]
                regrouped[0 if fits[0] >= fits[1] else 1].append(f)
            if min(len(half) for half in regrouped) < _MIN_SPLIT:
                return None
            if regrouped == halves:
                break
            halves = regrouped
        parts = [self._scratch_story(half) for half in halves]
        if self.story_similarity(parts[0], parts[1]) >= self.threshold:
            return None
        return [f.article_id for f in halves[0]], [f.article_id for f in halves[1]]

    def _fit(self, features: StoryFeatures, part: LiveStory, inside: bool) -> float:
        if inside and part.size == 1:
            return math.inf  # a seed alone in its half stays there
        return self.similarity(features, part, leave_out=inside)

    def _scratch_story(self, members: Iterable[StoryFeatures]) -> LiveStory:
        """An unregistered story of these articles (no span: no time decay inside a story)."""
        story = LiveStory("", -1)
        for features in members:
            self._add_member(story, features)
        return story

    def _add_member(self, story: LiveStory, features: StoryFeatures) -> None:
        story.add(features)
        story.inverse_scales += self.inverse_scale(features)

    def _move(self, features: StoryFeatures, source: LiveStory, target: LiveStory) -> None:
        source.remove(features)
        source.inverse_scales -= self.inverse_scale(features)
        if source.size == 0:
            del self.stories[source.id]
            self._days.pop(source.id, None)
        else:
            self._recompute_span(source)
        self._join(features, target)

    def _time_key(self, article_id: str) -> tuple[int, int, str]:
        day = self.features[article_id].day
        return (day is None, day or 0, article_id)
