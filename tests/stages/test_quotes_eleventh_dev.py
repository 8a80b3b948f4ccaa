"""Forms behind the direct-quote errors of the twelfth held-out set (now a development set): the
channel "سي إن إن" (CNN), whose إن is no complementizer; a noun object wholly in marks after أعرب عن /
حذر من, which is the speaker's own words; and لكن before a speaker, which is no part of the name. The
sentences are written for these tests, not copied from the articles."""

from __future__ import annotations

from quote_cases import direct, indirect


def test_the_in_of_cnn_is_part_of_the_channel_not_a_complementizer() -> None:
    text = 'وقالت المتحدثة باسم الحملة لمحطة سي إن إن "سنترك له القرار كاملا".'
    assert direct(text) == [("سنترك له القرار كاملا", "المتحدثة باسم الحملة")]
    text = "وقال الوزير لشبكة سي إن إن إن الحكومة ستعلن خطتها قريبا."
    assert indirect(text) == [("الحكومة ستعلن خطتها قريبا", "الوزير")]


def test_a_bracketed_abbreviation_before_in_is_still_followed_by_the_complement() -> None:
    text = "وتقول شركة الأبحاث (بي.سي.سي) إن السوق العالمية ستنمو كثيرا في السنوات المقبلة."
    [(content, speaker)] = indirect(text)
    assert content == "السوق العالمية ستنمو كثيرا في السنوات المقبلة"
    assert speaker is not None and speaker.startswith("شركة الأبحاث")


def test_a_noun_object_wholly_in_marks_after_expressed_or_warned_is_direct() -> None:
    text = 'وأعرب رئيس الإقليم في اتصال هاتفي عن "استيائه من المستوى الخطير الذي وصلت إليه الأوضاع".'
    assert direct(text) == [("استيائه من المستوى الخطير الذي وصلت إليه الأوضاع", "رئيس الإقليم")]
    assert indirect(text) == []
    text = 'وحذر الوزير من "نتائج كارثية ليست في حسبان أحد"، داعيا إلى التهدئة.'
    assert direct(text) == [("نتائج كارثية ليست في حسبان أحد", "الوزير")]


def test_a_noun_object_partly_in_marks_stays_indirect() -> None:
    text = 'وأعرب الوزير عن قلقه من "التصعيد الأخير" في المنطقة الحدودية.'
    assert direct(text) == []
    assert [speaker for _, speaker in indirect(text)] == ["الوزير"]


def test_lakin_before_the_speaker_is_not_part_of_the_name() -> None:
    text = 'لكن المتحدث باسم الوزارة قال في بيان إنه "تم توقيف عدد من المشتبه بهم في التفجيرات".'
    assert direct(text) == [("تم توقيف عدد من المشتبه بهم في التفجيرات", "المتحدث باسم الوزارة")]


def test_one_word_after_wasafa_is_what_was_described_not_the_speaker() -> None:
    text = "وقال المتحدث سامي الأحمد: “الوضع في السجون خطير بالفعل”، ووصف الأمر بأنه “مقلق جدا ويحتاج إلى تحرك”."
    assert [speaker for _, speaker in direct(text)] == ["المتحدث سامي الأحمد", "المتحدث سامي الأحمد"]


def test_li_hayah_after_a_role_names_the_speakers_body_not_a_channel() -> None:
    text = "وأوضح المتحدث الرسمي لهيئة الهلال الأحمر بمنطقة الرياض عبدالله المريبض أن الفرق باشرت الحادث فورا."
    [(_, speaker)] = indirect(text)
    assert speaker == "المتحدث الرسمي لهيئة الهلال الأحمر بمنطقة الرياض عبدالله المريبض"
    text = "وقال المدير لهيئة الإذاعة البريطانية إن الفرق باشرت الحادث فورا."
    assert indirect(text) == [("الفرق باشرت الحادث فورا", "المدير")]


def test_the_journalists_spoken_to_are_neither_speaker_nor_channel() -> None:
    from akhbar.stages.quotes import extract_quotes

    text = "وقال الوزير للصحفيين إن الفرق باشرت الحادث فورا."
    [quote] = extract_quotes("x", text)
    assert (quote.speaker, quote.channel) == ("الوزير", None)


def test_a_source_between_dashes_after_the_speaker_is_no_quote_and_no_part_of_the_speaker() -> None:
    from akhbar.stages.quotes import extract_quotes

    text = 'وقال محسن مرزوق - حسب ما أوردته صحيفة الصباح التونسية- "الأهم بالنسبة إلينا هو رؤية الزوار في أسواقنا".'
    quotes = extract_quotes("x", text)
    assert [(q.kind, text[q.start : q.end], q.speaker) for q in quotes] == [
        ("direct", "الأهم بالنسبة إلينا هو رؤية الزوار في أسواقنا", "محسن مرزوق")
    ]


def test_a_role_between_dashes_is_left_out_of_the_speaker_but_a_name_after_a_role_is_kept() -> None:
    text = "وقال سعد العمري -مدير لجنة التنمية الأسرية- إن الأسر تحتاج إلى دعم أكبر."
    assert indirect(text) == [("الأسر تحتاج إلى دعم أكبر", "سعد العمري")]
    text = "وقال الناطق باسم اللجنة الشعبية- محمد عوض إن المستوطنين هاجموا المزارعين."
    [(_, speaker)] = indirect(text)
    assert speaker is not None and speaker.endswith("محمد عوض")
    text = "وقال وزير الخارجية إيمانويل إيسوزي-نجونديت إن بلاده ترحب بالقرار."
    assert indirect(text) == [("بلاده ترحب بالقرار", "وزير الخارجية إيمانويل إيسوزي-نجونديت")]


def test_a_colon_statement_goes_on_over_its_numbered_points() -> None:
    text = (
        "وقالت الأمانة في بيان لها: أغلقت البلدية المطعم بعد رصد المخالفات التالية: 1- تدني مستوى النظافة. "
        "2- عدم تغطية أوعية النفايات. 3- وجود حشرات داخل المحل. وكانت الأمانة أغلقت مطاعم أخرى."
    )
    [(content, speaker)] = direct(text)
    assert content.startswith("أغلقت البلدية") and content.endswith("وجود حشرات داخل المحل")
    assert speaker == "الأمانة"


def test_a_new_wa_qala_inna_ends_the_complement_before_it() -> None:
    text = "وحذر السفير من التراجع عن البيانات السابقة وقال إن «الصين تنتظر لترى ما إذا كان سيعبر عن أسفه»."
    assert direct(text) == [("الصين تنتظر لترى ما إذا كان سيعبر عن أسفه", "السفير")]
    assert indirect(text) == [("التراجع عن البيانات السابقة", "السفير")]
    text = "وأكد الوزير أن المشروع سينتهي قريبا وقال إن التمويل متوفر بالكامل."
    assert indirect(text) == [("المشروع سينتهي قريبا", "الوزير"), ("التمويل متوفر بالكامل", "الوزير")]


def test_gharrada_frames_a_tweet_with_twitter_as_channel() -> None:
    from akhbar.stages.quotes import extract_quotes

    text = 'وغرد نايف المالكي "لا نكرر الخطأ نفسه بعد كل عملية وننسى المحرض".'
    [quote] = extract_quotes("x", text)
    assert (quote.kind, text[quote.start : quote.end], quote.speaker, quote.channel) == (
        "direct",
        "لا نكرر الخطأ نفسه بعد كل عملية وننسى المحرض",
        "نايف المالكي",
        "تويتر",
    )
    assert indirect("أطالب الجميع من إعلاميين وكتاب ومغردين بأن يتحروا الدقة في كل ما ينشرونه.") == []


def test_the_colon_of_a_time_of_day_frames_nothing() -> None:
    assert direct("وأعلن التحالف هدنة يبدأ سريانها الساعة 11:59 ليل الأحد لمدة خمسة أيام.") == []


def test_a_participle_written_with_its_damma_is_no_passive() -> None:
    text = "وقال الوزير إن المشروع انتهى، مُضيفاً أن التمويل متوفر بالكامل."
    assert indirect(text) == [("المشروع انتهى", "الوزير"), ("التمويل متوفر بالكامل", "الوزير")]
    text = "وأُعلن أن المشروع انتهى في موعده المحدد."
    assert indirect(text) == [("المشروع انتهى في موعده المحدد", None)]
