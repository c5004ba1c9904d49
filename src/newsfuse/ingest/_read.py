"""The ingest stage: paths in, raw documents and rejections out."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsfuse.config import IngestConfig
from newsfuse.errors import InputError
from newsfuse.ingest._discover import discover
from newsfuse.ingest._formats import (
    WHOLE_FILE_FORMATS,
    Format,
    describe_binary,
    format_from_name,
    sniff_format,
)
from newsfuse.ingest._reject import READ_ERRORS, rejected, rejection_for
from newsfuse.ingest._source import SourceFile, megabytes, starts_gzipped
from newsfuse.ingest.feeds import read_feed
from newsfuse.ingest.pages import read_html
from newsfuse.ingest.records import read_csv, read_json, read_jsonl, read_tsv
from newsfuse.ingest.text import read_text
from newsfuse.ingest.warc import read_warc
from newsfuse.model import RawDocument, Rejected
from newsfuse.progress import Progress, Silent

Reader = Callable[[SourceFile, IngestConfig], Iterator[RawDocument | Rejected]]

READERS: dict[Format, Reader] = {
    Format.TEXT: read_text,
    Format.HTML: read_html,
    Format.JSONL: read_jsonl,
    Format.JSON: read_json,
    Format.CSV: read_csv,
    Format.TSV: read_tsv,
    Format.FEED: read_feed,
    Format.WARC: read_warc,
}

_FORMATS_READ = "text, Markdown, HTML, JSON/JSONL, CSV/TSV, RSS/Atom or WARC"


@dataclass(slots=True)
class IngestResult:
    documents: list[RawDocument] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    # Entries of given folders passed over on purpose: hidden ones and corpus notes (README …).
    skipped: list[str] = field(default_factory=list)

    def problem_lines(self) -> list[str]:
        """One ``path: reason`` line per rejected input, for printing."""
        return [f"{item.path}: {item.reason}" for item in self.rejected]


def read_inputs(
    paths: Sequence[str | Path],
    config: IngestConfig = IngestConfig(),
    progress: Progress = Silent(),
) -> IngestResult:
    """Read any mix of files and folders into raw documents.

    A file, record or entry that cannot be read is listed in ``rejected`` with a one-line reason;
    the others are read regardless. Order is deterministic: inputs as given, folders sorted.
    """
    if isinstance(paths, str | Path):
        paths = [paths]  # a lone path is a common slip; a str would otherwise be read per letter
    found = discover(list(paths), config)
    result = IngestResult(rejected=list(found.rejected), skipped=list(found.skipped))
    advance = progress.step("Reading inputs", len(found.files))
    for source in found.files:
        for item in read_file(source, config):
            if isinstance(item, RawDocument):
                result.documents.append(item)
            else:
                result.rejected.append(item)
        advance(1)
    return result


def read_file(source: SourceFile, config: IngestConfig) -> Iterator[RawDocument | Rejected]:
    """Everything one file holds. What was read before a failure is kept; the failure becomes one
    rejection naming the file."""
    produced = False
    try:
        for item in _read(source, config):
            produced = True
            yield item
    except READ_ERRORS as error:
        yield rejection_for(source.display, error)
        return
    if not produced:
        yield rejected(source.display, "holds no articles; nothing to read")


def _read(source: SourceFile, config: IngestConfig) -> Iterator[RawDocument | Rejected]:
    if source.size == 0:
        raise InputError(source.display, "is empty (0 bytes); check that it was written completely")
    named = format_from_name(source.path.name)
    _check_size(source, named, config)  # before reading a byte of it
    source = SourceFile(
        source.path, source.display, source.size, gzipped=starts_gzipped(source.path)
    )
    head = source.head()
    fmt = named or sniff_format(head)
    if fmt is None or (fmt is not Format.WARC and describe_binary(head)):
        raise InputError(
            source.display,
            f"looks like {describe_binary(head)}, not an article; newsfuse reads {_FORMATS_READ} "
            "files — remove it from the inputs or convert it first",
        )
    _check_size(source, fmt, config)
    yield from READERS[fmt](source, config)


def _check_size(source: SourceFile, fmt: Format | None, config: IngestConfig) -> None:
    """Whole-file readers must hold the file in memory; the streaming ones (JSONL, CSV, WARC)
    bound each record instead."""
    if fmt in WHOLE_FILE_FORMATS and source.size > config.max_file_bytes:
        raise InputError(
            source.display,
            f"is {megabytes(source.size)}, over the {megabytes(config.max_file_bytes)} limit for "
            f"one {fmt} file; to read it, raise the limit with --set ingest_max_file_bytes=BYTES",
        )
