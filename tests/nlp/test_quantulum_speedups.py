"""quantulum3 made faster finds exactly what quantulum3 finds: the quantity pattern with its unit
names as a trie (group by group), and unit disambiguation with its training words grouped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsfuse.nlp import _quantulum, quantities

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    quantities.load()  # installs the faster functions
    if "units_regex" not in _quantulum.quantulums_own:
        pytest.fail("not installed: is quantulum3 a release the faster functions were checked on?")
    return _quantulum.quantulums_own["units_regex"]("en_US"), _quantulum.trie_units_regex("en_US")


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], ...]]:
    return [
        tuple(match.span(group) for group in range(pattern.groups + 1))
        for match in pattern.finditer(text)
    ]


def _differences(patterns: tuple[re.Pattern[str], re.Pattern[str]], texts: list[str]) -> list[str]:
    own, trie = patterns
    return [text for text in texts if _matches(own, text) != _matches(trie, text)]


def test_quantulum3_reads_with_the_trie_pattern(patterns):
    import quantulum3.no_classifier
    import quantulum3.regex

    assert quantulum3.regex.units_regex is _quantulum.trie_units_regex
    assert (
        quantulum3.no_classifier.disambiguate_no_classifier is _quantulum.disambiguate_no_classifier
    )
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


def _demo_lines() -> list[str]:
    return [
        line
        for path in sorted((ROOT / "examples").rglob("*"))
        if path.is_file() and path.suffix in {".txt", ".html", ".htm", ".xml", ".json"}
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
    ]


def test_same_matches_on_the_demo_corpus(patterns):
    lines = [line for line in _demo_lines() if re.search(r"\d", line)]
    assert len(lines) > 200
    assert _differences(patterns, lines) == []


def test_the_symbols_that_fold_together_match_as_one(patterns):
    # The micro sign and the Greek mu are one letter to an IGNORECASE pattern: a trie with both
    # as separate branches would stop at the first and read "Μsec" as two units.
    texts = ["5 \u00b5sec later", "5 \u03bcsec later", "5 \u039csec later", "9 \u2126 and 9 \u03a9"]
    assert _differences(patterns, texts) == []


def test_disambiguation_picks_the_same_unit_for_every_ambiguous_surface(patterns):
    from quantulum3 import load

    own = _quantulum.quantulums_own["disambiguate_no_classifier"]
    units = load.units("en_US")
    ambiguous = {
        surface: list(found) for surface, found in units.surfaces.items() if len(found) > 1
    }
    # Windows of text as the claims stage passes (the faster function looks their substrings
    # up), and whole training texts (it tests each word against them).
    training = [entry["text"] for entry in load.training_set("en_US")]
    texts = [text[:90] for text in training[::10]] + training[::160]
    texts += ["", "the ship carried 40 tons of grain across the Atlantic to Liverpool"]
    assert ambiguous and len(texts) > 20
    checked = 0
    for candidates in ambiguous.values():
        for order in (candidates, candidates[::-1]):  # ties go to the first
            for text in texts:
                fast = _quantulum.disambiguate_no_classifier(order, text)
                assert fast is own(order, text), (order, text)
                checked += 1
    assert checked > 500


def _spelled(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    # quantulum3 reads the whole match and its span, never a group
    return [match.span() for match in pattern.finditer(text)]


def test_the_spelled_number_pattern_matches_what_quantulum3s_own_does(patterns):
    import quantulum3.regex

    assert quantulum3.regex.text_pattern_reg is _quantulum.spelled_numbers_regex
    own = _quantulum.quantulums_own["text_pattern_reg"]("en_US")
    fast = _quantulum.spelled_numbers_regex("en_US")
    assert fast.pattern != own.pattern
    words = [w for w in quantulum3.regex.numberwords("en_US") if w]
    texts = []
    for word in words:
        for form in {word, word.upper(), word.title()}:
            texts += [
                f"{form}",
                f"about {form} people",
                f"{form}-{form} & {form},{form}",
                f"2 {form} and a half",
                f"({form}) {form}s x{form} {form}x",
                f"twenty-{form} thousand, {form} hundred and {form}.",
                f"some {form} million years, 3.5 {form}",
            ]
    texts += ["", " & ", "a & b", ",, - ,", "one and a half dozen & 5", "Area51 two"]
    lines = _demo_lines()
    assert len(words) > 50 and len(lines) > 1000
    assert [t for t in texts + lines if _spelled(own, t) != _spelled(fast, t)] == []
    assert sum(len(_spelled(fast, t)) for t in texts) > 1000
