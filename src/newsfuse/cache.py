"""The cache directory, where newsfuse keeps what it builds once and reuses: the GeoNames lookup
tables, the exported sentence-embedding model, the fitted event classifier and pint's parsed
unit definitions.

Set ``NEWSFUSE_CACHE`` to move it (default ``~/.cache/newsfuse``). Everything in it can be
deleted; it is rebuilt on the next run that needs it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

__all__ = ["build_once", "default_cache_dir", "write_atomically"]


def default_cache_dir() -> Path:
    return Path(os.environ.get("NEWSFUSE_CACHE", Path.home() / ".cache" / "newsfuse"))


def write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write`` on a file beside ``path``, then rename it into place.

    Readers see the whole file or none: a crash, an error in ``write`` or a second run building
    the same file at the same time never leaves a half-written one at ``path``. The temporary
    file is removed whatever happens; an error from ``write`` or the rename propagates.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)  # left by a crashed run that had this process id
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def build_once(path: Path, write: Callable[[Path], None]) -> Path:
    """``path``, written first by ``write`` (atomically) if it is not there yet."""
    if not path.exists():
        write_atomically(path, write)
    return path
