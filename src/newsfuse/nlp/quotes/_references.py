"""Speakers referred to rather than named: pronouns ("she", "it") and definite roles ("the
governor", "the ministry"), resolved to the one person or body they fit."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from functools import partial

from newsfuse.nlp.quotes._context import (
    _Context,
    _last_event,
    _mentions_in,
    _sentence_of,
    _Speaker,
    _strip_the,
)
from newsfuse.nlp.quotes._lexicon import _BODY, _BODY_HEADS, _PRONOUNS, ROLE_NOUNS, _trie_pattern
from newsfuse.nlp.quotes._names import _canonical_body, _entity_speaker, _is_person


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
