"""The embedded store: SQLite in WAL mode with numbered migrations.

Every write method runs in one transaction, so a crash (even ``kill -9``) leaves either the whole
batch or none of it; ingest is idempotent because article ids are deterministic and inserts
ignore rows that exist.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from akhbar.errors import NotFoundError, StoreError
from akhbar.types import Article, Assignment, Entity, Mention, Quote, Rejection, Removal, Span

_ARTICLE_COLUMNS = (
    "id, external_id, source, url, published, seen, title, text, raw_text, author, dateline, language, "
    "origin, removed, spans, flags, extra, story_id, event_id, duplicate_of, duplicate_similarity, agency"
)
_ARTICLE_COLUMN_COUNT = _ARTICLE_COLUMNS.count(",") + 1

_QUOTE_COLUMNS = "q.article_id, q.start, q.end, q.kind, q.speaker, q.speaker_entity_id, q.channel, q.group_id"

_STORY_COLUMNS = "id, title, first_published, last_published, last_seen, article_count, sources"

_ENTITY_COLUMNS = "id, name, kind, variants, roles"


_CREATE_MIGRATIONS = (
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied TEXT)"
)


def to_iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value is not None else None


def from_iso(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@cache
def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) for every file in ``store/migrations``, in order (read once per process:
    every store opened checks them, and a server opens one per request)."""
    folder = resources.files("akhbar.store").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:3].isdigit():
            found.append((int(name[:3]), name, entry.read_text(encoding="utf-8")))
    return sorted(found)


@dataclass(frozen=True, slots=True)
class StoryRow:
    id: str
    title: str
    first_published: datetime | None
    last_published: datetime | None
    last_seen: datetime
    article_count: int
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EventRow:
    id: str
    story_id: str
    title: str
    first_published: datetime | None
    last_published: datetime | None
    article_count: int


@dataclass(frozen=True, slots=True)
class StoredArticle:
    article: Article
    seen: datetime

    @property
    def time(self) -> datetime:
        """When it happened as far as akhbar knows: published, else when it was stored."""
        return self.article.published or self.seen


class Store:
    """One SQLite database. Use as a context manager or call ``close()``."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if self.path.exists() and self.path.is_dir():
            raise StoreError(f"{self.path}: is a folder, not a database file")
        if self.path.parent and not self.path.parent.exists():
            raise StoreError(f"{self.path}: folder {self.path.parent} does not exist")
        try:
            self.connection = sqlite3.connect(self.path, isolation_level=None, timeout=30.0)
            self.connection.execute("PRAGMA journal_mode=WAL")
            self.connection.execute("PRAGMA synchronous=NORMAL")
            self.connection.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not an akhbar database ({exc})") from exc

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield self.connection
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    # -- schema -----------------------------------------------------------------------------
    def _migrate(self) -> None:
        con = self.connection
        tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if tables and "schema_migrations" not in tables:
            raise StoreError(f"{self.path}: an SQLite database, but not akhbar's (no schema_migrations table)")
        known = migrations()
        if tables and self._applied() >= {version for version, _, _ in known}:
            return  # the common case: nothing to do, no write lock taken
        for version, name, sql in known:
            # Check and apply under the write lock, so two processes opening the same database
            # never apply a migration twice.
            with self.transaction():
                con.execute(_CREATE_MIGRATIONS)
                if version in self._applied():
                    continue
                for statement in _statements(sql):
                    con.execute(statement)
                con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", (version, name, now_iso()))

    def _applied(self) -> set[int]:
        applied = {row[0] for row in self.connection.execute("SELECT version FROM schema_migrations")}
        newest = max((version for version, _, _ in migrations()), default=0)
        if applied and max(applied) > newest:
            raise StoreError(f"{self.path}: schema version {max(applied)} is newer than this akhbar; upgrade akhbar")
        return applied

    def schema_version(self) -> int:
        row = self.connection.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    def integrity_check(self) -> str:
        return str(self.connection.execute("PRAGMA integrity_check").fetchone()[0])

    # -- runs and ingest --------------------------------------------------------------------
    def begin_run(self, command: str) -> int:
        with self.transaction() as con:
            cursor = con.execute("INSERT INTO runs (command, started) VALUES (?, ?)", (command, now_iso()))
        return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int, read: int, stored: int, already_present: int, rejected: int) -> None:
        with self.transaction() as con:
            con.execute(
                "UPDATE runs SET finished=?, read=?, stored=?, already_present=?, rejected=? WHERE id=?",
                (now_iso(), read, stored, already_present, rejected, run_id),
            )

    def add_batch(self, articles: Sequence[Article], rejections: Sequence[Rejection], run_id: int | None) -> int:
        """Store a batch in one transaction; returns how many articles were new."""
        seen = now_iso()
        with self.transaction() as con:
            before = con.total_changes
            con.executemany(
                f"INSERT INTO articles ({_ARTICLE_COLUMNS}) VALUES ({', '.join('?' * _ARTICLE_COLUMN_COUNT)}) "
                "ON CONFLICT (id) DO NOTHING",
                [_article_row(a, seen) for a in articles],
            )
            inserted = con.total_changes - before
            con.executemany(
                "INSERT INTO mentions (article_id, start, end, surface, kind, entity_id) VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT DO NOTHING",
                [(a.id, m.start, m.end, m.surface, m.kind, m.entity_id) for a in articles for m in a.mentions],
            )
            con.executemany(
                "INSERT INTO quotes (article_id, start, end, kind, speaker, speaker_entity_id, channel) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [
                    (a.id, q.start, q.end, q.kind, q.speaker, q.speaker_entity_id, q.channel)
                    for a in articles
                    for q in a.quotes
                ],
            )
            con.executemany(
                "INSERT INTO rejections (run_id, record_id, origin, stage, reason) VALUES (?, ?, ?, ?, ?)",
                [(run_id, r.record_id, r.origin, r.stage, r.reason) for r in rejections],
            )
        return inserted

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        found: set[str] = set()
        for chunk_start in range(0, len(ids), 500):
            chunk = ids[chunk_start : chunk_start + 500]
            rows = self.connection.execute(
                f"SELECT id FROM articles WHERE id IN ({', '.join('?' * len(chunk))})", chunk
            )
            found.update(row[0] for row in rows)
        return found

    def article_ids(self) -> set[str]:
        """Every stored article id (to skip work on documents already stored)."""
        return {row[0] for row in self.connection.execute("SELECT id FROM articles")}

    def count_articles(self) -> int:
        return int(self.connection.execute("SELECT count(*) FROM articles").fetchone()[0])

    def rejections(self, run_id: int) -> list[Rejection]:
        rows = self.connection.execute(
            "SELECT record_id, stage, reason, origin FROM rejections WHERE run_id=? ORDER BY id", (run_id,)
        )
        return [Rejection(*row) for row in rows]

    # -- articles ---------------------------------------------------------------------------
    def article(self, article_id: str) -> StoredArticle:
        row = self.connection.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id=?", (article_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no article with id {article_id}")
        return _stored_article(row)

    def articles_by_id(self, ids: Sequence[str]) -> list[StoredArticle]:
        """The stored articles among ``ids`` (in no particular order), one query per 500 ids."""
        return [_stored_article(row) for row in self._rows_with_ids(f"SELECT {_ARTICLE_COLUMNS} FROM articles", ids)]

    def _rows_with_ids(self, select: str, ids: Sequence[str]) -> Iterator[Sequence[Any]]:
        """The rows of ``select`` (a query on one table) whose ``id`` is among ``ids``, one query
        per 500 ids (SQLite's limit on parameters is far above, the statement cache likes it)."""
        for chunk_start in range(0, len(ids), 500):
            chunk = list(ids[chunk_start : chunk_start + 500])
            yield from self.connection.execute(f"{select} WHERE id IN ({', '.join('?' * len(chunk))})", chunk)

    def unclustered(self) -> Iterator[StoredArticle]:
        """Articles not yet in a story, in time order (published, else when stored), then in the order
        they were stored (so articles with the same timestamp keep their input order)."""
        rows = self.connection.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE story_id IS NULL ORDER BY coalesce(published, seen), rowid"
        )
        for row in rows:
            yield _stored_article(row)

    def unclustered_ids(self) -> list[str]:
        """The ids of ``unclustered()``, in the same order, without reading the articles."""
        rows = self.connection.execute(
            "SELECT id FROM articles WHERE story_id IS NULL ORDER BY coalesce(published, seen), rowid"
        )
        return [row[0] for row in rows]

    def count_unclustered(self) -> int:
        return int(self.connection.execute("SELECT count(*) FROM articles WHERE story_id IS NULL").fetchone()[0])

    def clustered_since(self, since: datetime | None) -> Iterator[StoredArticle]:
        """Clustered articles whose time is at or after ``since`` (all when None), in time order."""
        where = "story_id IS NOT NULL"
        params: tuple[str, ...] = ()
        if since is not None:
            where += " AND coalesce(published, seen) >= ?"
            params = (to_iso(since) or "",)
        rows = self.connection.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE {where} ORDER BY coalesce(published, seen), rowid", params
        )
        for row in rows:
            yield _stored_article(row)

    def story_articles_brief(self, story_id: str) -> list[Article]:
        """The story's articles in time order, as ``articles_of_story`` gives them but without what
        only an article's own page shows (raw text, removed lines, spans, flags, extra fields)."""
        rows = self.connection.execute(
            "SELECT id, external_id, source, url, published, seen, title, text, '', author, dateline, language, "
            "origin, '[]', '[]', '[]', '[]', story_id, event_id, duplicate_of, duplicate_similarity, agency "
            "FROM articles WHERE story_id=? ORDER BY coalesce(published, seen), id",
            (story_id,),
        )
        return [_stored_article(row).article for row in rows]

    def articles_of_story(self, story_id: str) -> list[StoredArticle]:
        rows = self.connection.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE story_id=? ORDER BY coalesce(published, seen), id",
            (story_id,),
        )
        return [_stored_article(row) for row in rows]

    def mentions(self, article_id: str) -> tuple[Mention, ...]:
        rows = self.connection.execute(
            "SELECT article_id, start, end, surface, kind, entity_id FROM mentions "
            "WHERE article_id=? ORDER BY start, end",
            (article_id,),
        )
        return tuple(Mention(*row) for row in rows)

    def quotes(self, article_id: str) -> tuple[Quote, ...]:
        rows = self.connection.execute(
            f"SELECT {_QUOTE_COLUMNS} FROM quotes q WHERE article_id=? ORDER BY start, end",
            (article_id,),
        )
        return tuple(Quote(*row) for row in rows)

    def article_texts(self, ids: Sequence[str]) -> dict[str, str]:
        """The cleaned text of each article (ids not stored are left out)."""
        return {str(row[0]): str(row[1]) for row in self._rows_with_ids("SELECT id, text FROM articles", ids)}

    def quotes_of_articles(self, ids: Sequence[str]) -> dict[str, tuple[Quote, ...]]:
        """Each article's quotes in text order (every id given is a key, with () when it has none)."""
        found: dict[str, list[Quote]] = {article_id: [] for article_id in ids}
        for chunk_start in range(0, len(ids), 500):
            chunk = list(ids[chunk_start : chunk_start + 500])
            rows = self.connection.execute(
                f"SELECT {_QUOTE_COLUMNS} FROM quotes q WHERE article_id IN ({', '.join('?' * len(chunk))}) "
                "ORDER BY article_id, start, end",
                chunk,
            )
            for row in rows:
                found[row[0]].append(Quote(*row))
        return {article_id: tuple(quotes) for article_id, quotes in found.items()}

    def save_quote_groups(self, groups: Iterable[tuple[str, Quote]]) -> None:
        """Record ``(group_id, quote)``: the statement group each quote belongs to (one transaction)."""
        with self.transaction() as con:
            con.executemany(
                "UPDATE quotes SET group_id=? WHERE article_id=? AND start=? AND end=? AND kind=?",
                [(group_id, q.article_id, q.start, q.end, q.kind) for group_id, q in groups],
            )

    def save_quote_speakers(self, speakers: Iterable[tuple[str | None, Quote]]) -> None:
        """Record ``(entity_id, quote)``: the canonical entity of each quote's speaker (one transaction)."""
        with self.transaction() as con:
            con.executemany(
                "UPDATE quotes SET speaker_entity_id=? WHERE article_id=? AND start=? AND end=? AND kind=?",
                [(entity_id, q.article_id, q.start, q.end, q.kind) for entity_id, q in speakers],
            )

    def full_article(self, article_id: str) -> StoredArticle:
        """The article with its mentions and quotes (``article()`` leaves them out, for speed)."""
        stored = self.article(article_id)
        full = replace(stored.article, mentions=self.mentions(article_id), quotes=self.quotes(article_id))
        return StoredArticle(full, stored.seen)

    def save_duplicates(self, decisions: Sequence[tuple[str, str | None, float | None, str | None]]) -> None:
        """Record ``(article_id, original_id, similarity, agency)`` decisions in one transaction."""
        with self.transaction() as con:
            self._write_duplicates(con, decisions)

    @staticmethod
    def _write_duplicates(
        con: sqlite3.Connection, decisions: Sequence[tuple[str, str | None, float | None, str | None]]
    ) -> None:
        con.executemany(
            "UPDATE articles SET duplicate_of=?, duplicate_similarity=?, agency=coalesce(agency, ?) WHERE id=?",
            [(original, similarity, agency, article_id) for article_id, original, similarity, agency in decisions],
        )

    # -- stories ----------------------------------------------------------------------------
    def save_assignments(
        self,
        assignments: Sequence[Assignment],
        duplicates: Sequence[tuple[str, str | None, float | None, str | None]] = (),
    ) -> None:
        """Record cluster decisions (and the duplicate links and agencies found on the way) and refresh
        the stories and events they touch, in one transaction."""
        if not assignments:
            return
        with self.transaction() as con:
            self._write_duplicates(con, duplicates)
            con.executemany(
                "UPDATE articles SET story_id=?, event_id=?, score=? WHERE id=?",
                [(a.story_id, a.event_id, a.score, a.article_id) for a in assignments],
            )
            self._refresh(con, sorted({a.story_id for a in assignments}), sorted({a.event_id for a in assignments}))

    def _refresh(self, con: sqlite3.Connection, story_ids: list[str], event_ids: list[str]) -> None:
        for chunk_start in range(0, len(story_ids), 500):
            chunk = story_ids[chunk_start : chunk_start + 500]
            marks = ", ".join("?" * len(chunk))
            con.execute(
                f"""
                INSERT OR REPLACE INTO stories
                    (id, title, first_published, last_published, last_seen, article_count, sources)
                SELECT story_id,
                       coalesce((SELECT title FROM articles t WHERE t.story_id = a.story_id AND t.title != ''
                        ORDER BY coalesce(t.published, t.seen), t.id LIMIT 1), ''),
                       min(published), max(published), max(seen), count(*),
                       (SELECT json_group_array(source) FROM
                           (SELECT DISTINCT source FROM articles s WHERE s.story_id = a.story_id ORDER BY source))
                FROM articles a WHERE story_id IN ({marks}) GROUP BY story_id
                """,
                chunk,
            )
        for chunk_start in range(0, len(event_ids), 500):
            chunk = event_ids[chunk_start : chunk_start + 500]
            marks = ", ".join("?" * len(chunk))
            con.execute(
                f"""
                INSERT OR REPLACE INTO events (id, story_id, title, first_published, last_published, article_count)
                SELECT event_id, story_id,
                       coalesce((SELECT title FROM articles t WHERE t.event_id = a.event_id AND t.title != ''
                        ORDER BY coalesce(t.published, t.seen), t.id LIMIT 1), ''),
                       min(published), max(published), count(*)
                FROM articles a WHERE event_id IN ({marks}) GROUP BY event_id
                """,
                chunk,
            )

    def reset_clusters(self) -> None:
        with self.transaction() as con:
            con.execute(
                "UPDATE articles SET story_id=NULL, event_id=NULL, score=NULL, "
                "duplicate_of=NULL, duplicate_similarity=NULL"
            )
            con.execute("DELETE FROM story_views")
            con.execute("DELETE FROM stories")
            con.execute("DELETE FROM events")
            con.execute("UPDATE quotes SET group_id=NULL WHERE group_id IS NOT NULL")  # grouped per story

    def stories(self, limit: int | None = None, offset: int = 0, source: str | None = None) -> list[StoryRow]:
        """Stories, newest first (by last publication, else by when akhbar last saw one)."""
        sql = f"SELECT {_STORY_COLUMNS} FROM stories"
        params: list[object] = []
        if source is not None:
            sql += " WHERE id IN (SELECT story_id FROM articles WHERE source = ?)"
            params.append(source)
        sql += " ORDER BY coalesce(last_published, last_seen) DESC, article_count DESC, id"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return [_story_row(row) for row in self.connection.execute(sql, params)]

    def story(self, story_id: str) -> StoryRow:
        row = self.connection.execute(
            f"SELECT {_STORY_COLUMNS} FROM stories WHERE id=?",
            (story_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no story with id {story_id}")
        return _story_row(row)

    def events_of_story(self, story_id: str) -> list[EventRow]:
        rows = self.connection.execute(
            "SELECT id, story_id, title, first_published, last_published, article_count FROM events "
            "WHERE story_id=? ORDER BY coalesce(first_published, ''), id",
            (story_id,),
        )
        return [EventRow(r[0], r[1], r[2], from_iso(r[3]), from_iso(r[4]), r[5]) for r in rows]

    def count_stories(self) -> int:
        return int(self.connection.execute("SELECT count(*) FROM stories").fetchone()[0])

    # -- search and read side -----------------------------------------------------------------
    # The search index (migration 003) holds akhbar's own match keys; see akhbar.search.
    def index_search(self, articles: Sequence[Article], seen: datetime | None = None) -> int:
        """Add ``articles`` to the search index in one transaction; returns how many were new to it.

        Articles already indexed are skipped, so calling it twice (or from two processes) is safe.
        """
        when = to_iso(seen) if seen is not None else now_iso()
        rows = [(a.id, a.title, a.text, to_iso(a.published) or when) for a in articles]
        return self._index_search_rows(rows)

    def _index_search_rows(self, rows: Sequence[tuple[str, str, str, str | None]]) -> int:
        from akhbar.search import analyzer_fingerprint, shadow  # here: only the search tables need them

        shadows = [(article_id, time, shadow(title), shadow(text)) for article_id, title, text, time in rows]
        added = 0
        with self.transaction() as con:
            # a first index records its analysis; an index built by another one is rebuilt by
            # index_pending_search, which compares the two
            con.execute(
                "INSERT INTO search_meta (key, value) VALUES ('analyzer', ?) ON CONFLICT (key) DO NOTHING",
                (analyzer_fingerprint(),),
            )
            for article_id, time, title_keys, body_keys in shadows:
                cursor = con.execute(
                    "INSERT INTO search_docs (article_id, time) VALUES (?, ?) ON CONFLICT (article_id) DO NOTHING",
                    (article_id, time),
                )
                if cursor.rowcount == 1:
                    con.execute(
                        "INSERT INTO search_index (rowid, title, body) VALUES (?, ?, ?)",
                        (cursor.lastrowid, title_keys, body_keys),
                    )
                    added += 1
        return added

    def search_pending(self) -> bool:
        """Whether some stored article is missing from the search index (a cheap count comparison)."""
        row = self.connection.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM search_docs)"
        ).fetchone()
        from akhbar.search import analyzer_fingerprint

        return int(row[0]) != int(row[1]) or self._search_analyzer() != analyzer_fingerprint()

    def _search_analyzer(self) -> str | None:
        row = self.connection.execute("SELECT value FROM search_meta WHERE key = 'analyzer'").fetchone()
        return str(row[0]) if row else None

    def index_pending_search(self, batch_size: int = 500) -> int:
        """Bring the search index up to date: index every article it lacks, in batches of one
        transaction each; rebuild it from scratch when it was built by a different analysis (or holds
        rows for articles that are gone). Returns how many articles were indexed."""
        from akhbar.search import analyzer_fingerprint

        fingerprint = analyzer_fingerprint()
        counts = self.connection.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM search_docs)"
        ).fetchone()
        if self._search_analyzer() != fingerprint or int(counts[1]) > int(counts[0]):
            with self.transaction() as con:
                con.execute("INSERT INTO search_index (search_index) VALUES ('delete-all')")
                con.execute("DELETE FROM search_docs")
                con.execute(
                    "INSERT INTO search_meta (key, value) VALUES ('analyzer', ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (fingerprint,),
                )
        indexed = 0
        last_rowid = 0
        while True:
            rows = self.connection.execute(
                "SELECT rowid, id, title, text, coalesce(published, seen) FROM articles "
                "WHERE rowid > ? AND id NOT IN (SELECT article_id FROM search_docs) ORDER BY rowid LIMIT ?",
                (last_rowid, batch_size),
            ).fetchall()
            if not rows:
                return indexed
            last_rowid = int(rows[-1][0])
            indexed += self._index_search_rows([(str(r[1]), str(r[2]), str(r[3]), r[4]) for r in rows])

    def reindex_search(self) -> int:
        """Rebuild the whole search index; returns how many articles it holds."""
        with self.transaction() as con:
            con.execute("DELETE FROM search_meta WHERE key = 'analyzer'")
        return self.index_pending_search()

    def search_candidates(
        self, expression: str, limit: int, weights: tuple[float, float]
    ) -> list[tuple[str, float, datetime | None]]:
        """(article id, BM25 score (higher is better), time) of the best ``limit`` matches of an FTS5
        expression built by ``akhbar.search.match_expression`` (never from user text)."""
        title_weight, body_weight = (float(w) for w in weights)
        rows = self.connection.execute(
            f"""
            SELECT d.article_id, -c.score, d.time FROM
                (SELECT rowid, bm25(search_index, {title_weight!r}, {body_weight!r}) AS score
                 FROM search_index WHERE search_index MATCH ? ORDER BY score LIMIT ?) c
            JOIN search_docs d ON d.rowid = c.rowid
            ORDER BY c.score
            """,
            (expression, limit),
        )
        return [(str(r[0]), float(r[1]), from_iso(r[2])) for r in rows]

    def count_search(self, expression: str) -> int:
        row = self.connection.execute(
            "SELECT count(*) FROM search_index WHERE search_index MATCH ?", (expression,)
        ).fetchone()
        return int(row[0])

    def search_newest(self) -> datetime | None:
        row = self.connection.execute("SELECT max(time) FROM search_docs").fetchone()
        return from_iso(row[0]) if row and row[0] else None

    def count_search_indexed(self) -> int:
        return int(self.connection.execute("SELECT count(*) FROM search_docs").fetchone()[0])

    def story_rows(
        self,
        limit: int,
        offset: int = 0,
        sort: str = "newest",
        source: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        entity_id: str | None = None,
    ) -> tuple[list[StoryRow], int]:
        """One page of stories and the number of stories that pass the filters.

        ``sort``: "newest" (last publication, else last seen) or "largest" (article count).
        ``since``/``until`` keep stories whose time span overlaps the range.
        """
        orders = {
            "newest": "coalesce(last_published, last_seen) DESC, article_count DESC, id",
            "largest": "article_count DESC, coalesce(last_published, last_seen) DESC, id",
        }
        if sort not in orders:
            raise ValueError(f"unknown sort {sort!r} (known: {', '.join(orders)})")
        where: list[str] = []
        params: list[object] = []
        if source is not None:
            where.append("id IN (SELECT story_id FROM articles WHERE source = ?)")
            params.append(source)
        if entity_id is not None:
            where.append(
                "id IN (SELECT a.story_id FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ?)"
            )
            params.append(entity_id)
        if since is not None:
            where.append("coalesce(last_published, last_seen) >= ?")
            params.append(to_iso(since))
        if until is not None:
            where.append("coalesce(first_published, last_published, last_seen) <= ?")
            params.append(to_iso(until))
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        total = int(self.connection.execute(f"SELECT count(*) FROM stories{clause}", params).fetchone()[0])
        rows = self.connection.execute(
            f"SELECT {_STORY_COLUMNS} FROM stories{clause} ORDER BY {orders[sort]} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [_story_row(row) for row in rows], total

    def story_article_times(self, story_ids: Sequence[str]) -> dict[str, list[datetime]]:
        """Each story's article times (published, else stored), oldest first."""
        found: dict[str, list[datetime]] = {story_id: [] for story_id in story_ids}
        for chunk_start in range(0, len(story_ids), 500):
            chunk = list(story_ids[chunk_start : chunk_start + 500])
            marks = ", ".join("?" * len(chunk))
            rows = self.connection.execute(
                f"SELECT story_id, coalesce(published, seen) FROM articles WHERE story_id IN ({marks})", chunk
            )
            for story_id, time in rows:
                found[story_id].append(datetime.fromisoformat(time))
        for times in found.values():
            times.sort()
        return found

    def source_counts(self) -> list[tuple[str, int]]:
        """Every outlet with its number of articles, by name."""
        rows = self.connection.execute("SELECT source, count(*) FROM articles GROUP BY source ORDER BY source")
        return [(str(r[0]), int(r[1])) for r in rows]

    # -- quotes read side ---------------------------------------------------------------------
    # Quotes as stored by ingest (``add_batch``); the service groups them across outlets.
    def quotes_of_story(self, story_id: str) -> list[Quote]:
        """Every quote of every article of the story, by article (in time order), then by offset."""
        rows = self.connection.execute(
            f"SELECT {_QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id "
            "WHERE a.story_id = ? ORDER BY coalesce(a.published, a.seen), a.id, q.start, q.end",
            (story_id,),
        )
        return [Quote(*row) for row in rows]

    def quotes_by_speaker(
        self, matches: Callable[[str], bool], story_id: str | None = None, limit: int | None = None
    ) -> list[Quote]:
        """Quotes whose speaker ``matches`` (a predicate over the speaker as stored), newest article
        first; only the story's when ``story_id`` is given.

        ``matches`` runs once per distinct speaker (as an SQL function), not once per quote, so
        the caller can match after any normalization it likes.
        """
        return self._quotes_where(matches, story_id, limit)

    def latest_quotes(self, story_id: str | None = None, limit: int | None = None) -> list[Quote]:
        """Quotes of the newest articles first (of one story when ``story_id`` is given)."""
        return self._quotes_where(None, story_id, limit)

    def _quotes_where(
        self, matches: Callable[[str], bool] | None, story_id: str | None, limit: int | None
    ) -> list[Quote]:
        where: list[str] = []
        params: list[object] = []
        if matches is not None:

            def matches_speaker(speaker: object) -> int:
                return int(isinstance(speaker, str) and matches(speaker))

            self.connection.create_function("akhbar_speaker_matches", 1, matches_speaker, deterministic=True)
            # a non-correlated IN subquery is evaluated once: the predicate sees each speaker once
            where.append(
                "q.speaker IN (SELECT DISTINCT speaker FROM quotes "
                "WHERE speaker IS NOT NULL AND akhbar_speaker_matches(speaker))"
            )
        if story_id is not None:
            where.append("a.story_id = ?")
            params.append(story_id)
        sql = f"SELECT {_QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY coalesce(a.published, a.seen) DESC, a.id, q.start, q.end"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        try:
            return [Quote(*row) for row in self.connection.execute(sql, params)]
        finally:
            if matches is not None:
                self.connection.create_function("akhbar_speaker_matches", 1, None)

    # -- entities read/write side ---------------------------------------------------------------
    # Mentions arrive with their article (``add_batch``). Linking (``akhbar.stages.link``, run by
    # ``service.link_entities``) gives them entity ids and writes the entities: one transaction a batch.
    def unlinked_article_ids(self) -> list[str]:
        """Articles in a story with a mention not linked yet, in time order (then as stored)."""
        rows = self.connection.execute(
            "SELECT a.id FROM articles a WHERE a.story_id IS NOT NULL AND a.id IN "
            "(SELECT DISTINCT article_id FROM mentions WHERE entity_id IS NULL) "
            "ORDER BY coalesce(a.published, a.seen), a.rowid"
        )
        return [str(row[0]) for row in rows]

    def mentions_of_articles(self, ids: Sequence[str]) -> dict[str, tuple[Mention, ...]]:
        """Each article's mentions in text order (every id given is a key, with () when it has none)."""
        found: dict[str, list[Mention]] = {article_id: [] for article_id in ids}
        for chunk_start in range(0, len(ids), 500):
            chunk = list(ids[chunk_start : chunk_start + 500])
            rows = self.connection.execute(
                "SELECT article_id, start, end, surface, kind, entity_id FROM mentions "
                f"WHERE article_id IN ({', '.join('?' * len(chunk))}) ORDER BY article_id, start, end",
                chunk,
            )
            for row in rows:
                found[row[0]].append(Mention(*row))
        return {article_id: tuple(mentions) for article_id, mentions in found.items()}

    def all_entities(self) -> list[Entity]:
        rows = self.connection.execute(f"SELECT {_ENTITY_COLUMNS} FROM entities ORDER BY id")
        return [_entity(row) for row in rows]

    def entity_usages(self) -> list[tuple[str, str, str, int]]:
        """(entity id, surface, kind, mentions) for every way each entity has been named."""
        rows = self.connection.execute(
            "SELECT entity_id, surface, kind, count(*) FROM mentions WHERE entity_id IS NOT NULL "
            "GROUP BY entity_id, surface, kind ORDER BY entity_id, surface, kind"
        )
        return [(str(r[0]), str(r[1]), str(r[2]), int(r[3])) for r in rows]

    def linked_mentions_of_story(self, story_id: str, kind: str | None = None) -> list[Mention]:
        """The story's linked mentions (of one kind when given), by article in time order, then offset."""
        sql = (
            "SELECT m.article_id, m.start, m.end, m.surface, m.kind, m.entity_id FROM mentions m "
            "JOIN articles a ON a.id = m.article_id WHERE a.story_id = ? AND m.entity_id IS NOT NULL"
        )
        params: list[object] = [story_id]
        if kind is not None:
            sql += " AND m.kind = ?"
            params.append(kind)
        sql += " ORDER BY coalesce(a.published, a.seen), a.rowid, m.start, m.end"
        return [Mention(*row) for row in self.connection.execute(sql, params)]

    def save_links(
        self, mentions: Sequence[Mention], entities: Sequence[Entity], names: Sequence[tuple[str, str]] = ()
    ) -> None:
        """In one transaction: write (insert or replace) ``entities``, their lookup ``names``
        ((key, entity id) pairs), and the entity id of each of ``mentions``."""
        if not mentions and not entities:
            return
        with self.transaction() as con:
            con.executemany(
                "INSERT INTO entities (id, name, kind, variants, roles) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, "
                "variants = excluded.variants, roles = excluded.roles",
                [
                    (
                        e.id,
                        e.name,
                        e.kind,
                        json.dumps(list(e.variants), ensure_ascii=False),
                        json.dumps(list(e.roles), ensure_ascii=False),
                    )
                    for e in entities
                ],
            )
            con.executemany(
                "INSERT INTO entity_names (key, entity_id) VALUES (?, ?) ON CONFLICT DO NOTHING", list(names)
            )
            con.executemany(
                "UPDATE mentions SET entity_id = ? WHERE article_id = ? AND start = ? AND end = ?",
                [(m.entity_id, m.article_id, m.start, m.end) for m in mentions],
            )

    def reset_links(self) -> None:
        """Forget every entity and every mention's link (the mentions themselves stay)."""
        with self.transaction() as con:
            con.execute("DELETE FROM story_views")
            con.execute("UPDATE mentions SET entity_id = NULL WHERE entity_id IS NOT NULL")
            con.execute("UPDATE quotes SET speaker_entity_id = NULL WHERE speaker_entity_id IS NOT NULL")
            con.execute("DELETE FROM entity_names")
            con.execute("DELETE FROM entities")

    def has_entities(self) -> bool:
        return self.connection.execute("SELECT 1 FROM entities LIMIT 1").fetchone() is not None

    def count_entities(self) -> int:
        return int(self.connection.execute("SELECT count(*) FROM entities").fetchone()[0])

    def entity(self, entity_id: str) -> Entity:
        row = self.connection.execute(f"SELECT {_ENTITY_COLUMNS} FROM entities WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no entity with id {entity_id}")
        return _entity(row)

    def entities_named(self, key: str) -> list[tuple[Entity, int]]:
        """Entities one of whose names has exactly this lookup key, with their mention counts, most first."""
        return self._counted_entities("id IN (SELECT entity_id FROM entity_names WHERE key = ?)", [key], None)

    def entities_matching(self, fragment: str, limit: int) -> list[tuple[Entity, int]]:
        """Entities with a lookup key holding ``fragment`` at the start of a word, most mentioned first."""
        pattern = "% " + fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        return self._counted_entities(
            "id IN (SELECT entity_id FROM entity_names WHERE ' ' || key LIKE ? ESCAPE '\\')", [pattern], limit
        )

    def top_entities(self, limit: int) -> list[tuple[Entity, int]]:
        """The most mentioned entities with their mention counts."""
        return self._counted_entities(None, [], limit)

    def _counted_entities(self, where: str | None, params: list[object], limit: int | None) -> list[tuple[Entity, int]]:
        sql = (
            f"SELECT {_ENTITY_COLUMNS}, (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id) AS n FROM entities e"
        )
        if where:
            sql += " WHERE " + where
        sql += " ORDER BY n DESC, e.name, e.id"
        if limit is not None:
            sql += " LIMIT ?"
            params = [*params, limit]
        return [(_entity(row[:-1]), int(row[-1])) for row in self.connection.execute(sql, params)]

    def entity_counts_of_story(self, story_id: str) -> list[tuple[str, int]]:
        """(entity id, mentions) for each entity named in the story's articles, in no set order."""
        rows = self.connection.execute(
            "SELECT m.entity_id, count(*) FROM mentions m JOIN articles a ON a.id = m.article_id "
            "WHERE a.story_id = ? AND m.entity_id IS NOT NULL GROUP BY m.entity_id",
            (story_id,),
        )
        return [(str(row[0]), int(row[1])) for row in rows]

    def entities_by_id(self, ids: Sequence[str]) -> dict[str, Entity]:
        """The stored entities among ``ids``, by id."""
        rows = self._rows_with_ids(f"SELECT {_ENTITY_COLUMNS} FROM entities", ids)
        return {str(row[0]): _entity(row) for row in rows}

    # -- story views: a story page's costly parts, worked out when the story changes ---------
    # (see migrations/005_story_views.sql: triggers delete a view whenever what it was built from changes)
    def story_view(self, story_id: str) -> str | None:
        """The stored view of a story (JSON written by ``service.build_story_views``), if current."""
        row = self.connection.execute("SELECT payload FROM story_views WHERE story_id = ?", (story_id,)).fetchone()
        return str(row[0]) if row is not None else None

    def story_view_quotes(self, story_id: str, shared: bool | None = None, limit: int | None = None) -> list[str]:
        """The stored quote groups of a story's view, in page order: all, or the first ``limit`` of
        those carried by several outlets (``shared``) or by one."""
        sql = "SELECT payload FROM story_view_quotes WHERE story_id = ?"
        params: list[object] = [story_id]
        if shared is not None:
            sql += " AND shared = ?"
            params.append(int(shared))
        sql += " ORDER BY position"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [str(row[0]) for row in self.connection.execute(sql, params)]

    def stories_without_view(self) -> list[str]:
        rows = self.connection.execute(
            "SELECT id FROM stories WHERE id NOT IN (SELECT story_id FROM story_views) ORDER BY id"
        )
        return [str(row[0]) for row in rows]

    def count_story_views(self) -> int:
        return int(self.connection.execute("SELECT count(*) FROM story_views").fetchone()[0])

    def save_story_view(self, story_id: str, payload: str, quotes: Sequence[tuple[bool, str]]) -> None:
        """Store a story's view and its quote groups (``(shared, payload)`` in page order), replacing
        an older one; nothing when the story is gone. Call it inside the transaction that read what
        the view was built from, so no view is stored stale."""
        con = self.connection
        con.execute("DELETE FROM story_views WHERE story_id = ?", (story_id,))
        if con.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone() is None:
            return
        con.execute("INSERT INTO story_views (story_id, payload) VALUES (?, ?)", (story_id, payload))
        con.executemany(
            "INSERT INTO story_view_quotes (story_id, position, shared, payload) VALUES (?, ?, ?, ?)",
            [(story_id, position, int(shared), group) for position, (shared, group) in enumerate(quotes)],
        )

    def entities_of_story(self, story_id: str, limit: int | None = None) -> list[tuple[Entity, int]]:
        """The entities named in a story's articles with their mentions there, most mentioned first."""
        sql = (
            f"SELECT {_ENTITY_COLUMNS}, c.n FROM entities e JOIN "
            "(SELECT m.entity_id, count(*) AS n FROM mentions m JOIN articles a ON a.id = m.article_id "
            "WHERE a.story_id = ? AND m.entity_id IS NOT NULL GROUP BY m.entity_id) c ON c.entity_id = e.id "
            "ORDER BY c.n DESC, e.name, e.id"
        )
        params: list[object] = [story_id]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [(_entity(row[:-1]), int(row[-1])) for row in self.connection.execute(sql, params)]

    def entity_stories(self, entity_id: str) -> list[tuple[StoryRow, int, datetime | None, datetime | None]]:
        """The stories an entity is named in, oldest first: (story, mentions, first time, last time),
        the times being those of the articles naming it (published, else stored)."""
        rows = self.connection.execute(
            f"SELECT {', '.join('s.' + c.strip() for c in _STORY_COLUMNS.split(','))}, c.n, c.first, c.last "
            "FROM stories s JOIN (SELECT a.story_id, count(*) AS n, min(coalesce(a.published, a.seen)) AS first, "
            "max(coalesce(a.published, a.seen)) AS last FROM mentions m JOIN articles a ON a.id = m.article_id "
            "WHERE m.entity_id = ? AND a.story_id IS NOT NULL GROUP BY a.story_id) c ON c.story_id = s.id "
            "ORDER BY c.first, s.id",
            (entity_id,),
        )
        return [(_story_row(row[:7]), int(row[7]), from_iso(row[8]), from_iso(row[9])) for row in rows]

    def mention_count(self, entity_id: str) -> int:
        return int(
            self.connection.execute("SELECT count(*) FROM mentions WHERE entity_id = ?", (entity_id,)).fetchone()[0]
        )


def _statements(sql: str) -> list[str]:
    """The statements of a migration file, one by one (a trigger's ``BEGIN … END;`` body stays whole)."""
    statements: list[str] = []
    pending = ""
    for line in sql.splitlines():
        if line.strip().startswith("--"):
            continue
        pending += line + "\n"
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip():
        statements.append(pending.strip())
    return statements


def _article_row(a: Article, seen: str) -> tuple[object, ...]:
    return (
        a.id,
        a.external_id,
        a.source,
        a.url,
        to_iso(a.published),
        seen,
        a.title,
        a.text,
        a.raw_text,
        a.author,
        a.dateline,
        a.language,
        a.origin,
        json.dumps([[r.text, r.reason] for r in a.removed], ensure_ascii=False),
        json.dumps([[s.start, s.end, s.label] for s in a.spans]),
        json.dumps(list(a.flags)),
        json.dumps([list(pair) for pair in a.extra], ensure_ascii=False),
        a.story_id,
        a.event_id,
        a.duplicate_of,
        a.duplicate_similarity,
        a.agency,
    )


def _json_list(value: object) -> list[Any]:
    """A JSON array column, without the parser for the empty array most rows hold."""
    return [] if value == "[]" else list(json.loads(str(value)))


def _stored_article(row: Sequence[object]) -> StoredArticle:
    (
        id_,
        external_id,
        source,
        url,
        published,
        seen,
        title,
        text,
        raw_text,
        author,
        dateline,
        language,
        origin,
        removed,
        spans,
        flags,
        extra,
        story_id,
        event_id,
        duplicate_of,
        duplicate_similarity,
        agency,
    ) = row
    article = Article(
        id=str(id_),
        source=str(source),
        title=str(title),
        text=str(text),
        origin=str(origin),
        url=url if isinstance(url, str) else None,
        published=from_iso(published if isinstance(published, str) else None),
        author=author if isinstance(author, str) else None,
        external_id=external_id if isinstance(external_id, str) else None,
        raw_text=str(raw_text),
        language=language if isinstance(language, str) else None,
        dateline=dateline if isinstance(dateline, str) else None,
        removed=tuple(Removal(t, r) for t, r in _json_list(removed)),
        spans=tuple(Span(s, e, label) for s, e, label in _json_list(spans)),
        flags=tuple(_json_list(flags)),
        extra=tuple((k, v) for k, v in _json_list(extra)),
        story_id=story_id if isinstance(story_id, str) else None,
        event_id=event_id if isinstance(event_id, str) else None,
        duplicate_of=duplicate_of if isinstance(duplicate_of, str) else None,
        duplicate_similarity=float(duplicate_similarity) if isinstance(duplicate_similarity, float) else None,
        agency=agency if isinstance(agency, str) else None,
    )
    return StoredArticle(article, datetime.fromisoformat(str(seen)))


def _story_row(row: Sequence[object]) -> StoryRow:
    id_, title, first, last, last_seen, count, sources = row
    return StoryRow(
        id=str(id_),
        title=str(title or ""),
        first_published=from_iso(first if isinstance(first, str) else None),
        last_published=from_iso(last if isinstance(last, str) else None),
        last_seen=datetime.fromisoformat(str(last_seen)),
        article_count=int(count),  # type: ignore[call-overload]
        sources=tuple(json.loads(str(sources))),
    )


def _entity(row: Sequence[object]) -> Entity:
    id_, name, kind, variants, roles = row
    return Entity(
        id=str(id_),
        name=str(name),
        kind=str(kind),  # type: ignore[arg-type]
        variants=tuple(_json_list(variants)),
        roles=tuple(_json_list(roles)),
    )
