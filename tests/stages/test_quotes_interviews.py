"""Question-and-answer interviews (حوار): each answer is a direct quote by the interviewee, as the
annotators of held-out 51 marked them; the questions are not quotes. The texts are written for these
tests in the style of SaudiNewsNet interviews (newlines lost, or kept), not copied from them."""

from __future__ import annotations

from quote_cases import direct, found

from akhbar.stages.quotes import extract_quotes

# An interview whose newlines were lost: "- question؟ answer" segments after "وكان هذا الحوار:".
FLAT = (
    'حاوره: أحمد علي أعرب المدرب الكرواتي ماركو يوفيتش في حديث حصري لـ "سبق" عن سعادته بالعودة '
    'إلى الدوري الخليجي. "سبق" التقت يوفيتش، المدرب السابق لنادي الفيصلي، وكان هذا الحوار: \xa0 '
    "- في البداية، نرحب بوجودك معنا. كل الشكر لك يا صديقي، وأنا سعيد بالعودة إلى الخليج. \xa0 "
    "- ما مهمتك بالضبط في الفريق؟ سأكون مشرفاً فنياً على قطاع الكرة هناك. \xa0 "
    "- هل ما زلت تتابع الدوري السعودي؟ نعم، أتابعه بانتظام، وأعرف كل شيء عنه.. عندي القناة الرياضية. \xa0 "
    "- من الأفضل في رأيك؟ بكل تأكيد هو النصر؛ حصل على الكأس.. مبروك للمدرب. \xa0 "
    "- ختاماً.. كل الشكر لك. الشكر لكم، وتمنياتي بالتوفيق للكرة السعودية. "
)


def test_each_answer_of_a_flat_interview_is_a_direct_quote_by_the_interviewee() -> None:
    answers = [(content, speaker) for content, speaker in direct(FLAT)]
    assert [content for content, _ in answers] == [
        "كل الشكر لك يا صديقي، وأنا سعيد بالعودة إلى الخليج",
        "سأكون مشرفاً فنياً على قطاع الكرة هناك",
        "نعم، أتابعه بانتظام، وأعرف كل شيء عنه.. عندي القناة الرياضية",
        "بكل تأكيد هو النصر؛ حصل على الكأس.. مبروك للمدرب",
        "الشكر لكم، وتمنياتي بالتوفيق للكرة السعودية",
    ]
    assert all(speaker is not None and "يوفيتش" in speaker for _, speaker in answers)


def test_the_questions_are_not_quotes_and_the_channel_is_the_outlet() -> None:
    quotes = found(FLAT)
    assert not any("مهمتك" in content or "تتابع الدوري" in content for _, content, _, _ in quotes)
    assert {channel for kind, _, _, channel in quotes if kind == "direct"} == {"سبق"}


def test_star_questions_with_dash_answers_on_their_own_lines() -> None:
    text = (
        "أكد رئيس نادي الوحدة هشام مرسي أن الفريق جاهز للموسم، «الجزيرة» التقت رئيس الوحدة وأجرت معه "
        "هذا الحوار:\n"
        "* هل وصلتم لحلول في شكاوى اللاعبين؟\n- نعم، أنهينا ثماني شكاوى من أصل سبع وعشرين.\n"
        "* ما رسالتك للجماهير؟\n- أطالبهم بالصبر على الإدارة، فالعمل مستمر.\n"
        "* متى يبدأ المعسكر؟\n- يبدأ المعسكر الأسبوع المقبل في مصر.\n"
    )
    answers = [(content, speaker) for content, speaker in direct(text)]
    assert [content for content, _ in answers] == [
        "نعم، أنهينا ثماني شكاوى من أصل سبع وعشرين",
        "أطالبهم بالصبر على الإدارة، فالعمل مستمر",
        "يبدأ المعسكر الأسبوع المقبل في مصر",
    ]
    assert all(speaker is not None and "هشام مرسي" in speaker for _, speaker in answers)


def test_the_title_names_the_interviewee_when_the_intro_does_not() -> None:
    text = (
        "تناول الحوار العديد من المحاور الاقتصادية، فإلى تفاصيل الحوار: \xa0 "
        "* كيف ترى أسعار النفط؟ - أسعار النفط ستتعافى خلال عامين. \xa0 "
        "* وماذا عن البطالة؟ - البطالة مشكلة تحتاج إلى تخطيط طويل. \xa0 "
        "* هل ينجح برنامج حافز؟ - نجح جزئياً ويحتاج إلى مراجعة. \xa0 "
    )
    assert direct(text) == []  # no interviewee named: nothing is guessed
    quotes = extract_quotes("a", text, title='"الدخيل" لـ"سبق": أطالب بإلغاء ثلث الوزارات')
    assert [(text[q.start : q.end], q.speaker) for q in quotes if q.kind == "direct"] == [
        ("أسعار النفط ستتعافى خلال عامين", "الدخيل"),
        ("البطالة مشكلة تحتاج إلى تخطيط طويل", "الدخيل"),
        ("نجح جزئياً ويحتاج إلى مراجعة", "الدخيل"),
    ]


def test_a_quote_inside_an_answer_keeps_its_own_speaker() -> None:
    text = (
        "«الشرق الأوسط» التقت الوزير سامي العلي وكان هذا الحوار:\n"
        "* ماذا قال لكم الرئيس؟\n- قال الرئيس: «سندعم المشروع حتى نهايته»، وهذا ما نعمل عليه.\n"
        "* ما خطتكم للعام المقبل؟\n- خطتنا أن نفتتح ثلاثة مصانع جديدة.\n"
        "* هل أنت متفائل؟\n- نعم، أنا متفائل جداً بالمستقبل.\n"
    )
    quotes = found(text)
    assert ("direct", "سندعم المشروع حتى نهايته", "الرئيس", None) in quotes
    assert [(content, speaker) for kind, content, speaker, _ in quotes if kind == "direct" and speaker != "الرئيس"] == [
        ("قال الرئيس: «سندعم المشروع حتى نهايته»، وهذا ما نعمل عليه", "الوزير سامي العلي"),
        ("خطتنا أن نفتتح ثلاثة مصانع جديدة", "الوزير سامي العلي"),
        ("نعم، أنا متفائل جداً بالمستقبل", "الوزير سامي العلي"),
    ]


def test_a_bulleted_explainer_with_questions_is_no_interview() -> None:
    text = (
        "يشرح هذا الدليل أبرز ما يسأل عنه مرضى السكري في رمضان، ضمن لقاء توعوي نظمه المستشفى.\n"
        "* هل يجوز لمريض السكري أن يصوم؟\n- يعتمد ذلك على نوع السكري ومدى انتظامه.\n"
        "* ما الأطعمة المناسبة للسحور؟\n- الأطعمة الغنية بالألياف والبروتين.\n"
        "* متى يجب قطع الصيام؟\n- عند انخفاض السكر عن سبعين.\n"
    )
    assert direct(text) == []


def test_an_op_ed_asking_questions_is_no_interview() -> None:
    text = (
        "في حوار مع نفسي سألت عن مصير المشاريع المتعثرة:\n"
        "- لماذا تتأخر المشاريع الحكومية سنوات؟\n- ومن يحاسب المقاول المتعثر؟\n"
        "- وهل تكفي الغرامات لردع المقصرين؟\n- وأين دور هيئة مكافحة الفساد؟\n"
        "أسئلة تنتظر إجابات واضحة من الوزارة.\n"
    )
    assert direct(text) == []
