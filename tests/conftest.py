"""Shared fixtures. Evaluation data lives beside the repository in ../shared/datasets."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "examples" / "kharkiv-2022"
DATASETS = Path(os.environ.get("NEWSFUSE_DATASETS", REPO.parent / "shared" / "datasets"))


def dataset(name: str) -> Path:
    """Path of one public evaluation dataset, or skip the test saying what is missing."""
    path = DATASETS / name
    if not path.exists():
        pytest.skip(f"evaluation data {path} is absent (set NEWSFUSE_DATASETS to its folder)")
    return path


@pytest.fixture
def demo_corpus() -> Path:
    if not DEMO.exists():
        pytest.skip(f"demo corpus {DEMO} is missing")
    return DEMO
