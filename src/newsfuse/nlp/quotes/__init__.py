"""Quotes and reported speech: who said what, and through whom it reached the article.

For every article this finds

* direct quotes: a quoted sentence or more in straight or curly double quotes, or in British single
  quotes when a paragraph has no double ones. A quote split by its attribution ('"We are ready,"
  she said. "But not yet."') gives one :class:`Quote` per quoted passage, both with the same
  speaker, so that ``text`` is always ``article.text[span]``; a quote with no attribution of its
  own continues the last speaker of its paragraph; a quote after a colon whose sentence names one
  person is that person's ('Tarik Holm put it simply: "..."'), and so is a quote whose next
  sentence says whose words they were ('"..." That was how Selma Holm, 71, described it', "The
  words came from X", "That was the message from X");
* partial quotes: a few quoted words inside prose that a speech verb governs (Zelensky said troops
  had "liberated and taken control" of ...). A reported clause that contains one is given as the
  partial quote only, not a second time as indirect speech. Quoted words with no speech verb in
  their sentence (scare quotes, titles, technical terms) are not quotes;
* nested quotes: a quote inside a quote, spoken by whoever the outer speaker quotes: a name, or
  nobody named ("my mother", "a boy on a bicycle" → no speaker); the outer speaker heads its
  ``via``, after "phone" when the words came by phone ("my mother rang me and said ...");
* indirect speech: "X said (that) ...", "X told Y (that) ...", "X claimed/warned/insisted/...
  that", each coordinated "... and that ..." clause and each of a series "that A, that B and that
  C", ", adding that ..." (also after a direct quote), "CLAUSE, officials said." (also followed by
  ", citing Y", "in a statement" or a non-speech aside), "Y quoted X as saying that ...", and
  "according to X, CLAUSE" when X is a source rather than a news organisation ("a statement from X"
  → X through a statement; "the coroner, Dr X," → X), or a news organisation "which spoke to X". A
  verb after a determiner ("rejected the claims") is a noun.

The speaker is the subject of the speech verb: a name (through the run's merged entities, so its
canonical name and entity id, without titles), a pronoun (the last speaker, or the only person of
the nearest sentence that names one; between two people, the one whose gender the text gives —
"Mr"/"Ms"/"Mrs", "his wife, X", "the chairwoman", "X and her deputy", an earlier he/she resolved to
them — never a guess from a first name; "it" and "they" the one body the sentence before names, or
the body that opens it), a definite role ("the governor", "the ministry", "the police chief": the
one person or body introduced with those words as its title, modifier or appositive; a lead
sentence's role may be named later) or a spokesperson or staff of a body ("a spokesman for the
Halden Regional Police", "NASA managers"; bare "Managers" is the body the article names most; "the
company" with no company so described, the one organisation named before it, "the chief executive
of X" included); an indefinite role ("a senior commander in the X army") is the person a definite
re-mention names in the same paragraph ("The commander, Colonel Y, ..."), else nobody. A capital
speaks for its state ("Moscow" → Russia, and any city the article calls "X's capital" or "the
capital of X"). A platform ("said on Telegram") is a channel, never the speaker. Bodies get a
canonical name: a government body as adjective + "Ministry of ..." ("Russia's defence ministry" →
"Russian Ministry of Defence", "Kallmar's foreign ministry" → "Kallmari Ministry of Foreign
Affairs" when the article writes "Kallmari", "General Staff of Ukraine" → "Ukrainian General
Staff"), others in title case ("the Solvenna city council" → "Solvenna City Council"); an acronym
is spelled out when the article or the run's outlets do ("CPA"). When nothing resolves
unambiguously, ``speaker`` is None and ``speaker_text`` keeps the words ("residents", "a senior
official", "Ukrainian officials"): never a guessed person. An outlet speaking of itself ("CPA said
it could not verify" in CPA's own copy) is no quote.

``via`` runs from the speaker outwards: the channel ("statement on Telegram", "nightly video
address", "website", "video posted on Facebook", "phone" for "by phone", "messaging app", "Twitter"
for "tweeted", "statement" for "the ministry's statement said", "news conference" for "at a news
conference" or "told a press conference", "written judgment", "state television" for "told state
television"), the party told or spoken to ("told CNN", "Speaking to the BBC", "interview with Sport
Heute"; an outlet is named even when it publishes the article, "told
reporters/officers/shareholders" adds nothing), then the relays ("according to TASS", "per the
Times", "citing the defence ministry", "as reported by X", "CPA reported", "in remarks carried by
X") in the order they are written, each outlet by the short name the article uses. A quote whose
own sentence names no chain takes the chain of the same speaker's previous statement in its
paragraph ('X told Meridian Daily that ... "...," she said'); one that names relays but no channel
takes that statement's channel.

Everything is regular expressions over sentences (:func:`newsfuse.nlp.timex.sentence_bounds`)
and the entity mentions already found; no parser runs. On the demo corpus repeated 50 times
(950 articles) this handles about 950 articles a second on one core, a third of it spent in
:func:`~newsfuse.provenance.attribution.find_attributions`, which supplies the credit lines; the
entity tagger before it manages a few dozen. Parsing the speech-verb sentences with the small
spaCy model was not needed, and would have cost more than everything here together.

Why hand-written: no maintained library extracts news quote attribution chains offline.
Stanford CoreNLP's quote annotator is Java and attributes direct quotes only; textacy's
``direct_quotations`` needs a full dependency parse (too slow here) and gives neither indirect
speech nor channels and relays; the rest are research code or hosted services.

:func:`find_quotes` here runs the steps per article; the rules live in private modules, one each:
``_direct`` (quotation marks; direct, partial and nested quotes), ``_indirect`` (indirect
speech), ``_speakers`` (who a speech verb's subject or a noun phrase names), ``_references``
(pronouns and definite roles), ``_names`` (canonical names of people, bodies, states and
outlets), ``_chains`` (the ``via`` chain), ``_lexicon`` (speech verbs and the shared patterns and
word lists) and ``_context`` (the article's state and the statements found so far).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from newsfuse.model import Article, Attribution, Entity, Quote
from newsfuse.nlp.quotes._context import _Context, _Mention
from newsfuse.nlp.quotes._direct import _direct_quotes, _quote_spans
from newsfuse.nlp.quotes._indirect import _indirect_quotes
from newsfuse.nlp.quotes._lexicon import _SPEAKER_LABELS, SPEECH_VERBS
from newsfuse.nlp.quotes._lexicon import PLATFORM as PLATFORM
from newsfuse.nlp.quotes._lexicon import ROLE_NOUNS as ROLE_NOUNS
from newsfuse.nlp.quotes._names import _own_names
from newsfuse.nlp.quotes._speakers import _person_names
from newsfuse.nlp.timex import sentence_bounds
from newsfuse.parallel import fork_map
from newsfuse.provenance.attribution import find_attributions, news_names

__all__ = ["SPEECH_VERBS", "find_quotes"]


def find_quotes(
    articles: Sequence[Article],
    entities: Sequence[Entity],
    attributions: Sequence[Attribution] | None = None,
    alongside: Callable[[], object] | None = None,
) -> list[Quote]:
    """Direct, partial, nested and indirect quotes of every article, with resolved speakers and
    the chain (channel, party told, relays) each came through. ``attributions`` are the
    articles' credit lines when already found (:func:`find_attributions`). ``alongside`` runs
    in this process while the workers read the quotes (:func:`~newsfuse.parallel.fork_map`)."""
    by_article: dict[str, list[_Mention]] = defaultdict(list)
    for entity in entities:
        if entity.label in _SPEAKER_LABELS:
            for m in entity.mentions:
                by_article[m.article_id].append(_Mention(m.start, m.end, entity))
    credits: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    if attributions is None:
        attributions = find_attributions(articles)
    # Credits in removed lines (wire bylines, copyright; span (0, 0)) never sit beside a quote.
    for credit in attributions:
        if credit.cue in ("according to", "per", "citing", "reported") and credit.span != (0, 0):
            credits[credit.article_id].append((*credit.span, credit.agency))
    known = news_names(a.outlet for a in articles)
    outlets = tuple(sorted({a.outlet for a in articles if a.outlet}))

    def quotes_of(article: Article) -> list[Quote]:
        mentions = sorted(by_article.get(article.id, []), key=lambda m: m.start)
        context = _Context(
            article=article,
            text=article.text,
            mentions=mentions,
            starts=[m.start for m in mentions],
            sentences=sentence_bounds(article.text),
            known_news=known,
            own_names=_own_names(article),
            credits=sorted(credits.get(article.id, [])),
            persons=_person_names(article.text, mentions),
            outlets=outlets,
        )
        return _article_quotes(context)

    return [
        quote
        for found in fork_map(
            quotes_of, articles, cost=lambda article: len(article.text), alongside=alongside
        )
        for quote in found
    ]


def _article_quotes(ctx: _Context) -> list[Quote]:
    spans = _quote_spans(ctx.text)
    top = [s for s in spans if s.depth == 0]
    # A name inside quoted words ("Grades tell us ...," he said) is no one a pronoun or a role
    # outside them refers to.
    ctx.persons = [p for p in ctx.persons if not any(s.open < p[0] < s.close for s in top)]
    # Quotes first (their attributions claim their verbs), then indirect speech; then the quotes
    # once more, now that pronouns and channels can see every earlier speaker in text order.
    _direct_quotes(ctx, spans, top)
    records = _indirect_quotes(ctx, [(s.open, s.close) for s in top])
    ctx.events = [e for e in ctx.events if e[4] != "quotes"]
    ctx.current_pass = "final"
    records += _direct_quotes(ctx, spans, top)
    records.sort(key=lambda r: r[0])
    out = []
    for n, (_, quote) in enumerate(records, start=1):
        quote.id = f"q-{ctx.article.id}-{n}"
        out.append(quote)
    return out
