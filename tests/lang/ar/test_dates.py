"""Dates: every month-name series, Hijri, numeric, relative references, publication strings."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from akhbar.lang.ar import DateMention, find_dates, gregorian_to_hijri, hijri_to_gregorian, parse_date

RIYADH = timezone(timedelta(hours=3))
TUESDAY = datetime(2015, 7, 21, 10, 30, tzinfo=RIYADH)  # 5 Shawwal 1436


def _one(text: str, reference: datetime | None = TUESDAY) -> DateMention:
    mentions = find_dates(text, reference)
    assert len(mentions) == 1, mentions
    mention = mentions[0]
    assert text[mention.start : mention.end] == mention.surface
    return mention


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("21 يوليو 2015", date(2015, 7, 21)),
        ("21 يوليه 2015", date(2015, 7, 21)),
        ("3 مايو 2014", date(2014, 5, 3)),
        ("3 أيار 2014", date(2014, 5, 3)),
        ("3 ماي 2014", date(2014, 5, 3)),
        ("1 كانون الثاني 2016", date(2016, 1, 1)),
        ("14 شباط 2016", date(2016, 2, 14)),
        ("20 آذار 2016", date(2016, 3, 20)),
        ("9 نيسان 2003", date(2003, 4, 9)),
        ("5 حزيران 1967", date(1967, 6, 5)),
        ("14 تموز 1958", date(1958, 7, 14)),
        ("2 آب 1990", date(1990, 8, 2)),
        ("11 أيلول 2001", date(2001, 9, 11)),
        ("6 تشرين الأول 1973", date(1973, 10, 6)),
        ("6 تشرين أول 1973", date(1973, 10, 6)),
        ("29 تشرين الثاني 1947", date(1947, 11, 29)),
        ("25 كانون الأول 2015", date(2015, 12, 25)),
        ("14 جانفي 2011", date(2011, 1, 14)),
        ("12 فيفري 2016", date(2016, 2, 12)),
        ("7 أفريل 2016", date(2016, 4, 7)),
        ("30 جوان 2016", date(2016, 6, 30)),
        ("5 جويلية 1962", date(1962, 7, 5)),
        ("20 أوت 1955", date(1955, 8, 20)),
        ("30 يوليوز 2015", date(2015, 7, 30)),
        ("14 غشت 2015", date(2015, 8, 14)),
        ("١٥ أغسطس ٢٠١٥", date(2015, 8, 15)),
        ("15 من شهر أغسطس عام 2015", date(2015, 8, 15)),
        ("15 أيار (مايو) 2014", date(2014, 5, 15)),
        ("21/7/2015", date(2015, 7, 21)),
        ("2015-07-21", date(2015, 7, 21)),
    ],
)
def test_gregorian_dates_in_every_series(text: str, expected: date) -> None:
    mention = _one(f"وقع ذلك في {text} حسب المصادر")
    assert mention.value == expected
    assert mention.calendar == "gregorian"
    assert mention.precision == "day"


def test_compound_month_form_is_one_mention() -> None:
    mention = _one("في 15 أيار (مايو) 2014")
    assert mention.surface == "15 أيار (مايو) 2014"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("٥ شوال ١٤٣٦ هـ", date(2015, 7, 21)),
        ("5 شوال 1436هـ", date(2015, 7, 21)),
        ("1 رمضان 1436 هـ", date(2015, 6, 17)),
        ("10 ذو الحجة 1436هـ", date(2015, 9, 23)),
        ("10 ذي الحجة 1436 هجرية", date(2015, 9, 23)),
        ("1 محرم 1437 هـ", date(2015, 10, 14)),
        ("1 جمادى الآخرة 1436 هـ", date(2015, 3, 21)),
        ("1436/10/5هـ", date(2015, 7, 21)),
    ],
)
def test_hijri_dates(text: str, expected: date) -> None:
    mention = _one(text)
    assert mention.calendar == "hijri"
    assert mention.value == expected
    assert mention.surface.endswith(text.split()[-1][-1])


def test_hijri_arithmetic_round_trips_and_knows_the_epoch() -> None:
    assert hijri_to_gregorian(1436, 10, 5) == date(2015, 7, 21)
    assert hijri_to_gregorian(1437, 1, 1) == date(2015, 10, 14)
    assert hijri_to_gregorian(1400, 1, 1) == date(1979, 11, 20)
    day = date(1990, 1, 1)
    while day < date(2030, 1, 1):
        assert hijri_to_gregorian(*gregorian_to_hijri(day)) == day
        day += timedelta(days=37)
    with pytest.raises(ValueError, match="Hijri"):
        hijri_to_gregorian(1436, 13, 1)


def test_years_and_months_without_a_day() -> None:
    hijri_year = _one("في عام 1436هـ")
    assert (hijri_year.calendar, hijri_year.precision) == ("hijri", "year")
    assert hijri_year.value == hijri_to_gregorian(1436, 1, 1)
    month = _one("في أيار (مايو) 2014")
    assert (month.value, month.precision) == (date(2014, 5, 1), "month")
    assert _one("منذ عام 2011").value == date(2011, 1, 1)


def test_day_and_month_without_year_take_the_nearest_year() -> None:
    assert _one("في 15 ديسمبر").value == date(2015, 12, 15)
    assert _one("في 20 يناير").value == date(2015, 1, 20)
    assert _one("في 2 أغسطس").value == date(2015, 8, 2)
    assert find_dates("في 2 أغسطس", None) == []


def test_weekdays_resolve_to_the_latest_on_or_before_the_reference() -> None:
    assert _one("التقى الوزير الأربعاء نظيره").value == date(2015, 7, 15)
    assert _one("وقال الثلاثاء إن").value == date(2015, 7, 21)
    assert _one("يوم الإثنين").value == date(2015, 7, 20)
    assert _one("الخميس الماضي").value == date(2015, 7, 16)
    assert _one("الثلاثاء الماضي").value == date(2015, 7, 14)
    assert _one("الخميس المقبل").value == date(2015, 7, 23)
    assert _one("الثلاثاء المقبل").value == date(2015, 7, 28)
    assert _one("والجمعة").value == date(2015, 7, 17)


def test_today_yesterday_tomorrow() -> None:
    monday = datetime(2015, 7, 20, 9, 0, tzinfo=RIYADH)
    today = _one("أعلن اليوم (الاثنين) أن", monday)
    assert today.value == date(2015, 7, 20)
    assert today.surface == "اليوم (الاثنين)"
    assert today.calendar == "relative"
    assert _one("وصل أمس إلى", monday).value == date(2015, 7, 19)
    assert _one("ويغادر غداً", monday).value == date(2015, 7, 21)
    assert _one("ويغادر غداً", monday).surface == "غداً"
    assert _one("أول أمس", monday).value == date(2015, 7, 18)
    assert _one("بعد غد", monday).value == date(2015, 7, 22)


def test_today_that_is_not_today() -> None:
    assert find_dates("احتفلت المملكة باليوم الوطني", TUESDAY) == []
    assert find_dates("في اليوم التالي", TUESDAY) == []
    assert find_dates("قال لصحيفة اليوم إن", TUESDAY) == []


def test_relative_mentions_need_a_reference() -> None:
    assert find_dates("وصل أمس الأربعاء", None) == []


def test_reference_timezone_decides_the_day() -> None:
    late_utc = datetime(2015, 7, 21, 22, 30, tzinfo=UTC)  # already Wednesday in Riyadh
    assert _one("وصل أمس", late_utc).value == date(2015, 7, 20)
    assert _one("وصل أمس", late_utc.astimezone(RIYADH)).value == date(2015, 7, 21)


def test_weekday_before_an_explicit_date_is_part_of_it() -> None:
    text = "الثلاثاء 21 يوليو 2015 - 05 شوال 1436 هـ"
    mentions = find_dates(text, TUESDAY)
    assert [(m.calendar, m.value) for m in mentions] == [
        ("gregorian", date(2015, 7, 21)),
        ("hijri", date(2015, 7, 21)),
    ]
    assert mentions[1].surface == "05 شوال 1436 هـ"


def test_offsets_point_into_text_with_diacritics_and_tatweel() -> None:
    text = "قالَ الوزيرُ في ٥ شــوال ١٤٣٦هـ إنّ"
    mention = _one(text)
    assert mention.surface == "٥ شــوال ١٤٣٦هـ"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2015-07-21 02:51:32", datetime(2015, 7, 21, 2, 51, 32, tzinfo=UTC)),
        ("2015-07-21T02:51:32+03:00", datetime(2015, 7, 21, 2, 51, 32, tzinfo=RIYADH)),
        ("2015-07-21T02:51:32Z", datetime(2015, 7, 21, 2, 51, 32, tzinfo=UTC)),
        ("٢٠١٥-٠٧-٢١", datetime(2015, 7, 21, tzinfo=UTC)),
        ("21 يوليو 2015", datetime(2015, 7, 21, tzinfo=UTC)),
        ("الثلاثاء 21 يوليو 2015 - 05 شوال 1436 هـ", datetime(2015, 7, 21, tzinfo=UTC)),
        ("05 شوال 1436 هـ", datetime(2015, 7, 21, tzinfo=UTC)),
        ("21 يوليو 2015 10:30 م", datetime(2015, 7, 21, 22, 30, tzinfo=UTC)),
        ("Tue, 21 Jul 2015 02:51:32 +0300", datetime(2015, 7, 21, 2, 51, 32, tzinfo=RIYADH)),
    ],
)
def test_parse_publication_dates(text: str, expected: datetime) -> None:
    parsed = parse_date(text)
    assert parsed == expected
    assert parsed is not None
    assert parsed.tzinfo is not None
    assert parsed.utcoffset() == expected.utcoffset()


def test_parse_date_carries_the_reference_timezone() -> None:
    parsed = parse_date("2015-07-21 02:51:32", reference=TUESDAY)
    assert parsed == datetime(2015, 7, 21, 2, 51, 32, tzinfo=RIYADH)
    assert parse_date("أمس", reference=TUESDAY) == datetime(2015, 7, 20, tzinfo=RIYADH)
    assert parse_date("21 يوليو 2015", tz=RIYADH) == datetime(2015, 7, 21, tzinfo=RIYADH)


def test_parse_date_without_a_date() -> None:
    assert parse_date("") is None
    assert parse_date("لا تاريخ هنا") is None
