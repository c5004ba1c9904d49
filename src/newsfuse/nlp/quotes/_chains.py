"""The ``via`` chain of a quote: its channel, the party told or spoken to and the relays, and the
chain a quote takes over from its speaker's previous statement."""

from __future__ import annotations

import re

from newsfuse.nlp.quotes._context import _Context, _paragraph_start, _Speaker, _strip_the
from newsfuse.nlp.quotes._lexicon import (
    _CHANNEL,
    _CHANNEL_NOUNS,
    _GENERIC_PARTIES,
    _OTHER_CHANNELS,
    _PLATFORM_CHANNEL,
    _PLATFORMS,
    _RELAY,
    _RELAY_CUE,
    _SPOKEN_TO,
    _VERB,
)
from newsfuse.nlp.quotes._names import _is_own, _short_name, _squash
from newsfuse.provenance.attribution import is_news_name


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
            at = platform.start("channel") if platform is not None else 0
            spoken = platform is not None and platform.group("cue")[:1] in "Ss"
            verb = _VERB.search(text, max(start, at - 25), at) if platform is not None else None
            if platform is not None and (spoken or verb is not None):
                wording = platform.group("channel")
                if verb is not None and verb.group().startswith("post"):
                    wording = f"post on {wording}"  # "posted on X": a post
                channels.append((platform.start(), wording))
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
        spoken_cue = "with " in part or "to " in part or "sked " in part
        spoken = _SPOKEN_TO.search(text, start, end) if spoken_cue else None
        checked = spoken.group(3) or spoken.group(4) if spoken is not None else None
        if checked and not is_news_name(checked, ctx.known_news):
            spoken = None  # "a letter to the Prime Minister", "asked by the judge": no outlet
        if spoken is not None and spoken_to is None:
            spoken_to = _strip_the(next(name for name in spoken.groups() if name))
    via = [min(channels)[1]] if channels else []
    if not via and speaker is not None and speaker.channel:
        via = [speaker.channel]
    party = speaker.party if speaker is not None else None
    party = party or spoken_to
    # "told the Harbor Ledger" names the outlet even in the Harbor Ledger; "told reporters",
    # "told officers", "told shareholders" add nothing.
    if party and party[:1].isupper() and party.lower() not in _GENERIC_PARTIES:
        if via and via[0].lower() == "remarks":
            via = []  # "told Radio X, in remarks carried by Y": the remarks are what was told
        via.append(_short_name(ctx, party))
    if speaker is not None and speaker.relay:
        via.append(speaker.relay)  # whoever cited the speaker, nearest the speaker
    via += [_short_name(ctx, name) for _, name in sorted(relays.items()) if not _is_own(ctx, name)]
    if speaker is not None and speaker.name:
        # "The Valden Herald reported that ...": the outlet speaks; it relays nobody.
        own = _squash(speaker.name)
        via = [item for item in via if _squash(item) != own]
    return via


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
