"""The web pages: story list, story, article, search (and entity, once entities exist).

Pages call ``akhbar.service`` like the JSON API does and render Jinja2 templates (autoescaped).
Everything is right-to-left (``<html dir="rtl" lang="ar">``); outlet names, ids and times are
isolated with ``<bdi>``/``dir="ltr"`` so they do not scramble the Arabic around them.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from akhbar import search as search_engine
from akhbar import service
from akhbar.config import Settings
from akhbar.types import Article

STATIC_DIR = Path(str(resources.files("akhbar.web").joinpath("static")))
STORIES_PER_PAGE = 20
RESULTS_PER_PAGE = 10
LEAD_CHARS = 280

#: Arabic names of cleaning's removal reasons (the code is shown beside them).
REMOVAL_REASONS = {
    "boilerplate": "نص متكرر",
    "outlet-boilerplate": "نص متكرر للمصدر",
    "dateline": "سطر المكان والتاريخ",
    "byline": "اسم الكاتب",
    "credit": "نسبة الصورة أو الخبر",
    "split": "قصة ثانية في المستند نفسه",
    "headline": "عنوان مكرر",
    "duplicate-paragraph": "فقرة مكررة",
}

_environment = Environment(
    loader=PackageLoader("akhbar.web", "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
    auto_reload=False,
)


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "—"


def _span(first: datetime | None, last: datetime | None) -> str:
    if first is None:
        return "غير مؤرخة"
    if last is None or last == first:
        return first.strftime("%Y-%m-%d %H:%M")
    if last.date() == first.date():
        return f"{first:%Y-%m-%d} {first:%H:%M}–{last:%H:%M}"
    return f"{first:%Y-%m-%d} – {last:%Y-%m-%d}"


_environment.filters["when"] = _when
_environment.globals["span"] = _span
_environment.globals["removal_reason"] = lambda reason: REMOVAL_REASONS.get(reason.split(":")[0], "")


def render(template: str, status: int = 200, headers: dict[str, str] | None = None, **context: object) -> HTMLResponse:
    html = _environment.get_template(template).render(**context)
    return HTMLResponse(html, status_code=status, headers=headers)


def error_page(status: int, detail: str, headers: dict[str, str] | None = None) -> HTMLResponse:
    titles = {404: "غير موجود", 400: "طلب غير صالح", 422: "طلب غير صالح", 500: "خطأ في الخادم"}
    return render(
        "error.html", status=status, headers=headers, status_code=status, title=titles.get(status, "خطأ"), detail=detail
    )


@dataclass(frozen=True, slots=True)
class Block:
    """A piece of an article body for display: a paragraph or a sub-heading."""

    kind: Literal["p", "h"]
    text: str


def body_blocks(article: Article) -> list[Block]:
    """The article text as paragraphs, with the spans labelled ``subheading`` as headings."""
    text = article.text
    headings = sorted((s.start, s.end) for s in article.spans if s.label == "subheading" and 0 <= s.start < s.end)
    blocks: list[Block] = []
    position = 0

    def paragraphs(piece: str) -> None:
        blocks.extend(Block("p", line.strip()) for line in piece.split("\n") if line.strip())

    for start, end in headings:
        if start < position:
            continue
        paragraphs(text[position:start])
        if text[start:end].strip():
            blocks.append(Block("h", text[start:end].strip()))
        position = end
    paragraphs(text[position:])
    return blocks


def lead(text: str, limit: int = LEAD_CHARS) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit] + "…"


def _query_string(**params: object) -> str:
    return urlencode({k: v for k, v in params.items() if v not in (None, "")})


class _SourceList:
    """The outlet list of the filter form, read at most once a minute (it only grows with ingest)."""

    def __init__(self, settings: Settings, seconds: float = 60.0) -> None:
        self.settings = settings
        self.seconds = seconds
        self.value: list[tuple[str, int]] = []
        self.read_at = -seconds

    def __call__(self) -> list[tuple[str, int]]:
        now = time.monotonic()
        if now - self.read_at >= self.seconds:
            self.value = service.list_sources(self.settings)
            self.read_at = now
        return self.value


def build_router(settings: Settings) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    source_list = _SourceList(settings)

    @router.get("/", response_class=HTMLResponse)
    def story_list(
        page: Annotated[int, Query(ge=1, le=50_000)] = 1,
        sort: Literal["newest", "largest"] = "newest",
        source: Annotated[str | None, Query(max_length=100)] = None,
        since: Annotated[date | None, Query()] = None,
        until: Annotated[date | None, Query()] = None,
    ) -> HTMLResponse:
        from akhbar.api.app import day_end, day_start

        source = source or None
        result = service.story_page(
            settings,
            STORIES_PER_PAGE,
            (page - 1) * STORIES_PER_PAGE,
            sort,
            source,
            since=day_start(since),
            until=day_end(until),
        )
        pages = max(1, -(-result.total // STORIES_PER_PAGE))
        filters = {"sort": sort, "source": source, "since": since, "until": until}
        return render(
            "stories.html",
            page_title="القصص",
            items=result.items,
            total=result.total,
            page=page,
            pages=pages,
            sources=source_list(),
            filters=filters,
            previous_link="?" + _query_string(**filters, page=page - 1) if page > 1 else None,
            next_link="?" + _query_string(**filters, page=page + 1) if page < pages else None,
        )

    @router.get("/stories/{story_id}", response_class=HTMLResponse)
    def story_page(story_id: str) -> HTMLResponse:
        detail = service.story_detail(settings, story_id[:100])
        event_numbers = {event.id: number for number, event in enumerate(detail.events, start=1)}
        by_outlet: dict[str, list[Article]] = defaultdict(list)
        for article in detail.articles:
            by_outlet[article.source].append(article)
        columns = sorted(by_outlet.items(), key=lambda item: (-len(item[1]), item[0]))
        return render(
            "story.html",
            page_title=detail.story.title,
            detail=detail,
            story=detail.story,
            columns=columns,
            event_numbers=event_numbers,
            lead=lead,
        )

    @router.get("/articles/{article_id}", response_class=HTMLResponse)
    def article_page(article_id: str) -> HTMLResponse:
        detail = service.get_article(settings, article_id[:100])
        return render(
            "article.html",
            page_title=detail.article.title,
            article=detail.article,
            story=detail.story,
            blocks=body_blocks(detail.article),
        )

    @router.get("/search", response_class=HTMLResponse)
    def search_page(
        q: Annotated[str, Query(max_length=search_engine.MAX_QUERY_CHARS)] = "",
        page: Annotated[int, Query(ge=1, le=search_engine.CANDIDATES // RESULTS_PER_PAGE)] = 1,
    ) -> HTMLResponse:
        results = None
        hits = []
        if q.strip():
            results = service.search(settings, q, limit=RESULTS_PER_PAGE, offset=(page - 1) * RESULTS_PER_PAGE)
            for hit in results.hits:
                start, end = hit.snippet
                hits.append(
                    {
                        "hit": hit,
                        "title": search_engine.segments(
                            hit.article.title, 0, len(hit.article.title), list(hit.title_highlights)
                        ),
                        "snippet": search_engine.segments(hit.article.text, start, end, list(hit.text_highlights)),
                        "cut_before": start > 0,
                        "cut_after": end < len(hit.article.text),
                    }
                )
        shown = min(results.total, search_engine.CANDIDATES) if results else 0
        pages = max(1, -(-shown // RESULTS_PER_PAGE))
        return render(
            "search.html",
            page_title=f"بحث: {q}" if q else "بحث",
            query=q,
            results=results,
            hits=hits,
            page=page,
            previous_link="?" + _query_string(q=q, page=page - 1) if page > 1 else None,
            next_link="?" + _query_string(q=q, page=page + 1) if results and page < pages else None,
        )

    @router.get("/entities/{entity_id}", response_class=HTMLResponse)
    def entity_page(entity_id: str) -> HTMLResponse:
        service.get_entity(settings, entity_id[:100])
        return error_page(404, "entities are not extracted yet")

    return router
