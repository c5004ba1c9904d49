"""The test suite's own guard: a hanging test fails by name instead of holding a CI run until its
time limit (pytest-timeout, configured in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_HANGING_TEST = """
import threading

def test_waits_for_ever():
    threading.Event().wait()  # a lock that is never released, as a dead worker's would be
"""


def test_the_suite_sets_a_per_test_timeout():
    options = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]
    assert 60 <= int(options["timeout"]) <= 1800
    assert options["timeout_method"] == "thread"


def test_a_hanging_test_fails_by_name(tmp_path: Path):
    (tmp_path / "test_hang.py").write_text(_HANGING_TEST)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--timeout=2", "test_hang.py"],
        check=False,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    out = done.stdout + done.stderr
    assert done.returncode != 0
    assert "Timeout" in out and "test_waits_for_ever" in out, out[-2000:]
