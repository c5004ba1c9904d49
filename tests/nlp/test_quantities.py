"""Quantities in sentences written for these tests: intervals, hedges, units, comparison."""

import math
import subprocess
import sys

import pytest

from newsfuse.nlp.quantities import find_quantities, overlap


def one(text: str):
    [quantity] = find_quantities(text)
    assert text[quantity.start : quantity.end] == quantity.text
    return quantity


def test_a_hedge_belongs_to_the_quantity_and_sets_its_interval():
    more = one("Ukraine said it retook more than 3,000 square kilometres.")
    assert more.text == "more than 3,000 square kilometres"
    assert (more.low, more.high, more.hedge) == (3000, math.inf, "more than")
    about = one("The column advanced about 30 miles.")
    assert about.low == pytest.approx(27) and about.high == pytest.approx(33)
    up_to = one("Shells fell up to 50 kilometres away.")
    assert (up_to.low, up_to.high) == (pytest.approx(45), 50)  # a maximum that was reached


def test_ranges_and_vague_counts_are_intervals():
    span = one("Troops pushed between 40 and 50 km forward.")
    assert (span.low, span.high, span.hedge) == (40, 50, "range")
    dozens = one("Dozens of villages were freed.")
    assert (dozens.low, dozens.high, dozens.counted) == (24, 99, "village")
    assert one("Hundreds of soldiers crossed.").low == 200


def test_an_article_before_a_figure_is_not_read_as_one():
    money = one("It signed a $40 billion contract.")
    assert (money.text, money.low, money.dimension) == ("$40 billion", 40e9, "currency")


def test_units_are_normalized_to_si():
    area = one("an area of 1,150 square miles")
    assert area.dimension == "area" and area.si_unit == "meter ** 2"
    assert area.si_low == pytest.approx(1150 * 2_589_988.11, rel=1e-6)
    assert one("a 200-pound bomb").si_low == pytest.approx(90.718, rel=1e-4)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("more than 3,000 square kilometres", "over 1,150 square miles", True),
        ("about 30 miles", "48 km", True),
        ("30 miles", "30 km", False),
        ("27 degrees Celsius", "80°F", True),
        ("27 degrees Celsius", "90°F", False),
        ("dozens of villages", "about 40 villages", True),
        ("at least 11 people", "12 people", True),
        ("at least 11 people", "8 people", False),
        ("between 40 and 50 km", "46 km", True),
    ],
)
def test_two_quantities_can_state_the_same_amount_or_not(a, b, same):
    assert overlap(one(a), one(b)) is same


def test_different_kinds_of_quantity_are_not_compared():
    assert overlap(one("5,000 marchers"), one("5,000 police")) is None
    assert overlap(one("30 miles"), one("30 square miles")) is None


def test_pounds_without_a_currency_sign_weigh_and_hectares_are_an_area():
    weight = one("Officers found roughly 1,100 pounds of cocaine.")
    assert weight.dimension == "mass"
    assert overlap(weight, one("They seized 500 kg of cocaine.")) is True
    assert one("It cost £5 million.").dimension == "currency"
    farmland = one("The fire burned 10,000 hectares of farmland.")
    assert (farmland.text, farmland.dimension) == ("10,000 hectares", "area")
    assert overlap(farmland, one("Nearly 25,000 acres burned.")) is True


def test_money_compares_only_in_the_same_currency():
    assert overlap(one("about $4 billion"), one("$4.2 billion")) is True
    assert overlap(one("$4 billion"), one("$12 billion")) is False
    assert overlap(one("$4 billion"), one("€4 billion")) is None


def test_ranges_written_with_a_dash_or_to_and_vague_hundreds():
    money = one("Revenue of $20–22 billion is expected.")
    assert (money.low, money.high, money.hedge) == (20e9, 22e9, "range")
    damage = one("Damage is put at $3 billion to $5 billion.")
    assert (damage.low, damage.high) == (3e9, 5e9)
    fans = one("A few hundred fans waited.")
    assert (fans.low, fans.high, fans.counted) == (200, 500, "fan")
    assert find_quantities("A quarter of the harvest was lost.") == []


def test_inflect_is_loaded_without_typeguard_instrumentation() -> None:
    # In a new interpreter, so that inflect is imported by the loader under test.
    script = (
        "from newsfuse.nlp import quantities\n"
        "quantities.load()\n"
        "import inflect, typeguard, typeguard._decorators\n"
        "print('TypeCheckMemo' in inflect.engine.plural.__code__.co_names)\n"
        "print(typeguard.typechecked is typeguard._decorators.typechecked)\n"
        "print(inflect.engine().plural('mile'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    instrumented, restored, plural = result.stdout.split()
    assert instrumented == "False"
    assert restored == "True"  # typeguard is left as it was for every other library
    assert plural == "miles"


def test_the_unit_registry_kept_in_the_cache_converts_as_a_fresh_one(tmp_path) -> None:
    from newsfuse.nlp.quantities import unit_registry

    fresh = unit_registry(None)
    first = unit_registry(tmp_path / "pint")  # parses, and keeps what it parsed
    assert any((tmp_path / "pint").iterdir())
    again = unit_registry(tmp_path / "pint")  # reads it back
    for amount, unit in [(30, "mile"), (2.5, "square mile"), (1, "acre"), (80, "degF")]:
        unit = unit.replace("square mile", "mile ** 2")
        expected = fresh.Quantity(amount, unit).to_base_units()
        for registry in (first, again):
            got = registry.Quantity(amount, unit).to_base_units()
            assert got.magnitude == pytest.approx(expected.magnitude, rel=1e-12)
            assert str(got.units) == str(expected.units)


def test_a_damaged_unit_cache_is_removed_and_the_units_still_convert(tmp_path) -> None:
    from newsfuse.nlp.quantities import unit_registry

    cache = tmp_path / "pint"
    unit_registry(cache)
    for kept in cache.glob("*.pickle"):
        kept.write_bytes(kept.read_bytes()[:50])  # as a run stopped mid-write leaves it
    registry = unit_registry(cache)
    assert registry.Quantity(1, "km").to_base_units().magnitude == 1000
    assert not cache.exists()
