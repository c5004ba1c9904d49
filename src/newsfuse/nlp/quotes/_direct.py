"""Quotation marks and the quotes inside them: direct, partial and nested quotes, with the
attribution before or after each."""

from __future__ import annotations

import re

from newsfuse.model import Quote
from newsfuse.nlp.quotes._chains import _inherit_channel, _via
from newsfuse.nlp.quotes._context import (
    _Context,
    _last_event,
    _make_quote,
    _paragraph_start,
    _QuoteSpan,
    _remember,
    _sentence_of,
    _Speaker,
    _strip_the,
)
from newsfuse.nlp.quotes._lexicon import (
    _INDEFINITE,
    _LEADING_ADVERB,
    _NOT_SPEECH_AFTER,
    _PASSIVE,
    _PRONOUNS,
    _THAT_AFTER,
    _VERB,
    NOT_AFTER_ABBREVIATION,
    SPEECH_VERBS,
)
from newsfuse.nlp.quotes._names import _short_name
from newsfuse.nlp.quotes._speakers import (
    _noun_phrase_speaker,
    _sole_person,
    _speaker_after,
    _speaker_of_verb,
    _subject_before,
    _told_party,
)
from newsfuse.provenance.attribution import is_news_name

# --- quotation marks -------------------------------------------------------------------------


_QUOTE_MARK = re.compile("[\"“”'‘’]")


_ELIDED_YEAR = re.compile(r"\d\d(?:s\b|(?!\w))")


def _quote_spans(text: str) -> list[_QuoteSpan]:
    """Paired quotation marks, paragraph by paragraph, nested ones with their parent.

    A straight double quote opens after a space or a bracket and closes after a word or
    punctuation; single quotes count inside a double-quoted passage, and in a paragraph with no
    double quotes (British style) when one opens before a capital and closes after punctuation
    (elsewhere they are apostrophes). An opening mark left open at the end of its paragraph runs
    to that end."""
    spans: list[_QuoteSpan] = []
    offset = 0
    for paragraph in text.split("\n"):
        stack: list[tuple[int, str]] = []  # (index in spans, the kind of mark that opened)
        british = not any(c in paragraph for c in '"“”')
        for mark in _QUOTE_MARK.finditer(paragraph):
            i, char = mark.start(), mark.group()
            before = paragraph[i - 1] if i else " "
            after = paragraph[i + 1] if i + 1 < len(paragraph) else " "
            opens = before.isspace() or before in "([{—–-/:“\"'‘"
            closes = not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-\"”'’")
            double = char in '"“”'
            if british and not double:
                if stack and before in ",.!?" and (after.isspace() or after in ".,;:"):
                    index, _ = stack.pop()
                    spans[index].close = offset + i
                elif not stack and opens and after.isupper():
                    spans.append(_QuoteSpan(offset + i, -1, 0, None))
                    stack.append((len(spans) - 1, "single"))
                continue
            if not double and not any(kind == "double" for _, kind in stack):
                continue
            if not double and before.isalpha() and after.isalpha():
                continue  # an apostrophe
            if char in "'’" and _ELIDED_YEAR.match(paragraph, i + 1):
                continue  # "the blizzard of '96", "the '80s": an apostrophe
            kind = "double" if double else "single"
            if stack and stack[-1][1] == kind and (char in "”’" or (closes and char not in "“‘")):
                index, _ = stack.pop()
                spans[index].close = offset + i
            elif char in "“‘" or (opens and not closes) or (opens and after.isalnum()):
                parent = stack[-1][0] if stack else None
                spans.append(_QuoteSpan(offset + i, -1, len(stack), parent))
                stack.append((len(spans) - 1, kind))
        for index, _ in stack:
            # An unclosed British single quote was an apostrophe after all.
            spans[index].close = -1 if british else offset + len(paragraph)
        offset += len(paragraph) + 1
    return [s for s in spans if s.close > s.open + 1]


def _inner(text: str, span: _QuoteSpan) -> tuple[int, int]:
    """The quoted words without marks, surrounding spaces and a trailing comma."""
    start, end = span.open + 1, span.close
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


_PUT_IT = re.compile(r"\b[Aa]s\s+(?P<who>[^.;:\"“”]{2,120}?),?\s+put\s+it\s*[,:]?\s*$")


# A full stop that ends a sentence, not an honorific's or a saint's ("Dr. Ada Holm", "St. Aubin").
_SENTENCE_BREAK = re.compile(rf"{NOT_AFTER_ABBREVIATION}[.!?] ")


# --- direct and partial quotes -------------------------------------------------------------


def _direct_quotes(
    ctx: _Context, spans: list[_QuoteSpan], top: list[_QuoteSpan]
) -> list[tuple[int, Quote]]:
    records: list[tuple[int, Quote]] = []
    by_open: dict[int, Quote] = {}
    previous_close = -1
    for span in top:
        quote = _top_quote(ctx, span, previous_close)
        if quote is not None:
            records.append((span.open, quote))
            by_open[span.open] = quote
        previous_close = span.close
    for span in spans:
        if span.depth > 0 and span.parent is not None:
            outer = by_open.get(spans[span.parent].open)
            nested = _nested_quote(ctx, span, spans[span.parent], outer)
            if nested is not None:
                records.append((span.open, nested))
    return records


def _last_verb(ctx: _Context, start: int, end: int) -> re.Match[str] | None:
    """The speech verb nearest before ``end`` that is not inside another quote's words."""
    last = None
    for verb in _VERB.finditer(ctx.text, start, end):
        lemma = SPEECH_VERBS[verb.group().lower()]
        if _PASSIVE.search(ctx.text[max(0, verb.start() - 12) : verb.start()]):
            continue
        if lemma == "call" and _NOT_SPEECH_AFTER.match(ctx.text, verb.end()):
            continue
        if lemma == "rule" and not _THAT_AFTER.match(ctx.text, verb.end()):
            continue  # "ruled out", "the party that ruled the country"
        last = verb
    return last


def _top_quote(ctx: _Context, span: _QuoteSpan, previous_close: int) -> Quote | None:
    text = ctx.text
    inner = _inner(text, span)
    if inner[1] <= inner[0]:
        return None
    sentence_start, _ = _sentence_of(ctx, span.open)
    paragraph = _paragraph_start(text, span.open)
    head_start = max(sentence_start, paragraph, previous_close + 1)
    # A sentence the splitter ran on into the quote ("... reopen. 'We are ...'").
    stops = [m.end() for m in _SENTENCE_BREAK.finditer(text, head_start, span.open)]
    head_start = max([head_start, *stops])
    head = text[head_start : span.open]
    previous = _last_event(ctx, span.open, same_paragraph=True)
    split_from_previous = (
        previous is not None
        and previous_close >= paragraph
        and previous_close + 1 >= sentence_start
        and re.fullmatch(r"\s*,?\s*", text[previous_close + 1 : span.open]) is None
        and not _ends_sentence(text, previous_close)
    )
    words = text[inner[0] : inner[1]]
    whole_sentence = bool(re.match(r"[A-Z0-9\"“‘'¿¡]", words)) and (
        not head.strip() or head.rstrip().endswith((":", ","))
    )
    # 0. "… as one of them, Ada Holm, put it, "…"": the words are that speaker's.
    put_it = _PUT_IT.search(text, head_start, span.open)
    if put_it is not None:
        speaker = _subject_before(ctx, put_it.start("who"), put_it.end("who"))
        if speaker is not None:
            kind = "direct" if whole_sentence else "partial"
            via = _via(ctx, put_it.start(), span.open, speaker)
            _remember(ctx, speaker, via, span.open, None)
            return _make_quote(ctx, inner, kind, speaker, None, via)
    # 1. The attribution before the quote in its sentence ("X said troops had "…"", "X said: "…"").
    verb = _last_verb(ctx, head_start, span.open)
    if verb is not None:
        kind = "direct" if whole_sentence and head.rstrip().endswith((":", ",")) else "partial"
        if split_from_previous and previous is not None and head.rstrip().endswith(","):
            speaker, via = previous[1], list(previous[2])
            kind = "direct"
            ctx.used_verbs.add(verb.start())
            return _make_quote(ctx, inner, kind, speaker, previous[3], via)
        else:
            speaker = _speaker_of_verb(ctx, verb, head_start)
            via = _via(ctx, head_start, span.open, speaker, exclude=(inner[0], inner[1]))
            via += _via(ctx, span.close + 1, _tail_end(ctx, span.close), None)
        if speaker is None:
            return None
        ctx.used_verbs.add(verb.start())
        if kind == "partial":
            ctx.partial_verbs.add(verb.start())
        lemma = SPEECH_VERBS[verb.group().lower()]
        via = _inherit_channel(ctx, speaker, via, span.open)
        _remember(ctx, speaker, via, span.open, lemma)
        return _make_quote(ctx, inner, kind, speaker, lemma, via)
    # 1a. The second half of a quote split by "according to X" ('"…," according to X, "…"').
    if split_from_previous and previous is not None and _ACCORDING_AFTER.match(head):
        return _make_quote(ctx, inner, "direct", previous[1], previous[3], list(previous[2]))
    # 1b. A colon after a sentence about one named person ('Tarik Holm put it simply: "…"').
    if whole_sentence and head.rstrip().endswith(":") and not split_from_previous:
        speaker = _sole_person(ctx, head_start, span.open)
        if speaker is not None:
            via = _inherit_channel(
                ctx, speaker, _via(ctx, head_start, span.open, speaker), span.open
            )
            _remember(ctx, speaker, via, span.open, None)
            return _make_quote(ctx, inner, "direct", speaker, None, via)
    # 2. The attribution after the quote ('"…," she said', '"…," said X, an analyst').
    tail_end = _tail_end(ctx, span.close)
    tail = text[span.close + 1 : tail_end]
    ends_like_quote = re.search(r"[,.!?…][\s'’]*$", text[span.open + 1 : span.close]) is not None
    if (ends_like_quote or tail.startswith(",")) and not head.strip(" ,"):
        quote = _quote_attributed_after(ctx, span, inner, tail_end, "direct")
        if quote is not None:
            return quote
    if head.strip(" ,") and not split_from_previous:
        # 2b. A few words of the sentence's own before the quote, the attribution after it
        # ('Inflation "remains stubbornly high," the governor said'): a partial quote.
        comma = tail.startswith(",") or text[span.open + 1 : span.close].rstrip().endswith(",")
        if comma and len(head.split()) <= 6:
            return _quote_attributed_after(ctx, span, inner, tail_end, "partial")
        return None  # quoted words in prose with no speech verb: a scare quote or a title
    # 3. A quote continuing the last speaker of its paragraph.
    if previous is not None and whole_sentence:
        _, speaker, via, lemma, _ = previous
        return _make_quote(ctx, inner, "direct", speaker, lemma, list(via))
    if whole_sentence and previous is None:
        named = _named_after(ctx, span)
        if named is not None:
            speaker, via = named
            _remember(ctx, speaker, via, span.open, None)
            return _make_quote(ctx, inner, "direct", speaker, None, via)
        # 4. A quote alone, no one having spoken before it in its paragraph, after a sentence
        # about one named person ('Manager Ada Holm did not hide her anger. "We were …"').
        person = _sole_person_before(ctx, head_start, paragraph) if not head.strip() else None
        if person is not None:
            _remember(ctx, person, [], span.open, None)
            return _make_quote(ctx, inner, "direct", person, None, [])
    if whole_sentence and len(words.split()) >= 4:
        return _make_quote(ctx, inner, "direct", None, None, [])
    return None


def _quote_attributed_after(
    ctx: _Context, span: _QuoteSpan, inner: tuple[int, int], tail_end: int, kind: str
) -> Quote | None:
    """The quote, when the words after it up to ``tail_end`` say who said it."""
    attribution = _tail_attribution(ctx, span.close + 1, tail_end)
    if attribution is None:
        return None
    speaker, verb_lemma, via = attribution
    via = _inherit_channel(ctx, speaker, via, span.open)
    _remember(ctx, speaker, via, span.open, verb_lemma)
    return _make_quote(ctx, inner, kind, speaker, verb_lemma, via)


def _sole_person_before(ctx: _Context, sentence_start: int, paragraph: int) -> _Speaker | None:
    """The one person the sentence before ``sentence_start`` names, when that sentence is in the
    same paragraph and names no one else."""
    if sentence_start - 2 < paragraph:
        return None
    before_start = max(paragraph, _sentence_of(ctx, sentence_start - 2)[0])
    return _sole_person(ctx, before_start, sentence_start)


# A sentence after a quote that says whose words they were: "That was how X described ...",
# "That was the message from X", "The words came from X", "Those were the words of X".
_NAMED_AFTER = re.compile(
    r"\s*(?:(?:That|This|Those|These|Such)\s+(?:was|were|is|are)\s+(?:how|what|"
    r"(?:the|a|an)\s+(?:\w+\s+){0,2}(?:message|words?|warning|verdict|plea|view|assessment|"
    r"advice|response|reply|reaction|account|description)\s+(?:from|of|given\s+by))|"
    r"The\s+(?:words|message|warning|remark|plea|comments?)\s+(?:came|were|was)\s+(?:from|by))\s"
)


def _named_after(ctx: _Context, span: _QuoteSpan) -> tuple[_Speaker, list[str]] | None:
    """A quote with no attribution of its own whose next sentence says whose words they were
    ('"We had no water." That was how Ada Holm, 71, described ...'): the first person it names,
    with the chain that sentence gives ("speaking to the X", "in a video posted on Facebook")."""
    text = ctx.text
    if not _ends_sentence(text, span.close) and text[span.close - 1 : span.close] not in "!?.":
        return None
    match = _NAMED_AFTER.match(text, span.close + 1)
    if match is None:
        return None
    _, sentence_end = _sentence_of(ctx, match.end())
    sentence_end = max(sentence_end, match.end())
    person = next((p for p in ctx.persons if match.end() <= p[0] < sentence_end), None)
    if person is None:
        return None
    speaker = _Speaker(person[2], person[2], person[3], "PERSON")
    return speaker, _via(ctx, match.end(), sentence_end, speaker)


def _ends_sentence(text: str, close: int) -> bool:
    return text[close - 1 : close] in (".", "!", "?")


def _tail_end(ctx: _Context, close: int) -> int:
    """End of the narrative that follows a quote: its sentence's end, or the next quote."""
    text = ctx.text
    _, sentence_end = _sentence_of(ctx, close + 1)
    end = max(sentence_end, close + 1)
    newline = text.find("\n", close + 1)
    if newline != -1:
        end = min(end, newline)
    for mark in ('"', "“"):
        nxt = text.find(mark, close + 1, end)
        if nxt != -1:
            end = nxt
    return end


def _tail_attribution(
    ctx: _Context, start: int, end: int
) -> tuple[_Speaker, str | None, list[str]] | None:
    """Speaker, verb lemma and via from the words after a quote: ', said X, ...' or ', X said'."""
    text = ctx.text
    quoted = _QUOTED_AFTER.match(text, start, end)
    if quoted is not None:
        # '"…," X was quoted by Interfax as saying.'
        speaker = _subject_before(ctx, quoted.start("who"), quoted.end("who"))
        if speaker is not None:
            speaker.relay = _short_name(ctx, _strip_the(quoted.group("relay")))
            return speaker, "say", _via(ctx, start, end, speaker)
    for verb in _VERB.finditer(text, start, end):
        lemma = SPEECH_VERBS[verb.group().lower()]
        if lemma in ("call", "describe") or verb.group().endswith("ing"):
            continue
        before = text[start : verb.start()]
        if not before.strip(" ,"):
            speaker = _speaker_after(ctx, verb.end(), end)
        else:
            if _SENTENCE_BREAK.search(before) or len(before) > 200:
                return None
            speaker = _subject_before(ctx, start, verb.start())
        if speaker is None:
            return None
        ctx.used_verbs.add(verb.start())
        if lemma == "tell":
            speaker.party = _told_party(ctx, verb.end())
        via = _via(ctx, start, end, speaker)
        via += _following_credit(ctx, end)
        return speaker, lemma, via
    according = _ACCORDING_AFTER.match(text, start, end)
    if according is not None and not is_news_name(according.group("name"), ctx.known_news):
        # '"The bus was due at nine," according to Ada Holm, a passenger, "…"'.
        speaker = _noun_phrase_speaker(ctx, according.start("name"), according.end("name"))
        if speaker is not None and speaker.name:
            return speaker, None, _via(ctx, start, end, speaker)
    return None


_QUOTED_AFTER = re.compile(
    r"\s*,?\s*(?P<who>[^,.;\"“”]{2,80}?)\s+(?:was|is|has\s+been)\s+(?:quoted|cited)\s+(?:by|in)\s+"
    r"(?P<relay>[^,.;\"“”]{2,60}?)\s+as\s+saying\b"
)
_ACCORDING_AFTER = re.compile(r"\s*,?\s*according to\s+(?P<name>[^,.;\"“”]{2,60}?)\s*(?=[,.;]|$)")


def _following_credit(ctx: _Context, end: int) -> list[str]:
    """A short next sentence that only credits an outlet ("CPA reported.", "That is according to
    TASS.") applies to the quote before it."""
    nxt_start, nxt_end = _sentence_of(ctx, end + 2)
    if nxt_start <= end or nxt_end - nxt_start > 60:
        return []
    return [name for s, _, name in ctx.credits if nxt_start <= s < nxt_end]


# --- nested quotes -------------------------------------------------------------------------


def _nested_quote(
    ctx: _Context, span: _QuoteSpan, parent: _QuoteSpan, outer: Quote | None
) -> Quote | None:
    text = ctx.text
    inner = _inner(text, span)
    if inner[1] <= inner[0]:
        return None
    head_start = parent.open + 1
    boundary = max(text.rfind(". ", head_start, span.open), text.rfind("? ", head_start, span.open))
    if boundary != -1:
        head_start = boundary + 2
    verb = _last_verb(ctx, head_start, span.open)
    if verb is None:
        return None
    clause = text[head_start : verb.start()]
    subject = _LEADING_ADVERB.sub("", clause.strip())
    cut = re.split(r"\s+(?:and|but|then)\s+", subject)
    subject = cut[-1].strip() if cut[-1].strip() and len(cut) > 1 and _has_np(cut[-1]) else cut[0]
    subject = _leading_noun_phrase(subject)
    if not subject:
        return None
    outer_name = outer.speaker if outer else None
    # Only a name names the inner speaker: "my mother", "a boy on a bicycle" stay unnamed.
    named = (
        re.fullmatch(r"(?:[A-Z][\w'-]+\s*){1,3}", subject)
        and subject.lower() not in _PRONOUNS
        and subject.lower() not in _INDEFINITE
    )
    speaker = _Speaker(subject, subject if named else None, None, "PERSON" if named else None)
    # How the words reached the outer speaker ("my mother rang me": by phone), then the outer
    # speaker and the outer quote's own chain.
    via = ["phone"] if _PHONED.search(clause) else []
    via += [outer_name] if outer_name else []
    via += outer.via if outer else []
    return _make_quote(ctx, inner, "direct", speaker, SPEECH_VERBS[verb.group().lower()], via)


_PHONED = re.compile(r"\b(?:rang|phoned|called|texted|rings|phones|calls)\s+(?:me|us|him|her)\b")


_IRREGULAR_PAST = frozenset(
    {"rang", "came", "went", "ran", "was", "were", "is", "had", "has", "saw", "spoke", "wrote",
     "told", "said", "and", "but", "then", "got", "took", "sent", "began", "kept", "woke"}
)  # fmt: skip


def _leading_noun_phrase(words: str) -> str:
    """'My mother rang me at two' → 'My mother': the words before the first verb-like word."""
    kept: list[str] = []
    for word in words.split():
        bare = word.strip(",.;:").lower()
        if kept and (bare in _IRREGULAR_PAST or bare.endswith("ed")):
            break
        kept.append(word)
    return " ".join(kept).strip(" ,")


def _has_np(words: str) -> bool:
    return bool(re.match(r"\s*(?:a|an|the|my|his|her|their|our)\s+\w+", words, re.IGNORECASE))
