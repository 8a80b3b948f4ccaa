"""Quote forms behind the errors of the first held-out set (now a second development set): time words
and addressees before the subject, outlets in marks, quoted names as subjects, glued full stops,
adjectival participles, new frames inside a complement, verbs added to the lexicon, bylines. The
sentences are written for these tests, not copied from the articles."""

from __future__ import annotations

from quote_cases import found


def test_time_words_before_the_subject_are_skipped() -> None:
    text = "وأوضح أمس الخميس مدير المكتب بأن الحملات مستمرة في جميع المناطق."
    assert found(text) == [("indirect", "الحملات مستمرة في جميع المناطق", "مدير المكتب", None)]


def test_a_subject_after_an_outlet_in_marks() -> None:
    text = 'وقال لـ"الوطن" المهندس سامي العلي، إن المشروع سيكتمل قبل نهاية العام.'
    ((kind, content, speaker, channel),) = found(text)
    assert (kind, content, speaker, channel) == (
        "indirect",
        "المشروع سيكتمل قبل نهاية العام",
        "المهندس سامي العلي",
        "الوطن",
    )


def test_an_addressee_after_the_verb_is_no_subject() -> None:
    text = "وكان السفير قال للملك في لقاء سابق إن العلاقات بين البلدين متينة."
    assert [speaker for _, _, speaker, _ in found(text)] == ["السفير"]


def test_a_topic_before_the_verb_is_no_subject() -> None:
    text = 'وأكد رئيس النادي أن الموسم كان صعبا. وعن المدرب الجديد قال "إنه يملك خبرة كبيرة ونحن سعداء بالتعاقد معه".'
    direct = [speaker for kind, _, speaker, _ in found(text) if kind == "direct"]
    assert direct == ["رئيس النادي"]


def test_the_one_it_befell_before_an_to() -> None:
    text = "وسبق لصحف محلية أن ذكرت أن اللاعب يرغب في الرحيل عن النادي."
    assert found(text) == [("indirect", "اللاعب يرغب في الرحيل عن النادي", "صحف محلية", None)]


def test_a_long_subject_after_an_with_an_apposition_comma() -> None:
    text = (
        "يذكر أن مصدرا مسؤولا في لجنة المسابقات بالاتحاد العربي لكرة القدم للسيدات، قال إن "
        "«القرار سيصدر خلال أيام قليلة من الآن»."
    )
    ((kind, _, speaker, _),) = found(text)
    assert kind == "direct" and speaker is not None and speaker.startswith("مصدرا مسؤولا")


def test_a_verb_inside_a_short_quoted_title_frames_nothing() -> None:
    assert found("ويعرض المسرح الليلة مسرحية «قال الراوي»، وغدا «بيت من ورق الخريف».") == []


def test_a_full_stop_glued_to_the_next_word_closes_the_quotation() -> None:
    text = 'وقالت الفنانة في تدوينة: "الشائعات أصبحت مخيفة جدا، ربنا يستر".وطالبت الجمهور بعدم تصديق الأخبار.'
    direct = [(content, speaker) for kind, content, speaker, _ in found(text) if kind == "direct"]
    assert direct == [("الشائعات أصبحت مخيفة جدا، ربنا يستر", "الفنانة")]


def test_a_narrator_formula_after_a_glued_full_stop_is_no_complement() -> None:
    assert found("ونفت الفنانة إصابتها بالمرض.يذكر أن الفنانة عادت من السفر قبل أسبوع.") == []


def test_a_man_after_a_feminine_call_verb_is_its_object() -> None:
    text = "وقالت الممثلة إن الشائعة آذتها كثيرا. وطالبت الفنان نقيب الممثلين بضرورة التحقيق في الأمر."
    calls = [(content, speaker) for _, content, speaker, _ in found(text) if content.startswith("بضرورة")]
    assert calls == [("بضرورة التحقيق في الأمر", "الممثلة")]


def test_a_quoted_name_before_the_complementizer_is_the_subject() -> None:
    text = "قالت «الشركة الوطنية للاستثمار» إن أرباح الربع الثاني ارتفعت بنسبة كبيرة."
    assert found(text) == [("indirect", "أرباح الربع الثاني ارتفعت بنسبة كبيرة", "الشركة الوطنية للاستثمار", None)]


def test_verbs_added_to_the_lexicon() -> None:
    assert found("وفي بحثهما جادل الباحثان بأن النظام الجديد أدق من سابقه بكثير.") == [
        ("indirect", "النظام الجديد أدق من سابقه بكثير", "الباحثان", None)
    ]
    assert found("وترى الوكالة أن الأسهم مقومة بأقل من قيمتها.") == [
        ("indirect", "الأسهم مقومة بأقل من قيمتها", "الوكالة", None)
    ]
    assert found("واتهم الوزير المعارضة بأن أهدافها سياسية بحتة.")[0][:2] == ("indirect", "أهدافها سياسية بحتة")


def test_seeing_and_accusing_without_a_statement_are_no_quotes() -> None:
    assert found("ويجب تسهيل حياة هذه الفئة حتى ترى أن كل معوق يستطيع قضاء حوائجه بنفسه.") == []
    assert found("واتهم الوزير المعارضة بالتقصير في أداء واجبها.") == []


def test_a_participle_of_cause_ends_the_complement() -> None:
    text = "وأعرب المدير عن أمله في تطبيق النظام مرجعاً ذلك إلى أن الكلفة مرتفعة على الشركات."
    assert [content for _, content, _, _ in found(text)] == [
        "أمله في تطبيق النظام",
        "الكلفة مرتفعة على الشركات",
    ]


def test_an_adjectival_participle_does_not_end_the_complement() -> None:
    text = "وقال المجلس في بيان إن القرار جاء بعد تسجيل حالات إصابة مؤكدة بالفيروس في المدينة."
    assert found(text)[0][1] == "القرار جاء بعد تسجيل حالات إصابة مؤكدة بالفيروس في المدينة"


def test_a_verb_before_a_quotation_ends_the_complement() -> None:
    text = "وأكد المدير أن المهرجان حقق نجاحا كبيرا هذا العام وقال «سنعمل على توسيعه في الأعوام المقبلة»."
    assert [(kind, content) for kind, content, _, _ in found(text)] == [
        ("indirect", "المهرجان حقق نجاحا كبيرا هذا العام"),
        ("direct", "سنعمل على توسيعه في الأعوام المقبلة"),
    ]


def test_a_contrasting_source_ends_the_complement() -> None:
    text = (
        "وأشارت المصادر إلى أن القائد قتل في الشمال، بينما رواية أخرى تؤكدها الاستخبارات تشير إلى أن "
        "القائد قتل في الجنوب."
    )
    quotes = found(text)
    assert [content for _, content, _, _ in quotes] == ["القائد قتل في الشمال", "القائد قتل في الجنوب"]
    assert quotes[0][2] == "المصادر"
    assert quotes[1][2] is not None and "الاستخبارات" in quotes[1][2]


def test_a_pointing_verb_with_an_after_a_pause_and_a_quotation() -> None:
    text = "وأشار المسؤول الذي فضل عدم الكشف عن اسمه، أن «الخطوة لا يمكن أن تتم دون موافقة النادي»."
    assert found(text) == [("direct", "الخطوة لا يمكن أن تتم دون موافقة النادي", "المسؤول", None)]


def test_words_called_in_marks_after_a_describing_verb() -> None:
    text = "وذلك بعد اكتشاف ما وصفته دار النشر بـ«الكنز الأدبي المدفون»."
    assert found(text) == [("direct", "الكنز الأدبي المدفون", "دار النشر", None)]


def test_a_quotation_with_words_of_the_complement_after_it_is_mixed() -> None:
    text = 'وتابع الرئيس أن "لقاءنا الأخير أوحى لي بأنه يغير موقفه" من الأزمة السورية.'
    ((kind, content, _, _),) = found(text)
    assert kind == "indirect" and content.endswith("من الأزمة السورية")


def test_a_byline_is_no_quote() -> None:
    assert found("كتب : سامي العلي\n\nافتتح الوزير المعرض الجديد في العاصمة.") == []


def test_a_colon_quotation_goes_on_through_questions() -> None:
    text = "وقالت صديقتي: كيف تثقين به؟ وكيف تتعاملين معه كل يوم؟ وانتهى الحديث عند هذا الحد."
    ((kind, content, _, _),) = found(text)
    assert kind == "direct" and content == "كيف تثقين به؟ وكيف تتعاملين معه كل يوم؟"


def test_a_participle_takes_the_subject_of_the_verb_that_opens_its_sentence() -> None:
    text = "وهنأ المهندس سامي العلي الموظفين بالعيد، مشيراً إلى أن الشركة حققت أرقاما قياسية هذا العام."
    ((_, _, speaker, _),) = found(text)
    assert speaker is not None and speaker.startswith("المهندس سامي العلي")


def test_an_attribution_tail_beside_a_later_frame_of_its_sentence() -> None:
    text = "ووفقا لتقرير لصحيفة الأيام فإن الممرضة عملت في المستشفى عشر سنوات، وأكدوا أن الضغط كان كبيرا عليها."
    tails = [speaker for _, content, speaker, _ in found(text) if content.startswith("الممرضة")]
    assert len(tails) == 1 and tails[0] is not None and "صحيفة الأيام" in tails[0]
