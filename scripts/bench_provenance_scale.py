"""Scale benchmark for copy families: MinHash LSH -> exact verification -> relation -> families.

Builds >= 100,000 articles in memory (nothing is written to disk) by mutating the real Timeline17
articles: each real article is the origin of one family; its copies drop, reorder and reword
sentences, swap synonyms, add boilerplate lines, datelines and footers, and get truncated. Some
families are hard (heavy rewording + truncation). Reports pairwise and BCubed family precision and
recall, articles/s of the MinHash stage and of the whole run, peak RSS, and time per article at
several corpus sizes; ends with one JSON line.

    .venv/bin/python scripts/bench_provenance_scale.py --articles 100000 --seed 0 \
        --sizes 10000,25000,50000,100000

Timeline17 articles of one topic genuinely overlap (one outlet's updates reuse paragraphs), so
"raw" precision counts those real near-duplicates as errors; "source-merged" first merges the gold
families whose ORIGINALS the same detector links (and reports how many such original pairs exist).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsfuse.config import ProvenanceConfig
from newsfuse.model import Article, ArticleRelation, DateOrigin, DatePrecision, PublishedDate
from newsfuse.provenance.families import UnionFind, build_families
from newsfuse.provenance.lexical import lexical_families

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "timeline17"

SYNONYMS = {
    "said": "stated",
    "says": "states",
    "told": "informed",
    "company": "firm",
    "big": "large",
    "large": "big",
    "government": "administration",
    "officials": "authorities",
    "people": "persons",
    "killed": "left dead",
    "help": "assist",
    "began": "started",
    "started": "began",
    "announced": "unveiled",
    "increase": "rise",
    "rise": "increase",
    "cut": "reduce",
    "bank": "lender",
    "banks": "lenders",
    "oil": "crude",
    "spill": "leak",
    "leak": "spill",
    "president": "leader",
    "country": "nation",
    "week": "seven days",
    "show": "indicate",
    "shows": "indicates",
    "also": "additionally",
    "but": "however",
    "after": "following",
    "before": "prior to",
    "about": "around",
    "more": "further",
    "many": "numerous",
    "city": "town",
    "money": "funds",
    "buy": "purchase",
    "need": "require",
    "try": "attempt",
    "quickly": "rapidly",
    "important": "key",
    "month": "four weeks",
    "attack": "assault",
    "reported": "revealed",
    "death": "fatality",
    "deaths": "fatalities",
    "workers": "staff",
    "disease": "illness",
    "virus": "pathogen",
    "cases": "infections",
    "new": "fresh",
    "old": "former",
    "plan": "scheme",
    "chief": "head",
    "state": "region",
    "well": "wellhead",
}
BOILERPLATE = [
    "Click here to subscribe to our daily newsletter.",
    "Copyright {year} All rights reserved. This material may not be published or redistributed.",
    "Share this article on Facebook Twitter Email",
    "Advertisement",
    "Related: more coverage of this story on our live blog",
    "Reporting by {name}; Editing by {name2}",
    "Follow us for breaking news alerts on your phone.",
    "Read more: the latest updates as they happen",
]
DATELINES = ["WASHINGTON (AP) --", "LONDON (Reuters) -", "NEW YORK, {day} (AFP) -", "UPDATED:", ""]
NAMES = ["Ana Silva", "Tom Baker", "Lee Chen", "Ravi Patel", "Mia Novak", "Omar Haddad"]
_SYN_RE = re.compile(r"\b(" + "|".join(map(re.escape, SYNONYMS)) + r")\b")


@dataclass(slots=True)
class Original:
    topic: str
    date: str
    text: str


@dataclass(slots=True)
class Corpus:
    texts: list[str]
    labels: np.ndarray  # gold family = index of the original
    dates: list[str]
    originals: list[int]  # corpus index of each family's original, by family label
    hard: np.ndarray  # whether the article is a hard copy


def load_originals(root: Path) -> list[Original]:
    out = []
    for path in sorted(root.glob("*/InputDocs/*/*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace").strip()
        if text:
            out.append(Original(path.parts[-4], path.parent.name, text))
    return out


def _reword(sentence: str, rng: random.Random, p_swap: float, p_edit: float) -> str:
    sentence = _SYN_RE.sub(
        lambda m: SYNONYMS[m.group(1)] if rng.random() < p_swap else m.group(1), sentence
    )
    if p_edit and rng.random() < p_edit:
        words = sentence.split()
        if len(words) > 6:
            k = rng.randrange(len(words))
            op = rng.random()
            if op < 0.4:
                del words[k]
            elif op < 0.7:
                words.insert(k, rng.choice(["reportedly", "also", "now", "still", "indeed"]))
            else:
                j = min(len(words) - 1, k + 1)
                words[k], words[j] = words[j], words[k]
            sentence = " ".join(words)
    return sentence


def mutate(text: str, rng: random.Random, hard: bool) -> str:
    """A copy of ``text``: dropped/reordered/reworded sentences, boilerplate, truncation."""
    sentences = [s for s in text.splitlines() if s.strip()]
    if hard:
        p_drop, p_swap, p_edit, keep = 0.15, 0.7, 0.6, rng.uniform(0.5, 0.8)
    else:
        p_drop = rng.choice([0.0, 0.05, 0.1, 0.2])
        p_swap, p_edit = rng.choice([0.0, 0.2, 0.4]), rng.choice([0.0, 0.1, 0.3])
        keep = rng.choice([1.0, 1.0, 1.0, 0.8, 0.6])
    sentences = [s for s in sentences if rng.random() >= p_drop] or sentences[:1]
    sentences = sentences[: max(1, round(len(sentences) * keep))]
    for _ in range(rng.randrange(0, 3)):  # reorder: move a block of sentences
        if len(sentences) > 4:
            a = rng.randrange(len(sentences) - 2)
            block = sentences[a : a + rng.randint(1, 3)]
            del sentences[a : a + len(block)]
            b = rng.randrange(len(sentences) + 1)
            sentences[b:b] = block
    sentences = [_reword(s, rng, p_swap, p_edit) for s in sentences]
    for _ in range(rng.randrange(0, 4)):  # boilerplate lines
        line = rng.choice(BOILERPLATE).format(
            year=rng.randint(2009, 2012), name=rng.choice(NAMES), name2=rng.choice(NAMES)
        )
        sentences.insert(rng.randrange(len(sentences) + 1), line)
    prefix = rng.choice(DATELINES).format(day=rng.randint(1, 28))
    if prefix:
        sentences[0] = f"{prefix} {sentences[0]}"
    return "\n".join(sentences)


def generate_corpus(
    originals: Sequence[str],
    n_articles: int,
    seed: int = 0,
    *,
    mean_family: float | None = None,
    hard_share: float = 0.15,
    dates: Sequence[str] | None = None,
) -> Corpus:
    """``n_articles`` articles: a sample of originals, each with 0..2*mean-2 mutated copies.

    ``mean_family`` (articles per family) defaults to what makes all originals fit; smaller
    corpora use fewer originals so family sizes stay comparable across sizes.
    """
    rng = random.Random(seed)
    mean = mean_family or max(1.0, n_articles / len(originals))
    n_families = min(len(originals), max(1, round(n_articles / mean)))
    chosen = sorted(rng.sample(range(len(originals)), n_families))
    copies = [rng.randint(0, max(0, round(2 * mean) - 2)) for _ in chosen]
    total = n_families + sum(copies)
    while total != n_articles:  # adjust to the exact size
        k = rng.randrange(n_families)
        if total < n_articles:
            copies[k] += 1
            total += 1
        elif copies[k]:
            copies[k] -= 1
            total -= 1
    items: list[tuple[str, int, str, bool]] = []
    for fam, (orig, n_copies) in enumerate(zip(chosen, copies, strict=True)):
        base_date = dates[orig] if dates else "2010-01-01"
        items.append((originals[orig], fam, base_date + "T00:00", False))
        hard_family = rng.random() < hard_share
        for c in range(n_copies):
            hard = hard_family and rng.random() < 0.7
            items.append(
                (mutate(originals[orig], rng, hard), fam, f"{base_date}T{c % 24:02d}:30", hard)
            )
    rng.shuffle(items)
    labels = np.array([it[1] for it in items], dtype=np.int64)
    origin_index = [0] * n_families
    for idx, it in enumerate(items):
        if not it[3] and it[2].endswith("T00:00") and it[0] is originals[chosen[it[1]]]:
            origin_index[it[1]] = idx
    return Corpus(
        texts=[it[0] for it in items],
        labels=labels,
        dates=[it[2] for it in items],
        originals=origin_index,
        hard=np.array([it[3] for it in items]),
    )


@dataclass(slots=True)
class RunResult:
    labels: np.ndarray
    minhash_seconds: float
    total_seconds: float
    candidates: int
    verified: int
    decided_by_estimate: int
    relations: int
    batch_seconds: list[float]


def run_pipeline(
    texts: Sequence[str],
    config: ProvenanceConfig,
    dates: Sequence[str] | None = None,
) -> RunResult:
    """The library's lexical families (MinHash LSH candidates, decided from the estimate when
    certain and exactly otherwise) -> build_families, as a user would run them."""
    t0 = time.perf_counter()
    found = lexical_families(texts, config)
    relations = [
        ArticleRelation(f"a{r.source}", f"a{r.copy}", r.relation, r.share) for r in found.relations
    ]
    articles = [
        Article(
            id=f"a{k}",
            key=str(k),
            source_path="",
            format="text",
            outlet=None,
            url=None,
            title=None,
            language="en",
            text="",
            published=PublishedDate(dates[k], DatePrecision.MINUTE, DateOrigin.RECORD)
            if dates
            else None,
        )
        for k in range(len(texts))
    ]
    groups = build_families(articles, relations, (), config)
    labels = np.empty(len(texts), dtype=np.int64)
    for g, group in enumerate(groups):
        for member in group.article_ids:
            labels[int(member[1:])] = g
    return RunResult(
        labels,
        found.minhash_seconds,
        time.perf_counter() - t0,
        found.candidates,
        found.verified_exactly,
        found.decided_by_estimate,
        len(relations),
        found.batch_seconds,
    )


def growth_curve(
    result: RunResult, texts: Sequence[str], batch_size: int, slices: int = 10
) -> list[dict[str, float]]:
    """Cost of successive slices of one run: is the 90,000th article dearer than the first?

    Articles are shuffled, so every slice is drawn from the same distribution; only the index and
    the families found so far grow. Reports µs per article and per 1,000 characters.
    """
    per_slice = max(1, len(result.batch_seconds) // slices)
    out = []
    for s in range(0, len(result.batch_seconds), per_slice):
        seconds = sum(result.batch_seconds[s : s + per_slice])
        lo, hi = s * batch_size, min(len(texts), (s + per_slice) * batch_size)
        chars = sum(len(t) for t in texts[lo:hi])
        out.append(
            {
                "articles": f"{lo}-{hi}",
                "us_per_article": round(1e6 * seconds / (hi - lo), 1),
                "us_per_1k_chars": round(1e9 * seconds / chars, 1),
            }
        )
    return out


def _pairs(counts: np.ndarray) -> float:
    return float((counts * (counts - 1) // 2).sum())


def family_scores(pred: np.ndarray, gold: np.ndarray) -> dict[str, float]:
    """Pairwise and BCubed precision/recall of predicted families against gold families."""
    _, pred_ids = np.unique(pred, return_inverse=True)
    _, gold_ids = np.unique(gold, return_inverse=True)
    cell = pred_ids.astype(np.int64) * (gold_ids.max() + 1) + gold_ids
    _, cell_ids, cell_counts = np.unique(cell, return_inverse=True, return_counts=True)
    pred_sizes = np.bincount(pred_ids)
    gold_sizes = np.bincount(gold_ids)
    same_both = _pairs(cell_counts)
    same_pred = _pairs(pred_sizes)
    same_gold = _pairs(gold_sizes)
    per_item_cell = cell_counts[cell_ids]
    return {
        "pair_precision": same_both / same_pred if same_pred else 1.0,
        "pair_recall": same_both / same_gold if same_gold else 1.0,
        "bcubed_precision": float((per_item_cell / pred_sizes[pred_ids]).mean()),
        "bcubed_recall": float((per_item_cell / gold_sizes[gold_ids]).mean()),
    }


def merge_source_duplicates(
    corpus: Corpus, config: ProvenanceConfig
) -> tuple[np.ndarray, int, int]:
    """Gold labels with families merged whose ORIGINALS are copies of one another.

    Every LSH candidate pair of originals is verified exactly on its shingle sets (no estimate
    shortcut) with the same relation rules. Returns (merged labels, linked original pairs, gold
    families merged away).
    """
    orig_texts = [corpus.texts[k] for k in corpus.originals]
    found = lexical_families(orig_texts, config, z=1e9)  # an interval of [0, 1]: all exact
    uf = UnionFind(range(len(orig_texts)))
    for rel in found.relations:
        uf.union(rel.source, rel.copy)
    roots = np.array([uf.find(k) for k in range(len(orig_texts))])
    merged = roots[corpus.labels]
    return merged, len(found.relations), len(orig_texts) - len(np.unique(roots))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sizes", default="10000,25000,50000,100000")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--num-perm", type=int, default=None)
    parser.add_argument("--shingle-words", type=int, default=None)
    parser.add_argument("--lsh-threshold", type=float, default=None)
    parser.add_argument("--rewrite-containment", type=float, default=None)
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"Timeline17 not found at {args.data} (pass --data)", file=sys.stderr)
        return 2
    overrides = {
        k: v
        for k, v in {
            "num_perm": args.num_perm,
            "shingle_words": args.shingle_words,
            "lsh_threshold": args.lsh_threshold,
            "rewrite_containment": args.rewrite_containment,
        }.items()
        if v is not None
    }
    config = ProvenanceConfig(**overrides)
    originals = load_originals(args.data)
    texts = [o.text for o in originals]
    dates = [o.date for o in originals]
    exact_dupes = len(texts) - len(set(texts))
    mean_family = args.articles / len(originals)
    sizes = sorted({int(s) for s in args.sizes.split(",") if s} | {args.articles})
    print(
        f"{len(originals)} Timeline17 originals ({exact_dupes} exact duplicates among them); "
        f"mean family size {mean_family:.1f}; config {config}"
    )
    header = (
        f"{'articles':>9} {'gen s':>6} {'pairP':>6} {'pairR':>6} {'B3 P':>6} {'B3 R':>6} "
        f"{'mP':>6} {'mR':>6} {'mh a/s':>8} {'all a/s':>8} {'mh us/a':>8} {'all us/a':>8} "
        f"{'cands':>9} {'RSS MB':>7}"
    )
    print(header)
    rows = []
    for size in sizes:
        t = time.perf_counter()
        corpus = generate_corpus(texts, size, args.seed, mean_family=mean_family, dates=dates)
        gen_seconds = time.perf_counter() - t
        result = run_pipeline(corpus.texts, config, corpus.dates)
        raw = family_scores(result.labels, corpus.labels)
        merged_gold, source_links, merged_away = merge_source_duplicates(corpus, config)
        merged = family_scores(result.labels, merged_gold)
        hard = corpus.hard
        recall_hard = (
            family_scores(result.labels[hard], corpus.labels[hard])["pair_recall"]
            if hard.any()
            else None
        )
        row = {
            "articles": size,
            "families": len(corpus.originals),
            "hard_articles": int(hard.sum()),
            "generate_seconds": round(gen_seconds, 2),
            "chars_per_article": round(sum(map(len, corpus.texts)) / size),
            **{k: round(v, 4) for k, v in raw.items()},
            **{f"merged_{k}": round(v, 4) for k, v in merged.items()},
            "source_near_duplicate_pairs": source_links,
            "gold_families_merged_by_source_duplicates": merged_away,
            "hard_pair_recall": None if recall_hard is None else round(recall_hard, 4),
            "predicted_families": len(np.unique(result.labels)),
            "minhash_articles_per_s": round(size / result.minhash_seconds, 1),
            "total_articles_per_s": round(size / result.total_seconds, 1),
            "minhash_us_per_article": round(1e6 * result.minhash_seconds / size, 1),
            "total_us_per_article": round(1e6 * result.total_seconds / size, 1),
            "candidate_pairs": result.candidates,
            "verified_exactly": result.verified,
            "skipped_or_decided_without_text": result.candidates - result.verified,
            "decided_by_estimate": result.decided_by_estimate,
            "peak_rss_mb": round(peak_rss_mb(), 1),
        }
        if size == sizes[-1]:
            curve = growth_curve(result, corpus.texts, config.batch_size)
        rows.append(row)
        print(
            f"{size:>9} {gen_seconds:>6.1f} {raw['pair_precision']:>6.3f} {raw['pair_recall']:>6.3f} "
            f"{raw['bcubed_precision']:>6.3f} {raw['bcubed_recall']:>6.3f} "
            f"{merged['pair_precision']:>6.3f} {merged['pair_recall']:>6.3f} "
            f"{row['minhash_articles_per_s']:>8.0f} {row['total_articles_per_s']:>8.0f} "
            f"{row['minhash_us_per_article']:>8.0f} {row['total_us_per_article']:>8.0f} "
            f"{result.candidates:>9} {row['peak_rss_mb']:>7.0f}",
            flush=True,
        )
        del corpus, result
    base = rows[0]["total_us_per_article"]
    summary = {
        "benchmark": "provenance-scale",
        "seed": args.seed,
        "config": {k: getattr(config, k) for k in ("shingle_words", "num_perm", "lsh_threshold")},
        "originals": len(originals),
        "rows": rows,
        "time_per_article_ratio_max_vs_min_size": round(rows[-1]["total_us_per_article"] / base, 3),
        "minhash_time_ratio_max_vs_min_size": round(
            rows[-1]["minhash_us_per_article"] / rows[0]["minhash_us_per_article"], 3
        ),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }
    summary["growth_curve"] = curve
    summary["growth_last_vs_first_slice"] = round(
        curve[-1]["us_per_article"] / curve[0]["us_per_article"], 3
    )
    summary["growth_last_vs_first_slice_per_char"] = round(
        curve[-1]["us_per_1k_chars"] / curve[0]["us_per_1k_chars"], 3
    )
    print("growth within the largest run (us/article, us/1k chars):")
    for point in curve:
        print(
            f"  {point['articles']:>13} {point['us_per_article']:>8.0f} {point['us_per_1k_chars']:>8.0f}"
        )
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
