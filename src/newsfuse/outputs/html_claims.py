"""The claims, who-said-what and events sections of a story in index.html.

Each function takes the story (a ``report.json`` dict) and the report's records as dicts, and
returns an HTML fragment, or "" when the story has nothing to show, so that no empty heading is
ever written. Every string that came from an input passes through :func:`_e`; every cited
article links to its ``<article id=…>`` block.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from newsfuse.outputs.html import _e, _label, _place_label, _short_label

# Claim groups in the order the table shows them: disagreement first.
VERDICT_ORDER = ("contradicted", "disputed", "agreed", "single")
_VERDICT_TITLES = {
    "contradicted": "Contradicted",
    "disputed": "Disputed",
    "agreed": "Agreed",
    "single": "Single source",
}
_VERDICT_BADGES = {"single": "single source"}

# The events list of a story shows at most this many rows, and is folded away beyond
# EVENTS_OPEN of them.
MAX_EVENT_ROWS = 50
EVENTS_OPEN = 8


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _sources_badge(n: Any) -> str:
    count = n if isinstance(n, int) else 0
    return f"<span class='badge src'>{_e(_plural(count, 'independent source'))}</span>"


def _article_link(article_id: str, articles: dict[str, dict[str, Any]]) -> str:
    article = articles.get(article_id)
    if article is None:
        return f"<a href='#{_e(article_id)}'>{_e(article_id)}</a>"
    return (
        f"<a href='#{_e(article_id)}' title='{_e(_label(article))}'>{_e(_short_label(article))}</a>"
    )


@dataclass(slots=True)
class Records:
    """The report's claims, quotes and events, indexed once for every story section."""

    claims: dict[str, dict[str, Any]] = field(default_factory=dict)  # by id
    claims_by_story: dict[str, list[str]] = field(default_factory=dict)  # story id -> claim ids
    quotes_by_article: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    events: dict[str, dict[str, Any]] = field(default_factory=dict)  # by id
    events_by_article: dict[str, list[str]] = field(default_factory=dict)


def index_records(report: dict[str, Any]) -> Records:
    records = Records()
    for claim in report.get("claims") or []:
        records.claims[claim["id"]] = claim
        if claim.get("story_id"):
            records.claims_by_story.setdefault(claim["story_id"], []).append(claim["id"])
    for quote in report.get("quotes") or []:
        records.quotes_by_article.setdefault(str(quote.get("article_id")), []).append(quote)
    for event in report.get("events") or []:
        records.events[event["id"]] = event
        records.events_by_article.setdefault(str(event.get("article_id")), []).append(event["id"])
    return records


# --- claims -------------------------------------------------------------------------------------


def story_claims(story: dict[str, Any], records: Records) -> list[dict[str, Any]]:
    """The story's claims: those it lists in ``claim_ids`` (in that order), then any other claim
    whose ``story_id`` names it."""
    ids = [*(story.get("claim_ids") or []), *records.claims_by_story.get(story["id"], [])]
    return [records.claims[c] for c in dict.fromkeys(ids) if c in records.claims]


def _cited_articles(claim: dict[str, Any]) -> list[str]:
    out = []
    for citation in claim.get("citations") or []:
        article_id = citation.get("article_id") if isinstance(citation, dict) else citation
        if article_id:
            out.append(str(article_id))
    return list(dict.fromkeys(out))


def _by_source_group(
    article_ids: list[str], groups: dict[str, dict[str, Any]]
) -> list[tuple[dict[str, Any] | None, list[str]]]:
    """The articles split by the source group each belongs to (the grouping the story's sources
    block shows), groups by first citation; an article in no group is a group of its own."""
    out: dict[str, tuple[dict[str, Any] | None, list[str]]] = {}
    for article_id in article_ids:
        group = groups.get(article_id)
        key = group["id"] if group else f"\x00{article_id}"
        out.setdefault(key, (group, []))[1].append(article_id)
    return list(out.values())


def _sources_cell(
    article_ids: list[str], groups: dict[str, dict[str, Any]], articles: dict[str, dict[str, Any]]
) -> str:
    """One list item per independent source, holding links to its articles that state it."""
    items = []
    for group, members in _by_source_group(article_ids, groups):
        links = ", ".join(_article_link(a, articles) for a in members)
        note = ""
        if group is not None and len(group["article_ids"]) > 1:
            origin = articles.get(group["origin"])
            named = _short_label(origin) if origin else group["origin"]
            note = f" <span class='meta'>(one source, origin {_e(named)})</span>"
        items.append(f"<li>{links}{note}</li>")
    return f"<ul class='cite'>{''.join(items)}</ul>" if items else ""


def _number(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if not math.isfinite(value):
        return str(value)
    if float(value).is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.4g}"


def normalized_text(claim: dict[str, Any]) -> str:
    """The claim's normalized value as plain text: "5,000 m", "2,000–3,000 m²", "≥ 30", or
    the value as written when there is no normalized one, else ""."""
    normalized = claim.get("normalized")
    if not isinstance(normalized, dict):
        return str(claim.get("value") or "")
    low, high = normalized.get("low"), normalized.get("high")
    unit = normalized.get("unit")
    if low is None and high is None:
        text = str(claim.get("value") or "")
    elif high is None:
        text = f"≥ {_number(low)}"
    elif low is None:
        text = f"≤ {_number(high)}"
    elif low == high:
        text = _number(low)
    else:
        text = f"{_number(low)}–{_number(high)}"
    return f"{text} {unit}" if unit and text else text


def _asserted(claim: dict[str, Any], articles: dict[str, dict[str, Any]]) -> str:
    """Who says so: the claim's ``asserted_by``, else the outlets that print it."""
    names = [str(n) for n in claim.get("asserted_by") or [] if n]
    if names:
        return f"asserted by {_e(', '.join(dict.fromkeys(names)))}"
    outlets = [
        str(articles[a]["outlet"] or "unknown outlet")
        for a in _cited_articles(claim)
        if a in articles
    ]
    if not outlets:
        return "asserted by the outlets themselves"
    return f"asserted by the outlets themselves ({_e(', '.join(dict.fromkeys(outlets)))})"


def _other_sides(
    claim: dict[str, Any],
    claims: dict[str, dict[str, Any]],
    groups: dict[str, dict[str, Any]],
    articles: dict[str, dict[str, Any]],
) -> str:
    """For a contradicted or disputed claim: this side's backers, then each other side with why
    they disagree, who asserts it and the sources behind it."""
    entries = [("contradicted by", e) for e in claim.get("contradicts") or []] + [
        ("disputed by", e) for e in claim.get("disputes") or []
    ]
    entries = [(how, e) for how, e in entries if isinstance(e, dict)]
    if not entries:
        return ""
    items = [f"<li><b>this side</b>: {_asserted(claim, articles)}</li>"]
    for how, entry in entries:
        other = claims.get(str(entry.get("claim_id")))
        why = f" <span class='why'>— {_e(entry['why'])}</span>" if entry.get("why") else ""
        if other is None:
            items.append(
                f"<li><b>{how}</b> claim {_e(entry.get('claim_id'))} (not in this report){why}</li>"
            )
            continue
        value = normalized_text(other)
        value = f" <span class='norm'>[{_e(value)}]</span>" if value else ""
        items.append(
            f"<li><b>{how}</b> <a href='#{_e(other['id'])}'>{_e(other.get('text'))}</a>{value}"
            f"{why}<br>{_asserted(other, articles)} "
            f"{_sources_badge(other.get('independent_sources'))}"
            f"{_sources_cell(_cited_articles(other), groups, articles)}</li>"
        )
    return f"<ul class='side'>{''.join(items)}</ul>"


def _verdict_badge(verdict: str) -> str:
    return f"<span class='badge v-{_e(verdict)}'>{_e(_VERDICT_BADGES.get(verdict, verdict))}</span>"


def claims_section(
    story: dict[str, Any],
    records: Records,
    groups: dict[str, dict[str, Any]],
    articles: dict[str, dict[str, Any]],
) -> str:
    """The story's claims table: contradicted, then disputed, agreed and single-source claim
    groups (any other verdict last), each row with its normalized value, verdict, independent
    sources, the articles behind it by source group and, if disputed, the other side(s)."""
    found = story_claims(story, records)
    if not found:
        return ""
    claims = records.claims
    by_verdict: dict[str, list[dict[str, Any]]] = {}
    for claim in found:
        by_verdict.setdefault(str(claim.get("verdict") or "single"), []).append(claim)
    order = [v for v in VERDICT_ORDER if v in by_verdict]
    order += sorted(v for v in by_verdict if v not in VERDICT_ORDER)
    sides = any(c.get("contradicts") or c.get("disputes") for c in found)
    header = (
        "<tr><th>claim</th><th>value</th><th>verdict</th><th>sources</th>"
        + ("<th>other side</th>" if sides else "")
        + "</tr>"
    )
    width = 5 if sides else 4
    rows = []
    for verdict in order:
        group = by_verdict[verdict]
        # stable: the best-backed first, else in the story's order
        group = sorted(group, key=lambda c: -(c.get("independent_sources") or 0))
        title = _VERDICT_TITLES.get(verdict, verdict)
        rows.append(
            f"<tr class='vgroup'><th colspan='{width}'>{_e(title)} ({len(group)})</th></tr>"
        )
        for claim in group:
            value = claim.get("value")
            written = f" title='as written: {_e(value)}'" if value else ""
            cited = _cited_articles(claim)
            other = f"<td>{_other_sides(claim, claims, groups, articles)}</td>" if sides else ""
            rows.append(
                f"<tr id='{_e(claim['id'])}' class='claim {_e(verdict)}'>"
                f"<td>{_e(claim.get('text'))}</td>"
                f"<td class='norm'{written}>{_e(normalized_text(claim))}</td>"
                f"<td>{_verdict_badge(verdict)}</td>"
                f"<td>{_sources_badge(claim.get('independent_sources'))}"
                f"{_sources_cell(cited, groups, articles)}</td>{other}</tr>"
            )
    counts = ", ".join(f"{len(by_verdict[v])} {_e(_VERDICT_BADGES.get(v, v))}" for v in order)
    return (
        f"<details class='claims' open><summary>Claims: {len(found)} ({counts})</summary>"
        f"{_headline_flags(story, articles)}"
        f"<table class='claims'>{header}{''.join(rows)}</table></details>"
    )


def _headline_flags(story: dict[str, Any], articles: dict[str, dict[str, Any]]) -> str:
    """Headlines whose figure contradicts another article or their own body, first."""
    flags = story.get("headline_conflicts") or []
    if not flags:
        return ""
    items = "".join(
        f"<li><span class='badge v-contradicted'>headline</span> "
        f"{_article_link(flag['article_id'], articles)}: "
        f"<span class='why'>{_e(flag.get('why'))}</span> "
        f"(<a href='#{_e(flag['against'])}'>the other side</a>)</li>"
        for flag in flags
    )
    return f"<ul class='headline-flags'>{items}</ul>"


# --- who said what ------------------------------------------------------------------------------


def story_quotes(
    story: dict[str, Any], records: Records, articles: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    """The quotes in the story's articles, by article (as the story lists its articles: oldest
    first) and position in it."""
    members = sorted(
        dict.fromkeys(story["article_ids"]),
        key=lambda a: (articles.get(a, {}).get("published") or {}).get("value") or "~",
    )
    found = []
    for article_id in members:
        quotes = records.quotes_by_article.get(article_id, [])
        found += sorted(quotes, key=lambda q: (q.get("span") or [0])[0])
    return found


def _speaker(quote: dict[str, Any]) -> str | None:
    name = quote.get("speaker")
    return str(name).strip() or None if name else None


def _chain(quote: dict[str, Any], articles: dict[str, dict[str, Any]]) -> str:
    """speaker → channel → outlet → the article (linked)."""
    first = _speaker(quote) or quote.get("speaker_text") or "unnamed speaker"
    hops = [_e(first)] + [_e(v) for v in quote.get("via") or [] if v]
    hops.append(_article_link(str(quote["article_id"]), articles))
    return " → ".join(hops)


def quotes_section(
    story: dict[str, Any], records: Records, articles: dict[str, dict[str, Any]]
) -> str:
    """Who said what: the story's quotes grouped by speaker, the most quoted first and quotes
    with no named speaker last, each with its kind and the chain it reached the article by."""
    found = story_quotes(story, records, articles)
    if not found:
        return ""
    by_speaker: dict[str | None, list[dict[str, Any]]] = {}
    for quote in found:
        by_speaker.setdefault(_speaker(quote), []).append(quote)
    named = sorted(
        (s for s in by_speaker if s is not None), key=lambda s: (-len(by_speaker[s]), s.casefold())
    )
    items = []
    for speaker in named + ([None] if None in by_speaker else []):
        said = by_speaker[speaker]
        lines = []
        for quote in said:
            kind = str(quote.get("kind") or "")
            text = _e(quote.get("text"))
            shown = f"“{text}”" if kind in ("direct", "partial") else text
            verb = f" <span class='meta'>({_e(quote['verb'])})</span>" if quote.get("verb") else ""
            lines.append(
                f"<li id='{_e(quote['id'])}'>{shown} <span class='badge'>{_e(kind or '?')}</span>"
                f"{verb}<br><span class='via'>{_chain(quote, articles)}</span></li>"
            )
        who = f"<b>{_e(speaker)}</b>" if speaker else "<b>Unknown speaker</b>"
        items.append(
            f"<li>{who} <span class='badge'>{_e(_plural(len(said), 'quote'))}</span>"
            f"<ul class='quotes'>{''.join(lines)}</ul></li>"
        )
    return (
        f"<details class='who' open><summary>Who said what: {_e(_plural(len(found), 'quote'))} "
        f"from {_e(_plural(len(by_speaker), 'speaker'))}</summary>"
        f"<ul class='speakers'>{''.join(items)}</ul></details>"
    )


# --- events -------------------------------------------------------------------------------------


def story_events(story: dict[str, Any], records: Records) -> list[dict[str, Any]]:
    """The story's events: those it lists in ``event_ids`` and those reported by its articles,
    by date (undated last)."""
    ids = list(story.get("event_ids") or [])
    for article_id in story["article_ids"]:
        ids += records.events_by_article.get(article_id, [])
    found = [records.events[e] for e in dict.fromkeys(ids) if e in records.events]
    return sorted(found, key=lambda e: (e.get("date") is None, str(e.get("date") or "")))


def _place_cell(
    event: dict[str, Any], story: dict[str, Any], places: dict[str, dict[str, Any]]
) -> str:
    place_id = event.get("place_id")
    if not place_id:
        return ""
    role = (
        f" <span class='meta'>({_e(event['place_role'])})</span>" if event.get("place_role") else ""
    )
    place = places.get(place_id)
    if place is None:
        return f"{_e(place_id)}{role}"
    members = set(story["article_ids"])
    listed = place_id in (story.get("places") or []) or any(
        m.get("article_id") in members for m in place.get("mentions") or []
    )
    name = _e(_place_label(place))
    if listed:  # the story's places list has an entry for it
        name = f"<a href='#{_e(story['id'])}--{_e(place_id)}'>{name}</a>"
    return name + role


def events_section(
    story: dict[str, Any],
    records: Records,
    places: dict[str, dict[str, Any]],
    articles: dict[str, dict[str, Any]],
) -> str:
    """A compact table of the story's events: date and precision, type / sub-type (PLOVER),
    actors, place, fatalities and the article reporting it. Folded away when long."""
    found = story_events(story, records)
    if not found:
        return ""
    rows = []
    for event in found[:MAX_EVENT_ROWS]:
        date = _e(event.get("date") or "undated")
        if event.get("date") and event.get("precision"):
            date += f" <span class='meta'>({_e(event['precision'])})</span>"
        kind = _e(event.get("event_type") or "")
        if event.get("sub_event_type"):
            kind += f" / {_e(event['sub_event_type'])}"
        if event.get("plover"):
            kind += f" <span class='badge'>{_e(event['plover'])}</span>"
        actors = " – ".join(_e(a) for a in (event.get("actor1"), event.get("actor2")) if a)
        deaths = event.get("fatalities")
        sentence = str(event.get("sentence") or "")
        if len(sentence) > 300:
            sentence = sentence[:299].rstrip() + "…"
        rows.append(
            f"<tr id='{_e(event['id'])}' title='{_e(sentence)}'><td>{date}</td><td>{kind}</td>"
            f"<td>{actors}</td><td>{_place_cell(event, story, places)}</td>"
            f"<td>{_e(deaths) if deaths is not None else ''}</td>"
            f"<td>{_article_link(str(event.get('article_id')), articles)}</td></tr>"
        )
    more = len(found) - MAX_EVENT_ROWS
    more_line = f"<p class='meta'>… {more} more in events.csv</p>" if more > 0 else ""
    opened = " open" if len(found) <= EVENTS_OPEN else ""
    return (
        f"<details class='events'{opened}><summary>Events: {len(found)}</summary>"
        "<table><tr><th>date</th><th>type / sub-type</th><th>actors</th><th>place</th>"
        f"<th>fatalities</th><th>reported in</th></tr>{''.join(rows)}</table>{more_line}</details>"
    )


def story_record_sections(
    story: dict[str, Any],
    records: Records,
    groups: dict[str, dict[str, Any]],
    articles: dict[str, dict[str, Any]],
    places: dict[str, dict[str, Any]],
) -> str:
    """Claims, who said what and events of one story, each omitted when empty."""
    return (
        claims_section(story, records, groups, articles)
        + quotes_section(story, records, articles)
        + events_section(story, records, places, articles)
    )
