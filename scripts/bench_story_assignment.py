"""Story assignment throughput: articles/s placed among 1k … 100k live stories.

Features are computed first (not timed); the benchmark times only ``StoryIndex.add`` in stream
mode — finding the article's nearest articles and candidate stories through the inverted
indexes, scoring them, and every 50 arrivals consolidating the stories touched — for a stream of
new articles against an index already holding N live stories, for several N. Everything is generated in memory:

* a vocabulary of real English words (wordfreq's most frequent 30,000);
* each story has its own 40 topic words and 6 named entities (people, places, organizations);
* each article draws about 70 words, half from its story's topic words and half from general
  English by frequency, 2 of its story's 4 figures and one random figure, 4 of its story's
  entities and its story's event day as a resolved date; all articles fall within one week, so
  the time window prunes nothing (the worst case for the index).

Each timed stream holds 2,000 articles: 70% continue a live story, 30% start new ones. Which
live story an article continues is the ``--arrivals`` design:

* ``active`` (the default): news has a few hundred stories in motion at any time and a long tail
  of dormant ones. Continuing articles go to a pool of the ``--active`` (500) most recently
  started stories; a new story joins the pool and the oldest leaves it (goes dormant). The pool
  is the same size at every N, so the stories being added to grow alike at every N and only the
  number of dormant stories changes: the curve measures what the number of live stories costs.
* ``uniform``: continuing articles pick any live story at random. Then the same arrivals spread
  over 1k stories make those stories grow several times larger than over 100k, and a small
  index pays for examining large stories (consolidation re-places a story's members as it
  grows): the curve then follows story size, not story count. Kept to show that effect.

All sizes live in one process and are timed in interleaved rounds (one stream into each index
per round), so the shared machine's slow moments hit every size alike. Reported per N: median
µs/article over ``--repeats`` rounds, articles/s, how often an article landed in its own story
(so speed is not bought by giving up), and the median over rounds of its time ÷ the smallest
size's time in the same round.

    .venv/bin/python scripts/bench_story_assignment.py --sizes 1000,10000,100000 --repeats 5
    .venv/bin/python scripts/bench_story_assignment.py --arrivals uniform

``--compare threshold=0.6,neighbours=10`` also runs the same streams with those story settings
changed, interleaved with the shipped ones in the same rounds: two settings compared on the same
moments of a noisy machine.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import resource
import statistics
import sys
import time
from collections import deque
from collections.abc import Sequence

from newsfuse.config import StoriesConfig
from newsfuse.model import (
    Article,
    DateOrigin,
    DatePrecision,
    Entity,
    Mention,
    PublishedDate,
    TimeExpression,
    TimexType,
)
from newsfuse.stories import StoryIndex, article_features

LABELS = ("PERSON", "GPE", "ORG", "PERSON", "GPE", "FAC")
ARRIVALS = ("active", "uniform")


def vocabulary(size: int = 30_000) -> list[str]:
    from wordfreq import top_n_list

    return [w for w in top_n_list("en", size) if w.isalpha() and len(w) > 2]


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.words = vocabulary()
        # General words by frequency rank (Zipf-like), topic words from the rarer half.
        self.general_weights = [1.0 / (rank + 10) for rank in range(len(self.words))]
        self.rare = self.words[len(self.words) // 3 :]
        self.stories: list[tuple[list[str], list[str], list[str], str]] = []
        self.count = 0

    def new_story(self) -> int:
        topic = self.rng.sample(self.rare, 40)
        entities = [f"{self.rng.choice(self.rare).title()} {len(self.stories)}" for _ in range(6)]
        figures = [str(self.rng.randint(2, 5000)) for _ in range(4)]  # for the number channel
        event_day = f"2024-03-{self.rng.randint(8, 16):02d}"  # for the dates channel
        self.stories.append((topic, entities, figures, event_day))
        return len(self.stories) - 1

    def article(self, story: int) -> tuple[Article, list[Entity]]:
        topic, names, figures, event_day = self.stories[story]
        rng = self.rng
        words = rng.choices(topic, k=35) + rng.choices(self.words, self.general_weights, k=35)
        words += rng.sample(figures, 2) + [str(rng.randint(2, 5000))]
        rng.shuffle(words)
        self.count += 1
        article_id = f"a{self.count}"
        day = f"2024-03-{rng.randint(10, 16):02d}"
        article = Article(
            id=article_id,
            key=article_id,
            source_path="",
            format="text",
            outlet=None,
            url=None,
            title=" ".join(words[:8]),
            published=PublishedDate(day, DatePrecision.DAY, DateOrigin.RECORD),
            language="en",
            text=" ".join(words[8:]),
        )
        article.times = [TimeExpression(0, 1, "", TimexType.DATE, event_day, DatePrecision.DAY)]
        entities = [
            Entity(
                f"e{story}-{k}", names[k], LABELS[k], [names[k]], [Mention(article_id, 0, 1, "")]
            )
            for k in rng.sample(range(6), 4)
        ]
        return article, entities


def featurize(gen: Generator, stories: Sequence[int], config: StoriesConfig):
    items = [gen.article(s) for s in stories]
    articles = [a for a, _ in items]
    entities = [e for _, ents in items for e in ents]
    # as cluster_stories builds them: no dates vector where the channel has no weight
    return article_features(articles, entities, dates=bool(config.date_weight))


class LiveIndex:
    """One index holding ``live`` stories, and the bookkeeping to check where articles land."""

    def __init__(
        self,
        live: int,
        seed: int,
        config: StoriesConfig,
        *,
        arrivals: str = "active",
        active: int = 500,
    ) -> None:
        if arrivals not in ARRIVALS:
            raise ValueError(f"arrivals must be one of {', '.join(ARRIVALS)}, got {arrivals!r}")
        self.live = live
        self.arrivals = arrivals
        self.gen = Generator(seed)
        self.index = StoryIndex(config)
        self.config = config
        founders = featurize(self.gen, [self.gen.new_story() for _ in range(live)], config)
        self.story_of_article: dict[str, int] = {}
        for k, features in enumerate(founders):
            self.index.place(features, f"s{k}")
            self.story_of_article[features.article_id] = k
        # the live stories' articles know their neighbourhoods, as after a real stream
        self.index.estimate_neighbours(founders)
        # The stories in motion: the most recently started ones (``active`` design).
        self.active: deque[int] = deque(range(max(0, live - active), live), maxlen=active)
        self.timings: list[float] = []
        self.right = self.total = 0

    def _arrival(self) -> int:
        """The generated story of the next article: continuing or new."""
        rng = self.gen.rng
        if rng.random() >= 0.7:
            story = self.gen.new_story()
            self.active.append(story)  # the oldest active story goes dormant
            return story
        if self.arrivals == "uniform":
            return rng.randrange(len(self.gen.stories))
        return self.active[rng.randrange(len(self.active))]

    def stream(self, count: int) -> float:
        """Place ``count`` new articles; return seconds per article (features are not timed)."""
        gen = self.gen
        truth = [self._arrival() for _ in range(count)]
        batch = featurize(gen, truth, self.config)
        started = time.perf_counter()
        for features in batch:
            self.index.add(features)
        seconds = (time.perf_counter() - started) / count
        self.timings.append(seconds)
        for gold, features in zip(truth, batch, strict=True):
            # Where the article is at the end of the round: a consolidation after its arrival
            # may have merged the story it joined into another.
            members = self.index.stories[self.index.story_of[features.article_id]].members
            others = [self.story_of_article.get(m) for m in members if m != features.article_id]
            # Right: joined an existing story of its own, or founded one when its story was new.
            known = any(o is not None for o in others)
            self.right += (gold in others) if known else (gold >= self.live)
            self.total += 1
            self.story_of_article[features.article_id] = gold
        return seconds


def run_sizes(
    sizes: Sequence[int],
    stream: int,
    repeats: int,
    seed: int,
    config: StoriesConfig,
    **design: object,
) -> list[dict[str, float]]:
    """All sizes in one process, timed in interleaved rounds: each round places a stream into
    every index in turn, so a slow moment of the shared machine hits every size alike. The ratio
    of each size to the smallest is taken per round, then the median over rounds."""
    indexes = [LiveIndex(size, seed, config, **design) for size in sizes]
    ratios: list[list[float]] = [[] for _ in sizes]
    for _ in range(repeats):
        times = [index.stream(stream) for index in indexes]
        for k, seconds in enumerate(times):
            ratios[k].append(seconds / times[0])
    rows = []
    for index, size_ratios in zip(indexes, ratios, strict=True):
        median = statistics.median(index.timings)
        rows.append(
            {
                "live_stories": index.live,
                "us_per_article": round(1e6 * median, 1),
                "articles_per_s": round(1 / median, 1),
                "placed_right": round(index.right / index.total, 4),
                "ratio_to_smallest": round(statistics.median(size_ratios), 3),
            }
        )
    return rows


def compare(
    sizes: Sequence[int],
    stream: int,
    repeats: int,
    seed: int,
    configs: dict[str, StoriesConfig],
    **design: object,
) -> list[dict[str, object]]:
    """Each setting's indexes at every size, all streamed in the same interleaved rounds."""
    indexes = {
        (name, size): LiveIndex(size, seed, config, **design)
        for name, config in configs.items()
        for size in sizes
    }
    for _ in range(repeats):
        for index in indexes.values():
            index.stream(stream)
    return [
        {
            "settings": name,
            "live_stories": size,
            "articles_per_s": round(1 / statistics.median(index.timings), 1),
            "placed_right": round(index.right / index.total, 4),
        }
        for (name, size), index in indexes.items()
    ]


def _settings(text: str) -> dict[str, float]:
    changed = {}
    for item in filter(None, text.split(",")):
        name, _, value = item.partition("=")
        changed[name.strip()] = float(value) if "." in value else int(value)
    return changed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,3000,10000,30000,100000")
    parser.add_argument("--stream", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--compare", help="story settings NAME=VALUE,… to compare, interleaved")
    parser.add_argument("--arrivals", choices=ARRIVALS, default="active")
    parser.add_argument("--active", type=int, default=500, help="stories in motion (active)")
    args = parser.parse_args(argv)
    design = {"arrivals": args.arrivals, "active": args.active}
    config = StoriesConfig(mode="stream")
    if args.compare:
        other = dataclasses.replace(config, **_settings(args.compare))
        sizes = sorted({int(s) for s in args.sizes.split(",") if s})
        rows = compare(
            sizes,
            args.stream,
            args.repeats,
            args.seed,
            {"shipped": config, args.compare: other},
            **design,
        )
        for row in rows:
            print(
                f"{row['settings']:>40} {row['live_stories']:>8} {row['articles_per_s']:>8.0f} "
                f"{row['placed_right']:>6.3f}"
            )
        print(json.dumps({"benchmark": "story-assignment-compare", **design, "rows": rows}))
        return 0
    sizes = sorted({int(s) for s in args.sizes.split(",") if s})
    rows = run_sizes(sizes, args.stream, args.repeats, args.seed, config, **design)
    peak = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(f"{'live':>8} {'us/art':>8} {'art/s':>8} {'right':>6} {'ratio':>6}")
    for row in rows:
        print(
            f"{row['live_stories']:>8} {row['us_per_article']:>8.0f} {row['articles_per_s']:>8.0f} "
            f"{row['placed_right']:>6.3f} {row['ratio_to_smallest']:>6.2f}"
        )
    print(f"peak RSS {peak:.0f} MB (all indexes and their generated articles in one process)")
    print(
        json.dumps(
            {
                "benchmark": "story-assignment",
                "stream": args.stream,
                **design,
                "rows": rows,
                "peak_rss_mb": peak,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
