"""The claim comparator, one mechanism at a time, on sentences written for these tests."""

from __future__ import annotations

import pytest

from newsfuse.fuse.compare import as_stated, compare_texts
from newsfuse.geo.gazetteer import Gazetteer, GazetteerPlace
from newsfuse.nlp.quantities import find_quantities


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    def place(gid, name, cc, admin1, feature, population):
        return GazetteerPlace(gid, name, 0.0, 0.0, cc, admin1, feature, population), [name]

    return Gazetteer.from_places(
        [
            place(1, "Norway", "NO", None, "country", 5_400_000),
            place(2, "Bergen", "NO", "46", "city", 285_000),
            place(3, "Tromsø", "NO", "54", "city", 77_000),
            place(4, "Portugal", "PT", None, "country", 10_300_000),
        ]
    )


def verdict(a: str, b: str, gazetteer: Gazetteer | None = None) -> str:
    return compare_texts(a, b, gazetteer).verdict


def test_one_figure_in_two_units_agrees_and_a_wrong_conversion_contradicts():
    a = "The ferry sank about 12 miles off the northern cape."
    assert verdict(a, "The ferry sank roughly 19 km off the northern cape.") == "agreed"
    assert verdict(a, "The ferry sank roughly 12 km off the northern cape.") == "contradicted"


def test_more_than_states_a_figure_not_every_larger_number():
    stated = as_stated(find_quantities("more than 40 villages")[0])
    assert stated.low == 40 and stated.high == pytest.approx(52)
    a = "Floodwater reached more than 40 villages along the river."
    assert verdict(a, "Floodwater reached more than 20 villages along the river.") == "contradicted"


def test_a_negated_statement_contradicts_and_a_double_negative_agrees():
    a = "The harbour bridge was destroyed in the storm."
    assert verdict(a, "The harbour bridge was not destroyed in the storm.") == "contradicted"
    assert verdict(a, "The harbour bridge survived the storm intact.") == "contradicted"
    no_one = "No one was hurt when the crane toppled."
    assert verdict(no_one, "The falling crane caused no injuries.") == "agreed"


def test_two_parties_that_differ_dispute_rather_than_contradict():
    a = "Port officials said about 300 containers fell overboard."
    b = "The shipping line said 90 containers were lost at sea."
    result = compare_texts(a, b)
    assert result.verdict == "disputed"
    assert "port officials" in result.why.lower()


def test_one_party_giving_two_figures_contradicts_itself():
    a = "The port authority said about 300 containers fell overboard."
    b = "According to the port authority, 90 containers fell overboard."
    assert verdict(a, b) == "contradicted"


def test_lookalikes_about_different_things_are_unrelated():
    assert verdict(
        "The striker scored twice in the first half.", "The striker scored twice in the second half."
    ) == "unrelated"  # fmt: skip
    assert verdict(
        "The 2018 harvest fell by a fifth.", "The 2021 harvest fell by a fifth."
    ) == "unrelated"  # fmt: skip
    assert verdict(
        "The avalanche killed nine climbers.", "The avalanche injured nine climbers."
    ) == "unrelated"  # fmt: skip


def test_incompatible_dates_contradict():
    assert verdict(
        "The volcano erupted on March 3, 2021.", "The volcano erupted on March 9, 2021."
    ) == "contradicted"  # fmt: skip
    assert verdict(
        "The volcano erupted on March 3, 2021.", "The volcano erupted in March 2021."
    ) == "agreed"  # fmt: skip


def test_a_city_agrees_with_its_country_and_clashes_with_another(gazetteer):
    a = "The tanker ran aground near Bergen on Tuesday."
    assert verdict(a, "The tanker ran aground in Norway on Tuesday.", gazetteer) == "agreed"
    assert verdict(a, "The tanker ran aground in Portugal on Tuesday.", gazetteer) == "contradicted"
