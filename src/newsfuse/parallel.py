"""Per-item work spread over the cores in forked worker processes.

Most stages after entity tagging are pure Python, one article (or one sentence) at a time: on a
machine with two cores they leave one idle. :func:`fork_map` runs such a function in worker
processes forked from this one. A forked worker already holds everything the parent loaded
(models, indexes, the items themselves), so nothing is pickled on the way out but item
positions; only the results come back. A worker must not use ONNX Runtime or print: its thread
pools and the progress display belong to the parent. Nor may a worker's garbage collector touch
what the parent made (:func:`frozen_heap`).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

__all__ = ["cores", "fork_map", "frozen_heap", "worker_limit"]

T = TypeVar("T")
R = TypeVar("R")

# The function and items of the running fork_map, set before the workers fork: they read them
# from their copy of this module instead of receiving them through a pipe.
_job: tuple[Callable[[Any], Any], Sequence[Any]] | None = None
CHUNKS_PER_WORKER = 8  # small enough chunks that one long article does not leave a core idle
_limit = 0  # the most workers fork_map starts by itself; 0: one per core


@contextmanager
def worker_limit(workers: int) -> Iterator[None]:
    """Within the block, fork_map starts at most ``workers`` processes by itself (0: one per
    core; 1: none, everything runs in this process)."""
    global _limit
    previous, _limit = _limit, workers
    try:
        yield
    finally:
        _limit = previous


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Processes forked within the block never collect the objects that exist when it starts.

    Garbage the parent has not collected yet is copied into every worker, and a worker's
    collector would finalize it there. For an ONNX Runtime session that hangs the worker: the
    session's destructor waits on locks that belonged to the parent's threads (seen when a
    dropped session sat in a reference cycle). Freezing the heap before forking, as Python's
    documentation advises for fork without exec, also helps keep the parent's pages shared.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def cores() -> int:
    """Cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def fork_map(
    function: Callable[[T], R],
    items: Sequence[T],
    *,
    workers: int = 0,
    min_per_worker: int = 25,
    size: Callable[[T], int] | None = None,
    cost: Callable[[T], int] | None = None,
    advance: Callable[[int], None] | None = None,
    alongside: Callable[[], object] | None = None,
) -> list[R]:
    """``[function(item) for item in items]``, in order, computed in ``workers`` forked
    processes (0: one per core or the :func:`worker_limit`, as long as each gets
    ``min_per_worker`` items; starting a worker costs a few milliseconds). Runs in this process
    when one worker is all there is, and where the platform cannot fork. ``size`` is the work an
    item is (sentences in a batch, say): with it, the items are dealt into chunks of about equal
    size rather than equal count, so that a few large items do not leave a core idle at the end.
    ``cost`` does the same for the chunks only (characters of an article, say) where progress
    counts items. ``advance`` is called as chunks finish with the number of items done, or the
    sum of their ``size``. An exception in a worker is raised here.

    ``alongside`` runs in this process while the workers work (first, when there are none):
    one-core work that needs nothing ``function`` computes and changes nothing it reads, so
    that the cores stay busy. The workers see this process as it was when they forked."""
    global _job
    weigh = size or (lambda _: 1)
    if workers <= 0:
        workers = min(_limit or cores(), len(items) // max(1, min_per_worker))
    workers = min(workers, len(items))
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        if alongside is not None:
            alongside()
        results = []
        for item in items:
            results.append(function(item))
            if advance is not None:
                advance(weigh(item))
        return results
    if _job is not None:
        raise RuntimeError("fork_map cannot be nested")
    parts = workers * CHUNKS_PER_WORKER
    work = cost or size
    chunks = (
        _chunks_by_size([work(item) for item in items], parts)
        if work is not None
        else _chunks(len(items), parts)
    )
    _job = (function, items)
    try:
        with frozen_heap(), multiprocessing.get_context("fork").Pool(workers) as pool:
            # imap hands the chunks to the workers now, not as its results are read.
            computed = pool.imap(_run_chunk, chunks)
            if alongside is not None:
                alongside()
            results = []
            for (start, stop), done in zip(chunks, computed, strict=True):
                results.extend(done)
                if advance is not None:
                    advance(sum(weigh(items[i]) for i in range(start, stop)))
    finally:
        _job = None
    return results


def _chunks(n: int, parts: int) -> list[tuple[int, int]]:
    """``parts`` contiguous (start, stop) ranges covering range(n), sizes differing by one."""
    parts = max(1, min(parts, n))
    size, extra = divmod(n, parts)
    bounds, start = [], 0
    for part in range(parts):
        stop = start + size + (1 if part < extra else 0)
        bounds.append((start, stop))
        start = stop
    return bounds


def _chunks_by_size(sizes: Sequence[int], parts: int) -> list[tuple[int, int]]:
    """At most ``parts`` contiguous (start, stop) ranges covering the items, each closed once
    its items reach an equal share of the work still to deal (so that one large item does not
    leave the chunks after it too small)."""
    parts = max(1, min(parts, len(sizes)))
    remaining = sum(sizes)
    if remaining <= 0:
        return _chunks(len(sizes), parts)
    bounds, start, done = [], 0, 0
    for index, item_size in enumerate(sizes):
        done += item_size
        left = parts - len(bounds)
        if left > 1 and done >= remaining / left and index + 1 < len(sizes):
            bounds.append((start, index + 1))
            start, remaining, done = index + 1, remaining - done, 0
    bounds.append((start, len(sizes)))
    return bounds


def _run_chunk(bounds: tuple[int, int]) -> list[Any]:
    assert _job is not None, "a fork_map worker started without its job"
    function, items = _job
    return [function(items[i]) for i in range(*bounds)]
