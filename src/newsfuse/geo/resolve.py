"""Toponym resolution: which place on Earth each place name in a document stands for.

Input: a document's text and its toponym mentions (character spans). Output: one
:class:`GazetteerPlace` (or ``None``) per mention. Every candidate the gazetteer knows under the
name (and its variants: possessives, "the", "St."/"Saint", "Mt."/"Mount", "Ft."/"Fort", state
abbreviations such as "Ga." or "N.Y.", county designators) gets a score that adds up:

* how well the name matches: the place's own name beats one of its alternate names;
* what kind of place it is: a country or continent, then a first-level region (state, oblast),
  then a county, then a town by the log of its population — a bare "Georgia" or "Ohio" is more
  often the country or the state than the village of that name;
* an explicit container next to the mention: "Paris, Texas", "Alexandria, La.", "Athens, Greece"
  (strong: the writer disambiguated for us);
* the document's other places: candidates in the countries and first-level regions most of the
  document's places lie in (its focus), and candidates close to the other places resolved
  (minimum spread). These are re-estimated over a few rounds from the current choices.

The weights below were set by hand and then checked by looking at results on the LGL and
GeoVirus evaluation sets (``newsfuse eval geocode``); a small grid over them changed accuracy by
about one point, so they are not finely fitted, but they are not tested on unseen data either.

A name is resolved once per document ("one sense per discourse"): "Paris" is the same place in
every sentence of one article, and a container given once ("Paris, Texas") applies to all.
Demonyms ("Ukrainian", "Americans") are not places and resolve to ``None``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from newsfuse.geo.gazetteer import Gazetteer, GazetteerPlace, normalize_name

__all__ = [
    "MAX_ERROR_KM",
    "Resolver",
    "Toponym",
    "demonym_country",
    "distance_km",
    "is_demonym",
    "name_variants",
]

EARTH_RADIUS_KM = 6371.0088
MAX_ERROR_KM = 20039.0  # half the Earth's circumference: the worst possible error

# Associated Press abbreviations of US states (and D.C.), as local news writes "Macon, Ga.".
US_STATE_ABBREVIATIONS = {
    "ala": "Alabama", "ariz": "Arizona", "ark": "Arkansas", "calif": "California",
    "cal": "California", "colo": "Colorado", "conn": "Connecticut", "del": "Delaware",
    "fla": "Florida", "ga": "Georgia", "ill": "Illinois", "ind": "Indiana", "kan": "Kansas",
    "kans": "Kansas", "ky": "Kentucky", "la": "Louisiana", "md": "Maryland",
    "mass": "Massachusetts", "mich": "Michigan", "minn": "Minnesota", "miss": "Mississippi",
    "mo": "Missouri", "mont": "Montana", "neb": "Nebraska", "nebr": "Nebraska", "nev": "Nevada",
    "n.h": "New Hampshire", "n.j": "New Jersey", "n.m": "New Mexico", "n.y": "New York",
    "n.c": "North Carolina", "n.d": "North Dakota", "okla": "Oklahoma", "ore": "Oregon",
    "pa": "Pennsylvania", "penn": "Pennsylvania", "r.i": "Rhode Island",
    "s.c": "South Carolina", "s.d": "South Dakota", "tenn": "Tennessee", "tex": "Texas",
    "vt": "Vermont", "va": "Virginia", "wash": "Washington", "w.va": "West Virginia",
    "wis": "Wisconsin", "wisc": "Wisconsin", "wyo": "Wyoming", "d.c": "District of Columbia",
}  # fmt: skip

# Abbreviations of Canadian provinces and Australian states common in English-language news.
OTHER_REGION_ABBREVIATIONS = {
    "nsw": "New South Wales", "qld": "Queensland", "vic": "Victoria", "tas": "Tasmania",
    "ont": "Ontario", "que": "Quebec", "b.c": "British Columbia", "alta": "Alberta",
    "sask": "Saskatchewan", "n.s": "Nova Scotia",
}  # fmt: skip

# Words that follow a name to say what kind of area it is. Tried only when the full name finds
# nothing: GeoNames calls it "Rapides Parish", but some areas are filed under the bare name.
_DESIGNATORS = re.compile(
    r"\s+(county|parish|township|borough|city|town|village|province|state|region|oblast|"
    r"district|municipality|prefecture|governorate)$",
    re.IGNORECASE,
)
_LEADING_DESIGNATOR = re.compile(
    r"^(city|town|county|state|province|republic) of\s+", re.IGNORECASE
)
_ABBREVIATED_PREFIXES = (
    (re.compile(r"^(st\.?|ste\.?)\s+", re.IGNORECASE), ("Saint ", "St. ", "St ")),
    (re.compile(r"^saint\s+", re.IGNORECASE), ("St. ", "Saint ")),
    (re.compile(r"^(mt\.?|mount)\s+", re.IGNORECASE), ("Mount ", "Mt. ", "Mt ")),
    (re.compile(r"^(ft\.?|fort)\s+", re.IGNORECASE), ("Fort ", "Ft. ", "Ft ")),
)

# Feature priors: a bare name is a country before a region before a county before a town.
_FEATURE_PRIOR = {"continent": 4.5, "country": 4.5, "admin1": 2.6, "admin2": 1.2, "city": 0.0}
_POPULATION_WEIGHT = 0.45  # per decade of population (cities): 500 people 1.2, 5 million 3.0
_PRIMARY_NAME = 2.0  # the place's own name, not one of its alternate names
_CONTAINER = 6.0  # "Paris, Texas": the candidate lies in the area named right after it
_FOCUS_COUNTRY = 2.0  # times the share of the document's other places in the same country
_FOCUS_REGION = 2.0  # times the share in the same first-level region
_NEARBY = 2.5  # times closeness to the nearest other place of the document (log scale)
_VOWELS = re.compile(r"[aeiouyj'’\s-]")  # what transliterations of one name disagree on
_ROUNDS = 3
# "Lyman in northern Donetsk", "a village in the Kharkiv region": the area after "in".
_IN_REGION = re.compile(
    r"\s+in\s+(?:the\s+)?(?:(?:north|south|east|west)(?:ern)?|(?:north|south)-?(?:east|west)ern"
    r"|central)\s+([A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+)?)"
)
_MAX_CANDIDATES = 60


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place name in a text: its character span and surface string."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class _Name:
    """One distinct name of the document, with its candidates and what its mentions say."""

    key: str
    candidates: list[GazetteerPlace]
    static: list[float]
    containers: list[GazetteerPlace] = field(default_factory=list)
    weight: int = 0  # how many mentions carry the name
    choice: int = -1  # index into candidates; -1 when there are none


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def name_variants(surface: str) -> list[str]:
    """Spellings to look up for a surface string, most literal first."""
    name = re.sub(r"^(the)\s+", "", surface.strip(), flags=re.IGNORECASE)
    name = re.sub(r"['’]s?$", "", name).strip(" ,;:")
    found = [name]
    key = name.lower().rstrip(".").replace(". ", ".").replace(" ", "")
    # Only with a dot ("Ga.", "N.Y.") or, for the other regions, in capitals ("NSW"): a bare
    # "IN", "Miss" or "Penn" is more often a word or a name than a state.
    if key in US_STATE_ABBREVIATIONS and "." in name:
        found.append(US_STATE_ABBREVIATIONS[key])
    elif key in OTHER_REGION_ABBREVIATIONS and ("." in name or name.isupper()):
        found.append(OTHER_REGION_ABBREVIATIONS[key])
    for pattern, replacements in _ABBREVIATED_PREFIXES:
        match = pattern.match(name)
        if match:
            rest = name[match.end() :]
            found.extend(prefix + rest for prefix in replacements)
    return list(dict.fromkeys(found))


def _fallback_variants(name: str) -> list[str]:
    """Without a designator ('Rapides Parish' -> 'Rapides', 'City of Detroit' -> 'Detroit')."""
    out = []
    for stripped in (_DESIGNATORS.sub("", name), _LEADING_DESIGNATOR.sub("", name)):
        if stripped and stripped != name:
            out.append(stripped)
    return out


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    """Nationality word ('ukrainian', 'americans') -> ISO code of its country, from countryinfo.
    A word several countries share ('American': the United States, American Samoa, …) goes to
    the most populous."""
    from countryinfo import all_countries

    best: dict[str, tuple[int, str]] = {}
    for country in all_countries():
        try:
            demonym, code = country.demonym(), country.iso(2)
            population = int(country.population() or 0)
        except (KeyError, TypeError, ValueError):
            continue
        if not demonym or not code:
            continue
        key = normalize_name(demonym)
        for word in (key, key + "s"):
            if word not in best or population > best[word][0]:
                best[word] = (population, str(code))
    return {word: code for word, (_, code) in best.items()}


def is_demonym(surface: str) -> bool:
    """'Ukrainian', 'Americans': a nationality word, which names people, not a place."""
    return normalize_name(surface) in _demonyms()


def demonym_country(surface: str) -> str | None:
    """The ISO code of the country a nationality word refers to ('Russian' -> 'RU')."""
    return _demonyms().get(normalize_name(surface))


class Resolver:
    """Resolves the toponyms of one document at a time against a :class:`Gazetteer`."""

    def __init__(self, gazetteer: Gazetteer, *, demonyms_as_countries: bool = False) -> None:
        """``demonyms_as_countries``: resolve a nationality word given as a toponym ("Russian")
        to its country instead of ``None``. Off by default (a demonym names people, not a
        place); benchmarks such as LGL annotate demonyms as toponyms of their country."""
        self._gazetteer = gazetteer
        self._demonyms_as_countries = demonyms_as_countries
        self._lookups: dict[str, list[tuple[GazetteerPlace, bool]]] = {}

    def resolve(self, text: str, toponyms: Sequence[Toponym]) -> list[GazetteerPlace | None]:
        """The place each toponym stands for (``None``: a demonym or a name nobody knows)."""
        names: dict[str, _Name] = {}
        keys: list[str | None] = []
        ordered = sorted(range(len(toponyms)), key=lambda i: toponyms[i].start)
        for i in ordered:
            toponym = toponyms[i]
            key = normalize_name(name_variants(toponym.text)[0])
            country = demonym_country(toponym.text) if key else None
            if not key or (country and not self._demonyms_as_countries):
                keys.append(None)
                continue
            keys.append(key)
            if key not in names:
                names[key] = self._name(key, toponym.text, country)
            names[key].weight += 1
        by_position = dict(zip(ordered, keys, strict=True))
        self._attach_containers(text, toponyms, ordered, by_position, names)
        self._choose(list(names.values()))
        out: list[GazetteerPlace | None] = []
        for i in range(len(toponyms)):
            key = by_position[i]
            name = names.get(key) if key else None
            out.append(name.candidates[name.choice] if name and name.choice >= 0 else None)
        return out

    # -- candidates ---------------------------------------------------------------------------

    def _lookup(self, variant: str) -> list[tuple[GazetteerPlace, bool]]:
        """(place, called exactly this) for every place the gazetteer knows under ``variant``."""
        key = normalize_name(variant)
        if key not in self._lookups:
            found = self._gazetteer.candidates(variant) if key else []
            self._lookups[key] = [(p, _own_name(p, key)) for p in found]
        return self._lookups[key]

    def _name(self, key: str, surface: str, demonym_of: str | None = None) -> _Name:
        if demonym_of is not None:
            country = self._gazetteer.country(demonym_of)
            found_country = [country] if country and country.lat is not None else []
            return _Name(key, found_country, [_FEATURE_PRIOR["country"]] * len(found_country))
        variants = name_variants(surface)
        acronym = surface.isupper() and len(surface.replace(".", "")) <= 3
        found = [hit for v in variants for hit in self._lookup(v)]
        if acronym:
            # 'US', 'EU': an acronym is a country's code or short form, not a town 'Us' or 'Eu'.
            found = [(p, exact) for p, exact in found if p.feature != "city"]
        if not found:
            found = [
                hit for v in variants for f in _fallback_variants(v) for hit in self._lookup(f)
            ]
        best: dict[int, tuple[GazetteerPlace, bool]] = {}
        for place, exact in found:
            if place.lat is None or place.lon is None:
                continue
            if place.geonames_id not in best or (exact and not best[place.geonames_id][1]):
                best[place.geonames_id] = (place, exact)
        scored = sorted(
            ((_static_score(p, exact), p) for p, exact in best.values()),
            key=lambda pair: -pair[0],
        )[:_MAX_CANDIDATES]
        return _Name(key, [p for _, p in scored], [s for s, _ in scored])

    def _attach_containers(
        self,
        text: str,
        toponyms: Sequence[Toponym],
        ordered: list[int],
        keys: dict[int, str | None],
        names: dict[str, _Name],
    ) -> None:
        """'Paris, Texas': the area named right after a comma contains the place before it."""
        for position, i in enumerate(ordered):
            key = keys[i]
            if key is None:
                continue
            toponym = toponyms[i]
            after = text[toponym.end : toponym.end + 40]
            nxt = toponyms[ordered[position + 1]] if position + 1 < len(ordered) else None
            container_text = None
            if nxt is not None and re.fullmatch(r",\s*", text[toponym.end : nxt.start]):
                container_text = nxt.text
            else:
                match = re.match(r",\s*((?:[A-Z][A-Za-z]*\.?)(?:\s?[A-Z][A-Za-z]*\.?){0,2})", after)
                match = match or _IN_REGION.match(after)
                if match:
                    container_text = match.group(1)
            if not container_text:
                continue
            areas = [
                p
                for v in name_variants(container_text)
                for p, _ in self._lookup(v)
                if p.feature in ("country", "admin1", "admin2")
            ]
            names[key].containers.extend(areas)

    # -- choice -------------------------------------------------------------------------------

    def _choose(self, names: list[_Name]) -> None:
        for name in names:
            name.static = [
                s + (_CONTAINER if _in_any(p, name.containers) else 0.0)
                for s, p in zip(name.static, name.candidates, strict=True)
            ]
            name.choice = _argmax(name.static)
        if not any(len(name.candidates) > 1 for name in names):
            return
        table = _CandidateTable(names)
        for _ in range(_ROUNDS):
            changed = False
            for i, name in enumerate(names):
                if len(name.candidates) < 2:
                    continue
                scores = [
                    s + context
                    for s, context in zip(name.static, table.context_scores(i), strict=True)
                ]
                choice = _argmax(scores)
                if choice != name.choice:
                    changed = True
                    name.choice = choice
                    table.chose(i, choice)
            if not changed:
                break


class _CandidateTable:
    """Every candidate of every name of a document as rows of arrays, with each name's current
    choice, so that a candidate's focus and nearness against the other names' choices are array
    operations: a long page names a few hundred places with up to 60 candidates each, and one
    distance at a time took seconds there."""

    def __init__(self, names: list[_Name]) -> None:
        places = [p for name in names for p in name.candidates]
        self._first = np.cumsum([0] + [len(name.candidates) for name in names]).tolist()
        self._weights = np.array([name.weight for name in names], dtype=np.int64)
        self._chosen = np.array(
            [self._first[i] + n.choice if n.choice >= 0 else -1 for i, n in enumerate(names)]
        )
        codes: dict[object, int] = {}
        self._id = np.array([p.geonames_id for p in places], dtype=np.int64)
        self._country = np.array([codes.setdefault(p.country_code, len(codes)) for p in places])
        # The first-level region within its country; "same region" in the focus needs one.
        self._admin1 = np.array(
            [codes.setdefault((p.country_code, p.admin1), len(codes)) for p in places]
        )
        self._has_admin1 = np.array([bool(p.admin1) for p in places])
        self._is_country = np.array([p.feature == "country" for p in places])
        self._is_admin1 = np.array([p.feature == "admin1" for p in places])
        self._in_admin1 = np.array([p.feature in ("city", "admin2") for p in places])
        self._lat = np.radians(np.array([p.lat for p in places], dtype=np.float64))
        self._lon = np.array([p.lon for p in places], dtype=np.float64)

    def chose(self, name_index: int, choice: int) -> None:
        self._chosen[name_index] = self._first[name_index] + choice

    def context_scores(self, name_index: int) -> list[float]:
        """Focus (share of the other names' places in the same country / region) and nearness
        of each candidate of one name, against the other names' current choices."""
        others = self._chosen >= 0
        others[name_index] = False
        if not others.any():
            return [0.0] * (self._first[name_index + 1] - self._first[name_index])
        rows = slice(self._first[name_index], self._first[name_index + 1])
        chosen = self._chosen[others]
        weights = self._weights[others]
        total = int(weights.sum())
        same_country = self._country[rows, None] == self._country[None, chosen]
        same_admin1 = self._admin1[rows, None] == self._admin1[None, chosen]
        in_country = same_country @ weights
        in_region = (same_admin1 & self._has_admin1[rows, None]) @ weights
        nearest = self._gaps(rows, chosen, same_country, same_admin1).min(axis=1)
        scale = math.log1p(MAX_ERROR_KM)
        return [
            _FOCUS_COUNTRY * int(country) / total
            + _FOCUS_REGION * int(region) / total
            + _NEARBY * (1.0 - math.log1p(float(gap)) / scale)
            for country, region, gap in zip(
                in_country.tolist(), in_region.tolist(), nearest.tolist(), strict=True
            )
        ]

    def _gaps(
        self, rows: slice, chosen: np.ndarray, same_country: np.ndarray, same_admin1: np.ndarray
    ) -> np.ndarray:
        """Kilometres from each candidate in ``rows`` to each chosen place (haversine, as
        :func:`distance_km`), 0 where one lies in the other (Atlanta and Georgia).
        ``same_country`` and ``same_admin1`` compare the same pairs."""
        p1, p2 = self._lat[rows, None], self._lat[None, chosen]
        dl = np.radians(self._lon[None, chosen] - self._lon[rows, None])
        a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
        gaps = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))
        gaps[self._contains(rows, chosen, same_country, same_admin1)] = 0.0
        return gaps

    def _contains(
        self, rows: slice, chosen: np.ndarray, same_country: np.ndarray, same_admin1: np.ndarray
    ) -> np.ndarray:
        """Where a candidate and a chosen place are one place or one lies in the other, as
        :func:`_within` says in either direction."""
        candidate_is_country = self._is_country[rows, None]
        chosen_is_country = self._is_country[None, chosen]
        return (
            (self._id[rows, None] == self._id[None, chosen])
            | (chosen_is_country & same_country & ~candidate_is_country)
            | (candidate_is_country & same_country & ~chosen_is_country)
            | (self._is_admin1[None, chosen] & self._in_admin1[rows, None] & same_admin1)
            | (self._is_admin1[rows, None] & self._in_admin1[None, chosen] & same_admin1)
        )


def _own_name(place: GazetteerPlace, key: str) -> bool:
    """Whether ``key`` is the place's own name, or a transliteration of it (Balakliia /
    Balakliya, Slavyansk / Slovyansk: the same consonants in the same order): such a name is not
    one of the far-fetched alternates (a town once called "Washington") that the bonus for an
    own name guards against."""
    own = normalize_name(place.name)
    return own == key or (own[:1] == key[:1] and _skeleton(own) == _skeleton(key))


def _skeleton(name: str) -> str:
    """Consonants in order, doubled ones once: 'kharkiv' and 'kharkov' → 'khrkv'."""
    consonants = _VOWELS.sub("", name)
    return re.sub(r"(.)\1+", r"\1", consonants)


def _static_score(place: GazetteerPlace, exact: bool) -> float:
    score = _FEATURE_PRIOR.get(place.feature, 0.0) + (_PRIMARY_NAME if exact else 0.0)
    if place.feature == "city":
        score += _POPULATION_WEIGHT * math.log10(place.population + 1)
    return score


def _within(place: GazetteerPlace, area: GazetteerPlace) -> bool:
    if place.geonames_id == area.geonames_id:
        return True
    if area.feature == "country":
        return place.country_code == area.country_code and place.feature != "country"
    if area.feature == "admin1":
        return (
            place.feature in ("city", "admin2")
            and place.country_code == area.country_code
            and place.admin1 == area.admin1
        )
    return False


def _in_any(place: GazetteerPlace, areas: Iterable[GazetteerPlace]) -> bool:
    return any(_within(place, area) for area in areas)


def _argmax(scores: list[float]) -> int:
    return max(range(len(scores)), key=scores.__getitem__) if scores else -1
