"""Inputs to files: folders walked recursively in sorted order, each file found once.

Hidden entries (names starting with ".") inside folders are skipped, and so are the notes that
often sit beside a corpus (``README.md``, ``LICENSE``, ``SOURCE.txt`` …: an
upper-case name from :data:`CORPUS_NOTES`); both are read when named directly, and both are listed
in ``skipped`` so that nothing vanishes unseen. Symlinks are followed unless
``follow_symlinks`` is off, and a link that leads back to a folder being walked (a loop) is
reported once and not followed. A file reached twice (given twice, inside a given folder, through
a link or a hard link) is read once, under the name it was first reached by.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from newsfuse.config import IngestConfig
from newsfuse.ingest._reject import rejected
from newsfuse.ingest._source import SourceFile
from newsfuse.model import Rejected

# File names (before the first dot, upper-case as written) of notes about a corpus, not reports.
CORPUS_NOTES = frozenset(
    {
        "README", "LICENSE", "LICENCE", "COPYING", "NOTICE", "AUTHORS", "CHANGELOG", "CHANGES",
        "CONTRIBUTING", "CITATION", "MANIFEST", "SOURCE", "SOURCES",
    }
)  # fmt: skip


@dataclass(slots=True)
class Discovery:
    files: list[SourceFile] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # hidden entries and corpus notes


@dataclass(frozen=True, slots=True)
class _Ancestor:
    real_path: str
    display: str


def discover(paths: list[str | Path], config: IngestConfig) -> Discovery:
    walk = _Walk(config)
    for given in paths:
        walk.visit(Path(given), str(given), ancestors=())
    return walk.found


class _Walk:
    def __init__(self, config: IngestConfig) -> None:
        self._follow_symlinks = config.follow_symlinks
        self.found = Discovery()
        self._seen_files: set[tuple[int, int]] = set()  # (device, inode)
        self._walked_folders: set[str] = set()  # real paths

    def visit(self, path: Path, display: str, ancestors: tuple[_Ancestor, ...]) -> None:
        if path.is_symlink() and not self._follow_symlinks:
            self._reject(display, "is a symbolic link and ingest_follow_symlinks is off; skipped")
            return
        try:
            info = path.stat()
        except FileNotFoundError:
            if path.is_symlink():
                target = os.readlink(path)
                self._reject(display, f"is a broken symbolic link (to {target}); fix or remove it")
            else:
                self._reject(display, "no such file or directory; check the path")
            return
        except PermissionError:
            self._reject(display, "permission denied; check the permissions of its folders")
            return
        except OSError as error:
            self._reject(display, f"cannot be examined ({error.strerror or error}); check the path")
            return
        if stat.S_ISDIR(info.st_mode):
            self._walk_folder(path, display, ancestors)
        elif stat.S_ISREG(info.st_mode):
            self._add_file(path, display, info)
        else:
            self._reject(
                display, "is not a regular file (a device, socket or pipe); give files or folders"
            )

    def _walk_folder(self, folder: Path, display: str, ancestors: tuple[_Ancestor, ...]) -> None:
        real_path = os.path.realpath(folder)
        if loop := next((a for a in ancestors if a.real_path == real_path), None):
            self._reject(
                display,
                f"is a folder loop: it leads back to {loop.display}, which is already being read; "
                "skipped it (remove the link to silence this)",
            )
            return
        if real_path in self._walked_folders:
            return  # reached twice (given twice, or through another link): read once
        self._walked_folders.add(real_path)
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except PermissionError:
            self._reject(
                display, "permission denied listing the folder; make it readable (chmod a+rx)"
            )
            return
        except OSError as error:
            self._reject(display, f"cannot list the folder ({error.strerror or error})")
            return
        inside = (*ancestors, _Ancestor(real_path, display))
        for entry in entries:
            child = os.path.join(display, entry.name)
            # hidden: version control, editor backups, OS metadata
            if entry.name.startswith(".") or entry.name.partition(".")[0] in CORPUS_NOTES:
                self.found.skipped.append(child)
                continue
            self.visit(Path(entry.path), child, inside)

    def _add_file(self, path: Path, display: str, info: os.stat_result) -> None:
        identity = (info.st_dev, info.st_ino)
        if identity in self._seen_files:
            return
        self._seen_files.add(identity)
        self.found.files.append(SourceFile(path=path, display=display, size=info.st_size))

    def _reject(self, display: str, reason: str) -> None:
        self.found.rejected.append(rejected(display, reason))
