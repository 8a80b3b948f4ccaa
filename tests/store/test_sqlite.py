from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from akhbar.errors import NotFoundError, StoreError
from akhbar.store.sqlite import Store, migrations
from akhbar.types import Article, Assignment, Rejection, Removal, Span


def _article(i: int, **changes: object) -> Article:
    base = Article(
        id=f"a{i}",
        source="okaz",
        title=f"عنوان {i}",
        text=f"نص الخبر رقم {i}",
        origin=f"file.jsonl:{i}",
        published=datetime(2015, 7, 21, 10, i, tzinfo=UTC),
        raw_text=f"نص الخبر رقم {i}",
        removed=(Removal("اترك رد", "boilerplate:wordpress"),),
        spans=(Span(0, 2, "subheading"),),
        flags=("multiple-stories",),
        extra=(("section", '"سياسة"'),),
    )
    return base if not changes else Article(**{**{f: getattr(base, f) for f in base.__slots__}, **changes})  # type: ignore[arg-type]


def test_migrations_are_numbered_and_applied_once(tmp_path: Path) -> None:
    versions = [v for v, _, _ in migrations()]
    assert versions == sorted(set(versions)) and versions[0] == 1
    db = tmp_path / "a.db"
    with Store(db) as store:
        assert store.schema_version() == versions[-1]
    with Store(db) as store:  # reopening applies nothing twice
        assert store.schema_version() == versions[-1]
        assert store.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_round_trip_and_idempotent_insert(tmp_path: Path) -> None:
    with Store(tmp_path / "a.db") as store:
        run = store.begin_run("test")
        assert store.add_batch([_article(1), _article(2)], [Rejection("x", "read", "empty file", "f:1")], run) == 2
        assert store.add_batch([_article(2), _article(3)], [], run) == 1
        assert store.count_articles() == 3
        assert store.article("a1").article == _article(1)
        assert store.rejections(run) == [Rejection("x", "read", "empty file", "f:1")]
        with pytest.raises(NotFoundError):
            store.article("nope")


def test_failed_batch_leaves_nothing_behind(tmp_path: Path) -> None:
    with Store(tmp_path / "a.db") as store:
        store.add_batch([_article(1)], [], None)
        broken = _article(2, title=None)  # violates NOT NULL inside the transaction
        with pytest.raises(sqlite3.IntegrityError):
            store.add_batch([_article(3), broken], [], None)
        assert store.count_articles() == 1


def test_assignments_build_stories_and_events(tmp_path: Path) -> None:
    with Store(tmp_path / "a.db") as store:
        store.add_batch([_article(1), _article(2, source="sabq"), _article(3)], [], None)
        store.save_assignments(
            [
                Assignment("a1", "s1", "e1", 0.0, True, True),
                Assignment("a2", "s1", "e2", 0.5, False, True),
                Assignment("a3", "s2", "e3", 0.0, True, True),
            ]
        )
        stories = store.stories()
        assert [s.id for s in stories] == ["s2", "s1"]  # newest first
        s1 = store.story("s1")
        assert (s1.article_count, s1.sources, s1.title) == (2, ("okaz", "sabq"), "عنوان 1")
        assert [e.id for e in store.events_of_story("s1")] == ["e1", "e2"]
        assert [s.id for s in store.stories(source="sabq")] == ["s1"]
        store.reset_clusters()
        assert store.count_stories() == 0 and store.count_unclustered() == 3


def test_a_foreign_database_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE things (x)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not akhbar's"):
        Store(db)
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match="not an akhbar database"):
        Store(garbage)


def test_mentions_quotes_and_duplicates_round_trip(tmp_path: Path) -> None:
    from dataclasses import replace

    from akhbar.types import Mention, Quote

    text = "قال الكاظمي إن العراق بخير"
    article = replace(
        _article(1, text=text),
        mentions=(Mention("a1", 4, 11, "الكاظمي", "PERS"), Mention("a1", 15, 21, "العراق", "LOC")),
        quotes=(Quote("a1", 15, 26, "indirect", "الكاظمي", None, None),),
    )
    with Store(tmp_path / "a.db") as store:
        store.add_batch([article, _article(2)], [], None)
        full = store.full_article("a1").article
        assert full.mentions == article.mentions
        assert [text[m.start : m.end] for m in full.mentions] == ["الكاظمي", "العراق"]
        assert full.quotes == article.quotes
        assert store.article("a1").article.mentions == ()  # the fast path leaves them out
        store.save_duplicates([("a2", "a1", 0.83, "واس")])
        copy = store.article("a2").article
        assert (copy.duplicate_of, copy.duplicate_similarity, copy.agency) == ("a1", 0.83, "واس")
        # storing the same article again adds no second set of mentions
        store.add_batch([article], [], None)
        assert len(store.mentions("a1")) == 2


def test_concurrent_first_opens_apply_each_migration_once(tmp_path: Path) -> None:
    import threading

    db = tmp_path / "race.db"
    errors: list[BaseException] = []

    def open_store() -> None:
        try:
            Store(db).close()
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=open_store) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with Store(db) as store:
        versions = [row[0] for row in store.connection.execute("SELECT version FROM schema_migrations")]
        assert versions == sorted(set(versions)) == [v for v, _, _ in migrations()]
