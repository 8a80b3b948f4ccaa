"""The quotes read side of the service: grouping across outlets, speaker search, article quotes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from akhbar import service
from akhbar.config import Settings
from akhbar.errors import NotFoundError
from akhbar.store.sqlite import Store

#: The same statement in two outlets: one names the speaker in full, one adds a word (الجبانة).
STATEMENT = [
    {
        "id": "pa",
        "source": "alpha",
        "url": "https://example.test/pa",
        "published": "2021-03-03T08:00:00Z",
        "title": "الكاظمي يتعهد بمحاسبة المسؤولين عن الهجمات الصاروخية",
        "text": "تعهد رئيس الوزراء العراقي بملاحقة منفذي الهجمات.\n"
        "وقال رئيس الوزراء العراقي مصطفى الكاظمي في بيان: «الحكومة ماضية في محاسبة المسؤولين عن الهجمات "
        "الصاروخية على المنطقة الخضراء».",
    },
    {
        "id": "pb",
        "source": "beta",
        "url": "https://example.test/pb",
        "published": "2021-03-03T10:00:00Z",
        "title": "الكاظمي: ماضون في محاسبة المسؤولين عن الهجمات الصاروخية",
        "text": "وقال الكاظمي في بيان: «الحكومة ماضية في محاسبة المسؤولين عن الهجمات الصاروخية الجبانة على "
        "المنطقة الخضراء».",
    },
]


@pytest.fixture
def stored(settings: Settings, tmp_path: Path) -> Settings:
    path = tmp_path / "statement.jsonl"
    path.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in STATEMENT) + "\n", encoding="utf-8")
    service.ingest([path], settings)
    return settings


def test_speaker_is_matched_after_normalization_as_a_substring_either_way(stored: Settings) -> None:
    everyone = {q.quote.speaker for q in service.list_quotes(stored)}
    assert everyone == {"رئيس الوزراء العراقي مصطفى الكاظمي", "الكاظمي"}
    # part of the full name finds both; so does a longer name than the short one
    for query in ("الكاظمي", "مصطفى الكاظمي", "مصطفي الكاظمى", "الكاظِمي", "  الكـاظمي "):
        assert {q.source for q in service.list_quotes(stored, speaker=query)} == {"alpha", "beta"}, query
    assert {q.source for q in service.list_quotes(stored, speaker="الوزراء العراقي")} == {"alpha"}
    assert service.list_quotes(stored, speaker="بايدن") == ()


def test_listed_quotes_carry_their_article_and_share_a_group(stored: Settings) -> None:
    found = service.list_quotes(stored, speaker="الكاظمي")
    assert [q.source for q in found] == ["beta", "alpha"]  # newest article first
    assert len({q.group_id for q in found}) == 1
    for view in found:
        article = service.get_article(stored, view.quote.article_id).article
        assert view.text == article.text[view.quote.start : view.quote.end]
        assert view.title == article.title and view.quote.kind == "direct" and view.quote.channel == "بيان"
    assert len(service.list_quotes(stored, limit=1)) == 1


def test_bad_arguments_are_clear_errors(stored: Settings) -> None:
    with pytest.raises(service.InvalidRequestError, match="limit"):
        service.list_quotes(stored, limit=0)
    with pytest.raises(service.InvalidRequestError, match="limit"):
        service.list_quotes(stored, limit=service.MAX_QUOTES + 1)
    with pytest.raises(service.InvalidRequestError, match="speaker"):
        service.list_quotes(stored, speaker="«» ،")
    with pytest.raises(NotFoundError, match="no story"):
        service.list_quotes(stored, story_id="s-none")


def test_speaker_matches_whole_words_of_a_short_stored_name() -> None:
    wanted = service.speaker_key("مصطفى الكاظمي")
    assert service.speaker_matches("الكاظمي", wanted)
    assert service.speaker_matches("رئيس الوزراء العراقي مصطفى الكاظمي", wanted)
    assert not service.speaker_matches("م", wanted)  # a one-letter speaker is not in every name
    assert not service.speaker_matches("«»", wanted)


def test_quote_groups_keep_each_outlets_wording_and_locate_the_difference(stored: Settings) -> None:
    ids = list(dict.fromkeys(q.quote.article_id for q in service.list_quotes(stored)))
    with Store(stored.db) as store:
        articles = {i: store.full_article(i).article for i in ids}
    (group,) = service.quote_groups([q for a in articles.values() for q in a.quotes], articles)
    assert group.sources == ("alpha", "beta") and group.reworded and group.channel == "بيان"
    by_source = {v.source: v for v in group.versions}
    assert {v.text[s:e] for v in group.versions for s, e in v.differences} == {"الجبانة"}
    assert by_source["alpha"].missing == ("جبانه",) and not by_source["alpha"].exact
    assert group.versions[0].source == "beta"  # the fuller wording is the reference


def test_term_spans_find_original_words_and_joined_names() -> None:
    text = "قال عبد الله إن الحكومةَ ماضية"
    assert [text[s:e] for s, e in service.term_spans(text, {"عبدالله"})] == ["عبد الله"]
    assert [text[s:e] for s, e in service.term_spans(text, {"حكومه", "ماضيه"})] == ["الحكومةَ ماضية"]
    assert service.term_spans(text, set()) == ()


def test_article_detail_has_its_quotes(stored: Settings) -> None:
    (view,) = service.list_quotes(stored, speaker="الوزراء")
    detail = service.get_article(stored, view.quote.article_id)
    assert view.quote in detail.quotes
    assert all(detail.article.text[q.start : q.end] for q in detail.quotes)
