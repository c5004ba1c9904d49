"""Small original fixtures for the ingest tests, written into each test's tmp_path."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

GOOD_TEXT = (
    "Ferry service resumes after storm\n"
    "\n"
    "The harbour ferry resumed its morning crossings on Tuesday after two days of high winds, "
    "the operator said.\n"
    "\n"
    "Passengers were asked to arrive early because of a backlog of freight.\n"
)

PARAGRAPHS = (
    (
        "The old bridge over the river reopened on Monday after six months of repairs, the city "
        "council said in a statement published on its website."
    ),
    (
        "Engineers replaced the steel cables and resurfaced the road, and the council said "
        "traffic would be limited to cars for the first week while further checks were made."
    ),
    (
        "Local shop owners welcomed the news, saying the closure had cost them customers "
        "throughout the summer season."
    ),
)


def article_page(
    title: str = "Bridge reopens after repairs",
    paragraphs: tuple[str, ...] = PARAGRAPHS,
    head: str = "",
) -> str:
    """A small news page that trafilatura extracts reliably: chrome around one <article>."""
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (
        f"<!DOCTYPE html>\n<html><head><title>{title}</title>{head}</head>\n<body>"
        "<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>\n"
        f"<article><h1>{title}</h1>\n{body}</article>\n"
        "<footer>All rights reserved.</footer></body></html>\n"
    )


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def write_gz(path: Path, content: str | bytes) -> Path:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return write(path, gzip.compress(data))


@pytest.fixture
def good_file(tmp_path: Path) -> Path:
    """A readable text article, to sit next to each bad input."""
    return write(tmp_path / "good.txt", GOOD_TEXT)
