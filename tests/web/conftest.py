"""Browser fixtures: the live server of tests/api/conftest.py and a headless Chromium (Selenium).

Skips, with the reason, when Selenium, ``chromium`` or ``chromedriver`` are missing. Install with
``apt-get install -y chromium chromium-driver`` (Debian) and ``pip install 'selenium>=4.20,<5'``.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

_spec = importlib.util.spec_from_file_location("akhbar_api_live", Path(__file__).parents[1] / "api" / "conftest.py")
assert _spec and _spec.loader
_live = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = _live
_spec.loader.exec_module(_live)

live_db = _live.live_db
live_server = _live.live_server
NER_MODEL = _live.NER_MODEL
needs_ner_model = _live.needs_ner_model
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
CHROMIUM = ("chromium", "chromium-browser", "google-chrome")


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("selenium is not installed (pip install 'selenium>=4.20,<5')")
    binary = next((shutil.which(name) for name in CHROMIUM if shutil.which(name)), None)
    driver_path = shutil.which("chromedriver")
    if binary is None or driver_path is None:
        pytest.skip("chromium or chromedriver not found (apt-get install -y chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
        "--window-size=1280,1400",
        "--lang=ar",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(30)
    ARTIFACTS.mkdir(exist_ok=True)
    yield driver
    driver.quit()
