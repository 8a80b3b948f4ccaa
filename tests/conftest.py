"""Shared fixtures. Tests that need the development data under ../shared skip when it is absent."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import hypothesis
import pytest

from akhbar.config import Settings, load_settings

# Hypothesis' per-example deadline (200 ms) measures the machine, not the property: on a shared
# 2-core runner a first call that warms a memo took 790 ms once and failed a determinism test.
hypothesis.settings.register_profile("akhbar", deadline=None)
hypothesis.settings.load_profile("akhbar")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEMO = REPO / "demo"


@pytest.fixture
def shared_data() -> Path:
    data = SHARED / "data"
    if not data.is_dir():
        pytest.skip(f"development data not found at {data} (it sits beside the checkout on developer machines and CI)")
    return data


@pytest.fixture
def demo_dir() -> Path:
    return DEMO


@pytest.fixture
def seed_files() -> list[Path]:
    """The two seed articles, from the demo folder the repository ships."""
    files = sorted((DEMO / "seeds").rglob("*.txt"))
    assert len(files) == 2
    return files


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(env={}, cwd=tmp_path, db=tmp_path / "test.db")


NER_MODEL = REPO / "src" / "akhbar" / "models" / "ner-ar.zip"


@pytest.fixture(scope="session")
def entity_tagger() -> object:
    """The shipped NER tagger (``akhbar.stages.entities.EntityTagger``), loaded once."""
    if not NER_MODEL.is_file():
        pytest.skip(f"the NER model {NER_MODEL.name} is not there yet (src/akhbar/models/); entity tests need it")
    from akhbar.stages.entities import EntityTagger

    tagger = EntityTagger()
    tagger.setup()
    return tagger


@pytest.fixture(scope="session")
def tag_and_link(entity_tagger: object) -> Callable[[Settings], int]:
    """A function that tags every stored article without mentions, stores the mentions with
    ``Store.add_batch`` (as ingest does once the entity stage runs there) and links them with
    ``service.link_entities``; returns how many articles it tagged."""
    from dataclasses import replace

    from akhbar import service
    from akhbar.store.sqlite import Store

    def run(settings: Settings) -> int:
        with Store(settings.db) as store:
            ids = [row[0] for row in store.connection.execute("SELECT id FROM articles ORDER BY rowid")]
            have = {row[0] for row in store.connection.execute("SELECT DISTINCT article_id FROM mentions")}
            todo = [sa.article for sa in store.articles_by_id([i for i in ids if i not in have])]
            tagged = [
                replace(a, mentions=tuple(entity_tagger.tag(a.text, a.id)))  # type: ignore[attr-defined]
                for a in todo
            ]
            store.add_batch(tagged, [], None)
        service.link_entities(settings)
        return len(tagged)

    return run
