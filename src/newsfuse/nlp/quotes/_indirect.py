"""Indirect speech: "X said (that) ...", "X told Y ...", "CLAUSE, officials said", "and that ..."
clauses, "Y quoted X as saying ..." and "according to X, CLAUSE"."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from newsfuse.model import Quote
from newsfuse.nlp.quotes._chains import _inherit_channel, _via
from newsfuse.nlp.quotes._context import (
    _Context,
    _head,
    _last_event,
    _make_quote,
    _remember,
    _sentence_of,
    _Speaker,
    _strip_the,
)
from newsfuse.nlp.quotes._lexicon import (
    _ACCORDING,
    _ADVERBIAL,
    _AND_THAT,
    _CHANNEL_NOUNS,
    _CLAUSE_END,
    _COORDINATED,
    _FINITE,
    _NOT_CLAUSE_START,
    _NOT_SPEECH_AFTER,
    _OBJECT_ONLY,
    _PASSIVE,
    _THAT_AFTER,
    _THAT_ONLY,
    _TOLD,
    _TOLD_AUDIENCE,
    _VERB,
    ROLE_NOUNS,
    SPEECH_VERBS,
    TITLE_CASE_NAME,
)
from newsfuse.nlp.quotes._names import _short_name
from newsfuse.nlp.quotes._speakers import (
    _cited_source,
    _noun_phrase_speaker,
    _quoted_as_speaker,
    _spokesperson_body,
    _subject_before,
    unnamed_people,
)
from newsfuse.provenance.attribution import is_news_name


def _indirect_quotes(ctx: _Context, quoted: list[tuple[int, int]]) -> list[tuple[int, Quote]]:
    ctx.current_pass = "indirect"
    text = ctx.text
    out: list[tuple[int, Quote]] = []
    quote_starts = [s for s, _ in quoted]
    for sentence_start, sentence_end in ctx.sentences:
        sentence = text[sentence_start:sentence_end]
        has_verb = _VERB.search(sentence) is not None
        if not has_verb and not _ACCORDING_CUE.search(sentence):
            continue
        inside = _inside_quotes(quoted, quote_starts, sentence_start, sentence_end)
        sentence_speaker: _Speaker | None = None
        floor = sentence_start  # where the current clause's attribution can begin
        for verb in _VERB.finditer(text, sentence_start, sentence_end):
            used = verb.start() in ctx.used_verbs and verb.start() not in ctx.partial_verbs
            if used or _in_any(inside, verb.start()):
                continue
            found = _indirect_at(ctx, verb, floor, sentence_end, sentence_speaker, inside)
            if found is None:
                continue
            found_quotes, speaker = found
            sentence_speaker = speaker
            floor = max(floor, found_quotes[-1].span[1])
            out.extend((quote.span[0], quote) for quote in found_quotes)
        out.extend(_and_that_clauses(ctx, sentence_start, sentence_end, inside, out))
        if sentence_speaker is None and not inside:
            according = _according_to(ctx, sentence_start, sentence_end)
            if according is not None:
                out.append((according.span[0], according))
    return out


_ACCORDING_CUE = re.compile(r"ccording to|, per |^Per ")


def _and_that_clauses(
    ctx: _Context,
    sentence_start: int,
    sentence_end: int,
    inside: list[tuple[int, int]],
    found: list[tuple[int, Quote]],
) -> list[tuple[int, Quote]]:
    """'X said there was "good news" ... and that CLAUSE': a coordinated reported clause whose
    verb governs a quote, said by that quote's speaker through the same chain."""
    text = ctx.text
    starts = {quote.span[0] for _, quote in found}
    out: list[tuple[int, Quote]] = []
    for more in _AND_THAT.finditer(text, sentence_start, sentence_end):
        if more.end() in starts or _in_any(inside, more.start()):
            continue
        last = _last_event(ctx, more.start())
        if last is None or last[0] < sentence_start or not any(s < more.start() for s, _ in inside):
            continue
        start, end = more.end(), _clause_end(text, more.end(), sentence_end)
        if any(s < end and e > start for s, e in inside):
            continue
        end = _trim_end(text, start, end)
        speaker, via, lemma = last[1], list(last[2]), last[3]
        out.append((start, _make_quote(ctx, (start, end), "indirect", speaker, lemma, via)))
    return out


def _trim_end(text: str, start: int, end: int) -> int:
    """``end`` moved back past trailing spaces and punctuation (",", ";", ".")."""
    while end > start and text[end - 1] in " ,;.":
        end -= 1
    return end


def _inside_quotes(
    quoted: list[tuple[int, int]], starts: list[int], lo: int, hi: int
) -> list[tuple[int, int]]:
    i = max(0, bisect_left(starts, lo) - 1)
    return [(s, e) for s, e in quoted[i:] if s < hi and e > lo]


def _in_any(spans: list[tuple[int, int]], position: int) -> bool:
    return any(s <= position <= e for s, e in spans)


_QUESTION = re.compile(r"\s+(?=(?:why|whether|how|what|when|where|who)\s)")


_DETERMINER_BEFORE = re.compile(r"\b(?i:the|a|an|its|these|those|such)\s+$")


def _indirect_at(
    ctx: _Context,
    verb: re.Match[str],
    sentence_start: int,
    sentence_end: int,
    sentence_speaker: _Speaker | None,
    inside: list[tuple[int, int]],
) -> tuple[list[Quote], _Speaker] | None:
    text = ctx.text
    form = verb.group()
    lemma = SPEECH_VERBS[form.lower()]
    # "asked why the contract had been awarded": an indirect question; "asked residents to
    # leave" is no speech.
    question = _QUESTION.match(text, verb.end(), sentence_end) if lemma == "ask" else None
    if _PASSIVE.search(text[max(0, verb.start() - 12) : verb.start()]):
        return _passive_with_agent(ctx, verb, lemma, sentence_start, sentence_end)
    if lemma in _OBJECT_ONLY and question is None:
        return None
    if _DETERMINER_BEFORE.search(text, max(0, verb.start() - 8), verb.start()):
        return None  # "rejected the claims": a noun
    if _NOT_SPEECH_AFTER.match(text, verb.end()) and lemma not in ("say", "write", "tell"):
        return None
    participle = form.endswith("ing")
    position = verb.end()
    party = None
    if lemma == "tell":
        audience = _TOLD_AUDIENCE.match(text, position)
        party_match = _TOLD.match(text, position)
        if audience is not None:
            position = audience.end()  # "told the District Court that": no one in the chain
        elif party_match is None:
            return None
        else:
            party = _strip_the(party_match.group("party"))
            position = party_match.end()
    while (
        adverbial := _ADVERBIAL.match(text, position)
    ) is not None and adverbial.end() > position:
        position = adverbial.end()
    rest = text[position:sentence_end]
    that = (_QUESTION.match(rest) if question else None) or _THAT_AFTER.match(rest)
    clause_start = position + (that.end() if that else 0)
    while clause_start < sentence_end and text[clause_start].isspace():
        clause_start += 1
    trailing = _trailing_attribution(text, verb, position, sentence_start, sentence_end)
    if trailing is not None:
        clause = trailing
    else:
        if clause_start >= sentence_end or not text[clause_start].isalnum():
            return None
        if not that and _NOT_CLAUSE_START.match(text, clause_start):
            return None
        if not that:
            if lemma in _THAT_ONLY:
                return None
            first_words = " ".join(text[clause_start:sentence_end].split()[:12])
            if not _FINITE.search(first_words[first_words.find(" ") + 1 :]):
                return None
        clause = (clause_start, _clause_end(text, clause_start, sentence_end))
    # "said A and that B", "said that A, that B and that C": one reported clause each.
    clauses = [_series_cut(text, clause) if that else clause]
    while (
        more := _AND_THAT.match(text, clauses[-1][1], sentence_end)
        or (_THAT_SERIES.match(text, clauses[-1][1], sentence_end) if that else None)
    ) is not None:
        next_clause = (more.end(), _clause_end(text, more.end(), sentence_end))
        clauses.append(_series_cut(text, next_clause) if that else next_clause)
    # A clause holding quoted words is given as the partial quote only.
    clauses = [c for c in clauses if not any(s < c[1] and e > c[0] for s, e in inside)]
    if not clauses:
        return None
    coordinated = _COORDINATED.search(text[max(0, verb.start() - 6) : verb.start()])
    quoted_as = _quoted_as_speaker(ctx, verb, sentence_start)
    if quoted_as is not None:
        sentence_speaker, participle = quoted_as, True
    if sentence_speaker is None and (participle or coordinated):
        # The sentence's quote said it first: '"...," X said, adding that ...'.
        last = _last_event(ctx, verb.start(), same_paragraph=True)
        if last is not None and last[0] >= _sentence_of(ctx, verb.start())[0]:
            sentence_speaker = replace(last[1], party=None)
    if participle or (coordinated and sentence_speaker is not None):
        # ", adding that ...", "... and said he would ...": the sentence's speaker goes on.
        if sentence_speaker is None:
            return None
        speaker = sentence_speaker
    else:
        subject_start = sentence_start if trailing is None else trailing[1] + 1
        speaker = _subject_before(ctx, subject_start, verb.start())
        if speaker is None:
            return None
    speaker = _cited_source(ctx, speaker, sentence_start, sentence_end)
    if party:
        speaker.party = party
    # What follows the clause counts unless it is another statement (", and Y said ..."), whose
    # channel is its own.
    last_end = clauses[-1][1]
    and_next = re.match(r",?\s+and\s", text[last_end : last_end + 8])
    hi = last_end if and_next else sentence_end
    via = _via(ctx, sentence_start, hi, speaker, exclude=(clause[0], last_end))
    via = _inherit_channel(ctx, speaker, via, clause[0])
    _remember(ctx, speaker, via, clauses[0][0], lemma)
    ctx.used_verbs.add(verb.start())
    quotes = []
    for start, end in clauses:
        end = _trim_end(text, start, end)
        quotes.append(_make_quote(ctx, (start, end), "indirect", speaker, lemma, via))
    return quotes, speaker


# "It was announced by the Ostmere Borough Council on Monday that ...": the agent speaks.
_BY_AGENT = re.compile(
    r"\s+by\s+(?P<agent>(?:the\s+)?[A-Z][\w&'-]*(?:\s+(?:of\s+)?[A-Z][\w&'-]*){0,5})"
    r"(?:\s+(?:on|late on|early on)\s+\w+)?,?\s+that\s+"
)


def _passive_with_agent(
    ctx: _Context, verb: re.Match[str], lemma: str, sentence_start: int, sentence_end: int
) -> tuple[list[Quote], _Speaker] | None:
    """A passive speech verb with its agent ("was announced by X that ..."); None without one
    ("it was reported that ...", "jurors were told that ...")."""
    text = ctx.text
    agent = _BY_AGENT.match(text, verb.end(), sentence_end)
    if agent is None or lemma in ("tell", "ask"):
        return None
    speaker = _noun_phrase_speaker(ctx, agent.start("agent"), agent.end("agent"))
    if speaker is None:
        return None
    start, end = agent.end(), _clause_end(text, agent.end(), sentence_end)
    end = _trim_end(text, start, end)
    via = _via(ctx, sentence_start, sentence_end, speaker, exclude=(start, end))
    _remember(ctx, speaker, via, start, lemma)
    ctx.used_verbs.add(verb.start())
    return [_make_quote(ctx, (start, end), "indirect", speaker, lemma, via)], speaker


_TRAILING_CHANNEL = re.compile(
    rf"^\s*(?:in|on|via|through|during)\s+(?:an?|the|his|her|its|their)\s+(?:[\w-]+\s+){{0,3}}?"
    rf"{_CHANNEL_NOUNS}[^,;.]*$"
)
_THAT_SERIES = re.compile(r",\s+that\s+")


def _series_cut(text: str, clause: tuple[int, int]) -> tuple[int, int]:
    """A that-clause of a series ends where ", that ..." starts the next one."""
    series = _THAT_SERIES.search(text, clause[0], clause[1])
    return (clause[0], series.start()) if series else clause


def _trailing_attribution(
    text: str, verb: re.Match[str], after_adverbials: int, sentence_start: int, sentence_end: int
) -> tuple[int, int] | None:
    """'CLAUSE, Ukrainian officials said.': the clause before when the verb ends its sentence."""
    rest = text[after_adverbials:sentence_end]
    # "CLAUSE, RIA Novosti reported, citing the ministry." / "..., according to a pool report."
    rest = re.sub(r"^,\s+(?:citing|according to|quoting)\s+[^,;]+$", "", rest.strip(" ."))
    # "CLAUSE, the ministry said in a statement." / "... in a post on X."
    rest = _TRAILING_CHANNEL.sub("", rest)
    if rest.startswith(",") and not _VERB.search(rest) and not re.search('["“”]| that ', rest):
        rest = ""  # "..., X said on Monday, double the figure given a day earlier."
    elif re.match(r",\s+[a-z]+ing\s", rest) and not rest.startswith(", according"):
        rest = ""  # "..., its organisers wrote, blaming ...": an aside about the speaker
    if rest.strip(" .") or verb.group().endswith("ing"):
        return None
    comma = _comma_before(text, verb.start())
    if comma > sentence_start + 1 and not text[comma : verb.start()].strip():
        # "CLAUSE, the museum's director, Ada Holm, announced.": past the appositive
        name_comma = text.rfind(",", sentence_start, comma - 1) + 1
        start = text.rfind(",", sentence_start, max(sentence_start, name_comma - 1)) + 1
        comma = start if verb.start() - start <= 120 else comma
    if comma <= sentence_start + 1 or verb.start() - comma > 120:
        return None
    speech = (
        v
        for v in _VERB.finditer(text, sentence_start, comma)
        # "negotiators have agreed on ...": no speech; "agreed that ..." is
        if SPEECH_VERBS[v.group().lower()] not in _THAT_ONLY or _THAT_AFTER.match(text, v.end())
    )
    if next(speech, None) is not None or "ccording to" in text[sentence_start:comma]:
        return None  # "X said ..., CPA reported.": the credit relays X, handled with X
    return sentence_start, comma - 1


def _comma_before(text: str, position: int) -> int:
    """Just after the nearest comma before ``position`` (the start of the attribution)."""
    return text.rfind(",", 0, position) + 1


def _clause_end(text: str, start: int, sentence_end: int) -> int:
    end = _CLAUSE_END.search(text, start, sentence_end)
    if end is not None:
        return end.start()
    # ", CPA reported." closing the sentence is a relay, not part of what was said.
    credit = re.search(r",\s+(?:the\s+)?[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*\s+(?:reported|said)"
                       r"\s*\.?$", text[start:sentence_end])  # fmt: skip
    return start + credit.start() if credit else sentence_end


_SPOKE_TO = re.compile(
    r",\s+(?:which|who)\s+(?:spoke|talked|had spoken)\s+(?:to|with)\s+(?P<who>[^,;]+?)"
    r"(?:\s+(?:by|over|on)\s+(?:the\s+)?(?:tele)?phone)?\s*,"
)


_CHANNEL_SOURCE = re.compile(
    rf"(?i:an?|the)\s+(?:\w+\s+)?{_CHANNEL_NOUNS}\s+(?:from|by|issued\s+by)\s+"
)
# A description set off by commas after a source's name ("head of the association", "a
# spokeswoman for the council"): a short lower-case phrase before the next comma.
_DESCRIPTION = re.compile(r"\s*(?P<words>(?:an?\s|the\s)?[a-z][^,.;:\"“”]{2,80}),")


_APPOSITIVE_NAME = re.compile(
    r",\s+(?:(?:Dr|Mr|Mrs|Ms|Prof|Professor|Judge|Inspector)\.?\s+)?(?P<name>[A-Z][\w'-]+"
    r"(?:\s+[A-Z][\w'-]+){1,2}),"
)


_CLOSING_APPOSITIVE = re.compile(r",\s+(?P<who>[A-Z][^,.;\"“”]{1,60}?)\s*\.?\s*$")


def _according_to(ctx: _Context, sentence_start: int, sentence_end: int) -> Quote | None:
    """'According to X, CLAUSE' / 'CLAUSE, according to X' when X is a source, not a news outlet."""
    text = ctx.text
    match = _ACCORDING.search(text, sentence_start, sentence_end)
    if match is None:
        return None
    name = match.group("name").strip()
    staff = _spokesperson_body(ctx, match.start("name"), match.start("name") + len(name))
    # "a statement from the hospital" keeps its source; other phrases end before a modifier.
    source = _CHANNEL_SOURCE.match(name)
    keep = source.end() if source else 0
    name = (
        name[:keep]
        + re.split(
            r"\s+(?:and|who|which|on|in|at|by|of|from|posted|shared|published)\s+", name[keep:]
        )[0]
    )
    relay = None
    clause_from = match.end() - 1
    named = _APPOSITIVE_NAME.match(text, match.end("name"), sentence_end)
    person = next((p for p in ctx.persons if named and p[0] == named.start("name")), None)
    if is_news_name(name, ctx.known_news):
        # "According to Eastline News, which spoke to Governor Ivo Dankov by phone, CLAUSE": the
        # governor said it, and the outlet relays it.
        spoke = _SPOKE_TO.match(text, match.end("name"), sentence_end)
        if spoke is None:
            return None
        relay = _short_name(ctx, _strip_the(name))
        speaker = _noun_phrase_speaker(ctx, spoke.start("who"), spoke.end("who"))
        clause_from = spoke.end() - 1
    elif staff is not None:
        speaker = staff  # "according to monitors from the X Mission": the mission
    elif person is not None and named is not None:
        # "According to the coroner, Dr Ada Holm, CLAUSE": the appositive names the source.
        speaker = _Speaker(name, person[2], person[3], "PERSON")
        clause_from = named.end() - 1
    elif (closing := _CLOSING_APPOSITIVE.match(text, match.end("name"), sentence_end)) and (
        appositive := _noun_phrase_speaker(ctx, closing.start("who"), closing.end("who"), True)
    ):
        # "CLAUSE, according to the airport operator, Skyhaven.": the name closing the sentence.
        speaker = appositive
    else:
        speaker = _noun_phrase_speaker(ctx, match.start("name"), match.start("name") + len(name))
    if (speaker is None or speaker.name is None) and TITLE_CASE_NAME.fullmatch(name):
        # "according to the Hollin Observatory": a named body the tagger missed.
        speaker = _Speaker(name, _strip_the(name), None, "ORG")
    elif (speaker is None or speaker.name is None) and unnamed_people(name):
        # "according to two people familiar with the plans": said, by nobody the article names.
        speaker = _Speaker(name, None, None, None)
    elif speaker is None or (
        speaker.entity_id is None and _head(name) not in ROLE_NOUNS and not speaker.name
    ):
        return None
    if relay is not None:
        speaker.relay = relay
    if match.start() <= sentence_start + 1:
        clause = (text.find(",", clause_from, sentence_end) + 1, sentence_end)
        described = _DESCRIPTION.match(text, clause[0], sentence_end)
        if described is not None and not _FINITE.search(described.group("words")):
            # "According to Oren Maalouf, chair of the allotment society, CLAUSE".
            clause = (described.end(), sentence_end)
    else:
        clause = (sentence_start, text.rfind(",", sentence_start, match.start()))
    start, end = clause
    while start < end and text[start].isspace():
        start += 1
    end = _trim_end(text, start, end)
    if end - start < 10:
        return None
    via = _via(ctx, sentence_start, sentence_end, speaker, exclude=(start, end))
    return _make_quote(ctx, (start, end), "indirect", speaker, None, via)
