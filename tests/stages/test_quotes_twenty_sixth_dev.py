"""Round twenty-six: speakers, from the errors of held-outs 61-66 (development sets once their
pooled test was reported). The sentences are written for these tests, not copied from the articles."""

from __future__ import annotations

from quote_cases import indirect


def test_a_participle_after_a_verb_with_its_own_an_takes_the_verbs_subject() -> None:
    text = "رفض الشاعر صالح الخنيزي أن يقحم نفسه في الجدل، مشيرا إلى أن الحديث يتطلب دراسة طويلة."
    assert indirect(text)[-1] == ("الحديث يتطلب دراسة طويلة", "الشاعر صالح الخنيزي")


def test_a_reporters_byline_is_no_speaker() -> None:
    text = "عبدالله البرقاوي- سبق- الرياض: تسلم المستشفى الأجهزة الجديدة، مؤكداً أنها تعمل بكامل طاقتها."
    assert all(speaker is None or "سبق" not in speaker for _, speaker in indirect(text))
