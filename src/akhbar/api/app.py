"""The HTTP API (JSON under ``/api/``) and the web pages, as one FastAPI application.

``create_app(settings)`` builds it; ``serve(settings)`` runs it with uvicorn on 127.0.0.1. Every
request goes through ``akhbar.service``; this module only translates HTTP to use cases and back:
bounded parameters in, JSON (or HTML, for the pages) out, and errors as ``{"error", "detail"}``
with a 4xx status, never a stack trace (those go to the server log).

Writes (``POST /api/ingest``) are off unless ``allow_ingest`` is set, and then need
``Authorization: Bearer <api_token>``; the token is handed in by the caller (the CLI reads it from
``AKHBAR_API_TOKEN``), never read from the environment here.
"""

from __future__ import annotations

import dataclasses
import hmac
import ipaddress
import json
import logging
import os
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime, time
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from akhbar import search as search_engine
from akhbar import service
from akhbar.api import schemas
from akhbar.api.workers import reuse_port_available, serve_reuse_port
from akhbar.config import Settings
from akhbar.errors import ConfigError, NotFoundError, StoreError
from akhbar.lang.ar import match_terms

log = logging.getLogger("akhbar.api")

#: The largest JSONL body ``POST /api/ingest`` takes (bigger uploads: use the CLI on the file).
MAX_INGEST_BYTES = 16 * 1024 * 1024
MAX_ID_CHARS = 80
ID_PATTERN = r"^[A-Za-z0-9_.:-]+$"
MAX_SPEAKER_CHARS = 200
#: Sent with every response: the pages load nothing from elsewhere and run no inline code.
SECURITY_HEADERS = (
    (b"content-security-policy", b"default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)

StoryId = Annotated[str, Path(min_length=1, max_length=MAX_ID_CHARS, pattern=ID_PATTERN)]
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": schemas.ErrorOut, "description": "A parameter akhbar cannot use."},
    404: {"model": schemas.ErrorOut, "description": "No such record."},
    422: {"model": schemas.ErrorOut, "description": "A parameter out of its bounds."},
}


class ApiError(Exception):
    """An expected HTTP failure with its status, stable code and one-line message."""

    def __init__(self, status: int, error: str, detail: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.error = error
        self.detail = detail
        self.headers = headers


def create_app(
    settings: Settings,
    *,
    allow_ingest: bool = False,
    api_token: str | None = None,
    max_ingest_bytes: int = MAX_INGEST_BYTES,
    web: bool = True,
) -> FastAPI:
    """The API (and, with ``web``, the pages) over the database ``settings.db``.

    ``allow_ingest`` turns on ``POST /api/ingest``; it then requires ``api_token`` (at least 16
    characters), which clients send as ``Authorization: Bearer <token>``.

    The read routes are ``async def`` that call the (synchronous) service directly: their work is
    CPU-bound Python and SQLite reads from the page cache, which a thread pool cannot run in
    parallel under the GIL. Run in the event loop, one request finishes before the next starts;
    in threads, 8 concurrent story pages cost twice the CPU each in GIL hand-offs (measured with
    bench/bench_serve.py). More cores are used with ``serve(workers=N)``. Ingest, which writes and
    may wait for SQLite's lock, stays in a thread.
    """
    if allow_ingest and (not api_token or len(api_token) < 16):
        raise ConfigError("ingest over HTTP needs a token of at least 16 characters (set AKHBAR_API_TOKEN)")

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # Bring the search index up to date (the first start over an old database indexes it all)
        # and load the Arabic tables once, before the first request has to wait for them.
        indexed = await run_in_threadpool(service.update_search_index, settings)
        if indexed:
            log.info("search index: added %d articles", indexed)
        await run_in_threadpool(search_engine.parse_query, "بدء التشغيل")
        await run_in_threadpool(match_terms, "بدء التشغيل")  # the quote grouping's terms
        yield

    app = FastAPI(
        title="akhbar",
        summary="Arabic news from many outlets, grouped into stories.",
        version=_version(),
        openapi_url="/api/openapi.json",
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN; the server must work air-gapped
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    ingest_lock = threading.Lock()

    # -- errors: JSON for /api/, a page for the rest --------------------------------------------
    def failure(
        request: Request, status: int, error: str, detail: str, headers: dict[str, str] | None = None
    ) -> Response:
        if web and not request.url.path.startswith("/api/"):
            from akhbar.web import error_page

            return error_page(status, detail, headers)
        return JSONResponse({"error": error, "detail": detail}, status_code=status, headers=headers)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        return failure(request, exc.status, exc.error, exc.detail, exc.headers)

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> Response:
        return failure(request, 404, "not_found", str(exc))

    @app.exception_handler(search_engine.QueryError)
    async def bad_query(request: Request, exc: search_engine.QueryError) -> Response:
        return failure(request, 400, "invalid_query", str(exc))

    @app.exception_handler(service.InvalidRequestError)
    async def bad_request(request: Request, exc: service.InvalidRequestError) -> Response:
        return failure(request, 400, "invalid_request", str(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        log.error("store error on %s: %s", request.url.path, exc)
        return failure(request, 503, "store_unavailable", "the database cannot be read; see the server log")

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        for item in exc.errors()[:5]:
            where = ".".join(str(part) for part in item.get("loc", ()) if part not in ("query", "path", "body"))
            problems.append(f"{where or 'request'}: {item.get('msg', 'invalid')}")
        return failure(request, 422, "invalid_request", "; ".join(problems))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        codes = {404: "not_found", 405: "method_not_allowed"}
        detail = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404:
            detail = f"no such page: {request.url.path[:200]}"
        return failure(request, exc.status_code, codes.get(exc.status_code, "http_error"), detail)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return failure(request, 500, "internal_error", "the server failed on this request; the cause is in its log")

    # -- read endpoints ---------------------------------------------------------------------------
    @app.get("/api/health", response_model=schemas.HealthOut, tags=["meta"])
    async def health() -> schemas.HealthOut:
        """Whether the server can read its database, and how much it holds."""
        h = service.health(settings)
        return schemas.HealthOut(
            status="ok",
            schema_version=h.schema_version,
            articles=h.articles,
            stories=h.stories,
            search_indexed=h.search_indexed,
        )

    @app.get("/api/stories", response_model=schemas.StoryListOut, responses=ERRORS, tags=["stories"])
    async def stories(
        limit: Annotated[int, Query(ge=1, le=service.MAX_PAGE_SIZE, description="Stories per page.")] = 20,
        offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
        sort: Annotated[Literal["newest", "largest"], Query(description="newest or largest first")] = "newest",
        source: Annotated[str | None, Query(max_length=100, description="Only stories with this outlet.")] = None,
        entity: Annotated[
            str | None, Query(max_length=MAX_SPEAKER_CHARS, description="Only stories naming this entity (id or name).")
        ] = None,
        since: Annotated[date | None, Query(description="Stories active on or after this day (UTC).")] = None,
        until: Annotated[date | None, Query(description="Stories active on or before this day (UTC).")] = None,
    ) -> schemas.StoryListOut:
        """A page of stories, newest (or largest) first."""
        page = service.story_page(
            settings, limit, offset, sort, source, since=day_start(since), until=day_end(until), entity=entity
        )
        return schemas.StoryListOut(
            total=page.total,
            limit=page.limit,
            offset=page.offset,
            sort=sort,
            stories=[schemas.story_summary(item.story, item.activity) for item in page.items],
        )

    @app.get("/api/stories/{story_id}", response_model=schemas.StoryOut, responses=ERRORS, tags=["stories"])
    async def story(story_id: StoryId) -> schemas.StoryOut:
        """One story: events, articles, quotes grouped across outlets; entities once that stage exists."""
        return schemas.story_out(service.story_detail(settings, story_id))

    @app.get("/api/articles/{article_id}", response_model=schemas.ArticleOut, responses=ERRORS, tags=["articles"])
    async def article(article_id: StoryId) -> schemas.ArticleOut:
        """One article with its cleaned text, its labelled spans, its quotes and what cleaning removed."""
        return schemas.article_out(service.get_article(settings, article_id))

    @app.get("/api/quotes", response_model=schemas.QuoteListOut, responses=ERRORS, tags=["quotes"])
    async def quotes(
        story: Annotated[
            str | None, Query(min_length=1, max_length=MAX_ID_CHARS, pattern=ID_PATTERN, description="A story id.")
        ] = None,
        speaker: Annotated[
            str | None,
            Query(
                min_length=1,
                max_length=MAX_SPEAKER_CHARS,
                description="Part of a speaker's name, matched after normalization (الكاظمي finds "
                "رئيس الوزراء العراقي مصطفى الكاظمي).",
            ),
        ] = None,
        limit: Annotated[int, Query(ge=1, le=service.MAX_PAGE_SIZE, description="Quotes in the answer.")] = 20,
    ) -> schemas.QuoteListOut:
        """Quotes, newest article first: of one story, of one speaker, or both."""
        views = service.list_quotes(settings, story_id=story, speaker=speaker, limit=limit)
        return schemas.quote_list_out(views, story, speaker, limit)

    @app.get("/api/entities", response_model=schemas.EntityListOut, responses=ERRORS, tags=["entities"])
    async def entities(
        story: Annotated[
            str | None, Query(min_length=1, max_length=MAX_ID_CHARS, pattern=ID_PATTERN, description="A story id.")
        ] = None,
        q: Annotated[
            str | None,
            Query(
                min_length=1,
                max_length=MAX_SPEAKER_CHARS,
                description="Part of a name, matched after normalization at the start of a word "
                "(الكاظمى finds مصطفى الكاظمي).",
            ),
        ] = None,
        limit: Annotated[int, Query(ge=1, le=service.MAX_PAGE_SIZE, description="Entities in the answer.")] = 20,
    ) -> schemas.EntityListOut:
        """People, places and organisations, most mentioned first: of one story (mentions counted
        there), by name, or both."""
        return schemas.entity_list_out(
            service.list_entities(settings, story_id=story, limit=limit, query=q), story, q, limit
        )

    @app.get("/api/entities/{entity}", response_model=schemas.EntityDetailOut, responses=ERRORS, tags=["entities"])
    async def entity(
        entity: Annotated[str, Path(min_length=1, max_length=MAX_SPEAKER_CHARS, description="An id, or a name.")],
    ) -> schemas.EntityDetailOut:
        """One entity by id, or by name in any spelling (the most mentioned of that name; the rest
        in ``others``): its variants, roles and the stories it appears in, oldest first."""
        return schemas.entity_detail_out(service.get_entity(settings, entity))

    @app.get("/api/search", response_model=schemas.SearchOut, responses=ERRORS, tags=["search"])
    async def search(
        q: Annotated[
            str,
            Query(
                min_length=1,
                max_length=search_engine.MAX_QUERY_CHARS,
                description='Words and "quoted phrases"; every part must match. Nothing in it is query syntax.',
            ),
        ],
        limit: Annotated[int, Query(ge=1, le=50)] = 10,
        offset: Annotated[int, Query(ge=0, le=search_engine.CANDIDATES - 1)] = 0,
    ) -> schemas.SearchOut:
        """Articles matching the query, best first, with highlights as offsets into the original text."""
        limit = min(limit, search_engine.CANDIDATES - offset)
        return schemas.search_out(service.search(settings, q, limit=limit, offset=offset))

    @app.get("/api/sources", response_model=list[schemas.SourceOut], tags=["meta"])
    async def sources() -> list[schemas.SourceOut]:
        """Every outlet with its number of articles."""
        return [schemas.SourceOut(source=s, articles=n) for s, n in service.list_sources(settings)]

    # -- write endpoint ---------------------------------------------------------------------------
    @app.post(
        "/api/ingest",
        response_model=schemas.IngestOut,
        tags=["ingest"],
        responses={
            401: {"model": schemas.ErrorOut, "description": "Missing or wrong bearer token."},
            403: {"model": schemas.ErrorOut, "description": "Ingest over HTTP is disabled on this server."},
            409: {"model": schemas.ErrorOut, "description": "Another ingest is running."},
            413: {"model": schemas.ErrorOut, "description": "Body too large."},
        },
    )
    async def ingest(
        request: Request,
        source: Annotated[str | None, Query(max_length=100, description="Outlet for lines without one.")] = None,
    ) -> schemas.IngestOut:
        """Store JSON lines (one article object a line, as ``akhbar ingest`` reads them); needs a token."""
        if not allow_ingest:
            raise ApiError(403, "ingest_disabled", "ingest over HTTP is off on this server (start it with ingest on)")
        check_token(request.headers.get("authorization", ""), api_token or "")
        body = await read_bounded(request, max_ingest_bytes)
        if not body.strip():
            raise ApiError(400, "empty_body", "send one JSON object a line (application/x-ndjson)")
        if not ingest_lock.acquire(blocking=False):
            raise ApiError(409, "busy", "another ingest is running; try again when it has finished")
        try:
            summary = await run_in_threadpool(service.ingest_jsonl, settings, body, source)
        finally:
            ingest_lock.release()
        return schemas.ingest_out(summary)

    if web:
        from akhbar.web import STATIC_DIR, build_router

        app.include_router(build_router(settings))
        app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_middleware(SecurityHeaders)
    return app


def check_token(header: str, token: str) -> None:
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise ApiError(401, "unauthorized", "send Authorization: Bearer <token>", {"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise ApiError(401, "unauthorized", "wrong token", {"WWW-Authenticate": "Bearer"})


async def read_bounded(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        raise ApiError(
            413, "body_too_large", f"the body may hold at most {limit:,} bytes; ingest bigger files with the CLI"
        )
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(
                413, "body_too_large", f"the body may hold at most {limit:,} bytes; ingest bigger files with the CLI"
            )
        chunks.append(chunk)
    return b"".join(chunks)


def day_start(day: date | None) -> datetime | None:
    return datetime.combine(day, time.min, tzinfo=UTC) if day is not None else None


def day_end(day: date | None) -> datetime | None:
    return datetime.combine(day, time.max, tzinfo=UTC) if day is not None else None


class SecurityHeaders:
    """Adds ``SECURITY_HEADERS`` to every HTTP response (a plain ASGI middleware: no extra task per request)."""

    def __init__(self, app: Callable[..., Awaitable[None]]) -> None:
        self.app = app

    async def __call__(
        self,
        scope: MutableMapping[str, Any],
        receive: Callable[[], Awaitable[MutableMapping[str, Any]]],
        send: Callable[[MutableMapping[str, Any]], Awaitable[None]],
    ) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


#: The environment variable through which ``serve`` hands its settings to worker processes.
_WORKER_SETTINGS = "AKHBAR_SERVE_SETTINGS"


def serve(
    settings: Settings,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    allow_ingest: bool = False,
    api_token: str | None = None,
    log_level: str = "info",
    workers: int = 1,
    access_log: bool = True,
) -> None:
    """Run the API and pages with uvicorn until interrupted (binds 127.0.0.1 unless told otherwise).

    ``workers`` > 1 runs that many server processes on the same port, each with its own socket
    (``akhbar.api.workers``; uvicorn's supervisor where SO_REUSEPORT is missing): each serves
    requests on its own core, reading the same SQLite database (WAL: readers never block).
    """
    import uvicorn

    if workers < 1:
        raise ConfigError(f"workers must be at least 1, not {workers}")
    if not _is_loopback(host):
        log.warning("serving on %s: reachable from other machines; akhbar has no user accounts", host)
    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "log_level": log_level,
        "access_log": access_log,
        "server_header": False,
        "proxy_headers": False,
    }
    if workers == 1:
        app = create_app(settings, allow_ingest=allow_ingest, api_token=api_token)
        uvicorn.run(app, **options)
        return
    create_app(settings, allow_ingest=allow_ingest, api_token=api_token)  # fail here, once, on bad options
    # Worker processes import the app by name: the settings travel as JSON in the environment,
    # the token in its own variable (as for a single process).
    os.environ[_WORKER_SETTINGS] = json.dumps(
        {"settings": dataclasses.asdict(settings), "allow_ingest": allow_ingest}, default=str
    )
    if api_token:
        os.environ["AKHBAR_API_TOKEN"] = api_token
    if reuse_port_available():  # one socket per process: connections spread over the processes
        serve_reuse_port(host, port, workers, options, "akhbar.api.app:worker_app")
        return
    uvicorn.run("akhbar.api.app:worker_app", factory=True, workers=workers, **options)


def worker_app() -> FastAPI:
    """The app of one worker process started by ``serve(workers=N)`` (settings from the environment)."""
    from akhbar.config import settings_from_dict

    try:
        handed = json.loads(os.environ[_WORKER_SETTINGS])
    except (KeyError, ValueError) as exc:
        raise ConfigError(f"worker started without valid {_WORKER_SETTINGS}") from exc
    return create_app(
        settings_from_dict(handed["settings"]),
        allow_ingest=bool(handed["allow_ingest"]),
        api_token=os.environ.get("AKHBAR_API_TOKEN"),
    )


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _version() -> str:
    from akhbar import __version__

    return __version__


__all__ = ["ApiError", "create_app", "serve", "worker_app"]
