"""Every kind of bad input gives one rejection with a one-line reason, and the good files next to
it are still read."""

from __future__ import annotations

import gzip
import io
import os
import tracemalloc
from pathlib import Path

import pytest

from newsfuse.ingest import IngestResult, read_inputs
from newsfuse.model import Rejected

from .conftest import GOOD_TEXT, article_page, write

PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
)
RANDOM_BYTES = bytes(range(256)) * 16


def only_rejection(result: IngestResult, path: str | Path) -> Rejected:
    matching = [r for r in result.rejected if r.path == str(path)]
    assert len(matching) == 1, result.rejected
    assert len(result.rejected) == 1, result.rejected
    rejection = matching[0]
    assert rejection.stage == "ingest"
    assert "\n" not in rejection.reason
    return rejection


def keys(result: IngestResult) -> list[str]:
    return [d.key for d in result.documents]


def test_empty_file(tmp_path: Path, good_file: Path) -> None:
    bad = write(tmp_path / "empty.txt", b"")
    result = read_inputs([tmp_path])
    assert keys(result) == [str(good_file)]
    reason = only_rejection(result, bad).reason
    assert "empty" in reason and "0 bytes" in reason


@pytest.mark.parametrize(
    ("name", "content", "looks_like"),
    [("photo.png", PNG_BYTES, "PNG image"), ("blob.bin", RANDOM_BYTES, "binary data (NUL bytes")],
)
def test_binary_file(
    tmp_path: Path, good_file: Path, name: str, content: bytes, looks_like: str
) -> None:
    bad = write(tmp_path / name, content)
    result = read_inputs([tmp_path])
    assert keys(result) == [str(good_file)]
    reason = only_rejection(result, bad).reason
    assert f"looks like {'a ' if 'PNG' in looks_like else ''}{looks_like}" in reason
    assert "remove it" in reason


def test_binary_bytes_in_a_txt_file(tmp_path: Path, good_file: Path) -> None:
    bad = write(tmp_path / "notes.txt", PNG_BYTES)
    result = read_inputs([tmp_path])
    assert keys(result) == [str(good_file)]
    assert "looks like a PNG image" in only_rejection(result, bad).reason


def test_file_over_max_file_bytes_is_rejected_without_reading_it(
    tmp_path: Path, good_file: Path
) -> None:
    bad = tmp_path / "huge.txt"
    with bad.open("wb") as out:
        out.write(b"A very long article begins here.\n")
        out.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, no time or disk spent
    tracemalloc.start()
    try:
        result = read_inputs([tmp_path])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000  # nowhere near the 50 MB it would take to read the file
    assert keys(result) == [str(good_file)]
    reason = only_rejection(result, bad).reason
    assert "52.4 MB" in reason and "20.0 MB" in reason
    assert "ingest_max_file_bytes" in reason


def test_invalid_utf8_text(tmp_path: Path, good_file: Path) -> None:
    bad = write(tmp_path / "latin.txt", "Caf\u00e9 owners protest new rules\n".encode("cp1252"))
    result = read_inputs([tmp_path])
    assert keys(result) == [str(good_file)]
    reason = only_rejection(result, bad).reason
    assert "not valid UTF-8" in reason
    assert "0xE9 at offset 3" in reason
    assert "iconv -f cp1252 -t utf-8" in reason


def test_truncated_gzip(tmp_path: Path, good_file: Path) -> None:
    packed = gzip.compress(article_page().encode())
    bad = write(tmp_path / "page.html.gz", packed[: len(packed) // 2])
    result = read_inputs([tmp_path])
    assert keys(result) == [str(good_file)]
    reason = only_rejection(result, bad).reason
    assert "gzip data is truncated" in reason and "again" in reason


def test_malformed_html_without_article_text(tmp_path: Path, good_file: Path) -> None:
    bad = write(tmp_path / "broken.html", "<html><body><div><p><b></div></span><table><tr></tbody")
    result = read_inputs([tmp_path])
    assert keys(result) == [str(good_file)]
    assert "no article text" in only_rejection(result, bad).reason


def test_jsonl_line_that_is_not_json(tmp_path: Path, good_file: Path) -> None:
    lines = [
        '{"title": "Dam repairs finished", "text": "Workers finished repairing the dam wall."}',
        "{this is not json",
        '{"title": "School reopens", "text": "The village school reopened after the flood."}',
    ]
    bad = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    result = read_inputs([tmp_path])
    assert keys(result) == [f"{bad}#0", f"{bad}#2", str(good_file)]
    reason = only_rejection(result, f"{bad}:2").reason
    assert "line 2 is not valid JSON" in reason and "fix or remove" in reason


def test_directory_loop(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    good = write(corpus / "sub" / "good.txt", GOOD_TEXT)
    (corpus / "sub" / "back").symlink_to(corpus, target_is_directory=True)
    result = read_inputs([corpus])
    assert keys(result) == [str(good)]
    reason = only_rejection(result, corpus / "sub" / "back").reason
    assert "folder loop" in reason and str(corpus) in reason


def test_missing_path(tmp_path: Path, good_file: Path) -> None:
    missing = tmp_path / "nowhere" / "report.txt"
    result = read_inputs([good_file, missing])
    assert keys(result) == [str(good_file)]
    assert "no such file or directory" in only_rejection(result, missing).reason


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="running as root, which can read any file whatever its permissions",
)
def test_permission_denied(tmp_path: Path, good_file: Path) -> None:
    bad = write(tmp_path / "secret.txt", GOOD_TEXT)
    bad.chmod(0)
    try:
        result = read_inputs([tmp_path])
    finally:
        bad.chmod(0o644)
    assert keys(result) == [str(good_file)]
    assert "permission denied" in only_rejection(result, bad).reason


def test_all_bad_cases_together_still_read_the_good_files(tmp_path: Path) -> None:
    folder = tmp_path / "pile"
    good_text = write(folder / "a-good.txt", GOOD_TEXT)
    good_page = write(folder / "b-good.html", article_page())
    write(folder / "empty.txt", b"")
    write(folder / "photo.png", PNG_BYTES)
    with (folder / "huge.txt").open("wb") as out:
        out.write(b"Big.\n")
        out.truncate(50 * 1024 * 1024)
    write(folder / "latin.txt", "Caf\u00e9\n".encode("cp1252"))
    packed = gzip.compress(article_page().encode())
    write(folder / "cut.html.gz", packed[: len(packed) // 2])
    write(folder / "broken.html", "<html><body><div><p><b></div></span>")
    write(folder / "lines.jsonl", "{not json\n")
    (folder / "loop").symlink_to(folder, target_is_directory=True)

    result = read_inputs([folder])

    assert keys(result) == [str(good_text), str(good_page)]
    rejected = {Path(r.path).name: r.reason for r in result.rejected}
    assert set(rejected) == {
        "empty.txt",
        "photo.png",
        "huge.txt",
        "latin.txt",
        "cut.html.gz",
        "broken.html",
        "lines.jsonl:1",
        "loop",
    }
    assert all("\n" not in reason for reason in rejected.values())


def test_permission_denied_reason_even_as_root(
    tmp_path: Path, good_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root reads anything, so the OS error is simulated where the file is first opened.
    import newsfuse.ingest._read as read_module

    bad = write(tmp_path / "secret.txt", GOOD_TEXT)
    real_starts_gzipped = read_module.starts_gzipped

    def denied(path: Path) -> bool:
        if path == bad:
            raise PermissionError(13, "Permission denied", str(path))
        return real_starts_gzipped(path)

    monkeypatch.setattr(read_module, "starts_gzipped", denied)
    result = read_inputs([tmp_path])
    assert keys(result) == [str(good_file)]
    reason = only_rejection(result, bad).reason
    assert "permission denied" in reason and "chmod" in reason


def record_spans(data: bytes) -> list[tuple[int, int]]:
    """(offset, length) of each record of a WARC file, as warcio finds them."""
    from warcio.archiveiterator import ArchiveIterator

    archive = ArchiveIterator(io.BytesIO(data))
    spans = []
    for record in archive:
        record.content_stream().read()
        spans.append((archive.get_record_offset(), archive.get_record_length()))
    return spans


@pytest.mark.parametrize("gzipped", [True, False])
# record 5 in the file is response #3, record 6 is response #4 (see build_warc)
@pytest.mark.parametrize(("cut_record", "kept"), [(5, ["#0"]), (6, ["#0", "#3"])])
def test_truncated_warc_keeps_the_pages_before_the_cut(
    tmp_path: Path, gzipped: bool, cut_record: int, kept: list[str]
) -> None:
    from .test_warc import build_warc

    whole = build_warc(tmp_path / "whole", gzip=gzipped).read_bytes()
    offset, length = record_spans(whole)[cut_record]
    cut = write(tmp_path / "cut.warc", whole[: offset + length // 2])
    result = read_inputs([cut])
    assert keys(result) == [f"{cut}{suffix}" for suffix in kept]
    [rejection] = result.rejected  # never silently shorter: warcio alone would say nothing
    assert rejection.path.startswith(str(cut))
    assert "cut short" in rejection.reason and "download it again" in rejection.reason


def test_bugs_are_not_turned_into_rejections(
    tmp_path: Path, good_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsfuse.ingest._read as read_module
    from newsfuse.ingest._formats import Format

    def buggy_reader(*_: object) -> None:
        raise TypeError("a programming error")

    monkeypatch.setitem(read_module.READERS, Format.TEXT, buggy_reader)
    with pytest.raises(TypeError, match="a programming error"):
        read_inputs([good_file])


def test_problem_lines_name_the_file(tmp_path: Path, good_file: Path) -> None:
    bad = write(tmp_path / "empty.txt", b"")
    assert read_inputs([tmp_path]).problem_lines() == [
        f"{bad}: is empty (0 bytes); check that it was written completely"
    ]
