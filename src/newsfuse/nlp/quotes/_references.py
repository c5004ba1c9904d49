"""Speakers referred to rather than named: pronouns ("she", "it") and definite roles ("the
governor", "the ministry"), resolved to the one person or body they fit."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import replace
from functools import partial

from newsfuse.nlp.quotes._context import (
    _Context,
    _last_event,
    _mentions_in,
    _sentence_of,
    _Speaker,
    _strip_the,
)
from newsfuse.nlp.quotes._lexicon import (
    _BODY,
    _BODY_HEADS,
    _PRONOUNS,
    PLATFORM,
    ROLE_NOUNS,
    _trie_pattern,
)
from newsfuse.nlp.quotes._names import (
    _canonical_body,
    _entity_speaker,
    _is_person,
    is_org_word,
)
from newsfuse.provenance.attribution import is_news_name


def _pronoun_speaker(ctx: _Context, pronoun: str, position: int) -> _Speaker:
    """he/she → the last speaker when a person, or the only person of the nearest sentence that
    names one; it/they → the last organisation speaker. Unresolved: the pronoun alone."""
    lowered = pronoun.lower()
    label = _PRONOUNS[lowered]
    lowered = {"him": "he", "her": "she", "them": "they"}.get(lowered, lowered)
    last = _last_event(ctx, position)
    if lowered in ("he", "she"):
        other = "she" if lowered == "he" else "he"
        unnamed = _indefinite_before(ctx, position, _INDEFINITE_PERSON, pronoun)
        if unnamed is not None and not any(last[0] < p[0] < position for p in ctx.persons):
            return unnamed  # "A local official told AFP that ... '...,' he said"
        # "A spokeswoman for the X Police said ... '...,' she said": the police, again, unless
        # a person has been named since.
        if (
            last is not None
            and _SPOKESPERSON_OF.match(last[1].text)
            and last[1].name
            and not any(last[0] < p[0] < position for p in ctx.persons)
        ):
            speaker = last[1]
            return _Speaker(pronoun, speaker.name, speaker.entity_id, speaker.label)
        if (
            last is not None
            and _is_person(last[1])
            and last[1].name
            and _gender(ctx, last[1].name, position) != other
        ):
            # The last speaker, unless another person has been named since.
            since = [p for p in ctx.persons if last[0] - 80 < p[0] < position]
            if all(p[2] == last[1].name or p[3] == last[1].entity_id for p in since):
                return _Speaker(pronoun, last[1].name, last[1].entity_id, "PERSON")
        resolved = _nearest_person(ctx, position, last[1] if last else None)
        if resolved is not None and _gender(ctx, resolved.name or "", position) != other:
            return _Speaker(pronoun, resolved.name, resolved.entity_id, "PERSON")
        resolved = _gendered_person(ctx, position, lowered)
        if resolved is not None:
            return _Speaker(pronoun, resolved.name, resolved.entity_id, "PERSON")
    elif lowered in ("it", "they"):
        # The one body the sentence before names, else the last organisation that spoke.
        # "They" too: the staff or members of that body ("Rescuers from the X Service ...").
        body = _previous_body(ctx, position)
        if body is not None:
            body.text = pronoun
            return body
        if last is not None and last[1].label in ("ORG", "GPE"):
            speaker = last[1]
            return _Speaker(pronoun, speaker.name, speaker.entity_id, speaker.label)
    return _Speaker(pronoun, None, None, label)


# Singular nouns of an unnamed person a he/she may continue ("a local official", "one woman").
_INDEFINITE_PERSON = (
    r"(?:official|woman|man|resident|witness|officer|soldier|source|diplomat|worker|doctor|"
    r"nurse|teacher|driver|farmer|passenger|volunteer|scientist|researcher|engineer)"
)


_SPOKESPERSON_OF = re.compile(r"(?i:an?|the)\s+(?:\w+\s+)?spokes(?:man|woman|person)\s+for\s")


_BODY_HEAD = re.compile(
    r"\b"
    + _trie_pattern([h for head in _BODY_HEADS.split("|") for h in (head, head.capitalize())])
    + r"\b"
)


_BODY_ENDING = re.compile(_BODY.pattern + r"$")


def _find_bodies(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """The _BODY phrases of ``text[lo:hi]``, found from their head nouns (trying the whole
    pattern at every word was the slowest step of role resolution)."""
    found = []
    for head in _BODY_HEAD.finditer(text, lo, hi):
        start = max(lo, head.start() - 80)
        body = _BODY_ENDING.search(text[start : head.end()])
        if body is not None:
            found.append((start + body.start(), start + body.end(), body.group()))
    return found


def _previous_body(ctx: _Context, position: int) -> _Speaker | None:
    """'It said' opening a sentence: the one body named in the sentence before."""
    start, _ = _sentence_of(ctx, position)
    previous_start, _ = _sentence_of(ctx, max(0, start - 2))
    names = {}
    subject = None  # the body that opens the sentence before: its subject
    bodies = _find_bodies(ctx.text, previous_start, start)
    for b_start, _, wording in bodies:
        names[_canonical_body(wording.strip(), ctx.text)] = None
        if not ctx.text[previous_start:b_start].strip():
            subject = _canonical_body(wording.strip(), ctx.text)
    for mention in _mentions_in(ctx, previous_start, start):
        if mention.entity.label == "ORG" and not any(
            mention.start >= b_start and mention.end <= b_end for b_start, b_end, _ in bodies
        ):
            names[_canonical_body(_strip_the(mention.entity.name), ctx.text)] = mention.entity.id
    if len(names) > 1 and subject is not None:
        return _Speaker("it", subject, names[subject], "ORG")
    if len(names) == 1:
        name, entity_id = next(iter(names.items()))
        return _Speaker("it", name, entity_id, "ORG")
    return None


_FEMALE_WORDS = (
    "wife|widow|sister|daughter|mother|girlfriend|aunt|niece|grandmother|granddaughter|"
    "chairwoman|spokeswoman|businesswoman|congresswoman|councilwoman|policewoman|actress"
)
_MALE_WORDS = (
    "husband|widower|brother|son|father|boyfriend|uncle|nephew|grandfather|grandson|"
    "chairman|spokesman|businessman|congressman|councilman|policeman|actor"
)
# A gendered word right before a name ("his wife, Hanna Holm", "Mrs Holm", "the chairwoman,
# Ada Holm"), or a possessive that refers back to it ("Ada Holm and her deputy").
_GENDER_BEFORE = re.compile(
    rf"(?:\b(?P<f>Ms|Mrs|Miss|Madam|Lady|{_FEMALE_WORDS})|\b(?P<m>Mr|Sir|Lord|{_MALE_WORDS}))"
    r"\.?,?\s+$"
)
_GENDER_AFTER = re.compile(
    rf"^(?:,\s+(?:a|an|the)\s+[^,.;]{{1,60}},)?\s*(?:,\s+(?:the|a|an)\s+[^,.;]*?"
    rf"(?P<f2>{_FEMALE_WORDS})\b|,?\s+(?:and|with)\s+(?:(?P<f>her)|(?P<m>his))\s"
    rf"|,\s+(?:the|a|an)\s+[^,.;]*?(?P<m2>{_MALE_WORDS})\b)"
)


def _gender(ctx: _Context, name: str, position: int) -> str | None:
    """'he', 'she' or None: what the text says of the person ``name`` before ``position`` — a
    gendered title or word beside the name ("Mrs", "his wife,", "the chairwoman"), a possessive
    that refers back to it ("Ada Holm and her deputy"), or an earlier he/she resolved to it. A
    first name alone says nothing."""
    found = None
    for start, end, full, _ in ctx.persons:
        if start >= position or full != name:
            continue
        before = _GENDER_BEFORE.search(ctx.text, max(0, start - 20), start)
        after = _GENDER_AFTER.match(ctx.text[end : end + 90])
        for match in (before, after):
            if match is not None:
                groups = match.groupdict()
                if groups.get("f") or groups.get("f2"):
                    return "she"
                if groups.get("m") or groups.get("m2"):
                    return "he"
    for event in ctx.events:
        said = event[1]
        if event[0] < position and said.name == name and said.text.lower() in ("he", "she"):
            found = said.text.lower()
    return found


def _gendered_person(ctx: _Context, position: int, pronoun: str) -> _Speaker | None:
    """'He said' after a sentence naming two people: the one the pronoun's gender fits, when
    the text says the other's gender ("Ada Holm and her deputy, Tor Lind, ... He said")."""
    i = bisect_left(ctx.persons, (position,)) - 1
    if i < 0:
        return None
    sentence_start, _ = _sentence_of(ctx, ctx.persons[i][0])
    candidates = {}
    for start, _, name, entity_id in ctx.persons[: i + 1]:
        if start >= sentence_start:
            candidates[name] = entity_id
    other = "she" if pronoun == "he" else "he"
    genders = {name: _gender(ctx, name, position) for name in candidates}
    fitting = [name for name, gender in genders.items() if gender == pronoun]
    if len(fitting) != 1:
        fitting = [name for name, gender in genders.items() if gender != other]
    if len(fitting) == 1 and len(candidates) <= 3:
        return _Speaker(fitting[0], fitting[0], candidates[fitting[0]], "PERSON")
    return None


def _nearest_person(ctx: _Context, position: int, last: _Speaker | None) -> _Speaker | None:
    i = bisect_left(ctx.persons, (position,)) - 1
    if i < 0:
        return None
    nearest = ctx.persons[i]
    sentence_start, _ = _sentence_of(ctx, nearest[0])
    same_sentence = {(p[3] or p[2]) for p in ctx.persons[: i + 1] if p[0] >= sentence_start}
    names = {p[2] for p in ctx.persons[: i + 1] if p[0] >= sentence_start}
    if last is not None and last.label == "PERSON" and last.name in names:
        return last
    if len(same_sentence) == 1:
        return _Speaker(nearest[2], nearest[2], nearest[3], "PERSON")
    return None


def _role_speaker(ctx: _Context, phrase: str, position: int) -> _Speaker:
    """'the governor' → the one person or body introduced with 'governor' beside its name
    ('Governor Ivo Dankov', 'Oleh Syniehubov, the regional governor', 'the Velmari transport
    ministry'). Earlier in the article first; a lead sentence may name its speaker later."""
    words = [w.strip(".'’").removesuffix("'s") for w in phrase.lower().split()]
    words = [w for w in words if w not in ("the", "its", "his", "her", "their", "a", "an")]
    head = words[-1] if words else ""
    if not head:
        return _Speaker(phrase, None, None, None)
    before = _role_candidates(ctx, phrase, words, 0, position)
    found = _pick_role(ctx, before, position)
    if found is None and position - _sentence_of(ctx, position)[0] < 80:
        found = _pick_role(ctx, _role_candidates(ctx, phrase, words, position, len(ctx.text)), -1)
    if found is None and head in _COMPANY_NOUNS:
        found = _company(ctx, phrase, position)
        last = _last_event(ctx, position, same_paragraph=True)
        if found is None and last is not None and last[1].label == "ORG" and last[1].name:
            found = replace(last[1], text=phrase)  # the organisation that just spoke
    if found is None:
        found = _indefinite_before(ctx, position, re.escape(head), phrase)
    if found is None and len(words) == 1 and head not in ROLE_NOUNS:
        found = _named_with_head(ctx, head, position, phrase)
    return found or _Speaker(phrase, None, None, None)


def _named_with_head(ctx: _Context, head: str, position: int, text: str) -> _Speaker | None:
    """'the airport' after 'Port Ambry Airport', 'the authority' after 'the Belstrand Health
    Authority': the one title-case name before ``position`` that ends in that noun."""
    pattern = re.compile(rf"\b(?:[A-Z][\w&'-]*\s+){{1,4}}{re.escape(head.capitalize())}\b")
    names = {_strip_the(m.group()) for m in pattern.finditer(ctx.text, 0, position)}
    names = {n for n in names if n.split()[0] not in ("The", "A", "An")}
    if len(names) != 1:
        return None
    return _Speaker(text, names.pop(), None, "ORG")


def _indefinite_before(ctx: _Context, position: int, head: str, text: str) -> _Speaker | None:
    """The last speaker, when it was introduced indefinitely with a noun ``head`` matches ("A
    senior scientist at X said ..." then "the scientist told ..."): the same speaker, whoever
    it stands for, with the chain it was told through."""
    last = _last_event(ctx, position, same_paragraph=True)
    if last is None or not re.match(rf"(?i:an?|one)\s+(?:[\w-]+\s+){{0,3}}?{head}\b", last[1].text):
        return None
    return replace(last[1], text=text)


_COMPANY_NOUNS = frozenset(
    {"company", "firm", "operator", "carrier", "business", "airline", "retailer",
     "manufacturer", "maker", "producer", "supplier", "group", "employer", "insurer",
     "club", "team", "festival", "league", "federation", "association", "charity",
     "organisation", "organization", "bank", "lender", "chain", "publisher", "carmaker",
     "automaker", "miner", "broadcaster", "airport", "museum", "authority", "developer",
     "landlord", "utility", "brewer", "builder", "startup", "platform", "app"}
)  # fmt: skip
# "the chief executive of Skerry Ferries": the organisation a person runs or works for.
_EXECUTIVE_OF = re.compile(
    r"\b(?:chief executive|executive|director|head|chair(?:man|woman)?|founder|owner|boss|"
    r"president|CEO|manager|spokes(?:man|woman|person)|employees?|staff)\s+(?:of|at)\s+"
    r"(?:the\s+)?(?P<name>[A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*){0,3})"
)


# A title-case name ending in a company word: "Velm Dairies", "Harlow Freight Logistics".
_COMPANY_NAME = re.compile(r"\b(?:[A-Z][\w&'-]*\s+){1,3}(?P<last>[A-Z][a-z]+)\b")


def _company(ctx: _Context, phrase: str, position: int) -> _Speaker | None:
    """'The company said' with no company described as such: the one organisation the article
    named before (an ORG, a name ending in a company word the tagger took for a person, or the
    employer in "the chief executive of X"); None when there are several."""
    names: dict[str, str | None] = {}
    for mention in ctx.mentions:
        if mention.start >= position:
            break
        name = _strip_the(mention.entity.name)
        if is_news_name(name, ctx.known_news) or PLATFORM.fullmatch(name):
            continue
        company_word = is_org_word(name.split()[-1]) if name else False
        if mention.entity.label == "ORG" or (mention.entity.label == "PERSON" and company_word):
            names.setdefault(_canonical_body(name, ctx.text), mention.entity.id)
    for match in _EXECUTIVE_OF.finditer(ctx.text, 0, position):
        names.setdefault(match.group("name"), None)
    if not names:
        # A company the tagger missed or cut short: a title-case name ending in a company word.
        for match in _COMPANY_NAME.finditer(ctx.text, 0, position):
            last = match.group("last")
            if is_org_word(last) and not is_news_name(match.group(), ctx.known_news):
                names.setdefault(_strip_the(match.group()), None)
    if len(names) == 1:
        name, entity_id = next(iter(names.items()))
        return _Speaker(phrase, name, entity_id, "ORG")
    return None


def _pick_role(
    ctx: _Context, candidates: dict[str, tuple[int, _Speaker]], position: int
) -> _Speaker | None:
    if not candidates:
        return None
    best = max(score for score, _ in candidates.values())
    top = {name: speaker for name, (score, speaker) in candidates.items() if score == best}
    if len(top) == 1:
        return next(iter(top.values()))
    last = _last_event(ctx, position) if position >= 0 else None
    if last is not None and last[1].name in top:
        return top[last[1].name]  # type: ignore[index]
    return None


def _role_candidates(
    ctx: _Context, phrase: str, words: list[str], lo: int, hi: int
) -> dict[str, tuple[int, _Speaker]]:
    """Who in ``text[lo:hi]`` the role words describe, with how many of them fit."""
    text = ctx.text
    head = words[-1]
    candidates: dict[str, tuple[int, _Speaker]] = {}

    def consider(
        start: int, end: int, own: str, make: Callable[[], _Speaker], is_body: bool
    ) -> None:
        near = text[max(0, start - 80) : end + 80].lower()
        if not any(w in near for w in words):
            return  # no role word anywhere near: skip the slower description
        description = set(own.lower().split()) | _description(text, start, end)
        if is_body:
            fits = head in own.lower().split() or head in description
        else:
            fits = head in description or (
                head not in ROLE_NOUNS and bool(set(words) & description)
            )
        speaker = make() if fits else None
        if speaker is not None and speaker.name:
            score = len(set(words) & description) + 2 * len(set(words) & set(own.lower().split()))
            if score > candidates.get(speaker.name, (-1, None))[0]:
                candidates[speaker.name] = (score, speaker)

    for p_start, p_end, name, entity_id in ctx.persons:
        if lo <= p_start < hi and head not in _COMPANY_NOUNS:  # "the club" is no person
            consider(
                p_start, p_end, "", partial(_Speaker, phrase, name, entity_id, "PERSON"), False
            )
    for mention in ctx.mentions:
        if lo <= mention.start < hi and mention.entity.label == "ORG":
            own = text[mention.start : mention.end]
            if head not in _OUTLET_NOUNS and is_news_name(own, ctx.known_news):
                continue  # "the scientist told the X Post": the outlet is no scientist
            consider(
                mention.start,
                mention.end,
                own,
                partial(_entity_speaker, ctx, phrase, mention),
                True,
            )
    if ctx.bodies is None:
        ctx.bodies = _find_bodies(text, 0, len(text))
    for b_start, b_end, wording in ctx.bodies:
        if lo <= b_start < hi:
            name = _canonical_body(wording.strip(), ctx.text)
            consider(b_start, b_end, wording, partial(_Speaker, phrase, name, None, "ORG"), True)
    return candidates


_OUTLET_NOUNS = frozenset(
    {"newspaper", "paper", "agency", "outlet", "broadcaster", "channel", "station", "daily",
     "weekly", "magazine", "website", "site"}
)  # fmt: skip


def _description(text: str, start: int, end: int) -> set[str]:
    """The words that describe a name: titles and modifiers before it in its clause ("Police
    Chief", "Finance chief", "The union representing the dock workers,") and an appositive
    after it (", the NASA administrator,")."""
    clause = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), start - 80)
    before = text[clause + 1 : start]
    if re.search(r",\s*$", before):
        # The name is the appositive of a description before it.
        before = re.split(r"[,;:(]", before.rstrip()[:-1])[-1]
    else:
        # Only the titles right before the name, not the words of another phrase.
        before = re.split(r"[,;:(]|\b(?:and|but|while|with|at|of|for|from|in|by|to|met)\b",
                          before)[-1]  # fmt: skip
    after = re.match(r",\s+(?:a|an|the|its|his|her)\s+([^,.;]{2,60})", text[end : end + 70])
    described = before + " " + (after.group(1) if after else "")
    words = described.lower().replace("-", " ").split()
    return {w.strip(",.'’").removesuffix("'s").removesuffix("’s") for w in words}
