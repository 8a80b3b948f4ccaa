"""Round twenty-seven: statements opened by a clause word with neither marks nor colon, and a new
frame with no comma before it, from the errors of the 73 sets tested before held-outs 73-78. The
sentences are written for these tests, not copied from the articles."""

from __future__ import annotations

import pytest
from quote_cases import direct, indirect, quotes


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "وقال لا يوجد أي صحفي محبوس بسبب رأيه في البلاد. وتابع الوزير جولته.",
            "لا يوجد أي صحفي محبوس بسبب رأيه في البلاد",
        ),
        ("وعن الوضع في الجنوب قال ليست هناك دولة ساعدت المنطقة مثلنا.", "ليست هناك دولة ساعدت المنطقة مثلنا"),
        ("وأضاف تم انتشال الجثة وتسليم الموقع للجهات المختصة.", "تم انتشال الجثة وتسليم الموقع للجهات المختصة"),
    ],
)
def test_a_clause_word_right_after_the_verb_opens_the_words(text: str, content: str) -> None:
    assert [c for c, _ in direct(text)] == [content]


def test_the_that_inside_the_words_is_not_the_frames() -> None:
    text = "وقال يجب أن تتوفر الرغبة الشخصية في موضوع البحث قبل البدء."
    assert [c for c, _ in direct(text)] == ["يجب أن تتوفر الرغبة الشخصية في موضوع البحث قبل البدء"]
    assert indirect(text) == []


def test_laqad_after_a_long_role_and_name() -> None:
    text = "وقال المتحدث الإعلامي لحرس الحدود الرائد حسن القصيبي لقد حرص القائد على زيارة المصابين."
    assert direct(text) == [("لقد حرص القائد على زيارة المصابين", "المتحدث الإعلامي لحرس الحدود الرائد حسن القصيبي")]


def test_a_question_after_tasaala_and_its_subject() -> None:
    text = "وتساءل عدد من العابرين أين المولدات الاحتياطية على الجسر الذي يعبره الآلاف يوميا."
    assert direct(text) == [("أين المولدات الاحتياطية على الجسر الذي يعبره الآلاف يوميا", "عدد من العابرين")]


@pytest.mark.parametrize(
    "text",
    [
        "وقال مسؤول لم يكشف عن اسمه إن الهجوم فشل في تحقيق أهدافه.",  # a clause describing the speaker
        "وقال مصدر لا يرغب في ذكر اسمه إن الهجوم فشل في تحقيق أهدافه.",
    ],
)
def test_a_clause_describing_the_speaker_leaves_the_that_clause(text: str) -> None:
    assert [kind for kind, _, _ in quotes(text)] == ["indirect"]
    assert indirect(text)[0][0] == "الهجوم فشل في تحقيق أهدافه"


@pytest.mark.parametrize(
    "text",
    [
        "الأعياد تتغير وتجعلك تتساءل لماذا اختلف العيد في الماضي عن اليوم.",  # no و: a column's voice
        "حتى تساءلت هل عمل أعضاء المجلس هو جمع المقترحات فقط؟",
        "كما تقول لا يتم الاحتراف عن طريق الانتقالات السريعة.",  # the present: a hypothetical voice
        "وكلنا يتابع اليوم كيف تدار مثل هذه الدورات.",  # تابع is also "to follow"
        "غضب لأنه قتل رجلا قال لا إله إلا الله في المعركة.",  # the creed, named
    ],
)
def test_no_statement_from_a_columns_voices(text: str) -> None:
    assert direct(text) == []


def test_a_new_frame_without_a_comma_ends_the_words() -> None:
    text = "وقال المحاضر إن الرغبة الشخصية عامل مساعد للنجاح وشدد على أن يتصف الباحث بالتواضع مع زملائه."
    assert [c for c, _ in indirect(text)] == [
        "الرغبة الشخصية عامل مساعد للنجاح",
        "يتصف الباحث بالتواضع مع زملائه",
    ]
