"""kill -9 in the middle of an ingest leaves a sound database, and the same command completes it."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def _ingest_command(db: Path, paths: list[Path], *extra: str) -> list[str]:
    return [sys.executable, "-m", "akhbar", "ingest", *map(str, paths), "--db", str(db), *extra]


# The whole-archive test keeps CI fast by leaving entity and quote extraction out (they are
# per-article stages: a crash inside them is no different from one inside cleaning).
_FAST = {"AKHBAR_EXTRACT__ENTITIES": "false", "AKHBAR_EXTRACT__QUOTES": "false"}


def _env(fast: bool) -> dict[str, str]:
    return {**os.environ, **_FAST} if fast else dict(os.environ)


def _kill_midway(db: Path, paths: list[Path], after_rows: int, extra: tuple[str, ...] = (), fast: bool = False) -> int:
    process = subprocess.Popen(
        _ingest_command(db, paths, *extra), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env(fast)
    )
    deadline = time.monotonic() + 120
    while _count(db) < after_rows:
        if process.poll() is not None:
            pytest.fail("ingest finished before it could be killed; give it more input")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail("ingest made no progress")
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    return _count(db)


def _check_and_finish(
    db: Path, paths: list[Path], stored_before: int, read: int, extra: tuple[str, ...] = (), fast: bool = False
) -> None:
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == stored_before
    con.close()
    result = subprocess.run(
        _ingest_command(db, paths, *extra, "--json"), capture_output=True, text=True, check=False, env=_env(fast)
    )
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["read"] == read
    assert summary["already_present"] == stored_before
    expected = summary["stored"] + summary["already_present"]
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == expected
    assert con.execute("SELECT count(DISTINCT id) FROM articles").fetchone()[0] == expected
    again = subprocess.run(
        _ingest_command(db, paths, *extra, "--json"), capture_output=True, text=True, check=False, env=_env(fast)
    )
    assert json.loads(again.stdout)["stored"] == 0
    if "--no-cluster" not in extra:
        assert con.execute("SELECT count(*) FROM articles WHERE story_id IS NULL").fetchone()[0] == 0
        assert con.execute("SELECT sum(article_count) FROM stories").fetchone()[0] == expected
    con.close()


def test_kill_during_synthetic_archive_ingest(tmp_path: Path) -> None:
    words = [
        "الرياض",
        "جدة",
        "مكة",
        "وزارة",
        "الصحة",
        "التعليم",
        "النفط",
        "السوق",
        "الأمير",
        "الملك",
        "المجلس",
        "الشورى",
        "المطار",
        "الأمطار",
        "الحج",
    ]
    paths = []
    for day in range(6):
        records = [
            {
                "source": f"outlet{n % 5}",
                "url": f"https://example.com/{day}/{n}",
                "date_extracted": f"2015-07-{21 + day} {n % 24:02d}:00:00",
                "title": " ".join(words[(n + k) % len(words)] for k in range(5)),
                "author": "",
                "content": " ".join(words[(n * 7 + k * 3) % len(words)] for k in range(120)) + f" {day}-{n}",
            }
            for n in range(1500)
        ]
        path = tmp_path / f"2015-07-{21 + day}.zip"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(f"2015-07-{21 + day}.json", json.dumps(records, ensure_ascii=False))
        paths.append(path)
    db = tmp_path / "crash.db"
    stored_before = _kill_midway(db, paths, after_rows=1000)
    assert 0 < stored_before < 9000
    _check_and_finish(db, paths, stored_before, read=9000)
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 9000
    con.close()


def test_kill_during_saudinewsnet_ingest(tmp_path: Path, shared_data: Path) -> None:
    paths = sorted((shared_data / "saudinewsnet" / "dataset").glob("*.zip"))
    db = tmp_path / "snn.db"
    stored_before = _kill_midway(db, paths, after_rows=5000, extra=("--no-cluster",), fast=True)
    assert 5000 <= stored_before < 30000
    _check_and_finish(db, paths, stored_before, read=31030, extra=("--no-cluster",), fast=True)
