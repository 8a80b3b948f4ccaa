"""Dates in Arabic news: publication dates and dates mentioned in the text.

- ``find_dates(text, reference)``: every date mention with offsets into the original text.
  Gregorian dates in all Arabic month-name series (يناير …, كانون الثاني/شباط …, جانفي/فيفري …,
  Moroccan يوليوز/غشت …) and compound forms ("أيار (مايو)"), Hijri dates ("٥ شوال ١٤٣٦ هـ"), numeric
  dates ("21/7/2015", "1436/10/5هـ"), years marked as years ("عام 2015", "1436هـ"), and relative
  references resolved against ``reference``: weekdays ("الأربعاء" → the latest Wednesday on or
  before the reference; with المقبل → the next one; with الماضي → strictly before), أمس, اليوم,
  غداً, أول أمس, بعد غد. Matching runs on the normalized shadow, so hamza, ta marbuta, tatweel,
  diacritics and Arabic-Indic digits do not matter.
- ``parse_date(text, reference=None, tz=None)``: one timezone-aware datetime for a publication
  date string (ISO 8601, RFC 2822, "21 يوليو 2015", "الثلاثاء 21 يوليو 2015 - 05 شوال 1436 هـ", "أمس").
  A string without an offset gets ``tz``, else the reference's tzinfo, else UTC.
- ``hijri_to_gregorian`` / ``gregorian_to_hijri``: the arithmetic (tabular) Islamic calendar with
  the Thursday epoch (15 July 622 Julian), which agrees with Umm al-Qura on most days and is off by
  one day on some (a month's start there depends on the moon actually seen).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import Literal

from akhbar.lang.ar.normalize import normalize, normalize_with_offsets, unify_digits

Calendar = Literal["gregorian", "hijri", "relative"]
Precision = Literal["day", "month", "year"]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date in the text: ``text[start:end] == surface``; ``value`` is a Gregorian date
    (the first day of the month or year when ``precision`` is "month" or "year")."""

    start: int
    end: int
    surface: str
    value: date
    calendar: Calendar
    precision: Precision = "day"


# --- calendars ------------------------------------------------------------------------------------

#: proleptic Gregorian ordinal of 1 Muharram 1 AH (Thursday 15 July 622 Julian = 18 July Gregorian)
_HIJRI_EPOCH = date(622, 7, 18).toordinal()


def _hijri_ordinal(year: int, month: int, day: int) -> int:
    return day + math.ceil(29.5 * (month - 1)) + (year - 1) * 354 + (3 + 11 * year) // 30 + _HIJRI_EPOCH - 1


def hijri_to_gregorian(year: int, month: int, day: int) -> date:
    """Gregorian date of a Hijri date (tabular calendar; ±1 day of Umm al-Qura)."""
    if not (1 <= month <= 12 and 1 <= day <= 30 and year >= 1):
        raise ValueError(f"not a Hijri date: {year}-{month}-{day}")
    return date.fromordinal(_hijri_ordinal(year, month, day))


def gregorian_to_hijri(day_value: date) -> tuple[int, int, int]:
    """(year, month, day) in the tabular Hijri calendar."""
    ordinal = day_value.toordinal()
    year = (30 * (ordinal - _HIJRI_EPOCH) + 10646) // 10631
    month = min(12, math.ceil((ordinal - (29 + _hijri_ordinal(year, 1, 1))) / 29.5) + 1)
    month = max(month, 1)
    return year, month, ordinal - _hijri_ordinal(year, month, 1) + 1


# --- name tables (written as in text; normalized when the patterns are built) ----------------------

GREGORIAN_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("يناير", "كانون الثاني", "كانون ثاني", "جانفي", "جانفييه", "يناير"),
    2: ("فبراير", "شباط", "فيفري", "فبرار"),
    3: ("مارس", "آذار"),
    4: ("أبريل", "إبريل", "نيسان", "أفريل", "ابريل"),
    5: ("مايو", "أيار", "ماي", "مايس"),
    6: ("يونيو", "يونية", "حزيران", "جوان", "يونيه"),
    7: ("يوليو", "يولية", "تموز", "جويلية", "جويليه", "يوليوز", "يوليه"),
    8: ("أغسطس", "آب", "أوت", "غشت", "اغسطس"),
    9: ("سبتمبر", "أيلول", "شتنبر"),
    10: ("أكتوبر", "تشرين الأول", "تشرين أول", "اكتوبر"),
    11: ("نوفمبر", "تشرين الثاني", "تشرين ثاني", "نونبر"),
    12: ("ديسمبر", "كانون الأول", "كانون أول", "دجنبر"),
}

HIJRI_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("محرم", "المحرم"),
    2: ("صفر",),
    3: ("ربيع الأول", "ربيع أول"),
    4: ("ربيع الآخر", "ربيع الثاني", "ربيع ثاني", "ربيع آخر"),
    5: ("جمادى الأولى", "جمادى الأول", "جمادى أولى", "جمادى الاولى"),
    6: ("جمادى الآخرة", "جمادى الثانية", "جمادى الآخر", "جمادى الثاني", "جمادى آخرة"),
    7: ("رجب",),
    8: ("شعبان",),
    9: ("رمضان",),
    10: ("شوال",),
    11: ("ذو القعدة", "ذي القعدة", "ذا القعدة"),
    12: ("ذو الحجة", "ذي الحجة", "ذا الحجة"),
}

#: Weekday names → Python weekday (Monday = 0).
WEEKDAYS: dict[str, int] = {
    "الاثنين": 0,
    "الإثنين": 0,
    "الثلاثاء": 1,
    "الأربعاء": 2,
    "الخميس": 3,
    "الجمعة": 4,
    "السبت": 5,
    "الأحد": 6,
}

#: Day offsets of words for days relative to the reference.
RELATIVE_DAYS: dict[str, int] = {
    "أول أمس": -2,
    "أمس الأول": -2,
    "أول من أمس": -2,
    "أمس": -1,
    "الأمس": -1,
    "البارحة": -1,
    "اليوم": 0,
    "الليلة": 0,
    "غداً": 1,
    "غدا": 1,
    "الغد": 1,
    "بعد غد": 2,
}

_FUTURE = ("المقبل", "القادم", "المقبله", "القادمه")
_PAST = ("الماضي", "المنصرم", "الفايت", "السابق", "الماضيه")


def _alternation(names: list[str]) -> str:
    parts = sorted({normalize(n) for n in names}, key=lambda n: (-len(n), n))
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts)


@lru_cache(maxsize=1)
def _month_lookup() -> dict[str, tuple[Calendar, int]]:
    table: dict[str, tuple[Calendar, int]] = {}
    for number, names in GREGORIAN_MONTHS.items():
        for name in names:
            table[" ".join(normalize(name).split())] = ("gregorian", number)
    for number, names in HIJRI_MONTHS.items():
        for name in names:
            table[" ".join(normalize(name).split())] = ("hijri", number)
    return table


_B = r"(?<![\w])"  # start of a word
_E = r"(?![\w])"  # end of a word
_CLITIC = r"(?:(?<![\w])|(?<=(?<![\w])[وفبل])|(?<=(?<![\w])[وف][بل]))"  # after و ف ب ل
_ERA = r"(?P<era>ه|م|هجريه|هجري|ميلاديه|ميلادي)"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], ...]:
    months = _alternation([n for names in (*GREGORIAN_MONTHS.values(), *HIJRI_MONTHS.values()) for n in names])
    month = rf"(?P<month>{months}){_E}"
    gloss = rf"(?:\s*[(\[]\s*(?P<gloss>{months})\s*[)\]]|\s*/\s*(?P<gloss2>{months}){_E})?"
    year_word = r"(?:(?:من\s+)?(?:عام|العام|لعام|سنه|لسنه)\s+)?"
    year = rf"(?P<year>\d{{4}}|\d{{3}})(?:\s*{_ERA}{_E}|{_E})"
    day_month_year = re.compile(
        rf"{_B}(?P<day>\d{{1,2}})\s*(?:من\s+)?(?:شهر\s+)?{month}{gloss}(?:\s*[,،\-]?\s*{year_word}{year})?"
    )
    month_year = re.compile(rf"{_CLITIC}(?:شهر\s+)?{month}{gloss}\s*[,،]?\s*{year_word}{year}")
    numeric = re.compile(
        rf"{_B}(?:(?P<day>\d{{1,2}})(?P<sep>[/.\-])(?P<mon>\d{{1,2}})(?P=sep)(?P<year>\d{{4}})"
        rf"|(?P<year2>\d{{4}})(?P<sep2>[/.\-])(?P<mon2>\d{{1,2}})(?P=sep2)(?P<day2>\d{{1,2}}))"
        rf"(?:\s*{_ERA}{_E}|{_E})"
    )
    year_only = re.compile(
        rf"{_CLITIC}(?:(?:عام|العام|سنه|لعام|لسنه)\s+(?P<year>\d{{4}})(?:\s*{_ERA}{_E}|{_E})"
        rf"|(?P<year2>\d{{4}})\s*(?P<era2>ه|م|هجريه|ميلاديه){_E})"
    )
    weekdays = _alternation(list(WEEKDAYS))
    future_past = _alternation([*_FUTURE, *_PAST])
    weekday = re.compile(rf"{_CLITIC}(?:يوم\s+)?(?P<weekday>{weekdays}){_E}(?:\s+(?P<direction>{future_past}){_E})?")
    relative = _alternation(list(RELATIVE_DAYS))
    relative_day = re.compile(
        rf"{_CLITIC}(?P<relative>{relative}){_E}(?:\s*[(\[]?\s*(?P<weekday>{weekdays})\s*[)\]]?{_E})?"
    )
    return day_month_year, month_year, numeric, year_only, weekday, relative_day


def _year_is_hijri(year: int, era: str | None) -> bool:
    if era:
        return era.startswith("ه")
    return 1300 <= year <= 1500


def _safe_date(calendar: Calendar, year: int, month: int, day: int) -> date | None:
    try:
        if calendar == "hijri":
            return hijri_to_gregorian(year, month, day)
        return date(year, month, day)
    except ValueError:
        return None


def _closest_year(calendar: Calendar, month: int, day: int, reference: date) -> date | None:
    """A day and month without a year: the occurrence nearest the reference."""
    base = gregorian_to_hijri(reference)[0] if calendar == "hijri" else reference.year
    options = [_safe_date(calendar, y, month, day) for y in (base - 1, base, base + 1)]
    valid = [d for d in options if d is not None]
    return min(valid, key=lambda d: abs((d - reference).days)) if valid else None


def _plausible_year(calendar: Calendar, year: int) -> bool:
    return 1300 <= year <= 1600 if calendar == "hijri" else 1800 <= year <= 2200


def _reference_day(reference: datetime | date | None) -> date | None:
    if reference is None:
        return None
    return reference.date() if isinstance(reference, datetime) else reference


def find_dates(text: str, reference: datetime | date | None = None) -> list[DateMention]:
    """Date mentions in ``text``, in order, with offsets into ``text``. Relative mentions (and
    dates without a year) need ``reference``; without it they are left out."""
    shadow = normalize_with_offsets(text)
    norm = shadow.text
    ref = _reference_day(reference)
    day_month_year, month_year, numeric, year_only, weekday, relative_day = _patterns()
    months = _month_lookup()
    found: list[tuple[int, int, date, Calendar, Precision]] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def add(start: int, end: int, value: date, calendar: Calendar, precision: Precision) -> None:
        found.append((start, end, value, calendar, precision))
        taken.append((start, end))

    for match in day_month_year.finditer(norm):
        calendar, month = months[" ".join(match.group("month").split())]
        day = int(match.group("day"))
        value: date | None
        if match.group("year"):
            year = int(match.group("year"))
            if match.group("era") and calendar == "gregorian" and match.group("era").startswith("ه"):
                continue  # a Gregorian month with a Hijri year: not a date we can trust
            if not _plausible_year(calendar, year):
                continue
            value = _safe_date(calendar, year, month, day)
            end = match.end()
        else:
            value = _closest_year(calendar, month, day, ref) if ref else None
            end = match.end("gloss") if match.group("gloss") else match.end("month")
            if match.group("gloss2"):
                end = match.end("gloss2")
        if value is not None:
            add(match.start(), end, value, calendar, "day")

    for match in numeric.finditer(norm):
        if not free(match.start(), match.end()):
            continue
        if match.group("year"):
            year, month, day = int(match.group("year")), int(match.group("mon")), int(match.group("day"))
        else:
            year, month, day = int(match.group("year2")), int(match.group("mon2")), int(match.group("day2"))
        calendar = "hijri" if _year_is_hijri(year, match.group("era")) else "gregorian"
        value = _safe_date(calendar, year, month, day) if _plausible_year(calendar, year) else None
        if value is not None:
            add(match.start(), match.end(), value, calendar, "day")

    for match in month_year.finditer(norm):
        if not free(match.start(), match.end()):
            continue
        calendar, month = months[" ".join(match.group("month").split())]
        year = int(match.group("year"))
        value = _safe_date(calendar, year, month, 1) if _plausible_year(calendar, year) else None
        if value is not None:
            add(match.start(), match.end(), value, calendar, "month")

    for match in year_only.finditer(norm):
        if not free(match.start(), match.end()):
            continue
        year = int(match.group("year") or match.group("year2"))
        era = match.group("era") or match.group("era2")
        calendar = "hijri" if _year_is_hijri(year, era) else "gregorian"
        value = _safe_date(calendar, year, 1, 1) if _plausible_year(calendar, year) else None
        if value is not None:
            add(match.start(), match.end(), value, calendar, "year")

    if ref is not None:
        explicit = sorted(taken)
        for match in relative_day.finditer(norm):
            if not free(match.start(), match.end()) or not _is_relative_day(norm, match):
                continue
            offset = _relative_days()[" ".join(match.group("relative").split())]
            add(match.start(), match.end(), ref + timedelta(days=offset), "relative", "day")
        for match in weekday.finditer(norm):
            if not free(match.start(), match.end()) or _next_to_explicit(norm, match.end(), explicit):
                continue
            target = _weekdays()[match.group("weekday")]
            back = (ref.weekday() - target) % 7
            direction = match.group("direction")
            if direction and direction in _future_words():
                value = ref + timedelta(days=(target - ref.weekday()) % 7 or 7)
            elif direction:
                value = ref - timedelta(days=back or 7)
            else:
                value = ref - timedelta(days=back)
            add(match.start(), match.end(), value, "relative", "day")

    mentions = []
    for start, end, value, calendar, precision in sorted(found):
        orig_start, orig_end = shadow.to_original(start, end)
        mentions.append(DateMention(orig_start, orig_end, text[orig_start:orig_end], value, calendar, precision))
    return mentions


@lru_cache(maxsize=1)
def _relative_days() -> dict[str, int]:
    return {" ".join(normalize(k).split()): v for k, v in RELATIVE_DAYS.items()}


@lru_cache(maxsize=1)
def _weekdays() -> dict[str, int]:
    return {normalize(k): v for k, v in WEEKDAYS.items()}


@lru_cache(maxsize=1)
def _future_words() -> frozenset[str]:
    return frozenset(normalize(w) for w in _FUTURE)


_NOT_TODAY_BEFORE = re.compile(r"(?:صحيفه|جريده|مجله|قناه|برنامج|لصحيفه|لجريده)\s+\"?$")
_NOT_TODAY_AFTER = re.compile(r"\s+(?:ال(?!اثنين|ثلاثاء|اربعاء|خميس|جمعه|سبت|احد)\w+)")


def _is_relative_day(norm: str, match: re.Match[str]) -> bool:
    """اليوم is "today" unless it names a day (اليوم الوطني) or the newspaper (صحيفة اليوم)."""
    word = match.group("relative")
    if word not in ("اليوم", "الغد", "الليله"):
        return True
    if _NOT_TODAY_BEFORE.search(norm, max(0, match.start() - 20), match.start()):
        return False
    if match.start() > 0 and norm[match.start() - 1] == '"':
        return False
    return match.group("weekday") is not None or not _NOT_TODAY_AFTER.match(norm, match.end())


_BRIDGE = re.compile(r"[\s,،:\-–—(\[]*(?:الموافق\s*)?[\s(\[]*")


def _next_to_explicit(norm: str, end: int, explicit: list[tuple[int, int]]) -> bool:
    """A weekday right before an explicit date ("الثلاثاء 21 يوليو") is part of that date."""
    bridge = _BRIDGE.match(norm, end)
    after = bridge.end() if bridge else end
    return any(start == after for start, _ in explicit)


# --- publication dates ----------------------------------------------------------------------------

_TIME = re.compile(
    r"(?<!\d)(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"(?:\s*(?P<half>ص|م|صباحا|مساء|am|pm|AM|PM)(?![\w]))?"
)


def _default_tz(reference: datetime | date | None, tz: tzinfo | None) -> tzinfo:
    if tz is not None:
        return tz
    if isinstance(reference, datetime) and reference.tzinfo is not None:
        return reference.tzinfo
    return UTC


def parse_date(text: str, reference: datetime | date | None = None, tz: tzinfo | None = None) -> datetime | None:
    """A timezone-aware datetime for a publication-date string, or None when none is found."""
    cleaned = unify_digits(text).strip()
    if not cleaned:
        return None
    zone = _default_tz(reference, tz)
    iso = cleaned.replace("Z", "+00:00") if cleaned.endswith("Z") else cleaned
    try:
        parsed = datetime.fromisoformat(iso)
    except ValueError:
        parsed = None
    if parsed is None and re.match(r"[A-Za-z]{3},", cleaned):
        try:
            parsed = parsedate_to_datetime(cleaned)
        except (TypeError, ValueError):
            parsed = None
    if parsed is not None:
        return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=zone)
    mentions = [m for m in find_dates(text, reference) if m.precision == "day"]
    if not mentions:
        return None
    rank = {"gregorian": 0, "hijri": 1, "relative": 2}
    best = min(mentions, key=lambda m: (rank[m.calendar], m.start))
    clock = time()
    time_match = _TIME.search(normalize(text))
    if time_match:
        hour, minute = int(time_match.group("hour")), int(time_match.group("minute"))
        second = int(time_match.group("second") or 0)
        half = (time_match.group("half") or "").lower()
        if half in ("م", "مساء", "pm") and hour < 12:
            hour += 12
        elif half in ("ص", "صباحا", "am") and hour == 12:
            hour = 0
        if hour < 24 and minute < 60 and second < 60:
            clock = time(hour, minute, second)
    return datetime.combine(best.value, clock, tzinfo=zone)
