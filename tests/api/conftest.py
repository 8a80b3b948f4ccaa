"""A real akhbar server on 127.0.0.1 for the API and browser tests.

``live_server`` starts the app (``akhbar.api.create_app`` under uvicorn) in a subprocess on a free
port over a temporary database filled through ``akhbar.service`` (the demo data and a few small
JSON lines written here),
waits for ``/api/health`` and stops it afterwards. Browser tests reuse it (tests/web/conftest.py).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from akhbar import service
from akhbar.config import load_settings

REPO = Path(__file__).resolve().parents[2]
TOKEN = "test-token-0123456789abcdef"
#: Small enough that the body-limit test need not send megabytes.
MAX_INGEST_BYTES = 64 * 1024

#: Short articles written for these tests (not from any outlet).
EXTRA_ARTICLES = [
    {
        "id": "t1",
        "source": "testwire",
        "url": "https://example.test/1",
        "published": "2015-08-03T09:00:00Z",
        "title": "انقطاع الكهرباء ببغداد يثير احتجاجات",
        "text": "خرج مئات المحتجين في بغداد مساء أمس احتجاجا على انقطاع الكهرباء المتكرر في أحياء العاصمة العراقية.\n"
        "وقال مسؤول في وزارة الكهرباء إن الأحمال زادت مع ارتفاع درجات الحرارة.",
    },
    {
        "id": "t2",
        "source": "testwire",
        "url": "https://example.test/2",
        "published": "2015-08-02T09:00:00Z",
        "title": "وفد تجاري يصل إلى الرياض",
        "text": "وصل وفد تجاري قادما من بغداد إلى الرياض، وبغداد تسعى إلى زيادة صادراتها.\n"
        "وأكد رئيس الوفد أن الجانب الأمريكي غير معني بهذه المحادثات الثنائية بين البلدين.",
    },
    {
        "id": "t3",
        "source": "testpaper",
        "url": "https://example.test/3",
        "published": "2015-08-01T09:00:00Z",
        "title": "وزارة الصحة تعلن حالات جديدة",
        "text": "أعلنت وزارة الصحة تسجيل حالات جديدة، وقالت الصحة إن الوزارة تتابع الوضع عن كثب.\n"
        "ونصحت الوزارة المواطنين بمراجعة المراكز الصحية عند ظهور الأعراض.",
    },
    {
        # a quote holding markup: pages must show it as text, never as HTML
        "id": "t4",
        "source": "testquotes",
        "url": "https://example.test/4",
        "published": "2015-08-01T12:00:00Z",
        "title": "وزير الكهرباء يعد بعودة التيار",
        "text": "قال وزير الكهرباء العراقي ماجد مهدي حنتوش في مؤتمر صحافي: «<script>alert('x')</script> سنعيد "
        "التيار إلى المحافظات الجنوبية خلال أسبوع واحد فقط».\n"
        "وأضاف أن الوزارة تعمل على إصلاح المحطات المتضررة <b>والمعطلة</b> منذ الصيف الماضي.",
    },
]


@dataclass(frozen=True)
class LiveServer:
    url: str
    db: Path
    token: str
    process: subprocess.Popen[bytes]

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30.0)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fill_database(db: Path, demo_dir: Path, work: Path) -> None:
    """What ``make demo`` loads (the seeds and the SaudiNewsNet sample), then the articles above."""
    settings = load_settings(env={}, cwd=work, db=db)
    service.ingest([demo_dir / "seeds", demo_dir / "saudinewsnet" / "2015-08-03-sample.zip"], settings)
    jsonl = work / "extra.jsonl"
    jsonl.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in EXTRA_ARTICLES) + "\n", encoding="utf-8")
    service.ingest([jsonl], settings)


def start_server(db: Path, work: Path, allow_ingest: bool) -> LiveServer:
    port = free_port()
    code = (
        "import logging, sys\n"
        "from akhbar.api import serve\n"
        "from akhbar.api.app import create_app\n"
        "from akhbar.config import load_settings\n"
        "import uvicorn\n"
        "settings = load_settings(env={}, db=sys.argv[1])\n"
        "app = create_app(settings, allow_ingest=sys.argv[3] == '1', api_token=sys.argv[4] or None,\n"
        "                 max_ingest_bytes=int(sys.argv[5]))\n"
        "uvicorn.run(app, host='127.0.0.1', port=int(sys.argv[2]), log_level='warning')\n"
    )
    log = (work / f"server-{port}.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-c", code, str(db), str(port), "1" if allow_ingest else "0", TOKEN, str(MAX_INGEST_BYTES)],
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=work,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early: {(work / f'server-{port}.log').read_text()[-2000:]}")
        try:
            if httpx.get(url + "/api/health", timeout=2).status_code == 200:
                return LiveServer(url, db, TOKEN, process)
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    process.kill()
    raise RuntimeError("server did not answer /api/health within 90 s")


def stop_server(server: LiveServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@pytest.fixture(scope="session")
def live_db(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    work = tmp_path_factory.mktemp("live")
    db = work / "live.db"
    fill_database(db, REPO / "demo", work)
    # Mentions: tagged with the shipped NER model and linked (tests/conftest.py ``tag_and_link``),
    # until ingest runs the entity stage itself; without the model the entity tests skip.
    try:
        tag_and_link = request.getfixturevalue("tag_and_link")
    except pytest.skip.Exception:
        tag_and_link = None
    if tag_and_link is not None:
        tag_and_link(load_settings(env={}, cwd=work, db=db))
    return db


#: The entity tests need the shipped NER model (the live database is tagged with it).
NER_MODEL = REPO / "src" / "akhbar" / "models" / "ner-ar.zip"
needs_ner_model = pytest.mark.skipif(
    not NER_MODEL.is_file(), reason=f"the NER model {NER_MODEL.name} is not there yet (src/akhbar/models/)"
)


@pytest.fixture(scope="session")
def live_server(live_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The server with ingest over HTTP enabled (token ``TOKEN``)."""
    server = start_server(live_db, tmp_path_factory.mktemp("server"), allow_ingest=True)
    yield server
    stop_server(server)


@pytest.fixture(scope="session")
def read_only_server(live_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The server as ``akhbar serve`` starts it by default: ingest over HTTP off."""
    server = start_server(live_db, tmp_path_factory.mktemp("server-ro"), allow_ingest=False)
    yield server
    stop_server(server)
