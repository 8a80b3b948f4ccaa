"""The normalized shadow: one table per rule, exact offsets, the original untouched."""

from __future__ import annotations

from akhbar.lang.ar import (
    arabic_ratio,
    normalize,
    normalize_with_offsets,
    strip_diacritics,
    strip_format_characters,
    strip_tatweel,
    unify_alef,
    unify_alef_maqsura,
    unify_digits,
    unify_hamza_carriers,
    unify_persian_letters,
    unify_quotes,
    unify_ta_marbuta,
)
from akhbar.lang.ar.normalize import normalization_map


def test_each_rule_has_its_helper() -> None:
    assert unify_alef("أإآٱ") == "اااا"
    assert unify_hamza_carriers("مسؤول رئيس") == "مسوول رييس"
    assert unify_ta_marbuta("مدرسة") == "مدرسه"
    assert unify_alef_maqsura("مصطفى") == "مصطفي"
    assert strip_diacritics("مُحَمَّدٌ") == "محمد"
    assert strip_tatweel("الرئ\u0640\u0640يس") == "الرئيس"
    assert strip_format_characters("\u200fداعش\u200c") == "داعش"
    assert unify_persian_letters("\u06a9\u06cc") == "كي"
    assert unify_digits("٢٠١٥ ۱۴۳۶") == "2015 1436"
    assert unify_quotes("«داعش» “x” ‘y’") == '"داعش" "x" \'y\''


def test_normalize_applies_all_rules_and_leaves_the_rest() -> None:
    assert normalize("قالَ الرئيسُ «المصري» في ٢٠١٥: إنّ") == 'قال الرييس "المصري" في 2015: ان'
    assert normalize("Hello, world! 42") == "Hello, world! 42"
    assert normalize("") == ""


def test_normalize_never_changes_the_original() -> None:
    original = "أحمدُ\u0640 «قال»"
    copy = str(original)
    normalize(original)
    normalize_with_offsets(original)
    assert original == copy


def test_presentation_forms_expand_to_letters() -> None:
    assert normalize("\ufefb") == "لا"  # lam-alef ligature
    shadow = normalize_with_offsets("ب\ufefbد")
    assert shadow.text == "بلاد"
    assert shadow.offsets == (0, 1, 1, 2)


def test_offsets_point_at_the_original_characters() -> None:
    text = "الرَّئيس\u0640 قال"
    shadow = normalize_with_offsets(text)
    assert shadow.text == "الرييس قال"
    assert len(shadow.offsets) == len(shadow.text)
    for index, char in enumerate(shadow.text):
        assert normalize(text[shadow.offsets[index]]) == char


def test_to_original_includes_marks_written_after_the_last_letter() -> None:
    text = "غداً وبعده"
    shadow = normalize_with_offsets(text)
    start, end = shadow.to_original(0, 3)
    assert text[start:end] == "غداً"
    start, end = shadow.to_original(4, len(shadow.text))
    assert text[start:end] == "وبعده"


def test_to_original_of_an_empty_or_final_span() -> None:
    shadow = normalize_with_offsets("ab")
    assert shadow.to_original(1, 1) == (1, 1)
    assert shadow.to_original(2, 2) == (2, 2)


def test_every_mapping_is_a_fixed_point_once_applied() -> None:
    for replacement in normalization_map().values():
        assert normalize(replacement) == replacement


def test_arabic_ratio() -> None:
    assert arabic_ratio("قال الرئيس") == 1.0
    assert arabic_ratio("hello") == 0.0
    assert arabic_ratio("123 !!") == 0.0
    assert arabic_ratio("قال hello") == 3 / 8
