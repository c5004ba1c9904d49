"""Quantities in news text, with the interval their words allow, normalized to SI units.

"more than 3,000 square kilometres" and "over 1,150 square miles" must meet: each becomes an
interval (``low``, ``high``) in the unit as written and, through pint, in SI base units
(``si_low``, ``si_high``: m², here). Hedges widen or open the interval; vague counts become
ranges:

* exact ("30 miles"): a point; a range ("40-50 km", "between 40 and 50 km"): its ends;
* "about", "around", "roughly", "some", "approximately", "an estimated": ±10%;
  "nearly", "almost", "just under": up to 10% below; "just over": up to 10% above;
* "more than", "over", "above": above, open; "at least", "no fewer than": the value or above;
  "fewer than", "less than", "under", "below": below; "up to", "as many as": the value or below;
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
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = ["Quantity", "find_quantities", "overlap"]

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
    "up to": (0.0, 1.0),
    "as many as": (0.0, 1.0),
    "as much as": (0.0, 1.0),
    "at most": (0.0, 1.0),
    "no more than": (0.0, 1.0),
}
_HEDGE = re.compile(
    r"\b(" + "|".join(sorted((re.escape(h) for h in _HEDGES), key=len, reverse=True)) + r")\s+$",
    re.IGNORECASE,
)
# Vague counts -> (low, high).
_VAGUE: dict[str, tuple[float, float]] = {
    "a handful of": (3, 6),
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
    r"\b(" + "|".join(sorted((re.escape(v) for v in _VAGUE), key=len, reverse=True)) + r")"
    r"\s+(?P<noun>[a-z][a-z-]*)",
    re.IGNORECASE,
)
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
    found = [_quantity(text, parsed) for parsed in _parse(text)]
    taken = [(q.start, q.end) for q in found]
    for match in _VAGUE_RE.finditer(text):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        low, high = _VAGUE[match.group(1).lower()]
        found.append(
            Quantity(
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
        )
    return sorted(found, key=lambda q: q.start)


def overlap(a: Quantity, b: Quantity, tolerance: float = 0.05) -> bool | None:
    """Whether two quantities can state the same amount: their SI intervals, each widened by
    ``tolerance`` (rounding in conversions: 30 miles is written 48 km), overlap. None when they
    measure different things (a length and an area; marchers and police)."""
    if a.dimension != b.dimension or a.si_unit != b.si_unit or a.si_low is None:
        return None
    if b.si_low is None or a.si_high is None or b.si_high is None:
        return None
    if a.dimension == "count" and a.counted and b.counted and a.counted != b.counted:
        return None
    low_a, high_a = _widen(a, tolerance)
    low_b, high_b = _widen(b, tolerance)
    return low_a <= high_b and low_b <= high_a


def _widen(q: Quantity, tolerance: float) -> tuple[float, float]:
    assert q.si_low is not None and q.si_high is not None
    if q.dimension == "temperature":
        # Relative to absolute zero, 5% would be 15 degrees: allow a rounding step instead.
        return q.si_low - _TEMPERATURE_STEP, q.si_high + _TEMPERATURE_STEP
    return q.si_low - abs(q.si_low) * tolerance, q.si_high + abs(q.si_high) * tolerance


@lru_cache(maxsize=1)
def _parser() -> Any:
    # The disambiguation classifier shipped with quantulum3 was pickled with an older
    # scikit-learn and does not load with ours; its rule-based disambiguation is used instead.
    import quantulum3.classifier
    from quantulum3 import parser

    quantulum3.classifier.USE_CLF = False
    return parser


# quantulum3 reads the article in "a $40 billion" as the number one; blanking it (same length,
# so offsets hold) keeps the figure whole.
_ARTICLE_BEFORE_NUMBER = re.compile(r"\b(?:a|an)\s(?=[$€£]?\d)", re.IGNORECASE)


def _parse(text: str) -> list[Any]:
    cleaned = _ARTICLE_BEFORE_NUMBER.sub(lambda m: " " * len(m.group()), text)
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
    match = _HEDGE.search(text[max(0, start - 20) : start])
    if match:
        hedge = match.group(1).lower()
        low_factor, high_factor = _HEDGES[hedge]
        low, high = low * low_factor, high * high_factor
        start -= len(match.group(0))
    unit = parsed.unit.name if parsed.unit.name != "dimensionless" else ""
    dimension = parsed.unit.entity.name if unit else "count"
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
    import pint

    return pint.UnitRegistry()


def _singular(noun: str) -> str:
    noun = noun.lower()
    for plural, singular in (("ies", "y"), ("ves", "f"), ("sses", "ss"), ("s", "")):
        if noun.endswith(plural) and len(noun) > len(plural) + 2:
            return noun[: -len(plural)] + singular
    return noun
