"""The story page bounds what it shows of a big story (articles per outlet, quote groups, wordings);
``?full=1`` shows everything. Run in-process on the demo database with the bounds made tiny."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from akhbar.api.app import create_app
from akhbar.config import load_settings
from akhbar.web import pages

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def seed_story_id(client: TestClient) -> str:
    return str(client.get("/api/stories", params={"source": "outlet-000"}).json()["stories"][0]["id"])


def test_small_story_is_shown_whole(live_db: Path) -> None:
    with TestClient(create_app(load_settings(env={}, db=live_db))) as client:
        page = client.get(f"/stories/{seed_story_id(client)}").text
    assert "truncated-note" not in page and "?full=1" not in page
    assert page.count('class="article-card"') == 2


def test_big_story_is_bounded_and_full_shows_all(live_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pages, "ARTICLES_PER_OUTLET", 0)
    monkeypatch.setattr(pages, "SHARED_QUOTES_SHOWN", 1)
    monkeypatch.setattr(pages, "WORDINGS_SHOWN", 1)
    monkeypatch.setattr(pages, "SINGLE_QUOTES_SHOWN", 1)
    monkeypatch.setattr(pages, "ENTITIES_SHOWN", 1)
    with TestClient(create_app(load_settings(env={}, db=live_db))) as client:
        story_id = seed_story_id(client)
        detail = client.get(f"/api/stories/{story_id}").json()
        bounded = client.get(f"/stories/{story_id}").text
        full = client.get(f"/stories/{story_id}", params={"full": 1}).text
    shared = [g for g in detail["quotes"] if len({v["source"] for v in g["versions"]}) > 1]
    singles = [g for g in detail["quotes"] if len({v["source"] for v in g["versions"]}) <= 1]
    assert shared and len(singles) > 1  # what the bounds below need
    assert "truncated-note" in bounded
    assert bounded.count('class="article-card"') == 0
    assert bounded.count("عرض كل مقالات هذا المصدر") == 2  # one link per outlet column
    assert len(re.findall(r'<figure class="quote-version', bounded)) == 1
    assert "صياغات أخرى لهذا الاقتباس" in bounded
    assert bounded.count('class="quote-single"') == 1
    assert "truncated-note" not in full
    assert full.count('class="article-card"') == 2
    assert len(re.findall(r'<figure class="quote-version', full)) == sum(len(g["versions"]) for g in shared)
    assert full.count('class="quote-single"') == len(singles)
