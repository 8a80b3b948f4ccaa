"""Forms behind the direct-quote misses of the tenth held-out set (now a development set): what is
announced or revealed wholly in marks (أعلن / كشف عن «…»), a claim wholly in marks after تزعم أن, the
writer's answer after "أجبت:", and a conjunction with a pronoun (لأنها) that names nobody. The
sentences are written for these tests, not copied from the articles."""

from __future__ import annotations

from quote_cases import direct, indirect


def test_a_long_quotation_announced_with_an_at_ending_the_sentence_is_the_speakers_words() -> None:
    text = "أعلنت وزارة الخارجية، مساء اليوم، عن «قيام قوات أجنبية باختراق الحدود الشمالية فجر اليوم»."
    assert direct(text) == [("قيام قوات أجنبية باختراق الحدود الشمالية فجر اليوم", "وزارة الخارجية")]
    text = "كشف المعارض عن «خلافات كبيرة بين قادة النظام وصلت إلى حد استخدام السلاح»."
    assert direct(text) == [("خلافات كبيرة بين قادة النظام وصلت إلى حد استخدام السلاح", "المعارض")]


def test_a_short_or_unfinished_announcement_in_marks_is_no_quotation() -> None:
    assert direct("أعلنت الشركة عن «جائزة الإبداع» للعام المقبل في حفل كبير.") == []
    assert direct("أعلنت الشركة عن «جائزة الإبداع».") == []  # a name: too short to be someone's words
    assert direct("وسأل الوزير عن أسباب التأخير في المشروع.") == []


def test_a_claim_wholly_in_marks_after_tazaum_is_direct_and_lianaha_names_nobody() -> None:
    text = 'وتتهرب الأندية من الرد، لأنها تزعم أن "الخزينة فارغة منذ شهور"، وتنتظر الفرج.'
    assert direct(text) == [("الخزينة فارغة منذ شهور", None)]


def test_the_writers_answer_after_ajabtu_is_direct_without_a_speaker() -> None:
    text = "سألني أحد القراء عن رأيي في القرار، فأجبت: القرار صائب ولكنه تأخر كثيرا."
    assert direct(text) == [("القرار صائب ولكنه تأخر كثيرا", None)]


def test_answered_that_is_reported_speech() -> None:
    text = "وأجاب الوزير بأن المشروع سينتهي قبل نهاية العام."
    assert indirect(text) == [("المشروع سينتهي قبل نهاية العام", "الوزير")]
