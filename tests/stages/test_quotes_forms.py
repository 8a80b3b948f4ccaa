"""Quote forms found on the development set that the first extractor missed: nested and reversed
marks, quotations after a long or prepositional gap, colons inside frames, abbreviations in a
speaker's name, attribution tails that open a quotation, statements without marks. The sentences are
written for these tests (in the style of the articles), not copied from them."""

from __future__ import annotations

import pytest
from quote_cases import direct, found, indirect


def test_a_quotation_nested_in_symmetric_marks_stays_whole() -> None:
    text = 'وتابع المصدر بأن "المحتجين أحرقوا سيارات تابعة "للشركة" وحطموا مكاتبها في المدينة".'
    assert direct(text) == [('المحتجين أحرقوا سيارات تابعة "للشركة" وحطموا مكاتبها في المدينة', "المصدر")]


def test_guillemets_written_the_same_way_round_pair() -> None:
    text = "وقال المدير التنفيذي للشركة» إن الشراكة الجديدة ستعزز قدراتنا في السوق» من جهة أخرى افتتح المعرض."
    assert direct(text) == [("إن الشراكة الجديدة ستعزز قدراتنا في السوق", "المدير التنفيذي للشركة")]


def test_a_long_quotation_after_a_prepositional_gap() -> None:
    text = "فقد قال في إحدى خطبه «العلم نور يضيء طريق الأمم نحو التقدم والازدهار» علينا أن نتعلم."
    ((content, speaker),) = direct(text)
    assert content == "العلم نور يضيء طريق الأمم نحو التقدم والازدهار"
    assert speaker != "في إحدى خطبه"  # a prepositional phrase is no speaker


def test_a_short_title_after_the_verb_is_still_no_quote() -> None:
    assert direct("وقال الوزير خلال افتتاح «معرض الكتاب» إن الإقبال كبير.") == []


def test_a_quoted_name_before_the_colon_belongs_to_the_frame() -> None:
    text = "وقال سامي العلي، المدير العام لدى «مطاعم الريف»: «نحن نفتتح فرعين جديدين هذا الشهر في المدينة»."
    assert found(text) == [("direct", "نحن نفتتح فرعين جديدين هذا الشهر في المدينة", "سامي العلي", None)]


def test_that_followed_by_a_colon_introduces_own_words() -> None:
    text = "وقال الوزير إن العمل مستمر. وأضاف أن: هدفنا هو خدمة المواطنين في كل مكان."
    assert direct(text) == [("هدفنا هو خدمة المواطنين في كل مكان", "الوزير")]


def test_an_initial_with_a_full_stop_does_not_end_the_frame() -> None:
    text = 'وقالت سارة إيه. جونسون من جامعة شيكاغو "الدراسة تظهر نتائج مهمة للمرضى في كل الأعمار".'
    ((content, speaker),) = direct(text)
    assert content == "الدراسة تظهر نتائج مهمة للمرضى في كل الأعمار"
    assert speaker is not None and "جونسون" in speaker


def test_an_abbreviation_in_brackets_does_not_end_the_frame() -> None:
    text = 'وقالت الوزيرة لهيئة الإذاعة البريطانية (بي.بي.سي) "لا يمكن أن نقبل بهذا الوضع".'
    assert direct(text) == [("لا يمكن أن نقبل بهذا الوضع", "الوزيرة")]


def test_bequlihi_after_a_long_speaker_phrase() -> None:
    text = "وعلق المدير الاستثماري لشركة الخليج القابضة السيد أحمد سالم بقوله «قمنا بتقييم عروض كثيرة خلال العام»."
    assert direct(text) == [
        ("قمنا بتقييم عروض كثيرة خلال العام", "المدير الاستثماري لشركة الخليج القابضة السيد أحمد سالم")
    ]


def test_a_report_frame_with_ila() -> None:
    text = 'ونسبت الوكالة إلى قائد القوات الجوية قوله "الطيار نجا من الحادث. الطائرة تحطمت بالكامل".'
    assert found(text) == [("direct", "الطيار نجا من الحادث. الطائرة تحطمت بالكامل", "قائد القوات الجوية", "الوكالة")]


def test_a_named_speaker_and_a_colon_inside_a_complement() -> None:
    text = "وذكرت الوزارة في بيان إن اللواء خالد عند تسلمه المنصب: «سنعمل بكل جهد لخدمة الوطن والمواطنين»."
    assert direct(text) == [("سنعمل بكل جهد لخدمة الوطن والمواطنين", "اللواء خالد")]


@pytest.mark.parametrize("closing", ['"', ""])
def test_an_attribution_tail_that_opens_a_quotation(closing: str) -> None:
    text = f'ووفقا لبيان المركز فإن "عدد الإصابات تراجع خلال الأسبوع الماضي بشكل ملحوظ{closing}.'
    ((kind, content, speaker, channel),) = found(text)
    assert (kind, content, channel) == ("direct", "عدد الإصابات تراجع خلال الأسبوع الماضي بشكل ملحوظ", "بيان")
    assert speaker == "المركز"


def test_a_colon_statement_stops_at_a_new_speaker_and_at_narration() -> None:
    text = (
        "وقال الحمود: التلفزيون له فضل كبير على الفنانين، ليرد عليه المالكي قائلاً بأن الحمود يجامل. "
        "وجاءت التغريدات بعد منع المالكي من الظهور."
    )
    assert found(text) == [
        ("direct", "التلفزيون له فضل كبير على الفنانين", "الحمود", None),
        ("indirect", "الحمود يجامل", "المالكي", None),
    ]


def test_a_colon_statement_goes_on_while_the_speaker_says_we() -> None:
    text = "وقال المدير: افتتحنا المركز اليوم. ونحن نسعى إلى توسيعه قريبا. وشهد الحفل حضورا كبيرا."
    assert direct(text) == [("افتتحنا المركز اليوم. ونحن نسعى إلى توسيعه قريبا", "المدير")]


def test_a_first_person_statement_without_marks_or_colon() -> None:
    text = "وقالت الوزيرة إن القرار صائب. وقالت في بيان إذا لم نتحرك اليوم فسوف نفقد ثقة شعبنا."
    assert direct(text) == [("إذا لم نتحرك اليوم فسوف نفقد ثقة شعبنا", "الوزيرة")]


def test_a_third_person_clause_after_the_speaker_is_no_statement() -> None:
    assert direct("وقال الوزير لن تتأثر الخدمات بالقرار الجديد.") == []


def test_adverbs_before_the_speaker_are_not_the_speaker() -> None:
    text = "وقال المالكي إن القرار ظالم. حيث كتب سابقاً مهاجماً الهيئة: «المسؤولون يمنعون الإعلاميين من الظهور»."
    ((content, speaker),) = direct(text)
    assert content == "المسؤولون يمنعون الإعلاميين من الظهور"
    assert speaker == "المالكي"


def test_mubayyinan_is_a_participle_of_speech_not_between() -> None:
    text = 'وأكد الوزير أن المشروع اكتمل، مبيناً في الوقت نفسه "أن الافتتاح سيكون الشهر المقبل بحضور المسؤولين".'
    assert ("أن الافتتاح سيكون الشهر المقبل بحضور المسؤولين", "الوزير") in direct(text)


def test_a_quotation_after_a_comma_may_follow_a_long_apposition() -> None:
    text = 'ويتابع المصدر، المقرب من السلطات المحلية في المدينة الحدودية، "العائلات تنتقل بعد الخروج إلى مكان آمن".'
    assert direct(text) == [("العائلات تنتقل بعد الخروج إلى مكان آمن", "المصدر")]


# --- reported speech ------------------------------------------------------------------------------


def test_a_clause_attributed_by_kama_and_a_speech_verb() -> None:
    text = "زيارة الوزير للقاهرة هي لبدء علاقة استراتيجية كما صرح بنفسه الوزير، وهذا دليل على نجاحها."
    assert indirect(text) == [("زيارة الوزير للقاهرة هي لبدء علاقة استراتيجية", "الوزير")]


def test_kama_without_a_speech_verb_continues_the_content() -> None:
    text = "وقال المشرف إن القرية تضم ركنا للأسر المنتجة، كما تضم أماكن مخصصة للحرفيين."
    assert indirect(text) == [("القرية تضم ركنا للأسر المنتجة، كما تضم أماكن مخصصة للحرفيين", "المشرف")]


def test_a_noun_of_speech_with_its_speaker() -> None:
    text = "وتأتي المقترحات بعد شهر من تصريح الحكومة بأنها ستلغي الدعم الجديد لمزارع الرياح."
    assert indirect(text) == [("ستلغي الدعم الجديد لمزارع الرياح", "الحكومة")]


def test_a_verb_frame_reads_through_a_noun_of_speech() -> None:
    text = "وقال الوزير في تصريح لـ«الوطن» إن المشروع سيكتمل العام المقبل."
    assert found(text) == [("indirect", "المشروع سيكتمل العام المقبل", "الوزير", "الوطن")]


def test_a_participle_clause_of_wishes_ends_the_content() -> None:
    text = "وأكد الشيخ أن الأفراح في العيد هذا العام تعددت، سائلاً الله أن يعيد المناسبة على الوطن."
    assert indirect(text) == [("الأفراح في العيد هذا العام تعددت", "الشيخ")]


def test_a_full_stop_glued_to_the_next_word_ends_the_content() -> None:
    text = "وأكد الشيخ أن الاحتفالات زادت التواصل بين الأهالي .ونوه بجهود البلدية في التنظيم."
    assert indirect(text)[0] == ("الاحتفالات زادت التواصل بين الأهالي", "الشيخ")


def test_abbar_with_its_shadda_is_a_frame_and_without_it_a_preposition() -> None:
    text = "وعبّر والد الطالب عن شكره لكل من ساهم في البحث عن ابنه."
    assert indirect(text) == [("شكره لكل من ساهم في البحث عن ابنه", "والد الطالب")]
    assert found("وشارك الوزير عبر الاتصال المرئي عن بعد في الاجتماع الوزاري.") == []


def test_after_a_participle_come_the_addressees_not_the_speaker() -> None:
    text = "وقال مدير المهرجان علي الغامدي إن الفعاليات متنوعة، داعيًا مبدعي المحافظة إلى المشاركة بأعمالهم الفنية."
    assert indirect(text)[1] == ("المشاركة بأعمالهم الفنية", "مدير المهرجان علي الغامدي")


def test_da_a_takes_ila_and_not_bi() -> None:
    text = "ووقع الرئيس على مشروع قانون يدعو لفرض عقوبات على مسؤولين بسبب سياسات بكين ضد الأقليات."
    assert found(text) == []


def test_a_pronoun_subject_refers_to_the_last_speaker_when_gender_says_nothing() -> None:
    text = "وعلّقت بلقيس على ألبومها بقولها: «أنا كما أنا». وأكدت أنها تحب اللهجة الجنوبية كثيرا."
    assert indirect(text) == [("تحب اللهجة الجنوبية كثيرا", "بلقيس")]


def test_bequlihi_frames_a_quotation_after_a_verb_it_does_not_know() -> None:
    text = 'وعبر أحد الفائزين بالجائزة، بقوله "يسعدني كثيراً قضاء إجازتي في تركيا مع أسرتي".'
    assert direct(text) == [("يسعدني كثيراً قضاء إجازتي في تركيا مع أسرتي", "أحد الفائزين بالجائزة")]


def test_wasafa_reports_only_with_its_that_clause() -> None:
    text = 'ووصفت الحكومة الهجوم بأنه "هجوم إرهابي من جميع النواحي".'
    assert [content for content, _ in direct(text)] == ["هجوم إرهابي من جميع النواحي"]
    assert found("ووصف المخرج الفنان بالجاحد في تغريدة على حسابه.") == []


def test_a_long_quotation_after_a_speaker_phrase_ending_with_an_event() -> None:
    text = 'وقال مسؤولون في المهرجان "يواصل السوق التزامه برعاية المواهب الإماراتية والعربية".'
    assert direct(text) == [("يواصل السوق التزامه برعاية المواهب الإماراتية والعربية", "مسؤولون في المهرجان")]


def test_a_quoted_title_after_a_work_noun_or_a_preposition_is_no_quote() -> None:
    assert direct("وأعلن النادي إعادة نشر كتاب «القصة القصيرة في المملكة منذ نشأتها حتى اليوم».") == []
    assert direct("وتحدث الوزير عن المشاورات في «كيفية دمج أنظمة الدفاع لدول المنطقة كلها».") == []


def test_a_speech_verb_ends_the_speaker_phrase_of_the_frame_before_it() -> None:
    text = "وأضاف البيان الصادر عن وزارة الدفاع قائلا: هذه المناسبة كانت سانحة لنا لتوجيه التعليمات."
    assert direct(text) == [("هذه المناسبة كانت سانحة لنا لتوجيه التعليمات", "البيان الصادر عن وزارة الدفاع")]
