"""The ingest stage's public surface, guarded so that it only changes on purpose."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import newsfuse.ingest
from newsfuse.ingest import IngestResult, read_inputs

from .conftest import GOOD_TEXT, article_page, write
from .test_feeds import ATOM, RSS
from .test_warc import build_warc


def test_public_api() -> None:
    assert newsfuse.ingest.__all__ == ["IngestResult", "read_inputs"]
    result = read_inputs([])
    assert isinstance(result, IngestResult)
    assert (result.documents, result.rejected) == ([], [])


def test_every_format_value_is_one_report_json_allows(tmp_path: Path) -> None:
    """report.json's schema holds a closed list of formats; each reader must stay inside it."""
    schema = json.loads((resources.files("newsfuse") / "schema" / "report.schema.json").read_text())
    allowed = set(schema["properties"]["articles"]["items"]["properties"]["format"]["enum"])
    record = json.dumps({"text": GOOD_TEXT})
    write(tmp_path / "a.txt", GOOD_TEXT)
    write(tmp_path / "b.html", article_page())
    write(tmp_path / "c.jsonl", record + "\n")
    write(tmp_path / "d.json", f"[{record}]")
    write(tmp_path / "e.csv", "text\n" + json.dumps(GOOD_TEXT) + "\n")
    write(tmp_path / "f.tsv", "text\n" + GOOD_TEXT.replace("\n", " ") + "\n")
    write(tmp_path / "g.rss", RSS)
    write(tmp_path / "h.atom", ATOM)
    build_warc(tmp_path / "i.warc.gz", gzip=True)
    result = read_inputs([tmp_path])
    formats = {d.format for d in result.documents}
    assert len({Path(d.source_path).suffix for d in result.documents}) == 9
    assert formats <= allowed
