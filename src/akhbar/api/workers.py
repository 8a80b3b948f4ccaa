"""Several server processes on one port, each with its own listening socket (``SO_REUSEPORT``).

Why not uvicorn's own ``--workers``: its processes share one listening socket, and the process that
wakes first accepts every connection waiting. Clients that open their keep-alive connections
together (a browser, a load generator, a dashboard polling in parallel) then all land on one
process, which does all the work on one core while the others idle: with 8 clients and 2 workers,
5 runs of 8 put every connection on one process (measured with bench/bench_serve.py). With one
socket per process the kernel spreads new connections over the processes by a hash of their
addresses, as nginx's and gunicorn's ``reuseport`` do.

The supervisor (the process the user started) checks the port once, starts the workers, restarts a
worker that dies, and stops them all on Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import socket
import time
from typing import Any

from akhbar.errors import ConfigError

log = logging.getLogger("akhbar.serve")

#: A worker that dies sooner than this after starting, this many times in a row, stops the server
#: (a crash at start-up would otherwise restart forever).
_QUICK_DEATH_SECONDS = 5.0
_QUICK_DEATHS_ALLOWED = 3


def reuse_port_available() -> bool:
    return hasattr(socket, "SO_REUSEPORT") and os.name == "posix"


def _bound_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    return sock


def _worker(host: str, port: int, options: dict[str, Any], app_factory: str) -> None:
    """One worker process: its own socket on the shared port, and a uvicorn server on it."""
    import importlib

    import uvicorn

    module, _, name = app_factory.partition(":")
    app = getattr(importlib.import_module(module), name)()
    # bound, not listening: uvicorn listens once the app has started, so no connection waits in
    # the queue of a worker still starting (the kernel hands connections to listening sockets only)
    sock = _bound_socket(host, port)
    config = uvicorn.Config(app, **options)
    uvicorn.Server(config).run(sockets=[sock])


def serve_reuse_port(host: str, port: int, workers: int, options: dict[str, Any], app_factory: str) -> None:
    """Run ``workers`` processes serving ``app_factory`` ("module:function" returning the app) on
    host:port until interrupted. Raises ConfigError when the port cannot be bound."""
    try:  # fail once, clearly, when the port is taken (by anything not sharing it)
        probe = _bound_socket(host, port)
    except OSError as exc:
        raise ConfigError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    context = multiprocessing.get_context("spawn")
    worker_options = {k: v for k, v in options.items() if k not in ("host", "port")}

    def start() -> tuple[multiprocessing.process.BaseProcess, float]:
        process = context.Process(
            target=_worker, args=(host, port, worker_options, app_factory), name="akhbar-serve-worker"
        )
        process.start()
        return process, time.monotonic()

    running = [start() for _ in range(workers)]
    probe.close()  # the workers hold the port now
    stopping = False

    def stop(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    quick_deaths = 0
    try:
        while not stopping:
            time.sleep(0.2)
            for index, (process, started) in enumerate(running):
                if process.is_alive() or stopping:
                    continue
                quick_deaths = quick_deaths + 1 if time.monotonic() - started < _QUICK_DEATH_SECONDS else 0
                if quick_deaths >= _QUICK_DEATHS_ALLOWED:
                    raise ConfigError(f"server workers keep exiting at start-up (last exit code {process.exitcode})")
                log.warning("server worker %s exited with code %s; starting another", process.pid, process.exitcode)
                running[index] = start()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        for process, _ in running:
            if process.is_alive() and process.pid is not None:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(process.pid, signal.SIGTERM)
        for process, _ in running:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()
                process.join()


__all__ = ["reuse_port_available", "serve_reuse_port"]
