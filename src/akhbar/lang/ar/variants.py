"""Match keys: one key for the spelling variants of a word (الأميركي/الأمريكي, ترمب/ترامب).

``match_key(word)`` = normalize → strip proclitics → variant table (``data/variants.tsv``: whole
stems and stem prefixes) → generic rules (a hamza after a final long vowel is dropped, شاطيء/شاطئ;
Latin letters case-folded).
"""

from __future__ import annotations

from functools import lru_cache

from akhbar.lang.ar.clitics import ARTICLE, strip_article, strip_clitics
from akhbar.lang.ar.lexicon import data_rows
from akhbar.lang.ar.normalize import normalize

_MIN_PREFIX_STEM = 3


@lru_cache(maxsize=1)
def variant_table() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    """(whole-stem variants, prefix variants longest first), normalized: variant → canonical."""
    words: dict[str, str] = {}
    prefixes: dict[str, str] = {}
    for row in data_rows("variants.tsv"):
        variant, canonical, scope = (normalize(cell.strip()) for cell in row[:3])
        (prefixes if scope == "prefix" else words)[variant] = canonical
    ordered = tuple(sorted(prefixes.items(), key=lambda item: (-len(item[0]), item[0])))
    return words, ordered


def _apply_table(stem: str) -> str:
    words, prefixes = variant_table()
    article = ARTICLE if stem.startswith(ARTICLE) and stem[2:] in words else ""
    body = stem[len(article) :]
    if body in words:
        return article + words[body]
    for start in (0, 2) if stem.startswith(ARTICLE) else (0,):
        body = stem[start:]
        for variant, canonical in prefixes:
            if body.startswith(variant) and len(body) >= _MIN_PREFIX_STEM:
                return stem[:start] + canonical + body[len(variant) :]
    return stem


def _generic(stem: str) -> str:
    if len(stem) > 2 and stem[-1] == "\u0621" and stem[-2] in "\u0648\u064a":  # شاطيء → شاطي
        stem = stem[:-1]
    return stem.lower()


@lru_cache(maxsize=1 << 16)
def stem_key(stem: str) -> str:
    """The match key of an already normalized, clitic-stripped stem."""
    canonical = _apply_table(stem)
    if canonical != stem:
        # The canonical spelling decides about its article, whatever the variant's counts said:
        # النروج and نروج both become what النرويج becomes.
        canonical = strip_article(canonical if canonical.startswith(ARTICLE) else ARTICLE + canonical)
    return _generic(canonical)


def match_key(word: str) -> str:
    """One key for all spellings and clitic forms of ``word`` (any form: raw or normalized)."""
    return stem_key(strip_clitics(normalize(word)))
