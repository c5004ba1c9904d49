"""Merge entity mentions across articles so that spelling and transliteration variants become one
entity: places through GeoNames' alternate names, people and organisations through string
similarity with context. Also corrects model slips: a known place tagged PERSON or ORG.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz

from newsfuse.geo.gazetteer import Gazetteer, GazetteerPlace, normalize_name
from newsfuse.geo.resolve import Resolver, Toponym
from newsfuse.geo.toponyms import missed_places
from newsfuse.model import Entity, Mention, Place, stable_id
from newsfuse.nlp.entities import RawMention

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# A mention right after one of these words is a location whatever the model said ("in Kyiv").
LOCATIVE_WORDS = frozenset(
    {
        "in",
        "near",
        "from",
        "into",
        "outside",
        "around",
        "towards",
        "toward",
        "across",
        "via",
        "retook",
        "recaptured",
        "liberated",
        "captured",
        "entered",
    }
)
# Labels the gazetteer may override; a demonym (NORP: "Ukrainian") is an actor, never a place.
CORRECTABLE_LABELS = frozenset({"PERSON", "ORG"})
SURNAME_SIMILARITY = 85.0  # Zelensky / Zelenskyy / Zelenskiy score 88-94
FIRST_NAME_SIMILARITY = 80.0
# Transliterated first names differ more (Vladimir / Volodymyr: 59) but keep their initial;
# different people sharing a surname rarely share an initial and a close first name.
FIRST_NAME_SAME_INITIAL_SIMILARITY = 55.0
PLACE_VARIANT_SIMILARITY = 80.0  # an unknown name this close to a resolved place's spelling
# A place this small outside the countries the articles are about is more likely a misreading
# (an abbreviation such as "Fla.", a first name) than the place meant.
MIN_POPULATION_OUTSIDE_FOCUS = 5000
# Titles and honorifics dropped from the front of a name before comparing names.
TITLES = frozenset(
    {
        "president",
        "gen",
        "general",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sen",
        "senator",
        "rep",
        "gov",
        "governor",
        "minister",
        "premier",
        "col",
        "colonel",
        "lt",
        "lieutenant",
        "maj",
        "major",
        "capt",
        "captain",
        "sgt",
        "sergeant",
        "adm",
        "admiral",
        "commander",
        "king",
        "queen",
        "pope",
        "sir",
        "dame",
        "lord",
        "mayor",
        "chancellor",
        "secretary",
        "spokesman",
        "spokeswoman",
        "judge",
        "justice",
        "prime",
        "foreign",
        "defence",
        "defense",
    }
)
_ACRONYM_STOPWORDS = frozenset({"of", "the", "and", "for", "de", "du", "la", "le", "des"})
NAME_SIMILARITY = 90.0  # whole names of organisations and other entities
CROSS_LABEL_SIMILARITY = 88.0  # a person's name the model once tagged ORG


@dataclass(slots=True)
class _Group:
    """All mentions that share one normalized surface key."""

    key: str
    mentions: list[RawMention]
    _label: str | None = None

    @property
    def label(self) -> str:
        """The label the model gave most mentions; counted once, when every mention is in."""
        if self._label is None:
            self._label = Counter(m.label for m in self.mentions).most_common(1)[0][0]
        return self._label

    def locative_share(self) -> float:
        return sum(m.preceding in LOCATIVE_WORDS for m in self.mentions) / len(self.mentions)


class _UnionFind:
    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {item: item for item in items}

    def find(self, item: str) -> str:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def merge_entities(
    mentions: list[RawMention],
    gazetteer: Gazetteer | None,
    texts: Mapping[str, str] | None = None,
) -> tuple[list[Entity], list[Place]]:
    """One :class:`Entity` per real-world referent, and a :class:`Place` for each that resolved.

    ``texts`` (article id → clean text) lets place resolution read what surrounds a name
    ("Paris, Texas"); without it, it still weighs the other places the articles name."""
    if gazetteer is not None and texts:
        mentions = [*mentions, *_missed_places(mentions, texts, gazetteer)]
    if gazetteer is not None:
        tagged_places = {_key(m.text) for m in mentions if m.label in PLACE_LABELS}
        mentions = [
            part for m in mentions for part in _split_place_lists(m, gazetteer, tagged_places)
        ]
    groups: dict[str, _Group] = {}
    for mention in mentions:
        key = _key(mention.text)
        if key:
            groups.setdefault(key, _Group(key, [])).mentions.append(mention)

    resolved = _resolve_places(groups, gazetteer, texts or {}) if gazetteer else {}
    entities: list[Entity] = []
    places: list[Place] = []

    by_place: dict[int, list[_Group]] = defaultdict(list)
    for key, place in resolved.items():
        by_place[place.geonames_id].append(groups[key])
    for geonames_id, place_groups in sorted(by_place.items()):
        entity, place = _place_entity(resolved[place_groups[0].key], place_groups)
        entities.append(entity)
        places.append(place)

    others = [g for k, g in groups.items() if k not in resolved]
    for cluster in _cluster_names(others):
        entities.append(_named_entity(cluster))
    entities.sort(key=lambda e: (-len(e.mentions), e.name))
    places.sort(key=lambda p: (-len(p.mentions), p.name))
    return entities, places


def _missed_places(
    mentions: list[RawMention], texts: Mapping[str, str], gazetteer: Gazetteer
) -> list[RawMention]:
    """Place names the model did not tag at all that the gazetteer knows well (a country, a
    region, a town of 100,000+ people, by its own name): datelines in capitals, names the
    model skipped. Tagged GPE, as the model would have."""
    by_article: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for m in mentions:
        by_article[m.article_id].append((m.start, m.end, m.label))
    found = []
    for article_id, text in texts.items():
        for place in missed_places(text, by_article.get(article_id, []), gazetteer):
            words = text[: place.start].split()
            preceding = words[-1].lower() if words else ""
            found.append(
                RawMention(article_id, place.start, place.end, place.text, "GPE", preceding)
            )
    return found


_LIST_SEPARATOR = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")


def _split_place_lists(
    mention: RawMention, gazetteer: Gazetteer, tagged_places: set[str]
) -> list[RawMention]:
    """'Balakliia and Izium' tagged as one entity is two places: split a coordinated span when
    every part is a place the gazetteer knows and, unless the span itself was tagged a place,
    every part is also tagged a place on its own somewhere in the articles (so that an
    organisation such as 'Marks and Spencer' is not split into two towns)."""
    pieces = _LIST_SEPARATOR.split(mention.text)
    if len(pieces) < 2 or not all(p and gazetteer.candidates(p) for p in pieces):
        return [mention]
    if mention.label not in PLACE_LABELS and not all(_key(p) in tagged_places for p in pieces):
        return [mention]
    parts = []
    cursor = 0
    for piece in pieces:
        start = mention.text.index(piece, cursor)
        cursor = start + len(piece)
        parts.append(
            RawMention(
                article_id=mention.article_id,
                start=mention.start + start,
                end=mention.start + cursor,
                text=piece,
                label="GPE",
                preceding=mention.preceding,
            )
        )
    return parts


def _key(text: str) -> str:
    words = normalize_name(text).split()
    if words and words[0] == "the":
        words = words[1:]
    # "President Zelensky", "Gen. Valerii Zaluzhnyi": the title is not part of the name, but a
    # name that is only a title ("the President") stays as it is.
    while len(words) > 1 and words[0] in TITLES:
        words = words[1:]
    return " ".join(words)


def _resolve_places(
    groups: dict[str, _Group], gazetteer: Gazetteer, texts: Mapping[str, str]
) -> dict[str, GazetteerPlace]:
    """Surface key → place, for every group that is a place (by label or by gazetteer and context)."""
    candidates = {key: gazetteer.candidates(key) for key in groups}
    focus = _focus_countries(groups, candidates)
    place_keys = [key for key in groups if _is_place(key, groups[key], candidates[key], focus)]
    choices = _resolve_in_articles([groups[k] for k in place_keys], gazetteer, texts)
    resolved: dict[str, GazetteerPlace] = {}
    for key in place_keys:
        best = choices.get(key) or _choose(candidates[key], focus)
        if (
            best.country_code in focus
            or best.feature in ("country", "admin1")
            or (best.population >= MIN_POPULATION_OUTSIDE_FOCUS)
        ):
            resolved[key] = best
    _attach_place_variants(groups, resolved)
    return resolved


def _is_place(key: str, group: _Group, found: list[GazetteerPlace], focus: set[str]) -> bool:
    """Whether a name group is a place: by the model's label, or (for a person or organization
    the model may have misread) with evidence beyond the name itself."""
    if not found or _is_abbreviation(group):
        return False
    if group.label in PLACE_LABELS:
        return True
    if group.label not in CORRECTABLE_LABELS:
        return False
    # The mention sits after a locative word, or it names a place in a country the articles
    # are about.
    best = _choose(found, focus)
    return group.locative_share() >= 0.5 or (
        best.country_code in focus
        and best.feature in ("city", "admin1")  # a town, or a region ("Kharkiv Oblast")
        and best.population >= 1000
        and len(key.split()) <= 2
    )


def _resolve_in_articles(
    groups: list[_Group], gazetteer: Gazetteer, texts: Mapping[str, str]
) -> dict[str, GazetteerPlace]:
    """Each place name's referent, chosen article by article with every other place the article
    names as context (containers such as "Paris, Texas", the article's focus, nearness), then
    by majority over the articles: one name is one place across a run."""
    by_article: dict[str, list[tuple[str, RawMention]]] = defaultdict(list)
    for group in groups:
        for mention in group.mentions:
            by_article[mention.article_id].append((group.key, mention))
    resolver = Resolver(gazetteer)
    votes: dict[str, Counter[int]] = defaultdict(Counter)
    places: dict[int, GazetteerPlace] = {}
    for article_id, named in by_article.items():
        toponyms = [Toponym(m.start, m.end, m.text) for _, m in named]
        for (key, _), place in zip(
            named, resolver.resolve(texts.get(article_id, ""), toponyms), strict=True
        ):
            if place is not None:
                votes[key][place.geonames_id] += 1
                places[place.geonames_id] = place
    return {key: places[counts.most_common(1)[0][0]] for key, counts in votes.items()}


def _attach_place_variants(groups: dict[str, _Group], resolved: dict[str, GazetteerPlace]) -> None:
    """A name the gazetteer doesn't know that is a near spelling of a place already found in these
    articles is that place (Oskol / Oskil, Donbass / Donbas): transliterations keep the first
    letters and differ by a vowel or a doubled consonant."""
    known: defaultdict[str, list[str]] = defaultdict(list)  # by the first two letters
    for name in resolved:
        known[name[:2]].append(name)
    for key, group in groups.items():
        if key in resolved or group.label == "NORP" or len(key.split()) > 2:
            continue
        if group.label == "PERSON" and len(key.split()) > 1:
            continue
        close = {
            resolved[other].geonames_id: resolved[other]
            for other in known.get(key[:2], ())
            if fuzz.ratio(other, key) >= PLACE_VARIANT_SIMILARITY
        }
        if len(close) == 1:
            resolved[key] = close.popitem()[1]


def _is_abbreviation(group: _Group) -> bool:
    """'Fla.', 'Calif.': an abbreviated region name, which a city of that name is not."""
    return all(m.text.endswith(".") and len(m.text) <= 6 for m in group.mentions)


def _focus_countries(
    groups: dict[str, _Group], candidates: dict[str, list[GazetteerPlace]]
) -> set[str]:
    """Countries the articles are about: those holding at least a fifth of the place mentions."""
    votes: Counter[str] = Counter()
    for key, group in groups.items():
        if group.label in PLACE_LABELS and candidates[key]:
            votes[candidates[key][0].country_code] += len(group.mentions)
    total = sum(votes.values())
    return {code for code, n in votes.items() if total and n / total >= 0.2}


def _choose(found: list[GazetteerPlace], focus: set[str]) -> GazetteerPlace:
    """Prefer places in the countries the articles are about, then countries, then population."""
    return min(
        found, key=lambda p: (p.country_code not in focus, p.feature != "country", -p.population)
    )


def _mentions(groups: Iterable[_Group]) -> list[Mention]:
    return sorted(
        (Mention(m.article_id, m.start, m.end, m.text) for g in groups for m in g.mentions),
        key=lambda m: (m.article_id, m.start),
    )


def _canonical(groups: list[_Group]) -> tuple[str, list[str]]:
    """The most frequent spelling (ties: the longer) and all spellings seen."""
    spellings = Counter(m.text for g in groups for m in g.mentions)

    def plain(spelling: str) -> bool:  # no leading "the" or title: "Valerii Zaluzhnyi"
        first = normalize_name(spelling).split()[:1]
        return not first or (first[0] != "the" and first[0] not in TITLES)

    name = max(spellings, key=lambda s: (spellings[s], plain(s), len(s), s))
    return name, sorted(spellings)


def _place_entity(place: GazetteerPlace, groups: list[_Group]) -> tuple[Entity, Place]:
    name, aliases = _canonical(groups)
    model_labels = Counter(m.label for g in groups for m in g.mentions)
    model_label = model_labels.most_common(1)[0][0]
    label = model_label if model_label in PLACE_LABELS else "GPE"
    entity_id = stable_id("ent", "place", str(place.geonames_id))
    place_id = stable_id("place", str(place.geonames_id))
    mentions = _mentions(groups)
    entity = Entity(
        id=entity_id,
        name=name,
        label=label,
        aliases=aliases,
        mentions=mentions,
        place_id=place_id,
        corrected_from=model_label if model_label not in PLACE_LABELS else None,
    )
    record = Place(
        id=place_id,
        name=name,
        geonames_id=place.geonames_id,
        lat=place.lat,
        lon=place.lon,
        country_code=place.country_code,
        admin1=place.admin1,
        feature=place.feature,
        population=place.population,
        entity_id=entity_id,
        mentions=mentions,
    )
    return entity, record


def _cluster_names(groups: list[_Group]) -> list[list[_Group]]:
    """Union groups whose names are variants of one another, within blocks of likely matches."""
    by_key = {g.key: g for g in groups}
    union = _UnionFind(by_key)
    blocks: dict[str, list[_Group]] = defaultdict(list)
    for group in groups:
        # Block on the start of the last word: transliteration variants keep their first letters,
        # and comparing within blocks keeps the cost near-linear in the number of names.
        blocks[group.key.split()[-1][:3]].append(group)
    for block in blocks.values():
        full_names = [g for g in block if _is_person(g) and len(g.key.split()) > 1]
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                if _same_referent(a, b):
                    union.union(a.key, b.key)
        # A bare surname joins a full name only when exactly one person in the block matches. The
        # model tags some bare foreign surnames ORG; those join too, when the person is the more
        # frequent reading of the name.
        for group in block:
            if len(group.key.split()) != 1 or group.label not in ("PERSON", "ORG"):
                continue
            matches = {
                union.find(f.key)
                for f in full_names
                if fuzz.ratio(f.key.split()[-1], group.key) >= SURNAME_SIMILARITY
            }
            if len(matches) == 1:
                root = matches.pop()
                person_mentions = sum(
                    len(f.mentions) for f in full_names if union.find(f.key) == root
                )
                if _is_person(group) or person_mentions >= len(group.mentions):
                    union.union(group.key, root)
    _join_acronyms(groups, union)
    clusters: dict[str, list[_Group]] = defaultdict(list)
    for key, group in by_key.items():
        clusters[union.find(key)].append(group)
    return list(clusters.values())


def _join_acronyms(groups: list[_Group], union: _UnionFind) -> None:
    """'CPA' joins 'Continental Press Agency' when exactly one organisation has those initials."""
    initials: dict[str, list[_Group]] = defaultdict(list)
    for group in groups:
        words = [w for w in group.key.split() if w not in _ACRONYM_STOPWORDS]
        if group.label == "ORG" and len(words) >= 2:
            initials["".join(w[0] for w in words)].append(group)
    for group in groups:
        written = {m.text.replace(".", "") for m in group.mentions}
        if group.label != "ORG" or not any(t.isupper() and 2 <= len(t) <= 6 for t in written):
            continue
        expansions = {union.find(g.key) for g in initials.get(group.key.replace(" ", ""), ())}
        if len(expansions) == 1:
            union.union(group.key, expansions.pop())


def _is_person(group: _Group) -> bool:
    return group.label == "PERSON"


def _same_referent(a: _Group, b: _Group) -> bool:
    labels = {a.label, b.label}
    if labels == {"PERSON"}:
        return _same_person(a.key, b.key)
    if labels == {"PERSON", "ORG"}:
        # spaCy's small model tags some foreign personal names ORG; a near-identical name that is
        # tagged PERSON elsewhere is the same person.
        return fuzz.ratio(a.key, b.key) >= CROSS_LABEL_SIMILARITY and _same_person(a.key, b.key)
    if len(labels) == 1:
        return fuzz.ratio(a.key, b.key) >= NAME_SIMILARITY
    if labels & PLACE_LABELS and " " not in a.key and " " not in b.key:
        # A one-word place name the gazetteer doesn't know, once mis-tagged as a person or an
        # organisation: "Donbass" (PERSON) beside "Donbas" (GPE).
        return fuzz.ratio(a.key, b.key) >= NAME_SIMILARITY
    return False


def _same_person(a: str, b: str) -> bool:
    """Two full names are one person when surnames are near-identical and first names agree."""
    first_a, *_, last_a = a.split() if " " in a else ("", a)
    first_b, *_, last_b = b.split() if " " in b else ("", b)
    if fuzz.ratio(last_a, last_b) < SURNAME_SIMILARITY:
        return False
    if not first_a or not first_b:
        return False  # bare surnames are attached separately, only when unambiguous
    if len(first_a.rstrip(".")) == 1 or len(first_b.rstrip(".")) == 1:
        return first_a[0] == first_b[0]
    similarity = fuzz.ratio(first_a, first_b)
    return similarity >= FIRST_NAME_SIMILARITY or (
        first_a[0] == first_b[0] and similarity >= FIRST_NAME_SAME_INITIAL_SIMILARITY
    )


def _named_entity(groups: list[_Group]) -> Entity:
    name, aliases = _canonical(groups)
    labels = Counter(m.label for g in groups for m in g.mentions)
    label = labels.most_common(1)[0][0]
    if "PERSON" in labels and label == "ORG":
        label = "PERSON"  # the cluster was joined through a PERSON-tagged name
    return Entity(
        id=stable_id("ent", label, min(g.key for g in groups)),
        name=name,
        label=label,
        aliases=aliases,
        mentions=_mentions(groups),
        corrected_from="ORG" if label == "PERSON" and labels["ORG"] else None,
    )
