"""Alias merging on hand-made mentions (no model needed): variants become one entity."""

from newsfuse.geo.gazetteer import Gazetteer, GazetteerPlace
from newsfuse.nlp.aliases import merge_entities
from newsfuse.nlp.entities import RawMention


def gazetteer() -> Gazetteer:
    def city(gid, name, cc, pop):
        return GazetteerPlace(gid, name, 50.0, 30.0, cc, None, "city", pop)

    return Gazetteer.from_places(
        [
            (city(1, "Kyiv", "UA", 2_900_000), ["Kiev"]),
            (city(2, "Kupyansk", "UA", 27_000), ["Kupiansk"]),
            (city(3, "Izyum", "UA", 45_000), ["Izium"]),
            (city(4, "Washington", "US", 690_000), []),
            (GazetteerPlace(5, "Ukraine", None, None, "UA", None, "country", 40_000_000), []),
        ]
    )


def mention(article, text, label, preceding="", start=0):
    return RawMention(article, start, start + len(text), text, label, preceding)


def by_name(entities):
    return {e.name: e for e in entities}


def test_transliterated_places_become_one_entity_and_place():
    mentions = [
        mention("a1", "Izium", "GPE", "near"),
        mention("a2", "Izyum", "GPE", "in"),
        mention("a3", "Izyum", "GPE", "of"),
        mention("a1", "Kyiv", "GPE", "in", 10),
        mention("a2", "Kiev", "GPE", "in", 10),
    ]
    entities, places = merge_entities(mentions, gazetteer())
    names = by_name(entities)
    assert set(names["Izyum"].aliases) == {"Izium", "Izyum"}
    assert names["Izyum"].article_ids == ["a1", "a2", "a3"]
    assert set(names["Kyiv"].aliases) == {"Kiev", "Kyiv"} or set(names["Kiev"].aliases) == {
        "Kiev",
        "Kyiv",
    }
    assert {p.geonames_id for p in places} == {1, 3}


def test_known_city_tagged_person_after_locative_word_is_a_place():
    mentions = [
        mention("a1", "Kyiv", "PERSON", "in"),
        mention("a2", "Kyiv", "PERSON", "from"),
        mention("a1", "Ukraine", "GPE", "in", 20),
    ]
    entities, _places = merge_entities(mentions, gazetteer())
    kyiv = by_name(entities)["Kyiv"]
    assert kyiv.label == "GPE" and kyiv.corrected_from == "PERSON"
    assert kyiv.place_id is not None


def test_known_city_tagged_org_in_the_articles_focus_country_is_a_place():
    mentions = [
        mention("a1", "Ukraine", "GPE", "in"),
        mention("a1", "Izium", "GPE", "in", 10),
        mention("a1", "Kupiansk", "ORG", "and", 20),
    ]
    entities, _ = merge_entities(mentions, gazetteer())
    assert by_name(entities)["Kupiansk"].corrected_from == "ORG"


def test_person_name_that_is_also_a_city_stays_a_person_without_place_context():
    # "Washington" the person, in articles about Ukraine: no locative word, not in focus country.
    mentions = [
        mention("a1", "Ukraine", "GPE", "in"),
        mention("a1", "Washington", "PERSON", "said"),
    ]
    entities, places = merge_entities(mentions, gazetteer())
    assert by_name(entities)["Washington"].label == "PERSON"
    assert all(p.geonames_id != 4 for p in places)


def test_spelling_variants_of_a_person_merge_and_bare_surname_joins_them():
    mentions = [
        mention("a1", "Volodymyr Zelensky", "PERSON"),
        mention("a2", "Volodymyr Zelenskyy", "PERSON"),
        mention("a3", "Volodymyr Zelenskiy", "ORG"),  # a model slip
        mention("a3", "Zelenskiy", "PERSON", "", 40),
    ]
    entities, _ = merge_entities(mentions, None)
    people = [e for e in entities if e.label == "PERSON"]
    assert len(people) == 1
    assert people[0].article_ids == ["a1", "a2", "a3"]
    assert len(people[0].mentions) == 4


def test_different_people_sharing_a_surname_stay_apart():
    mentions = [
        mention("a1", "Joe Biden", "PERSON"),
        mention("a2", "Hunter Biden", "PERSON"),
        mention("a2", "Biden", "PERSON", "", 30),
    ]
    entities, _ = merge_entities(mentions, None)
    assert {e.name for e in entities} == {"Joe Biden", "Hunter Biden", "Biden"}


def test_demonym_is_never_turned_into_a_place():
    mentions = [mention("a1", "Ukrainian", "NORP", "the"), mention("a1", "Ukraine", "GPE", "in", 9)]
    entities, places = merge_entities(mentions, gazetteer())
    assert by_name(entities)["Ukrainian"].place_id is None
    assert [p.name for p in places] == ["Ukraine"]


def test_a_coordinated_span_of_places_tagged_elsewhere_is_split_into_places():
    mentions = [
        mention("a1", "Izium and Kupiansk", "ORG", "retook", 100),
        mention("a2", "Izium", "GPE", "in"),
        mention("a2", "Kupiansk", "GPE", "in", 30),
    ]
    entities, places = merge_entities(mentions, gazetteer())
    assert {p.geonames_id for p in places} == {2, 3}
    kupiansk = by_name(entities)["Kupiansk"]
    assert [(m.start, m.end) for m in kupiansk.mentions] == [(110, 118), (30, 38)]
    assert all("and" not in e.name for e in entities)


def test_a_coordinated_organisation_name_is_not_split():
    # Both parts are places in the gazetteer, but neither is tagged a place on its own.
    entities, _ = merge_entities([mention("a1", "Kyiv and Washington", "ORG", "at")], gazetteer())
    assert [e.name for e in entities] == ["Kyiv and Washington"]


def test_a_well_known_place_the_model_did_not_tag_is_found_through_the_gazetteer():
    text = "KYIV, Sept. 10 - Officials in Washington welcomed the news. Kupyansk was quiet."
    # The model tagged Washington only; the capitals dateline and the small town it missed.
    tagged = [mention("a1", "Washington", "GPE", "in", text.index("Washington"))]
    _, places = merge_entities(tagged, gazetteer(), {"a1": text})
    found = {p.geonames_id: p for p in places}
    assert [(m.start, m.text) for m in found[1].mentions] == [(0, "KYIV")]
    # A town under 100,000 people is not matched on its name alone.
    assert 2 not in found
