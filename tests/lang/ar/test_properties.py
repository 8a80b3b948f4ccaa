"""Hypothesis properties: idempotence, offsets that round-trip, determinism."""

from __future__ import annotations

from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from akhbar.lang.ar import find_dates, normalize, normalize_with_offsets, split_sentences, tokenize
from akhbar.lang.ar.normalize import normalization_map

# Arabic letters, marks, tatweel, digits, presentation forms, quotes, invisible marks, Latin, spaces.
_SPECIAL = "".join(normalization_map()) + " \n.،؛؟!«»\"'()-/:" + "0123456789"
arabic_text = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFC),
        st.sampled_from(_SPECIAL),
        st.sampled_from("abcXYZ \u200c\u200f\u0640"),
        st.characters(),
    ),
    max_size=80,
)


@given(arabic_text)
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@given(arabic_text)
def test_shadow_characters_map_back_to_characters_that_normalize_to_them(text: str) -> None:
    shadow = normalize_with_offsets(text)
    assert shadow.text == normalize(text)
    assert len(shadow.offsets) == len(shadow.text)
    assert list(shadow.offsets) == sorted(shadow.offsets)
    for index, char in enumerate(shadow.text):
        assert char in normalize(text[shadow.offsets[index]])
    if shadow.text:
        start, end = shadow.to_original(0, len(shadow.text))
        assert normalize(text[start:end]) == shadow.text


@given(arabic_text)
def test_tokens_are_slices_of_the_original(text: str) -> None:
    tokens = tokenize(text)
    for token in tokens:
        assert text[token.start : token.end] == token.surface
        assert token.norm == normalize(token.surface)
        assert token.norm.endswith(token.stem) or token.stem.startswith("ال")
    assert [t.start for t in tokens] == sorted(t.start for t in tokens)


@given(arabic_text)
def test_tokenization_is_deterministic(text: str) -> None:
    assert tokenize(text) == tokenize(text)
    assert tokenize(str(text)) == tokenize(text)


@given(arabic_text)
def test_sentence_spans_are_ordered_trimmed_slices(text: str) -> None:
    spans = split_sentences(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert text[start:end].strip() == text[start:end]
        previous_end = end


_DATE_PIECES = [*"٠١٢٣٤٥٦٧٨٩0123456789 /-هـمَ", "يوليو", "شوال", "أمس", "الأربعاء", "اليوم"]


@settings(max_examples=50)
@given(st.lists(st.sampled_from(_DATE_PIECES), max_size=20))
def test_date_mentions_are_slices_of_the_original(pieces: list[str]) -> None:
    text = "".join(pieces)
    for mention in find_dates(text, datetime(2015, 7, 21)):
        assert text[mention.start : mention.end] == mention.surface
