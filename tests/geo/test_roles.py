"""Place roles on sentences written for these tests."""

import pytest

from newsfuse.geo.roles import assign_place_roles, role_of
from newsfuse.model import Article, Mention, Place, PlaceRole


def role(sentence: str, place: str) -> PlaceRole:
    return role_of(sentence, sentence.index(place))


@pytest.mark.parametrize(
    "sentence",
    [
        "Shelling continued overnight in Kharkiv.",
        "Troops pushed on toward Sloviansk.",
        "Ukrainian soldiers retook Izium on Saturday.",
        "Fighting flared on the outskirts of Izium.",
        "Power went out in the Kharkiv region.",
        "The column was seen just north of Kupiansk.",
    ],
)
def test_a_place_led_up_to_by_a_locative_word_is_where_the_event_happened(sentence):
    place = next(p for p in ("Kharkiv", "Sloviansk", "Izium", "Kupiansk") if p in sentence)
    assert role(sentence, place) is PlaceRole.EVENT


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("Moscow said the troops were regrouping.", "Moscow"),
        ("A Kyiv-based analyst expects a pause.", "Kyiv"),
        ("KYIV, Sept 10 - The ministry issued a statement.", "KYIV"),
        ("Ukraine's defence ministry gave no figures.", "Ukraine"),
    ],
)
def test_a_place_only_named_is_mentioned(sentence, place):
    assert role(sentence, place) is PlaceRole.MENTIONED


def test_the_cue_does_not_reach_across_a_sentence_end():
    text = "The convoy stopped in the field. Kharkiv officials said nothing."
    assert role(text, "Kharkiv") is PlaceRole.MENTIONED


def test_a_place_is_an_event_location_when_any_mention_is():
    text = "Moscow said little. Strikes hit targets in Moscow overnight."
    article = Article(
        id="a1", key="k", source_path="x", format="text", outlet=None, url=None, title=None,
        published=None, language="en", text=text,
    )  # fmt: skip
    first, second = (text.index("Moscow"), text.rindex("Moscow"))
    place = Place(
        id="p1", name="Moscow", geonames_id=524901, lat=55.75, lon=37.62, country_code="RU",
        admin1=None, feature="city", population=10_000_000, entity_id=None,
        mentions=[Mention("a1", first, first + 6, "Moscow"), Mention("a1", second, second + 6, "Moscow")],
    )  # fmt: skip
    assign_place_roles([article], [place])
    assert [m.role for m in place.mentions] == [PlaceRole.MENTIONED, PlaceRole.EVENT]
    assert place.role is PlaceRole.EVENT
