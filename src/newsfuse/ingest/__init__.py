"""Readers: any mix of text, HTML, JSONL, CSV, RSS/Atom and WARC files or folders.

Public entry point: :func:`read_inputs`. A file that cannot be read becomes a
:class:`~newsfuse.model.Rejected` with a reason; it never stops the other files.
"""

from newsfuse.ingest._read import IngestResult, read_inputs

__all__ = ["IngestResult", "read_inputs"]
