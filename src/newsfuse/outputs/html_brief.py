"""A story's brief and timeline: its front page in index.html.

The brief tells the story in a few sentences, each followed by citation markers ([1] [2] …, one
per article that states it, boxed together by independent source) and how many independent
sources back it; a contradicted or disputed statement is flagged and its sides listed, each with
who asserts it and its own markers. The timeline sets the story's dated events on a vertical
line, background events muted.

A marker is numbered once per story (the same article is the same number everywhere) and links
to the cited sentence inside the article (``#<article id>-s<start>``, marked by
:func:`newsfuse.outputs.html._marked_paragraphs`). The article text is folded in a
``<details>``, so :data:`SCRIPT` unfolds it; without script the link still reaches the article.

Every string that came from an input passes through :func:`_e`. An empty brief or timeline
renders "", never an empty heading.
"""

from __future__ import annotations

import re
from typing import Any

from newsfuse.outputs.html import _HTML_DATETIME, _cite_id, _e, _label, _short_label
from newsfuse.outputs.html_claims import _asserted, _sources_badge

# Statuses that are flagged: the statement is not given as fact.
FLAGGED = ("contradicted", "disputed")

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# Precisions at which a date names its day (finer ones are shown as the day).
_DAY_OR_FINER = ("second", "minute", "part-of-day", "day")

BRIEF_CSS = """
ol.brief{padding-left:1.6rem}ol.brief>li{margin:.4rem 0;padding-left:.4rem}
ol.brief>li.contradicted{border-left:3px solid #c0392b}ol.brief>li.disputed{border-left:3px solid #d68910}
ul.sides{margin:.2rem 0;padding-left:1.2rem;font-size:.92rem}
.cite-group{white-space:nowrap;margin:0 .15rem}.cite-group.copies{border:1px solid #c9d6e3;border-radius:4px}
a.cite{text-decoration:none;font-size:.75rem;vertical-align:super;padding:0 .05rem}
ol.timeline{list-style:none;padding:0;margin:.5rem 0}
ol.timeline>li{display:grid;grid-template-columns:8rem 1fr;column-gap:1rem}
ol.timeline .tl-date{text-align:right;font-weight:600;color:#17324d;white-space:nowrap}
ol.timeline .tl-body{position:relative;border-left:2px solid #9fb3c8;padding:0 0 .8rem 1rem}
ol.timeline .tl-body::before{content:'';position:absolute;left:-8px;top:.3rem;width:10px;height:10px;
border-radius:50%;background:#17324d;border:2px solid #fff}
ol.timeline>li.background{color:#777}ol.timeline>li.background .tl-date{color:#888;font-weight:400}
ol.timeline>li.background .tl-body::before{background:#fff;border-color:#9fb3c8}
.badge.bg{background:#eee;color:#666}
mark.cited{background:none;color:inherit;scroll-margin-top:30vh}
mark.cited:target,mark.cited:has(:target){background:#ffd24d;outline:2px solid #e0a800}
mark.cited:target mark,mark.cited:has(:target) mark{background:none}
"""

# Opens the <details> around the element a link points to (the article text is folded), on
# load, on hashchange and on a click (clicking the same marker twice fires no hashchange).
SCRIPT = """<script>
(function(){function id(h){try{return decodeURIComponent(h.slice(1))}catch(e){return h.slice(1)}}
function show(i){var t=i&&document.getElementById(i);for(var d=t;d;d=d.parentElement)
if(d.tagName==='DETAILS')d.open=true;return t}
function go(){var t=show(id(location.hash));if(t)t.scrollIntoView({block:'center'})}
addEventListener('load',go);addEventListener('hashchange',go);
document.addEventListener('click',function(e){var a=e.target.closest&&e.target.closest("a[href^='#']");
if(a)show(id(a.getAttribute('href')))})})();
</script>"""


def _items(story: dict[str, Any], key: str) -> list[dict[str, Any]]:
    return [item for item in story.get(key) or [] if isinstance(item, dict)]


def _cited(sources: Any, article_ids: Any = ()) -> list[dict[str, Any]]:
    """One citation per article, in order: the first of its ``sources`` (Citation dicts), then
    each of ``article_ids`` that has none (no span: its marker goes to the whole article)."""
    found: dict[str, dict[str, Any]] = {}
    for source in sources or []:
        if isinstance(source, dict) and source.get("article_id"):
            found.setdefault(str(source["article_id"]), source)
    for article_id in article_ids or []:
        found.setdefault(str(article_id), {"article_id": str(article_id)})
    return list(found.values())


def _all_citations(story: dict[str, Any]) -> list[dict[str, Any]]:
    """Every citation of the story's brief (with its sides) and timeline, in reading order."""
    out: list[dict[str, Any]] = []
    for item in _items(story, "brief"):
        out += _cited(item.get("sources"), item.get("citations"))
        for side in item.get("sides") or []:
            out += _cited(side.get("citations") if isinstance(side, dict) else None)
    for entry in _items(story, "timeline"):
        out += _cited(entry.get("sources"), entry.get("citations"))
    return out


def _span(citation: dict[str, Any], article: dict[str, Any]) -> tuple[int, int] | None:
    """The citation's span when it holds words of the article's text, else None."""
    span = citation.get("span")
    if not isinstance(span, (list, tuple)) or len(span) != 2:
        return None
    start, end = span
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
        return None
    text = article.get("text") or ""
    return (start, end) if 0 <= start < end <= len(text) and text[start:end].strip() else None


def cited_spans(
    story: dict[str, Any], articles: dict[str, dict[str, Any]]
) -> dict[str, list[tuple[int, int]]]:
    """article id → the spans of its text that the story's brief and timeline cite: where
    :func:`_marker` links, so the article block marks each with its id."""
    out: dict[str, list[tuple[int, int]]] = {}
    for citation in _all_citations(story):
        article = articles.get(citation["article_id"])
        span = _span(citation, article) if article else None
        if span and span not in out.setdefault(article["id"], []):
            out[article["id"]].append(span)
    return out


def _numbers(story: dict[str, Any]) -> dict[str, int]:
    """article id → its marker number, by first citation in the story."""
    ids = dict.fromkeys(c["article_id"] for c in _all_citations(story))
    return {article_id: n for n, article_id in enumerate(ids, 1)}


def _marker(citation: dict[str, Any], number: int, articles: dict[str, dict[str, Any]]) -> str:
    article_id = citation["article_id"]
    article = articles.get(article_id)
    if article is None:
        return f"<span class='cite' title='{_e(article_id)}: not in this report'>[{number}]</span>"
    span = _span(citation, article)
    target = _cite_id(article_id, span[0]) if span else article_id
    return f"<a class='cite' href='#{_e(target)}' title='{_e(_label(article))}'>[{number}]</a>"


def _markers(
    citations: list[dict[str, Any]], numbers: dict[str, int], articles: dict[str, dict[str, Any]]
) -> str:
    """The citations' markers, those of one source group (a copy family) boxed together."""
    by_group: dict[str, list[dict[str, Any]]] = {}
    for citation in citations:
        key = str(citation.get("source_group") or f"\x00{citation['article_id']}")
        by_group.setdefault(key, []).append(citation)
    out = []
    for members in by_group.values():
        links = "".join(_marker(c, numbers[c["article_id"]], articles) for c in members)
        if len(members) == 1:
            out.append(f"<span class='cite-group'>{links}</span>")
            continue
        outlets = ", ".join(
            dict.fromkeys(
                _short_label(articles[c["article_id"]])
                for c in members
                if c["article_id"] in articles
            )
        )
        title = f"one independent source, copied: {outlets}"
        out.append(f"<span class='cite-group copies' title='{_e(title)}'>{links}</span>")
    return "".join(out)


def _sides(
    item: dict[str, Any], numbers: dict[str, int], articles: dict[str, dict[str, Any]]
) -> str:
    """Each side of a contradicted or disputed statement: its words, who asserts it, markers."""
    rows = [
        f"<li>“{_e(side.get('text'))}” <span class='via'>— {_asserted(side, articles)}</span>"
        f"{_markers(_cited(side.get('citations')), numbers, articles)}</li>"
        for side in item.get("sides") or []
        if isinstance(side, dict)
    ]
    return f"<ul class='sides'>{''.join(rows)}</ul>" if rows else ""


def brief_section(story: dict[str, Any], articles: dict[str, dict[str, Any]]) -> str:
    """The story's brief: its sentences in order, each with markers and its independent-source
    count; contradicted and disputed ones flagged, with their sides."""
    items = _items(story, "brief")
    if not items:
        return ""
    numbers = _numbers(story)
    rows = []
    for item in items:
        status = str(item.get("status") or "single")
        flag = (
            f" <span class='badge v-{_e(status)}'>{_e(status)}</span>" if status in FLAGGED else ""
        )
        sides = _sides(item, numbers, articles)
        if sides:
            # The sentence attributes each side in full; the list below shows the same sides,
            # each with its own markers, so a short lead stands in for it.
            lead = "Accounts are disputed:" if status == "disputed" else "Reports differ:"
            rows.append(
                f"<li class='{_e(status)}'>{lead} "
                f"{_sources_badge(item.get('independent_sources'))}{flag}{sides}</li>"
            )
            continue
        cited = _cited(item.get("sources"), item.get("citations"))
        rows.append(
            f"<li class='{_e(status)}'>{_e(item.get('sentence'))}"
            f"{_markers(cited, numbers, articles)} "
            f"{_sources_badge(item.get('independent_sources'))}{flag}</li>"
        )
    return f"<div class='brief'><h3>Brief</h3><ol class='brief'>{''.join(rows)}</ol></div>"


def format_date(value: Any, precision: Any) -> str:
    """ "10 Sep 2022" (day, or finer), "Sep 2022" (month), "2022" (year); any other date (a
    week, a season…) or one that lacks the parts its precision names, as written."""
    text = str(value or "")
    match = _DATE.match(text)
    if not match:
        return text or "undated"
    year, month, day = match.groups()
    named = month is not None and 1 <= int(month) <= 12
    if precision in _DAY_OR_FINER and day and named:
        return f"{int(day)} {_MONTHS[int(month) - 1]} {year}"
    if precision == "month" and named:
        return f"{_MONTHS[int(month) - 1]} {year}"
    if precision == "year":
        return year
    return text


def _date(entry: dict[str, Any]) -> str:
    value, precision = entry.get("date"), entry.get("precision")
    shown = _e(format_date(value, precision))
    title = f"{value} ({precision})" if precision else str(value)
    if entry.get("expression"):
        title += f", dated by “{entry['expression']}”"
    if value and _HTML_DATETIME.fullmatch(str(value)):
        return f"<time class='tl-date' datetime='{_e(value)}' title='{_e(title)}'>{shown}</time>"
    return f"<span class='tl-date' title='{_e(title)}'>{shown}</span>"


def timeline_section(story: dict[str, Any], articles: dict[str, dict[str, Any]]) -> str:
    """The story's timeline, in the story's order: date, a dot on the line, what happened,
    markers and independent-source count; background entries muted and labelled."""
    entries = _items(story, "timeline")
    if not entries:
        return ""
    numbers = _numbers(story)
    rows = []
    for entry in entries:
        background = bool(entry.get("background"))
        label = "<span class='badge bg'>background</span> " if background else ""
        status = str(entry.get("status") or "stated")
        if status in FLAGGED:
            label += f"<span class='badge v-{_e(status)}'>{_e(status)}</span> "
        cited = _cited(entry.get("sources"), entry.get("citations"))
        rows.append(
            f"<li class='{'background' if background else 'event'}'>{_date(entry)}"
            f"<div class='tl-body'>{label}{_e(entry.get('text'))}"
            f"{_markers(cited, numbers, articles)} "
            f"{_sources_badge(entry.get('independent_sources'))}</div></li>"
        )
    return f"<div class='timeline'><h3>Timeline</h3><ol class='timeline'>{''.join(rows)}</ol></div>"
