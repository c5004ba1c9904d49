from __future__ import annotations

import pytest

from newsfuse.ingest._dates import parse_published
from newsfuse.model import DateOrigin, DatePrecision

P = DatePrecision


@pytest.mark.parametrize(
    ("value", "expected", "precision"),
    [
        ("2022-09-10", "2022-09-10", P.DAY),
        ("20220910", "2022-09-10", P.DAY),
        ("2022-09", "2022-09", P.MONTH),
        ("2022", "2022", P.YEAR),
        ("2022-09-11T14:30", "2022-09-11T14:30:00", P.MINUTE),
        ("2022-09-11 14:30:05Z", "2022-09-11T14:30:05+00:00", P.SECOND),
        ("Sat, 10 Sep 2022 08:00:00 GMT", "2022-09-10T08:00:00+00:00", P.SECOND),
        ("10 September 2022", "2022-09-10", P.DAY),
        ("September 2022", "2022-09", P.MONTH),
        ("10 septembre 2022 à 14h30", "2022-09-10T14:30:00", P.MINUTE),
        ("10.09.2022", "2022-09-10", P.DAY),  # dots: day first, as everywhere they are used
        ("12.31.2022", "2022-12-31", P.DAY),  # unless the day-first reading is impossible
        ("09/10/2022", "2022-09-10", P.DAY),
        (1662796800, "2022-09-10T08:00:00+00:00", P.SECOND),
        (1662796800000, "2022-09-10T08:00:00+00:00", P.SECOND),
    ],
)
def test_dates(value: object, expected: str, precision: DatePrecision) -> None:
    found = parse_published(value, DateOrigin.RECORD)
    assert found is not None
    assert (found.value, found.precision, found.origin) == (expected, precision, DateOrigin.RECORD)


@pytest.mark.parametrize(
    "value", ["", "yesterday", "Sep 10", "five months ago", "not a date", True, None, ["2022"]]
)
def test_no_absolute_date(value: object) -> None:
    # relative or year-less dates would have to be resolved against today's clock: refused
    assert parse_published(value, DateOrigin.HEADER) is None


def test_parts_not_written_are_not_invented() -> None:
    found = parse_published("2022-13", DateOrigin.RECORD)  # no such month: only the year is known
    assert found is not None and (found.value, found.precision) == ("2022", P.YEAR)
