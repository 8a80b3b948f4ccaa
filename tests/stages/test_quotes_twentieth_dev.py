"""Forms behind the errors of held-outs 37-42 (development sets once their pooled test was reported).
The sentences are written for these tests, not copied from the articles."""

from __future__ import annotations

from quote_cases import direct, found


def test_what_is_said_or_said_in_the_proverbs_is_nobodys_quote() -> None:
    assert direct("وهؤلاء لا يلتزمون بشيء؛ فكما يقال: «اطلب العلم ولو في الصين»، ولعلهم نسوا ذلك.") == []
    assert direct('والبعض يعاقب ولا يبالي، وقيل في الأمثال إن "العاقل من اتعظ بغيره". لذلك أقترح حلا.') == []


def test_as_it_is_said_attributes_nothing_to_anyone() -> None:
    text = "بدأت النخلة هذه الأيام تؤتي أكلها وبقدر ما تعطيها تعطيك كما يقال ومن المعروف أنها تعيش طويلا."
    assert found(text) == []


def test_a_clause_before_as_god_said_is_not_gods() -> None:
    text = "لم تكن تلك الأعمال الوحشية غريبة على من يتستر بالدين، كما قال الله تعالى: «ولا تعتدوا»."
    assert [kind for kind, _, _, _ in found(text)] == []


def test_a_hadith_introduced_by_he_says_in_it_is_not_marked() -> None:
    text = "فما بالك أن هناك حديثا للرسول صلى الله عليه وسلم يقول فيه: «الدين النصيحة»، فكيف يفعلون ذلك؟"
    assert direct(text) == []


def test_a_web_address_opening_a_colon_statement_is_nobodys_words() -> None:
    text = (
        "ودعت الجمعية الراغبين في التقدم لزيارة موقعها الإلكتروني على الرابط : http://example.org/apply , "
        "ولإرسال السيرة الذاتية التواصل على البريد الإلكتروني."
    )
    assert direct(text) == []


def test_an_emphatic_inna_sentence_goes_on_with_the_colon_statement() -> None:
    text = (
        "وقال المدرب للصحفيين: اللاعب يعرف أي نوع من المدربين أكون. إنه لاعب يحظى بثقة زملائه لأنه "
        "يعمل بجد.\nوكان النادي قد أعلن التعاقد معه."
    )
    assert [content for content, _ in direct(text)] == [
        "اللاعب يعرف أي نوع من المدربين أكون. إنه لاعب يحظى بثقة زملائه لأنه يعمل بجد"
    ]


def test_a_colon_statement_without_a_hamza_inna_after_it_stops_at_its_sentence() -> None:
    text = "وقال المدرب للصحفيين: اللاعب يعرف أي نوع من المدربين أكون. انه موسم صعب على الجميع."
    assert [content for content, _ in direct(text)] == ["اللاعب يعرف أي نوع من المدربين أكون"]


def test_a_closing_mark_that_closes_nothing_ends_a_colon_statement() -> None:
    text = 'ولما زار الوسيط طهران قال: لقد جئت وسيطا للتوصل إلى حل وسط"، فكانت كلمته سببا في أزمة دبلوماسية.'
    assert [content for content, _ in direct(text)] == ["لقد جئت وسيطا للتوصل إلى حل وسط"]


def test_a_short_outlet_before_a_stray_mark_does_not_cut_the_statement() -> None:
    text = 'وقال المتحدث محمد الشمري لـ :الوطن": تمكنا من اختراق معاقل التنظيم في المدينة.'
    (content,) = [content for content, _ in direct(text)]
    assert content.endswith("تمكنا من اختراق معاقل التنظيم في المدينة")


def test_words_of_a_call_in_marks_before_the_callers_next_clause_are_direct() -> None:
    text = "ودعت السفيرة الحكومة إلى «اقتناص هذه الفرصة» واعدة بأن بلادها ستساعدها على الخروج من عزلتها."
    assert [content for content, _ in direct(text)] == ["اقتناص هذه الفرصة"]


LYRICS = (
    "وقام على تلحين الأغنية الفنان المعروف.. وتقول كلمات الأغنية:\n"
    "يا وطن يا عز الرجال\n"
    "ما لك مثيل بين البلاد\n"
    "نحمي حماك بالحزم والعزم\n"
    "ونعلي رايتك في كل واد سمات أغنية وطن\n"
)


def test_a_songs_lyrics_after_its_frame_are_one_quote_over_their_lines() -> None:
    quotes = direct(LYRICS)
    assert [content for content, _ in quotes] == [
        "يا وطن يا عز الرجال\nما لك مثيل بين البلاد\nنحمي حماك بالحزم والعزم\nونعلي رايتك في كل واد"
    ]


def test_a_poets_verse_after_his_name_is_not_marked() -> None:
    text = "السطر الأخير:\nقال بشار بن برد:\nربابة ربة البيت\nتصب الخل في الزيت\nلها عشر دجاجات\nوديك حسن الصوت."
    assert direct(text) == []


def test_points_of_a_list_after_a_colon_are_no_verse() -> None:
    text = (
        "وقال المدير إن الجامعة تقيس ذلك، وأضاف:\n"
        "- جودة التعليم في الجامعة\n"
        "- عدد الخريجين الفائزين بجوائز\n"
        "- عدد البحوث المنشورة"
    )
    assert direct(text) == [("جودة التعليم في الجامعة", "المدير")]


def test_chanting_participles_frame_their_words() -> None:
    text = "وتظاهر نحو مائتي شخص أمام السفارة هاتفين «أين أنتم؟ بلادنا تحترق» وملوحين بالأعلام."
    assert [content for content, _ in direct(text)] == ["أين أنتم؟ بلادنا تحترق"]
    text = "وسار الأطفال في طابور طويل مرددين الأهزوجة القديمة «نحن الصغار نحب الوطن ونحميه»."
    assert [content for content, _ in direct(text)] == ["نحن الصغار نحب الوطن ونحميه"]


def test_a_line_of_the_lyrics_with_a_colon_of_its_own_is_no_second_quote() -> None:
    text = LYRICS.replace("نحمي حماك بالحزم والعزم", "وإن قال الفخر: ذاك وطن")
    assert len(direct(text)) == 1
