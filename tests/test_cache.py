from pathlib import Path

import pytest

from newsfuse.cache import build_once, default_cache_dir, write_atomically


def test_the_cache_directory_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSFUSE_CACHE", str(tmp_path / "elsewhere"))
    assert default_cache_dir() == tmp_path / "elsewhere"


def test_a_written_file_appears_whole_in_a_new_folder(tmp_path):
    target = tmp_path / "new" / "table.bin"
    write_atomically(target, lambda tmp: tmp.write_bytes(b"rows"))
    assert target.read_bytes() == b"rows"
    assert [p.name for p in target.parent.iterdir()] == ["table.bin"]


def test_a_failed_write_leaves_neither_the_target_nor_a_temporary_file(tmp_path):
    target = tmp_path / "model.onnx"

    def fail_halfway(tmp: Path) -> None:
        tmp.write_bytes(b"half")
        raise RuntimeError("export failed")

    with pytest.raises(RuntimeError, match="export failed"):
        write_atomically(target, fail_halfway)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_rewrite_keeps_the_previous_file(tmp_path):
    target = tmp_path / "classifier.pkl"
    target.write_bytes(b"old")

    def fail(tmp: Path) -> None:
        tmp.write_bytes(b"new, but cut short")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_atomically(target, fail)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["classifier.pkl"]


def test_build_once_writes_only_when_the_file_is_missing(tmp_path):
    calls = []

    def write(tmp: Path) -> None:
        calls.append(tmp)
        tmp.write_bytes(b"built")

    target = tmp_path / "table.sqlite"
    assert build_once(target, write) == target
    assert build_once(target, write) == target
    assert len(calls) == 1 and target.read_bytes() == b"built"
