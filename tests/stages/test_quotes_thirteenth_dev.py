"""Forms behind the errors of held-outs 19-21 (development sets once their pooled test was reported):
a name set off by commas after a role when it carries a family name with ال, a title, or the outlet
after it; "المشرف على البرنامج" inside a speaker; verses and hadiths, which are never marked; يتساءل;
a warning's object in marks with a modifier after it; and what something was called, in marks, after
وصف/اتهم … بأنه. The sentences are written for these tests, not copied from the articles."""

from __future__ import annotations

from quote_cases import direct, indirect


def test_a_name_with_a_family_article_after_the_role_is_the_speakers() -> None:
    text = "ويرى أستاذ العلوم السياسية بالجامعة، صالح البيحاني، أن الأزمة ستطول."
    assert indirect(text) == [("الأزمة ستطول", "أستاذ العلوم السياسية بالجامعة، صالح البيحاني")]
    text = "وقال المدير العام للمنظمة، الدكتور خالد العتيبي، إن العمل مستمر."
    assert indirect(text) == [("العمل مستمر", "المدير العام للمنظمة، الدكتور خالد العتيبي")]


def test_a_name_after_the_role_may_end_at_the_outlet() -> None:
    text = "وقال الرئيس السابق للبلدية، مصطفى أوغلو لوكالة الصحافة الفرنسية، إن المنزل سيرمم."
    [(content, speaker)] = indirect(text)
    assert content == "المنزل سيرمم"
    assert speaker == "الرئيس السابق للبلدية، مصطفى أوغلو"


def test_a_role_after_a_comma_is_not_taken_as_a_name() -> None:
    assert indirect("وقال الوزير، المسؤول عن الملف، إن العمل مستمر.") == [("العمل مستمر", "الوزير")]


def test_the_overseer_of_a_programme_is_no_channel() -> None:
    text = "وأكد المشرف على البرنامج الدكتور عبدالرحمن السلمي، أن البرنامج ناجح."
    assert indirect(text) == [("البرنامج ناجح", "المشرف على البرنامج الدكتور عبدالرحمن السلمي")]


def test_verses_and_hadiths_are_not_marked() -> None:
    assert direct('لقد قال تعالى "قل بفضل الله وبرحمته فبذلك فليفرحوا"، فبدل أن يكون العيد حزنا.') == []
    text = "وقد جاء في الحديث عن النبي عليه الصلاة والسلام: «إذا مات ابن آدم انقطع عمله إلا من ثلاث»."
    assert direct(text) == []
    text = "وقال الشيخ: «إن الأمة تمر بمرحلة صعبة تحتاج إلى الوحدة»."
    assert direct(text) == [("إن الأمة تمر بمرحلة صعبة تحتاج إلى الوحدة", "الشيخ")]


def test_the_imperfect_of_asked_frames_a_question() -> None:
    text = "يتساءل الكاتب الصحفي إبراهيم نسيب: بأي ذنب قتلت المعلمة بين أروقة الجامعة؟"
    assert direct(text) == [("بأي ذنب قتلت المعلمة بين أروقة الجامعة؟", "الكاتب الصحفي إبراهيم نسيب")]


def test_a_warnings_object_in_marks_before_a_modifier_is_direct() -> None:
    text = "وحذر رئيس البلدية أمس من «المخاطر الملموسة لوقوع أعمال إرهابية» في العاصمة خلال الاحتفالات."
    assert direct(text) == [("المخاطر الملموسة لوقوع أعمال إرهابية", "رئيس البلدية")]
    assert indirect(text) == []


def test_what_it_was_called_in_marks_after_bi_annahu_is_direct() -> None:
    text = "ووصف رئيس الوزراء الهجوم بأنه “جريمة كراهية بغيضة” وحذر الرئيس من التعصب."
    [(content, speaker)] = direct(text)
    assert content == "جريمة كراهية بغيضة"
    assert speaker is not None and speaker.startswith("رئيس الوزراء")


def test_a_marked_piece_the_clause_goes_on_after_stays_mixed() -> None:
    text = 'كما اتهم الحزب والتنظيم بان "مصلحتهما واحدة" في إضعاف الدولة.'
    assert direct(text) == []


def test_a_colon_statement_stops_where_the_narrator_attributes_again() -> None:
    text = "وقال: نحن نخطط أيضا لإجراء محادثات سياسية. وبحسب السفير فإن الحديث يدور عن تعاون بلادنا."
    assert [content for content, _ in direct(text)] == ["نحن نخطط أيضا لإجراء محادثات سياسية"]
