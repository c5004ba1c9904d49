"""The before/after speed script: bad input fails in one line naming it, and a run that fails
names the tree it ran."""

import sys
from pathlib import Path

import pytest

from tests._scripts import load_script

ROOT = Path(__file__).resolve().parents[1]
bench = load_script("bench_speed_change")


def _main(monkeypatch, *args):
    monkeypatch.setattr(sys, "argv", ["bench_speed_change.py", *args])
    bench.main()


def test_a_before_folder_without_newsfuse_is_refused(monkeypatch, tmp_path):
    with pytest.raises(SystemExit, match=f"{tmp_path} holds no newsfuse package"):
        _main(monkeypatch, "--before", str(tmp_path), "--data", str(tmp_path))


def test_data_that_is_not_a_folder_is_refused(monkeypatch, tmp_path):
    missing = tmp_path / "nowhere"
    with pytest.raises(SystemExit, match=f"{missing} is not a folder of articles"):
        _main(monkeypatch, "--before", str(ROOT / "src"), "--data", str(missing))


def test_a_failed_run_says_which_tree_failed(tmp_path):
    broken = tmp_path / "src"
    (broken / "newsfuse").mkdir(parents=True)
    (broken / "newsfuse" / "__init__.py").write_text("raise ImportError('broken tree')\n")
    with pytest.raises(SystemExit, match=r"a run failed \(.*src\): ImportError: broken tree"):
        bench._run(broken, tmp_path, 1)
