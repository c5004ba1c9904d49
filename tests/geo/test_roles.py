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


def test_a_story_lists_the_places_where_its_events_happened_first():
    from newsfuse.geo.roles import event_places_first
    from newsfuse.model import PlaceMention, Story, TimeSpan

    def place(pid, name, role):
        return Place(
            id=pid, name=name, geonames_id=None, lat=None, lon=None, country_code=None,
            admin1=None, feature="city", population=None, entity_id=None,
            mentions=[PlaceMention("a1", 0, len(name), name, role)],
        )  # fmt: skip

    moscow = place("p-moscow", "Moscow", PlaceRole.MENTIONED)
    izium = place("p-izium", "Izium", PlaceRole.EVENT)
    elsewhere = place("p-kyiv", "Kyiv", PlaceRole.MENTIONED)
    story = Story(
        id="s1", title="t", article_ids=["a1"], independent_sources=1,
        time_span=TimeSpan(None, None), places=["p-moscow", "p-kyiv", "p-izium"],
    )  # fmt: skip
    event_places_first([story], [moscow, izium, elsewhere])
    # The event location first; the others keep their salience order.
    assert story.places == ["p-izium", "p-moscow", "p-kyiv"]
