"""The command line, run as a user runs it: exit codes, one-line errors, where output went."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

GOOD = (
    "Harbour ferry resumes crossings after storm\n\n"
    "The harbour ferry resumed its morning crossings on Tuesday after two days of high winds, "
    "the operator said, and asked passengers to arrive early because of a freight backlog.\n"
)
GOOD_RECORD = {
    "title": "Library extends opening hours",
    "text": "The city library will stay open until nine in the evening from next month, the "
    "council said, after a survey of readers asked for later hours.",
    "published": "2024-03-02",
    "outlet": "Town Crier",
}


def newsfuse(*args: str, cwd: Path, **environ: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", **environ}
    return subprocess.run(
        [sys.executable, "-m", "newsfuse.cli", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def bad_inputs(folder: Path) -> dict[str, str]:
    """One of each kind of bad input the product must survive; returns {path: word in reason}."""
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    with (folder / "huge.txt").open("wb") as handle:
        handle.write(b"A very long article.\n")
        handle.truncate(50 * 1024 * 1024)
    (folder / "latin1.txt").write_bytes("Caf\xe9 owners protest new rules.\n".encode("latin-1"))
    packed = gzip.compress(("<html><body><p>" + "word " * 400 + "</p></body></html>").encode())
    (folder / "cut.html.gz").write_bytes(packed[: len(packed) // 2])
    (folder / "broken.html").write_text("<html><<body><div class=<p>>>></html", "utf-8")
    lines = [json.dumps(GOOD_RECORD), "{not json at all", json.dumps({**GOOD_RECORD, "title": "B"})]
    (folder / "records.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    (folder / "loop").mkdir()
    (folder / "loop" / "back").symlink_to(folder, target_is_directory=True)
    return {
        "empty.txt": "empty",
        "photo.txt": "PNG",
        "huge.txt": "MB",
        "latin1.txt": "UTF-8",
        "cut.html.gz": "truncated",
        "broken.html": "no article text",
        "records.jsonl:2": "not valid JSON",
        "loop/back": "loop",
    }


def test_every_bad_input_gives_one_line_and_a_rejected_entry_and_good_files_are_analyzed(
    tmp_path: Path,
):
    inputs = tmp_path / "in"
    expected = bad_inputs(inputs)
    (inputs / "good.txt").write_text(GOOD, "utf-8")
    result = newsfuse("analyze", str(inputs), "--out", str(tmp_path / "out"), "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("rejected: ")]
    assert len(lines) == len(expected), result.stderr
    for name, word in expected.items():
        hits = [line for line in lines if f"{inputs}/{name}:" in line]
        assert len(hits) == 1, (name, lines)
        assert word in hits[0], (name, hits[0])
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert len(report["rejected"]) == len(expected)
    titles = sorted(a["title"] for a in report["articles"])
    assert titles == ["B", "Harbour ferry resumes crossings after storm", GOOD_RECORD["title"]]
    assert f"Report: {tmp_path / 'out' / 'index.html'}" in result.stdout
    assert "Briefs for 2 stories" in result.stdout


def test_no_readable_input_fails_with_one_line(tmp_path: Path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = newsfuse("analyze", str(tmp_path / "empty.txt"), "--out", "out", "-q", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("newsfuse: error: no readable articles")
    assert "empty.txt: is empty" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["analyze", "x.txt", "--set", "nlp_batchsize=3"], "unknown option 'nlp_batchsize'"),
        (["analyze", "x.txt", "--set", "nlp_batch_size"], "--set expects NAME=VALUE"),
        (["analyze", "x.txt", "--set", "brief_sentences=-1"], "brief.sentences must be >= 0"),
        (["eval", "nosuchtask", "--data", "."], "unknown eval task"),
        (["eval", "extraction", "--data", "missing-folder"], "does not exist"),
    ],
)
def test_usage_errors_exit_non_zero_with_one_line(tmp_path: Path, args, message):
    (tmp_path / "x.txt").write_text(GOOD, "utf-8")
    result = newsfuse(*args, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("newsfuse: error: ") and message in result.stderr


def test_an_unknown_embedding_backend_fails_before_any_work(tmp_path: Path):
    (tmp_path / "x.txt").write_text(GOOD, "utf-8")
    result = newsfuse(
        "analyze", "x.txt", "--out", "out", "-q", cwd=tmp_path, NEWSFUSE_EMBEDDER="onnx8"
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("newsfuse: error: NEWSFUSE_EMBEDDER='onnx8'")
    assert "onnx-int8" in result.stderr  # the error lists the backends there are
    assert not (tmp_path / "out").exists()


def test_eval_prints_metric_lines_then_one_json_line_and_writes_predictions(tmp_path: Path):
    data = tmp_path / "zyte"
    (data / "html").mkdir(parents=True)
    body = (
        "The harbour ferry resumed its morning crossings on Tuesday after two days of high winds, "
        "the operator said. Passengers were asked to arrive early because of a freight backlog."
    )
    page = f"<html><head><title>Ferry</title></head><body><article><h1>Ferry resumes</h1><p>{body}</p></article></body></html>"
    (data / "html" / "p1.html.gz").write_bytes(gzip.compress(page.encode()))
    (data / "ground-truth.json").write_text(
        json.dumps({"p1": {"articleBody": body, "url": "https://news.example/p1"}})
    )
    out = tmp_path / "pred.json"
    result = newsfuse(
        "eval", "extraction", "--data", str(data), "--predictions", str(out), "-q", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    summary = json.loads(lines[-1])
    assert summary["task"] == "extraction"
    assert lines[0].startswith("f1: ")
    assert summary["f1"] > 0.9
    assert json.loads(out.read_text())["p1"]["articleBody"].startswith("The harbour ferry")


def test_state_carries_story_ids_from_one_run_to_the_next(tmp_path: Path):
    monday, tuesday = tmp_path / "monday", tmp_path / "tuesday"
    monday.mkdir()
    tuesday.mkdir()
    (monday / "ferry.txt").write_text("date: 2024-03-05\n" + GOOD, "utf-8")
    (tuesday / "ferry-again.txt").write_text(
        "date: 2024-03-06\nHarbour ferry crossings back to normal\n\n"
        "The harbour ferry ran its morning crossings on time on Wednesday, a day after it resumed "
        "service following two days of high winds, and the operator said the freight backlog "
        "had cleared.\n",
        "utf-8",
    )
    state = tmp_path / "stories.sqlite"
    ids = []
    for day in (monday, tuesday):
        result = newsfuse(
            "analyze", str(day), "--state", str(state), "--out", str(tmp_path / day.name), "-q",
            cwd=tmp_path,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert f"Stories state: {state}" in result.stdout
        report = json.loads((tmp_path / day.name / "report.json").read_text("utf-8"))
        ids.append([s["id"] for s in report["stories"]])
    assert ids[0] == ids[1] and len(ids[0]) == 1


def test_a_state_file_that_is_not_sqlite_fails_with_one_line(tmp_path: Path):
    (tmp_path / "x.txt").write_text(GOOD, "utf-8")
    (tmp_path / "notes.txt").write_text("not a database\n" * 50, "utf-8")
    result = newsfuse(
        "analyze", "x.txt", "--state", "notes.txt", "--out", "out", "-q", cwd=tmp_path
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert "notes.txt" in result.stderr and "cannot open it as SQLite" in result.stderr
