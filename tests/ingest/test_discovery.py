from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsfuse.config import IngestConfig
from newsfuse.ingest import read_inputs
from newsfuse.progress import Advance

from .conftest import GOOD_TEXT, write


class RecordingProgress:
    def __init__(self) -> None:
        self.steps: list[tuple[str, int | None]] = []
        self.advanced = 0

    def step(self, description: str, total: int | None) -> Advance:
        self.steps.append((description, total))

        def advance(n: int = 1) -> None:
            self.advanced += n

        return advance


def keys(paths: list[str | Path], config: IngestConfig = IngestConfig()) -> list[str]:
    return [d.key for d in read_inputs(paths, config).documents]


def test_folders_are_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    for name in ["b.txt", "a/z.txt", "a/b/c.txt", "c.txt", "a/a.txt"]:
        write(tmp_path / "in" / name, GOOD_TEXT)
    folder = str(tmp_path / "in")
    assert keys([folder]) == [
        f"{folder}/a/a.txt",
        f"{folder}/a/b/c.txt",
        f"{folder}/a/z.txt",
        f"{folder}/b.txt",
        f"{folder}/c.txt",
    ]


def test_source_path_is_as_given_joined_with_the_path_inside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "data" / "sub" / "a.txt", GOOD_TEXT)
    monkeypatch.chdir(tmp_path)
    [doc] = read_inputs(["data/"]).documents
    assert doc.source_path == doc.key == os.path.join("data/", "sub", "a.txt")


def test_mix_of_files_and_folders_in_given_order(tmp_path: Path) -> None:
    single = write(tmp_path / "z-single.txt", GOOD_TEXT)
    write(tmp_path / "folder" / "a.txt", GOOD_TEXT)
    assert keys([single, tmp_path / "folder"]) == [str(single), str(tmp_path / "folder" / "a.txt")]


def test_hidden_files_and_folders_are_skipped_unless_named(tmp_path: Path) -> None:
    visible = write(tmp_path / "in" / "a.txt", GOOD_TEXT)
    hidden = write(tmp_path / "in" / ".draft.txt", GOOD_TEXT)
    write(tmp_path / "in" / ".git" / "notes.txt", GOOD_TEXT)
    result = read_inputs([tmp_path / "in"])
    assert [d.key for d in result.documents] == [str(visible)]
    assert result.rejected == []
    assert keys([hidden]) == [str(hidden)]


def test_corpus_notes_are_skipped_in_folders_but_read_when_named(tmp_path: Path) -> None:
    article = write(tmp_path / "in" / "a.txt", GOOD_TEXT)
    readme = write(tmp_path / "in" / "README.md", f"Notes about this corpus\n\n{GOOD_TEXT}")
    write(tmp_path / "in" / "sub" / "SOURCE.txt", "Downloaded from a public archive in 2023.")
    write(tmp_path / "in" / ".hidden.txt", GOOD_TEXT)
    folder = str(tmp_path / "in")
    result = read_inputs([folder])
    assert [d.key for d in result.documents] == [str(article)]
    assert result.rejected == []
    assert result.skipped == [
        f"{folder}/.hidden.txt", f"{folder}/README.md",
        f"{folder}/sub/SOURCE.txt",
    ]  # fmt: skip
    # a lower-case name is an article like any other, and a named file is always read
    write(tmp_path / "in" / "source.txt", GOOD_TEXT)
    assert keys([readme, tmp_path / "in" / "source.txt"]) == [
        str(readme),
        str(tmp_path / "in" / "source.txt"),
    ]


def test_a_file_reached_twice_is_read_once(tmp_path: Path) -> None:
    a = write(tmp_path / "in" / "a.txt", GOOD_TEXT)
    (tmp_path / "in" / "b-link.txt").symlink_to(a)
    os.link(a, tmp_path / "in" / "c-hardlink.txt")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "same-folder").symlink_to(tmp_path / "in", target_is_directory=True)
    result = read_inputs([a, tmp_path / "in", a, tmp_path / "other"])
    assert [d.key for d in result.documents] == [str(a)]
    assert result.rejected == []


def test_symlinked_files_and_folders_are_followed(tmp_path: Path) -> None:
    target = write(tmp_path / "elsewhere" / "x.txt", GOOD_TEXT)
    write(tmp_path / "in" / "a.txt", GOOD_TEXT)
    (tmp_path / "in" / "linked").symlink_to(target.parent, target_is_directory=True)
    assert keys([tmp_path / "in"]) == [
        str(tmp_path / "in" / "a.txt"),
        str(tmp_path / "in" / "linked" / "x.txt"),
    ]


def test_symlinks_can_be_refused(tmp_path: Path) -> None:
    target = write(tmp_path / "x.txt", GOOD_TEXT)
    write(tmp_path / "in" / "a.txt", GOOD_TEXT)
    (tmp_path / "in" / "b.txt").symlink_to(target)
    result = read_inputs([tmp_path / "in"], IngestConfig(follow_symlinks=False))
    assert [d.key for d in result.documents] == [str(tmp_path / "in" / "a.txt")]
    [rejection] = result.rejected
    assert "ingest_follow_symlinks is off" in rejection.reason


def test_a_loop_is_reported_once_and_the_rest_is_read(tmp_path: Path) -> None:
    root = tmp_path / "root"
    write(root / "a" / "one.txt", GOOD_TEXT)
    write(root / "b" / "two.txt", GOOD_TEXT)
    # a two-step loop: root/a/to-b -> root/b, root/b/to-a -> root/a
    (root / "a" / "to-b").symlink_to(root / "b", target_is_directory=True)
    (root / "b" / "to-a").symlink_to(root / "a", target_is_directory=True)
    result = read_inputs([root, root / "b"])
    assert [d.key for d in result.documents] == [
        str(root / "a" / "one.txt"),
        str(root / "a" / "to-b" / "two.txt"),
    ]
    [rejection] = result.rejected
    assert rejection.path == str(root / "a" / "to-b" / "to-a")
    assert "folder loop" in rejection.reason and str(root / "a") in rejection.reason


def test_broken_symlink(tmp_path: Path) -> None:
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    [rejection] = read_inputs([tmp_path]).rejected
    assert "broken symbolic link" in rejection.reason


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_a_named_pipe_is_rejected_not_read(tmp_path: Path) -> None:
    good = write(tmp_path / "a.txt", GOOD_TEXT)
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block forever
    result = read_inputs([tmp_path])
    assert [d.key for d in result.documents] == [str(good)]
    [rejection] = result.rejected
    assert "not a regular file" in rejection.reason


def test_progress_counts_files(tmp_path: Path) -> None:
    for name in ["a.txt", "b.txt", "c/d.txt"]:
        write(tmp_path / name, GOOD_TEXT)
    progress = RecordingProgress()
    read_inputs([tmp_path], progress=progress)
    assert progress.steps == [("Reading inputs", 3)]
    assert progress.advanced == 3


def test_a_single_path_string_is_not_split_into_letters(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", GOOD_TEXT)
    assert keys(str(path)) == [str(path)]  # type: ignore[arg-type]
