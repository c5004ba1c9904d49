"""The full GeoNames dump, for users who have it: ``allCountries.txt`` or per-country files
(``UA.txt``, ``US.txt``, …) and, optionally, ``alternateNamesV2.txt``.

Both are GeoNames' own tab-separated UTF-8 formats (download.geonames.org/export/dump, see its
readme.txt). A place row has 19 columns — id, name, ASCII name, comma-separated alternate names,
latitude, longitude, feature class, feature code, country code, other country codes, four admin
codes, population, elevation, elevation model, time zone, modification date. An alternate-name
row has id, place id, language, name, then flags (preferred, short, colloquial, historic) and an
optional period.

Kept: populated places (feature class P) as ``city``, independent and dependent political
entities (PCL*) as ``country``, and first-level administrative divisions (ADM1) as ``admin1`` —
what news names as places. A malformed row is skipped and reported with its file and line; the
rows around it are kept.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsfuse.errors import ConfigError
from newsfuse.geo.gazetteer import GazetteerPlace

__all__ = ["DumpReport", "alternate_names", "dump_files", "places"]

PLACE_COLUMNS = 19
_COUNTRY_CODES = frozenset({"PCL", "PCLI", "PCLD", "PCLF", "PCLS", "PCLIX"})
# Alternate-name "languages" that are not names: links, identifiers, postal and airport codes.
_NOT_NAMES = frozenset({"link", "wkdt", "post", "iata", "icao", "faac", "unlc", "tcid"})
_REPORTED = 5  # bad rows quoted in the warning; the rest are counted


@dataclass(slots=True)
class DumpReport:
    """What a load kept and what it skipped (``skipped`` quotes the first few bad rows)."""

    places: int = 0
    names: int = 0
    bad_rows: int = 0
    skipped: list[str] = field(default_factory=list)

    def reject(self, path: Path, line: int, reason: str) -> None:
        self.bad_rows += 1
        if len(self.skipped) < _REPORTED:
            self.skipped.append(f"{path}:{line}: {reason}")

    def warn(self) -> None:
        if self.bad_rows:
            more = self.bad_rows - len(self.skipped)
            warnings.warn(
                f"GeoNames dump: skipped {self.bad_rows} malformed row(s), kept the rest: "
                + "; ".join(self.skipped)
                + (f"; and {more} more" if more > 0 else ""),
                stacklevel=2,
            )


def dump_files(path: str | Path) -> list[Path]:
    """The place files a path stands for: the file itself, or every ``allCountries.txt`` and
    two-letter country file (``UA.txt``) in a folder."""
    path = Path(path)
    if path.is_file():
        return [path]
    if path.is_dir():
        found = sorted(
            p
            for p in path.glob("*.txt")
            if p.name == "allCountries.txt" or (len(p.stem) == 2 and p.stem.isupper())
        )
        if found:
            return found
        raise ConfigError(
            f"GeoNames dump {path}: no allCountries.txt or country files (UA.txt, …) in this "
            "folder; point nlp_geonames at the dump file or the folder holding it"
        )
    raise ConfigError(
        f"GeoNames dump {path}: no such file or folder; point nlp_geonames at allCountries.txt, "
        "a country file such as UA.txt, or their folder"
    )


def places(
    files: Sequence[Path], report: DumpReport, *, min_population: int = 0
) -> Iterator[tuple[GazetteerPlace, list[str]]]:
    """Gazetteer entries (place, its alternate names from the row) from GeoNames place files."""
    for path in files:
        for number, line in _lines(path):
            columns = line.split("\t")
            if len(columns) != PLACE_COLUMNS:
                report.reject(path, number, f"{len(columns)} columns, not {PLACE_COLUMNS}")
                continue
            feature = _feature(columns[6], columns[7])
            if feature is None:
                continue
            try:
                place = GazetteerPlace(
                    geonames_id=int(columns[0]),
                    name=columns[1],
                    lat=float(columns[4]),
                    lon=float(columns[5]),
                    country_code=columns[8],
                    admin1=columns[10] or None,
                    feature=feature,
                    population=int(columns[14] or 0),
                )
            except ValueError as err:
                report.reject(path, number, f"unreadable number ({err})")
                continue
            if not place.name:
                report.reject(path, number, "no name")
                continue
            if feature == "city" and place.population < min_population:
                continue
            report.places += 1
            alternates = [n for n in columns[3].split(",") if n]
            if columns[2] and columns[2] != place.name:
                alternates.append(columns[2])
            yield place, alternates


def alternate_names(path: Path, report: DumpReport) -> Iterator[tuple[int, str]]:
    """(place id, name) pairs from an alternateNames file, without links, codes and the like."""
    for number, line in _lines(path):
        columns = line.split("\t")
        if len(columns) < 4:
            report.reject(path, number, f"{len(columns)} columns, not at least 4")
            continue
        if columns[2] in _NOT_NAMES or not columns[3]:
            continue
        try:
            place_id = int(columns[1])
        except ValueError:
            report.reject(path, number, f"place id {columns[1]!r} is not a number")
            continue
        report.names += 1
        yield place_id, columns[3]


def _feature(feature_class: str, code: str) -> str | None:
    if feature_class == "P":
        return "city"
    if feature_class == "A" and code in _COUNTRY_CODES:
        return "country"
    if feature_class == "A" and code == "ADM1":
        return "admin1"
    return None


def _lines(path: Path) -> Iterable[tuple[int, str]]:
    try:
        with path.open(encoding="utf-8", errors="replace", newline="\n") as handle:
            for number, line in enumerate(handle, start=1):
                line = line.rstrip("\r\n")
                if line and not line.startswith("#"):
                    yield number, line
    except OSError as err:
        raise ConfigError(f"GeoNames dump {path}: cannot read it ({err})") from err
