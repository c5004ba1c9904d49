"""A static, offline index.html: stories → articles with their clean text (shared sentences and
time expressions marked), when each dated sentence's event happened, removed lines on demand
(``<details>``, no script needed), entities, source groups, places on inline SVG maps (an
overview and one per story, see :mod:`newsfuse.outputs.map`) with their role in the story, each
story's brief and timeline with citation markers that open the cited sentence (see
:mod:`newsfuse.outputs.html_brief`), its claims (agreed, contradicted, disputed), who said what
and events (see :mod:`newsfuse.outputs.html_claims`), and rejected inputs.

Every string that came from an input passes through :func:`_e` (HTML escaping) and every link
through :func:`_href` (only http/https), because scraped pages are untrusted.
"""

from __future__ import annotations

import re
from collections import Counter
from html import escape
from typing import Any
from urllib.parse import urlparse

from newsfuse.outputs.map import MapPoint, render_map, valid_coordinates

_CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
header{background:#17324d;color:#fff;padding:1rem 2rem}header h1{margin:0;font-size:1.4rem}
header p{margin:.2rem 0 0;opacity:.85}
main{max-width:72rem;margin:0 auto;padding:1rem 2rem}
section.story{background:#fff;border:1px solid #ddd;border-radius:8px;padding:1rem 1.5rem;margin:1.5rem 0}
.meta{color:#555;font-size:.9rem}.badge{display:inline-block;background:#e6eef7;color:#17324d;
border-radius:10px;padding:0 .55rem;font-size:.82rem;margin-right:.3rem}
.badge.src{background:#17324d;color:#fff}
article{border-top:1px solid #eee;padding:.6rem 0}article h3{margin:.2rem 0;font-size:1.05rem}
.text p{margin:.35rem 0}details{margin:.3rem 0}summary{cursor:pointer;color:#17324d}
table{border-collapse:collapse;font-size:.88rem}td,th{border-bottom:1px solid #eee;padding:.2rem .6rem;text-align:left}
.removed td:first-child{color:#888}.ent{font-size:.88rem}.rejected li{color:#8a1c1c}
mark{background:#fff1a8}.sources li{margin:.2rem 0}
svg.map{display:block;max-width:100%;height:auto;border:1px solid #ccd;border-radius:6px;margin:.5rem 0}
svg.map a:hover circle{fill-opacity:1;stroke:#000}
ol.places{columns:2;column-gap:2rem;font-size:.88rem;margin:.3rem 0}ol.places li{break-inside:avoid}
li:target,tr:target{background:#fff1a8}.nomap{color:#777}
.timex{border-bottom:2px dotted #2a6f97}.timex.unresolved{border-bottom-color:#b5532a}
.when td:nth-child(2){white-space:nowrap}.badge.event{background:#d9efdc;color:#1e5b2a}
.badge.named{background:#eee;color:#555}
table.claims{width:100%;margin:.3rem 0}table.claims td{vertical-align:top}
tr.vgroup th{background:#f3f5f8;color:#17324d}.claims .norm{white-space:nowrap}
.badge.v-contradicted{background:#f6d5d5;color:#8a1c1c}.badge.v-disputed{background:#fbe7c6;color:#7a4b00}
.badge.v-agreed{background:#d9efdc;color:#1e5b2a}.badge.v-single{background:#eee;color:#555}
ul.cite,ul.side{margin:0;padding-left:1rem}ul.side li{margin:.15rem 0}.why{color:#8a1c1c}
ul.speakers>li{margin:.4rem 0}ul.quotes li{margin:.2rem 0}.via{color:#555;font-size:.85rem}
"""


def _e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def _href(url: str | None) -> str | None:
    if not url:
        return None
    return url if urlparse(url).scheme in ("http", "https") else None


def render_html(report: dict[str, Any]) -> str:
    # html_claims and html_brief build on this module's helpers, so they are imported here, not
    # at the top
    from newsfuse.outputs.html_brief import BRIEF_CSS, SCRIPT
    from newsfuse.outputs.html_claims import index_records, story_record_sections

    articles = {a["id"]: a for a in report["articles"]}
    entities = {e["id"]: e for e in report["entities"]}
    groups = {aid: g for g in report["source_groups"] for aid in g["article_ids"]}
    stats = report.get("stats", {})
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width,initial-scale=1'>",
        f"<title>newsfuse report: {len(report['stories'])} stories</title>",
        f"<style>{_CSS}{BRIEF_CSS}</style></head><body>",
        "<header><h1>newsfuse report</h1>",
        (
            f"<p>{len(report['articles'])} articles in {len(report['stories'])} stories · "
            f"{len(report['source_groups'])} independent sources · "
            f"{len(report['rejected'])} inputs rejected · {_e(report['generator'])} · "
            f"{_e(report['created'])}</p></header><main>"
        ),
    ]
    places = {p["id"]: p for p in report.get("places", [])}
    places_by_article = _places_by_article(places)
    parts.append(_story_index(report["stories"]))
    parts.append(_places_overview(report["stories"], places))
    records = index_records(report)
    for story in report["stories"]:
        sections = story_record_sections(story, records, groups, articles, places)
        parts.append(
            _story_section(story, articles, entities, groups, places, places_by_article, sections)
        )
    parts.append(_rejected_section(report["rejected"]))
    if stats.get("seconds"):
        timing = ", ".join(f"{_e(k)} {v:.2f}s" for k, v in stats["seconds"].items())
        parts.append(f"<p class='meta'>Stage times: {timing}</p>")
    # the script only unfolds the article a citation marker points into: no markers, no script
    cites = any(s.get("brief") or s.get("timeline") for s in report["stories"])
    parts.append("</main>" + (SCRIPT if cites else "") + "</body></html>")
    return "".join(parts)


def _story_index(stories: list[dict[str, Any]]) -> str:
    rows = "".join(
        f"<li><a href='#{_e(s['id'])}'>{_e(s['title'])}</a> "
        f"<span class='badge src'>{s['independent_sources']} independent sources</span>"
        f"<span class='badge'>{len(s['article_ids'])} articles</span></li>"
        for s in stories
    )
    return f"<nav><h2>Stories</h2><ol>{rows}</ol></nav>"


def _story_section(
    story: dict[str, Any],
    articles: dict[str, dict[str, Any]],
    entities: dict[str, dict[str, Any]],
    groups: dict[str, dict[str, Any]],
    places: dict[str, dict[str, Any]] | None = None,
    places_by_article: dict[str, list[str]] | None = None,
    records: str = "",
) -> str:
    """The story's section: its brief and timeline first (the story's front page), then its
    places and key entities; ``records`` is its claims, who-said-what and events (HTML)."""
    from newsfuse.outputs.html_brief import brief_section, cited_spans, timeline_section

    span = story["time_span"]
    when = f"{_e(span['start'])} – {_e(span['end'])}" if span["start"] else "dates unknown"
    key_entities = [entities[e] for e in story.get("key_entities", []) if e in entities]
    entity_list = "".join(
        f"<li><b>{_e(e['name'])}</b> <span class='badge'>{_e(e['label'])}</span>"
        + (
            f" also written {_e(', '.join(a for a in e['aliases'] if a != e['name']))}"
            if len(e["aliases"]) > 1
            else ""
        )
        + "</li>"
        for e in key_entities
    )
    members = [articles[a] for a in story["article_ids"] if a in articles]
    members.sort(key=lambda a: (a["published"] or {}).get("value") or "~")
    cited = cited_spans(story, articles)
    body = "".join(
        _article_block(a, groups.get(a["id"]), articles, cited.get(a["id"])) for a in members
    )
    story_groups = {groups[a["id"]]["id"]: groups[a["id"]] for a in members if a["id"] in groups}
    sources = _sources_block(list(story_groups.values()), articles)
    return (
        f"<section class='story' id='{_e(story['id'])}'><h2>{_e(story['title'])}</h2>"
        f"<p class='meta'><span class='badge src'>{story['independent_sources']} independent "
        f"sources</span><span class='badge'>{len(members)} articles</span> {when}</p>"
        + brief_section(story, articles)
        + timeline_section(story, articles)
        + _story_places(story, places or {}, places_by_article or {}, articles)
        + (
            f"<details><summary>Key entities</summary><ul class='ent'>{entity_list}</ul></details>"
            if entity_list
            else ""
        )
        + records
        + sources
        + body
        + "</section>"
    )


def _label(article: dict[str, Any]) -> str:
    return f"{article['outlet'] or 'unknown outlet'}: {article['title'] or '(untitled)'}"


def _sources_block(story_groups: list[dict[str, Any]], articles: dict[str, dict[str, Any]]) -> str:
    """Each independent source of the story: its origin, and how each member relates to it."""
    rows = []
    for group in sorted(story_groups, key=lambda g: -len(g["article_ids"])):
        origin = articles.get(group["origin"])
        if origin is None:
            continue
        members = []
        relays: dict[str, list[str]] = {}
        for item in group["evidence"]:
            if "relays" in item and item.get("article_id") in articles:
                relays.setdefault(item["article_id"], []).append(item["relays"])
        for item in group["evidence"]:
            member = articles.get(item.get("article_id", ""))
            if member is None or "relation" not in item:
                continue
            share = item.get("score")
            detail = _e(item["relation"]) + (
                f", {round(100 * share)}% of its sentences reused" if share is not None else ""
            )
            members.append(
                f"<li><a href='#{_e(member['id'])}'>{_e(_label(member))}</a> — {detail}</li>"
            )
        credited = "".join(
            f"<li><a href='#{_e(article_id)}'>{_e(_label(articles[article_id]))}</a> credits "
            f"{_e(', '.join(dict.fromkeys(names)))}</li>"
            for article_id, names in relays.items()
        )
        if credited:
            members.append(credited)
        listed = f"<ul>{''.join(members)}</ul>" if members else ""
        rows.append(
            f"<li><b>origin</b> <a href='#{_e(origin['id'])}'>{_e(_label(origin))}</a>"
            f" <span class='badge'>{len(group['article_ids'])} articles</span>{listed}</li>"
        )
    return (
        f"<details><summary>{len(story_groups)} independent sources</summary>"
        f"<ol class='sources'>{''.join(rows)}</ol></details>"
    )


def _cite_id(article_id: str, start: int) -> str:
    """The id of the cited sentence starting at ``start`` in an article's text: what a brief or
    timeline citation marker links to."""
    return f"{article_id}-s{start}"


def _marked_paragraphs(
    text: str,
    spans: list[tuple[int, int, str]],
    times: list[dict[str, Any]] | None = None,
    cited: list[tuple[int, int, str]] | None = None,
) -> str:
    """Paragraphs of ``text`` with the given (start, end, note) spans highlighted (``<mark>``)
    and the time expressions ``times`` (``Article.times`` as dicts) marked inside them
    (:func:`_timex_marks`). The ``cited`` (start, end, id) spans, sentences the story's brief or
    timeline cites, are the outermost marks (``<mark class='cited' id=…>``, targets of the
    citation links); highlights and time marks crossing their edges are split there, so every
    element nests."""
    out = []
    offset = 0
    expressions = _valid_times(times or [], len(text))
    shared = _disjoint_spans(spans)
    anchors = _merged_cited(cited or [], len(text))
    placed: set[str] = set()
    for paragraph in text.split("\n"):
        end = offset + len(paragraph)
        if not paragraph.strip():  # skipped before an anchor can be placed in it
            offset = end + 1
            continue
        local = [t for t in expressions if t["start"] < end and t["end"] > offset]
        marks = [m for m in shared if m[0] < end and m[1] > offset]
        pieces, cursor = [], offset
        for start, stop, ids in anchors:
            left, right = max(start, offset), min(stop, end)
            if left >= right:
                continue
            # a span crossing a paragraph break carries its ids in its first part only
            fresh = [i for i in ids if i not in placed]
            placed.update(fresh)
            # overlapping cited spans share one mark: the others' ids are empty anchors in it
            own = f" id='{_e(fresh[0])}'" if fresh else ""
            extra = "".join(f"<span id='{_e(i)}'></span>" for i in fresh[1:])
            pieces.append(_shared_marks(text, cursor, left, marks, local))
            pieces.append(
                f"<mark class='cited'{own}>{extra}"
                f"{_shared_marks(text, left, right, marks, local)}</mark>"
            )
            cursor = right
        pieces.append(_shared_marks(text, cursor, end, marks, local))
        out.append(f"<p>{''.join(pieces)}</p>")
        offset = end + 1
    return "".join(out)


def _disjoint_spans(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The highlight spans by start, each overlapping an earlier kept one dropped."""
    kept: list[tuple[int, int, str]] = []
    for span in sorted(s for s in spans if s[0] < s[1]):
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def _merged_cited(
    cited: list[tuple[int, int, str]], length: int
) -> list[tuple[int, int, list[str]]]:
    """The cited spans inside a text of ``length`` by start, overlapping ones merged into one
    span carrying all their ids (earliest first), so that each id is placed exactly once."""
    merged: list[tuple[int, int, list[str]]] = []
    for start, stop, anchor in sorted(c for c in cited if 0 <= c[0] < c[1] <= length):
        if merged and start < merged[-1][1]:
            first, last, ids = merged[-1]
            merged[-1] = (first, max(last, stop), ids if anchor in ids else [*ids, anchor])
        else:
            merged.append((start, stop, [anchor]))
    return merged


def _shared_marks(
    text: str,
    start: int,
    stop: int,
    spans: list[tuple[int, int, str]],
    times: list[dict[str, Any]],
) -> str:
    """``text[start:stop]`` with the (disjoint) shared-text ``spans`` in it highlighted and the
    time expressions marked (:func:`_timex_marks`); spans crossing ``start`` or ``stop`` are cut
    there."""
    pieces, cursor = [], start
    for first, last, note in spans:
        left, right = max(first, start), min(last, stop)
        if left >= right:
            continue
        pieces.append(_timex_marks(text, cursor, left, times))
        pieces.append(f"<mark title='{_e(note)}'>{_timex_marks(text, left, right, times)}</mark>")
        cursor = right
    pieces.append(_timex_marks(text, cursor, stop, times))
    return "".join(pieces)


# TIMEX3 values that are also valid HTML ``datetime`` values: a year, month, day, week, or a day
# with a clock time (and zone). Parts of the day ("2022-09-09TNI"), seasons, quarters,
# durations and references ("PRESENT_REF") are not.
_HTML_DATETIME = re.compile(
    r"\d{4}(?:-W\d{2}|-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?)?)?)?"
)


def _valid_times(times: list[dict[str, Any]], length: int) -> list[dict[str, Any]]:
    """The expressions whose offsets lie in a text of ``length``, by start, overlaps dropped
    (the longer of two expressions starting together is kept)."""
    ordered = sorted(
        (
            t
            for t in times
            if isinstance(t.get("start"), int)
            and isinstance(t.get("end"), int)
            and 0 <= t["start"] < t["end"] <= length
        ),
        key=lambda t: (t["start"], -t["end"]),
    )
    kept: list[dict[str, Any]] = []
    for expression in ordered:
        if not kept or expression["start"] >= kept[-1]["end"]:
            kept.append(expression)
    return kept


def _timex_title(expression: dict[str, Any]) -> str:
    """ "value 2022-09, precision month, mod START (DATE)", or "unresolved: <reason>"."""
    if expression.get("value") is None:
        return f"unresolved: {expression.get('unresolved') or 'no value'}"
    parts = [f"value {expression['value']}"]
    if expression.get("precision"):
        parts.append(f"precision {expression['precision']}")
    if expression.get("mod"):
        parts.append(f"mod {expression['mod']}")
    kind = f" ({expression['type']})" if expression.get("type") else ""
    return ", ".join(parts) + kind


def _timex_marks(text: str, start: int, stop: int, times: list[dict[str, Any]]) -> str:
    """``text[start:stop]`` escaped, with each time expression in it marked: ``<time
    class='timex' datetime=…>`` when its value is a calendar value HTML knows, else ``<span
    class='timex'>``; the ``title`` gives its value and precision or why it has none. An
    expression that crosses ``start`` or ``stop`` (the edge of a sentence highlight) is marked
    in each part, so the marks always nest inside the highlights."""
    pieces, cursor = [], start
    for expression in times:
        left, right = max(expression["start"], start), min(expression["end"], stop)
        if left >= right or left < cursor:
            continue
        value = expression.get("value")
        title = _e(_timex_title(expression))
        words = _e(text[left:right])
        pieces.append(_e(text[cursor:left]))
        if value is not None and _HTML_DATETIME.fullmatch(str(value)):
            pieces.append(
                f"<time class='timex' datetime='{_e(value)}' title='{title}'>{words}</time>"
            )
        else:
            unresolved = " unresolved" if value is None else ""
            pieces.append(f"<span class='timex{unresolved}' title='{title}'>{words}</span>")
        cursor = right
    pieces.append(_e(text[cursor:stop]))
    return "".join(pieces)


# The "When" table of an article lists at most this many sentences.
MAX_WHEN_ROWS = 20


def _when_table(article: dict[str, Any]) -> str:
    """Each dated sentence's event time beside the article's report time, folded away."""
    entries = article.get("sentence_times") or []
    if not entries:
        return ""
    text = article["text"]
    rows = []
    for entry in entries[:MAX_WHEN_ROWS]:
        if entry.get("event_time") is None:
            event = f"unresolved — {_e(entry.get('unresolved') or 'no value')}"
        else:
            precision = f" ({_e(entry['precision'])})" if entry.get("precision") else ""
            event = f"{_e(entry['event_time'])}{precision}"
        sentence = text[entry["start"] : entry["end"]].strip()
        if len(sentence) > 300:
            sentence = sentence[:299].rstrip() + "…"
        rows.append(
            f"<tr><td title='{_e(sentence)}'>{_e(entry['expression'])}</td><td>{event}</td>"
            f"<td>{_e(entry.get('report_time') or 'unknown')}</td></tr>"
        )
    more = len(entries) - MAX_WHEN_ROWS
    more_line = f"<p class='meta'>… {more} more</p>" if more > 0 else ""
    return (
        f"<details class='when'><summary>When: {len(entries)} dated sentences</summary>"
        f"<table><tr><th>expression</th><th>event time</th><th>report time</th></tr>"
        f"{''.join(rows)}</table>{more_line}</details>"
    )


def _article_block(
    article: dict[str, Any],
    group: dict[str, Any] | None,
    articles: dict[str, dict[str, Any]],
    cited: list[tuple[int, int]] | None = None,
) -> str:
    """The article: meta line, its text (shared sentences highlighted, ``cited`` spans, which
    the story's brief and timeline cite, marked as link targets), when table, removed lines."""
    published = article["published"]
    date = (
        f"{_e(published['value'])} ({_e(published['precision'])}, from {_e(published['origin'])})"
        if published
        else "date unknown"
    )
    link = _href(article["url"])
    title = _e(article["title"] or "(untitled)")
    heading = f"<a href='{_e(link)}' rel='noopener noreferrer'>{title}</a>" if link else title
    copies = ""
    if group and len(group["article_ids"]) > 1:
        role = "origin" if group["origin"] == article["id"] else "copy"
        copies = f"<span class='badge'>{role} in a group of {len(group['article_ids'])}</span>"
    shared = []
    if group:
        for item in group["evidence"]:
            if item.get("article_id") == article["id"] and item.get("links"):
                source = articles.get(item.get("of", ""), {})
                for link in item["links"]:
                    start, end = link["target_span"]
                    shared.append((start, end, f"{link['kind']} from {_label(source)}"))
    anchors = [(start, end, _cite_id(article["id"], start)) for start, end in cited or []]
    paragraphs = _marked_paragraphs(article["text"], shared, article.get("times"), anchors)
    if shared:
        copies += f"<span class='badge'>{len(shared)} sentences shared with its origin</span>"
    removed = ""
    if article["removed"]:
        by_rule = Counter(r["rule"] for r in article["removed"])
        summary = ", ".join(f"{n} {_e(rule)}" for rule, n in by_rule.most_common())
        rows = "".join(
            f"<tr><td>{r['line']}</td><td>{_e(r['rule'])}</td><td>{_e(r['text'])}</td></tr>"
            for r in article["removed"]
        )
        removed = (
            f"<details class='removed'><summary>{len(article['removed'])} lines removed "
            f"({summary})</summary><table><tr><th>line</th><th>rule</th><th>text</th></tr>"
            f"{rows}</table></details>"
        )
    return (
        f"<article id='{_e(article['id'])}'><h3>{heading}</h3>"
        f"<p class='meta'>{_e(article['outlet'] or 'unknown outlet')} · {date} · "
        f"{_e(article['language'] or '?')} · {_e(article['format'])} · "
        f"<code>{_e(article['key'])}</code> {copies}</p>"
        f"<details><summary>Text</summary><div class='text'>{paragraphs}</div></details>"
        f"{_when_table(article)}{removed}</article>"
    )


def _rejected_section(rejected: list[dict[str, Any]]) -> str:
    if not rejected:
        return ""
    items = "".join(f"<li><code>{_e(r['path'])}</code>: {_e(r['reason'])}</li>" for r in rejected)
    return f"<section><h2>Rejected inputs</h2><ul class='rejected'>{items}</ul></section>"


# A map draws at most this many dots (the most mentioned); the lists below it name every place.
MAX_DOTS = 300


def _places_by_article(places: dict[str, dict[str, Any]]) -> dict[str, list[str]]:
    """article id → ids of the places it mentions (once each), for finding a story's places."""
    index: dict[str, list[str]] = {}
    for place in places.values():
        for article_id in dict.fromkeys(m["article_id"] for m in place["mentions"]):
            index.setdefault(article_id, []).append(place["id"])
    return index


def _story_place_mentions(
    story: dict[str, Any], places: dict[str, dict[str, Any]], by_article: dict[str, list[str]]
) -> list[tuple[dict[str, Any], list[str]]]:
    """The story's places, most salient first, each with the ids of the story's articles that
    mention it (one per mention). Places the story lists come first, in its order; places
    mentioned in its articles but not listed follow, by mentions."""
    members = set(story["article_ids"])
    listed = [p for p in dict.fromkeys(story.get("places", [])) if p in places]
    mentioned = {pid for aid in story["article_ids"] for pid in by_article.get(aid, [])}
    extra = sorted(mentioned - set(listed), key=lambda p: (-len(places[p]["mentions"]), p))
    out = []
    for place_id in listed + extra:
        place = places[place_id]
        cited = [m["article_id"] for m in place["mentions"] if m["article_id"] in members]
        out.append((place, cited))
    return out


def _story_role(place: dict[str, Any], members: set[str]) -> tuple[str, int, int]:
    """The place's role in a story — "event" when any of the story's articles places an event
    there, else "mentioned" — with the number of event mentions and of all mentions there.
    Mentions without a role (a report made before roles existed) leave the place's own role."""
    roles = [m.get("role") for m in place["mentions"] if m["article_id"] in members]
    events = sum(1 for r in roles if r == "event")
    if not any(roles):
        return str(place.get("role") or "mentioned"), events, len(roles)
    return ("event" if events else "mentioned"), events, len(roles)


def _role_badge(role: str, events: int, total: int) -> str:
    if role == "event":
        return (
            f"<span class='badge event' title='{events} of {total} mentions in this story place "
            "an event here'>event location</span>"
        )
    return "<span class='badge named' title='named in this story, no event placed here'>named only</span>"


def _short_label(article: dict[str, Any], limit: int = 40) -> str:
    """An article named briefly in a list: its outlet, else the start of its title."""
    text = str(article["outlet"] or article["title"] or article["id"])
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _place_label(place: dict[str, Any]) -> str:
    """ "Kharkiv (UA)". (``admin1`` is a GeoNames code such as "07", which says nothing to a
    reader, so it is left out.)"""
    code = place.get("country_code")
    return f"{place['name']} ({code})" if code else str(place["name"])


def _shaded_countries(places: list[dict[str, Any]]) -> set[str]:
    """Countries mentioned as places in their own right (``feature`` "country")."""
    return {
        p["country_code"] for p in places if p.get("feature") == "country" and p.get("country_code")
    }


def _dot_coordinates(place: dict[str, Any]) -> tuple[float, float] | None:
    """(lon, lat) where the place is drawn as a dot; None for a place without valid
    coordinates and for a country, which is shaded instead (its centroid would mislead)."""
    if place.get("feature") == "country":
        return None
    return valid_coordinates(place.get("lat"), place.get("lon"))


def _not_drawn(place: dict[str, Any]) -> str:
    if place.get("feature") == "country":
        return "a country: shaded on the map, no dot"
    return "no coordinates: not on the map"


def _map_note(points: list[MapPoint]) -> str:
    if len(points) <= MAX_DOTS:
        return ""
    return f"<p class='meta'>The map shows the {MAX_DOTS} most mentioned of {len(points)}.</p>"


def _most_mentioned(points: list[MapPoint]) -> list[MapPoint]:
    return sorted(points, key=lambda p: -p.mentions)[:MAX_DOTS]


def _story_places(
    story: dict[str, Any],
    places: dict[str, dict[str, Any]],
    by_article: dict[str, list[str]],
    articles: dict[str, dict[str, Any]],
) -> str:
    """The story's map (its places, zoomed to their extent) and the list of its places, each
    with links to the articles that mention it. Places without coordinates are listed only."""
    found = _story_place_mentions(story, places, by_article)
    if not found:
        return ""
    members = set(story["article_ids"])
    points, rows = [], []
    for place, cited in found:
        anchor = f"{story['id']}--{place['id']}"
        coords = _dot_coordinates(place)
        role, events, total = _story_role(place, members)
        role_text = "event location" if role == "event" else "named only"
        if coords:
            points.append(
                MapPoint(
                    name=str(place["name"]),
                    lat=coords[1],
                    lon=coords[0],
                    mentions=max(1, len(cited)),
                    href=f"#{anchor}",
                    tooltip=f"{_place_label(place)} — {role_text} — {len(cited)} mentions in "
                    f"{len(set(cited))} articles",
                )
            )
        links = ", ".join(
            f"<a href='#{_e(aid)}'>{_e(_short_label(articles[aid]))}</a>"
            for aid in dict.fromkeys(cited)
            if aid in articles
        )
        nomap = "" if coords else f" <span class='nomap'>({_not_drawn(place)})</span>"
        rows.append(
            f"<li id='{_e(anchor)}'><b>{_e(place['name'])}</b> "
            f"<span class='meta'>{_e(_place_label(place).removeprefix(str(place['name'])))}</span>"
            f" {_role_badge(role, events, total)}{nomap} — {len(cited)} mentions"
            + (f" in {links}" if links else "")
            + "</li>"
        )
    shaded = _shaded_countries([p for p, _ in found])
    svg = render_map(
        _most_mentioned(points), shaded_countries=shaded, caption=f"Places in: {story['title']}"
    )
    return (
        f"<div class='story-map'>{svg}{_map_note(points)}"
        f"<details open><summary>{len(found)} places ({len(points)} as dots on the map)</summary>"
        f"<ol class='places'>{''.join(rows)}</ol></details></div>"
    )


def _places_overview(stories: list[dict[str, Any]], places: dict[str, dict[str, Any]]) -> str:
    """Every place of the report on one map, and a table of them with the stories mentioning
    them. Nothing at all when the report has no places."""
    if not places:
        return ""
    story_of = {aid: s["id"] for s in stories for aid in s["article_ids"]}
    titles = {s["id"]: s["title"] for s in stories}
    points, rows = [], []
    ordered = sorted(places.values(), key=lambda p: (-len(p["mentions"]), str(p["name"])))
    for place in ordered:
        in_stories = list(
            dict.fromkeys(
                story_of[m["article_id"]] for m in place["mentions"] if m["article_id"] in story_of
            )
        )
        coords = _dot_coordinates(place)
        n = len(place["mentions"])
        if coords:
            # to the place in its (first) story's list, which is always shown; the table row,
            # folded away, lists every story
            href = f"#{in_stories[0]}--{place['id']}" if in_stories else f"#{place['id']}"
            named = "; ".join(str(titles[s]) for s in in_stories)
            points.append(
                MapPoint(
                    name=str(place["name"]),
                    lat=coords[1],
                    lon=coords[0],
                    mentions=max(1, n),
                    href=href,
                    tooltip=f"{_place_label(place)} — {n} mentions"
                    + (f" in {len(in_stories)} stories: {named}" if in_stories else ""),
                )
            )
        links = ", ".join(
            f"<a href='#{_e(s)}--{_e(place['id'])}'>{_e(titles[s])}</a>" for s in in_stories
        )
        where = (
            f"{coords[1]:.2f}, {coords[0]:.2f}"
            if coords
            else f"<span class='nomap'>{_not_drawn(place)}</span>"
        )
        rows.append(
            f"<tr id='{_e(place['id'])}'><td><b>{_e(place['name'])}</b></td>"
            f"<td>{_e(place.get('country_code') or '')}</td><td>{where}</td><td>{n}</td>"
            f"<td>{links}</td></tr>"
        )
    shaded = _shaded_countries(list(places.values()))
    svg = render_map(
        _most_mentioned(points), shaded_countries=shaded, caption="All places in this report"
    )
    note = (
        f"{len(places)} places, {len(points)} as dots on the map; dot size shows mentions, shaded "
        "countries are mentioned as places; hover a dot for its name and stories, click it to "
        "go to its (first) story."
    )
    return (
        f"<section class='places' id='places'><h2>Places</h2><p class='meta'>{note}</p>{svg}"
        f"{_map_note(points)}<details><summary>All places</summary><table><tr>"
        f"<th>place</th><th>country</th><th>lat, lon</th><th>mentions</th><th>stories</th></tr>"
        f"{''.join(rows)}</table></details></section>"
    )
