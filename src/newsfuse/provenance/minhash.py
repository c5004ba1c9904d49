"""Near-duplicate candidates at scale: word-shingle MinHash signatures and banded LSH.

Built for millions of articles in bounded memory:

* Texts are normalized (casefold, apostrophes dropped, punctuation stripped, numbers kept, so
  "3.5" stays one token) and cut into ``shingle_words``-word shingles.
* Shingles are hashed with numpy (a stable per-word hash combined per shingle), then permuted with
  datasketch's ``affine32`` scheme: the permutation parameters come from
  ``datasketch.MinHash(num_perm, seed)`` and the MurmurHash3 pre-mix is datasketch's own, so a
  signature here equals ``MinHash(hashfunc=<our shingle hash>).update_batch(shingles)`` and can be
  wrapped in a ``datasketch.LeanMinHash`` (see :func:`as_lean_minhash`). Hashing each shingle with
  datasketch's default SHA-1 per Python call is ~4x slower (measured in the scale benchmark), hence
  the vectorized path.
* Only signatures are kept: one ``uint32`` row of ``num_perm`` values per article.
* The LSH index keeps, per band, 64-bit band keys in sorted numpy runs (an LSM-style list merged
  geometrically), not a dict of Python sets: 12 bytes per article and band. The band count and
  rows per band are datasketch's optimum for ``lsh_threshold`` (``datasketch.lsh._optimal_param``).
* Candidates are verified exactly on the pair (Jaccard and both containments of the shingle sets),
  so rewrites that add or drop paragraphs (low Jaccard, high containment) are kept.
"""

from __future__ import annotations

import gc
import itertools
import os
import re
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import LeanMinHash, MinHash
from datasketch.lsh import _optimal_param

from newsfuse.config import ProvenanceConfig

__all__ = [
    "DEFAULT_Z",
    "CandidatePair",
    "NearDuplicateIndex",
    "ShingleCache",
    "as_lean_minhash",
    "exact_overlap",
    "jaccard_interval",
    "lsh_bands",
    "max_containment_bound",
    "near_duplicate_pairs",
    "normalize_tokens",
    "overlap_from_jaccard",
    "shingle_hashes",
    "signatures",
]

_APOSTROPHES = re.compile(r"['\u2019\u02bc`]")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+")
_MAX32 = np.uint32(0xFFFFFFFF)
_U64 = np.uint64
# Odd 64-bit multipliers, one per position in a shingle (splitmix/xxhash constants).
_POSITION_MULTIPLIERS = np.array(
    [
        0x9E3779B97F4A7C15,
        0xC2B2AE3D27D4EB4F,
        0x165667B19E3779F9,
        0x27D4EB2F165667C5,
        0x85EBCA77C2B2AE63,
        0xFF51AFD7ED558CCD,
        0xC4CEB9FE1A85EC53,
        0x94D049BB133111EB,
    ],
    dtype=np.uint64,
)


@dataclass(slots=True, frozen=True)
class CandidatePair:
    """Two articles (indexes into the input, ``i < j``) whose shingle sets overlap.

    ``containment`` is the larger of the two directed containments: a truncated copy is fully
    contained in its origin although their Jaccard is low.
    """

    i: int
    j: int
    jaccard: float
    containment: float
    i_in_j: float  # |S_i ∩ S_j| / |S_i|
    j_in_i: float  # |S_i ∩ S_j| / |S_j|


def normalize_tokens(text: str) -> list[str]:
    """Casefolded word tokens with punctuation stripped and numbers kept whole."""
    return _TOKEN.findall(_APOSTROPHES.sub("", text.casefold()))


_NON_ASCII_NON_WORD = re.compile(r"[^\w\s.,]|_")
# Byte classes for the vectorized tokenizer: 1 = word byte, 2 = "." or "," (kept inside numbers).
_BYTE_CLASS = np.zeros(256, dtype=np.uint8)
for _c in b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789":
    _BYTE_CLASS[_c] = 1
_BYTE_CLASS[128:] = 1  # UTF-8 bytes of non-ASCII letters (non-word characters removed first)
_BYTE_CLASS[ord(".")] = _BYTE_CLASS[ord(",")] = 2
_IS_DIGIT = np.zeros(256, dtype=bool)
_IS_DIGIT[ord("0") : ord("9") + 1] = True
_CHAR_WEIGHTS = np.random.default_rng(20240601).integers(1, 2**63, 256, dtype=np.uint64) * 2 + 1


def _word_hashes(text: str) -> np.ndarray:
    """64-bit hashes of the normalized words of a text, in order, without a Python loop per word.

    Same tokens as :func:`normalize_tokens`: casefold, apostrophes dropped, runs of word
    characters, with "." and "," kept between two digits.
    """
    text = text.casefold().replace("'", "")
    if not text.isascii():
        text = _APOSTROPHES.sub("", text)
        text = _NON_ASCII_NON_WORD.sub(" ", text)
    raw = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    if not len(raw):
        return np.empty(0, dtype=np.uint64)
    cls = _BYTE_CLASS[raw]
    word = cls == 1
    seps = np.flatnonzero(cls[1:-1] == 2) + 1
    if len(seps):
        digit = _IS_DIGIT[raw]
        keep = seps[digit[seps - 1] & digit[seps + 1]]
        word[keep] = True
    starts = np.flatnonzero(word[1:] & ~word[:-1]) + 1
    if word[0]:
        starts = np.concatenate([[0], starts])
    if not len(starts):
        return np.empty(0, dtype=np.uint64)
    # Position of each byte inside its word, without a per-word loop.
    marker = np.zeros(len(raw), dtype=np.int64)
    marker[starts] = starts
    pos = np.arange(len(raw)) - np.maximum.accumulate(marker)
    weights = _CHAR_WEIGHTS[np.minimum(pos, 255)]
    with np.errstate(over="ignore"):
        contrib = (raw.astype(np.uint64) + _U64(1)) * weights * word  # non-word bytes add 0
        return _mix64(np.add.reduceat(contrib, starts))


def _mix64(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> _U64(33))
    h = h * _U64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> _U64(33))
    h = h * _U64(0xC4CEB9FE1A85EC53)
    return h ^ (h >> _U64(33))


def shingle_hashes(text: str, shingle_words: int = 3) -> np.ndarray:
    """Sorted unique 64-bit hashes of the text's word shingles (stable across processes).

    A text shorter than one shingle is one shingle of all its words; an empty text has none.
    """
    if shingle_words > len(_POSITION_MULTIPLIERS):
        raise ValueError(f"shingle_words must be <= {len(_POSITION_MULTIPLIERS)}")
    words = _word_hashes(text)
    if not len(words):
        return words
    k = min(shingle_words, len(words))
    n = len(words) - k + 1
    with np.errstate(over="ignore"):
        acc = words[:n] * _POSITION_MULTIPLIERS[0]
        for p in range(1, k):
            acc = acc ^ (words[p : p + n] * _POSITION_MULTIPLIERS[p])
        return np.unique(_mix64(acc))


@lru_cache(maxsize=16)
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    a, b = MinHash(num_perm=num_perm, seed=seed).permutations  # datasketch affine32, uint32
    return a.astype(np.uint32), b.astype(np.uint32)


def _fmix32(h: np.ndarray) -> np.ndarray:
    # datasketch.minhash._fmix for width 32 (MurmurHash3 finalizer).
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


_PERMUTE_SLICE = 4096


def _signatures_of_sets(sets: Sequence[np.ndarray], num_perm: int, seed: int) -> np.ndarray:
    a, b = _permutations(num_perm, seed)
    out = np.full((len(sets), num_perm), _MAX32, dtype=np.uint32)
    # Permute many articles' shingles at once, in slices that stay in cache.
    start = 0
    while start < len(sets):
        stop, total = start, 0
        while stop < len(sets) and (total == 0 or total + len(sets[stop]) <= _PERMUTE_SLICE):
            total += len(sets[stop])
            stop += 1
        chunk = [s for s in sets[start:stop] if len(s)]
        rows = [start + k for k, s in enumerate(sets[start:stop]) if len(s)]
        if chunk:
            hv = _fmix32(np.concatenate(chunk).astype(np.uint32))  # low 32 bits
            phv = np.empty((len(hv), num_perm), dtype=np.uint32)
            with np.errstate(over="ignore"):
                np.multiply(hv[:, None], a[None, :], out=phv)
                phv += b[None, :]
            offsets = np.cumsum([0] + [len(s) for s in chunk[:-1]])
            out[rows] = np.minimum.reduceat(phv, offsets, axis=0)
        start = stop
    return out


def _sign_chunk(args: tuple[Sequence[str], int, int, int]) -> tuple[np.ndarray, np.ndarray]:
    texts, shingle_words, num_perm, seed = args
    sets = [shingle_hashes(t, shingle_words) for t in texts]
    sizes = np.fromiter((len(s) for s in sets), dtype=np.int32, count=len(sets))
    return _signatures_of_sets(sets, num_perm, seed), sizes


def signatures(
    texts: Sequence[str],
    config: ProvenanceConfig = ProvenanceConfig(),
    *,
    pool: ProcessPoolExecutor | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """MinHash signatures (``len(texts) x num_perm`` uint32) and shingle-set sizes (int32).

    With ``pool`` the texts are signed in parallel chunks; results are identical either way.
    """
    args = (config.shingle_words, config.num_perm, config.seed)
    if pool is None or len(texts) < 64:
        return _sign_chunk((texts, *args))
    n_chunks = max(2, min(32, len(texts) // 250))
    bounds = np.linspace(0, len(texts), n_chunks + 1).astype(int)
    jobs = [(list(texts[lo:hi]), *args) for lo, hi in itertools.pairwise(bounds)]
    parts = list(pool.map(_sign_chunk, jobs))
    return np.vstack([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def as_lean_minhash(signature: np.ndarray, seed: int = 1) -> LeanMinHash:
    """Wrap one signature row as a datasketch LeanMinHash (for datasketch APIs)."""
    return LeanMinHash(seed=seed, hashvalues=signature, scheme="affine32")


@lru_cache(maxsize=64)
def lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) minimizing false positives + negatives at ``threshold``."""
    return _optimal_param(threshold, num_perm, 0.5, 0.5)


def _band_keys(sigs: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """One 64-bit key per (article, band); the band number is folded into the key."""
    n = sigs.shape[0]
    used = sigs[:, : bands * rows].astype(np.uint64).reshape(n, bands, rows)
    with np.errstate(over="ignore"):
        acc = np.arange(1, bands + 1, dtype=np.uint64)[None, :] * _U64(0x9E3779B97F4A7C15)
        acc = np.broadcast_to(acc, (n, bands)).copy()
        for r in range(rows):
            acc = _mix64(acc ^ used[:, :, r])
    return acc


class NearDuplicateIndex:
    """Incremental MinHash LSH index over article signatures.

    Articles get consecutive integer ids in the order they are added. ``add`` returns the candidate
    pairs between the new articles and everything indexed so far (new ones included); ``query``
    looks texts up without adding them. Memory: ``4 * num_perm + 12 * bands`` bytes per article.
    """

    def __init__(
        self,
        config: ProvenanceConfig = ProvenanceConfig(),
        *,
        pool: ProcessPoolExecutor | None = None,
    ) -> None:
        self.config = config
        self.bands, self.rows = lsh_bands(config.lsh_threshold, config.num_perm)
        self._pool = pool
        self._sig_chunks: list[np.ndarray] = []
        self._size_chunks: list[np.ndarray] = []
        self._runs: list[tuple[np.ndarray, np.ndarray]] = []  # (sorted keys, ids)
        self._count = 0
        self._signatures: np.ndarray | None = None
        self._sizes: np.ndarray | None = None

    def __len__(self) -> int:
        return self._count

    @property
    def signatures(self) -> np.ndarray:
        if self._signatures is None or len(self._signatures) != self._count:
            width = self.config.num_perm
            self._signatures = (
                np.vstack(self._sig_chunks) if self._sig_chunks else np.empty((0, width), np.uint32)
            )
            self._sig_chunks = [self._signatures]
        return self._signatures

    @property
    def sizes(self) -> np.ndarray:
        """Shingle-set size of each indexed article."""
        if self._sizes is None or len(self._sizes) != self._count:
            self._sizes = (
                np.concatenate(self._size_chunks) if self._size_chunks else np.empty(0, np.int32)
            )
            self._size_chunks = [self._sizes]
        return self._sizes

    def sign(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        return signatures(texts, self.config, pool=self._pool)

    def add(self, texts: Sequence[str]) -> np.ndarray:
        """Index texts; return candidate pairs ``(old_or_new_id, new_id)``, first < second."""
        sigs, sizes = self.sign(texts)
        return self.add_signatures(sigs, sizes)

    def add_signatures(self, sigs: np.ndarray, sizes: np.ndarray) -> np.ndarray:
        first = self._count
        n = sigs.shape[0]
        ids = np.arange(first, first + n, dtype=np.int64)
        self._sig_chunks.append(np.ascontiguousarray(sigs, dtype=np.uint32))
        self._size_chunks.append(np.asarray(sizes, dtype=np.int32))
        self._count += n
        keys = _band_keys(sigs, self.bands, self.rows)
        live = np.asarray(sizes) > 0  # empty texts are never anyone's near-duplicate
        flat_keys = keys[live].ravel()
        flat_ids = np.repeat(ids[live], self.bands)
        order = np.argsort(flat_keys, kind="stable")
        self._runs.append((flat_keys[order], flat_ids[order].astype(np.int32)))
        self._compact()
        pairs = self._lookup(flat_keys, flat_ids)
        return pairs[pairs[:, 0] < pairs[:, 1]]

    def query(self, texts: Sequence[str]) -> list[list[int]]:
        """Ids of indexed articles sharing an LSH band with each text (nothing is added)."""
        sigs, sizes = self.sign(texts)
        return self.query_signatures(sigs, sizes)

    def query_signatures(self, sigs: np.ndarray, sizes: np.ndarray) -> list[list[int]]:
        n = sigs.shape[0]
        keys = _band_keys(sigs, self.bands, self.rows)
        live = np.asarray(sizes) > 0
        qids = np.repeat(np.arange(n)[live], self.bands)
        pairs = self._lookup(keys[live].ravel(), qids, drop_self=False)
        out: list[list[int]] = [[] for _ in range(n)]
        for other, q in pairs.tolist():
            out[q].append(other)
        return out

    def _compact(self) -> None:
        # Merge runs geometrically so there are O(log n) runs: amortized O(log n) per insert.
        while len(self._runs) >= 2 and len(self._runs[-2][0]) <= 2 * len(self._runs[-1][0]):
            (k1, i1), (k2, i2) = self._runs[-2], self._runs[-1]
            keys = np.concatenate([k1, k2])
            ids = np.concatenate([i1, i2])
            order = np.argsort(keys, kind="stable")
            self._runs[-2:] = [(keys[order], ids[order])]

    def _lookup(self, keys: np.ndarray, qids: np.ndarray, *, drop_self: bool = True) -> np.ndarray:
        """Unique (indexed id, query id) pairs sharing a key, at most lsh_max_bucket per key."""
        found = []
        cap = self.config.lsh_max_bucket
        for run_keys, run_ids in self._runs:
            lo = np.searchsorted(run_keys, keys, "left")
            hi = np.searchsorted(run_keys, keys, "right")
            counts = np.minimum(hi - lo, cap)
            total = int(counts.sum())
            if not total:
                continue
            starts = np.repeat(lo - np.cumsum(counts) + counts, counts)
            pos = starts + np.arange(total)
            found.append(np.stack([run_ids[pos].astype(np.int64), np.repeat(qids, counts)], axis=1))
        if not found:
            return np.empty((0, 2), dtype=np.int64)
        pairs = np.concatenate(found)
        if drop_self:
            pairs = pairs[pairs[:, 0] != pairs[:, 1]]
        code = np.unique((pairs[:, 0] << 32) | pairs[:, 1])
        return np.stack([code >> 32, code & 0xFFFFFFFF], axis=1)

    def matches(self, pairs: np.ndarray) -> np.ndarray:
        """Signature positions on which each indexed pair agrees (the Jaccard estimate's count)."""
        sigs = self.signatures
        if not len(pairs):
            return np.empty(0, dtype=np.int64)
        return (sigs[pairs[:, 0]] == sigs[pairs[:, 1]]).sum(axis=1)

    def estimated_jaccard(self, pairs: np.ndarray) -> np.ndarray:
        """MinHash estimate of the Jaccard similarity of each indexed pair."""
        return self.matches(pairs) / self.config.num_perm


# Two-sided 99.9% normal quantile: a decision taken from the MinHash estimate is wrong for well
# under one pair in a thousand of those it decides (checked against exact overlap in the tests).
DEFAULT_Z = 3.29


def jaccard_interval(
    matches: np.ndarray, num_perm: int, z: float = DEFAULT_Z
) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval of the Jaccard similarity from matching signature positions."""
    p = np.asarray(matches, dtype=float) / num_perm
    z2n = z * z / num_perm
    centre = (p + z2n / 2) / (1 + z2n)
    half = z * np.sqrt(p * (1 - p) / num_perm + z2n / (4 * num_perm)) / (1 + z2n)
    return np.clip(centre - half, 0.0, 1.0), np.clip(centre + half, 0.0, 1.0)


def overlap_from_jaccard(
    jaccard: np.ndarray, size_a: np.ndarray, size_b: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(shared shingles, larger containment) implied by a Jaccard value and two set sizes:
    ``|A ∩ B| = J (|A| + |B|) / (1 + J)``, at most the smaller set."""
    a = np.asarray(size_a, dtype=float)
    b = np.asarray(size_b, dtype=float)
    smaller = np.minimum(a, b)
    shared = np.minimum(jaccard * (a + b) / (1 + jaccard), smaller)
    return shared, np.divide(shared, smaller, out=np.zeros_like(shared), where=smaller > 0)


def max_containment_bound(
    matches: np.ndarray, size_a: np.ndarray, size_b: np.ndarray, num_perm: int, z: float = DEFAULT_Z
) -> np.ndarray:
    """Upper confidence bound of each pair's larger containment, from signatures and set sizes.

    The shared shingles grow with the Jaccard similarity, so the upper end of its interval bounds
    them; the larger containment divides them by the smaller set.
    """
    _, hi = jaccard_interval(matches, num_perm, z)
    return overlap_from_jaccard(hi, size_a, size_b)[1]


def exact_overlap(a: np.ndarray, b: np.ndarray) -> tuple[float, float, float]:
    """(jaccard, a_in_b, b_in_a) of two sorted unique shingle-hash arrays."""
    if not len(a) or not len(b):
        return 0.0, 0.0, 0.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter), inter / len(a), inter / len(b)


class ShingleCache:
    """Bounded LRU of shingle arrays, so verification recomputes only what fell out."""

    def __init__(self, texts: Sequence[str], shingle_words: int, capacity: int) -> None:
        self._texts = texts
        self._k = shingle_words
        self._capacity = capacity
        self._items: OrderedDict[int, np.ndarray] = OrderedDict()

    def __getitem__(self, i: int) -> np.ndarray:
        got = self._items.get(i)
        if got is None:
            got = shingle_hashes(self._texts[i], self._k)
            self._items[i] = got
            if len(self._items) > self._capacity:
                self._items.popitem(last=False)
        else:
            self._items.move_to_end(i)
        return got


def _default_workers(config: ProvenanceConfig) -> int:
    return config.workers or (os.cpu_count() or 1)


def near_duplicate_pairs(
    texts: Sequence[str],
    config: ProvenanceConfig = ProvenanceConfig(),
    *,
    verify: bool = True,
    cache_articles: int = 50_000,
) -> Iterator[CandidatePair]:
    """Stream verified near-duplicate pairs over ``texts`` (indexes into it), batch by batch.

    Each pair is yielded once, when its later member's batch is indexed. With ``verify`` (the
    default) overlaps are exact on the pair's shingle sets and pairs whose larger containment is
    below ``config.min_containment`` are dropped; without it, the MinHash Jaccard estimate is
    reported for all three numbers (no text is re-read).
    """
    workers = _default_workers(config)
    # The workers fork when the stream first needs them, while the caller's code runs between
    # batches; each freezes what it inherited on start, so that, as under frozen_heap, it never
    # finalizes the parent's garbage (a dropped ONNX Runtime session hangs a worker that does).
    pool = (
        ProcessPoolExecutor(workers, initializer=gc.freeze)
        if workers > 1 and len(texts) >= 1000
        else None
    )
    try:
        index = NearDuplicateIndex(config, pool=pool)
        cache = ShingleCache(texts, config.shingle_words, cache_articles)
        for start in range(0, len(texts), config.batch_size):
            batch = texts[start : start + config.batch_size]
            pairs = index.add(batch)
            if not verify:
                for (i, j), est in zip(pairs.tolist(), index.estimated_jaccard(pairs), strict=True):
                    yield CandidatePair(i, j, float(est), float(est), float(est), float(est))
                continue
            # Pairs whose containment cannot reach the floor, even at the top of the estimate's
            # confidence interval, are dropped without re-reading their texts.
            sizes = index.sizes
            ceiling = max_containment_bound(
                index.matches(pairs), sizes[pairs[:, 0]], sizes[pairs[:, 1]], config.num_perm
            )
            for i, j in pairs[ceiling >= config.min_containment].tolist():
                jac, i_in_j, j_in_i = exact_overlap(cache[i], cache[j])
                if max(i_in_j, j_in_i) >= config.min_containment:
                    yield CandidatePair(i, j, jac, max(i_in_j, j_in_i), i_in_j, j_in_i)
    finally:
        if pool is not None:
            pool.shutdown()
