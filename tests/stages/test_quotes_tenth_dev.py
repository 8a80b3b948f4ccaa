"""Forms behind the direct-quote errors of the eleventh held-out set (now a development set): a
quotation whose closing mark is followed by an ellipsis ("«…».. وأضاف"), which many writers use as a
full stop. The sentence splitter never cuts at "..", so the quote ran on over the next sentence,
its narration and the next speaker's words. The sentences are written for these tests, not copied
from the articles."""

from __future__ import annotations

from quote_cases import direct, indirect


def test_an_ellipsis_after_a_closing_guillemet_ends_the_quotation() -> None:
    text = "وقال الوزير: «لن نقبل بأي تدخل في شؤوننا الداخلية».. وأضاف أن الحكومة ستعلن خطتها قريبا."
    assert direct(text) == [("لن نقبل بأي تدخل في شؤوننا الداخلية", "الوزير")]
    assert indirect(text) == [("الحكومة ستعلن خطتها قريبا", "الوزير")]


def test_an_ellipsis_after_a_closing_ascii_mark_ends_the_quotation_and_the_next_speaker_is_found() -> None:
    text = (
        'وكتب المغرد: "من يقول إن المدينة بلا حدائق لم يزرها.. أين أنت؟".. '
        'بينما قال أحد السكان إن "الحدائق قليلة ومهملة".'
    )
    assert direct(text) == [
        ("من يقول إن المدينة بلا حدائق لم يزرها.. أين أنت؟", "المغرد"),
        ("الحدائق قليلة ومهملة", "أحد السكان"),
    ]


def test_an_ellipsis_inside_a_quotation_does_not_cut_it() -> None:
    text = "وقال المدرب: «الفريق قدم مباراة كبيرة.. واللاعبون يستحقون الفوز» بعد المباراة."
    assert direct(text) == [("الفريق قدم مباراة كبيرة.. واللاعبون يستحقون الفوز", "المدرب")]


def test_a_colon_then_brackets_holding_sentences_is_the_quotation_without_the_brackets() -> None:
    text = (
        "وفي كتابه يقول الباحث: (كان المخترع ينسى في المدرسة كل ما يتعلمه. ولذلك كان دائما يتأخر عن زملائه)، "
        "وهذا ما يعرفه الجميع."
    )
    assert direct(text) == [("كان المخترع ينسى في المدرسة كل ما يتعلمه. ولذلك كان دائما يتأخر عن زملائه", "الباحث")]


def test_a_heading_line_kataba_dash_name_is_a_byline_not_a_quotation() -> None:
    text = "كتب - سامي الخطيب:\n\nتلقى وزير القوى العاملة عددا من التقارير المهمة من مكاتب التمثيل العمالي.\n"
    assert direct(text) == []
    text = "كتب الوزير على تويتر:\n\nسنواصل العمل حتى تتحقق أهداف الخطة كاملة.\n"
    assert direct(text) == [("سنواصل العمل حتى تتحقق أهداف الخطة كاملة", "الوزير")]
