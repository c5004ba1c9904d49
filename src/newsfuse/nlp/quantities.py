"""Quantities in news text, with the interval their words allow, normalized to SI units.

"more than 3,000 square kilometres" and "over 1,150 square miles" must meet: each becomes an
interval (``low``, ``high``) in the unit as written and, through pint, in SI base units
(``si_low``, ``si_high``: m², here). Hedges widen or open the interval; vague counts become
ranges:

* exact ("30 miles"): a point; a range ("40-50 km", "between 40 and 50 km"): its ends;
* "about", "around", "roughly", "some", "approximately", "an estimated": ±10%;
  "nearly", "almost", "just under": up to 10% below; "just over": up to 10% above;
* "more than", "over", "above": above, open; "at least", "no fewer than": the value or above;
  "fewer than", "less than", "under", "below", "at most": below; "up to", "as many as", "as much as":
  the maximum reached, up to 10% below it;
* "a handful" 3–6, "a dozen" 12, "dozens" 24–99, "scores" 40–99, "hundreds" 200–999,
  "thousands" 2,000–9,999, "tens of thousands" 20,000–99,999, "hundreds of thousands"
  200,000–999,999, "millions" 2–9.99 million.

Numbers and units are found by quantulum3 (a maintained parser of quantities in English text);
conversion is pint's. Hedges and vague counts are ours: quantulum3 reports neither. Counts
(no unit) keep the noun they count ("5,000 marchers" → ``counted="marcher"``), so that 5,000
marchers and 5,000 police are not read as one figure.
"""

from __future__ import annotations

import math
import pickle
import re
import shutil
import sys
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsfuse.cache import default_cache_dir
from newsfuse.nlp._patterns import longest_first

__all__ = ["Quantity", "find_quantities", "load", "overlap"]

_TOLERANCE = 0.10  # what "about" allows either side
_TEMPERATURE_STEP = 1.0  # kelvin: 27 °C is written 80 °F (299.8 K against 300.15 K)


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int
    end: int  # exclusive; the hedge ("more than") is included
    text: str
    low: float
    high: float  # math.inf when open above ("more than 30")
    unit: str  # as quantulum3 names it ("square kilometre"); "" for a count
    dimension: str  # "length", "area", "mass", "temperature", "currency", "count", ...
    si_low: float | None  # in SI base units; None when the unit has no SI form (currency)
    si_high: float | None
    si_unit: str | None  # "meter ** 2", "kilogram", "" (a count)
    hedge: str | None = None  # "about", "more than", "dozens", "range", ...
    counted: str | None = None  # the noun a count counts, singular ("marcher")


# Hedge words before a number -> (low factor, high factor) of the stated value.
_HEDGES: dict[str, tuple[float, float]] = {
    "about": (1 - _TOLERANCE, 1 + _TOLERANCE),
    "around": (1 - _TOLERANCE, 1 + _TOLERANCE),
    "roughly": (1 - _TOLERANCE, 1 + _TOLERANCE),
    "some": (1 - _TOLERANCE, 1 + _TOLERANCE),
    "approximately": (1 - _TOLERANCE, 1 + _TOLERANCE),
    "an estimated": (1 - _TOLERANCE, 1 + _TOLERANCE),
    "estimated": (1 - _TOLERANCE, 1 + _TOLERANCE),
    "close to": (1 - _TOLERANCE, 1.0),
    "nearly": (1 - _TOLERANCE, 1.0),
    "almost": (1 - _TOLERANCE, 1.0),
    "just under": (1 - _TOLERANCE, 1.0),
    "just over": (1.0, 1 + _TOLERANCE),
    "more than": (1.0, math.inf),
    "over": (1.0, math.inf),
    "above": (1.0, math.inf),
    "upwards of": (1.0, math.inf),
    "in excess of": (1.0, math.inf),
    "at least": (1.0, math.inf),
    "no fewer than": (1.0, math.inf),
    "no less than": (1.0, math.inf),
    "fewer than": (0.0, 1.0),
    "less than": (0.0, 1.0),
    "under": (0.0, 1.0),
    "below": (0.0, 1.0),
    # News writes these for a figure that was reached ("advanced up to 50 km"): the maximum
    # stated, so "up to 50 km" and "as much as 50 miles" are different figures.
    "up to": (1 - _TOLERANCE, 1.0),
    "as many as": (1 - _TOLERANCE, 1.0),
    "as much as": (1 - _TOLERANCE, 1.0),
    "as large as": (1 - _TOLERANCE, 1.0),
    "as high as": (1 - _TOLERANCE, 1.0),
    "at most": (0.0, 1.0),
    "no more than": (0.0, 1.0),
}


_HEDGE = re.compile(r"\b(" + longest_first(_HEDGES) + r")\s+$", re.IGNORECASE)
# Vague counts -> (low, high).
_VAGUE: dict[str, tuple[float, float]] = {
    "a handful of": (3, 6),
    "a few hundred": (200, 500),
    "several hundred": (200, 900),
    "a few thousand": (2_000, 5_000),
    "several thousand": (2_000, 9_000),
    "a dozen": (12, 12),
    "dozens of": (24, 99),
    "scores of": (40, 99),
    "hundreds of": (200, 999),
    "thousands of": (2_000, 9_999),
    "tens of thousands of": (20_000, 99_999),
    "hundreds of thousands of": (200_000, 999_999),
    "millions of": (2_000_000, 9_999_999),
}
_VAGUE_RE = re.compile(
    r"\b(" + longest_first(_VAGUE) + r")\s+(?P<noun>[a-z][a-z-]*)",
    re.IGNORECASE,
)
# Units quantulum3 misses -> (name pint knows, dimension).
_EXTRA_UNITS = {"hectare": ("hectare", "area"), "ha": ("hectare", "area")}
_UNIT_AFTER = re.compile(r"\s*(hectares?|ha)\b", re.IGNORECASE)
_NOUN = re.compile(r"[\s-]*(?:more\s+|other\s+|additional\s+)?(?P<noun>[A-Za-z][a-z-]*)")
# Quantulum3 unit names that pint spells differently.
_PINT_NAMES = {
    "degree Celsius": "degC",
    "degree fahrenheit": "degF",
    "degree Fahrenheit": "degF",
    "pound-mass": "pound",
    "percentage": "percent",
    "metric ton": "tonne",
}


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, in order: numbers with or without units, and vague counts."""
    vague = [_vague(match) for match in _VAGUE_RE.finditer(text)]
    figures = [
        _quantity(text, parsed)
        for parsed in _parse(text)
        if parsed.surface.strip().lower().removeprefix("a ") not in _FRACTION_WORDS
    ]
    # "a few hundred fans": the vague phrase, not the figure "hundred" inside it.
    figures = [q for q in figures if not any(v.start < q.end and q.start < v.end for v in vague)]
    figures, vague = _scaled(text, figures, vague)
    return sorted(_join_ranges(text, figures) + vague, key=lambda q: q.start)


_SCALE_WORDS = {"hundreds of": 100.0, "thousands of": 1e3, "millions of": 1e6}


def _scaled(
    text: str, figures: list[Quantity], vague: list[Quantity]
) -> tuple[list[Quantity], list[Quantity]]:
    """ "45 thousands of inhabitants" (a translation's wording) is 45,000 inhabitants, not a
    figure 45 and a vague "thousands"."""
    kept_vague = []
    for v in vague:
        scale = _SCALE_WORDS.get(v.text.lower())
        before = next(
            (
                q
                for q in figures
                if scale and q.dimension == "count" and not text[q.end : v.start].strip()
            ),
            None,
        )
        if before is None or scale is None:
            kept_vague.append(v)
            continue
        figures[figures.index(before)] = Quantity(
            before.start, v.end, text[before.start : v.end], before.low * scale,
            before.high * scale, "", "count", before.low * scale, before.high * scale, "",
            before.hedge, v.counted,
        )  # fmt: skip
    return figures, kept_vague


def _vague(match: re.Match[str]) -> Quantity:
    low, high = _VAGUE[match.group(1).lower()]
    return Quantity(
        start=match.start(),
        end=match.start() + len(match.group(1)),
        text=match.group(1),
        low=low,
        high=high,
        unit="",
        dimension="count",
        si_low=low,
        si_high=high,
        si_unit="",
        hedge=match.group(1).lower().removesuffix(" of"),
        counted=_singular(match.group("noun")),
    )


def _join_ranges(text: str, found: list[Quantity]) -> list[Quantity]:
    """'$3 billion to $5 billion', '20 to 25 km': two figures of one unit joined by 'to', 'and'
    (after 'between') or a dash are one range."""
    out: list[Quantity] = []
    for q in found:
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.unit == q.unit
            and previous.hedge in (None, "range")
            and q.hedge is None
            and _RANGE_JOIN.fullmatch(text[previous.end : q.start])
            and previous.low <= q.high
        ):
            out[-1] = Quantity(
                previous.start, q.end, text[previous.start : q.end], previous.low, q.high,
                q.unit, q.dimension, previous.si_low, q.si_high, q.si_unit, "range", q.counted,
            )  # fmt: skip
            continue
        out.append(q)
    return out


_DASHED_RANGE = re.compile(
    r"[$€£]?(\d[\d,]*(?:\.\d+)?)\s*[-–—]\s*[$€£]?(\d[\d,]*(?:\.\d+)?)"
    r"(?:\s*(thousand|million|billion|trillion))?"
)
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


def _ends(dashed: re.Match[str]) -> tuple[float, float]:
    scale = _SCALES.get((dashed.group(3) or "").lower(), 1.0)
    return (
        float(dashed.group(1).replace(",", "")) * scale,
        float(dashed.group(2).replace(",", "")) * scale,
    )


_RANGE_JOIN = re.compile(r"\s*(?:to|and|-|–|—)\s*")


def overlap(a: Quantity, b: Quantity, tolerance: float = 0.05) -> bool | None:
    """Whether two quantities can state the same amount: their SI intervals, each widened by
    ``tolerance`` (rounding in conversions: 30 miles is written 48 km), overlap. None when they
    measure different things (a length and an area; marchers and police)."""
    if a.dimension != b.dimension:
        return None
    if a.dimension == "currency":
        # No exchange rates offline: amounts compare only in the same currency.
        if a.unit != b.unit:
            return None
        return _meet((a.low, a.high), (b.low, b.high), tolerance)
    if a.si_unit != b.si_unit or None in (a.si_low, a.si_high, b.si_low, b.si_high):
        return None
    if a.dimension == "count" and a.counted and b.counted and a.counted != b.counted:
        return None
    assert a.si_low is not None and a.si_high is not None
    assert b.si_low is not None and b.si_high is not None
    if a.dimension == "temperature":
        # Relative to absolute zero, 5% would be 15 degrees: allow a rounding step instead.
        step = _TEMPERATURE_STEP
        return a.si_low - step <= b.si_high + step and b.si_low - step <= a.si_high + step
    return _meet((a.si_low, a.si_high), (b.si_low, b.si_high), tolerance)


def _meet(a: tuple[float, float], b: tuple[float, float], tolerance: float) -> bool:
    """Whether two intervals, each widened by ``tolerance`` of its ends, overlap."""
    low_a, high_a = a[0] - abs(a[0]) * tolerance, a[1] + abs(a[1]) * tolerance
    low_b, high_b = b[0] - abs(b[0]) * tolerance, b[1] + abs(b[1]) * tolerance
    return low_a <= high_b and low_b <= high_a


def load() -> None:
    """Load quantulum3's unit tables, compile its patterns and build pint's registry now (~2 s
    in all, once per process) rather than on the first text read."""
    find_quantities("about 30 miles")


@lru_cache(maxsize=1)
def _parser() -> Any:
    _import_inflect_unchecked()
    # The disambiguation classifier shipped with quantulum3 was pickled with an older
    # scikit-learn and does not load with ours; its rule-based disambiguation is used instead.
    import quantulum3.classifier
    from quantulum3 import parser

    from newsfuse.nlp import _quantulum

    quantulum3.classifier.USE_CLF = False
    _quantulum.install()  # the same results, faster
    return parser


def _import_inflect_unchecked() -> None:
    """Import inflect (quantulum3 pluralizes unit names with it) without typeguard's checks.

    inflect marks 23 methods of its engine ``@typechecked``. At import that decorator reparses,
    rewrites and recompiles inflect's whole 4,000-line module once per method, and every call
    then checks its arguments: together more than half of quantulum3's load (about 5 of 9
    seconds on a slow core, in every run). The checks are a development aid, and typeguard
    itself skips them under ``python -O``; this gives inflect that behaviour and leaves
    typeguard as it was for everything else.
    """
    if "inflect" in sys.modules:
        return
    try:
        import typeguard
    except ImportError:  # an inflect that does not use typeguard
        return
    checked = typeguard.typechecked
    typeguard.typechecked = _unchecked  # type: ignore[assignment]
    try:
        import inflect  # noqa: F401
    finally:
        typeguard.typechecked = checked


def _unchecked(target: Any = None, **_: Any) -> Any:
    """``typeguard.typechecked`` as it is under ``python -O``: the target unchanged."""
    return target if target is not None else _unchecked


# quantulum3 reads the article in "a $40 billion" as the number one; blanking it (same length,
# so offsets hold) keeps the figure whole.
_ARTICLE_BEFORE_NUMBER = re.compile(r"\b(?:a|an)\s(?=[$€£]?\d)", re.IGNORECASE)


# quantulum3 adds the ends of "$20–22 billion" (an en dash) instead of reading a range.
_DASH_BETWEEN_DIGITS = re.compile(r"(?<=\d)[–—](?=[$€£]?\d)")
# Fraction words alone ("a quarter of the harvest") are shares, not amounts of anything.
_FRACTION_WORDS = frozenset({"quarter", "half", "third", "quarters", "halves", "thirds"})


def _parse(text: str) -> list[Any]:
    cleaned = _ARTICLE_BEFORE_NUMBER.sub(lambda m: " " * len(m.group()), text)
    cleaned = _DASH_BETWEEN_DIGITS.sub("-", cleaned)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return list(_parser().parse(cleaned))


def _quantity(text: str, parsed: Any) -> Quantity:
    start, end = parsed.span
    value = float(parsed.value)
    low = high = value
    hedge = None
    if parsed.uncertainty:
        low, high = value - float(parsed.uncertainty), value + float(parsed.uncertainty)
        hedge = "range"
    elif (dashed := _DASHED_RANGE.match(text, start)) and _ends(dashed)[0] < _ends(dashed)[1]:
        # "$20–22 billion": quantulum3 adds the two ends; both carry the multiplier. (A score
        # such as "3-1" is not a range.)
        low, high = _ends(dashed)
        hedge = "range"
    match = _HEDGE.search(text[max(0, start - 20) : start])
    if match:
        hedge = match.group(1).lower()
        low_factor, high_factor = _HEDGES[hedge]
        low, high = low * low_factor, high * high_factor
        start -= len(match.group(0))
    unit = parsed.unit.name if parsed.unit.name != "dimensionless" else ""
    dimension = parsed.unit.entity.name if unit else "count"
    if unit == "pound sterling" and "£" not in parsed.surface and "GBP" not in parsed.surface:
        # "1,100 pounds of cocaine": written out without £, news means weight.
        unit, dimension = "pound-mass", "mass"
    elif not unit and (written := _UNIT_AFTER.match(text, end)):
        # Units quantulum3 does not know ("10,000 hectares").
        unit, dimension = _EXTRA_UNITS[written.group(1).lower().rstrip("s")]
        end = written.end()
    si_low, si_high, si_unit = _to_si(unit, low, high)
    counted = None
    if not unit:
        noun = _NOUN.match(text, end)
        counted = _singular(noun.group("noun")) if noun else None
    return Quantity(
        start, end, text[start:end], low, high, unit, dimension, si_low, si_high, si_unit,
        hedge, counted,
    )  # fmt: skip


def _to_si(unit: str, low: float, high: float) -> tuple[float | None, float | None, str | None]:
    if not unit:
        return low, high, ""
    from pint.errors import PintError

    registry = _registry()
    name = _PINT_NAMES.get(unit, unit)
    name = re.sub(r"^square (.+)$", r"(\1) ** 2", name)
    name = re.sub(r"^cubic (.+)$", r"(\1) ** 3", name)
    try:
        converted = [
            registry.Quantity(v, name).to_base_units() if math.isfinite(v) else None
            for v in (low, high)
        ]
    except (PintError, ValueError, AttributeError, TypeError, SyntaxError):
        return None, None, None  # a unit pint does not know: kept as written, not normalized
    known = [c for c in converted if c is not None]
    si_unit = str(known[0].units) if known else None
    si = [float(c.magnitude) if c is not None else math.inf for c in converted]
    return si[0], si[1], si_unit


@lru_cache(maxsize=1)
def _registry() -> Any:
    return unit_registry(default_cache_dir() / "pint")


def unit_registry(cache: Path | None) -> Any:
    """pint's unit registry. pint parses its unit definitions on every start (~0.4 s); with a
    ``cache`` folder it keeps them parsed there and reads them back (~0.06 s). A cache that
    cannot be used (unwritable, or left half-written by a run that was stopped) is removed
    and the definitions are parsed as without one."""
    import pint

    if cache is not None:
        try:
            return pint.UnitRegistry(cache_folder=cache)
        except (OSError, EOFError, ValueError, pickle.UnpicklingError):
            shutil.rmtree(cache, ignore_errors=True)
    return pint.UnitRegistry()


def _singular(noun: str) -> str:
    noun = noun.lower()
    for plural, singular in (("ies", "y"), ("ves", "f"), ("sses", "ss"), ("s", "")):
        if noun.endswith(plural) and len(noun) > len(plural) + 2:
            return noun[: -len(plural)] + singular
    return noun
