"""Round thirty: the Dutch particle فان in a name, and a speaker's request that his name be withheld,
from the errors of held-outs 79-84 (development sets once their pooled test was reported). The
sentences are written for these tests, not copied from the articles."""

from __future__ import annotations

from quote_cases import direct, indirect


def test_van_after_a_given_name_is_no_complementizer() -> None:
    text = (
        'وقال لويس فان جال المدير الفني لمانشستر في تصريحات نشرها موقع النادي "أعتقد أننا كنا مهددين '
        'ولذلك تعاقدنا مع حارس". وأضاف أن الفريق جاهز.'
    )
    assert direct(text) == [("أعتقد أننا كنا مهددين ولذلك تعاقدنا مع حارس", "لويس فان جال المدير الفني لمانشستر")]


def test_van_before_a_definite_noun_is_still_fa_inna() -> None:
    text = "وبحسب المصدر فان الوضع مستقر في المدينة."
    assert [c for c, _ in indirect(text)] == ["الوضع مستقر في المدينة"]


def test_a_request_to_withhold_the_name_ends_the_speaker() -> None:
    text = 'وقال المسؤول طالبا عدم كشف اسمه ان "الهجوم فشل تماما في تحقيق أهدافه".'
    assert direct(text) == [("الهجوم فشل تماما في تحقيق أهدافه", "المسؤول")]
    text = "وأوضحت عضوة بهيئة المحلفين، التي فضلت عدم ذكر اسمها، إن الحكم عادل."
    assert indirect(text) == [("الحكم عادل", "عضوة بهيئة المحلفين")]
