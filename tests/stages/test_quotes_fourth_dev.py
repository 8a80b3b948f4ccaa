"""Quote forms behind the errors of the third held-out set (now a fourth development set): a colon
between أن and its quotation, a first-person future right after the speaker, a call whose quotation
opens with its own preposition, quotations of several paragraphs, "نقل عنه قوله", "تحدث عن «…»",
a document's colon content over its paragraph, honorifics (سموه، معاليه), and paragraph breaks
written as no-break spaces. The sentences are written for these tests, not copied from the articles."""

from __future__ import annotations

from quote_cases import direct, found


def test_a_colon_between_that_and_its_quotation_is_a_pause() -> None:
    text = "وأضاف البيان أن :”فرق الإنقاذ وصلت إلى موقع الحادث بعد دقائق”."
    assert direct(text) == [("فرق الإنقاذ وصلت إلى موقع الحادث بعد دقائق", "البيان")]


def test_a_first_person_future_after_the_speaker_is_direct() -> None:
    text = "وقال سالم سنرفع الأمر إلى المحكمة ونطالب بتعويض كامل للأسر."
    assert direct(text) == [("سنرفع الأمر إلى المحكمة ونطالب بتعويض كامل للأسر", "سالم")]


def test_a_noun_like_a_future_verb_opens_no_statement() -> None:
    assert direct("وقال سالم سنوات العمل في الشركة كانت طويلة.") == []


def test_a_call_whose_quotation_opens_with_its_preposition_is_direct() -> None:
    text = "وكتب خالد في صفحته أن الوضع صعب. كما طالب خالد المجلس البلدي «للاجتماع سريعا لبحث أزمة المياه في الحي»."
    assert ("للاجتماع سريعا لبحث أزمة المياه في الحي", "خالد") in direct(text)


def test_a_quotation_of_two_paragraphs_is_one_quote_a_paragraph() -> None:
    text = 'وقال الوزير "بدأنا العمل في المشروع هذا الأسبوع.\n"ولن نتوقف حتى ينتهي العمل كله."'
    assert direct(text) == [
        ("بدأنا العمل في المشروع هذا الأسبوع.", "الوزير"),
        ("ولن نتوقف حتى ينتهي العمل كله.", "الوزير"),
    ]


def test_reported_from_him_refers_to_the_previous_speaker() -> None:
    text = 'وقال الوزير إن الخطة جاهزة.\nونقلت صحيفة الأخبار عنه قوله "سنبدأ التنفيذ في الشهر المقبل بكل الولايات".'
    assert direct(text) == [("سنبدأ التنفيذ في الشهر المقبل بكل الولايات", "الوزير")]


def test_a_passive_report_names_the_one_it_was_reported_from() -> None:
    text = "ونُقل عن الوزير قوله إن المصانع ستعود إلى العمل قريبا."
    assert found(text) == [("indirect", "المصانع ستعود إلى العمل قريبا", "الوزير", None)]


def test_speaking_about_a_long_quotation_is_direct() -> None:
    text = "وأكد المسؤول أن الاتفاق قريب، متحدثا عن «نقاط قليلة ما زالت موضع بحث بين الطرفين هذا الأسبوع»."
    assert ("نقاط قليلة ما زالت موضع بحث بين الطرفين هذا الأسبوع", "المسؤول") in direct(text)


def test_a_document_colon_content_runs_through_its_paragraph() -> None:
    text = "وجاء في المقال: تبحث الحكومة عن شركاء جدد. والشركات المحلية من بين المرشحين.\nوفي سياق آخر، ارتفعت الأسعار."
    assert direct(text) == [("تبحث الحكومة عن شركاء جدد. والشركات المحلية من بين المرشحين", "المقال")]


def test_an_honorific_stands_for_the_previous_speaker() -> None:
    text = "وقال أمير المنطقة إن الموسم نجح. وقال سموه: نحن فخورون بما تحقق هذا العام."
    assert direct(text) == [("نحن فخورون بما تحقق هذا العام", "أمير المنطقة")]


def test_a_no_break_space_after_a_full_stop_breaks_the_paragraph() -> None:
    text = 'وذكر الوزير أن "القوات تقدمت في المنطقة الشمالية. \xa0 وأوضح: "نريد إنهاء العمليات سريعا".'
    assert ("نريد إنهاء العمليات سريعا", "الوزير") in direct(text)
    assert all("وأوضح" not in content for content, _ in direct(text))


def test_an_embedded_tweet_with_a_speaker_is_direct() -> None:
    text = (
        "وأعلنت الوزارة إغلاق المدارس.\n"
        "وزارة الصحة: تمديد الإجازة أسبوعا آخر في كل المناطق #عاجل https://t.co/abc123"
        " — قناة الأخبار (@news_ch) March 3, 2020"
    )
    assert direct(text) == [("تمديد الإجازة أسبوعا آخر في كل المناطق", "وزارة الصحة")]


def test_an_embedded_tweet_in_english_is_no_quote() -> None:
    text = (
        "وأعلنت الوزارة إغلاق المدارس.\n"
        "Health Ministry: schools stay closed for another week #update https://t.co/abc123"
        " — News Channel (@news_ch) March 3, 2020"
    )
    assert direct(text) == []
