"""Constant word tables shipped under ``data/``, loaded once (lru_cache'd, read-only).

- ``word_counts()``: normalized word → count in the SaudiNewsNet archive (derived counts only;
  ``build_lexicon.py`` rebuilds it).
- ``protected_words()``: normalized names and words that must never lose a leading letter to
  clitic stripping (بايدن, كيري, فراس, الله …): hand-written ``protected.txt`` plus the Arabic
  country names of ``countries.tsv`` (i18n-iso-countries, MIT).
- ``stopwords()``: stopwords-iso (MIT, PyPI ``stopwordsiso``) normalized, minus the content words
  listed in ``stopword_exceptions.txt`` (زيارة, لقاء, مايو … are news content, not stopwords).
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from importlib import resources

from akhbar.lang.ar.normalize import normalize

_ARABIC_WORD = re.compile(r"[\u0621-\u063a\u0641-\u064a]+")


def _data_lines(name: str) -> Iterator[str]:
    """Non-empty, non-comment lines of a text file under ``data/``."""
    raw = resources.files("akhbar.lang.ar").joinpath("data", name).read_bytes()
    if name.endswith(".gz"):
        raw = gzip.decompress(raw)
    for line in raw.decode("utf-8").splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            yield stripped


def data_rows(name: str) -> list[list[str]]:
    """Tab-separated rows of a data file (comments and blank lines skipped)."""
    return [line.split("\t") for line in _data_lines(name)]


@lru_cache(maxsize=1)
def word_counts() -> Mapping[str, int]:
    """Normalized word → corpus count. A constant table: typed read-only (a plain dict because
    lookups sit on the tokenizer's hot path, where a mappingproxy costs twice as much)."""
    return {word: int(count) for word, count in data_rows("lexicon.tsv.gz")}


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Normalized Arabic country names (single words and multi-word names as written)."""
    return frozenset(normalize(row[1]) for row in data_rows("countries.tsv") if len(row) > 1)


@lru_cache(maxsize=1)
def protected_words() -> frozenset[str]:
    """Normalized words whose first letters are never clitics."""
    words = {normalize(line.split("\t")[0]) for line in _data_lines("protected.txt")}
    counts = word_counts()
    for name in country_names():
        parts = name.split()
        for word in parts:
            if len(word) < 3 or not _ARABIC_WORD.fullmatch(word) or (len(parts) > 1 and word[0] == "و"):
                continue  # وجزر in "… وجزر …" is و + جزر; punctuation and short words are not names
            # العراق is protected as عراق (the article stays strippable, the name is not split
            # further) when the bare form is attested; ألمانيا keeps its ال.
            stem = word[2:]
            attested = counts.get(stem, 0) + counts.get("لل" + stem, 0) >= 3
            words.add(stem if word.startswith("ال") and len(stem) > 2 and attested else word)
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
