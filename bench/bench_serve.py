"""Serving latency under load: story pages and search, against a real server on 127.0.0.1.

    .venv/bin/python bench/bench_serve.py --db full.db        # a database holding the archive
    .venv/bin/python bench/bench_serve.py                      # builds one first (all SaudiNewsNet days)

Starts ``akhbar serve --workers N`` (default 1) in a subprocess,
then drives it from concurrent keep-alive clients (asyncio streams in one thread; the load
generator shares the machine with the server) for a bounded number of requests and time per
scenario, and prints p50 / p95 / p99 latency, throughput, errors, the load generator's share of a
core and the server's CPU time per request (all its processes, from /proc):

- ``story page``: ``GET /stories/{id}`` (the HTML page) over a sample of stories of every size,
  the largest included;
- ``story api``: ``GET /api/stories/{id}``;
- ``search page``: ``GET /search?q=…`` with the queries of ``bench/search_queries.jsonl``;
- ``search api``: ``GET /api/search?q=…``;
- ``story list``: ``GET /`` pages 1-5, newest and largest.

Targets (issue): story page p95 ≤ 100 ms, search p95 ≤ 150 ms with 8 clients.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
DATASET = REPO.parent / "shared" / "data" / "saudinewsnet" / "dataset"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def build_database(path: Path) -> None:
    archives = sorted(DATASET.glob("*.zip"))
    if not archives:
        sys.exit(f"error: no SaudiNewsNet archives under {DATASET}; pass --db")
    print(f"building {path} from {len(archives)} archives (a minute or two) …", flush=True)
    subprocess.run(
        [str(Path(sys.executable).parent / "akhbar"), "ingest", *map(str, archives), "--db", str(path)], check=True
    )


def start(db: Path, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [str(Path(sys.executable).parent / "akhbar"), "serve", "--db", str(db), "--port", str(port)]
    command += ["--workers", str(workers), "--quiet"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("AKHBAR_")}
    process = subprocess.Popen(command, env={**env, "PYTHONUNBUFFERED": "1"})
    url = f"http://127.0.0.1:{port}"
    started = time.monotonic()
    while time.monotonic() - started < 600:  # the first start over an unindexed archive indexes it
        if process.poll() is not None:
            sys.exit("error: the server exited during start-up")
        try:
            if httpx.get(url + "/api/health", timeout=2).status_code == 200:
                print(f"server ready in {time.monotonic() - started:.1f} s (includes search indexing if needed)")
                return process, url
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    process.kill()
    sys.exit("error: the server did not become ready")


def server_cpu(pid: int) -> float:
    """CPU seconds used so far by the server process and its workers (Linux /proc; 0 elsewhere)."""
    total, ticks = 0.0, os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, ValueError, IndexError):
            continue
    return total


def run(url: str, paths: list[str], clients: int, requests: int, seconds: float) -> dict[str, float]:
    """Send ``requests`` GETs (cycling through ``paths``) from ``clients`` concurrent keep-alive
    connections, for at most ``seconds``.

    The clients are asyncio streams speaking plain HTTP/1.1 in one thread: a load generator that
    costs far less CPU than a pool of httpx threads, which matters when it shares two cores with
    the server it measures. Latency runs from writing the request to reading the last body byte.
    """
    return asyncio.run(_run(url, paths, clients, requests, seconds))


async def _run(url: str, paths: list[str], clients: int, requests: int, seconds: float) -> dict[str, float]:
    target = httpx.URL(url)
    host, port = str(target.host), int(target.port or 80)
    latencies: list[float] = []
    errors = 0
    budget = [requests]
    deadline = time.monotonic() + seconds

    async def client(seed: int) -> None:
        nonlocal errors
        order = paths[:]
        random.Random(seed).shuffle(order)
        reader, writer = await asyncio.open_connection(host, port)
        try:
            position = 0
            while time.monotonic() < deadline and budget[0] > 0:
                budget[0] -= 1
                path = order[position % len(order)]
                position += 1
                began = time.perf_counter()
                writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
                status, _ = await _read_response(reader)
                latencies.append(time.perf_counter() - began)
                errors += status != 200
        finally:
            writer.close()

    cpu, began = time.process_time(), time.perf_counter()
    await asyncio.gather(*(client(seed) for seed in range(clients)))
    wall, cpu = time.perf_counter() - began, time.process_time() - cpu
    latencies.sort()

    def pct(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000

    return {
        "n": len(latencies),
        "p50": pct(0.50),
        "p95": pct(0.95),
        "p99": pct(0.99),
        "mean": statistics.mean(latencies) * 1000,
        "rps": len(latencies) / wall,
        "errors": errors,
        "client_cpu": cpu / wall,
    }


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    """One HTTP/1.1 response (Content-Length or chunked body): (status, body)."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
    if "content-length" in headers:
        return status, await reader.readexactly(int(headers["content-length"]))
    body = b""
    if headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            chunk = await reader.readexactly(size + 2)
            if size == 0:
                return status, body
            body += chunk[:-2]
    return status, body


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="database to serve (default: build one from all SaudiNewsNet days)")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=800, help="requests per scenario (bounded)")
    parser.add_argument("--seconds", type=float, default=60.0, help="time limit per scenario")
    parser.add_argument("--workers", type=int, default=1, help="server processes (akhbar serve --workers)")
    parser.add_argument("--stories", type=int, default=300, help="stories sampled for the story scenarios")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = args.db
        if db is None:
            db = Path(folder) / "bench_serve.db"
            build_database(db)
        process, url = start(db, args.workers)
        try:
            with httpx.Client(base_url=url, timeout=60.0) as client:
                health = client.get("/api/health").json()
                print(f"serving {health['articles']:,} articles in {health['stories']:,} stories")
                largest = client.get("/api/stories", params={"sort": "largest", "limit": 50}).json()["stories"]
                total = health["stories"]
                rng = random.Random(7)
                sample = {s["id"] for s in largest}
                while len(sample) < min(args.stories, total):
                    offset = rng.randrange(0, total)
                    sample.add(
                        client.get("/api/stories", params={"limit": 1, "offset": offset}).json()["stories"][0]["id"]
                    )
                stories = sorted(sample)
                sizes = [s["size"] for s in largest]
                print(f"story sample: {len(stories)} (50 largest, {sizes[0]}…{sizes[-1]} articles; rest at random)")
            queries = [
                json.loads(line)["query"]
                for line in (REPO / "bench" / "search_queries.jsonl").read_text(encoding="utf-8").splitlines()
                if line.strip()
            ]
            queries += [
                "السعودية",
                "الرياض",
                "وزير",
                "الهلال",
                "داعش",
                "النفط",
                "أمير منطقة",
                '"خادم الحرمين الشريفين"',
            ]
            scenarios: list[tuple[str, Callable[[], list[str]]]] = [
                ("story page", lambda: [f"/stories/{i}" for i in stories]),
                ("story api", lambda: [f"/api/stories/{i}" for i in stories]),
                ("search page", lambda: [str(httpx.URL("/search", params={"q": q})) for q in queries]),
                ("search api", lambda: [str(httpx.URL("/api/search", params={"q": q})) for q in queries]),
                ("story list", lambda: [f"/?page={p}&sort={s}" for p in range(1, 6) for s in ("newest", "largest")]),
            ]
            # warm-up: every path once, from one client
            with httpx.Client(base_url=url, timeout=60.0) as client:
                for _, make in scenarios:
                    for path in make()[:40]:
                        client.get(path)
            print(
                f"akhbar serve --workers {args.workers}; {args.clients} concurrent clients,"
                f" ≤ {args.requests} requests and ≤ {args.seconds:.0f} s per scenario"
            )
            header = (
                "scenario",
                "n",
                "p50 ms",
                "p95 ms",
                "p99 ms",
                "mean ms",
                "req/s",
                "errors",
                "gen CPU",
                "srv ms/r",
            )
            print(f"{header[0]:<12} " + " ".join(f"{h:>8}" for h in header[1:]))
            for name, make in scenarios:
                cpu_before = server_cpu(process.pid)
                r = run(url, make(), args.clients, args.requests, args.seconds)
                per_request = (server_cpu(process.pid) - cpu_before) / max(1, r["n"]) * 1000
                print(
                    f"{name:<12} {r['n']:>8} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['p99']:>8.1f} {r['mean']:>8.1f}"
                    f" {r['rps']:>8.1f} {r['errors']:>8} {r['client_cpu']:>7.0%} {per_request:>8.1f}",
                    flush=True,
                )
        finally:
            process.terminate()
            process.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
