"""Who speaks: the people an article names, the subject of a speech verb (or the speaker after an
inverted one), and what a noun phrase names: an entity, a person the tagger missed, a
spokesperson's body, a cited source, or an unnamed source kept as written."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace

from newsfuse.nlp.quotes._context import (
    _Context,
    _head,
    _last_event,
    _Mention,
    _mentions_in,
    _sentence_of,
    _Speaker,
    _strip_the,
)
from newsfuse.nlp.quotes._lexicon import (
    _BODY,
    _BODY_HEADS,
    _BODY_OF_STATE,
    _CAPITALIZED_NAME,
    _CHANNEL_NOUNS,
    _CITING,
    _COORDINATED,
    _GROUP_NOUNS,
    _LEADING_ADVERB,
    _PREPOSITIONS,
    _PRONOUNS,
    _QUOTED_AS,
    _QUOTED_IN,
    _STAFF_NOUNS,
    _SUBORDINATORS,
    _TITLES,
    _TOLD,
    _TOLD_AUDIENCE,
    _TRAILING_ADVERB,
    NAME_WORD,
    PLATFORM,
    ROLE_NOUNS,
    SPEECH_VERBS,
    TITLE_CASE_NAME,
)
from newsfuse.nlp.quotes._names import (
    _canonical_body,
    _entity_speaker,
    _expand_acronym,
    _is_own,
    _is_person,
    _short_name,
    _state_adjective,
    _untitled,
    is_org_word,
)
from newsfuse.nlp.quotes._references import _pronoun_speaker, _role_speaker
from newsfuse.provenance.attribution import is_news_name

# Last words of a place's or a building's name, never of a person's.
_PLACE_WORDS = frozenset(
    {"glacier", "river", "lake", "mountain", "mountains", "bridge", "street", "road", "avenue",
     "square", "park", "hall", "bay", "valley", "island", "islands", "sea", "hospital",
     "school", "university", "prize", "award", "station", "airport", "stadium", "cathedral",
     "church", "harbour", "harbor", "port", "canal", "forest", "desert", "coast", "strait"}
)  # fmt: skip


def _person_names(text: str, mentions: list[_Mention]) -> list[tuple[int, int, str, str | None]]:
    """People the article names: the PERSON mentions, plus two- or three-word capitalized names
    the tagger missed ("Liudmyla Horbenko, 58, ...") when no other entity covers them."""
    # A PERSON whose name is lower-case ("lorry driver") is a role the tagger mislabelled, and
    # one ending in a place word ("Skarn Glacier") a place.
    persons = [(m.start, m.end, _untitled(m.entity.name), m.entity.id) for m in mentions
               if m.entity.label == "PERSON" and m.entity.name[:1].isupper()
               and _head(m.entity.name) not in _PLACE_WORDS]  # fmt: skip
    for m in mentions:
        if m.entity.label != "ORG":
            continue
        # "Glaciologist Runa Talvik" tagged as one organisation: a role, then a person.
        role = _ROLE_THEN_NAME.fullmatch(text[m.start : m.end])
        if role is not None and _head(role.group("role")) in _PERSON_ROLES:
            persons.append((m.start + role.start("name"), m.end, role.group("name"), None))
        # A person the tagger took for an organisation: a titled or described personal name.
        elif _is_person(_Speaker("", m.entity.name, None, "ORG")):
            titled = _TITLES.search(text[max(0, m.start - 12) : m.start] + " ") is not None
            titled = titled or _after_honorific(text, m.start)
            described = re.match(r",\s*(?:\d|a |an |the |who )|\s+(?:said|told|has|had)\b",
                                 text[m.end : m.end + 8])  # fmt: skip
            if titled or described:
                persons.append((m.start, m.end, m.entity.name, m.entity.id))
    starts = [m.start for m in mentions]
    for match in _CAPITALIZED_NAME.finditer(text):
        start, end = match.span()
        i = bisect_left(starts, end)  # mentions are sorted: only the one before can overlap
        overlap = mentions[i - 1] if i and mentions[i - 1].end > start else None
        # A person the tagger took for a place it could not find ("Sabine" GPE) still counts.
        if overlap is not None and (
            overlap.entity.label in ("PERSON", "ORG") or overlap.entity.place_id is not None
        ):
            continue
        # A name followed by an age or an appositive, or preceded by a lower-case word, reads as
        # a person; a capitalized sentence opening ("Hours Earlier") does not.
        after = text[end : end + 6]
        opens = start == 0 or text[max(0, start - 2) : start] in (". ", "\n")
        if (
            re.match(r",\s*(?:\d|a |an |the |who )", after)
            or re.match(r"\s+(?:said|told)", after)
            or (opens and re.match(r"\s+(?:has|had|was|is)\s", after))
        ):
            words = match.group().split()
            titled = _TITLES.match(match.group() + " ")
            if titled is not None and len(match.group()[titled.end() :].split()) >= 2:
                # "Sister Agnes Mbeki, a nurse ...": the name without the title
                persons.append((start + titled.end(), end, match.group()[titled.end() :], None))
            elif titled is None and words[0] not in ("The", "A", "An"):
                persons.append((start, end, match.group(), None))
    persons.sort()
    return persons


def _cited_source(ctx: _Context, speaker: _Speaker, start: int, end: int) -> _Speaker:
    """'Citing the defence ministry, state media claimed ...': the ministry said it, and the
    media relayed it."""
    match = _CITING.search(ctx.text, start, end)
    if match is None or is_news_name(match.group("name"), ctx.known_news):
        return speaker
    relay = _DESCRIPTOR.sub("", speaker.name or speaker.text)
    source = _noun_phrase_speaker(ctx, match.start("name"), match.end("name"))
    if source is None:
        if unnamed_people(match.group("name")):
            # "citing three people with knowledge of the talks": nobody named, through the relay.
            return _Speaker(match.group("name"), None, None, None, relay=relay)
        return speaker
    source.text = match.group("name")
    source.relay = relay
    return source


# "the state news agency TNA" → "TNA": a relay by its name, without the description before it.
_DESCRIPTOR = re.compile(r"^(?:[Tt]he\s+)?(?:[a-z][\w-]*\s+)+(?=[A-Z])")
_PEOPLE_NOUNS = _GROUP_NOUNS | {"person", "source", "official", "insider", "insiders"}


def unnamed_people(phrase: str) -> bool:
    """'two people familiar with the plans', 'sources close to the board': people, unnamed."""
    words = phrase.split()[:4]
    return bool(words) and words[0][:1].islower() and any(w in _PEOPLE_NOUNS for w in words)


def _quoted_as_speaker(ctx: _Context, verb: re.Match[str], sentence_start: int) -> _Speaker | None:
    """'Interfax quoted the airport's director, Boris Melnikov, as saying ...': the director,
    relayed by Interfax."""
    if verb.group() != "saying":
        return None
    quoted_in = _QUOTED_IN.search(ctx.text, sentence_start, verb.end())
    if quoted_in is not None and quoted_in.end() == verb.start():
        # "X is quoted in the Courier as saying ...": the subject, relayed by the Courier.
        speaker = _subject_before(ctx, sentence_start, quoted_in.start())
        if speaker is not None:
            speaker.relay = _short_name(ctx, _strip_the(quoted_in.group("relay")))
        return speaker
    quoted_as = _QUOTED_AS.search(ctx.text, sentence_start, verb.end())
    if quoted_as is None or quoted_as.end() != verb.start():
        return None
    speaker = _subject_before(ctx, quoted_as.start("who"), quoted_as.end("who"))
    relay = _subject_before(ctx, sentence_start, quoted_as.start())
    if speaker is None or relay is None:
        return None
    speaker.relay = _short_name(ctx, relay.name or relay.text)
    return speaker


def _speaker_of_verb(ctx: _Context, verb: re.Match[str], sentence_start: int) -> _Speaker | None:
    quoted = _quoted_as_speaker(ctx, verb, sentence_start)
    if quoted is not None:
        return quoted
    if verb.group().endswith("ing"):
        # ", saying ...": the sentence's speaker goes on, or, when no one has spoken in the
        # sentence, the one person it names ("Her coach, Lars Holm, was more cautious, saying").
        last = _last_event(ctx, verb.start(), same_paragraph=True)
        going_on = last[1] if last else None
        if last is None or last[0] < _sentence_of(ctx, verb.start())[0]:
            going_on = _sole_person(ctx, sentence_start, verb.start()) or going_on
        if going_on is not None and SPEECH_VERBS[verb.group().lower()] == "tell":
            # ", telling the Evening Courier that ...": the outlet told, this time
            going_on = replace(going_on, party=_told_party(ctx, verb.end()))
        return going_on
    speaker = _subject_before(ctx, sentence_start, verb.start())
    if speaker is None and _COORDINATED.search(ctx.text, max(0, verb.start() - 6), verb.start()):
        speaker = _opening_subject(ctx, verb.start())
    if speaker is None:
        return None
    if SPEECH_VERBS[verb.group().lower()] == "tell":
        speaker.party = _told_party(ctx, verb.end())
    return _cited_source(ctx, speaker, sentence_start, verb.start())


def _sole_person(ctx: _Context, lo: int, hi: int) -> _Speaker | None:
    """The person named in ``text[lo:hi]`` when exactly one is (under one name)."""
    named = {(p[2], p[3]) for p in ctx.persons if lo <= p[0] < hi}
    if len(named) != 1:
        return None
    name, entity_id = next(iter(named))
    return _Speaker(name, name, entity_id, "PERSON")


def _opening_subject(ctx: _Context, position: int) -> _Speaker | None:
    """'The Bank of Ostravia held its rate and said ...': the name that opens the sentence is
    the subject of a verb coordinated with the sentence's first."""
    sentence_start, _ = _sentence_of(ctx, position)
    opening = re.match(r"\s*(?:[Tt]he\s+)?", ctx.text[sentence_start:position])
    lo = sentence_start + (opening.end() if opening else 0)
    first = next((m for m in _mentions_in(ctx, sentence_start, position) if m.start <= lo), None)
    if first is None or first.entity.label not in ("PERSON", "ORG"):
        return None
    return _entity_speaker(ctx, ctx.text[sentence_start : first.end].strip(), first)


def _told_party(ctx: _Context, position: int) -> str | None:
    match = _TOLD.match(ctx.text, position)
    if match is None or _TOLD_AUDIENCE.match(ctx.text, position):
        return None
    party = match.group("party").strip()
    party = re.split(r"\s+(?:by|from|on|that|in|through|later|late|earlier)\b", party)[0]
    if party.lower() in _OUTLET_REFERENCES:
        return _outlet_before(ctx, position)  # "told the newspaper": the one named before
    return _strip_the(party)


_OUTLET_REFERENCES = frozenset(
    {"the newspaper", "the paper", "the agency", "the broadcaster", "the station",
     "the magazine", "the website", "the channel", "the outlet"}
)  # fmt: skip
_CAPITALIZED_RUN = re.compile(r"(?:(?:[A-Z]\.){2,}|[A-Z][\w&'-]*)(?:\s+[A-Z][\w&'-]*){0,4}")


def _outlet_before(ctx: _Context, position: int) -> str | None:
    """The news organisation named last before ``position``."""
    names = [
        m.group()
        for m in _CAPITALIZED_RUN.finditer(ctx.text, 0, position)
        if is_news_name(m.group(), ctx.known_news)
    ]
    return _short_name(ctx, _strip_the(names[-1])) if names else None


def _subject_before(ctx: _Context, lo: int, hi: int) -> _Speaker | None:
    """The subject of a verb at ``hi``: the noun phrase just before it, past appositives
    ('Elin Hartvig, a senior fellow at ..., said') and adverbs ('also', 'on Friday')."""
    text = ctx.text
    dash = max(text.rfind(" - ", lo, hi), text.rfind(" – ", lo, hi), text.rfind(" — ", lo, hi))
    if dash != -1:
        lo = dash + 3  # "KYIV, Sept 10 (CPA) - Russia said": past the dateline
    region = text[lo:hi]
    trimmed = region.rstrip()
    while (adverb := _TRAILING_ADVERB.search(trimmed)) is not None:
        trimmed = trimmed[: adverb.start()]
    segments = _comma_segments(lo, lo + len(trimmed), text)
    if not segments:
        return None
    last_start, last_end = segments[-1]
    if text[last_start:last_end].strip():
        # No appositive: the subject is the end of the last segment, after any subordinator.
        opening = _CHANNEL_OPENING.match(text, last_start, last_end)
        cut = opening.end() if opening else last_start  # "In a statement it said"
        for sub in _SUBORDINATORS.finditer(text, cut, last_end):
            if sub.group() == "and" and _AND_IN_NAME.fullmatch(text, cut, last_end):
                break  # "The Drennick Fire and Rescue Service": "and" inside a body's name
            cut = sub.end()
        return _noun_phrase_speaker(ctx, cut, last_end)
    # An appositive chain: the name is in the first segment (walking back) that holds one; a
    # person before a body ("Pavlo Dmytrenko, a spokesman for the Kharkiv Help Network,"). A
    # relative clause ("The senator, who chairs the committee, said") names no speaker.
    segments = [(s, e) for s, e in segments if not _RELATIVE.match(text, s, e)]
    for start, end in reversed(segments[:-1]):
        speaker = _noun_phrase_speaker(ctx, start, end, names_only=True)
        if speaker is not None and speaker.label == "PERSON":
            return speaker
    for start, end in reversed(segments[:-1]):
        speaker = _noun_phrase_speaker(ctx, start, end, names_only=True)
        if speaker is not None:
            return speaker
    for start, end in reversed(segments[:-1]):
        speaker = _noun_phrase_speaker(ctx, start, end)
        if speaker is not None:
            return speaker
    return None


# A sentence opening with the channel, no comma after it: "In a statement it said ...".
_CHANNEL_OPENING = re.compile(
    rf"\s*(?:In|On|At|During|Via|Through)\s+(?:an?|the|his|her|its|their)\s+(?:[\w-]+\s+){{0,3}}?"
    rf"{_CHANNEL_NOUNS}\s+(?=\S)"
)


# A title-case body's name with "and" inside, ending in a body's head noun.
_AND_IN_NAME = re.compile(
    rf"\s*(?:[Tt]he\s+)?(?:[A-Z][\w'-]*\s+)+and\s+(?:[A-Z][\w'-]*\s+)*(?i:{_BODY_HEADS})\s*"
)


# A relative clause or an aside after a subject ("who chairs …", "speaking on condition …").
_RELATIVE = re.compile(r"\s*(?:who|whose|whom|which|where|[a-z]+ing)\b")


def _comma_segments(lo: int, hi: int, text: str) -> list[tuple[int, int]]:
    segments = []
    start = lo
    for i in range(lo, hi):
        if text[i] == ",":
            segments.append((start, i))
            start = i + 1
    segments.append((start, hi))
    return segments


def _speaker_after(ctx: _Context, lo: int, hi: int) -> _Speaker | None:
    """The speaker after an inverted verb: 'said Elin Hartvig, a senior fellow ...', 'said a
    sergeant who asked to be named only as Taras, ...'."""
    text = ctx.text
    segments = _comma_segments(lo, hi, text)
    first_start, first_end = segments[0]
    while first_end > first_start and ctx.text[first_end - 1] in ".!?;":
        first_end -= 1
    inner = re.match(r"\s*(?:in|by|from)\s+(?=the\b)", text[first_start:first_end])
    if inner:
        first_start += inner.end()
    cut = _SUBORDINATORS.search(text, first_start, first_end)
    speaker = _noun_phrase_speaker(ctx, first_start, cut.start() if cut else first_end)
    if speaker is None:
        return None
    if speaker.entity_id is None and speaker.name is None:
        # An indefinite role may be followed by the name as an appositive.
        for start, end in segments[1:]:
            named = _noun_phrase_speaker(ctx, start, end, names_only=True)
            if named is not None and text[start:end].strip() == named.text:
                named.text = speaker.text
                return named
    return speaker


def _noun_phrase_speaker(
    ctx: _Context, lo: int, hi: int, names_only: bool = False
) -> _Speaker | None:
    """Who the words ``text[lo:hi]`` name: an entity, a person the tagger missed, a pronoun,
    or a role (resolved to an earlier named entity when exactly one fits)."""
    text = ctx.text
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1] in " \t\n,":
        hi -= 1
    phrase = text[lo:hi]
    if not phrase:
        return None
    leading = _LEADING_ADVERB.match(phrase)
    if leading:
        lo += leading.end()
        phrase = text[lo:hi]
    if re.fullmatch(NAME_WORD, phrase) and re.match(r",\s*(?:an?\s|\d)", text[hi : hi + 5]):
        # "Serhii, a 70-year-old ..." / "Lysenko, 34, ...": a person whatever the tagger said.
        return _known_person(ctx, phrase, lo) or _Speaker(phrase, phrase, None, "PERSON")
    titled = _ROLE_THEN_NAME.search(phrase)
    if titled is not None and _head(titled.group("role")) in _PERSON_ROLES:
        # "Sorrel Bank chief executive Annika Veldt": the person after the role, whatever the
        # tagger made of the words.
        name = titled.group("name")
        return _known_person(ctx, name, lo) or _Speaker(phrase, name, None, "PERSON")
    mentions = _mentions_in(ctx, lo, hi)
    # A platform ("said on Telegram") is a channel, never the speaker.
    heads = [m for m in mentions if not _is_modifier(text, m, lo)
             and not PLATFORM.fullmatch(_strip_the(m.entity.name))]  # fmt: skip
    persons = [m for m in heads if m.entity.label == "PERSON"]
    if persons and " " not in persons[0].entity.name:
        # "Corvane said" after "Corvane Logistics": the company's short name, taken for a person.
        company = _org_named_first(ctx, persons[0].entity.name, lo)
        if company is not None:
            return _entity_speaker(ctx, phrase, company)
    company = _ORG_WORD_AFTER.match(text, persons[0].end, hi) if persons else None
    if company is not None and is_org_word(company.group("word")):
        # "Marlowe Foods" with only "Marlowe" tagged, as a person: the company.
        name = _strip_the(text[persons[0].start : company.end()])
        return _Speaker(phrase, name, None, "ORG")
    if persons:
        tail = re.match(r"\s+(?:of|at|from|with)\s", text[persons[0].end : hi])
        if tail:
            phrase = text[lo : persons[0].end]
        return _entity_speaker(ctx, phrase, persons[0])
    missed = _missed_person(ctx, lo, hi)
    if missed is not None:
        return missed
    body = _spokesperson_body(ctx, lo, hi) or _body_speaker(ctx, lo, hi)
    if body is not None:
        return body
    if _AND_IN_NAME.fullmatch(phrase) and not any(m.entity.label == "ORG" for m in heads):
        return _Speaker(phrase, _strip_the(phrase), None, "ORG")  # "the X Fire and Rescue Service"
    orgs = [m for m in heads if m.entity.label == "ORG"]
    if orgs and text[orgs[0].start : orgs[0].end].endswith(" of"):
        # "the Supreme Court of" + "Lunesia": a name the tagger cut after "of".
        whole = TITLE_CASE_NAME.match(text, orgs[0].start, hi)
        if whole is not None and whole.end() > orgs[0].end:
            return _Speaker(phrase, _strip_the(whole.group()), orgs[0].entity.id, "ORG")
    if orgs:
        return _entity_speaker(ctx, phrase, orgs[0])
    source = re.match(
        rf"(?i:an?|the)\s+(?P<channel>(?:\w+\s+)?{_CHANNEL_NOUNS})\s+(?:from|by|issued\s+by)\s+",
        phrase,
    )
    if source and not names_only:
        # "a statement from Kelloway General Hospital": the hospital speaks, through it.
        speaker = _noun_phrase_speaker(ctx, lo + source.end(), hi, names_only=True)
        if speaker is not None:
            speaker.channel = source.group("channel")
            return speaker
    owner = re.match(rf"(.+?)(?:'s|’s)\s+(?:\w+\s+)?{_CHANNEL_NOUNS}$", phrase)
    if owner and not names_only:
        # "the ministry's statement said": the statement's owner speaks, through it.
        speaker = _noun_phrase_speaker(ctx, lo, lo + len(owner.group(1)))
        if speaker is not None:
            speaker.channel = re.sub(r"^(?:'s|’s)\s+", "", phrase[len(owner.group(1)) :])
        return speaker
    places = [m for m in heads if m.entity.label in ("GPE", "NORP")]
    if places and places[0].end >= hi - 1 and len(phrase.split()) <= 3:
        return _entity_speaker(ctx, phrase, places[0])  # "Russia said", "Moscow insists"
    if names_only:
        return None
    staff = _BODY_WORD_STAFF.fullmatch(phrase)
    if staff is not None:
        body = _body_with_word(ctx, staff.group("word"), lo)
        if body is not None:
            return _entity_speaker(ctx, phrase, body)
        if staff.group("word").islower():
            # "a company spokesman", "an airport spokesman": the company or airport named before
            named = _role_speaker(ctx, f"the {staff.group('word')}", lo)
            if named.name and named.label != "PERSON":
                named.text = phrase
                return named
    lowered = phrase.lower()
    if lowered in _PRONOUNS:
        return _pronoun_speaker(ctx, phrase, lo)
    indefinite = _INDEFINITE_ROLE.fullmatch(phrase)
    if indefinite is not None and indefinite.group("head") in _INDEFINITE_HEADS:
        # "A senior commander in the X army said ..." then "The commander, Col Ivo Holm, ...".
        return _named_later(ctx, phrase, indefinite.group("head"), hi) or _Speaker(
            phrase, None, None, None
        )
    if not re.fullmatch(r"[\w'’.\- ]+", phrase):
        return None
    if len(phrase.split()) > 6:
        # "Officials in the coastal province of Marenne": people no one names.
        long_group = phrase.split()[0].lower() in _GROUP_NOUNS and len(phrase.split()) <= 10
        return _Speaker(phrase, None, None, None) if long_group else None
    if TITLE_CASE_NAME.fullmatch(phrase) and is_news_name(phrase, ctx.known_news):
        # "CLAUSE, the Morning Lantern reported": the outlet reports it itself.
        return (
            None
            if _is_own(ctx, _strip_the(phrase))
            else _Speaker(phrase, _strip_the(phrase), None, "ORG")
        )
    if (
        re.fullmatch(r"(?i:its)\s+(?:\w+\s+)?(?P<staff>\w+)", phrase)
        and _head(phrase) in _ITS_STAFF
    ):
        # "its organisers", "its spokeswoman": the body "it" is, the last one named earlier in
        # the sentence or else the one a sentence-opening "it" would be.
        sentence_start, _ = _sentence_of(ctx, lo)
        earlier = [m for m in _mentions_in(ctx, sentence_start, lo) if m.entity.label == "ORG"]
        if earlier:
            return _entity_speaker(ctx, phrase, earlier[-1])
        body = _pronoun_speaker(ctx, "it", lo)
        if body.name:
            body.text = phrase
            return body
    if _WORK_AUTHORS.fullmatch(phrase):
        return _Speaker(phrase, None, None, None)  # "The report's authors": no one named
    if re.match(r"(?i)(?:the|its|his|her|their)\s+", phrase) or re.match(
        r"[A-Z][\w-]*(?:'s|’s)\s+[a-z]", phrase
    ):
        return _role_speaker(ctx, phrase, lo)
    if _head(phrase) in _STAFF_NOUNS:
        return _main_body(ctx, phrase, lo)
    if re.fullmatch(r"(?:the\s+)?[A-Z]{2,6}", phrase):
        # "CPA said": the body the acronym stands for; the article's own outlet is no speaker.
        acronym = phrase.split()[-1]
        if _is_own(ctx, acronym):
            return None
        return _Speaker(phrase, _expand_acronym(ctx, acronym), None, "ORG")
    if _head(phrase) in _PRONOUNS or not re.search(r"[a-z]", phrase):
        return None
    return _Speaker(phrase, None, None, None)  # "residents", "a senior official": unnamed


# An honorific right before a name: "Dr." in "Dr. Alvarez". Matched with endpos where the
# whitespace before the name begins, so that the look is a few characters, not the whole text
# before the name as a search with "$" on ``text[:start]`` would scan.
_HONORIFIC_END = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|Prof)\.?$")


def _after_honorific(text: str, start: int) -> bool:
    """Whether whitespace and, before it, "Dr", "Mr", "Mrs", "Ms" or "Prof" (with or without a
    full stop) come right before ``start``."""
    end = start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end < start and _HONORIFIC_END.search(text, max(0, end - 5), end) is not None


# The unnamed people behind a piece of work: "the report's authors", "the study's authors".
_WORK_AUTHORS = re.compile(
    r"(?i:the)\s+[a-z]+(?:'s|’s)\s+(?:\w+\s+)?(?:authors|researchers|writers|compilers)"
)


# Who speaks for a body referred to as "it".
_ITS_STAFF = frozenset(
    {"organisers", "organizers", "spokesman", "spokeswoman", "spokesperson", "managers",
     "management", "staff", "officials", "owners", "board", "executives", "directors"}
)  # fmt: skip


_INDEFINITE_ROLE = re.compile(
    r"(?i:an?)\s+(?:[\w-]+\s+){0,3}?(?P<head>[a-z-]+)"
    r"(?:\s+(?:in|of|at|from|with|for)\s+[\w'’.\- ]{2,60})?"
)


# Role nouns an unnamed speaker may be introduced with ("a senior officer", "a commander").
_INDEFINITE_HEADS = ROLE_NOUNS | {"officer", "inspector", "captain", "judge", "lawyer"}


def _named_later(ctx: _Context, phrase: str, head: str, position: int) -> _Speaker | None:
    """An unnamed role named in the same paragraph right after ('A senior commander said ...
    The commander, Colonel Ivo Holm, told ...'): that person."""
    end = ctx.text.find("\n", position)
    end = len(ctx.text) if end == -1 else end
    later = re.compile(rf"\b[Tt]he\s+(?:[\w-]+\s+)?{re.escape(head)},\s+")
    match = later.search(ctx.text, position, min(end, position + 400))
    if match is None:
        return None
    for start, _, name, entity_id in ctx.persons:
        if match.end() <= start <= match.end() + 25:
            return _Speaker(phrase, name, entity_id, "PERSON")
    return None


def _is_modifier(text: str, mention: _Mention, lo: int) -> bool:
    """'of the Nordvik Institute', 'at Hallam University', "Russia's": not the speaker."""
    if text[mention.end : mention.end + 2] in ("'s", "’s"):
        return True
    before = text[lo : mention.start].split()
    if before and before[-1].lower() == "the":
        before = before[:-1]
    return bool(before) and before[-1].lower() in _PREPOSITIONS


_ROLE_THEN_NAME = re.compile(
    # "Sorrel Bank chief executive Annika Veldt"; "Novelist Teodor Brask" opening a sentence
    r"(?:^|\s)(?P<role>(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*|^[A-Z][a-z-]+)\s+"
    rf"(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{1,2}})$"
)
# Role nouns that only a person holds, so that a name after them is a person's.
_PERSON_ROLES = frozenset(
    {"executive", "director", "spokesman", "spokeswoman", "spokesperson", "chairman",
     "chairwoman", "chair", "founder", "economist", "analyst", "minister", "secretary",
     "governor", "mayor", "manager", "officer", "president", "commander", "councillor",
     "councilor", "headteacher", "coach", "captain", "lawyer", "professor", "correspondent",
     "striker", "midfielder", "defender", "goalkeeper", "singer", "actor", "actress", "writer",
     "author", "critic", "beekeeper", "farmer", "teacher", "nurse", "doctor", "surgeon",
     "envoy", "trainer", "novelist", "poet", "composer", "artist", "worker", "scientist",
     "researcher", "historian", "engineer", "pilot", "astronaut", "judge", "prosecutor",
     "chef", "owner", "driver", "diplomat", "ambassador", "adviser", "advisor", "glaciologist",
     "architect", "curator", "conductor", "organiser", "organizer", "priest",
     "sculptor", "painter", "photographer", "musician", "dancer", "designer", "filmmaker",
     "journalist", "reporter", "editor", "activist", "campaigner", "volunteer"}
)  # fmt: skip


def _missed_person(ctx: _Context, lo: int, hi: int) -> _Speaker | None:
    """A person's name the tagger did not label: "Iryna Tkachuk", or a lone first name."""
    phrase = ctx.text[lo:hi]
    bare = _TITLES.sub("", phrase)
    if re.fullmatch(rf"{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}}", bare) and bare.lower() not in (
        _PRONOUNS
    ):
        if any(m.entity.label != "PERSON" for m in _mentions_in(ctx, lo, hi)):
            return None
        if bare.split()[0] in _NOT_NAME_START or any(
            w.lower() in _GROUP_NOUNS or w.lower() in ROLE_NOUNS for w in bare.split()
        ):
            return None
        return _known_person(ctx, bare, lo) or _Speaker(phrase, bare, None, "PERSON")
    return None


# Capitalized words that open a noun phrase but are no name ("Others said", "Some added").
_NOT_NAME_START = frozenset(
    {"The", "A", "An", "Others", "Some", "Many", "Most", "Several", "Both", "All", "Few",
     "Each", "Neither", "Either", "Another", "One", "Two", "Three", "This", "That", "These",
     "Those"}
)  # fmt: skip


def _known_person(ctx: _Context, name: str, position: int) -> _Speaker | None:
    """A surname the tagger missed ("Lysenko") → the person named in full earlier."""
    for start, _, full, entity_id in reversed(ctx.persons):
        if start < position and (full == name or full.endswith(" " + name)):
            return _Speaker(name, full, entity_id, "PERSON")
    return None


def _body_speaker(ctx: _Context, lo: int, hi: int) -> _Speaker | None:
    """A body named with common nouns, which the tagger often misses or cuts short."""
    phrase = ctx.text[lo:hi].strip()
    of_state = _BODY_OF_STATE.fullmatch(phrase)
    if of_state is not None and (adjective := _state_adjective(of_state.group("state"))):
        entity_id = next((m.entity.id for m in _mentions_in(ctx, lo, hi)
                          if m.entity.label == "ORG"), None)  # fmt: skip
        return _Speaker(phrase, f"{adjective} {of_state.group('body')}", entity_id, "ORG")
    match = _BODY.fullmatch(phrase)
    if match is None:
        return None
    entity_id = next((m.entity.id for m in _mentions_in(ctx, lo, hi) if m.entity.label == "ORG"),
                     None)  # fmt: skip
    return _Speaker(phrase, _canonical_body(phrase, ctx.text), entity_id, "ORG")


_SPOKESPERSON = re.compile(
    r"(?:(?i:an?|the)\s+)?(?:(?:senior|chief|deputy|press|[A-Z][a-z]+)\s+)?"
    r"(?:spokes(?:man|woman|person)|representative|official|officials|managers|executives|"
    r"staff|(?i:forecasters?|economists?|analysts?|engineers?|researchers?|scientists?|members|"
    r"organisers|organizers|astronomers?|doctors|experts?|executive|monitors|inspectors|"
    r"observers))\s+(?:for|of|at|from)\s+|"
    # "a source in the Corvathian energy ministry", "sources close to the board"
    r"(?:(?i:an?|the)\s+)?(?:\w+\s+)?sources?\s+(?:in|at|within|inside|close\s+to)\s+"
)
# "Ministry officials said" after "the Marovian Ministry of Health": that body's staff.
# "A council spokesman said" after "the Ostmere Borough Council": that council's.
_BODY_WORD_STAFF = re.compile(
    r"(?:(?i:an?|the)\s+)?(?P<word>(?!(?i:an?|the|its|his|her|their)\b)[A-Za-z][a-z]+)\s+"
    r"(?:officials|managers|executives|staff|spokes(?:man|woman|person))"
)


def _spokesperson_body(ctx: _Context, lo: int, hi: int) -> _Speaker | None:
    """'a spokesman for the Halden Regional Police' speaks for the police: the named body."""
    match = _SPOKESPERSON.match(ctx.text, lo, hi)
    if match is None:
        return None
    body = _noun_phrase_speaker(ctx, match.end(), hi, names_only=True)
    rest = ctx.text[match.end() : hi].strip()
    if body is None and TITLE_CASE_NAME.fullmatch(rest):
        body = _Speaker(rest, _strip_the(rest), None, "ORG")  # a body the tagger missed
    elif body is None and re.fullmatch(r"the\s+[a-z]+", rest):
        body = _role_speaker(ctx, rest, match.end())  # "a spokeswoman for the office"
        body = body if body.name and body.label != "PERSON" else None
    if body is None or body.label not in ("ORG", "GPE"):
        return None
    body.text = ctx.text[lo:hi]
    return body


_ORG_WORD_AFTER = re.compile(r"\s+(?P<word>[A-Z][\w&'-]*)(?=\s*$)")


def _org_named_first(ctx: _Context, word: str, position: int) -> _Mention | None:
    """The one organisation named before ``position`` whose name opens with ``word`` (and goes
    on after it)."""

    def fits(name: str) -> bool:
        words = _strip_the(name).split()
        return len(words) > 1 and words[0] == word

    return _one_org_before(ctx, position, fits)


def _body_with_word(ctx: _Context, word: str, position: int) -> _Mention | None:
    """The one organisation named before ``position`` with ``word`` in its name."""
    return _one_org_before(ctx, position, lambda name: word.lower() in name.lower().split())


def _one_org_before(ctx: _Context, position: int, fits: Callable[[str], bool]) -> _Mention | None:
    """The organisation named before ``position`` whose name ``fits``, when exactly one does."""
    found = {
        m.entity.id: m
        for m in ctx.mentions
        if m.start < position and m.entity.label == "ORG" and fits(m.entity.name)
    }
    return next(iter(found.values())) if len(found) == 1 else None


def _main_body(ctx: _Context, phrase: str, position: int) -> _Speaker:
    """'Managers said': the organisation the article is about, the one named most often (on a
    tie, the one named first)."""
    counts: dict[str, int] = defaultdict(int)
    first: dict[str, _Mention] = {}
    for mention in ctx.mentions:
        name = mention.entity.name
        if mention.entity.label == "ORG" and not is_news_name(name, ctx.known_news):
            counts[mention.entity.id] += 1
            first.setdefault(mention.entity.id, mention)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], first[item[0]].start))
    if ranked and ranked[0][0] in first and first[ranked[0][0]].start < position:
        return _entity_speaker(ctx, phrase, first[ranked[0][0]])
    return _Speaker(phrase, None, None, None)
