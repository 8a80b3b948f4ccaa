"""``akhbar serve --workers N``: several server processes on one port, started as users start them."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from .conftest import free_port

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")
AKHBAR = Path(sys.executable).parent / "akhbar"


def _start(db: Path, tmp_path: Path, port: int) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AKHBAR_")}
    command = [str(AKHBAR), "serve", "--db", str(db), "--port", str(port), "--workers", "2", "--quiet"]
    log = (tmp_path / "serve.log").open("wb")
    return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path, env=env)


def _wait_for_health(process: subprocess.Popen[bytes], url: str, tmp_path: Path) -> dict[str, int]:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert process.poll() is None, (tmp_path / "serve.log").read_text()[-2000:]
        try:
            response = httpx.get(url + "/api/health", timeout=2)
            if response.status_code == 200:
                return dict(response.json())
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise AssertionError("no answer within 90 s")


def _workers(pid: int) -> list[int]:
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return sorted(int(c) for c in children if "spawn_main" in Path(f"/proc/{c}/cmdline").read_text())


def _sockets(pid: int) -> int:
    """Open sockets of a process (its listening socket and the connections it accepted)."""
    count = 0
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            count += os.readlink(fd).startswith("socket:")
        except OSError:
            continue
    return count


def test_two_workers_serve_the_same_database(live_db: Path, tmp_path: Path) -> None:
    port = free_port()
    process = _start(live_db, tmp_path, port)
    url = f"http://127.0.0.1:{port}"
    replaced: list[int] = []
    try:
        health = _wait_for_health(process, url, tmp_path)
        assert health["articles"] > 600
        with httpx.Client(base_url=url, timeout=30) as client:
            seed = client.get("/api/stories", params={"source": "outlet-000"}).json()["stories"][0]
            pages = [client.get(f"/stories/{seed['id']}") for _ in range(6)]
            assert all(page.status_code == 200 and 'dir="rtl"' in page.text for page in pages)
            assert client.post("/api/ingest", content=b"{}").status_code in (403, 404, 405)  # ingest stays off
        workers = _workers(process.pid)
        assert len(workers) == 2, workers
        assert "GET /stories" not in (tmp_path / "serve.log").read_text()  # --quiet: no line per request

        # Connections opened together spread over both workers (each has its own socket; with
        # one shared socket the first worker awake used to accept all of them). 16 connections
        # all hashed to one of two sockets has odds of 1 in 32,768.
        time.sleep(1.0)  # both workers listening
        before = {pid: _sockets(pid) for pid in workers}
        connections = [socket.create_connection(("127.0.0.1", port)) for _ in range(16)]
        try:
            for connection in connections:
                connection.sendall(f"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
            for connection in connections:
                assert connection.recv(64).startswith(b"HTTP/1.1 200")
            gained = {pid: _sockets(pid) - before[pid] for pid in workers}
            assert sum(gained.values()) == 16, gained
            assert all(n > 0 for n in gained.values()), gained
        finally:
            for connection in connections:
                connection.close()

        # a worker that dies is replaced, and the port keeps answering meanwhile
        os.kill(workers[0], signal.SIGKILL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and (len(_workers(process.pid)) < 2 or workers[0] in _workers(process.pid)):
            assert httpx.get(url + "/api/health", timeout=10).status_code == 200
            time.sleep(0.3)
        replaced = _workers(process.pid)
        assert len(replaced) == 2 and workers[0] not in replaced and workers[1] in replaced
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert not any(Path(f"/proc/{pid}").exists() for pid in replaced)  # stopped with the server


def test_a_taken_port_is_one_clear_error(live_db: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = subprocess.run(
            [str(AKHBAR), "serve", "--db", str(live_db), "--port", str(port), "--workers", "2"],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr


def test_workers_must_be_positive(live_db: Path) -> None:
    result = subprocess.run(
        [str(AKHBAR), "serve", "--db", str(live_db), "--workers", "0"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "--workers" in result.stderr
