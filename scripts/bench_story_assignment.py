"""Story assignment throughput: articles/s placed among 1k … 100k live stories.

Features are computed first (not timed); the benchmark times only ``StoryIndex.add`` — finding
candidate stories through the inverted index and scoring them — for a stream of new articles
against an index already holding N live stories, for several N. Everything is generated in memory:

* a vocabulary of real English words (wordfreq's most frequent 30,000);
* each story has its own 40 topic words and 6 named entities (people, places, organizations);
* each article draws about 70 words, half from its story's topic words and half from general
  English by frequency, and 4 of its story's entities; all articles fall within one week, so the
  time window prunes nothing (the worst case for the index).

The stream that is timed holds 2,000 articles: 70% continue a random live story, 30% start new
ones. Reported per N: median µs/article over ``--repeats`` streams, articles/s, how often an
article landed in its own story (so speed is not bought by giving up), and the ratio of each
size's time to the smallest size's.

    .venv/bin/python scripts/bench_story_assignment.py --sizes 1000,10000,100000 --repeats 3
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import time
from collections.abc import Sequence

from newsfuse.config import StoriesConfig
from newsfuse.model import Article, DateOrigin, DatePrecision, Entity, Mention, PublishedDate
from newsfuse.stories import StoryIndex, article_features

LABELS = ("PERSON", "GPE", "ORG", "PERSON", "GPE", "FAC")


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
        self.stories: list[tuple[list[str], list[str]]] = []
        self.count = 0

    def new_story(self) -> int:
        topic = self.rng.sample(self.rare, 40)
        entities = [f"{self.rng.choice(self.rare).title()} {len(self.stories)}" for _ in range(6)]
        self.stories.append((topic, entities))
        return len(self.stories) - 1

    def article(self, story: int) -> tuple[Article, list[Entity]]:
        topic, names = self.stories[story]
        rng = self.rng
        words = rng.choices(topic, k=35) + rng.choices(self.words, self.general_weights, k=35)
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
        entities = [
            Entity(
                f"e{story}-{k}", names[k], LABELS[k], [names[k]], [Mention(article_id, 0, 1, "")]
            )
            for k in rng.sample(range(6), 4)
        ]
        return article, entities


def featurize(gen: Generator, stories: Sequence[int]):
    items = [gen.article(s) for s in stories]
    articles = [a for a, _ in items]
    entities = [e for _, ents in items for e in ents]
    return article_features(articles, entities)


def run_size(
    live: int, stream: int, repeats: int, seed: int, config: StoriesConfig
) -> dict[str, float]:
    gen = Generator(seed)
    index = StoryIndex(config)
    founders = featurize(gen, [gen.new_story() for _ in range(live)])
    story_of_article: dict[str, int] = {}
    for k, features in enumerate(founders):
        index.place(features, f"s{k}")
        story_of_article[features.article_id] = k
    timings, right, total = [], 0, 0
    for _ in range(repeats):
        truth = [
            gen.rng.randrange(len(gen.stories)) if gen.rng.random() < 0.7 else gen.new_story()
            for _ in range(stream)
        ]
        batch = featurize(gen, truth)  # features first: not timed
        started = time.perf_counter()
        placed = [index.add(f) for f in batch]
        timings.append((time.perf_counter() - started) / stream)
        for story_id, gold, features in zip(placed, truth, batch, strict=True):
            members = index.stories[story_id].members
            others = [story_of_article.get(m) for m in members if m != features.article_id]
            # Right: joined an existing story of its own, or founded one when its story was new.
            right += (gold in others) if any(o is not None for o in others) else (gold >= live)
            total += 1
            story_of_article[features.article_id] = gold
    median = statistics.median(timings)
    return {
        "live_stories": live,
        "us_per_article": round(1e6 * median, 1),
        "articles_per_s": round(1 / median, 1),
        "placed_right": round(right / total, 4),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,3000,10000,30000,100000")
    parser.add_argument("--stream", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    config = StoriesConfig()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    print(f"{'live':>8} {'us/art':>8} {'art/s':>8} {'right':>6} {'ratio':>6} {'RSS MB':>7}")
    rows = []
    for size in sizes:
        row = run_size(size, args.stream, args.repeats, args.seed, config)
        row["ratio_to_smallest"] = round(
            row["us_per_article"] / (rows or [row])[0]["us_per_article"], 3
        )
        rows.append(row)
        print(
            f"{size:>8} {row['us_per_article']:>8.0f} {row['articles_per_s']:>8.0f} "
            f"{row['placed_right']:>6.3f} {row['ratio_to_smallest']:>6.2f} {row['peak_rss_mb']:>7.0f}",
            flush=True,
        )
    print(json.dumps({"benchmark": "story-assignment", "stream": args.stream, "rows": rows}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
