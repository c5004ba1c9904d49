from newsfuse.cache import default_cache_dir
from newsfuse.geo.gazetteer import Gazetteer, GazetteerPlace, normalize_name


def place(gid, name, cc, pop, feature="city", lat=1.0, lon=2.0):
    return GazetteerPlace(gid, name, lat, lon, cc, None, feature, pop)


def small_gazetteer() -> Gazetteer:
    return Gazetteer.from_places(
        [
            (place(1, "Kyiv", "UA", 2_900_000), ["Kiev", "Kyjiw", "Київ"]),
            (place(2, "Izyum", "UA", 45_000), ["Izium", "Izjum"]),
            (place(3, "Georgia", "GE", 3_700_000, "country", None, None), ["GEO"]),
            (place(4, "Georgia", "US", 900), []),
            (place(5, "Paris", "FR", 2_100_000), []),
            (place(6, "Paris", "US", 25_000), []),
        ]
    )


def test_normalize_ignores_case_accents_possessives_and_hyphens():
    assert normalize_name("Kyiv’s") == "kyiv"
    assert normalize_name("ZÜRICH") == "zurich"
    assert normalize_name("Saint-Denis") == normalize_name("Saint Denis")


def test_alternate_names_find_the_same_place():
    gazetteer = small_gazetteer()
    assert [p.geonames_id for p in gazetteer.candidates("Kiev")] == [1]
    assert [p.geonames_id for p in gazetteer.candidates("Izium")] == [2]
    assert [p.geonames_id for p in gazetteer.candidates("Київ")] == [1]
    assert gazetteer.candidates("Atlantis") == []


def test_countries_come_first_then_population():
    gazetteer = small_gazetteer()
    assert [p.geonames_id for p in gazetteer.candidates("Georgia")] == [3, 4]
    assert [p.geonames_id for p in gazetteer.candidates("paris")] == [5, 6]
    assert gazetteer.country("GE").name == "Georgia"
    assert len(gazetteer) == 6


def test_default_gazetteer_is_cached_and_knows_transliterations():
    gazetteer = Gazetteer.open()
    assert list(default_cache_dir().glob("geonames-cities500-*.sqlite"))
    assert {p.name for p in gazetteer.candidates("Kupiansk")} == {"Kupyansk"}
    assert gazetteer.candidates("Kiev")[0].name == "Kyiv"
    assert gazetteer.candidates("Ukraine")[0].feature == "country"
    assert len(gazetteer) > 200_000
