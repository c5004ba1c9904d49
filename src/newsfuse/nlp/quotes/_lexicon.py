"""Speech verbs and the regular expressions and word lists the quote rules share: channels and
platforms, relays, adverbials, titles, role, group and staff nouns, bodies, states and their
capitals."""

from __future__ import annotations

import re

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
    "remark", "comment", "tell", "testify", "agree", "mention", "indicate", "signal", "rule",
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


# Bare forms that are mostly nouns in news ("state media", "a post", "the call"); of "rule",
# only a court's or a judge's "ruled that" is speech.
_NOUN_FORMS = frozenset({"state", "post", "call", "report", "comment", "signal", "tweet", "note",
                         "rule", "rules", "ruling"})  # fmt: skip


SPEECH_VERBS: dict[str, str] = {
    form: lemma
    for lemma in (*_IRREGULAR, *_REGULAR)
    for form in _inflections(lemma)
    if form not in _NOUN_FORMS
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
_OBJECT_ONLY = frozenset({"describe", "call", "ask", "urge", "shout"})


# Verbs that are speech only with a that-clause, never a bare complement ("confirmed the strike",
# "posted a video"; but "tweeted that the crossings were suspended").
_THAT_ONLY = frozenset({"deny", "confirm", "report", "indicate", "signal", "agree", "mention",
                        "comment", "respond", "reply", "observe", "maintain", "estimate",
                        "post", "tweet", "rule"})  # fmt: skip


_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+$", re.IGNORECASE)


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


# Capitalized at the start of a sentence, but never a name: "Someone shouted 'Get out!'".
_INDEFINITE = frozenset({"someone", "somebody", "anyone", "anybody", "everyone", "everybody",
                         "no one", "nobody", "one"})  # fmt: skip


_DAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"


_PLATFORMS = (
    r"(?:Telegram|X|Twitter|Facebook|Instagram|YouTube|TikTok|Truth Social|VKontakte|VK|"
    r"social media|state television|state TV|national television|television|radio|the radio)"
)
# "called off", "call for", "called on"; but "posted on X", "called for days", "said on Monday"
_NOT_SPEECH_AFTER = re.compile(
    r"\s+(?:off|up|for(?!\s+(?:days|weeks|months|years|a|several)\b)|"
    rf"on\s+(?!\w+day\b)(?!{_PLATFORMS}\b))"
)


# A whole name that is a platform or broadcast medium: a channel words travel by, never an actor.
PLATFORM = re.compile(rf"(?i:{_PLATFORMS})")


_CHANNEL_NOUNS = (
    r"(?:address|statement|interview|post|broadcast|press conference|news conference|briefing|"
    r"speech|video|message|appeal|tweet|letter|podcast|op-ed|conference call|remarks|blog|"
    r"transcript|pool report|website|newsletter|judgment|judgement|ruling|court filing|filing|"
    r"memo)\b"
)


_CHANNEL_ADJECTIVES = (
    r"(?:nightly|evening|late-night|televised|weekly|daily|recorded|online|video|radio|"
    r"television|TV|joint|written|brief|short|separate|official|regular|morning|live|"
    r"telephone|phone|emailed|e-mailed|published|New Year's)"
)


_CHANNEL = re.compile(
    rf"\b(?:[Ii]n|[Oo]n|[Dd]uring|[Vv]ia|[Tt]hrough|[Aa]ccording to|"
    # "at a news conference", "told a press briefing": a gathering the words were spoken at
    rf"(?:[Aa]t|told)(?=\s+(?:a|an|the)\s+(?:\w+\s+)?(?:conference|briefing)))\s+"
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


_RELAY_CUE = re.compile(
    r"ccording|[Cc]iting|[Qq]uot|[Rr]eport|\bcited\b|\bper\b|carried by|seen by"
)


# A news name as written: capitalized words, "of"/"for" inside, initials ("U.S.") allowed.
_NEWS_NAME = (
    r"((?:[Tt]he +)?(?:(?:[A-Z]\.){2,}|[A-Z][\w&'-]*)(?: +(?:of +|for +)?"
    r"(?:(?:[A-Z]\.){2,}|[A-Z][\w&'-]*)){0,5}(?: +(?:radio|television|TV))?)"
)


# Relays: "according to TASS", "citing the Times", "as reported by X", "quoted by X", "per X",
# "X reported"; kept when the name reads as a news organisation.
_RELAY = re.compile(
    rf"\b(?:[Aa]ccording to|[Cc]iting|[Qq]uoting|(?:as )?(?:reported|quoted|cited|carried|seen) by|"
    rf"(?<=[,;(] )per) {_NEWS_NAME}|{_NEWS_NAME},? (?:reported|reports|has reported)\b"
)


# The party spoken to, when not a "told" object: "Speaking to the BBC", "interview with X".
_SPOKEN_TO = re.compile(
    rf"\b(?:[Ss]peaking|[Tt]alking) (?:by (?:tele)?phone )?(?:to|with) {_NEWS_NAME}|"
    # "an interview with the (Saldovian) business weekly Kapital": the description is not the
    # name
    rf"\binterview with (?:the (?:[A-Z][a-z]+(?:an|ese|ish|i|ic) )?(?:[a-z][\w-]* ){{1,3}}"
    rf"(?=[A-Z]))?{_NEWS_NAME}|"
    # "In a letter to the Pellworth Courier": written to an outlet (checked to be one)
    rf"\b(?:letter|statement|message|remarks|email|e-mail) to {_NEWS_NAME}|"
    # "Asked by the Selvik Tribune whether ...", "asked on Radio X": the outlet put the question
    rf"\b[Aa]sked (?:by|on) {_NEWS_NAME}"
)


# "told state television", "said on Telegram", "Speaking on Ostrevan state television" (a
# nationality before the medium; "RTE radio" is a station, a party spoken to)
_PLATFORM_CHANNEL = re.compile(
    rf"\b(?P<cue>(?:[Ss]peaking\s+)?(?:on|in|told))\s+(?:[A-Z][a-z]+(?:an|ese|ish|i|ic)\s+(?=[a-z]))?"
    rf"(?P<channel>{_PLATFORMS})\b"
)


# Adverbials that may sit between a speech verb and its clause.
_ADVERBIAL = re.compile(
    rf"\s*,?\s*(?:(?:late|early|later|earlier)\s+)?(?:(?:on|by)\s+)?{_DAYS}(?:\s+(?:night|morning|"
    rf"evening|afternoon))?|\s+(?:also|later|earlier|publicly|privately|repeatedly|again|"
    r"previously|separately|today|yesterday|recently|tonight|then|first|once more|on Telegram|"
    r"(?:by|over the|on the) (?:tele)?phone|"
    r"for (?:days|weeks|months|years)|for (?:a|several|two|three) (?:days|weeks|months|years)|"
    r"last (?:week|month|night|year)|this (?:week|month|morning|evening)|over the weekend|"
    r"in an? (?:\w+ ){0,3}(?:address|statement|interview|post|broadcast|briefing|speech|video|"
    r"message|appeal|conference|filing|memo|letter)[^,.;\"“”]*?(?= that\b|,)|"
    rf"(?:in|on|via|through) (?:his|her|its|their|the) (?:\w+ ){{0,3}}{_CHANNEL_NOUNS}"
    rf"(?: (?:on|in) {_PLATFORMS})?"
    rf"(?: (?:on|late on) {_DAYS}(?: night| morning| evening)?)?|on {_PLATFORMS})"
    # ", quoted by the Daily Examiner," between the verb and its that-clause
    r"|,\s*(?:as\s+)?(?:quoted|reported|cited)\s+by\s+(?:the\s+)?[A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*)*,?"
    # "reported, citing three people with knowledge of the talks, that ..."
    r"|,\s*citing\s+[^,;.\"“”]+,(?=\s+that\b)"
)


_FINITE = re.compile(
    r"\b(?:was|were|is|are|am|had|has|have|would|will|could|can|did|does|do|should|might|must|"
    r"may|shall|\w+ed|takes|makes|goes|gives|remains|seems|looks|needs|wants|"
    # irregular past tenses
    r"understood|knew|thought|felt|left|went|made|took|saw|gave|came|found|kept|lost|meant|"
    r"paid|sent|spent|stood|won|became|began|brought|bought|built|caught|chose|fell|fought|"
    r"got|grew|heard|held|led|met|ran|sold|struck|threw|wrote|told|said|spoke|broke|drove|"
    r"flew|rose|wore|hid|shot|stole|forgot|beat|fled|lay|sat|slept|bore)\b"
)


# A reported clause starts with its subject, never with a verb or a quantifier.
_NOT_CLAUSE_START = re.compile(
    r"(?:was|were|is|are|has|have|had|will|would|could|can|did|does|do|should|little|"
    r"so|too|yes|no|goodbye|hello|sorry|thanks|nothing more|to|off|up)\b",
    re.IGNORECASE,
)


_ING_FORMS = "|".join(f for f in SPEECH_VERBS if f.endswith("ing"))


_QUOTED_AS = re.compile(r"\b(?:quoted|cited)\s+(?P<who>.+?,?)\s+as\s+(?=saying\b)")
# "X is quoted in the Valdris Courier as saying ..."
_QUOTED_IN = re.compile(
    r"\s(?:is|was|has\s+been|had\s+been)\s+(?:quoted|cited)\s+(?:in|by)\s+(?P<relay>.+?)\s+as\s+"
    r"(?=saying\b)"
)


# A that-clause opening right after a verb ("ruled that", "said that").
_THAT_AFTER = re.compile(r"\s+that\b")


# A verb coordinated with an earlier one ("... and said", "... but said").
_COORDINATED = re.compile(r"\b(?:and|but)\s+$")


_AND_THAT = re.compile(r",?\s+(?:and|but)\s+that\s+")


_CLAUSE_END = re.compile(
    rf"[.!?]\s+(?=[‘'\"“])|,?\s+(?:and|but)\s+that\s|,\s+(?:according to|per|citing|while|but|though|although|as quoted by|{_ING_FORMS})\b|"
    rf";\s|\s[-–—]\s|,\s+and\s+(?=[A-Z])|\s+and\s+(?=(?:{'|'.join(SPEECH_VERBS)})\b)|"
    rf",\s+and\s+(?=(?:he|she|it|they)\s+(?:also\s+)?(?:{'|'.join(SPEECH_VERBS)})\b)|"
    # ", and a government spokesman said ...": another statement
    rf",\s+and\s+(?=(?:an?|the|his|her|its|their)\s+(?:[\w'-]+\s+){{0,4}}?"
    rf"(?:{'|'.join(SPEECH_VERBS)})\b)"
)


_SUBORDINATORS = re.compile(
    r"\b(?:which|who|whom|that|when|while|after|before|because|as|where|if|but|and|in which|"
    r"since|though|although|until|what)\b"
)


_PREPOSITIONS = frozenset(
    {"at", "of", "for", "from", "in", "with", "by", "on", "to", "about", "near", "toward",
     "towards", "into", "over", "under", "against", "behind", "across", "between", "among"}
)  # fmt: skip


_LEADING_ADVERB = re.compile(r"^(?:then|also|later|earlier|now|instead|meanwhile|so|and|but|afterwards?),?\s+",
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


# One word of a personal name: "Holm", "O'Dea", "McKenna", "MacLeod", "Lund-Berg".
NAME_WORD = r"(?:O'|Mc|Mac)?[A-Z][a-z'-]+"


_CAPITALIZED_NAME = re.compile(rf"\b{NAME_WORD}(?:\s+{NAME_WORD}){{1,2}}\b")


# Told to a court, a committee or a hearing: an audience, not a channel or a relay.
_TOLD_AUDIENCE = re.compile(
    r" +(?:(?:the|a|an) +)?(?:[A-Z][\w'-]*\s+){0,4}"
    r"(?:(?!(?:the|a|an|them|him|her|us|me|after|before|at|in|on|of|by|for|with|that|this)\b)"
    r"[a-z][\w-]*\s+){0,2}?"
    r"(?i:court|committee|council|parliament|hearing|inquiry|jury|tribunal|panel|assembly|"
    r"meeting|summit|senate|congress|judge|magistrates)\b"
)


_GENERIC_PARTIES = frozenset(
    {"reporters", "journalists", "the media", "media", "us", "me", "him", "her", "them",
     "the press", "press", "the audience", "a crowd", "the crowd", "viewers", "listeners"}
)  # fmt: skip


# A name written in title case ("the Hollin Observatory", "Bank of Ostravia"): a body the
# tagger may have missed.
TITLE_CASE_NAME = re.compile(r"(?:the\s+)?[A-Z][\w'-]+(?:\s+(?:of\s+)?[A-Z][\w'-]+){1,4}")


_CITING = re.compile(r"\b(?:[Cc]iting|[Qq]uoting)\s+(?P<name>(?:the\s+)?[^,.;]{2,60}?)(?=[,.;])")


# Not right after an honorific or "St" ("Dr. Ada Holm", "St. Aubin"), whose full stop ends no
# sentence and no name.
NOT_AFTER_ABBREVIATION = r"(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bProf)(?<!\bSt)"


# "according to X", ", per X" and "Per X," opening a sentence; an honorific's full stop ("Dr.")
# does not end the name.
_ACCORDING = re.compile(
    r"(?:\b[Aa]ccording to|(?<=, )per|(?<![\w,] )\bPer)\s+"
    r"(?P<name>(?:the\s+)?(?:[^,.;]|(?<=\b(?:Dr|Mr|Ms|St))\.|(?<=\bMrs)\.|(?<=\bProf)\.){2,60}?)"
    rf"(?=[,;]|{NOT_AFTER_ABBREVIATION}\.|$|\s+(?:who|which)\s)"
)


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
_STAFF_NOUNS = frozenset(
    {"managers", "executives", "management", "controllers", "organisers", "organizers"}
)


# A body written with common nouns: "the Velmari transport ministry", "Russia's defence
# ministry", "the Solvenna city council", "the Halden Regional Police".
_BODY_HEADS = (
    r"ministry|service|council|board|bank|police|department|agency|authority|union|committee|"
    r"commission|office|company|institute|court|parliament|guard|directorate|inspectorate|"
    r"army|navy|brigade|hospital"
)


# Words that never sit between a body's owner and its head ("on Tuesday after the company").
_FUNCTION_WORDS = (
    r"after|before|the|an?|of|in|on|at|to|for|with|by|from|and|or|but|that|this|its|their|his|"
    r"her|when|while|as|said|says"
)


_NOT_OWNER = r"(?!(?:The|A|An|Its|His|Her|Their|This|That|These|Those|Some|Several)\b)"


_BODY = re.compile(
    rf"(?:\b[Tt]he\s+)?(?P<owner>(?:{_NOT_OWNER}[A-Z][\w-]*(?:'s|’s|(?<=s)['’])?\s+){{1,3}})"
    rf"(?P<rest>(?:(?!(?i:{_BODY_HEADS}|{_FUNCTION_WORDS})\b)[a-z][a-z-]+\s+){{0,2}})"
    rf"(?P<head>(?i:{_BODY_HEADS}))\b"
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
