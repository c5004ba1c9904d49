"""Canonical names: people without titles, bodies as adjective + "Ministry of ..." or in title
case, a state for its capital, outlets by the short name the article uses, acronyms spelled out,
and the names the article's own outlet goes by."""

from __future__ import annotations

import re
from functools import lru_cache

from newsfuse.model import Article
from newsfuse.nlp.quotes._context import _Context, _Mention, _Speaker, _strip_the
from newsfuse.nlp.quotes._lexicon import (
    _BODY,
    _CAPITALS,
    _DEMONYMS,
    _MINISTRY_OF,
    _PREPOSITIONS,
    _STATE_OF_ADJECTIVE,
    _TITLES,
    NAME_WORD,
)


def _squash(name: str) -> str:
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _own_names(article: Article) -> tuple[str, ...]:
    """Squashed names the article's own outlet goes by: telling it is not a relay."""
    names = []
    for raw in (article.outlet, article.key.rsplit("/", 1)[-1], article.url or ""):
        if raw:
            names.append(_squash(raw))
    if article.outlet:
        initials = "".join(w[0] for w in article.outlet.split() if w[:1].isupper()).lower()
        if len(initials) >= 2:
            names.append(initials)
    return tuple(n for n in names if n)


def _is_own(ctx: _Context, party: str) -> bool:
    squashed = _squash(party)
    if len(squashed) < 2:
        return False
    return any(squashed == own or (len(squashed) >= 4 and squashed in own) for own in ctx.own_names)


def _entity_speaker(ctx: _Context, phrase: str, mention: _Mention) -> _Speaker:
    entity = mention.entity
    name = _strip_the(entity.name)
    if (
        entity.label == "ORG"
        and _TITLES.match(name + " ")
        and _is_person(_Speaker("", _untitled(name), None, "ORG"))
    ):
        return _Speaker(phrase, _untitled(name), entity.id, "PERSON")  # "Councillor Ruth Abiola"
    if entity.label == "ORG" and (name[:1].islower() or name.split()[-1].lower() in _PREPOSITIONS):
        # "defence ministry" says not whose; the article's wording does ("Russia's ...").
        name = _strip_the(_org_wording(ctx, mention))
    if entity.label == "ORG" and " " not in name:
        # "Ambrel said" after "Ambrel Motors": the company by the full name given before.
        longer = next(
            (m for m in ctx.mentions if m.start < mention.start and m.entity.label == "ORG"
             and _strip_the(m.entity.name).startswith(name + " ")),
            None,
        )  # fmt: skip
        if longer is not None:
            return _Speaker(phrase, _strip_the(longer.entity.name), longer.entity.id, "ORG")
    if entity.label == "ORG":
        name = _canonical_body(name, ctx.text)
        # "Ukraine's General Staff", "the General Staff in Kiev": whose body it is.
        before = re.search(
            r"\b([A-Z][a-z]+)(?:'s|’s)\s+$", ctx.text[max(0, mention.start - 20) : mention.start]
        )
        after = re.match(r"\s+(?:of|in)\s+([A-Z][a-z]+)", ctx.text[mention.end : mention.end + 30])
        for owner in (before, after):
            adjective = _state_adjective(owner.group(1)) if owner else None
            if adjective and not name.startswith(adjective):
                name = f"{adjective} {name}"
                break
    elif entity.label == "PERSON":
        state = _capital_of(ctx.text, name) if len(name.split()) == 1 else None
        if state is not None:
            return _Speaker(phrase, state, entity.id, "GPE")  # a capital the tagger took for one
        name = _untitled(name)
    elif entity.label in ("GPE", "NORP"):
        # A state speaks by its own name as written, a capital for its state ("Moscow").
        written = _strip_the(ctx.text[mention.start : mention.end])
        written = _STATE_OF_ADJECTIVE.get(written, written)
        name = _CAPITALS.get(written) or _capital_of(ctx.text, written) or written
    return _Speaker(phrase, name, entity.id, entity.label)


@lru_cache(maxsize=256)
def _capital_of(text: str, city: str) -> str | None:
    """The state whose capital the article says ``city`` is ("Tessby, Norvia's capital",
    "Tessby, the capital of Norvia", "the Norvian capital, Tessby"), else None. Kept per
    (text, city): a speaker quoted ten times is asked about ten times, each a scan of the text."""
    # Every form below has the word "capital": without it the scan of a long text is wasted.
    if not city[:1].isupper() or "capital" not in text:
        return None
    name = re.escape(city)
    said = re.search(
        rf"\b{name},\s+(?:(?P<a>[A-Z][\w-]+)(?:'s|’s)|the\s+(?P<b>[A-Z][\w-]+))\s+capital\b"
        rf"|\b{name},\s+the\s+capital\s+of\s+(?P<c>[A-Z][\w-]+)"
        rf"|\b(?:(?P<d>[A-Z][\w-]+)(?:'s|’s)|(?i:the)\s+(?P<e>[A-Z][\w-]+))\s+capital,?\s+{name}\b",
        text,
    )
    if said is None:
        return None
    state = next(g for g in said.groups() if g)
    if state in _STATE_OF_ADJECTIVE:
        return _STATE_OF_ADJECTIVE[state]
    if said.group("b") or said.group("e"):
        # An adjective ("the Norvian capital"): the state is the word the article writes that
        # the adjective is made of ("Norvia"); without it, the adjective says no state.
        for cut in (1, 2, 3):
            if re.search(rf"\b{re.escape(state[:-cut])}\b", text):
                return state[:-cut]
        return None
    return state


def _untitled(name: str) -> str:
    """'Councillor Ruth Abiola' → 'Ruth Abiola': the canonical name has no title."""
    bare = _TITLES.sub("", name + " ").strip()
    return bare if bare and bare[:1].isupper() else name


def _demonym(owner: str, text: str = "") -> str:
    """'Russia' → 'Russian'; a state the list does not know takes the adjective the article
    writes ("Kallmar's ministry" beside "the Kallmari border" → 'Kallmari')."""
    if owner in _DEMONYMS:
        return _DEMONYMS[owner]
    if text and owner[:1].isupper():
        written = re.search(rf"\b{re.escape(owner)}(?:ian|ean|ese|ish|an|i|n)\b", text)
        if written is not None:
            return written.group()
    return owner + "n" if owner.endswith("a") else owner


def _canonical_body(name: str, text: str = "") -> str:
    """A government body as adjective + "Ministry of ..." ("Russia's defence ministry" →
    "Russian Ministry of Defence"); any other body in title case ("Solvenna City Council")."""
    match = _BODY.fullmatch(name.strip())
    if match is None:
        return name
    owner = match.group("owner").split()
    if owner[-1].endswith(("'s", "’s")):
        owner[-1] = _demonym(owner[-1][:-2], text)
    rest = match.group("rest").split()
    head = match.group("head").capitalize()
    if head == "Ministry" and rest:
        subject = _MINISTRY_OF.get(" ".join(rest).lower(), " ".join(rest).title())
        return " ".join(owner) + f" Ministry of {subject}"
    return " ".join([*owner, *(w.capitalize() for w in rest), head])


def _state_adjective(word: str) -> str | None:
    """'Ukraine' / 'Kiev' → 'Ukrainian'; None for a word that is not a known state."""
    state = _CAPITALS.get(word, word)
    if state in _DEMONYMS:
        return _DEMONYMS[state]
    return None


def _org_wording(ctx: _Context, mention: _Mention) -> str:
    text = ctx.text
    start, end = mention.start, mention.end
    owner = re.search(r"(?:[A-Z][\w-]+(?:'s|’s)|Russian|Ukrainian|[A-Z][a-z]+n)\s+$",
                      text[max(0, start - 25) : start])  # fmt: skip
    if owner:
        start -= len(owner.group())
    of = re.match(r"\s+[A-Z][\w-]+", text[end : end + 30])
    if ctx.text[mention.start : mention.end].split()[-1].lower() in _PREPOSITIONS and of:
        end += of.end()
    wording = text[start:end]
    if wording[:1].isupper() and not owner:
        return wording
    return wording if owner else ctx.text[mention.start : mention.end]


_ORG_WORDS = frozenset(
    {"foods", "line", "united", "network", "group", "institute", "centre", "center", "university",
     "company", "corp", "inc", "ltd", "airlines", "airways", "shipping", "partners", "holdings",
     "club", "fc", "city", "council", "service", "services", "agency", "bank", "news", "press",
     "times", "ministry", "police", "army", "forces", "office", "board", "union", "party",
     "dairy", "ferries", "motors", "energy", "mining", "steel", "rail", "railways",
     "logistics", "pharma", "pharmaceuticals", "brewery", "bakery", "hospital", "trust"}
)  # fmt: skip


def is_org_word(word: str) -> bool:
    """A word that ends an organisation's name ("Foods", "Dairies", "Logistics")."""
    lowered = word.lower()
    singular = lowered[:-3] + "y" if lowered.endswith("ies") else lowered.removesuffix("s")
    return lowered in _ORG_WORDS or singular in _ORG_WORDS


def _is_person(speaker: _Speaker) -> bool:
    """A person, or a name the tagger took for an organisation ("Maja Lindqvist" ORG)."""
    if speaker.label == "PERSON":
        return True
    name = speaker.name or ""
    words = name.split()
    return (
        speaker.label == "ORG"
        and 2 <= len(words) <= 3
        and all(re.fullmatch(NAME_WORD, w) for w in words)
        and not any(w.lower() in _ORG_WORDS for w in words)
    )


def _expand_acronym(ctx: _Context, acronym: str) -> str:
    """'CPA' → 'Continental Press Agency' when the article or the run's outlets spell it out."""
    for match in re.finditer(r"\b[A-Z][\w-]+(?:\s+(?:of\s+|for\s+)?[A-Z][\w-]+){1,5}", ctx.text):
        words = [w for w in match.group().split() if w[:1].isupper()]
        if "".join(w[0] for w in words) == acronym:
            return match.group()
    for outlet in ctx.outlets:
        name = _strip_the(outlet)
        if "".join(w[0] for w in name.split() if w[:1].isupper()) == acronym:
            return name
    return acronym


def _short_name(ctx: _Context, name: str) -> str:
    """An outlet by the name the article uses: its initials when the article writes them
    ("the Continental Press Agency reported" in an article that says "CPA" elsewhere)."""
    words = [w for w in name.split() if w[:1].isupper()]
    if len(words) < 2:
        return name
    initials = "".join(w[0] for w in words)
    if initials in ctx.text and re.search(rf"\b{initials}\b", ctx.text):
        return initials
    return name
