"""Forms behind the errors of held-outs 22-24 (development sets once their pooled test was reported):
a statement written right after its speaker with neither marks nor colon, opened by a verb of ours
("وقال فلان حرصنا على …") or by بالنسبة. The sentences are written for these tests, not copied from the
articles."""

from __future__ import annotations

from quote_cases import direct


def test_a_statement_opened_by_a_verb_of_ours_right_after_the_speaker_is_direct() -> None:
    text = "وقال مدير الكرة فهد المفرج حرصنا على وضع مكان خاص لتجمع اللاعبين بعد العشاء."
    assert direct(text) == [("حرصنا على وضع مكان خاص لتجمع اللاعبين بعد العشاء", "مدير الكرة فهد المفرج")]
    text = "وأضاف طلبنا من الأمين العام منذ ستة أشهر توفير الحماية لشعبنا."
    assert [content for content, _ in direct(text)] == ["طلبنا من الأمين العام منذ ستة أشهر توفير الحماية لشعبنا"]


def test_a_statement_opened_by_as_for_right_after_the_speaker_is_direct() -> None:
    text = "وأضاف المتحدث بالنسبة لمن يشكك في قيادة الجيش فنحن نعرف رجالنا جيدا."
    assert direct(text) == [("بالنسبة لمن يشكك في قيادة الجيش فنحن نعرف رجالنا جيدا", "المتحدث")]


def test_our_nouns_and_followed_are_no_statements() -> None:
    assert direct("ثم من يتابع أمر أبنائنا المبتعثين الآن في الخارج؟") == []
    assert direct("وقال الوزير لبلادنا حق في الدفاع عن نفسها.") == []
    assert direct("في مقولة تقول الغداء لا يقدم مجاناً للجميع.") == []
