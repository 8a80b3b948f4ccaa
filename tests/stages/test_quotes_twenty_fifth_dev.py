"""Round twenty-five: speakers, from the errors of held-outs 55-60 (development sets once their
pooled test was reported). The sentences are written for these tests, not copied from the articles."""

from __future__ import annotations

from quote_cases import indirect


def test_a_participle_after_a_leading_phrase_takes_the_verbs_subject() -> None:
    text = (
        "وتؤكد مصادر الصحيفة أن اللاعب في طريقه إلى المعسكر. "
        "أمام ذلك، استغرب رئيس النادي المكلف من غياب اللاعب، مشيرا إلى أنه لاعب محترف يعرف الأنظمة."
    )
    content, speaker = indirect(text)[-1]
    assert content == "لاعب محترف يعرف الأنظمة"
    assert speaker is not None and speaker.startswith("رئيس النادي المكلف")  # (and its complement: a known limit)


def test_the_sources_keep_their_own_quote() -> None:
    text = "وتؤكد مصادر الصحيفة أن اللاعب في طريقه إلى المعسكر."
    assert indirect(text) == [("اللاعب في طريقه إلى المعسكر", "مصادر الصحيفة")]


def test_a_role_that_ala_completes_keeps_its_name() -> None:
    text = "وقال المشرف العام على البرنامج الوطني للحرف الدكتور جاسر الحربش إن الخطوة جاءت بمبادرة من الهيئة."
    [(content, speaker)] = indirect(text)
    assert content == "الخطوة جاءت بمبادرة من الهيئة"
    assert speaker is not None and speaker.endswith("الدكتور جاسر الحربش")


def test_a_speaker_commenting_on_something_is_still_cut_before_it() -> None:
    text = "وعلّقت الفنانة سارة على ألبومها الجديد قائلة إنه يحمل تجربة مختلفة."
    assert indirect(text) == [("يحمل تجربة مختلفة", "الفنانة سارة")]


def test_the_name_ali_before_an_is_not_the_preposition() -> None:
    text = "وأوضح الرئيس التنفيذي للشركة عادل علي أن إطلاق الرحلات يعكس أهمية السوق."
    assert indirect(text) == [("إطلاق الرحلات يعكس أهمية السوق", "الرئيس التنفيذي للشركة عادل علي")]
    text = "وأكد الوزير على أن الخطة ستنفذ هذا العام."
    assert indirect(text) == [("الخطة ستنفذ هذا العام", "الوزير")]


def test_a_long_role_keeps_the_whole_name_after_it() -> None:
    text = (
        "وأكد معالي أمين العاصمة المقدسة الدكتور أسامه بن فضل البار، حرص الأمانة على الخدمات. "
        "وأشار إلى أن المشاريع ستنجز خلال عام."
    )
    assert indirect(text) == [("المشاريع ستنجز خلال عام", "معالي أمين العاصمة المقدسة الدكتور أسامه بن فضل البار")]


def test_that_before_the_speaker_is_not_his_name() -> None:
    text = "أوضح ذلك مدير عام جمرك الحديثة الأستاذ إبراهيم العنزي وقال: إنه تم إحباط محاولة تهريب."
    assert indirect(text) == [("تم إحباط محاولة تهريب", "مدير عام جمرك الحديثة الأستاذ إبراهيم العنزي")]
