"""Invariants over real articles from SaudiNewsNet (skipped without ../shared/data)."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from akhbar.lang.ar import find_dates, normalize, normalize_with_offsets, split_sentences, tokenize

DATA = Path(__file__).resolve().parents[3] / ".." / "shared" / "data"
ARCHIVE = DATA / "saudinewsnet" / "dataset" / "2015-07-21.zip"


@pytest.fixture(scope="module")
def articles() -> list[dict[str, str]]:
    if not ARCHIVE.is_file():
        pytest.skip(f"development data not found at {ARCHIVE.resolve()} (it sits beside the checkout)")
    with zipfile.ZipFile(ARCHIVE) as zipped:
        rows: list[dict[str, str]] = json.loads(zipped.read(zipped.namelist()[0]))
    return rows[:400]


@pytest.mark.slow
def test_real_articles_keep_every_invariant(articles: list[dict[str, str]]) -> None:
    for article in articles:
        text = article["content"]
        shadow = normalize_with_offsets(text)
        assert shadow.text == normalize(text) == normalize(shadow.text)
        for token in tokenize(text):
            assert text[token.start : token.end] == token.surface
        for start, end in split_sentences(text):
            assert text[start:end].strip()
        reference = datetime.fromisoformat(article["date_extracted"]).replace(tzinfo=UTC)
        for mention in find_dates(text, reference):
            assert text[mention.start : mention.end] == mention.surface


@pytest.mark.slow
def test_names_survive_in_real_text(articles: list[dict[str, str]]) -> None:
    stems = {token.stem for article in articles for token in tokenize(article["content"])}
    assert "بغداد" in stems or "عراق" in stems
    assert "غداد" not in stems
