"""``akhbar serve --workers N``: several server processes on one port, started as users start them."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from .conftest import free_port

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")
AKHBAR = Path(sys.executable).parent / "akhbar"


def test_two_workers_serve_the_same_database(live_db: Path, tmp_path: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("AKHBAR_")}
    command = [str(AKHBAR), "serve", "--db", str(live_db), "--port", str(port), "--workers", "2", "--quiet"]
    log = (tmp_path / "serve.log").open("wb")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        health = None
        while time.monotonic() < deadline and health is None:
            assert process.poll() is None, (tmp_path / "serve.log").read_text()[-2000:]
            try:
                response = httpx.get(url + "/api/health", timeout=2)
                health = response.json() if response.status_code == 200 else None
            except httpx.HTTPError:
                time.sleep(0.3)
        assert health is not None, "no answer within 90 s"
        assert health["articles"] > 600
        with httpx.Client(base_url=url, timeout=30) as client:
            seed = client.get("/api/stories", params={"source": "outlet-000"}).json()["stories"][0]
            pages = [client.get(f"/stories/{seed['id']}") for _ in range(6)]
            assert all(page.status_code == 200 and 'dir="rtl"' in page.text for page in pages)
            assert client.post("/api/ingest", content=b"{}").status_code in (403, 404, 405)  # ingest stays off
        children = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, text=True).stdout.split()
        workers = [pid for pid in children if "spawn_main" in Path(f"/proc/{pid}/cmdline").read_text()]
        assert len(workers) == 2, children
        assert "GET /stories" not in (tmp_path / "serve.log").read_text()  # --quiet: no line per request
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_workers_must_be_positive(live_db: Path) -> None:
    result = subprocess.run(
        [str(AKHBAR), "serve", "--db", str(live_db), "--workers", "0"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "--workers" in result.stderr
