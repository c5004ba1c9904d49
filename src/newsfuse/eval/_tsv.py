"""Tab-separated gold files written for newsfuse's evaluations: a header line, then one record
per line, no quoting. One reader, so that every eval refuses a bad file the same way: naming the
file and the line, and saying what was expected."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from newsfuse.errors import DatasetError


def read_table(
    path: Path, headers: Sequence[Sequence[str]]
) -> tuple[tuple[str, ...], list[tuple[int, dict[str, str]]]]:
    """(the header the file has, (line number, record) for each non-blank line). The header
    must be one of ``headers``; every line must have as many fields as it."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    except (OSError, UnicodeDecodeError) as error:
        raise DatasetError(str(path), f"cannot read: {error}") from error
    expected = " or ".join("`" + "<TAB>".join(header) + "`" for header in headers)
    if not rows:
        raise DatasetError(str(path), f"empty file; expected the header {expected}")
    header = tuple(cell.strip().lower() for cell in rows[0])
    if header not in {tuple(h) for h in headers}:
        raise DatasetError(f"{path}:1", f"expected the header {expected}, found {rows[0]!r}")
    records = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise DatasetError(
                f"{path}:{number}",
                f"expected {len(header)} tab-separated fields, found {len(row)}",
            )
        records.append((number, dict(zip(header, row, strict=True))))
    return header, records
