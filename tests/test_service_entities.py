"""Entity linking through the service and the store, on the two seed articles tagged by the shipped
NER model (skipped, with the reason, while the model is not there)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from akhbar import service
from akhbar.config import Settings, load_settings
from akhbar.errors import NotFoundError
from akhbar.lang.ar import normalize
from akhbar.stages.link import lookup_keys, name_key
from akhbar.store.sqlite import Store
from akhbar.types import Article, Entity


@pytest.fixture
def linked(
    tmp_path: Path, seed_files: list[Path], tag_and_link: Callable[[Settings], int]
) -> tuple[Settings, service.StoryDetail]:
    settings = load_settings(env={}, cwd=tmp_path, db=tmp_path / "entities.db")
    service.ingest(seed_files, settings)
    tag_and_link(settings)  # ingest already tags; this only links (and tags what lacks mentions)
    with Store(settings.db) as store:
        tagged = store.connection.execute("SELECT count(DISTINCT article_id) FROM mentions").fetchone()[0]
    assert tagged >= 2
    return settings, seed_story(settings)


def seed_story(settings: Settings) -> service.StoryDetail:
    views = [
        v
        for v in service.list_stories(settings, limit=None)
        if {a.source for a in v.articles} == {"outlet-000", "outlet-002"}
    ]
    assert len(views) == 1
    return service.story_detail(settings, views[0].story.id)


def rows(db: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    with sqlite3.connect(db) as con:
        mentions = con.execute("SELECT * FROM mentions ORDER BY article_id, start, end").fetchall()
        entities = con.execute("SELECT * FROM entities ORDER BY id").fetchall()
    return mentions, entities


def test_every_mention_is_linked_once_and_again_is_a_no_op(linked: tuple[Settings, service.StoryDetail]) -> None:
    settings, _ = linked
    mentions, entities = rows(settings.db)
    assert mentions and entities and all(m[5] is not None for m in mentions)
    again = service.link_entities(settings)
    assert again.articles == 0 and again.mentions == 0
    assert rows(settings.db) == (mentions, entities)
    # forgetting everything and linking again gives the very same rows
    rebuilt = service.link_entities(settings, rebuild=True)
    assert rebuilt.mentions == len(mentions)
    assert rows(settings.db) == (mentions, entities)


def test_linking_article_by_article_equals_linking_all_at_once(
    tmp_path: Path, seed_files: list[Path], tag_and_link: Callable[[Settings], int]
) -> None:
    streamed = load_settings(env={}, cwd=tmp_path, db=tmp_path / "streamed.db")
    for path in seed_files:  # each ingest is followed by tagging and linking, as the service will do
        service.ingest([path], streamed)
        tag_and_link(streamed)
    batch = load_settings(env={}, cwd=tmp_path, db=tmp_path / "batch.db")
    service.ingest(seed_files, batch)
    tag_and_link(batch)
    assert rows(streamed.db) == rows(batch.db)


def test_story_detail_lists_entities_with_counts_and_articles_their_mentions(
    linked: tuple[Settings, service.StoryDetail],
) -> None:
    settings, story = linked
    assert story.entities_extracted and story.entities
    assert len(story.entity_mentions) == len(story.entities)
    assert list(story.entity_mentions) == sorted(story.entity_mentions, reverse=True)
    names = {e.name for e in story.entities}
    assert {"مصطفى الكاظمي", "جو بايدن", "العراق"} <= names
    for article in story.articles:
        detail = service.get_article(settings, article.id)
        assert detail.mentions, article.id
        known = {e.id for e in detail.entities}
        for mention in detail.mentions:
            assert detail.article.text[mention.start : mention.end] == mention.surface
            assert mention.entity_id in known


def test_get_entity_by_id_or_any_spelling_with_roles_and_stories(linked: tuple[Settings, service.StoryDetail]) -> None:
    settings, story = linked
    kadhimi = service.get_entity(settings, "الكاظمى")  # ى for ي: a spelling variant
    assert kadhimi.entity.name == "مصطفى الكاظمي" and kadhimi.entity.kind == "PERS"
    assert "الكاظمي" in kadhimi.entity.variants
    assert "رئيس الوزراء العراقي" in kadhimi.entity.roles
    assert [s.story.id for s in kadhimi.stories] == [story.story.id]
    assert kadhimi.mentions == kadhimi.stories[0].mentions >= 4
    assert service.get_entity(settings, kadhimi.entity.id) == kadhimi
    biden = service.get_entity(settings, "بايدن")
    assert biden.entity.name == "جو بايدن" and "الرئيس الأميركي" in biden.entity.roles
    assert service.get_entity(settings, "الرئيس الأمريكي جو بايدن").entity.id == biden.entity.id
    with pytest.raises(NotFoundError, match="no entity with id or name"):
        service.get_entity(settings, "شخص غير موجود")


def test_list_entities_of_a_story_by_name_and_everywhere(linked: tuple[Settings, service.StoryDetail]) -> None:
    settings, story = linked
    of_story = service.list_entities(settings, story_id=story.story.id, limit=500)
    assert [c.entity for c in of_story] == list(story.entities)
    top = service.list_entities(settings, limit=3)
    assert len(top) == 3 and top[0].mentions >= top[-1].mentions
    assert [c.entity.name for c in service.list_entities(settings, query="الكاظمى")] == ["مصطفى الكاظمي"]
    with pytest.raises(NotFoundError):
        service.list_entities(settings, story_id="s0000000000000000")
    with pytest.raises(service.InvalidRequestError):
        service.list_entities(settings, limit=0)
    with pytest.raises(service.InvalidRequestError):
        service.list_entities(settings, query="«»")


def test_before_any_linking_a_lookup_says_why(settings: Settings, seed_files: list[Path]) -> None:
    service.ingest(seed_files, settings, cluster_after=False)  # linking runs after clustering
    with pytest.raises(NotFoundError, match="no entities in this database yet"):
        service.get_entity(settings, "بايدن")
    with Store(settings.db) as store:
        assert not store.has_entities()


# -- the seed names: found, and linked across the two articles -------------------------------------

SEED_NAMES: list[tuple[str, str]] = [
    *[(n, "PERS") for n in ("بايدن", "الكاظمي", "نيد برايس", "ترمب", "بلينكن", "الخزعلي", "جعفر الحسيني")],
    *[(n, "PERS") for n in ("هادي العامري", "ريتشارد ميلز")],
    *[(n, "LOC") for n in ("بغداد", "أربيل", "العراق", "إيران", "المنطقة الخضراء", "كردستان", "أفغانستان")],
    *[(n, "ORG") for n in ("داعش", "البيت الأبيض", "نيويورك تايمز", "ديفينس وان", "عصائب أهل الحق")],
    *[(n, "ORG") for n in ("كتائب حزب الله", "الخارجية الأميركية", "مجلس الأمن")],
]
#: What the seed names miss, by name (the tagger's span, or the linker not joining it to the name).
TAGGER_MISSES = {
    "كتائب حزب الله": "the tagger splits كتائب «حزب الله العراق» into ORG حزب الله + LOC العراق",
}


def _written_in(article: Article, name: str) -> bool:
    return normalize(name) in normalize(article.text)


def _names(entity: Entity, name: str, kind: str) -> bool:
    wanted = set(lookup_keys(name, kind))
    if any(wanted & set(lookup_keys(variant, entity.kind)) for variant in entity.variants):
        return True
    key = name_key(name, kind).key
    return entity.kind == "PERS" and name_key(entity.name, "PERS").key[-len(key) :] == key


def _found(settings: Settings, name: str, kind: str) -> dict[str, set[str]]:
    """For each seed outlet whose article writes ``name``: the ids of the entities its mentions link
    to that carry that name."""
    found: dict[str, set[str]] = {}
    for view in service.list_stories(settings, limit=None):
        for article in view.articles:  # the cleaner may have split a seed file into two articles
            if article.source not in ("outlet-000", "outlet-002") or not _written_in(article, name):
                continue
            detail = service.get_article(settings, article.id)
            found.setdefault(article.source, set()).update(e.id for e in detail.entities if _names(e, name, kind))
    return found


def _found_marks(name: str) -> list[pytest.MarkDecorator]:
    return [pytest.mark.xfail(reason=TAGGER_MISSES[name], strict=False)] if name in TAGGER_MISSES else []


@pytest.mark.parametrize(("name", "kind"), [pytest.param(n, k, marks=_found_marks(n), id=n) for n, k in SEED_NAMES])
def test_seed_name_is_found_in_every_seed_article_that_writes_it(
    linked: tuple[Settings, service.StoryDetail], name: str, kind: str
) -> None:
    settings, _ = linked
    found = _found(settings, name, kind)
    assert found, f"{name} is written in no seed article"
    assert all(found.values()), f"{name}: no linked entity in {[s for s, ids in found.items() if not ids]}"


#: Names one seed article only writes: there is nothing to link across (the data, not a miss).
ONE_ARTICLE_ONLY = {
    "نيد برايس": "outlet-000",
    "ترمب": "outlet-000",
    "بغداد": "outlet-000",
    "نيويورك تايمز": "outlet-000",
    "الخارجية الأميركية": "outlet-000",
    "بلينكن": "outlet-002",
    "الخزعلي": "outlet-002",
    "جعفر الحسيني": "outlet-002",
    "هادي العامري": "outlet-002",
    "ريتشارد ميلز": "outlet-002",
    "أفغانستان": "outlet-002",
    "ديفينس وان": "outlet-002",
    "عصائب أهل الحق": "outlet-002",
    "كتائب حزب الله": "outlet-002",
    "مجلس الأمن": "outlet-002",
}


def _linked_marks(name: str) -> list[pytest.MarkDecorator]:
    if name in ONE_ARTICLE_ONLY:
        return [
            pytest.mark.xfail(reason=f"only {ONE_ARTICLE_ONLY[name]} writes it: nothing to link across", strict=True)
        ]
    return _found_marks(name)


@pytest.mark.parametrize(("name", "kind"), [pytest.param(n, k, marks=_linked_marks(n), id=n) for n, k in SEED_NAMES])
def test_seed_name_is_one_entity_across_both_seed_articles(
    linked: tuple[Settings, service.StoryDetail], name: str, kind: str
) -> None:
    settings, _ = linked
    found = _found(settings, name, kind)
    assert set(found) == {"outlet-000", "outlet-002"}, f"{name} is written in {sorted(found)} only"
    assert set.intersection(*found.values()), f"{name}: different entities {found}"


def test_store_lookup_tables_are_filled(linked: tuple[Settings, service.StoryDetail]) -> None:
    settings, _ = linked
    with Store(settings.db) as store:
        assert store.schema_version() >= 4
        (kadhimi,) = [e for e, _ in store.entities_named("مصطفي كاظمي")]
        assert kadhimi.name == "مصطفى الكاظمي"
        assert store.entities_named("كاظمي")  # the surname alone, as the articles write it
