"""Forms behind the errors of held-outs 31-33 (development sets once their pooled test was reported).
The sentences are written for these tests, not copied from the articles."""

from __future__ import annotations

from quote_cases import direct, found


def test_a_verse_named_by_its_sura_is_nobodys_quote() -> None:
    assert direct("ويقول الله ــ سبحانه وتعالى ــ في سورة الأنعام «هو الذي أنشأكم من نفس واحدة».") == []
    assert direct("وقال الله تعالى في سورة النور: {سورة أنزلناها وفرضناها}") == []


def test_a_speaker_before_a_sura_of_his_own_is_still_quoted() -> None:
    # "سورة" alone is no verse: the speaker's words still count
    text = "وقال المفتي عن سورة الكهف: «نحن نحث الناس على قراءتها كل جمعة»."
    assert [content for content, _ in direct(text)] == ["نحن نحث الناس على قراءتها كل جمعة"]


def test_after_a_colon_a_quotation_ends_at_its_mark_when_the_narrator_goes_on() -> None:
    text = 'جاء في لسان العرب: "الرطراط هو الماء الذي أسأرته الإبل في الحياض" ويفهم من قول ابن منظور أنه بقية الماء.'
    assert [content for content, _ in direct(text)] == ["الرطراط هو الماء الذي أسأرته الإبل في الحياض"]


def test_a_headquarters_is_no_participle_of_admitting() -> None:
    text = "وقال المتحدث إن عدن ستكون مقرا لإقامة الوزراء العائدين."
    assert [content for kind, content, _, _ in found(text) if kind == "indirect"] == [
        "عدن ستكون مقرا لإقامة الوزراء العائدين"
    ]
    text = "وقال المتهم إنه لم يكن يعلم، مقرا بأنه أخطأ في حق زملائه."
    indirect = [content for kind, content, _, _ in found(text) if kind == "indirect"]
    assert indirect == ["لم يكن يعلم", "أخطأ في حق زملائه"]
