"""The shipped tables are consistent with the code that reads them."""

from __future__ import annotations

from importlib import resources

from akhbar.lang.ar import normalize
from akhbar.lang.ar.lexicon import country_names, protected_words, word_counts
from akhbar.lang.ar.variants import variant_table


def test_lexicon_is_normalized_and_counts_are_positive() -> None:
    counts = word_counts()
    assert len(counts) > 50_000
    sample = list(counts.items())[:: max(1, len(counts) // 2000)]
    assert all(normalize(word) == word and count >= 3 for word, count in sample)
    assert counts["بغداد"] > counts.get("غداد", 0)


def test_only_reviewed_files_ship_in_data() -> None:
    """Word counts are built at run time from wordfreq and never shipped (see data/README.md); a new
    data file needs its source and licence added to that README first, then here."""
    shipped = {entry.name for entry in resources.files("akhbar.lang.ar").joinpath("data").iterdir()}
    reviewed = {"README.md", "countries.tsv", "protected.txt", "roles.tsv", "stopword_exceptions.txt", "variants.tsv"}
    assert shipped - {"__pycache__"} <= reviewed, shipped - reviewed


def test_variant_table_has_no_identity_or_chained_entries() -> None:
    words, prefixes = variant_table()
    assert words
    assert prefixes
    for variant, canonical in [*words.items(), *prefixes]:
        assert variant != canonical
        assert canonical not in words, f"{variant} → {canonical} → {words.get(canonical)}"


def test_protected_words_include_names_and_countries() -> None:
    protected = protected_words()
    assert {"بايدن", "كيري", "بغداد", "الله", "لبنان", "عراق"} <= protected
    assert "العراق" in country_names()
