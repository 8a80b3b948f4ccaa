"""Search: akhbar's analysis for FTS5, query safety, highlights on the original text, the index."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akhbar import search, service
from akhbar.config import Settings
from akhbar.store import Store


def keys(text: str) -> list[str]:
    return search.index_keys(text)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("إيران", "ايران"),  # alef with hamza below
        ("أمريكا", "امريكا"),  # alef with hamza above
        ("آبل", "ابل"),  # alef madda
        ("المدرسة", "المدرسه"),  # ta marbuta
        ("مستشفى", "مستشفي"),  # alef maqsura
        ("الصاروخيّة", "الصاروخية"),  # shadda
        ("مُحَمَّد", "محمد"),  # diacritics
        ("الـعـراق", "العراق"),  # tatweel
        ("بغداد", "ببغداد"),  # clitic ب
        ("بغداد", "وبغداد"),  # clitic و
        ("عراق", "العراق"),  # article
        ("عراق", "بالعراق"),  # ب + article
        ("الأميركي", "الأمريكي"),  # spelling variant
    ],
)
def test_spellings_share_a_key(one: str, other: str) -> None:
    assert keys(one) == keys(other)


def test_names_keep_their_letters() -> None:
    assert keys("بغداد بايدن") != keys("غداد ايدن")


def test_parse_query_words_phrases_and_stopwords() -> None:
    parsed = search.parse_query('بغداد "وزارة الصحة" في «الأمن العام»')
    assert [part.alternatives for part in parsed.parts] == [
        (("بغداد",),),
        (tuple(keys("وزارة الصحة")),),
        (tuple(keys("الأمن العام")),),
    ]
    assert parsed.ignored == ("في",)
    only_stopwords = search.parse_query("في من")
    assert not only_stopwords.empty  # kept when nothing else is left
    assert search.parse_query("( ) * ^ :").empty


def test_joined_and_apart_name_spellings() -> None:
    joined = search.parse_query("عبدالله").parts[0].alternatives
    apart = search.parse_query("عبد الله").parts[0].alternatives
    assert set(joined) == set(apart) and len(joined) == 2


def test_query_too_long() -> None:
    with pytest.raises(search.QueryError, match="limit"):
        search.parse_query("ب" * (search.MAX_QUERY_CHARS + 1))


def test_query_keys_are_bounded() -> None:
    parsed = search.parse_query(" ".join(f"س{i}" for i in range(40)))
    assert sum(len(p.alternatives[0]) for p in parsed.parts) <= search.MAX_QUERY_KEYS
    assert parsed.ignored


@pytest.fixture(scope="module")
def fts() -> sqlite3.Connection:
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE t USING fts5 (title, body, content='', tokenize='unicode61 remove_diacritics 0')")
    con.execute(
        "INSERT INTO t (rowid, title, body) VALUES (1, ?, ?)", (search.shadow("بغداد"), search.shadow("near or"))
    )
    return con


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("\"*()^:{}-+\\'.,NEARORANDNOT بغداد«»“”„\x00")), max_size=40))
def test_no_input_reaches_fts5_as_syntax(fts: sqlite3.Connection, text: str) -> None:
    parsed = search.parse_query(text)
    if parsed.empty:
        return
    for any_part in (False, True):
        fts.execute("SELECT rowid FROM t WHERE t MATCH ?", (search.match_expression(parsed, any_part),)).fetchall()


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["بغداد", "ببغداد", "وبغداد", "الرياض", "قال", "،", "«", "ـ", "\n", "في", "العراق"]),
        max_size=30,
    )
)
def test_highlights_are_spans_of_the_original_text(words: list[str]) -> None:
    text = " ".join(words)
    parsed = search.parse_query("بغداد عراق")
    spans = search.highlights(text, parsed)
    assert spans == sorted(spans)
    for start, end in spans:
        assert 0 <= start < end <= len(text)
        assert search.index_keys(text[start:end])[0] in {"بغداد", "عراق"}
    expected = sum(1 for w in words if w in {"بغداد", "ببغداد", "وبغداد", "العراق"})
    assert len(spans) == expected
    start, end = search.snippet(text, spans, width=40)
    assert 0 <= start <= end <= len(text)
    assert "".join(piece for piece, _ in search.segments(text, start, end, spans)) == text[start:end]


def test_phrase_highlights_only_adjacent_words() -> None:
    text = "قالت وزارة الصحة إن الوزارة في الصحة"
    spans = search.highlights(text, search.parse_query('"وزارة الصحة"'))
    assert [text[s:e] for s, e in spans] == ["وزارة الصحة"]


def write_jsonl(path: Path, articles: list[dict[str, str]]) -> Path:
    path.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in articles) + "\n", encoding="utf-8")
    return path


ARTICLES = [
    {
        "id": "a",
        "source": "s1",
        "title": "احتجاجات ببغداد",
        "text": "خرج محتجون في العاصمة ببغداد بسبب انقطاع الكهرباء",
        "published": "2015-08-01T10:00:00Z",
    },
    {
        "id": "b",
        "source": "s2",
        "title": "وفد يزور الرياض",
        "text": "وصل وفد من بغداد إلى الرياض لبحث التعاون التجاري",
        "published": "2015-08-02T10:00:00Z",
    },
    {
        "id": "c",
        "source": "s3",
        "title": "الطقس",
        "text": "أجواء حارة على معظم المناطق مع رياح نشطة في الشرق",
        "published": "2015-08-03T10:00:00Z",
    },
]


def test_search_service_ranks_titles_first_and_pages(settings: Settings, tmp_path: Path) -> None:
    service.ingest([write_jsonl(tmp_path / "a.jsonl", ARTICLES)], settings, cluster_after=False)
    results = service.search(settings, "بغداد")
    assert [hit.article.title for hit in results.hits] == ["احتجاجات ببغداد", "وفد يزور الرياض"]
    assert results.total == 2 and results.matched_all
    first = results.hits[0]
    assert [first.article.title[s:e] for s, e in first.title_highlights] == ["ببغداد"]
    assert service.search(settings, "بغداد", limit=1, offset=1).hits[0].article.title == "وفد يزور الرياض"
    some = service.search(settings, "بغداد الطقس")  # no article has both: any part, flagged
    assert not some.matched_all and some.total == 3
    assert service.search(settings, "؟؟").hits == ()
    with pytest.raises(service.InvalidRequestError):
        service.search(settings, "بغداد", limit=0)


def test_index_catches_up_and_rebuilds_on_an_analysis_change(settings: Settings, tmp_path: Path) -> None:
    service.ingest([write_jsonl(tmp_path / "a.jsonl", ARTICLES[:2])], settings, cluster_after=False)
    with Store(settings.db) as store:
        assert store.count_search_indexed() == 2 and not store.search_pending()  # indexed on the way in
        # an index that fell behind (a database from before search existed) catches up
        store.connection.execute("INSERT INTO search_index (search_index) VALUES ('delete-all')")
        store.connection.execute("DELETE FROM search_docs")
        assert store.count_search_indexed() == 0 and store.search_pending()
        assert store.index_pending_search() == 2 and not store.search_pending()
        assert store.index_pending_search() == 0
    service.ingest([write_jsonl(tmp_path / "b.jsonl", ARTICLES[2:])], settings, cluster_after=False)
    assert service.search(settings, "رياح").total == 1
    with Store(settings.db) as store:
        store.connection.execute("UPDATE search_meta SET value = 'old' WHERE key = 'analyzer'")
        assert store.search_pending()
        assert store.index_pending_search() == 3  # rebuilt from scratch
        assert store.count_search_indexed() == 3


def test_index_search_is_idempotent(settings: Settings, tmp_path: Path) -> None:
    service.ingest([write_jsonl(tmp_path / "a.jsonl", ARTICLES)], settings, cluster_after=False)
    with Store(settings.db) as store:
        store.connection.execute("INSERT INTO search_index (search_index) VALUES ('delete-all')")
        store.connection.execute("DELETE FROM search_docs")
        ids = [row[0] for row in store.connection.execute("SELECT id FROM articles ORDER BY external_id LIMIT 2")]
        articles = [store.article(i).article for i in ids]
        assert store.index_search(articles) == 2
        assert store.index_search(articles) == 0
        assert store.index_pending_search() == 1
