"""Round twenty-four: what a speaker called something, in marks after وصف … بأنه/بـ (the errors of
held-outs 49-54 and the tail of earlier sets). The sentences are written for these tests, not copied
from the articles."""

from __future__ import annotations

from quote_cases import direct


def test_the_participle_carries_the_last_speakers_description() -> None:
    text = "وقال الرئيس محمود عباس إنه سيتوجه إلى المحكمة الدولية واصفا ما جرى بأنه «جريمة حرب» جديدة."
    assert ("جريمة حرب", "الرئيس محمود عباس") in direct(text)
    text = "وعبر المصطافون عن استيائهم من التنظيم، واصفين رحلتهم ب «سياحة البحث عن سكن»، ومطالبين بحلول."
    assert ("سياحة البحث عن سكن", "المصطافون") in direct(text)


def test_a_description_after_bi_glued_or_spaced_is_quoted() -> None:
    text = (
        "وقالت المديرة إن النمو هش. "
        'ووصفت المديرة الاقتصاد الأمريكي بـ «اللاعب القوي» في حين وصفت الصيني بـ"اللاعب المرن".'
    )
    assert [content for content, _ in direct(text)] == ["اللاعب القوي", "اللاعب المرن"]
    assert {speaker for _, speaker in direct(text)} == {"المديرة"}


def test_the_subject_after_an_object_pronoun_speaks() -> None:
    text = "وعقدت اللجنة اجتماعها الثالث التي وصفها أعضاء اللجنة بـ«الإيجابية والمثمرة» أمس."
    assert direct(text) == [("الإيجابية والمثمرة", "أعضاء اللجنة")]
    text = "أما الكذب فيعرفه العالم إكمان بأنه «قرار يستهدف التضليل دون إشارة إليه»."
    assert direct(text) == [("قرار يستهدف التضليل دون إشارة إليه", "العالم إكمان")]


def test_names_and_nouns_are_not_descriptions() -> None:
    assert direct("وانتشرت في المدينة ميليشيات تعرف بـ«الشبيحة» منذ سنوات.") == []
    assert direct("وقاد الهجوم تنظيم الدولة أو ما يعرف بـ«داعش» في المنطقة.") == []
    assert direct("وكان التنظيم الذي يصف نفسه بـ«جماعات مستقلة» قد أعلن مسؤوليته.") == []
    assert direct("وقد وصف بـ«المتخصص» في أكثر من مناسبة.") == []
    assert direct("ونفى المتحدث ما تداولته المواقع عن وصف الطفلة بـ«الضعيفة».") == []
    assert direct("وجاء ذلك في معرض وصفه لنقاش المجلس بأنه «الأهم» منذ عقد.") == []


def test_marks_without_bi_are_left_to_the_frames() -> None:
    assert direct("ووصف الرئيس «الاتفاق» في خطابه أمس.") == []
