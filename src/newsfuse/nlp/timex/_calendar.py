"""Calendar arithmetic on TIMEX3 values: shift a value by whole units, keep its granularity."""

from __future__ import annotations

import re
from datetime import date, timedelta

from newsfuse.model import DatePrecision

_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_WEEK = re.compile(r"^(\d{4})-W(\d\d)$")
_MONTH = re.compile(r"^(\d{4})-(\d\d)$")
_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")


def day_value(day: date) -> str:
    return day.isoformat()


def week_value(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def add_days_safe(day: date, days: int) -> date | None:
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def shift(value: str, unit: str, amount: int) -> str | None:
    """``value`` moved by ``amount`` units ("Y", "Q", "M", "W", "D"), at its own granularity:
    1989-Q3 − 1 year = 1988-Q3. None when the value has no calendar position."""
    months = {"Y": 12, "Q": 3, "M": 1}.get(unit)
    if match := _DAY.match(value):
        day = date(int(match[1]), int(match[2]), int(match[3]))
        if months is not None:
            year, month = add_months(day.year, day.month, months * amount)
            moved = date(year, month, min(day.day, _days_in(year, month)))
        else:
            moved = day + timedelta(days=amount * (7 if unit == "W" else 1))
        return moved.isoformat() + value[10:]
    if match := _MONTH.match(value):
        if months is None:
            return None
        return month_value(*add_months(int(match[1]), int(match[2]), months * amount))
    if match := _QUARTER.match(value):
        if months is None or months == 1:
            return None
        index = int(match[1]) * 4 + int(match[2]) - 1 + (months // 3) * amount
        return f"{index // 4}-Q{index % 4 + 1}"
    if match := _WEEK.match(value):
        if unit not in ("W", "Y"):
            return None
        monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
        step = 7 if unit == "W" else 364
        return week_value(monday + timedelta(days=step * amount))
    if (match := _HALF.match(value) or _SEASON.match(value)) and unit == "Y":
        return f"{int(match[1]) + amount}-{value[5:]}"
    if re.fullmatch(r"\d{4}", value) and unit == "Y":
        return str(int(value) + amount)
    return None


def precision_of(value: str) -> DatePrecision | None:
    """The calendar unit a DATE/TIME value is exact to."""
    if re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?.*", value):
        return DatePrecision.MINUTE
    if re.fullmatch(r"\d{4}-\d\d-\d\dT(MO|AF|EV|NI|MI|DT)", value):
        return DatePrecision.PART_OF_DAY
    patterns = (
        (r"\d{4}-\d\d-\d\d", DatePrecision.DAY),
        (r"\d{4}-W\d\d(-WE)?", DatePrecision.WEEK),
        (r"\d{4}-\d\d", DatePrecision.MONTH),
        (r"\d{4}-Q[1-4]", DatePrecision.QUARTER),
        (r"\d{4}-H[12]", DatePrecision.HALF_YEAR),
        (r"\d{4}-(SP|SU|FA|WI)", DatePrecision.SEASON),
        (r"\d{4}", DatePrecision.YEAR),
        (r"\d{3}", DatePrecision.DECADE),
        (r"\d{2}", DatePrecision.CENTURY),
    )
    for pattern, precision in patterns:
        if re.fullmatch(pattern, value):
            return precision
    return None


def _days_in(year: int, month: int) -> int:
    nxt = date(year + month // 12, month % 12 + 1, 1)
    return (nxt - timedelta(days=1)).day
