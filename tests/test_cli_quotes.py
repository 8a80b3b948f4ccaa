"""``akhbar quotes``, end to end, on a real SQLite file holding the two seed articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from akhbar.cli import app

runner = CliRunner()


def invoke(*args: str) -> str:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def db(tmp_path: Path, seed_files: list[Path]) -> str:
    path = str(tmp_path / "quotes.db")
    invoke("ingest", *map(str, seed_files), "--db", path)
    return path


def test_json_is_utf8_with_article_offsets_and_text(db: str) -> None:
    raw = invoke("quotes", "--db", db, "--json", "--limit", "500")
    assert "\\u06" not in raw and "الكاظمي" in raw
    quotes = json.loads(raw)
    assert len(quotes) >= 20
    for quote in quotes:
        assert set(quote) >= {"article", "start", "end", "kind", "speaker", "channel", "text", "group"}
        assert set(quote["article"]) == {"id", "source", "title"}
        assert quote["kind"] in ("direct", "indirect") and 0 <= quote["start"] < quote["end"]
    texts = {}
    for story in json.loads(invoke("stories", "--db", db, "--json")):
        shown = json.loads(invoke("story", story["id"], "--db", db, "--json"))
        texts.update({a["id"]: a["text"] for a in shown["articles"]})
    for quote in quotes:
        assert texts[quote["article"]["id"]][quote["start"] : quote["end"]] == quote["text"]


def test_speaker_filter_finds_both_outlets_and_groups_the_shared_quote(db: str) -> None:
    quotes = json.loads(invoke("quotes", "--db", db, "--speaker", "مصطفى الكاظمى", "--json"))
    assert {q["speaker"] for q in quotes} == {"الكاظمي"}
    assert {q["article"]["source"] for q in quotes} == {"outlet-000", "outlet-002"}
    shared = [q for q in quotes if "الحوار الاستراتيجي" in q["text"]]
    assert len(shared) == 2 and len({q["group"] for q in shared}) == 1
    assert {q["channel"] for q in quotes} == {"تويتر"}


def test_story_filter_and_limit(db: str) -> None:
    stories = json.loads(invoke("stories", "--db", db, "--json"))
    (story,) = [s for s in stories if {a["source"] for a in s["articles"]} == {"outlet-000", "outlet-002"}]
    ids = {a["id"] for a in story["articles"]}
    quotes = json.loads(invoke("quotes", "--db", db, "--story", story["id"], "--json", "--limit", "1000"))
    assert quotes and {q["article"]["id"] for q in quotes} == ids  # both seed articles carry quotes
    assert len(json.loads(invoke("quotes", "--db", db, "--story", story["id"], "--limit", "2", "--json"))) == 2


def test_table_shows_speaker_channel_kind_outlet_and_wording(db: str) -> None:
    table = invoke("quotes", "--db", db, "--speaker", "الكاظمي")
    for heading in ("speaker", "channel", "kind", "outlet", "wording"):
        assert heading in table
    assert "الكاظمي" in table and "تويتر" in table and "outlet-000" in table and "outlet-002" in table
    assert "direct" in table and "reported" in table
    assert "no quotes found" in invoke("quotes", "--db", db, "--speaker", "لا أحد بهذا الاسم")


def test_errors_name_the_cause_and_exit_non_zero(db: str) -> None:
    missing = runner.invoke(app, ["quotes", "--db", db, "--story", "s0000000000000000"])
    assert missing.exit_code == 2 and "no story with id s0000000000000000" in missing.output
    blank = runner.invoke(app, ["quotes", "--db", db, "--speaker", "«»"])
    assert blank.exit_code == 2 and "speaker must contain" in blank.output
    assert runner.invoke(app, ["quotes", "--db", db, "--limit", "0"]).exit_code != 0
