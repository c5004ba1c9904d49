"""The full-GeoNames-dump loader, on small files written in the dump's own layout."""

import shutil
import warnings
from pathlib import Path

import pytest

from newsfuse.config import Config
from newsfuse.errors import ConfigError
from newsfuse.geo.gazetteer import Gazetteer
from newsfuse.geo.geonames_dump import DumpReport, dump_files, places

DUMP = Path(__file__).parent / "fixtures" / "geonames"


def open_dump(tmp_path: Path, **kw) -> Gazetteer:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        gazetteer = Gazetteer.from_geonames(DUMP / "UA.txt", cache_dir=tmp_path, **kw)
    open_dump.warnings = [str(w.message) for w in caught]  # type: ignore[attr-defined]
    return gazetteer


def test_cities_countries_and_first_level_regions_are_kept(tmp_path):
    gazetteer = open_dump(tmp_path)
    (kharkiv,) = [p for p in gazetteer.candidates("Kharkov") if p.feature == "city"]
    assert (kharkiv.geonames_id, kharkiv.name, kharkiv.admin1) == (706482, "Kharkiv", "07")
    assert kharkiv.lat == pytest.approx(49.98, abs=0.01)
    (oblast,) = gazetteer.candidates("Kharkiv Oblast")
    assert oblast.feature == "admin1" and oblast.country_code == "UA"
    assert gazetteer.candidates("Ukrajina")[0].feature == "country"
    assert gazetteer.candidates("Donets") == []  # a stream: not a place news locates events at
    assert gazetteer.candidates("Tiny Hamlet") == []  # below the population floor (500)
    assert len(gazetteer) == 4


def test_a_malformed_row_is_reported_with_its_line_and_the_rest_kept(tmp_path):
    gazetteer = open_dump(tmp_path)
    assert gazetteer.candidates("Izium")  # the row after the broken one
    (message,) = open_dump.warnings  # type: ignore[attr-defined]
    assert "UA.txt:4: 2 columns, not 19" in message and "kept the rest" in message


def test_alternate_names_file_adds_spellings_of_kept_places_only(tmp_path):
    with pytest.warns(UserWarning, match="alternateNamesV2.txt:6: place id 'not-a-number'"):
        gazetteer = Gazetteer.from_geonames(
            DUMP / "UA.txt", DUMP / "alternateNamesV2.txt", cache_dir=tmp_path
        )
    assert [p.name for p in gazetteer.candidates("Харків")] == ["Kharkiv"]
    assert [p.name for p in gazetteer.candidates("Isjum")] == ["Izium"]
    assert [p.name for p in gazetteer.candidates("Izyum")] == ["Izium"]  # once, not twice
    assert gazetteer.candidates("https://en.wikipedia.org/wiki/Kharkiv") == []  # a link
    assert gazetteer.candidates("A place not in the files") == []


def test_small_places_are_kept_when_asked(tmp_path):
    gazetteer = open_dump(tmp_path, min_population=0)
    assert [p.name for p in gazetteer.candidates("tiny hamlet")] == ["Tiny Hamlet"]


def test_the_built_gazetteer_is_reused_and_rebuilt_when_the_file_changes(tmp_path):
    copy = tmp_path / "dump"
    copy.mkdir()
    shutil.copy(DUMP / "UA.txt", copy / "UA.txt")
    cache = tmp_path / "cache"
    with pytest.warns(UserWarning, match="kept the rest"):
        Gazetteer.from_geonames(copy, cache_dir=cache)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # reused: nothing read, nothing to warn about
        Gazetteer.from_geonames(copy, cache_dir=cache)
    assert len(list(cache.glob("*.sqlite"))) == 1
    with (copy / "UA.txt").open("a", encoding="utf-8") as handle:
        kyiv = (
            "703448 Kyiv Kyiv Kiev 50.45 30.52 P PPLC UA _ 12 _ _ _ 2797553 _ 187 Europe/Kyiv 2024"
        )
        handle.write("\t".join("" if c == "_" else c for c in kyiv.split()) + "\n")
    with pytest.warns(UserWarning, match="kept the rest"):
        assert Gazetteer.from_geonames(copy, cache_dir=cache).candidates("Kiev")
    assert len(list(cache.glob("*.sqlite"))) == 2


def test_a_folder_means_its_country_files(tmp_path):
    assert dump_files(DUMP) == [DUMP / "UA.txt"]
    report = DumpReport()
    assert len(list(places(dump_files(DUMP), report, min_population=500))) == 4
    assert report.bad_rows == 1


def test_missing_inputs_are_named_with_what_to_do(tmp_path):
    with pytest.raises(ConfigError, match="nope.txt: no such file or folder; point nlp_geonames"):
        Gazetteer.from_geonames(tmp_path / "nope.txt", cache_dir=tmp_path)
    with pytest.raises(ConfigError, match="no allCountries.txt or country files"):
        Gazetteer.from_geonames(tmp_path, cache_dir=tmp_path)
    with pytest.raises(ConfigError, match="alt.txt: no such file"):
        Gazetteer.from_geonames(DUMP, tmp_path / "alt.txt", cache_dir=tmp_path)
    with pytest.raises(ConfigError, match="needs nlp.geonames"):
        Config.from_options(nlp_geonames_alternate_names="alternateNamesV2.txt")


def test_analyze_resolves_places_with_the_dump_when_configured(tmp_path, monkeypatch):
    from newsfuse.pipeline import analyze

    monkeypatch.setenv("NEWSFUSE_CACHE", str(tmp_path / "cache"))
    article = tmp_path / "report.txt"
    article.write_text(
        "Shelling hits Kharkov\n\nDate: 2022-09-10\n\nShelling hit Kharkov on Saturday, the "
        "regional governor of Kharkiv Oblast said, as troops advanced towards Izyum.\n",
        encoding="utf-8",
    )
    with pytest.warns(UserWarning, match="kept the rest"):
        report = analyze([article], nlp_geonames=str(DUMP))
    found = {p.geonames_id: p.feature for p in report.places}
    assert found.get(706482) == "city"  # Kharkov = Kharkiv, from the dump's alternate names
    assert found.get(707688) == "city"  # Izyum = Izium
    # the model reads "Kharkiv Oblast" as an organization; the dump knows it as a region of the
    # country the article is about
    assert found.get(706483) == "admin1"
