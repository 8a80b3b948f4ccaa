"""``akhbar entities`` and ``akhbar entity``, end to end, on a real SQLite file holding the two seed
articles tagged by the shipped NER model and linked (skipped while the model is not there)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from akhbar.cli import app
from akhbar.config import Settings, load_settings

runner = CliRunner()


def invoke(*args: str) -> str:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def fails(*args: str) -> str:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    return lines[0]


@pytest.fixture
def db(tmp_path: Path, seed_files: list[Path], tag_and_link: Callable[[Settings], int]) -> str:
    path = tmp_path / "entities.db"
    invoke("ingest", *map(str, seed_files), "--db", str(path))
    tag_and_link(load_settings(env={}, cwd=tmp_path, db=path))
    return str(path)


def seed_story_id(db: str) -> str:
    stories = json.loads(invoke("stories", "--db", db, "--json"))
    (story,) = [s for s in stories if {a["source"] for a in s["articles"]} == {"outlet-000", "outlet-002"}]
    return str(story["id"])


def test_entities_json_is_utf8_most_mentioned_first(db: str) -> None:
    raw = invoke("entities", "--db", db, "--json", "--limit", "500")
    assert "\\u06" not in raw and "الكاظمي" in raw
    entities = json.loads(raw)
    assert len(entities) >= 20
    for entity in entities:
        assert set(entity) == {"id", "name", "kind", "variants", "roles", "mentions"}
        assert entity["id"].startswith("n") and entity["kind"] in ("PERS", "LOC", "ORG", "MISC")
        assert entity["name"] in entity["variants"]
    counts = [e["mentions"] for e in entities]
    assert counts == sorted(counts, reverse=True)
    assert len(json.loads(invoke("entities", "--db", db, "--json", "--limit", "3"))) == 3


def test_entities_of_a_story_and_by_name(db: str) -> None:
    story = seed_story_id(db)
    of_story = json.loads(invoke("entities", "--story", story, "--db", db, "--json", "--limit", "500"))
    names = {e["name"] for e in of_story}
    assert {"مصطفى الكاظمي", "جو بايدن", "العراق"} <= names
    table = invoke("entities", "--story", story, "--db", db)
    assert "مصطفى الكاظمي" in table and "رئيس الوزراء العراقي" in table
    by_name = json.loads(invoke("entities", "--name", "الكاظمى", "--db", db, "--json"))
    assert [e["name"] for e in by_name] == ["مصطفى الكاظمي"]


def test_entity_by_name_or_id_with_variants_roles_and_stories(db: str) -> None:
    shown = json.loads(invoke("entity", "بايدن", "--db", db, "--json"))
    assert shown["name"] == "جو بايدن" and shown["kind"] == "PERS"
    assert "جو بايدن" in shown["variants"]  # found by the surname alone
    assert "الرئيس الأميركي" in shown["roles"]
    assert [s["id"] for s in shown["stories"]] == [seed_story_id(db)]
    assert shown["stories"][0]["mentions"] == shown["mentions"]
    assert json.loads(invoke("entity", shown["id"], "--db", db, "--json")) == shown
    table = invoke("entity", "الكاظمى", "--db", db)
    assert "مصطفى الكاظمي" in table and "رئيس الوزراء العراقي" in table and "also written" in table


def test_errors_are_one_line_and_exit_2(db: str, tmp_path: Path) -> None:
    assert "no entity with id or name 'زيد المجهول'" in fails("entity", "زيد المجهول", "--db", db)
    assert "no story with id s0000" in fails("entities", "--story", "s0000", "--db", db)
    assert "letter or digit" in fails("entities", "--name", "«»", "--db", db)
    empty = str(tmp_path / "empty.db")
    assert "no entities in this database yet" in fails("entity", "بايدن", "--db", empty)
    assert "is a folder" in fails("entities", "--db", str(tmp_path))
