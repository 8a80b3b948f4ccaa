"""Forms behind the errors of held-outs 43-48 (development sets once their pooled test was reported).
The sentences are written for these tests, not copied from the articles."""

from __future__ import annotations

from quote_cases import direct


def test_the_prophets_words_without_an_honorific_are_a_hadith_and_not_marked() -> None:
    text = "وكان يعلم أصحابه العدل، فقال رسول الله: «إن المقسطين عند الله على منابر من نور»."
    assert direct(text) == []
    text = "فجاءنا يوما إلى السوق وعندنا وزان يزن بالأجر، فقال له النبي: «يا وزان، زن وأرجح»."
    assert direct(text) == []


def test_an_envoy_is_still_quoted() -> None:
    text = "وقال المبعوث الأممي للصحفيين: «نأمل أن تبدأ المفاوضات الأسبوع المقبل في جنيف»."
    assert [content for content, _ in direct(text)] == ["نأمل أن تبدأ المفاوضات الأسبوع المقبل في جنيف"]
