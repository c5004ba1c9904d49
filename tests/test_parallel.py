"""fork_map: the same results as a loop, in order, whichever process computes them."""

from __future__ import annotations

import gc
import os

import pytest

from newsfuse.parallel import _chunks, _chunks_by_size, fork_map, worker_limit


def _square_and_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def test_results_match_a_loop_in_order_and_come_from_workers():
    items = list(range(200))
    results = fork_map(_square_and_pid, items, workers=2)
    assert [r[0] for r in results] == [n * n for n in items]
    assert {pid for _, pid in results} - {os.getpid()}, "no item ran in a worker"


def test_workers_see_the_parent_state_without_pickling_it():
    table = {n: object() for n in range(50)}  # objects cannot be compared after pickling
    ids = fork_map(lambda n: id(table[n]), list(range(50)), workers=2)
    assert ids == [id(table[n]) for n in range(50)]  # the fork's copy sits at the same address


def test_small_inputs_and_one_worker_run_in_this_process():
    assert {pid for _, pid in fork_map(_square_and_pid, [1, 2, 3])} == {os.getpid()}
    assert {pid for _, pid in fork_map(_square_and_pid, list(range(100)), workers=1)} == {
        os.getpid()
    }
    assert fork_map(_square_and_pid, []) == []


def test_progress_counts_sizes_and_errors_reach_the_caller():
    done: list[int] = []
    batches = [[1] * n for n in range(1, 21)]
    fork_map(len, batches, workers=2, size=len, advance=done.append)
    assert sum(done) == sum(range(1, 21))

    def fails_on_seven(n: int) -> int:
        if n == 7:
            raise ValueError("seven")
        return n

    with pytest.raises(ValueError, match="seven"):
        fork_map(fails_on_seven, list(range(20)), workers=2)


def test_alongside_runs_here_while_the_workers_run_on_the_state_they_forked_with():
    import multiprocessing

    context = multiprocessing.get_context("fork")
    working, changed = context.Event(), context.Event()
    state = {"value": "at fork"}
    seen: list[bool] = []

    def read(n: int) -> tuple[str, int]:
        working.set()
        changed.wait(timeout=30)
        return state["value"], os.getpid()

    def alongside() -> None:
        seen.append(working.wait(timeout=30))  # a worker started before this finished
        state["value"] = "changed here"
        changed.set()

    results = fork_map(read, list(range(40)), workers=2, alongside=alongside)
    assert seen == [True]
    assert {value for value, _ in results} == {"at fork"}
    assert os.getpid() not in {pid for _, pid in results}
    assert state["value"] == "changed here"


def test_alongside_runs_first_when_everything_runs_in_this_process():
    order: list[str] = []
    fork_map(lambda n: order.append("item"), [1, 2], alongside=lambda: order.append("alongside"))
    assert order == ["alongside", "item", "item"]


def test_chunks_cover_the_range_in_order():
    assert _chunks(10, 4) == [(0, 3), (3, 6), (6, 8), (8, 10)]
    assert _chunks(2, 8) == [(0, 1), (1, 2)]
    assert _chunks(0, 4) == [(0, 0)]


def test_chunks_by_size_balance_the_work_not_the_count():
    # one item is half the work: the chunk it closes is the largest, and the rest of the
    # work is still dealt evenly over the other chunks
    sizes = [1, 1, 30] + [1] * 29
    assert _chunks_by_size(sizes, 4) == [(0, 3), (3, 13), (13, 23), (23, 32)]
    assert _chunks_by_size([1] * 8, 4) == _chunks(8, 4)
    assert _chunks_by_size([0, 0, 0], 2) == _chunks(3, 2)  # no sizes: equal counts
    assert _chunks_by_size([5], 8) == [(0, 1)]
    assert _chunks_by_size([], 4) == [(0, 0)]


def test_sized_items_come_back_in_order_from_balanced_chunks():
    items = [1] * 40 + [200] + [1] * 40
    sizes: list[int] = []
    got = fork_map(lambda n: n * 2, items, workers=2, size=lambda n: n, advance=sizes.append)
    assert got == [n * 2 for n in items]
    assert sum(sizes) == sum(items)


def test_cost_deals_the_chunks_while_progress_counts_items():
    items = [1] * 40 + [200] + [1] * 40
    done: list[int] = []
    got = fork_map(lambda n: -n, items, workers=2, cost=lambda n: n, advance=done.append)
    assert got == [-n for n in items]
    assert sum(done) == len(items)


def test_worker_limit_caps_the_workers_fork_map_starts_by_itself():
    items = list(range(200))
    with worker_limit(1):
        assert {pid for _, pid in fork_map(_square_and_pid, items)} == {os.getpid()}
    assert {pid for _, pid in fork_map(_square_and_pid, items, workers=2)} - {os.getpid()}


class _Finalized:
    """Garbage in a reference cycle that writes down which process finalized it."""

    def __init__(self, path) -> None:  # type: ignore[no-untyped-def]
        self.path = path
        self.cycle = self

    def __del__(self) -> None:
        with open(self.path, "a") as log:
            log.write(f"{os.getpid()}\n")


def _collect(_: int) -> int:
    gc.collect()
    return os.getpid()


def test_workers_never_collect_the_parents_garbage(tmp_path):
    # A worker that finalized a dropped ONNX Runtime session hung in its destructor.
    log = tmp_path / "finalized"
    gc.disable()  # so that only a collection in a worker or the one below can free it
    try:
        _Finalized(log)
        pids = fork_map(_collect, range(40), workers=2, min_per_worker=1)
    finally:
        gc.enable()
    gc.collect()
    assert set(pids) - {os.getpid()}, "the work ran in this process, not in workers"
    assert log.read_text().split() == [str(os.getpid())]
