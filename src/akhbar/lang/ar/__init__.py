"""Everything Arabic-specific: normalization, tokenization, sentences, stopwords, dates.

The public surface other stages use:

- ``normalize(text) -> str``: the matching shadow (never displayed); one helper per rule
  (``strip_diacritics``, ``unify_alef`` …) for callers that need a single rule.
- ``normalize_with_offsets(text) -> Normalized``: shadow plus a map back to original offsets.
- ``tokenize(text) -> list[Token]``: tokens with original offsets, normalized and clitic-stripped forms.
- ``strip_clitics(norm) -> str`` / ``split_clitics(norm)``: evidence-based proclitic stripping.
- ``match_key(word) -> str``: one key for all spellings and clitic forms of a word.
- ``match_terms(text) -> list[str]``: content terms for matching (keys of non-stopword tokens).
- ``split_sentences(text) -> list[tuple[int, int]]``: sentence spans into the original text.
- ``find_dates(text, reference)`` / ``parse_date(text)``: see ``akhbar.lang.ar.dates``.
- ``stopwords() -> frozenset[str]``, ``arabic_ratio(text) -> float``.
"""

from akhbar.lang.ar.clitics import split_clitics, strip_clitics
from akhbar.lang.ar.dates import DateMention, find_dates, gregorian_to_hijri, hijri_to_gregorian, parse_date
from akhbar.lang.ar.lexicon import stopwords
from akhbar.lang.ar.normalize import (
    Normalized,
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
from akhbar.lang.ar.sentences import split_sentences
from akhbar.lang.ar.tokenize import Token, match_terms, tokenize
from akhbar.lang.ar.variants import match_key

__all__ = [
    "DateMention",
    "Normalized",
    "Token",
    "arabic_ratio",
    "find_dates",
    "gregorian_to_hijri",
    "hijri_to_gregorian",
    "match_key",
    "match_terms",
    "normalize",
    "normalize_with_offsets",
    "parse_date",
    "split_clitics",
    "split_sentences",
    "stopwords",
    "strip_clitics",
    "strip_diacritics",
    "strip_format_characters",
    "strip_tatweel",
    "tokenize",
    "unify_alef",
    "unify_alef_maqsura",
    "unify_digits",
    "unify_hamza_carriers",
    "unify_persian_letters",
    "unify_quotes",
    "unify_ta_marbuta",
]
