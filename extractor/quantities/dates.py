"""Dates in 时效指标 cells: a deadline (2023年11月底前, 11月30日前, 年底前) against the date a task was
done (2023年12月, 12月20日, 12月中旬). A date shown to the month or to a part of a month is a span of
days; an actual is late only when its earliest day is after the deadline's last, on time only when its
last day is on or before it. Vocabulary: patterns/numerals.yaml `dates`."""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass

from extractor import patterns
from extractor.quantities.numerals import normalize_digits


_RANGE_BEFORE = re.compile(r"\d\s*(?:月|日)?\s*[-~～至到—]\s*$")


@dataclass(frozen=True)
class DateSpan:
    year: int | None
    first: tuple[int, int]  # (month, day)
    last: tuple[int, int]


@functools.lru_cache(maxsize=None)
def _vocab() -> dict:
    return patterns.load("numerals")["dates"]


@functools.lru_cache(maxsize=None)
def _date_re() -> re.Pattern:
    parts = "|".join(map(re.escape, sorted(_vocab()["month_parts"], key=len, reverse=True)))
    return re.compile(
        r"(?:(?P<y>(?:19|20)\d{2})\s*(?:年|[-./]))?\s*"
        r"(?:(?P<m>1[0-2]|0?[1-9])\s*(?:月份?|(?(y)[-./](?=\d)|(?!)))\s*(?:(?P<d>3[01]|[12]\d|0?[1-9])\s*[日号]?|(?P<p>" + parts + r"))?"
        r"|(?P<ye>" + "|".join(map(re.escape, _vocab()["year_end"])) + r"))")


def _span(m: re.Match) -> DateSpan | None:
    y = int(m.group("y")) if m.group("y") else None
    if m.group("ye"):
        return DateSpan(y, (12, 1), (12, 31))
    if not m.group("m"):
        return None
    month = int(m.group("m"))
    days = calendar.monthrange(y or 2001, month)[1]  # a year unknown: a common year (Feb 28)
    if m.group("d"):
        d = int(m.group("d"))
        return DateSpan(y, (month, d), (month, d)) if d <= days else None
    part = m.group("p")
    if part:
        lo, hi = _vocab()["month_parts"][part]
        return DateSpan(y, (month, lo), (month, min(hi, days)))
    return DateSpan(y, (month, 1), (month, days))


def find_date(text: str) -> DateSpan | None:
    """The one date a cell holds, or None (none, or several: a range is not a date)."""
    s = normalize_digits(text or "")
    found = [m for m in _date_re().finditer(s) if m.group("m") or m.group("ye")]
    if len(found) != 1 or _RANGE_BEFORE.search(s[:found[0].start()]):
        return None  # none, several, or the end of a range (7-9月, 3月至5月)
    return _span(found[0])


def is_deadline(text: str) -> bool:
    """A target written as a date to be met by (…前, …以前, …之前, …内)."""
    s = re.sub(r"\s+", "", text or "")
    return find_date(s) is not None and any(w in s for w in _vocab()["deadline_marks"])


def _key(d: DateSpan, end: bool, year: bool) -> tuple:
    md = d.last if end else d.first
    return ((d.year or 0,) if year else ()) + md


def date_verdict(target: str, actual: str, timeliness: bool = False) -> str | None:
    """met / unmet for a deadline target and a completion date, or None when they cannot be told. In a
    时效指标 row (`timeliness`) a plain date target is the deadline too: the row measures being on time."""
    if not (is_deadline(target) or timeliness):
        return None
    t, a = find_date(target), find_date(actual)
    if t is None or a is None:
        return None
    year = bool(t.year and a.year)  # one side without a year: the same year is meant
    if is_deadline(actual):
        return "met" if _key(a, True, year) <= _key(t, True, year) else None
    if _key(a, False, year) > _key(t, True, year):
        return "unmet"
    if _key(a, True, year) <= _key(t, True, year):
        return "met"
    return None
