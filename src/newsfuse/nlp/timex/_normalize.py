"""From a matched expression to a TIMEX3 type and value, anchored to the publication date.

Reference-point rules (TimeML practice for news):

* A bare weekday, month or day of a month points into the past of the publication date (on or
  before it) unless the sentence speaks of the future ("will", "is expected to", ...), when it
  points forward. "last"/"next" move by one unit regardless of tense.
* "a year earlier" and "a year ago" keep the granularity of the last date the text mentioned:
  after "the third quarter" they mean the same quarter a year before (1988-Q3).
* An expression counted from an event whose date the text does not give ("the second day of the
  invasion") is returned with no value and a reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.easter import easter

from newsfuse.model import TimexType
from newsfuse.nlp.timex import _calendar as cal
from newsfuse.nlp.timex._lexicon import (
    MONTHS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    UNITS,
    WEEKDAYS,
    number,
)

_NO_ANCHOR = "no publication date to count from"


@dataclass(slots=True)
class Context:
    anchor: date | None
    future: bool = False  # the sentence speaks of what is to come
    last: str | None = None  # the last DATE value resolved in the text
    last_in_sentence: bool = False  # ... and it was in the same sentence
    before: str = ""  # the text just before the expression


@dataclass(slots=True)
class Normalized:
    type: TimexType
    value: str | None
    mod: str | None = None
    unresolved: str | None = None
    # False for values computed from the last reference ("a year earlier"): they must not
    # become the reference for the next one, or "year-earlier" twice would go back two years.
    is_reference: bool = True


def normalize(rule: str, match: re.Match[str], ctx: Context) -> Normalized | None:
    """None when the match turns out not to be a time expression ("May" the verb)."""
    handler = _HANDLERS[rule]
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    return handler(groups, ctx)


def _mod(groups: dict[str, str]) -> str | None:
    word = re.sub(r"\s+", " ", groups.get("mod", "").lower())
    if not word:
        approx = groups.get("approx", "").lower()
        if approx in ("more than", "over"):
            return "MORE_THAN"
        if approx in ("less than", "fewer than", "up to"):
            return "LESS_THAN"
        if approx in ("at least",):
            return "EQUAL_OR_MORE"
        return "APPROX" if approx else None
    if word in ("early", "the beginning of", "the start of"):
        return "START"
    if word in ("late", "the end of", "end of", "the close of"):
        return "END"
    if word in ("mid", "the middle of"):
        return "MID"
    return None


def _unresolved(kind: TimexType, reason: str, mod: str | None = None) -> Normalized:
    return Normalized(kind, None, mod, reason)


def _month_number(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _year(groups: dict[str, str], key: str = "year") -> int | None:
    text = groups.get(key)
    if text is None:
        return None
    year = int(text)
    return year + (1900 if year >= 30 else 2000) if year < 100 else year


def _date_or_none(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _pick_year(month: int, day: int, ctx: Context) -> int:
    """The year of a month (and day) written without one. Forward when the sentence speaks of
    the future or the date falls within the next three months (news announces dates shortly
    ahead: "payable Jan. 2", "a summit in April"); otherwise on or before the anchor."""
    assert ctx.anchor is not None
    anchor = ctx.anchor
    this = (month, day) if day else (month, 0)
    now = (anchor.month, anchor.day) if day else (anchor.month, 0)
    if this == now:
        return anchor.year
    ahead_year = anchor.year if this > now else anchor.year + 1
    ahead = _date_or_none(ahead_year, month, day or 1) or date(ahead_year, month, 1)
    start = anchor if day else anchor.replace(day=1)
    since = _SINCE.search(ctx.before) is not None
    if not since and (ctx.future or (ahead - start).days <= _NEAR_FUTURE_DAYS):
        return ahead_year
    return anchor.year if this < now else anchor.year - 1


_NEAR_FUTURE_DAYS = 90
# "since February" always looks back, whatever the sentence's tense.
_SINCE = re.compile(r"\b(?:since|ever\s+since)\s+(?:early\s+|late\s+|mid-?)?$", re.IGNORECASE)


def _full_date(groups: dict[str, str], ctx: Context) -> Normalized | None:
    month = int(groups["mnum"]) if "mnum" in groups else _month_number(groups["month"])
    year = _year(groups)
    day = _date_or_none(year or 2000, month, int(groups["day"]))
    if day is None or year is None:
        return None
    return Normalized(TimexType.DATE, day.isoformat())


def _month_day(groups: dict[str, str], ctx: Context) -> Normalized | None:
    month, day = _month_number(groups["month"]), int(groups["day"])
    if not 1 <= day <= 31:
        return None
    if ctx.anchor is None:
        return _unresolved(TimexType.DATE, _NO_ANCHOR + " (the year is not written)")
    year = _pick_year(month, day, ctx)
    found = _date_or_none(year, month, day)
    return Normalized(TimexType.DATE, found.isoformat()) if found else None


def _month_year(groups: dict[str, str], ctx: Context) -> Normalized | None:
    year = _year(groups)
    assert year is not None
    return Normalized(
        TimexType.DATE, cal.month_value(year, _month_number(groups["month"])), _mod(groups)
    )


_TIME_PREPOSITION = re.compile(
    r"(?:\b(?:in|of|since|until|till|through|by|during|from|to|before|after|between|and|"
    r"early|late|mid|last|next|this|on|for|the|each|every)[\s-]*|,\s*)$",
    re.IGNORECASE,
)


def _month(groups: dict[str, str], ctx: Context) -> Normalized | None:
    word = groups["month"]
    rel = re.sub(r"\s+", " ", groups.get("rel", "").lower())
    # "May" and "March" are words too ("prices may fall", "a march on the capital"): take
    # them as months only after a preposition or a modifier.
    bare = not rel and "mod" not in groups
    if word.lower() in ("may", "march") and bare and not _TIME_PREPOSITION.search(ctx.before):
        return None
    if ctx.anchor is None:
        return _unresolved(TimexType.DATE, _NO_ANCHOR + " (the year is not written)")
    month = _month_number(word)
    anchor = ctx.anchor
    if rel in ("last", "the past", "past", "this past"):
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif rel in ("next", "coming", "the coming"):
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif rel == "this":
        year = anchor.year
    else:
        year = _pick_year(month, 0, ctx)
    return Normalized(TimexType.DATE, cal.month_value(year, month), _mod(groups))


def _year_only(groups: dict[str, str], ctx: Context) -> Normalized | None:
    year = _year(groups)
    assert year is not None
    return Normalized(TimexType.DATE, str(year), _mod(groups))


def _decade(groups: dict[str, str], ctx: Context) -> Normalized | None:
    if "dec" in groups:
        return Normalized(TimexType.DATE, groups["dec"][:3], _mod(groups))
    # "the '80s": the century of the anchor, or the one before if that would be the future.
    if ctx.anchor is None:
        return _unresolved(TimexType.DATE, _NO_ANCHOR + " (the century is not written)")
    century = ctx.anchor.year // 100
    decade = century * 10 + int(groups["dec2"][0])
    if decade * 10 > ctx.anchor.year:
        decade -= 10
    return Normalized(TimexType.DATE, str(decade), _mod(groups))


def _century(groups: dict[str, str], ctx: Context) -> Normalized | None:
    n = ORDINALS.get(groups["ord"].lower()) or int(re.sub(r"\D", "", groups["ord"]) or 0)
    return Normalized(TimexType.DATE, f"{n - 1:02d}", _mod(groups)) if n else None


_RECENT_QUARTER = ("latest", "last", "past", "previous", "prior", "recent", "most recent")


def _quarter(groups: dict[str, str], ctx: Context) -> Normalized | None:
    q = ORDINALS[groups["ord"].lower()]
    if q > 4:
        return None
    qrel = re.sub(r"\s+", " ", groups.get("qrel", "").lower())
    year = _year(groups) or _year(groups, "year2") or _year(groups, "year3")
    if year is None:
        if ctx.anchor is None:
            return _unresolved(TimexType.DATE, _NO_ANCHOR + " (the year is not written)")
        year = _quarter_year(q, ctx)
        if qrel in ("year-ago", "year-earlier"):
            year -= 1
    return Normalized(TimexType.DATE, f"{year}-Q{q}")


def _quarter_year(q: int, ctx: Context) -> int:
    """A quarter without a year: this year's if it has begun by the publication date (results
    are reported after a quarter), else next year's for the future and last year's for the
    past."""
    assert ctx.anchor is not None
    if q <= cal.quarter_of(ctx.anchor):
        return ctx.anchor.year
    return ctx.anchor.year + 1 if ctx.future else ctx.anchor.year - 1


def _quarter_ref(groups: dict[str, str], ctx: Context) -> Normalized | None:
    qrel = re.sub(r"\s+", " ", (groups.get("qrel") or groups.get("qrel2", "")).lower())
    if (
        ctx.last
        and ctx.anchor
        and re.fullmatch(r"\d{4}-Q[1-4]", ctx.last)
        and int(ctx.last[:4]) >= ctx.anchor.year - (ctx.anchor.month <= 3)
        and qrel not in _RECENT_QUARTER
    ):
        value = ctx.last
        if qrel in ("year-ago", "year-earlier"):
            value = cal.shift(value, "Y", -1) or value
        return Normalized(TimexType.DATE, value)
    if ctx.anchor is None:
        return _unresolved(TimexType.DATE, _NO_ANCHOR)
    year, month = cal.add_months(ctx.anchor.year, ctx.anchor.month, -3)
    if qrel in ("current", "this"):
        year, month = ctx.anchor.year, ctx.anchor.month
    value = f"{year}-Q{(month - 1) // 3 + 1}"
    if qrel in ("year-ago", "year-earlier"):
        return Normalized(TimexType.DATE, cal.shift(value, "Y", -1) or value, is_reference=False)
    return Normalized(TimexType.DATE, value)


def _half(groups: dict[str, str], ctx: Context) -> Normalized | None:
    h = 1 if groups["ord"].lower() == "first" else 2
    year = _year(groups)
    if year is None:
        if ctx.anchor is None:
            return _unresolved(TimexType.DATE, _NO_ANCHOR)
        shift = {"last": -1, "next": 1}.get(groups.get("this", "").lower(), 0)
        year = ctx.anchor.year + shift
    return Normalized(TimexType.DATE, f"{year}-H{h}")


def _season(groups: dict[str, str], ctx: Context) -> Normalized | None:
    code = SEASONS[groups["season"].lower()]
    rel = re.sub(r"\s+", " ", groups.get("rel", "").lower())
    year = _year(groups)
    if year is None and not rel and "mod" not in groups:
        return None  # a bare "spring" is too often a water spring or a verb
    if rel == "the" and year is None and not _TIME_PREPOSITION.search(ctx.before):
        return None  # "the fall in prices" is a drop; "in the fall" is a season
    if year is None:
        if ctx.anchor is None:
            return _unresolved(TimexType.DATE, _NO_ANCHOR)
        year = ctx.anchor.year
        order = ["WI", "SP", "SU", "FA"]
        now = order[(ctx.anchor.month % 12) // 3]
        if rel in ("last", "the past", "this past") or (rel == "the" and not ctx.future):
            year -= order.index(code) >= order.index(now)
        elif rel in ("next", "the coming"):
            year += order.index(code) <= order.index(now)
    return Normalized(TimexType.DATE, f"{year}-{code}", _mod(groups))


def _relative_day(groups: dict[str, str], ctx: Context) -> Normalized | None:
    if ctx.anchor is None:
        return _unresolved(TimexType.DATE, _NO_ANCHOR)
    word = groups["word"].lower()
    offset = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0}[word]
    offset += {"before": -1, "after": 1}.get(groups.get("shift", "").lower(), 0)
    day = ctx.anchor + timedelta(days=offset)
    part = PARTS_OF_DAY.get(groups.get("part", "").lower()) or ("NI" if word == "tonight" else None)
    if part:
        return Normalized(TimexType.TIME, f"{day.isoformat()}T{part}", _mod(groups))
    return Normalized(TimexType.DATE, day.isoformat(), _mod(groups))


def _part_of_day(groups: dict[str, str], ctx: Context) -> Normalized | None:
    if ctx.anchor is None:
        return _unresolved(TimexType.TIME, _NO_ANCHOR)
    rel = groups["rel"].lower().split()[-1]
    part = PARTS_OF_DAY[groups["part"].lower()]
    day = ctx.anchor - timedelta(days=1) if rel == "last" else ctx.anchor
    return Normalized(TimexType.TIME, f"{day.isoformat()}T{part}", _mod(groups))


def _weekday(groups: dict[str, str], ctx: Context) -> Normalized | None:
    if ctx.anchor is None:
        return _unresolved(TimexType.DATE, _NO_ANCHOR)
    target = WEEKDAYS[groups["weekday"].lower()]
    rel = re.sub(r"\s+", " ", groups.get("rel", "").lower())
    anchor = ctx.anchor
    back = (anchor.weekday() - target) % 7
    ahead = (target - anchor.weekday()) % 7
    if rel in ("last", "this past", "past"):
        day = anchor - timedelta(days=back or 7)
    elif rel in ("next", "this coming", "coming"):
        day = anchor + timedelta(days=ahead or 7)
    elif rel == "this" or ctx.future:
        day = anchor + timedelta(days=ahead)
    else:
        day = anchor - timedelta(days=back)
    part = PARTS_OF_DAY.get(groups.get("part", "").lower())
    value = f"{day.isoformat()}T{part}" if part else day.isoformat()
    return Normalized(TimexType.DATE, value, _mod(groups))


def _relative_unit(groups: dict[str, str], ctx: Context) -> Normalized | None:
    rel = re.sub(r"\s+", " ", groups["rel"].lower())
    unit = groups["unit"].lower()
    mod = _mod(groups)
    if rel in ("the past", "the last", "the next", "the coming", "past", "coming"):
        if unit == "weekend":
            return Normalized(TimexType.DURATION, "P2D", mod)
        return Normalized(TimexType.DURATION, _duration_value(1, unit), mod)
    if ctx.anchor is None:
        return _unresolved(TimexType.DATE, _NO_ANCHOR, mod)
    step = {"last": -1, "the previous": -1, "previous": -1, "next": 1, "the following": 1}.get(
        rel, 0
    )
    if rel in ("the", "the same") and ctx.last:
        inherited = _inherit(ctx.last, unit)
        if inherited:
            return Normalized(TimexType.DATE, inherited, mod)
    anchor = ctx.anchor
    if unit == "year" and step and ctx.last_in_sentence and _is_quarter(ctx.last):
        # "third-quarter profit fell from last year": the same quarter of last year.
        assert ctx.last is not None
        return Normalized(TimexType.DATE, cal.shift(ctx.last, "Y", step), mod, is_reference=False)
    if unit == "year":
        value = str(anchor.year + step)
    elif unit == "month":
        value = cal.month_value(*cal.add_months(anchor.year, anchor.month, step))
    elif unit == "week":
        value = cal.week_value(anchor + timedelta(weeks=step))
    elif unit == "weekend":
        shift = step if step else (0 if ctx.future or anchor.weekday() >= 5 else -1)
        value = cal.week_value(anchor + timedelta(weeks=shift)) + "-WE"
    elif unit == "decade":
        value = str(anchor.year // 10 + step)
    else:  # century
        value = f"{anchor.year // 100 + step:02d}"
    return Normalized(TimexType.DATE, value, mod)


def _is_quarter(value: str | None) -> bool:
    return bool(value and re.fullmatch(r"\d{4}-Q[1-4]", value))


def _inherit(last: str, unit: str) -> str | None:
    """ "the year" after "1989-Q3" is 1989; "the month" after 1989-10-02 is 1989-10."""
    if unit == "year" and re.match(r"\d{4}", last):
        return last[:4]
    if unit == "month" and re.match(r"\d{4}-\d\d", last):
        return last[:7]
    return None


def _shifted(groups: dict[str, str], ctx: Context) -> Normalized | None:
    unit = _unit(groups["unit"])
    direction = re.sub(r"\s+", " ", (groups.get("dir") or groups["dir2"]).lower())
    sign = 1 if direction in ("later", "from now", "hence", "after") else -1
    n = number(groups["n"])
    if n is None:
        ref = "FUTURE_REF" if sign > 0 else "PAST_REF"
        return Normalized(TimexType.DATE, ref, _mod(groups))
    letter = UNITS.get(unit, ("", False))[0]
    if letter in ("S", "H") or unit == "minute":
        return Normalized(TimexType.DURATION, _duration_value(n, unit), _mod(groups))
    relative_to_text = direction in ("earlier", "later", "before", "after")
    if ctx.anchor is None and not (relative_to_text and ctx.last):
        return _unresolved(TimexType.DATE, _NO_ANCHOR, _mod(groups))
    base = _base(unit, ctx, prefer_last=relative_to_text or unit == "year")
    if base is None:
        return _unresolved(TimexType.DATE, _NO_ANCHOR, _mod(groups))
    if unit == "decade":
        return Normalized(TimexType.DATE, str(int(base[:4]) // 10 + sign * n), _mod(groups))
    code = {"year": "Y", "quarter": "Q", "month": "M", "week": "W", "day": "D", "night": "D"}
    value = cal.shift(base, code.get(unit, "D"), sign * n)
    if value is None:
        return None
    return Normalized(TimexType.DATE, value, _mod(groups), is_reference=base != ctx.last)


def _base(unit: str, ctx: Context, *, prefer_last: bool) -> str | None:
    """The value a shift starts from, at the unit's granularity or finer when the text gave
    a finer one ("the third quarter ... a year earlier")."""
    if (
        prefer_last
        and ctx.last
        and unit == "year"
        and re.fullmatch(r"\d{4}-(Q[1-4]|H[12])", ctx.last)
    ):
        return ctx.last
    if ctx.anchor is None:
        return ctx.last
    anchor = ctx.anchor
    if unit in ("day", "night"):
        return anchor.isoformat()
    if unit == "week":
        return cal.week_value(anchor)
    if unit == "month":
        return cal.month_value(anchor.year, anchor.month)
    if unit == "quarter":
        return f"{anchor.year}-Q{cal.quarter_of(anchor)}"
    return str(anchor.year)


def _shifted_adjective(groups: dict[str, str], ctx: Context) -> Normalized | None:
    unit = groups["unit"].lower()
    what = groups.get("what", "").lower()
    if ctx.anchor is None and not ctx.last:
        return _unresolved(TimexType.DATE, _NO_ANCHOR)
    if what in ("quarter", "period") and ctx.last and re.fullmatch(r"\d{4}-Q[1-4]", ctx.last):
        base: str | None = ctx.last
    else:
        base = _base(unit, ctx, prefer_last=True)
    code = {"year": "Y", "quarter": "Q", "month": "M", "week": "W"}[unit]
    value = cal.shift(base, code, -1) if base else None
    return Normalized(TimexType.DATE, value, is_reference=False) if value else None


def _duration_value(n: float | None, unit: str) -> str:
    letter, is_time = UNITS[unit]
    if unit == "weekend":
        return "P2D" if n in (None, 1) else f"P{2 * int(n)}D"
    if unit == "night":
        letter = "D"
    if letter in ("DE", "CE"):  # TimeML writes decades and centuries as years: P10Y, P100Y
        n, letter = (None if n is None else n * (10 if letter == "DE" else 100)), "Y"
    amount = "X" if n is None else (str(int(n)) if float(n).is_integer() else str(n))
    return f"PT{amount}{letter}" if is_time else f"P{amount}{letter}"


def _duration(groups: dict[str, str], ctx: Context) -> Normalized | None:
    unit = _unit(groups["unit"])
    text = re.sub(r"\s+", " ", groups["n"].lower())
    n = number(text)
    if n is None and re.fullmatch(r"\d+\.\d+", text):
        n = float(text)  # type: ignore[assignment]
    if groups.get("long") == "old":
        return None  # an age ("a 6-year-old") is not a time expression in TimeML
    return Normalized(TimexType.DURATION, _duration_value(n, unit), _mod(groups))


def _unit(text: str) -> str:
    text = text.lower()
    return "century" if text.startswith("centur") else text.removesuffix("s")


def _spoken_year(groups: dict[str, str], ctx: Context) -> Normalized | None:
    if "century" not in groups:  # "two thousand (and three)"
        return Normalized(TimexType.DATE, str(2000 + (number(groups.get("ones2", "")) or 0)))
    century = 19 if groups["century"].lower() == "nineteen" else 20
    tens = number(groups["tens"]) or 0
    ones = number(groups["ones"]) if "ones" in groups else 0
    return Normalized(TimexType.DATE, f"{century}{tens + (ones or 0):02d}")


def _month_relative_year(groups: dict[str, str], ctx: Context) -> Normalized | None:
    if ctx.anchor is None:
        return _unresolved(TimexType.DATE, _NO_ANCHOR)
    year = ctx.anchor.year + {"last": -1, "next": 1}.get(groups["rel"].lower(), 0)
    return Normalized(TimexType.DATE, cal.month_value(year, _month_number(groups["month"])))


def _that_unit(groups: dict[str, str], ctx: Context) -> Normalized | None:
    """ "that day", "later that year": the unit of the last date the text gave."""
    unit = groups["unit"].lower()
    last = ctx.last
    if last is None:
        return _unresolved(TimexType.DATE, "refers back to a date the text does not give")
    if unit in ("morning", "night"):
        if not re.match(r"\d{4}-\d\d-\d\d", last):
            return _unresolved(TimexType.TIME, "refers back to a day the text does not give")
        return Normalized(TimexType.TIME, f"{last[:10]}T{PARTS_OF_DAY[unit]}")
    sizes = {"day": 10, "month": 7, "year": 4}
    if unit == "week":
        if not re.match(r"\d{4}-\d\d-\d\d", last):
            return _unresolved(TimexType.DATE, "refers back to a week the text does not give")
        return Normalized(TimexType.DATE, cal.week_value(date.fromisoformat(last[:10])))
    size = sizes[unit]
    if len(last) < size or not re.match(r"\d{4}(-\d\d)?(-\d\d)?", last[:size]):
        return _unresolved(TimexType.DATE, f"refers back to a {unit} the text does not give")
    return Normalized(TimexType.DATE, last[:size], _mod(groups))


def _vague_duration(groups: dict[str, str], ctx: Context) -> Normalized | None:
    unit = groups["unit"].lower().rstrip("s")
    if groups["rel"].lower() == "recent":
        return Normalized(TimexType.DATE, "PAST_REF")
    return Normalized(TimexType.DURATION, _duration_value(None, unit))


_REFERENCES = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "presently": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "at present": "PRESENT_REF",
    "the present": "PRESENT_REF", "current": "PRESENT_REF",
    "recently": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF", "recent": "PAST_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
}  # fmt: skip


def _reference(groups: dict[str, str], ctx: Context) -> Normalized | None:
    word = re.sub(r"\s+", " ", groups["ref"].lower())
    value = _REFERENCES.get(word)
    return Normalized(TimexType.DATE, value) if value else None


def _clock_time(groups: dict[str, str], ctx: Context) -> Normalized | None:
    hour = int(groups["hour"])
    if not 1 <= hour <= 12:
        return None
    minute = int(groups.get("minute", "0"))
    if groups["ampm"].lower().startswith("p") and hour != 12:
        hour += 12
    if groups["ampm"].lower().startswith("a") and hour == 12:
        hour = 0
    if ctx.anchor is None:
        return _unresolved(TimexType.TIME, _NO_ANCHOR)
    day = ctx.anchor
    if "weekday" in groups:
        weekday = _weekday({"weekday": groups["weekday"]}, ctx)
        if weekday and weekday.value:
            day = date.fromisoformat(weekday.value[:10])
    zone = "Z" if groups.get("tz", "").upper() in ("UTC", "GMT") else ""
    return Normalized(TimexType.TIME, f"{day.isoformat()}T{hour:02d}:{minute:02d}{zone}")


def _clock_24h(groups: dict[str, str], ctx: Context) -> Normalized | None:
    if ctx.anchor is None:
        return _unresolved(TimexType.TIME, _NO_ANCHOR)
    hour, minute = int(groups["hour"]), int(groups["minute"])
    return Normalized(TimexType.TIME, f"{ctx.anchor.isoformat()}T{hour:02d}:{minute:02d}Z")


def _noon(groups: dict[str, str], ctx: Context) -> Normalized | None:
    if ctx.anchor is None:
        return _unresolved(TimexType.TIME, _NO_ANCHOR)
    clock = "00:00" if groups["word"].lower() == "midnight" else "12:00"
    return Normalized(TimexType.TIME, f"{ctx.anchor.isoformat()}T{clock}")


_ADVERB_SETS = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
    "yearly": "P1Y", "hourly": "PT1H",
}  # fmt: skip


def _set(groups: dict[str, str], ctx: Context) -> Normalized | None:
    if "adverb" in groups:
        return Normalized(TimexType.SET, _ADVERB_SETS[groups["adverb"].lower()])
    unit = groups["unit"].lower()
    n_text = groups.get("n", "").lower()
    n = 2 if n_text == "other" else (number(n_text) if n_text else 1)
    if unit == "quarter":
        return Normalized(TimexType.SET, f"P{3 * (n or 1)}M")
    return Normalized(TimexType.SET, _duration_value(n, unit))


def _holiday(groups: dict[str, str], ctx: Context) -> Normalized | None:
    name = re.sub(r"\s+", " ", groups["holiday"]).replace("’", "'")
    if ctx.anchor is None:
        return _unresolved(TimexType.DATE, _NO_ANCHOR + " (the year is not written)")
    year = ctx.anchor.year
    day = _holiday_date(name, year)
    if day > ctx.anchor and not ctx.future and (day - ctx.anchor).days > 31:
        day = _holiday_date(name, year - 1)
    return Normalized(TimexType.DATE, day.isoformat())


def _holiday_date(name: str, year: int) -> date:
    fixed = {
        "Christmas": (12, 25), "Christmas Day": (12, 25), "Christmas Eve": (12, 24),
        "New Year's": (1, 1), "New Year's Day": (1, 1), "New Year's Eve": (12, 31),
        "Independence Day": (7, 4), "Halloween": (10, 31), "Valentine's Day": (2, 14),
        "Veterans Day": (11, 11),
    }  # fmt: skip
    if name in fixed:
        return date(year, *fixed[name])
    if name.startswith("Easter"):
        return easter(year)
    if name.startswith("Thanksgiving"):
        return _nth_weekday(year, 11, 3, 4)
    if name == "Labor Day":
        return _nth_weekday(year, 9, 0, 1)
    # Memorial Day: the last Monday of May.
    last = date(year, 5, 31)
    return last - timedelta(days=last.weekday())


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _event_anchored(groups: dict[str, str], ctx: Context) -> Normalized | None:
    what = groups["what"]
    return _unresolved(
        TimexType.DATE,
        f"counted from '{what}', whose date the text does not give",
    )


_HANDLERS = {
    "iso_date": _full_date,
    "slash_date": _full_date,
    "month_day_year": _full_date,
    "day_month_year": _full_date,
    "month_year": _month_year,
    "month_day": _month_day,
    "day_month": _month_day,
    "month": _month,
    "year": _year_only,
    "decade": _decade,
    "century": _century,
    "quarter": _quarter,
    "quarter_ref": _quarter_ref,
    "half": _half,
    "season": _season,
    "relative_day": _relative_day,
    "part_of_day": _part_of_day,
    "weekday": _weekday,
    "relative_unit": _relative_unit,
    "shifted": _shifted,
    "shifted_adjective": _shifted_adjective,
    "duration": _duration,
    "vague_duration": _vague_duration,
    "reference": _reference,
    "clock_time": _clock_time,
    "clock_24h": _clock_24h,
    "noon": _noon,
    "set": _set,
    "holiday": _holiday,
    "spoken_year": _spoken_year,
    "month_relative_year": _month_relative_year,
    "that_unit": _that_unit,
    "hyphen_duration": _duration,
    "event_anchored": _event_anchored,
}
