"""Constant word tables, loaded once (lru_cache'd, read-only).

- ``word_counts()``: normalized Arabic word → count, the evidence the clitic splitter weighs.
  Computed at run time from the Arabic "large" list of PyPI ``wordfreq`` (code Apache-2.0, data
  CC BY-SA 4.0; see ``data/README.md``); nothing derived from it is shipped in this package.
- ``protected_words()``: normalized names and words that must never lose a leading letter to
  clitic stripping (بايدن, كيري, فراس, الله …): hand-written ``protected.txt`` plus the Arabic
  country names of ``countries.tsv`` (i18n-iso-countries, MIT).
- ``stopwords()``: stopwords-iso (MIT, PyPI ``stopwordsiso``) normalized, minus the content words
  listed in ``stopword_exceptions.txt`` (زيارة, لقاء, مايو … are news content, not stopwords).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from importlib import resources

from akhbar.lang.ar.normalize import normalize

_ARABIC_WORD = re.compile(r"[\u0621-\u063a\u0641-\u064a]+")
#: A line of normalized wordfreq entries that is one Arabic word (Latin, digits, mixed: dropped).
_LEXICON_LINE = re.compile(r"^[\u0621-\u063a\u0641-\u064a]{2,}$", re.MULTILINE)

#: wordfreq gives frequencies (shares of all tokens); a count is frequency × this nominal corpus
#: size. 10 million tokens is the size of the news archive the clitic thresholds were first tuned
#: on (8.7 million words), so an absolute threshold such as "seen 3 times" keeps its meaning:
#: a frequency of 3 × 10⁻⁷ (Zipf 2.5).
NOMINAL_CORPUS_SIZE = 10_000_000
#: Words below this count are left out (wordfreq lists Arabic words down to 10⁻⁸, count 0.1).
MIN_COUNT = 3
#: wordfreq's Arabic list: "large" goes down to Zipf 1 (about 620,000 entries).
_WORDFREQ_LANGUAGE = "ar"
_WORDFREQ_LIST = "large"


def _data_lines(name: str) -> Iterator[str]:
    """Non-empty, non-comment lines of a text file under ``data/``."""
    text = resources.files("akhbar.lang.ar").joinpath("data", name).read_text(encoding="utf-8")
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            yield stripped


def data_rows(name: str) -> list[list[str]]:
    """Tab-separated rows of a data file (comments and blank lines skipped)."""
    return [line.split("\t") for line in _data_lines(name)]


@lru_cache(maxsize=1)
def word_counts() -> Mapping[str, int]:
    """Normalized word → count (frequency × ``NOMINAL_CORPUS_SIZE``, at least ``MIN_COUNT``).

    Spellings that normalize alike add up (أحمد + احمد). A constant table: typed read-only (a
    plain dict because lookups sit on the tokenizer's hot path, where a mappingproxy costs twice
    as much). Built in about half a second, once per process; holds about 35 MB (100 MB at the
    peak while building).
    """
    from wordfreq import available_languages, read_cBpack  # imported here: 0.1 s, needed only now

    # One list of words per centibel of frequency (bucket i holds frequency 10^(-i/100)). Reading
    # the file rather than calling get_frequency_dict keeps wordfreq's unbounded caches empty.
    buckets = read_cBpack(available_languages(_WORDFREQ_LIST)[_WORDFREQ_LANGUAGE])
    totals: dict[str, float] = {}
    for centibels, bucket in enumerate(buckets):
        if not bucket:
            continue
        buckets[centibels] = []  # our own list (read_cBpack caches nothing): free it as we go
        count = NOMINAL_CORPUS_SIZE * 10 ** (-centibels / 100)
        # One normalize call per bucket (entries never contain a newline).
        for word in _LEXICON_LINE.findall(normalize("\n".join(bucket))):
            totals[word] = totals.get(word, 0.0) + count
    return {word: rounded for word, total in totals.items() if (rounded := round(total)) >= MIN_COUNT}


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Normalized Arabic country names (single words and multi-word names as written)."""
    return frozenset(normalize(row[1]) for row in data_rows("countries.tsv") if len(row) > 1)


@lru_cache(maxsize=1)
def protected_words() -> frozenset[str]:
    """Normalized words whose first letters are never clitics."""
    from akhbar.lang.ar.clitics import article_is_clitic  # clitics imports this module

    words = {normalize(line.split("\t")[0]) for line in _data_lines("protected.txt")}
    for name in country_names():
        parts = name.split()
        for word in parts:
            if len(word) < 3 or not _ARABIC_WORD.fullmatch(word) or (len(parts) > 1 and word[0] == "و"):
                continue  # وجزر in "… وجزر …" is و + جزر; punctuation and short words are not names
            # العراق is protected as عراق (the article stays strippable, the name is not split
            # further) when the counts show its ال is the article; ألمانيا keeps its ال.
            stem = word[2:]
            separable = word.startswith("ال") and len(stem) > 2 and article_is_clitic(word)
            words.add(stem if separable else word)
    return frozenset(words)


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Arabic stopwords (stopwords-iso, MIT), normalized, without listed news content words."""
    import stopwordsiso  # type: ignore[import-untyped]

    exceptions = {normalize(line) for line in _data_lines("stopword_exceptions.txt")}
    words = {normalize(word) for word in stopwordsiso.stopwords("ar")}
    return frozenset(
        word
        for word in words
        if word and word.strip() == word and word not in exceptions and not any(c.isdigit() for c in word)
    )
