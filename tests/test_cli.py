"""The command line, end to end, on a real SQLite file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from akhbar.cli import app

runner = CliRunner()
UNRELATED = (
    "عنوان: أمانة جدة تطلق مهرجان الصيف للأسر\n"
    "أطلقت أمانة محافظة جدة مساء أمس فعاليات مهرجان الصيف على الواجهة البحرية بمشاركة الأسر المنتجة "
    "وعروض الألعاب النارية والمسرح الشعبي للأطفال، وتستمر الفعاليات أسبوعين حتى نهاية الإجازة."
)


def invoke(*args: str, env: dict[str, str] | None = None) -> str:
    result = runner.invoke(app, list(args), env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_ingest_summary_counts_and_rerun_stores_nothing_new(tmp_path: Path, seed_files: list[Path]) -> None:
    db = str(tmp_path / "a.db")
    (tmp_path / "bad.jsonl").write_text('{"id": 1, "text": "نص قصير"}\n{"broken\n', encoding="utf-8")
    out = invoke("ingest", *map(str, seed_files), str(tmp_path / "bad.jsonl"), "--db", db)
    assert "stored" in out and "rejected" in out
    assert "bad.jsonl:2: invalid JSON" in out
    rows = dict(line.strip("│ ").rsplit("│", 1) for line in out.splitlines() if line.count("│") == 3)
    counts = {k.strip(): v.strip() for k, v in rows.items()}
    assert counts["read"] == "4" and counts["rejected"] == "1"
    assert int(counts["stored"]) >= 3  # the cleaner may split a two-story document
    again = invoke("ingest", *map(str, seed_files), "--db", db)
    rows = dict(line.strip("│ ").rsplit("│", 1) for line in again.splitlines() if line.count("│") == 3)
    again_counts = {k.strip(): v.strip() for k, v in rows.items()}
    assert again_counts["stored"] == "0"
    # everything the seeds gave the first time (the cleaner may split one into two articles) is found again
    assert int(again_counts["already present"]) == int(counts["stored"]) - 1


def test_seed_articles_form_one_story_and_an_unrelated_one_does_not_join(
    tmp_path: Path, seed_files: list[Path]
) -> None:
    other = tmp_path / "other-outlet" / "festival.txt"
    other.parent.mkdir()
    other.write_text(UNRELATED, encoding="utf-8")
    db = str(tmp_path / "a.db")
    invoke("ingest", *map(str, seed_files), str(other), "--db", db)
    stories = json.loads(invoke("stories", "--db", db, "--json"))
    outlets = {p.parent.name for p in seed_files}
    seed_story = [s for s in stories if {a["source"] for a in s["articles"]} == outlets]
    assert len(seed_story) == 1, stories
    titles = {a["title"] for a in seed_story[0]["articles"]}
    assert any(t.startswith("بايدن يبحث مع رئيس وزراء العراق") for t in titles)
    assert any(t.startswith("بايدن يبحث مع الكاظمي") for t in titles)
    (alone,) = [s for s in stories if any(a["source"] == "other-outlet" for a in s["articles"])]
    assert [a["source"] for a in alone["articles"]] == ["other-outlet"]
    for story in stories:
        assert set(story) >= {"id", "title", "articles"}
        for article in story["articles"]:
            assert set(article) >= {"id", "source", "title", "url", "published"}


def test_json_is_utf8_not_escaped_and_story_shows_articles(tmp_path: Path, seed_files: list[Path]) -> None:
    db = str(tmp_path / "a.db")
    invoke("ingest", *map(str, seed_files), "--db", db)
    raw = invoke("stories", "--db", db, "--json")
    assert "\\u06" not in raw and "بايدن" in raw
    story_id = json.loads(raw)[0]["id"]
    shown = json.loads(invoke("story", story_id, "--db", db, "--json"))
    assert shown["id"] == story_id and len(shown["articles"]) == 2
    assert "الكاظمي" in shown["articles"][0]["text"]
    table = invoke("story", story_id, "--db", db)
    assert story_id in table


def test_database_from_environment(tmp_path: Path, seed_files: list[Path]) -> None:
    db = tmp_path / "env.db"
    invoke("ingest", str(seed_files[0]), env={"AKHBAR_DB": str(db)})
    assert db.exists()
    assert json.loads(invoke("stories", "--json", env={"AKHBAR_DB": str(db)}))


def test_errors_are_one_line_and_exit_non_zero(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(tmp_path / "missing.jsonl"), "--db", str(tmp_path / "a.db")])
    assert result.exit_code == 2
    assert "no such file or folder" in result.output
    result = runner.invoke(app, ["story", "s000", "--db", str(tmp_path / "a.db")])
    assert result.exit_code == 2
    assert "no story with id s000" in result.output
    (tmp_path / "x.db").write_text("not sqlite" * 200)
    result = runner.invoke(app, ["stories", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2
    assert "not an akhbar database" in result.output


def test_cluster_rebuild_gives_the_same_stories(tmp_path: Path, seed_files: list[Path], demo_dir: Path) -> None:
    db = str(tmp_path / "a.db")
    invoke("ingest", str(demo_dir / "saudinewsnet"), *map(str, seed_files), "--db", db)
    before = {
        s["id"]: sorted(a["id"] for a in s["articles"])
        for s in json.loads(invoke("stories", "--db", db, "--json", "--limit", "5000"))
    }
    out = invoke("cluster", "--db", db, "--rebuild")
    total = sum(len(articles) for articles in before.values())
    assert total > 600
    assert f"grouped {total} articles" in out
    after = {
        s["id"]: sorted(a["id"] for a in s["articles"])
        for s in json.loads(invoke("stories", "--db", db, "--json", "--limit", "5000"))
    }
    assert before == after
    assert len(before) < total


def test_module_entry_point_runs(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "akhbar", "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    assert result.returncode == 0
    assert "ingest" in result.stdout
