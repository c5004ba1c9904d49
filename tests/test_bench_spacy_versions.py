"""The spaCy release benchmark: a saved run compares with a new one on the same texts, and bad
input fails in one line naming it, before any timing."""

import json
import sys
from pathlib import Path

import pytest

from tests._scripts import load_script

bench = load_script("bench_spacy_versions")


def _main(monkeypatch, *args):
    monkeypatch.setattr(sys, "argv", ["bench_spacy_versions.py", *args])
    bench.main()


def _articles(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):
        (folder / f"{i}.txt").write_text(
            f"Mayor Ana Lopez opened the new bridge in Porto on day {i}. "
            "Engineers from Lisbon had worked on it for three years."
        )
    return folder


def test_a_saved_run_compares_with_a_run_on_the_same_texts(monkeypatch, tmp_path, capsys):
    data = _articles(tmp_path / "articles", 3)
    saved = tmp_path / "run.json"
    _main(monkeypatch, "--data", str(data), "--repeats", "1", "--save", str(saved))
    run = json.loads(saved.read_text())
    assert run["texts"] == 3 and len(run["entities"]) == 3
    assert any(label == "PERSON" for doc in run["entities"] for _, _, label in doc)
    _main(monkeypatch, "--data", str(data), "--repeats", "1", "--compare", str(saved))
    assert "entities identical" in capsys.readouterr().out


def test_a_saved_run_of_other_texts_is_refused(monkeypatch, tmp_path):
    saved = tmp_path / "run.json"
    other = {"spacy": "3.8.0", "texts_sha256": "0", "entities_s": 1, "full_s": 1, "entities": []}
    saved.write_text(json.dumps(other))
    data = _articles(tmp_path / "articles", 2)
    with pytest.raises(SystemExit, match=f"{saved} timed other texts"):
        _main(monkeypatch, "--data", str(data), "--compare", str(saved))


@pytest.mark.parametrize("content", [None, "not json", '{"spacy": "3.8.7"}'])
def test_a_compare_file_that_is_missing_or_not_a_saved_run_is_refused(
    monkeypatch, tmp_path, content
):
    saved = tmp_path / "run.json"
    if content is not None:
        saved.write_text(content)
    with pytest.raises(SystemExit, match=f"bench_spacy_versions: .*{saved.name}"):
        _main(monkeypatch, "--data", str(tmp_path), "--compare", str(saved))


def test_a_folder_without_text_files_is_refused(monkeypatch, tmp_path):
    with pytest.raises(SystemExit, match=f"no .txt files under {tmp_path}"):
        _main(monkeypatch, "--data", str(tmp_path))
