"""Sentence spans into the original text."""

from __future__ import annotations

from akhbar.lang.ar import split_sentences


def _sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def test_splits_on_full_stops_questions_and_exclamations() -> None:
    text = "وصل الوزير إلى الرياض. هل يلتقي الملك؟ نعم! وسيغادر غداً."
    assert _sentences(text) == ["وصل الوزير إلى الرياض.", "هل يلتقي الملك؟", "نعم!", "وسيغادر غداً."]


def test_commas_and_semicolons_do_not_split() -> None:
    text = "قال الوزير، في مؤتمر صحفي؛ إن الاتفاق قريب."
    assert _sentences(text) == [text]


def test_newlines_always_split_and_spans_are_trimmed() -> None:
    text = "  العنوان الأول  \n\nالفقرة الثانية. والثالثة"
    assert _sentences(text) == ["العنوان الأول", "الفقرة الثانية.", "والثالثة"]
    for start, end in split_sentences(text):
        assert text[start:end] == text[start:end].strip()


def test_short_quotations_stay_whole() -> None:
    text = "قال الرئيس: «لن نتراجع. سنمضي قدماً.» ثم غادر القاعة."
    assert _sentences(text) == ["قال الرئيس: «لن نتراجع. سنمضي قدماً.»", "ثم غادر القاعة."]


def test_long_quotations_split_like_prose() -> None:
    long_sentence = "نحن ملتزمون بالعمل مع شركائنا في المنطقة " * 4
    text = f"وقال: «{long_sentence.strip()}. {long_sentence.strip()}.» وانتهى."
    assert len(split_sentences(text)) == 3


def test_abbreviations_do_not_split() -> None:
    text = "التقى د. محمد العلي بالوفد. ثم غادر."
    assert _sentences(text) == ["التقى د. محمد العلي بالوفد.", "ثم غادر."]
    assert len(split_sentences("أكد أ.د. خالد ذلك.")) == 1


def test_year_markers_end_a_sentence_unless_the_date_goes_on() -> None:
    assert len(split_sentences("ولد عام 1950م. وتوفي عام 2000م.")) == 2
    assert len(split_sentences("في 5 شوال 1436هـ. الموافق 21 يوليو 2015م.")) == 1
    assert len(split_sentences("انظر ص. 12 من التقرير.")) == 1


def test_ellipsis_and_decimals_do_not_split() -> None:
    assert len(split_sentences("ارتفع المؤشر 3.5 في المئة... ثم تراجع.")) == 1


def test_empty_text() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n ") == []


def test_a_full_stop_glued_to_the_next_word_ends_a_sentence() -> None:
    # the seed's sub-heading glued to the sentence before it
    text = "وأعلن عن انسحاب أمريكي.بداية جديدة مع العراق"
    assert _sentences(text) == ["وأعلن عن انسحاب أمريكي.", "بداية جديدة مع العراق"]
    assert _sentences("وقال إن القرار «نهائي».وطالبت اللجنة بالتنفيذ") == [
        "وقال إن القرار «نهائي».",
        "وطالبت اللجنة بالتنفيذ",
    ]
    # abbreviations and initials stay whole: fewer than three letters before the full stop
    assert len(split_sentences("نقلت بي.بي.سي الخبر")) == 1
    assert len(split_sentences("أكد أ.د.خالد ذلك")) == 1


def test_a_full_stop_before_a_no_break_space_ends_a_sentence() -> None:
    text = "وافتتح الوزير المعرض.\xa0 وأوضح أن المعرض يستمر أسبوعا."
    assert _sentences(text) == ["وافتتح الوزير المعرض.", "وأوضح أن المعرض يستمر أسبوعا."]
    assert _sentences("في الرياض\xa0أمس") == ["في الرياض\xa0أمس"]  # not after a full stop
