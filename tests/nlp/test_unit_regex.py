"""quantulum3's quantity pattern with its unit names as a trie finds exactly what quantulum3's own
pattern finds, group by group."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsfuse.nlp import _unit_regex, quantities

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    quantities.load()  # installs the trie pattern
    if _unit_regex.quantulums_own is None:
        pytest.fail(
            "the trie pattern was not installed: is quantulum3 a release it was checked on?"
        )
    return _unit_regex.quantulums_own("en_US"), _unit_regex.trie_units_regex("en_US")


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], ...]]:
    return [
        tuple(match.span(group) for group in range(pattern.groups + 1))
        for match in pattern.finditer(text)
    ]


def _differences(patterns: tuple[re.Pattern[str], re.Pattern[str]], texts: list[str]) -> list[str]:
    own, trie = patterns
    return [text for text in texts if _matches(own, text) != _matches(trie, text)]


def test_quantulum3_reads_with_the_trie_pattern(patterns):
    import quantulum3.regex

    assert quantulum3.regex.units_regex is _unit_regex.trie_units_regex
    [found] = quantities.find_quantities("a flood that covered 1,150 square miles")
    assert (found.low, found.high, found.unit) == (1150, 1150, "square mile")


def test_same_matches_for_every_unit_name_in_every_case(patterns):
    from quantulum3 import load

    units = load.units("en_US")
    names = {*units.surfaces, *units.symbols, *units.prefix_symbols}
    texts = []
    for name in sorted(names):
        for form in sorted({name, name.lower(), name.upper(), name.title()}):
            texts += [
                f"5 {form} more",
                f"12.5 {form}s of",
                f"$4 {form}/{form} x",
                f"10 {form} per {form}",
                f"about 3{form} and",
            ]
    assert len(texts) > 20_000
    assert _differences(patterns, texts) == []


def test_same_matches_on_the_demo_corpus(patterns):
    lines = [
        line
        for path in sorted((ROOT / "examples").rglob("*"))
        if path.is_file() and path.suffix in {".txt", ".html", ".htm", ".xml", ".json"}
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
        if re.search(r"\d", line)
    ]
    assert len(lines) > 200
    assert _differences(patterns, lines) == []


def test_the_symbols_that_fold_together_match_as_one(patterns):
    # The micro sign and the Greek mu are one letter to an IGNORECASE pattern: a trie with both
    # as separate branches would stop at the first and read "Μsec" as two units.
    texts = ["5 \u00b5sec later", "5 \u03bcsec later", "5 \u039csec later", "9 \u2126 and 9 \u03a9"]
    assert _differences(patterns, texts) == []
