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
    # both seed documents are recognised before any cleaning (the one the cleaner split counts once)
    assert again_counts["already present"] == "2"


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


def _lead(topic: str, n: int) -> str:
    return f"{topic} " + " ".join(f"{topic}{k}" for k in range(8)) + f" تفاصيل إضافية رقم {n} عن الحدث نفسه."


def test_eval_stories_contract(tmp_path: Path, seed_files: list[Path]) -> None:
    texts = [p.read_text(encoding="utf-8").split("\n", 1) for p in seed_files]
    rows = [
        {
            "id": f"seed{i}",
            "source": f"o{i}",
            "url": f"https://example.com/{i}",
            "published": "2021-03-03T10:00:00+00:00",
            "title": title,
            "text": body,
            "story": "biden-kadhimi-call",
            "event": "call",
        }
        for i, (title, body) in enumerate(texts)
    ]
    rows.append(
        {
            "id": "other",
            "source": "o9",
            "url": "https://example.com/9",
            "published": "2021-03-02T10:00:00+00:00",
            "title": "أمانة جدة تطلق مهرجان الصيف",
            "text": UNRELATED,
            "story": "jeddah-festival",
        }
    )
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    result = json.loads(invoke("eval", "stories", str(path), "--json"))
    assert list(result) == [
        "bcubed_precision",
        "bcubed_recall",
        "bcubed_f1",
        "pairwise_precision",
        "pairwise_recall",
        "pairwise_f1",
        "ari",
        "articles",
        "gold_clusters",
        "predicted_clusters",
        "seconds",
    ]
    assert result["articles"] == 3 and result["gold_clusters"] == 2
    assert result["bcubed_f1"] == 1.0 and result["predicted_clusters"] == 2
    events = json.loads(invoke("eval", "stories", str(path), "--level", "event", "--json"))
    assert events["gold_clusters"] == 2


def test_eval_pairs_contract(tmp_path: Path, seed_files: list[Path]) -> None:
    (title1, text1), (title2, text2) = (p.read_text(encoding="utf-8").split("\n", 1) for p in seed_files)
    pairs = [
        {"title1": title1, "text1": text1, "title2": title2, "text2": text2, "Overall": 1.0},
        {"title1": title1, "text1": text1, "title2": "مهرجان الصيف", "text2": UNRELATED, "Overall": 4.0},
        {"title1": title2, "text1": text2, "title2": "مهرجان الصيف", "text2": UNRELATED, "Overall": 3.5},
    ]
    path = tmp_path / "pairs.jsonl"
    path.write_text("\n".join(json.dumps(p, ensure_ascii=False) for p in pairs), encoding="utf-8")
    result = json.loads(invoke("eval", "pairs", str(path), "--json"))
    assert set(result) == {"pearson", "same_event_auc", "pairs"}
    assert result["pairs"] == 3
    assert result["same_event_auc"] == 1.0
    assert result["pearson"] > 0.5
