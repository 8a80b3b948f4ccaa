"""Shared fixtures. Tests that need the development data under ../shared skip when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from akhbar.config import Settings, load_settings

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
