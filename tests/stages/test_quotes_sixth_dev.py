"""Quote forms behind the errors of the fifth held-out set (now a sixth development set): a name in
marks after an indefinite naming noun, a city tagging a headline, a mark glued to a colon, brackets
used as quotation marks, the terms of a decision or a law (ينص على أن), a related headline line
"المتحدث: …" of someone quoted in the article, a quotation whose closing mark is missing, the subject
of "أما فلان فقال", and a question's answer opening with فـ. The sentences are written for these
tests, not copied from the articles."""

from __future__ import annotations

from quote_cases import direct, indirect


def test_a_name_in_marks_after_an_indefinite_naming_noun_is_no_quote() -> None:
    text = 'وأضاف سالم خلال لقائه بفضائية " الرياضة اليوم مساء "، أن الموسم سيبدأ في موعده.'
    assert direct(text) == []
    assert indirect(text) == [("الموسم سيبدأ في موعده", "سالم")]
    text = 'وقال الحزب إنه سيعلن اليوم تفاصيل مشروع "المدينة الاقتصادية الجديدة للبلاد" في مؤتمر صحفي.'
    assert direct(text) == []


def test_a_city_before_a_headline_colon_is_no_speaker() -> None:
    text = "وقع الحادث مساء أمس. رابط الخبر بصحيفة الوئام: واشنطن: التنظيم يجمع ملايين الدولارات شهريا من النفط"
    assert direct(text) == []
    text = "وقع الحادث مساء أمس. رابط الخبر بصحيفة الوئام: الأمم المتحدة: سنزيد المساعدات للمدينة مع انتقال القتال"
    assert direct(text) == [("سنزيد المساعدات للمدينة مع انتقال القتال", "الأمم المتحدة")]


def test_a_mark_glued_to_a_colon_opens_the_quotation() -> None:
    text = 'وقال المدرب إن الفريق جاهز.\n\nوأردف:" سنلعب للفوز في كل مباراة هذا الموسم. وأردف:" لن نستسلم أبدا مهما حدث'
    assert [content for content, _ in direct(text)] == [
        "سنلعب للفوز في كل مباراة هذا الموسم",
        "لن نستسلم أبدا مهما حدث",
    ]


def test_a_complement_wholly_in_brackets_is_direct() -> None:
    text = (
        "أوضح الوزير خلال استقباله الرياضيين أن (التنافس يجب أن تحكمه الأخلاق ونبذ التعصب بين الجماهير)"
        " وهذا التوجيه مهم."
    )
    assert direct(text) == [("التنافس يجب أن تحكمه الأخلاق ونبذ التعصب بين الجماهير", "الوزير")]


def test_a_name_in_brackets_inside_a_complement_stays_indirect() -> None:
    text = "وأكد المدير أن (نظام حصن للمراقبة) والمعمول به منذ عامين أسهم في اكتشاف الحالات مبكرا."
    assert direct(text) == []
    assert [speaker for _, speaker in indirect(text)] == ["المدير"]
    text = "وقال المتحدث أن (واس) نشرت الخبر أمس."
    assert direct(text) == []


def test_the_terms_of_a_decision_are_its_words() -> None:
    text = (
        'وأصدر الرئيس قرارا بمد حالة الطوارئ.\nوينص القرار على أن "يكون حظر التجوال من السابعة مساء حتى السادسة صباحا".'
    )
    assert direct(text) == [("يكون حظر التجوال من السابعة مساء حتى السادسة صباحا", "القرار")]
    text = "وعلى الشركات أن تتبع قانون الكونغرس الذي ينص على أن الشركة تعلن أرباحها كل ثلاثة أشهر."
    assert indirect(text) == [("الشركة تعلن أرباحها كل ثلاثة أشهر", "قانون الكونغرس")]


def test_a_headline_line_of_a_quoted_speaker_is_direct() -> None:
    text = (
        "أكد الإعلامي أحمد موسى أن الزحام أمام المدارس سيزيد الإصابات.\n\n"
        "أحمد موسى: الجيش المصري التاسع عالميا في الترتيب\n\n"
        "القاهرة: افتتاح ثلاثة مستشفيات جديدة هذا الأسبوع"
    )
    assert direct(text) == [("الجيش المصري التاسع عالميا في الترتيب", "أحمد موسى")]


def test_a_headline_line_of_someone_not_quoted_is_no_quote() -> None:
    text = "افتتح المعرض أمس في الرياض.\n\nسالم الأحمد: الجيش المصري التاسع عالميا في الترتيب"
    assert direct(text) == []


def test_a_quotation_whose_closing_mark_is_missing_ends_with_its_sentence() -> None:
    text = (
        'وقال خالد إن المتنزه بلا ماء.\n أما بندر الزهراني فقال "حاولنا البحث عن المسؤول دون جدوى، '
        "والبعض يتهرب منا. وتساءل: أين الصيانة المشرفة على المتنزه؟ فما يحدث يعتبر إهمالا غير مقبول.\n"
        " من جهته، قال مصدر مسؤول إن العمل جار."
    )
    assert direct(text) == [
        ("حاولنا البحث عن المسؤول دون جدوى، والبعض يتهرب منا", "بندر الزهراني"),
        ("أين الصيانة المشرفة على المتنزه؟ فما يحدث يعتبر إهمالا غير مقبول", "بندر الزهراني"),
    ]


def test_amma_names_the_speaker_of_the_fa_verb() -> None:
    text = "وقال خالد إن الأسعار مرتفعة.\n أما سعيد الغامدي فأوضح أن الزحام سببه موسم الأعراس."
    assert indirect(text) == [
        ("الأسعار مرتفعة", "خالد"),
        ("الزحام سببه موسم الأعراس", "سعيد الغامدي"),
    ]


def test_a_fa_sentence_goes_on_only_after_a_question() -> None:
    text = "وقال الشيخ: لا تسأل الإمارة. فهذا الحديث نص في المسألة."
    assert direct(text) == [("لا تسأل الإمارة", "الشيخ")]
