"""Understand the timeframes councils write, as one deadline each (model/progress.py judges lateness).

Councils write timeframes as people speak ("September / October 2023",
"Q4 2024/25", "Due to begin autumn 2019. Complete spring 2020"). The page keeps
their words; this module derives one deadline from them so that pages and
exports can flag late work honestly. The rule: the deadline is the last day of
the LATEST period the text names. Nothing here reads today's date (the as-of
date is always passed in) so builds are reproducible, and nothing here raises,
whatever the text.

Conventions, chosen because they are how UK councils write:

- Financial years run 1 April to 31 March: "2024/25", "2024-25", "2024/2025",
  "24/25", "Budget 2024/25" all end on 2025-03-31.
- Quarters of a financial year start in April: "Q1 2024/25" ends 2024-06-30,
  "Q4 2024/25" ends 2025-03-31. A quarter of a plain year ("Q2 2024") is read
  as a calendar quarter (April-June 2024, so 2024-06-30): someone who writes a
  single year, not a financial year, means the calendar year.
- A month with a financial year ("May 2025/26") is that month inside the
  financial year (May 2025); a season with a financial year likewise places
  the season's last month inside it.
- Seasons: spring March-May, summer June-August, autumn (or fall)
  September-November, winter December-February. "winter 2023" is the winter
  that begins in December 2023, so it ends on the last day of February 2024.
- Numeric dates are day first (31/03/2025, 31.03.25, 31-03-2025); ISO
  2025-03-31, "2025-03" and "03/2025" are accepted too. An impossible date
  (31/02/2024) makes the whole text not understood, and the deadline says
  which date does not exist, so the check can name it: better an error than
  a guess.

The date fields (an update's date, published, updated...) follow one stricter
rule, :func:`read_date`: ISO (2025-02-28) or day first (28/02/2025, 28 February
2025) and, where a month is enough, a month (2025-02, February 2025). Each of
these gives the same date as a deadline too.
- "early", "mid" and "late" split a year into thirds (ending 30 April,
  31 August, 31 December), a financial year likewise (31 July, 30 November,
  31 March) and a month at the 10th, the 20th and its last day. "start of" and
  "beginning of" mean early, "middle of" mid, "end of" and "by" change
  nothing. A season, quarter or exact date keeps its own end.
- A range names its later end: "May - September 2023" is 2023-09-30. A month
  or season without a year right after a dated one ("December 2023 - March")
  is the next such period.
- "Ongoing", "continuous", "regularly", "... and ongoing" mark the work as
  continuing; "TBC", "n/a", "-", "" and statuses such as "Complete" or
  "Underway" are understood but give no deadline.
- Two-digit years are this century. Texts over 500 characters are not read at
  all (not understood), which keeps the work linear and bounded.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

DUE_SOON_DAYS = 30
MAX_TEXT_LENGTH = 500


@dataclass(frozen=True)
class NoSuchDate:
    """A date a text names that the calendar does not have: 31 February 2025, or month 13."""

    year: int
    month: int  # outside 1-12 when the month itself does not exist
    day: int | None = None


@dataclass(frozen=True)
class Deadline:
    """What a timeframe text means for tracking, alongside the words kept as written."""

    date: datetime.date | None  # last day of the latest period named, or None
    is_ongoing: bool  # the text says the work continues ("Ongoing", "... and ongoing")
    is_understood: bool  # False only when the text could not be interpreted at all
    no_such_date: NoSuchDate | None = None  # why not, when it names a date that does not exist


_NOT_UNDERSTOOD = Deadline(None, False, False)

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_SEASON_LAST_MONTH = {"spring": 5, "summer": 8, "autumn": 11, "fall": 11, "winter": 2}
_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})
# Words joining a range or list, after which a month or season without a year
# continues from the dated period before it ("December 2023 - March").
_CONNECTORS = frozenset({"-", "/", "to", "and", "or", "&", "until", "till", "through", "thru"})
_MODIFIER_WORDS = {"early": "early", "mid": "mid", "late": "late"}
_MODIFIER_OF_WORDS = {"start": "early", "beginning": "early", "middle": "mid", "end": "late"}

_ONGOING_WORDS = frozenset({
    "ongoing", "continuous", "continuously", "continuing", "continual", "continually",
    "rolling", "onwards", "onward", "thereafter", "regularly", "regular", "weekly",
    "fortnightly", "monthly", "quarterly", "annually", "annual", "yearly", "bau",
})  # fmt: skip
_ONGOING_PHRASES = ("on going", "business as usual", "as required", "as needed", "as and when")
# Said instead of a date: understood, but no deadline (a status or "not yet known").
_NO_DEADLINE_PREFIXES = (
    "tbc", "tba", "tbd", "to be confirmed", "to be agreed", "to be determined",
    "to be decided", "to be arranged", "n a", "na", "not applicable", "none",
    "no date", "not known", "unknown", "complete", "completed", "done", "closed",
    "achieved", "delivered", "underway", "under way", "in progress", "not started",
    "not yet started", "on track", "on hold",
)  # fmt: skip

_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"))
# Numbers with one separator kind ("31/03/2025", "2024/25", "31.03.25"), words,
# or any other single character. No nested repetition, so matching is linear.
_TOKEN = re.compile(r"[0-9]+(?:([./-])[0-9]+(?:\1[0-9]+)?)?|[a-z]+|\S")
_WORD = re.compile(r"[a-z]+")


class _Token(NamedTuple):
    text: str
    start: int
    end: int


def _is_digits(text: str) -> bool:
    """ASCII digits only: str.isdigit() also accepts "²", which int() rejects."""
    return text.isascii() and text.isdigit()


def _date(year: int, month: int, day: int) -> datetime.date | None:
    """A date, or None when it does not exist (31 February)."""
    try:
        return datetime.date(year, month, day)
    except (ValueError, OverflowError):
        return None


def _month_end(year: int, month: int, modifier: str | None = None) -> datetime.date:
    """End of a month, or its 10th / 20th for 'early' / 'mid'."""
    day = {"early": 10, "mid": 20}.get(modifier or "", calendar.monthrange(year, month)[1])
    return datetime.date(year, month, day)


def _year_end(year: int, modifier: str | None) -> datetime.date:
    """End of a calendar year, or of its first or middle third."""
    return _month_end(year, {"early": 4, "mid": 8}.get(modifier or "", 12))


def _financial_year_end(first_year: int, modifier: str | None) -> datetime.date:
    """End of the financial year starting in April of first_year (or of its first or middle third)."""
    if modifier == "early":
        return _month_end(first_year, 7)
    if modifier == "mid":
        return _month_end(first_year, 11)
    return _month_end(first_year + 1, 3)


def _in_financial_year(first_year: int, month: int) -> int:
    """The calendar year in which a month of the financial year first_year/first_year+1 falls."""
    return first_year if month >= 4 else first_year + 1


def _season_end(season: str, year: int) -> datetime.date:
    """Last day of a season; winter ends in the February after the named year."""
    month = _SEASON_LAST_MONTH[season]
    return _month_end(year + 1 if month < 3 else year, month)


class _Number(NamedTuple):
    """What a numeric token says: kind is year, fy, years, month, date, invalid or other."""

    kind: str
    year: int = 0
    month: int = 0
    day: int = 0
    no_such_date: NoSuchDate | None = None  # for an invalid date whose year, month and day are known


def _plausible(year: int) -> bool:
    return 1900 <= year <= 2099


def _classify_number(text: str) -> _Number:
    """Read one numeric token ("2024", "2024/25", "31/03/2025", "2023-09"...)."""
    separator = next((c for c in "/.-" if c in text), "")
    parts = text.split(separator) if separator else [text]
    if any(len(p) > 4 for p in parts):
        return _Number("other")
    nums, lens = [int(p) for p in parts], [len(p) for p in parts]
    if len(parts) == 1:
        return _Number("year", nums[0]) if lens[0] == 4 and _plausible(nums[0]) else _Number("other")
    if len(parts) == 3:
        if lens[0] == 4 and lens[1] <= 2 and lens[2] <= 2:
            year, month, day = nums  # ISO: 2023-09-30
        elif lens[0] <= 2 and lens[1] <= 2 and lens[2] in (2, 4):
            day, month, year = nums  # UK, day first: 31/03/2025, 31.03.25
            year += 2000 if lens[2] == 2 else 0
        else:
            return _Number("other")
        if _plausible(year) and _date(year, month, day):
            return _Number("date", year, month, day)
        return _Number("invalid", no_such_date=NoSuchDate(year, month, day) if _plausible(year) else None)
    first, second = nums
    if separator == ".":
        return _Number("other")  # "4.5" is a paragraph number, not a date
    if lens[0] == 2 and lens[1] == 2:
        # "23/24" is a financial year; "12/11" has no year and "24/7" is not a date.
        return _Number("fy", 2000 + first) if second == (first + 1) % 100 else _Number("other")
    if lens[0] == 4 and _plausible(first):
        if lens[1] == 2 and second == (first + 1) % 100:
            return _Number("fy", first)
        if lens[1] == 4 and second == first + 1:
            return _Number("fy", first)
        if lens[1] == 4 and first < second and _plausible(second):
            return _Number("years", second)  # "2024-2026"
        if separator == "-" and lens[1] <= 2:  # ISO year and month: 2023-09
            return _Number("month", first, second) if 1 <= second <= 12 else _Number("invalid", first, second)
        return _Number("invalid")
    if lens[0] <= 2 and lens[1] == 4:
        if 1 <= first <= 12 and _plausible(second):
            return _Number("month", second, first)  # "03/2025"
        return _Number("invalid", second, first) if _plausible(second) else _Number("invalid")
    return _Number("other")


class _Scanner:
    """Walks the tokens once, left to right, collecting the end of every period named."""

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.ends: list[datetime.date] = []
        self.invalid = False
        self.no_such_date: NoSuchDate | None = None
        self.anchor: datetime.date | None = None  # end of the last dated period
        self.anchor_at = -1  # index of the token just after it

    def text(self, i: int) -> str:
        return self.tokens[i].text if 0 <= i < len(self.tokens) else ""

    def touching(self, i: int) -> bool:
        """Whether token i follows token i-1 with no space ("26th", "Q4")."""
        return 0 < i < len(self.tokens) and self.tokens[i - 1].end == self.tokens[i].start

    def scan(self) -> None:
        i = 0
        while i < len(self.tokens) and not self.invalid:
            modifier, j = self.modifier(i)
            after = self.item(j, modifier)
            i = after if after is not None and after > i else i + 1

    def add(self, end: datetime.date, after: int) -> int:
        self.ends.append(end)
        self.anchor, self.anchor_at = end, after
        return after

    def modifier(self, i: int) -> tuple[str | None, int]:
        """'early'/'mid'/'late' (or 'start of', 'end of'...) before a period, and where the period starts."""
        word = self.text(i)
        if word in _MODIFIER_WORDS:
            modifier, j = _MODIFIER_WORDS[word], i + 1
        elif word in _MODIFIER_OF_WORDS and self.text(i + 1) == "of":
            modifier, j = _MODIFIER_OF_WORDS[word], i + 2
        else:
            return None, i
        while self.text(j) in ("-", "the", "of"):
            j += 1
        return modifier, j

    def year_or_fy(self, i: int) -> tuple[str, int] | None:
        """A plain year or financial year at token i, as ('year'|'fy', first year)."""
        word = self.text(i)
        if _is_digits(word[:1]):
            number = _classify_number(word)
            if number.kind in ("year", "fy"):
                return number.kind, number.year
        return None

    def item(self, i: int, modifier: str | None) -> int | None:
        """Read one period starting at token i; return the index after it, or None."""
        word = self.text(i)
        if word in ("q", "quarter"):
            return self.quarter(i)
        if word in _MONTHS:
            return self.month(i, modifier, None)
        if word in _SEASON_LAST_MONTH:
            return self.season(i)
        if _is_digits(word[:1]):
            return self.number(i, modifier)
        return None

    def quarter(self, i: int) -> int | None:
        j = i + 1
        number = self.text(j)
        if not _is_digits(number) or (self.text(i) == "q" and not self.touching(j)):
            return None
        k = j + 1
        while self.text(k) in (",", "of", "-"):
            k += 1
        found = self.year_or_fy(k)
        if found is None:
            return j + 1  # "Q3" with no year: no period named
        if len(number) > 1 or not 1 <= int(number) <= 4:
            self.invalid = True
            return k + 1
        kind, year = found
        q = int(number)
        if kind == "fy":
            month = (6, 9, 12, 3)[q - 1]
            return self.add(_month_end(_in_financial_year(year, month), month), k + 1)
        return self.add(_month_end(year, 3 * q), k + 1)

    def month(self, i: int, modifier: str | None, day: int | None) -> int:
        month = _MONTHS[self.text(i)]
        j = i + 1 + (self.text(i + 1) == ".")
        if day is None and _is_digits(self.text(j)) and len(self.text(j)) <= 2:
            k = j + 1 + (self.text(j + 1) in _ORDINAL_SUFFIXES and self.touching(j + 1))
            k += self.text(k) == ","
            if self.year_or_fy(k):  # "November 26th, 2019"
                day, j = int(self.text(j)), k
        if self.text(j) == "-" and self.touching(j) and self.touching(j + 1):
            short = self.text(j + 1)
            if _is_digits(short) and len(short) == 2:  # spreadsheet style "Dec-23"
                return self.dated_month(2000 + int(short), month, day, modifier, j + 2)
        while self.text(j) in (",", "of", "-"):
            j += 1
        found = self.year_or_fy(j)
        if found is None:
            return self.bare(i, j, lambda y: _date(y, month, day) if day else _month_end(y, month))
        kind, year = found
        year = _in_financial_year(year, month) if kind == "fy" else year
        return self.dated_month(year, month, day, modifier, j + 1)

    def dated_month(self, year: int, month: int, day: int | None, modifier: str | None, after: int) -> int:
        if day is None:
            return self.add(_month_end(year, month, modifier), after)
        found = _date(year, month, day)
        if found is None:
            self.invalid = True
            self.no_such_date = NoSuchDate(year, month, day)
            return after
        return self.add(found, after)

    def season(self, i: int) -> int:
        season = self.text(i)
        j = i + 1
        while self.text(j) in (",", "of"):
            j += 1
        found = self.year_or_fy(j)
        if found is None:
            return self.bare(i, i + 1, lambda y: _season_end(season, y))
        kind, year = found
        if kind == "fy":
            last = _SEASON_LAST_MONTH[season]
            return self.add(_month_end(_in_financial_year(year, last), last), j + 1)
        return self.add(_season_end(season, year), j + 1)

    def bare(self, i: int, after: int, end_in: Callable[[int], datetime.date | None]) -> int:
        """A month or season with no year counts only when it continues a range from a dated period."""
        if self.anchor is None or self.anchor_at != i - 1 or self.text(i - 1) not in _CONNECTORS:
            return after  # a range start ("May - September 2023"), or "may" the verb
        for year in (self.anchor.year, self.anchor.year + 1):
            end = end_in(year)
            if end is not None and end >= self.anchor:
                return self.add(end, after)
        self.invalid = True  # "December 2023 - 30th February"
        return after

    def number(self, i: int, modifier: str | None) -> int | None:
        word = self.text(i)
        j = i + 1
        if self.text(j) in _ORDINAL_SUFFIXES and self.touching(j):
            j += 1
        j += self.text(j) == "of"
        if self.text(j) in _MONTHS:  # a day before a month: "26th November 2019", "10-13 September"
            days = word.split("-")
            if len(days) <= 2 and all(len(d) <= 2 for d in days):
                day = int(days[-1])
                if not 1 <= day <= 31:
                    self.invalid = True
                    return j + 1
                return self.month(j, None, day)
        number = _classify_number(word)
        if number.kind == "invalid":
            self.invalid = True
            self.no_such_date = number.no_such_date or (NoSuchDate(number.year, number.month) if number.month else None)
            return i + 1
        if number.kind == "year":
            return self.add(_year_end(number.year, modifier), i + 1)
        if number.kind == "fy":
            return self.add(_financial_year_end(number.year, modifier), i + 1)
        if number.kind == "years":
            return self.add(_month_end(number.year, 12), i + 1)
        if number.kind == "month":
            return self.add(_month_end(number.year, number.month, modifier), i + 1)
        if number.kind == "date":
            return self.add(datetime.date(number.year, number.month, number.day), i + 1)
        return None


@dataclass(frozen=True)
class WrittenDate:
    """A date field as a person typed it, read by the one rule every date field shares."""

    year: int
    month: int
    day: int | None  # None for a month, where a month is enough

    @property
    def iso(self) -> str:
        """2025-02-28, or 2025-02 for a month."""
        return f"{self.year:04d}-{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")

    @property
    def date(self) -> datetime.date:
        """The day, or the first day of the month."""
        return datetime.date(self.year, self.month, self.day or 1)


@dataclass(frozen=True)
class UnknownMonth:
    """A date written with a word for its month that names none ("28 Febuary 2025")."""

    word: str


_DAY_FORMS = (
    re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})"),
    re.compile(r"(?P<day>[0-9]{1,2})(?P<sep>[/.-])(?P<month>[0-9]{1,2})(?P=sep)(?P<year>[0-9]{4}|[0-9]{2})"),
    re.compile(r"(?P<day>[0-9]{1,2})(?:st|nd|rd|th)? (?P<name>[A-Za-z]+)\.?,? (?P<year>[0-9]{4})", re.IGNORECASE),
)
_MONTH_FORMS = (
    re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})"),
    re.compile(r"(?P<name>[A-Za-z]+)\.?,? (?P<year>[0-9]{4})"),
)


@lru_cache(maxsize=4096)  # a plan's updates repeat the same few dates
def read_date(text: str, month_is_enough: bool = False) -> WrittenDate | NoSuchDate | UnknownMonth | None:
    """Read a date field: ISO (2025-02-28) or day first (28/02/2025, 28 February 2025) and, where a
    month is enough, a month (2025-02, February 2025). None when the text is none of these forms
    (or names a year before 1900 or after 2099); never raises."""
    spaced = " ".join(text.split())
    forms = _DAY_FORMS + (_MONTH_FORMS if month_is_enough else ())
    found = next((m for form in forms if (m := form.fullmatch(spaced))), None)
    if found is None:
        return None
    parts = found.groupdict()
    if parts.get("name"):
        month = _MONTHS.get(parts["name"].lower(), 0)
        if not month:
            return UnknownMonth(parts["name"])
    else:
        month = int(parts["month"])
    year = int(parts["year"]) + (2000 if len(parts["year"]) == 2 else 0)
    day = int(parts["day"]) if parts.get("day") else None
    if not _plausible(year):
        return None
    if not 1 <= month <= 12 or (day is not None and _date(year, month, day) is None):
        return NoSuchDate(year, month, day)
    return WrittenDate(year, month, day)


def _says_ongoing(words: str) -> bool:
    """Whether the words (space-separated, padded) say the work continues."""
    return any(w in _ONGOING_WORDS for w in words.split()) or any(f" {p} " in words for p in _ONGOING_PHRASES)


def _says_no_deadline(words: str, lowered: str) -> bool:
    """Whether the text deliberately gives no date: blank, a dash, 'TBC', 'n/a' or a status word."""
    if not words.strip():
        return not any(c.isdigit() for c in lowered)
    return any(words.startswith(f" {p} ") for p in _NO_DEADLINE_PREFIXES)


def parse_deadline(text: str) -> Deadline:
    """Derive the deadline a council's timeframe text names; never raises."""
    if not isinstance(text, str) or len(text) > MAX_TEXT_LENGTH:
        return _NOT_UNDERSTOOD
    return _parse(text)


@lru_cache(maxsize=4096)  # plans repeat the same few timeframes ("March 2024", "Ongoing") hundreds of times
def _parse(text: str) -> Deadline:
    lowered = text.translate(_DASHES).lower()
    scanner = _Scanner([_Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(lowered)])
    scanner.scan()
    if scanner.invalid:
        return Deadline(None, False, False, scanner.no_such_date)
    words = " " + " ".join(_WORD.findall(lowered)) + " "
    ongoing = _says_ongoing(words)
    if scanner.ends:
        return Deadline(max(scanner.ends), ongoing, True)
    if ongoing:
        return Deadline(None, True, True)
    if _says_no_deadline(words, lowered):
        return Deadline(None, False, True)
    return _NOT_UNDERSTOOD


def months_between(earlier: datetime.date, later: datetime.date) -> int:
    """Whole calendar months from earlier to later (0 if later is earlier) — used for
    'Last updated 14 months ago'. Reaching the last day of a shorter month counts as a
    whole month (31 January to 28 February is one month)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    at_month_end = later.day == calendar.monthrange(later.year, later.month)[1]
    if later.day < earlier.day and not at_month_end:
        months -= 1
    return max(months, 0)
