"""Tokens, clitics that keep names intact, stopwords and match terms."""

from __future__ import annotations

import pytest

from akhbar.lang.ar import match_key, match_terms, split_clitics, stopwords, strip_clitics, tokenize


def test_tokens_keep_original_offsets_and_both_forms() -> None:
    text = "قالَ وزيرُ الخارجية «الأميركي» لبايدن، وبغداد\u0640 2015."
    tokens = tokenize(text)
    assert [t.surface for t in tokens] == ["قالَ", "وزيرُ", "الخارجية", "الأميركي", "لبايدن", "وبغداد\u0640", "2015"]
    for token in tokens:
        assert text[token.start : token.end] == token.surface
    by_surface = {t.surface: t for t in tokens}
    assert by_surface["لبايدن"].norm == "لبايدن"
    assert by_surface["لبايدن"].stem == "بايدن"
    assert by_surface["وبغداد\u0640"].norm == "وبغداد"
    assert by_surface["وبغداد\u0640"].stem == "بغداد"
    assert by_surface["2015"].stem == "2015"


def test_tokenize_handles_empty_and_symbol_only_text() -> None:
    assert tokenize("") == []
    assert tokenize(" ،.؟ ") == []
    assert tokenize("\u0640\u0640\u0640") == []


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("بغداد", "بغداد"),
        ("ببغداد", "بغداد"),
        ("وبغداد", "بغداد"),
        ("لبغداد", "بغداد"),
        ("بايدن", "بايدن"),
        ("لبايدن", "بايدن"),
        ("كيري", "كيري"),
        ("فيصل", "فيصل"),
        ("وزاره", "وزاره"),
        ("وزير", "وزير"),
        ("العراق", "عراق"),
        ("والعراق", "عراق"),
        ("بالعراق", "عراق"),
        ("للعراق", "عراق"),
        ("للبنان", "لبنان"),
        ("الله", "الله"),
        ("التزام", "التزام"),
        ("الالتزام", "التزام"),
        ("العاب", "العاب"),  # ألعاب: ل + it is written لألعاب, never للعاب
        ("بهدف", "هدف"),
        ("بنسبه", "نسبه"),
        ("بسرعه", "سرعه"),
        ("لمده", "مده"),
        ("باتت", "باتت"),  # general-domain counts know اتت (أتت): protected
        ("باراك", "باراك"),
    ],
)
def test_strip_clitics_needs_evidence(word: str, stem: str) -> None:
    assert strip_clitics(word) == stem


def test_split_clitics_returns_the_prefix() -> None:
    assert split_clitics("وبالعراق") == ("وبال", "عراق")
    assert split_clitics("بغداد") == ("", "بغداد")


def test_unknown_names_are_never_split_but_unknown_article_words_are() -> None:
    assert strip_clitics("بلينكنوف") == "بلينكنوف"  # not in any table: ب stays
    assert strip_clitics("والزيلينسكوفي") == "زيلينسكوفي"  # و + ال + unknown: the article vouches


def test_match_key_unifies_variants_and_clitics() -> None:
    assert match_key("الأمريكيين") == match_key("والأميركيين")
    assert match_key("لترامب") == match_key("ترمب")
    assert match_key("بايدن") != match_key("ايدن")


def test_match_terms_drops_stopwords_numbers_and_punctuation() -> None:
    terms = match_terms("وقال إن الحكومة في بغداد أعلنت عن 15 قتيلاً.")
    assert terms == [match_key("الحكومة"), "بغداد", match_key("أعلنت"), match_key("قتيلاً")]
    assert match_terms("") == []


def test_stopwords_are_normalized_and_keep_news_content_words() -> None:
    words = stopwords()
    assert "في" in words
    assert "الي" in words  # إلى, normalized
    assert "زياره" not in words  # زيارة is content in news
    assert "مايو" not in words
    assert all(word == word.strip() and word for word in words)
