"""Stored story views (``service.build_story_views``, migration 005): a story page reads its quote
groups and entity counts from them; they must always equal what would be worked out from the
articles, and any write that changes what they were built from must drop them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from akhbar import service
from akhbar.config import Settings, load_settings
from akhbar.store.sqlite import Store


@pytest.fixture
def copy(live_db: Path, tmp_path: Path) -> Settings:
    """A private copy of the live database, free to change."""
    with Store(live_db) as store:
        store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(live_db, tmp_path / "copy.db")
    return load_settings(env={}, cwd=tmp_path, db=tmp_path / "copy.db")


def _story_ids(settings: Settings) -> list[str]:
    with Store(settings.db) as store:
        return [row[0] for row in store.connection.execute("SELECT id FROM stories ORDER BY id")]


def _worked_out(settings: Settings, story_id: str, **limits: int) -> service.StoryDetail:
    """The story as it reads with no stored view (the views are deleted, then put back)."""
    with Store(settings.db) as store:
        saved = store.connection.execute("SELECT count(*) FROM story_views").fetchone()[0]
        store.connection.execute("DELETE FROM story_views")
    detail = service.story_detail(settings, story_id, **limits)
    if saved:
        with Store(settings.db) as store:
            service.build_story_views(store)
    return detail


def test_ingest_leaves_every_story_with_a_view(live_db: Path) -> None:
    with Store(live_db) as store:
        assert store.count_stories() > 100
        assert store.stories_without_view() == []
        assert store.count_story_views() == store.count_stories()


def test_stored_views_read_exactly_as_worked_out(copy: Settings) -> None:
    ids = _story_ids(copy)
    stored = {story_id: service.story_detail(copy, story_id) for story_id in ids}
    with Store(copy.db) as store:
        store.connection.execute("DELETE FROM story_views")
    live = {story_id: service.story_detail(copy, story_id) for story_id in ids}
    assert stored == live
    # and the comparison has something to compare: quote groups across outlets, entities
    assert any(detail.shared_groups > 0 for detail in live.values())
    assert sum(len(detail.quotes) for detail in live.values()) > 100
    seed = next(d for d in live.values() if "outlet-000" in d.story.sources and "outlet-002" in d.story.sources)
    kadhimi = [g for g in seed.quotes if len(g.sources) > 1]
    assert kadhimi and all(g.versions[0].text for g in kadhimi)


def test_limits_give_the_first_groups_and_count_them_all(copy: Settings) -> None:
    details = [service.story_detail(copy, story_id) for story_id in _story_ids(copy)]
    richest = max(details, key=lambda d: (d.shared_groups > 0, d.single_groups))
    shared = [g for g in richest.quotes if len(g.sources) > 1]
    single = [g for g in richest.quotes if len(g.sources) <= 1]
    assert (richest.shared_groups, richest.single_groups) == (len(shared), len(single))
    assert len(single) >= 3
    for detail in (
        service.story_detail(copy, richest.story.id, shared_limit=1, single_limit=2),
        _worked_out(copy, richest.story.id, shared_limit=1, single_limit=2),
    ):
        assert detail.quotes == (*shared[:1], *single[:2])
        assert (detail.shared_groups, detail.single_groups) == (len(shared), len(single))


def test_writes_drop_the_views_they_change_and_cluster_puts_them_back(copy: Settings) -> None:
    with Store(copy.db) as store:
        con = store.connection
        quoted = con.execute(
            "SELECT a.story_id, q.article_id, q.start FROM quotes q JOIN articles a ON a.id = q.article_id LIMIT 1"
        ).fetchone()
        named = con.execute(
            "SELECT a.story_id, m.article_id, m.start FROM mentions m JOIN articles a ON a.id = m.article_id "
            "WHERE m.entity_id IS NOT NULL AND a.story_id != ? LIMIT 1",
            (quoted[0],),
        ).fetchone()
        assert quoted is not None and named is not None
        before = store.count_story_views()
        # a quote regrouped: its story's view goes, no other
        con.execute("UPDATE quotes SET group_id = 'qmoved' WHERE article_id = ? AND start = ?", quoted[1:])
        assert store.story_view(quoted[0]) is None
        assert store.count_story_views() == before - 1
        # a mention unlinked: its story's view goes
        con.execute("UPDATE mentions SET entity_id = NULL WHERE article_id = ? AND start = ?", named[1:])
        assert store.story_view(named[0]) is None
        assert store.count_story_views() == before - 2
    service.cluster(copy)  # links the mention again and rebuilds what is missing
    with Store(copy.db) as store:
        assert store.stories_without_view() == []
    for story_id in (quoted[0], named[0]):
        assert service.story_detail(copy, story_id) == _worked_out(copy, story_id)


def test_an_article_moving_drops_both_stories_views(copy: Settings) -> None:
    with Store(copy.db) as store:
        con = store.connection
        first, second = (row[0] for row in con.execute("SELECT id FROM stories ORDER BY id LIMIT 2"))
        article = con.execute("SELECT id FROM articles WHERE story_id = ? LIMIT 1", (first,)).fetchone()[0]
        con.execute("UPDATE articles SET story_id = ? WHERE id = ?", (second, article))
        assert store.story_view(first) is None and store.story_view(second) is None


def test_a_view_of_another_format_is_worked_out_again(copy: Settings) -> None:
    story_id = max(_story_ids(copy), key=lambda s: len(service.story_detail(copy, s).quotes))
    expected = service.story_detail(copy, story_id)
    with Store(copy.db) as store:
        header = json.loads(store.story_view(story_id) or "{}")
        header["format"] = -1
        store.connection.execute(
            "UPDATE story_views SET payload = ? WHERE story_id = ?", (json.dumps(header), story_id)
        )
    assert service.story_detail(copy, story_id) == expected


def test_a_database_from_before_views_gets_them_from_akhbar_cluster(copy: Settings) -> None:
    with Store(copy.db) as store:  # back to schema 4, as an older akhbar left it
        con = store.connection
        for name in [row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")]:
            con.execute(f"DROP TRIGGER {name}")
        con.execute("DROP TABLE story_view_quotes")
        con.execute("DROP TABLE story_views")
        con.execute("DELETE FROM schema_migrations WHERE version = 5")
    ids = _story_ids(copy)
    with Store(copy.db) as store:  # opening it migrates: the table is back, empty
        assert store.schema_version() == 5
        assert len(store.stories_without_view()) == len(ids)
    pages = {story_id: service.story_detail(copy, story_id) for story_id in ids}  # worked out meanwhile
    summary = service.cluster(copy)
    assert summary.assigned == 0
    with Store(copy.db) as store:
        assert store.stories_without_view() == []
    assert {story_id: service.story_detail(copy, story_id) for story_id in ids} == pages
