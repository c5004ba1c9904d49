"""Write report.json, index.html, articles.jsonl, events.csv and places.geojson into a folder."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Any

from newsfuse.model import Report
from newsfuse.outputs.html import render_html
from newsfuse.outputs.report_json import validate_report

OUTPUT_FILES = ("report.json", "index.html", "articles.jsonl", "events.csv", "places.geojson")

EVENT_COLUMNS = (
    "id",
    "story_id",
    "type",
    "sub_type",
    "plover_type",
    "date",
    "date_precision",
    "report_date",
    "place_id",
    "place_role",
    "actors",
    "citations",
    "fatalities",
    "label",  # the sub-event code of the evaluation label set
)


def write_outputs(report: Report, out_dir: Path) -> dict[str, Path]:
    """Write every output file; return {file name: path}. Validates report.json first, so an
    invalid report never reaches disk half-written."""
    data = report.to_dict()
    validate_report(data)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {
        "report.json": _write_text(
            out_dir / "report.json", json.dumps(data, ensure_ascii=False, indent=1)
        ),
        "index.html": _write_text(out_dir / "index.html", render_html(data)),
        "articles.jsonl": _write_text(out_dir / "articles.jsonl", _articles_jsonl(data)),
        "places.geojson": _write_text(
            out_dir / "places.geojson",
            json.dumps(_places_geojson(data), ensure_ascii=False, indent=1),
        ),
    }
    written["events.csv"] = _write_events_csv(out_dir / "events.csv", data)
    return written


def _write_text(path: Path, text: str) -> Path:
    # Write to a temporary file and rename: a reader never sees a half-written output.
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path


def _articles_jsonl(data: dict[str, Any]) -> str:
    story_of = {aid: s["id"] for s in data["stories"] for aid in s["article_ids"]}
    lines = [
        json.dumps({**article, "story_id": story_of.get(article["id"])}, ensure_ascii=False)
        for article in data["articles"]
    ]
    return "\n".join(lines) + ("\n" if lines else "")


def _places_geojson(data: dict[str, Any]) -> dict[str, Any]:
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
            "properties": {
                "id": place["id"],
                "name": place["name"],
                "geonames_id": place["geonames_id"],
                "country_code": place["country_code"],
                "mentions": len(place["mentions"]),
                "role": place.get("role"),
                "event_mentions": sum(m.get("role") == "event" for m in place["mentions"]),
                "articles": sorted({m["article_id"] for m in place["mentions"]}),
            },
        }
        for place in data["places"]
        if place["lat"] is not None and place["lon"] is not None
    ]
    return {"type": "FeatureCollection", "features": features}


def _event_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """One events.csv row per ``Event`` record (as ``to_json`` gives it): the ACLED type and
    sub-type, the PLOVER type, the actors joined with ";", and the reporting article as the
    citation. The story is the one listing the event, else the one holding its article."""
    story_of_event = {e: s["id"] for s in data["stories"] for e in s.get("event_ids") or []}
    story_of_article = {a: s["id"] for s in data["stories"] for a in s["article_ids"]}
    rows = []
    for event in data["events"]:
        article_id = event.get("article_id")
        actors = [a for a in (event.get("actor1"), event.get("actor2")) if a]
        rows.append(
            {
                "id": event.get("id"),
                "story_id": story_of_event.get(event.get("id")) or story_of_article.get(article_id),
                "type": event.get("event_type"),
                "sub_type": event.get("sub_event_type"),
                "plover_type": event.get("plover"),
                "date": event.get("date"),
                "date_precision": event.get("precision"),
                "report_date": event.get("report_date"),
                "place_id": event.get("place_id"),
                "place_role": event.get("place_role"),
                "actors": ";".join(map(str, actors)),
                "citations": article_id,
                "fatalities": event.get("fatalities"),
                "label": event.get("label"),
            }
        )
    return rows


def _write_events_csv(path: Path, data: dict[str, Any]) -> Path:
    """events.csv: the header, then one row per event (the header alone when there are none)."""
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=EVENT_COLUMNS)
        writer.writeheader()
        writer.writerows(_event_rows(data))
    os.replace(tmp, path)
    return path
