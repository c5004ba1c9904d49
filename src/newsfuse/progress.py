"""Progress reporting without tying the library to a terminal.

Library code calls ``progress.step(description, total)`` and then ``advance(n)`` on what it gets
back; the CLI passes a Rich-backed implementation, library users get silence by default.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Protocol

Advance = Callable[[int], None]


class Progress(Protocol):
    def step(self, description: str, total: int | None) -> Advance: ...


class Silent:
    """The default: reports nothing."""

    def step(self, description: str, total: int | None) -> Advance:
        return lambda n=1: None


class RichProgress:
    """Progress bars on stderr, one per stage."""

    def __init__(self, progress: rich.progress.Progress) -> None:  # noqa: F821
        self._progress = progress

    def step(self, description: str, total: int | None) -> Advance:
        task_id = self._progress.add_task(description, total=total)

        def advance(n: int = 1) -> None:
            self._progress.advance(task_id, n)

        return advance


@contextmanager
def rich_progress(enabled: bool = True) -> Iterator[Progress]:
    if not enabled:
        yield Silent()
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        TextColumn,
        TimeElapsedColumn,
    )
    from rich.progress import (
        Progress as _RichProgress,
    )

    columns = (
        TextColumn("{task.description:<28}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with _RichProgress(*columns, console=Console(stderr=True), transient=False) as bar:
        yield RichProgress(bar)
