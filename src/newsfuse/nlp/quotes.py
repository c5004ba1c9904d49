"""Quotes and reported speech: who said what, and through whom it reached the article.

For every article this finds

* direct quotes: a quoted sentence or more in straight or curly double quotes, or in British
  single quotes when a paragraph has no double ones. A quote split by its attribution ('"We are
  ready," she said. "But not yet."') gives one :class:`Quote` per quoted passage, both with the
  same speaker, so that ``text`` is always ``article.text[span]``; a quote with no attribution of
  its own continues the last speaker of its paragraph; a quote after a colon whose sentence names
  one person is that person's ('Tarik Holm put it simply: "..."');
* partial quotes: a few quoted words inside prose that a speech verb governs (Zelensky said
  troops had "liberated and taken control" of ...). A reported clause that contains one is given
  as the partial quote only, not a second time as indirect speech. Quoted words with no speech
  verb in their sentence (scare quotes, titles, technical terms) are not quotes;
* nested quotes: a quote inside a quote, spoken by whoever the outer speaker quotes: a name, or
  nobody named ("my mother", "a boy on a bicycle" → no speaker); the outer speaker heads its
  ``via``, after "phone" when the words came by phone ("my mother rang me and said ...");
* indirect speech: "X said (that) ...", "X told Y (that) ...", "X claimed/warned/insisted/... that",
  each coordinated "... and that ..." clause, ", adding that ..." (also after a direct quote),
  "CLAUSE, officials said." (also followed by ", citing Y" or a non-speech aside), "Y quoted X as
  saying that ...", and "according to X, CLAUSE" when X is a source rather than a news
  organisation, or a news organisation "which spoke to X".

The speaker is the subject of the speech verb: a name (through the run's merged entities, so its
canonical name and entity id, without titles), a pronoun (the last speaker, or the only person of
the nearest sentence that names one; "it" the one body the sentence before names), a definite
role ("the governor", "the ministry", "the police chief": the one person or body introduced with
those words as its title, modifier or appositive; a lead sentence's role may be named later) or a
spokesperson or staff of a body ("a spokesman for the Halden Regional Police", "NASA managers";
bare "Managers" is the body the article names most). A capital speaks for its state ("Moscow" →
Russia). Bodies get a canonical name: a government body as adjective + "Ministry of ..."
("Russia's defence ministry" → "Russian Ministry of Defence", "General Staff of Ukraine" →
"Ukrainian General Staff"), others in title case ("the Solvenna city council" → "Solvenna City
Council"); an acronym is spelled out when the article or the run's outlets do ("CPA"). When
nothing resolves unambiguously, ``speaker`` is None and ``speaker_text`` keeps the words
("residents", "a senior official", "Ukrainian officials"): never a guessed person. An outlet
speaking of itself ("CPA said it could not verify" in CPA's own copy) is no quote.

``via`` runs from the speaker outwards: the channel ("statement on Telegram", "nightly video
address", "website", "video posted on Facebook", "phone" for "by phone", "messaging app",
"Twitter" for "tweeted", "statement" for "the ministry's statement said"), the party told or spoken
to ("told CNN", "Speaking to the BBC", "interview with Sport Heute"; an outlet is named even when
it publishes the article, "told reporters/officers/shareholders" adds nothing), then the relays
("according to TASS", "per the Times", "citing the defence ministry", "as reported by X", "CPA
reported") in the order they are written, each outlet by the short name the article uses. A quote
whose own sentence names no chain takes the chain of the same speaker's previous statement in its
paragraph ('X told Meridian Daily that ... "...," she said'); one that names relays but no channel
takes that statement's channel.

Everything is regular expressions over sentences (:func:`newsfuse.nlp.timex.sentence_bounds`)
and the entity mentions already found; no parser runs. On the demo corpus repeated 50 times
(950 articles) this handles about 1,000 articles a second on one core, a third of it spent in
:func:`~newsfuse.provenance.attribution.find_attributions`, which supplies the credit lines; the
entity tagger before it manages a few dozen. Parsing the speech-verb sentences with the small
spaCy model was not needed, and would have cost more than everything here together.

Why hand-written: no maintained library extracts news quote attribution chains offline.
Stanford CoreNLP's quote annotator is Java and attributes direct quotes only; textacy's
``direct_quotations`` needs a full dependency parse (too slow here) and gives neither indirect
speech nor channels and relays; the rest are research code or hosted services.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial

from newsfuse.model import Article, Entity, Quote
from newsfuse.nlp.timex import sentence_bounds
from newsfuse.provenance.attribution import find_attributions, is_news_name, news_names

__all__ = ["SPEECH_VERBS", "find_quotes"]

# Lemma → its inflections. Regular ones are generated; the irregular ones are listed.
_IRREGULAR: dict[str, tuple[str, ...]] = {
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    "write": ("write", "writes", "wrote", "written", "writing"),
}
_REGULAR = (
    "add", "claim", "warn", "announce", "insist", "deny", "confirm", "state", "report", "note",
    "explain", "acknowledge", "argue", "admit", "urge", "vow", "declare", "describe", "call",
    "complain", "stress", "suggest", "predict", "promise", "reply", "respond", "recall",
    "estimate", "assert", "allege", "concede", "post", "tweet", "shout", "ask", "reiterate",
    "emphasize", "emphasise", "caution", "boast", "pledge", "maintain", "contend", "observe",
    "remark", "comment", "tell", "testify", "agree", "mention", "indicate", "signal",
)  # fmt: skip


def _inflections(lemma: str) -> tuple[str, ...]:
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma]
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"
    if lemma.endswith("e"):
        return lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"
    if lemma in ("admit", "commit"):  # doubled final consonant
        return lemma, lemma + "s", lemma + "ted", lemma + "ting"
    return lemma, lemma + "s", lemma + "ed", lemma + "ing"


SPEECH_VERBS: dict[str, str] = {
    form: lemma
    for lemma in (*_IRREGULAR, *_REGULAR)
    for form in _inflections(lemma)
    # Bare forms that are mostly nouns in news ("state media", "a post", "the call").
    if form not in ("state", "post", "call", "report", "comment", "signal", "tweet", "note")
}


def _trie_pattern(words: list[str]) -> str:
    """An alternation of ``words`` as a prefix tree: Python's re tries a flat alternation word by
    word at every position, which made the verb search the slowest step here."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        ends = "" in node
        branches = [re.escape(c) + build(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return f"(?:{body})?"
        return body

    return build(tree)


_VERB = re.compile(r"(?<![\w-])(" + _trie_pattern(list(SPEECH_VERBS)) + r")\b")
# Verbs that take an object rather than a clause: speech only when they govern a quote.
_OBJECT_ONLY = frozenset({"describe", "call", "ask", "urge", "post", "tweet", "shout"})
# Verbs that are speech only with a that-clause, never a bare complement ("confirmed the strike").
_THAT_ONLY = frozenset({"deny", "confirm", "report", "indicate", "signal", "agree", "mention",
                        "comment", "respond", "reply", "observe", "maintain", "estimate"})  # fmt: skip
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+$", re.IGNORECASE)
_NOT_SPEECH_AFTER = re.compile(
    r"\s+(?:off|up|for(?!\s+(?:days|weeks|months|years|a|several)\b)|on\s+(?!\w+day\b))"
)  # "called off", "call for"

_PRONOUNS = {
    "he": "PERSON",
    "she": "PERSON",
    "they": None,
    "it": "ORG",
    "we": None,
    "i": None,
    "him": "PERSON",
    "her": "PERSON",
    "them": None,
}  # "according to her"
_DAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PLATFORMS = (
    r"(?:Telegram|X|Twitter|Facebook|Instagram|YouTube|TikTok|Truth Social|VKontakte|VK|"
    r"social media|state television|state TV|national television|television|radio|the radio)"
)
_CHANNEL_NOUNS = (
    r"(?:address|statement|interview|post|broadcast|press conference|news conference|briefing|"
    r"speech|video|message|appeal|tweet|letter|podcast|op-ed|conference call|remarks|blog|"
    r"transcript|pool report|website|newsletter)\b"
)
_CHANNEL_ADJECTIVES = (
    r"(?:nightly|evening|late-night|televised|weekly|daily|recorded|online|video|radio|"
    r"television|TV|joint|written|brief|short|separate|official|regular|morning|live|"
    r"telephone|phone|emailed|e-mailed|published|New Year's)"
)
_CHANNEL = re.compile(
    rf"\b(?:[Ii]n|[Oo]n|[Dd]uring|[Vv]ia|[Tt]hrough|[Aa]ccording to)\s+"
    rf"(?:(?:a|an|the|his|her|its|their)\s+)?"
    rf"(?P<channel>(?:{_CHANNEL_ADJECTIVES}\s+){{0,3}}{_CHANNEL_NOUNS}"
    rf"(?:\s+(?:(?:posted|published|shared|broadcast)\s+)?(?:on|in|to)\s+{_PLATFORMS}\b)?)"
)
# Channels worded without a channel noun: "by phone", "through a messaging app", "tweeted".
_OTHER_CHANNELS = (  # (pattern, a substring it needs, the channel's wording)
    (re.compile(r"\b(?:by|over the|on the) (?:tele)?phone\b|\bphone interview\b"), "phone",
     "phone"),
    (re.compile(r"\b(?:through|via|over|on|by) (?:a |an |the )?(?:messaging app|text message)"),
     "messag", "messaging app"),
    (re.compile(r"\btweet(?:ed|s|ing)\b"), "tweet", "Twitter"),
)  # fmt: skip
_RELAY_CUE = re.compile(r"ccording|[Cc]iting|[Qq]uot|[Rr]eport|\bcited\b|\bper\b")
# A news name as written: capitalized words, "of"/"for" inside, initials ("U.S.") allowed.
_NEWS_NAME = (
    r"((?:[Tt]he +)?(?:(?:[A-Z]\.){2,}|[A-Z][\w&'-]*)(?: +(?:of +|for +)?"
    r"(?:(?:[A-Z]\.){2,}|[A-Z][\w&'-]*)){0,5}(?: +(?:radio|television|TV))?)"
)
# Relays: "according to TASS", "citing the Times", "as reported by X", "quoted by X", "per X",
# "X reported"; kept when the name reads as a news organisation.
_RELAY = re.compile(
    rf"\b(?:[Aa]ccording to|[Cc]iting|[Qq]uoting|(?:as )?(?:reported|quoted|cited) by|"
    rf"(?<=[,;(] )per) {_NEWS_NAME}|{_NEWS_NAME},? (?:reported|reports|has reported)\b"
)
# The party spoken to, when not a "told" object: "Speaking to the BBC", "interview with X".
_SPOKEN_TO = re.compile(
    rf"\b(?:[Ss]peaking|[Tt]alking) (?:to|with) {_NEWS_NAME}|\binterview with {_NEWS_NAME}"
)
_PLATFORM_CHANNEL = re.compile(rf"\b(?:on|in)\s+(?P<channel>{_PLATFORMS})\b")
# Adverbials that may sit between a speech verb and its clause.
_ADVERBIAL = re.compile(
    rf"\s*,?\s*(?:(?:late|early|later|earlier)\s+)?(?:(?:on|by)\s+)?{_DAYS}(?:\s+(?:night|morning|"
    rf"evening|afternoon))?|\s+(?:also|later|earlier|publicly|privately|repeatedly|again|"
    r"previously|separately|today|yesterday|recently|tonight|then|first|once more|on Telegram|"
    r"for (?:days|weeks|months|years)|for (?:a|several|two|three) (?:days|weeks|months|years)|"
    r"last (?:week|month|night|year)|this (?:week|month|morning|evening)|over the weekend|"
    r"in an? (?:\w+ ){0,3}(?:address|statement|interview|post|broadcast|briefing|speech|video|"
    r"message|appeal|conference)[^,.;\"“”]*?(?= that\b|,)|"
    rf"(?:in|on|via|through) (?:his|her|its|their|the) (?:\w+ ){{0,3}}{_CHANNEL_NOUNS}"
    rf"(?: (?:on|in) {_PLATFORMS})?"
    rf"(?: (?:on|late on) {_DAYS}(?: night| morning| evening)?)?|on {_PLATFORMS})"
    # ", quoted by the Daily Examiner," between the verb and its that-clause
    r"|,\s*(?:as\s+)?(?:quoted|reported|cited)\s+by\s+(?:the\s+)?[A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*)*,?"
)
_FINITE = re.compile(
    r"\b(?:was|were|is|are|am|had|has|have|would|will|could|can|did|does|do|should|might|must|"
    r"may|shall|\w+ed|takes|makes|goes|gives|remains|seems|looks|needs|wants)\b"
)
# A reported clause starts with its subject, never with a verb or a quantifier.
_NOT_CLAUSE_START = re.compile(
    r"(?:was|were|is|are|has|have|had|will|would|could|can|did|does|do|should|little|"
    r"so|too|yes|no|goodbye|hello|sorry|thanks|nothing more|to|off|up)\b",
    re.IGNORECASE,
)
_ING_FORMS = "|".join(f for f in SPEECH_VERBS if f.endswith("ing"))
_QUOTED_AS = re.compile(r"\b(?:quoted|cited)\s+(?P<who>.+?,?)\s+as\s+(?=saying\b)")
_AND_THAT = re.compile(r",?\s+and\s+that\s+")
_CLAUSE_END = re.compile(
    rf"[.!?]\s+(?=[‘'\"“])|,?\s+and\s+that\s|,\s+(?:according to|per|citing|while|but|though|although|as quoted by|{_ING_FORMS})\b|"
    rf";\s|\s[-–—]\s|,\s+and\s+(?=[A-Z])|\s+and\s+(?=(?:{'|'.join(SPEECH_VERBS)})\b)"
)
_SUBORDINATORS = re.compile(
    r"\b(?:which|who|whom|that|when|while|after|before|because|as|where|if|but|and|in which|"
    r"since|though|although|until|what)\b"
)
_PREPOSITIONS = frozenset(
    {"at", "of", "for", "from", "in", "with", "by", "on", "to", "about", "near", "toward",
     "towards", "into", "over", "under", "against", "behind", "across", "between", "among"}
)  # fmt: skip
_LEADING_ADVERB = re.compile(r"^(?:then|also|later|earlier|now|instead|meanwhile|so|and|but)\s+",
                             re.IGNORECASE)  # fmt: skip
_TRAILING_ADVERB = re.compile(
    r"\s+(?:also|has|had|have|later|earlier|previously|publicly|repeatedly|then|again|"
    r"reportedly|separately|once|would|will|had\s+also|has\s+also|on\s+\w+day|"
    rf"(?:late|early)\s+on\s+{_DAYS}|(?:in|on)\s+(?:a|an|the|his|her|its|their)\s+[^,]*?"
    rf"{_CHANNEL_NOUNS}(?:\s+(?:on|in)\s+{_PLATFORMS})?)$"
)
_TITLES = re.compile(
    r"^(?:(?:President|Prime Minister|Minister|Gen\.?|General|Governor|Mayor|Dr\.?|Mr\.?|Mrs\.?|"
    r"Councillor|Councilor|Inspector|Superintendent|Detective|Constable|Deputy|Ambassador|"
    r"Coach|Striker|Goalkeeper|Captain|Bishop|Father|Sister|Officer|"
    r"Ms\.?|Sen\.?|Senator|Rep\.?|Col\.?|Colonel|Lt\.?|Capt\.?|Sgt\.?|Admiral|Chancellor|"
    r"Secretary|Spokesman|Spokeswoman|Commander|Chief|Judge|Professor|Prof\.?)\s+)+"
)
_CAPITALIZED_NAME = re.compile(r"\b[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+){1,2}\b")
_GENERIC_PARTIES = frozenset(
    {"reporters", "journalists", "the media", "media", "us", "me", "him", "her", "them",
     "the press", "press", "the audience", "a crowd", "the crowd", "viewers", "listeners"}
)  # fmt: skip
_CITING = re.compile(r"\b(?:[Cc]iting|[Qq]uoting)\s+(?P<name>(?:the\s+)?[^,.;]{2,60}?)(?=[,.;])")
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+(?P<name>(?:the\s+)?[^,.;]{2,60}?)(?=[,.;]|$)")
_TOLD = re.compile(
    r" +(?P<party>(?:the +)?[A-Za-z][\w&'-]*(?: +[A-Z][\w&'-]*){0,4}(?: +(?:radio|television))?)"
)
# Role nouns a definite description ("the governor") may refer back with.
ROLE_NOUNS = frozenset(
    {"governor", "mayor", "minister", "ministry", "president", "spokesman", "spokeswoman",
     "spokesperson", "analyst", "official", "officials", "commander", "general", "chief",
     "head", "director", "administrator", "manager", "researcher", "fellow", "historian",
     "expert", "professor", "leader", "prosecutor", "agency", "army", "military", "police",
     "department", "office", "company", "government", "kremlin", "secretary", "ambassador",
     "diplomat", "senator", "chancellor", "envoy", "adviser", "advisor", "engineer",
     "teacher", "resident", "residents", "witness", "colonel", "sergeant", "soldier",
     "volunteer", "doctor", "nurse", "pharmacist", "institute", "centre", "center",
     "statement", "staff", "analysts", "managers", "engineers"}
)  # fmt: skip
_SPEAKER_LABELS = ("PERSON", "ORG", "GPE", "NORP")
# Plural common nouns for unnamed groups: "Residents said" is nobody the article names.
_GROUP_NOUNS = frozenset(
    {"residents", "witnesses", "officials", "managers", "analysts", "engineers", "volunteers",
     "soldiers", "police", "investigators", "doctors", "authorities", "experts", "critics",
     "sources", "rescuers", "locals", "villagers", "neighbours", "neighbors", "protesters",
     "activists", "observers", "diplomats", "bloggers", "commentators", "workers", "farmers",
     "teachers", "parents", "students", "organisers", "organizers", "officers", "troops",
     "scientists", "researchers", "executives", "passengers", "survivors", "families",
     "prosecutors", "lawmakers", "ministers", "leaders", "people", "staff", "crews"}
)  # fmt: skip
# Staff who speak for whatever body the article is about ("Managers said" in a NASA story).
_STAFF_NOUNS = frozenset({"managers", "executives", "management", "controllers"})
# A body written with common nouns: "the Velmari transport ministry", "Russia's defence
# ministry", "the Solvenna city council", "the Halden Regional Police".
_BODY_HEADS = (
    r"ministry|service|council|board|bank|police|department|agency|authority|union|committee|"
    r"commission|office|company|institute|court|parliament|guard|directorate|inspectorate"
)
_NOT_OWNER = r"(?!(?:The|A|An|Its|His|Her|Their|This|That|These|Those|Some|Several)\b)"
_BODY = re.compile(
    rf"(?:\b[Tt]he\s+)?(?P<owner>(?:{_NOT_OWNER}[A-Z][\w-]*(?:'s|’s)?\s+){{1,3}})"
    rf"(?P<rest>(?:(?!(?i:{_BODY_HEADS})\b)[a-z][a-z-]+\s+){{0,2}})(?P<head>(?i:{_BODY_HEADS}))\b"
)
# "The General Staff of Ukraine", "the General Staff in Kiev": a state's body, named after it.
_BODY_OF_STATE = re.compile(
    r"(?:[Tt]he\s+)?(?P<body>(?:[A-Z][\w-]+\s+){0,3}[A-Z][\w-]+)\s+(?:of|in)\s+(?P<state>[A-Z][\w-]+)"
)
_MINISTRY_OF = {
    "foreign": "Foreign Affairs",
    "interior": "Internal Affairs",
    "home": "Home Affairs",
}
_DEMONYMS = {"Russia": "Russian", "Ukraine": "Ukrainian", "China": "Chinese", "France": "French",
             "Norway": "Norwegian", "Sweden": "Swedish", "Finland": "Finnish", "Spain": "Spanish",
             "Denmark": "Danish", "Italy": "Italian", "Belarus": "Belarusian",
             "Germany": "German", "Britain": "British", "Poland": "Polish", "Turkey": "Turkish",
             "Israel": "Israeli", "Iran": "Iranian", "Japan": "Japanese"}  # fmt: skip
# A capital speaking for its state ("Moscow insists") is the state.
_CAPITALS = {"Moscow": "Russia", "Kyiv": "Ukraine", "Kiev": "Ukraine", "Beijing": "China",
             "Washington": "United States", "London": "United Kingdom", "Paris": "France",
             "Berlin": "Germany", "Warsaw": "Poland", "Minsk": "Belarus", "Tehran": "Iran",
             "Ankara": "Turkey", "Tokyo": "Japan"}  # fmt: skip
_STATE_OF_ADJECTIVE = {v: k for k, v in _DEMONYMS.items()}


@dataclass(slots=True, frozen=True)
class _Mention:
    start: int
    end: int
    entity: Entity


@dataclass(slots=True)
class _Speaker:
    text: str  # as written in the sentence
    name: str | None
    entity_id: str | None
    label: str | None  # PERSON/ORG/... when known: pronouns need it
    party: str | None = None  # "told X"
    relay: str | None = None  # "Citing the ministry, state media said": the media
    channel: str | None = None  # "the ministry's statement said": statement


@dataclass(slots=True)
class _QuoteSpan:
    open: int  # index of the opening mark
    close: int  # index of the closing mark (== paragraph end when unclosed)
    depth: int
    parent: int | None  # index in the list of the enclosing quote


@dataclass(slots=True)
class _Context:
    article: Article
    text: str
    mentions: list[_Mention]
    starts: list[int]
    sentences: list[tuple[int, int]]
    known_news: set[str]
    own_names: tuple[str, ...]
    credits: list[tuple[int, int, str]]  # (start, end, name) of credit lines in the text
    persons: list[tuple[int, int, str, str | None]]  # person names: start, end, name, entity id
    outlets: tuple[str, ...]  # the run's outlet names, which an acronym may stand for
    bodies: list[tuple[int, int, str]] | None = None  # _BODY matches, found when first needed
    # Who spoke where, in any order of discovery: (position, speaker, via, verb lemma, pass).
    events: list[tuple[int, _Speaker, list[str], str | None, str]] = field(default_factory=list)
    used_verbs: set[int] = field(default_factory=set)
    current_pass: str = "quotes"


def find_quotes(articles: Sequence[Article], entities: Sequence[Entity]) -> list[Quote]:
    """Direct, partial, nested and indirect quotes of every article, with resolved speakers and
    the chain (channel, party told, relays) each came through."""
    by_article: dict[str, list[_Mention]] = defaultdict(list)
    for entity in entities:
        if entity.label in _SPEAKER_LABELS:
            for m in entity.mentions:
                by_article[m.article_id].append(_Mention(m.start, m.end, entity))
    credits: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    # Credits in removed lines (wire bylines, copyright) never sit beside a quote: skip them.
    for credit in find_attributions([replace(a, removed=[]) for a in articles]):
        if credit.cue in ("according to", "per", "citing", "reported") and credit.span != (0, 0):
            credits[credit.article_id].append((*credit.span, credit.agency))
    known = news_names(a.outlet for a in articles)
    outlets = tuple(sorted({a.outlet for a in articles if a.outlet}))
    quotes: list[Quote] = []
    for article in articles:
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
        quotes.extend(_article_quotes(context))
    return quotes


# --- the article's own names ---------------------------------------------------------------


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


def _person_names(text: str, mentions: list[_Mention]) -> list[tuple[int, int, str, str | None]]:
    """People the article names: the PERSON mentions, plus two- or three-word capitalized names
    the tagger missed ("Liudmyla Horbenko, 58, ...") when no other entity covers them."""
    # A PERSON whose name is lower-case ("lorry driver") is a role the tagger mislabelled.
    persons = [(m.start, m.end, _untitled(m.entity.name), m.entity.id) for m in mentions
               if m.entity.label == "PERSON" and m.entity.name[:1].isupper()]  # fmt: skip
    for m in mentions:
        # A person the tagger took for an organisation: a titled or described personal name.
        if m.entity.label == "ORG" and _is_person(_Speaker("", m.entity.name, None, "ORG")):
            titled = _TITLES.search(text[max(0, m.start - 12) : m.start] + " ") is not None
            titled = (
                titled or re.search(r"\b(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+$", text[: m.start]) is not None
            )
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
            if not _TITLES.match(match.group() + " ") and words[0] not in ("The", "A", "An"):
                persons.append((start, end, match.group(), None))
    persons.sort()
    return persons


# --- quotation marks -------------------------------------------------------------------------


_QUOTE_MARK = re.compile("[\"“”'‘’]")


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


# --- the article ---------------------------------------------------------------------------


def _sentence_of(ctx: _Context, position: int) -> tuple[int, int]:
    starts = [s for s, _ in ctx.sentences]
    i = max(0, bisect_right(starts, position) - 1)
    if not ctx.sentences:
        return 0, len(ctx.text)
    return ctx.sentences[i]


def _paragraph_start(text: str, position: int) -> int:
    return text.rfind("\n", 0, position) + 1


def _article_quotes(ctx: _Context) -> list[Quote]:
    spans = _quote_spans(ctx.text)
    top = [s for s in spans if s.depth == 0]
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


def _make_quote(
    ctx: _Context,
    span: tuple[int, int],
    kind: str,
    speaker: _Speaker | None,
    verb: str | None,
    via: list[str],
) -> Quote:
    return Quote(
        id="",
        article_id=ctx.article.id,
        text=ctx.text[span[0] : span[1]],
        span=span,
        kind=kind,
        speaker=speaker.name if speaker else None,
        speaker_text=speaker.text if speaker else None,
        speaker_entity_id=speaker.entity_id if speaker else None,
        verb=verb,
        via=_dedupe(via),
    )


def _dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item.lower() not in seen:
            seen.add(item.lower())
            out.append(item)
    return out


# --- direct and partial quotes -------------------------------------------------------------


def _top_quote(ctx: _Context, span: _QuoteSpan, previous_close: int) -> Quote | None:
    text = ctx.text
    inner = _inner(text, span)
    if inner[1] <= inner[0]:
        return None
    sentence_start, _ = _sentence_of(ctx, span.open)
    paragraph = _paragraph_start(text, span.open)
    head_start = max(sentence_start, paragraph, previous_close + 1)
    # A sentence the splitter ran on into the quote ("... reopen. 'We are ...'").
    stops = [text.rfind(stop, head_start, span.open) for stop in _STOPS]
    head_start = max([head_start] + [stop + 2 for stop in stops if stop != -1])
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
        lemma = SPEECH_VERBS[verb.group().lower()]
        via = _inherit_channel(ctx, speaker, via, span.open)
        _remember(ctx, speaker, via, span.open, lemma)
        return _make_quote(ctx, inner, kind, speaker, lemma, via)
    # 1b. A colon after a sentence about one named person ('Tarik Holm put it simply: "…"').
    if whole_sentence and head.rstrip().endswith(":") and not split_from_previous:
        named = {(p[2], p[3]) for p in ctx.persons if head_start <= p[0] < span.open}
        if len(named) == 1:
            name, entity_id = next(iter(named))
            speaker = _Speaker(name, name, entity_id, "PERSON")
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
        attribution = _tail_attribution(ctx, span.close + 1, tail_end)
        if attribution is not None:
            speaker, verb_lemma, via = attribution
            via = _inherit_channel(ctx, speaker, via, span.open)
            _remember(ctx, speaker, via, span.open, verb_lemma)
            return _make_quote(ctx, inner, "direct", speaker, verb_lemma, via)
    if head.strip(" ,") and not split_from_previous:
        return None  # quoted words in prose with no speech verb: a scare quote or a title
    # 3. A quote continuing the last speaker of its paragraph.
    if previous is not None and whole_sentence:
        _, speaker, via, lemma, _ = previous
        return _make_quote(ctx, inner, "direct", speaker, lemma, list(via))
    if whole_sentence and len(words.split()) >= 4:
        return _make_quote(ctx, inner, "direct", None, None, [])
    return None


_STOPS = (". ", "? ", "! ")


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
) -> tuple[_Speaker, str, list[str]] | None:
    """Speaker, verb lemma and via from the words after a quote: ', said X, ...' or ', X said'."""
    text = ctx.text
    for verb in _VERB.finditer(text, start, end):
        lemma = SPEECH_VERBS[verb.group().lower()]
        if lemma in ("call", "describe") or verb.group().endswith("ing"):
            continue
        before = text[start : verb.start()]
        if not before.strip(" ,"):
            speaker = _speaker_after(ctx, verb.end(), end)
        else:
            if re.search(r"[.!?]\s", before) or len(before) > 200:
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
    return None


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
    named = re.fullmatch(r"(?:[A-Z][\w'-]+\s*){1,3}", subject) and subject.lower() not in _PRONOUNS
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


# --- indirect speech -----------------------------------------------------------------------


def _indirect_quotes(ctx: _Context, quoted: list[tuple[int, int]]) -> list[tuple[int, Quote]]:
    ctx.current_pass = "indirect"
    text = ctx.text
    out: list[tuple[int, Quote]] = []
    quote_starts = [s for s, _ in quoted]
    for sentence_start, sentence_end in ctx.sentences:
        sentence = text[sentence_start:sentence_end]
        has_verb = _VERB.search(sentence) is not None
        if not has_verb and "ccording to" not in sentence:
            continue
        inside = _inside_quotes(quoted, quote_starts, sentence_start, sentence_end)
        sentence_speaker: _Speaker | None = None
        floor = sentence_start  # where the current clause's attribution can begin
        for verb in _VERB.finditer(text, sentence_start, sentence_end):
            if verb.start() in ctx.used_verbs or _in_any(inside, verb.start()):
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
        while end > start and text[end - 1] in " ,;.":
            end -= 1
        speaker, via, lemma = last[1], list(last[2]), last[3]
        out.append((start, _make_quote(ctx, (start, end), "indirect", speaker, lemma, via)))
    return out


def _inside_quotes(
    quoted: list[tuple[int, int]], starts: list[int], lo: int, hi: int
) -> list[tuple[int, int]]:
    i = max(0, bisect_left(starts, lo) - 1)
    return [(s, e) for s, e in quoted[i:] if s < hi and e > lo]


def _in_any(spans: list[tuple[int, int]], position: int) -> bool:
    return any(s <= position <= e for s, e in spans)


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
    if lemma in _OBJECT_ONLY or _PASSIVE.search(text[max(0, verb.start() - 12) : verb.start()]):
        return None
    if _NOT_SPEECH_AFTER.match(text, verb.end()) and lemma not in ("say", "write", "tell"):
        return None
    participle = form.endswith("ing")
    position = verb.end()
    party = None
    if lemma == "tell":
        party_match = _TOLD.match(text, position)
        if party_match is None:
            return None
        party = _strip_the(party_match.group("party"))
        position = party_match.end()
    while (
        adverbial := _ADVERBIAL.match(text, position)
    ) is not None and adverbial.end() > position:
        position = adverbial.end()
    that = re.match(r"\s+that\b", text[position:sentence_end])
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
    # "said A and that B": one reported clause each.
    clauses = [clause]
    while (more := _AND_THAT.match(text, clauses[-1][1], sentence_end)) is not None:
        clauses.append((more.end(), _clause_end(text, more.end(), sentence_end)))
    # A clause holding quoted words is given as the partial quote only.
    clauses = [c for c in clauses if not any(s < c[1] and e > c[0] for s, e in inside)]
    if not clauses:
        return None
    coordinated = re.search(r"\band\s+$", text[max(0, verb.start() - 6) : verb.start()])
    quoted_as = _QUOTED_AS.search(text, sentence_start, verb.end()) if form == "saying" else None
    if quoted_as is not None and quoted_as.end() == verb.start():
        # "Interfax quoted the airport's director, Boris Melnikov, as saying that ...".
        speaker_of = _subject_before(ctx, quoted_as.start("who"), quoted_as.end("who"))
        relay = _subject_before(ctx, sentence_start, quoted_as.start())
        if speaker_of is not None and relay is not None:
            speaker_of.relay = _short_name(ctx, relay.name or relay.text)
            sentence_speaker, participle = speaker_of, True
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
        subject_start = sentence_start if trailing is None else _comma_before(text, verb.start())
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
        while end > start and text[end - 1] in " ,;.":
            end -= 1
        quotes.append(_make_quote(ctx, (start, end), "indirect", speaker, lemma, via))
    return quotes, speaker


def _trailing_attribution(
    text: str, verb: re.Match[str], after_adverbials: int, sentence_start: int, sentence_end: int
) -> tuple[int, int] | None:
    """'CLAUSE, Ukrainian officials said.': the clause before when the verb ends its sentence."""
    rest = text[after_adverbials:sentence_end]
    # "CLAUSE, RIA Novosti reported, citing the ministry." / "..., according to a pool report."
    rest = re.sub(r"^,\s+(?:citing|according to|quoting)\s+[^,;]+$", "", rest.strip(" ."))
    if rest.startswith(",") and not _VERB.search(rest) and not re.search('["“”]| that ', rest):
        rest = ""  # "..., X said on Monday, double the figure given a day earlier."
    if rest.strip(" .") or verb.group().endswith("ing"):
        return None
    comma = _comma_before(text, verb.start())
    if comma <= sentence_start + 1 or verb.start() - comma > 60:
        return None
    if _VERB.search(text, sentence_start, comma) or "ccording to" in text[sentence_start:comma]:
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


def _according_to(ctx: _Context, sentence_start: int, sentence_end: int) -> Quote | None:
    """'According to X, CLAUSE' / 'CLAUSE, according to X' when X is a source, not a news outlet."""
    text = ctx.text
    match = _ACCORDING.search(text, sentence_start, sentence_end)
    if match is None:
        return None
    name = match.group("name").strip()
    name = re.split(r"\s+(?:and|who|which|on|in|at|by|of|from|posted|shared|published)\s+", name)[0]
    relay = None
    clause_from = match.end() - 1
    if is_news_name(name, ctx.known_news):
        # "According to Eastline News, which spoke to Governor Ivo Dankov by phone, CLAUSE": the
        # governor said it, and the outlet relays it.
        spoke = _SPOKE_TO.match(text, match.end("name"), sentence_end)
        if spoke is None:
            return None
        relay = _short_name(ctx, _strip_the(name))
        speaker = _noun_phrase_speaker(ctx, spoke.start("who"), spoke.end("who"))
        clause_from = spoke.end() - 1
    else:
        speaker = _noun_phrase_speaker(ctx, match.start("name"), match.start("name") + len(name))
    if speaker is None or (
        speaker.entity_id is None and _head(name) not in ROLE_NOUNS and not speaker.name
    ):
        return None
    if relay is not None:
        speaker.relay = relay
    if match.start() <= sentence_start + 1:
        clause = (text.find(",", clause_from, sentence_end) + 1, sentence_end)
    else:
        clause = (sentence_start, text.rfind(",", sentence_start, match.start()))
    start, end = clause
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in " ,;.":
        end -= 1
    if end - start < 10:
        return None
    via = _via(ctx, sentence_start, sentence_end, speaker, exclude=(start, end))
    return _make_quote(ctx, (start, end), "indirect", speaker, None, via)


def _cited_source(ctx: _Context, speaker: _Speaker, start: int, end: int) -> _Speaker:
    """'Citing the defence ministry, state media claimed ...': the ministry said it, and the
    media relayed it."""
    match = _CITING.search(ctx.text, start, end)
    if match is None or is_news_name(match.group("name"), ctx.known_news):
        return speaker
    source = _noun_phrase_speaker(ctx, match.start("name"), match.end("name"))
    if source is None:
        return speaker
    source.text = match.group("name")
    source.relay = speaker.name or speaker.text
    return source


# --- speakers ------------------------------------------------------------------------------


def _last_verb(ctx: _Context, start: int, end: int) -> re.Match[str] | None:
    """The speech verb nearest before ``end`` that is not inside another quote's words."""
    last = None
    for verb in _VERB.finditer(ctx.text, start, end):
        lemma = SPEECH_VERBS[verb.group().lower()]
        if _PASSIVE.search(ctx.text[max(0, verb.start() - 12) : verb.start()]):
            continue
        if lemma == "call" and _NOT_SPEECH_AFTER.match(ctx.text, verb.end()):
            continue
        last = verb
    return last


def _speaker_of_verb(ctx: _Context, verb: re.Match[str], sentence_start: int) -> _Speaker | None:
    if verb.group().endswith("ing"):
        last = _last_event(ctx, verb.start(), same_paragraph=True)
        return last[1] if last else None
    speaker = _subject_before(ctx, sentence_start, verb.start())
    if speaker is None:
        return None
    if SPEECH_VERBS[verb.group().lower()] == "tell":
        speaker.party = _told_party(ctx, verb.end())
    return _cited_source(ctx, speaker, sentence_start, verb.start())


def _told_party(ctx: _Context, position: int) -> str | None:
    match = _TOLD.match(ctx.text, position)
    if match is None:
        return None
    party = match.group("party").strip()
    party = re.split(r"\s+(?:by|from|on|that|in|through|later|late|earlier)\b", party)[0]
    return _strip_the(party)


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
        cut = last_start
        for sub in _SUBORDINATORS.finditer(text, last_start, last_end):
            cut = sub.end()
        return _noun_phrase_speaker(ctx, cut, last_end)
    # An appositive chain: the name is in the first segment (walking back) that holds one; a
    # person before a body ("Pavlo Dmytrenko, a spokesman for the Kharkiv Help Network,").
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
    if re.fullmatch(r"[A-Z][a-z'-]+", phrase) and re.match(r",\s*(?:an?\s|\d)", text[hi : hi + 5]):
        # "Serhii, a 70-year-old ..." / "Lysenko, 34, ...": a person whatever the tagger said.
        return _known_person(ctx, phrase, lo) or _Speaker(phrase, phrase, None, "PERSON")
    mentions = _mentions_in(ctx, lo, hi)
    heads = [m for m in mentions if not _is_modifier(text, m, lo)]
    persons = [m for m in heads if m.entity.label == "PERSON"]
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
    orgs = [m for m in heads if m.entity.label == "ORG"]
    if orgs:
        return _entity_speaker(ctx, phrase, orgs[0])
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
    lowered = phrase.lower()
    if lowered in _PRONOUNS:
        return _pronoun_speaker(ctx, phrase, lo)
    if not re.fullmatch(r"[\w'’.\- ]+", phrase) or len(phrase.split()) > 6:
        return None
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


def _mentions_in(ctx: _Context, lo: int, hi: int) -> list[_Mention]:
    i = bisect_left(ctx.starts, lo)
    out = []
    while i < len(ctx.mentions) and ctx.mentions[i].start < hi:
        if ctx.mentions[i].end <= hi:
            out.append(ctx.mentions[i])
        i += 1
    return out


def _is_modifier(text: str, mention: _Mention, lo: int) -> bool:
    """'of the Nordvik Institute', 'at Hallam University', "Russia's": not the speaker."""
    if text[mention.end : mention.end + 2] in ("'s", "’s"):
        return True
    before = text[lo : mention.start].split()
    if before and before[-1].lower() == "the":
        before = before[:-1]
    return bool(before) and before[-1].lower() in _PREPOSITIONS


def _missed_person(ctx: _Context, lo: int, hi: int) -> _Speaker | None:
    """A person's name the tagger did not label: "Iryna Tkachuk", or a lone first name."""
    phrase = ctx.text[lo:hi]
    bare = _TITLES.sub("", phrase)
    if re.fullmatch(r"[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+){0,2}", bare) and bare.lower() not in (
        _PRONOUNS
    ):
        if any(m.entity.label != "PERSON" for m in _mentions_in(ctx, lo, hi)):
            return None
        if bare.split()[0] in ("The", "A", "An") or any(
            w.lower() in _GROUP_NOUNS or w.lower() in ROLE_NOUNS for w in bare.split()
        ):
            return None
        return _known_person(ctx, bare, lo) or _Speaker(phrase, bare, None, "PERSON")
    return None


def _known_person(ctx: _Context, name: str, position: int) -> _Speaker | None:
    """A surname the tagger missed ("Lysenko") → the person named in full earlier."""
    for start, _, full, entity_id in reversed(ctx.persons):
        if start < position and (full == name or full.endswith(" " + name)):
            return _Speaker(name, full, entity_id, "PERSON")
    return None


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
    if entity.label == "ORG":
        name = _canonical_body(name)
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
        name = _untitled(name)
    elif entity.label in ("GPE", "NORP"):
        # A state speaks by its own name as written, a capital for its state ("Moscow").
        written = _strip_the(ctx.text[mention.start : mention.end])
        written = _STATE_OF_ADJECTIVE.get(written, written)
        name = _CAPITALS.get(written, written)
    return _Speaker(phrase, name, entity.id, entity.label)


def _untitled(name: str) -> str:
    """'Councillor Ruth Abiola' → 'Ruth Abiola': the canonical name has no title."""
    bare = _TITLES.sub("", name + " ").strip()
    return bare if bare and bare[:1].isupper() else name


def _demonym(owner: str) -> str:
    if owner in _DEMONYMS:
        return _DEMONYMS[owner]
    return owner + "n" if owner.endswith("a") else owner


def _canonical_body(name: str) -> str:
    """A government body as adjective + "Ministry of ..." ("Russia's defence ministry" →
    "Russian Ministry of Defence"); any other body in title case ("Solvenna City Council")."""
    match = _BODY.fullmatch(name.strip())
    if match is None:
        return name
    owner = match.group("owner").split()
    if owner[-1].endswith(("'s", "’s")):
        owner[-1] = _demonym(owner[-1][:-2])
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
    return _Speaker(phrase, _canonical_body(phrase), entity_id, "ORG")


_SPOKESPERSON = re.compile(
    r"(?i:an?|the)\s+(?:(?:senior|chief|deputy|press)\s+)?(?:spokes(?:man|woman|person)|"
    r"representative|official|officials|managers|executives|staff)\s+(?:for|of|at|from)\s+"
)


def _spokesperson_body(ctx: _Context, lo: int, hi: int) -> _Speaker | None:
    """'a spokesman for the Halden Regional Police' speaks for the police: the named body."""
    match = _SPOKESPERSON.match(ctx.text, lo, hi)
    if match is None:
        return None
    body = _noun_phrase_speaker(ctx, match.end(), hi, names_only=True)
    if body is None or body.label not in ("ORG", "GPE"):
        return None
    body.text = ctx.text[lo:hi]
    return body


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


def _strip_the(name: str) -> str:
    name = name.strip(" .,;")
    return name[4:] if name.lower().startswith("the ") else name


def _head(phrase: str) -> str:
    words = phrase.lower().split()
    return words[-1] if words else ""


def _pronoun_speaker(ctx: _Context, pronoun: str, position: int) -> _Speaker:
    """he/she → the last speaker when a person, or the only person of the nearest sentence that
    names one; it/they → the last organisation speaker. Unresolved: the pronoun alone."""
    lowered = pronoun.lower()
    label = _PRONOUNS[lowered]
    lowered = {"him": "he", "her": "she", "them": "they"}.get(lowered, lowered)
    last = _last_event(ctx, position)
    if lowered in ("he", "she"):
        if last is not None and _is_person(last[1]) and last[1].name:
            # The last speaker, unless another person has been named since.
            since = [p for p in ctx.persons if last[0] - 80 < p[0] < position]
            if all(p[2] == last[1].name or p[3] == last[1].entity_id for p in since):
                return _Speaker(pronoun, last[1].name, last[1].entity_id, "PERSON")
        resolved = _nearest_person(ctx, position, last[1] if last else None)
        if resolved is not None:
            return _Speaker(pronoun, resolved.name, resolved.entity_id, "PERSON")
    elif lowered in ("it", "they"):
        # The one body the sentence before names, else the last organisation that spoke.
        body = _previous_body(ctx, position) if lowered == "it" else None
        if body is not None:
            body.text = pronoun
            return body
        if last is not None and last[1].label in ("ORG", "GPE"):
            speaker = last[1]
            return _Speaker(pronoun, speaker.name, speaker.entity_id, speaker.label)
    return _Speaker(pronoun, None, None, label)


_ORG_WORDS = frozenset(
    {"foods", "line", "united", "network", "group", "institute", "centre", "center", "university",
     "company", "corp", "inc", "ltd", "airlines", "airways", "shipping", "partners", "holdings",
     "club", "fc", "city", "council", "service", "services", "agency", "bank", "news", "press",
     "times", "ministry", "police", "army", "forces", "office", "board", "union", "party"}
)  # fmt: skip


def _is_person(speaker: _Speaker) -> bool:
    """A person, or a name the tagger took for an organisation ("Maja Lindqvist" ORG)."""
    if speaker.label == "PERSON":
        return True
    name = speaker.name or ""
    words = name.split()
    return (
        speaker.label == "ORG"
        and 2 <= len(words) <= 3
        and all(re.fullmatch(r"[A-Z][a-z'-]+", w) for w in words)
        and not any(w.lower() in _ORG_WORDS for w in words)
    )


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
    bodies = _find_bodies(ctx.text, previous_start, start)
    for _, _, wording in bodies:
        names[_canonical_body(wording.strip())] = None
    for mention in _mentions_in(ctx, previous_start, start):
        if mention.entity.label == "ORG" and not any(
            mention.start >= b_start and mention.end <= b_end for b_start, b_end, _ in bodies
        ):
            names[_canonical_body(_strip_the(mention.entity.name))] = mention.entity.id
    if len(names) == 1:
        name, entity_id = next(iter(names.items()))
        return _Speaker("it", name, entity_id, "ORG")
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
    return found or _Speaker(phrase, None, None, None)


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
        if lo <= p_start < hi:
            consider(
                p_start, p_end, "", partial(_Speaker, phrase, name, entity_id, "PERSON"), False
            )
    for mention in ctx.mentions:
        if lo <= mention.start < hi and mention.entity.label == "ORG":
            own = text[mention.start : mention.end]
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
            name = _canonical_body(wording.strip())
            consider(b_start, b_end, wording, partial(_Speaker, phrase, name, None, "ORG"), True)
    return candidates


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


# --- via -----------------------------------------------------------------------------------


def _via(
    ctx: _Context,
    lo: int,
    hi: int,
    speaker: _Speaker | None,
    exclude: tuple[int, int] | None = None,
) -> list[str]:
    """Channel, party told and relays named in ``text[lo:hi]`` (outside ``exclude``)."""
    text = ctx.text
    parts = [(lo, hi)] if exclude is None else [(lo, max(lo, exclude[0])), (exclude[1], hi)]
    channels: list[tuple[int, str]] = []
    relays: dict[int, str] = {}
    spoken_to = None
    for start, end in parts:
        if end <= start:
            continue
        channel = _CHANNEL.search(text, start, end)
        if channel is not None:
            channels.append((channel.start(), channel.group("channel")))
        else:
            platform = _PLATFORM_CHANNEL.search(text, start, end)
            if platform is not None and _VERB.search(text, max(start, platform.start() - 25),
                                                     platform.start()):  # fmt: skip
                channels.append((platform.start(), platform.group("channel")))
        part = text[start:end]
        for pattern, cue, wording in _OTHER_CHANNELS:
            other = pattern.search(text, start, end) if cue in part else None
            if other is not None:
                channels.append((other.start(), wording))
        for s, _, name in ctx.credits:
            if start <= s < end:
                relays[s] = _strip_the(name)
        # The relay patterns are slow to try at every word: only where a cue word is.
        if _RELAY_CUE.search(part):
            for relay in _RELAY.finditer(text, start, end):
                group = 1 if relay.group(1) else 2
                name, s = relay.group(group), relay.start(group)
                if is_news_name(name, ctx.known_news) and not any(abs(s - k) < 5 for k in relays):
                    relays[s] = _strip_the(name)
        spoken = _SPOKEN_TO.search(text, start, end) if "with " in part or "to " in part else None
        if spoken is not None and spoken_to is None:
            spoken_to = _strip_the(spoken.group(1) or spoken.group(2))
    via = [min(channels)[1]] if channels else []
    if not via and speaker is not None and speaker.channel:
        via = [speaker.channel]
    party = speaker.party if speaker is not None else None
    party = party or spoken_to
    # "told the Harbor Ledger" names the outlet even in the Harbor Ledger; "told reporters",
    # "told officers", "told shareholders" add nothing.
    if party and party[:1].isupper() and party.lower() not in _GENERIC_PARTIES:
        via.append(_short_name(ctx, party))
    if speaker is not None and speaker.relay:
        via.append(speaker.relay)  # whoever cited the speaker, nearest the speaker
    via += [_short_name(ctx, name) for _, name in sorted(relays.items()) if not _is_own(ctx, name)]
    return via


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


def _remember(
    ctx: _Context, speaker: _Speaker, via: list[str], position: int, lemma: str | None
) -> None:
    if speaker.name is not None or speaker.text:
        ctx.events.append((position, speaker, via, lemma, ctx.current_pass))


def _last_event(
    ctx: _Context, position: int, same_paragraph: bool = False, name: str | None = None
) -> tuple[int, _Speaker, list[str], str | None, str] | None:
    """The latest statement before ``position`` (by ``name``, in the same paragraph)."""
    floor = _paragraph_start(ctx.text, position) if same_paragraph else -1
    best = None
    for event in ctx.events:
        wanted = floor <= event[0] < position and (name is None or event[1].name == name)
        if wanted and (best is None or event[0] > best[0]):
            best = event
    return best


def _inherit_channel(ctx: _Context, speaker: _Speaker, via: list[str], position: int) -> list[str]:
    """A quote that continues a statement of the same speaker in its paragraph takes that
    statement's chain: all of it when its own sentence names none ('X told Meridian Daily that
    ...; "...," she said'), else the channel it lacks ('X said in a statement on Telegram that
    ...; "...," the ministry said, CPA reported')."""
    if speaker.name is None or (via and _CHANNEL_HEAD.search(via[0])):
        return via
    floor = _paragraph_start(ctx.text, position)
    previous = sorted(
        (e for e in ctx.events if floor <= e[0] < position and e[1].name == speaker.name),
        key=lambda e: -e[0],
    )
    for event in previous:
        if not via and event[2]:
            return list(event[2])
        inherited = [v for v in event[2] if _CHANNEL_HEAD.search(v)]
        if inherited:
            return inherited[:1] + via
    return via


_CHANNEL_HEAD = re.compile(rf"(?:{_CHANNEL_NOUNS}|{_PLATFORMS}|phone|messaging app)(?:\s|$)")
