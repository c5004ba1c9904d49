"""Place roles: is a place where the sentence's event happened, or only named?

A mention is an event location when a locative word leads up to it in its sentence: a
preposition ("in", "near", "outside", "into", "from"), a verb of taking or striking a place
("retook", "shelled", "entered"), optionally through "the" and a part or kind of place ("in the
Kharkiv region", "on the outskirts of Izium", "north of Kupiansk"). Everything else is named
only: a capital standing for its government ("Moscow said"), an adjective ("a Kyiv-based
analyst"), a dateline ("KYIV, Sept 10 -"). Rules rather than a parser because the cue is local
and the entity stage does not keep spaCy's parse; demonyms ("Ukrainian forces") never get here:
they are actors (NORP entities), not places.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsfuse.model import Article, Place, PlaceMention, PlaceRole, Story

__all__ = ["assign_place_roles", "event_places_first", "role_of"]

_LEAD = (
    r"in|at|near|outside|around|inside|within|into|onto|toward|towards|across|through|"
    r"throughout|from|over|on|to|off|beyond|behind|along|retook|recaptured|liberated|captured|"
    r"seized|took|entered|reached|shelled|struck|hit|attacked|bombed|occupied|evacuated|"
    r"encircled|surrounded|besieged|abandoned|left|fled|visited|landed|launched"
)
_PART = (
    r"city|town|village|port|region|province|oblast|district|outskirts|centre|center|north|"
    r"south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|"
    r"south-east|south-west|edge|heart|streets|suburbs|area|parts?|rest|coast|border"
)
_DIRECTION = r"(?:north|south|east|west)(?:-?(?:east|west))?|outskirts"
_CUE = re.compile(
    rf"(?:\b(?:{_LEAD})\s+(?:the\s+)?(?:(?:{_PART})\s+of\s+(?:the\s+)?)?"
    rf"|\b(?:{_DIRECTION})\s+of\s+(?:the\s+)?)$",
    re.IGNORECASE,
)
_WINDOW = 40


def role_of(text: str, start: int) -> PlaceRole:
    """The role of a place named at ``start`` of ``text``."""
    line_start = text.rfind("\n", 0, start) + 1
    sentence_start = max(line_start, text.rfind(". ", 0, start) + 1)
    before = text[max(sentence_start, start - _WINDOW) : start]
    return PlaceRole.EVENT if _CUE.search(before) else PlaceRole.MENTIONED


def assign_place_roles(articles: Sequence[Article], places: Sequence[Place]) -> None:
    """Give every place mention its role, and each place the role of its strongest mention."""
    texts = {article.id: article.text for article in articles}
    for place in places:
        mentions = [
            PlaceMention(
                m.article_id, m.start, m.end, m.text, role_of(texts[m.article_id], m.start)
            )
            for m in place.mentions
            if m.article_id in texts
        ]
        place.mentions = list(mentions)
        place.role = (
            PlaceRole.EVENT
            if any(m.role is PlaceRole.EVENT for m in mentions)
            else PlaceRole.MENTIONED
        )


def event_places_first(stories: Sequence[Story], places: Sequence[Place]) -> None:
    """Order each story's places with those where its events happened first (among the story's
    own articles), keeping salience order within each group: a story about Izium leads with
    Izium, not with Moscow, which every report quotes."""
    by_id = {place.id: place for place in places}
    for story in stories:
        members = set(story.article_ids)
        story.places = sorted(
            story.places, key=lambda p: not _event_location_in(by_id.get(p), members)
        )


def _event_location_in(place: Place | None, article_ids: set[str]) -> bool:
    return place is not None and any(
        getattr(m, "role", None) is PlaceRole.EVENT and m.article_id in article_ids
        for m in place.mentions
    )
