"""The web pages: story list, story, article, search and entity.

Pages call ``akhbar.service`` like the JSON API does and render Jinja2 templates (autoescaped).
Everything is right-to-left (``<html dir="rtl" lang="ar">``); outlet names, ids and times are
isolated with ``<bdi>``/``dir="ltr"`` so they do not scramble the Arabic around them.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from collections.abc import Iterable
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
from akhbar.types import Article, Entity, Mention, Quote

STATIC_DIR = Path(str(resources.files("akhbar.web").joinpath("static")))
STORIES_PER_PAGE = 20
#: A story page shows at most this many articles per outlet, shared quote groups and single-outlet
#: quotes (the biggest stories have hundreds of each: a page of megabytes); ``?full=1`` shows all.
ARTICLES_PER_OUTLET = 20
SHARED_QUOTES_SHOWN = 30
SINGLE_QUOTES_SHOWN = 40
WORDINGS_SHOWN = 6  # per shared quote group
ENTITIES_SHOWN = 30  # per kind (the most mentioned)
RESULTS_PER_PAGE = 10
LEAD_CHARS = 280

#: Arabic names of the entity kinds, one and many.
ENTITY_KINDS = {"PERS": "شخص", "LOC": "مكان", "ORG": "جهة", "MISC": "أخرى"}
ENTITY_GROUPS = (("PERS", "الأشخاص"), ("ORG", "الجهات"), ("LOC", "الأماكن"), ("MISC", "أخرى"))
#: Arabic names of the quote kinds.
QUOTE_KINDS = {"direct": "مباشر", "indirect": "غير مباشر"}
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
_environment.globals["quote_kind"] = lambda kind: QUOTE_KINDS.get(kind, kind)
_environment.globals["entity_kind"] = lambda kind: ENTITY_KINDS.get(kind, kind)
_environment.globals["removal_reason"] = lambda reason: REMOVAL_REASONS.get(reason.split(":")[0], "")


def render(template: str, status: int = 200, headers: dict[str, str] | None = None, **context: object) -> HTMLResponse:
    html = _environment.get_template(template).render(**context)
    return HTMLResponse(html, status_code=status, headers=headers)


def error_page(status: int, detail: str, headers: dict[str, str] | None = None) -> HTMLResponse:
    titles = {404: "غير موجود", 400: "طلب غير صالح", 422: "طلب غير صالح", 500: "خطأ في الخادم"}
    return render(
        "error.html", status=status, headers=headers, status_code=status, title=titles.get(status, "خطأ"), detail=detail
    )


_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class Part:
    """A run of a piece's text: plain, or (part of) a mention."""

    text: str
    mention: Mention | None = None


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of a block's text: plain, or part of a quote (``anchor`` on the quote's first piece),
    cut into parts at mention boundaries."""

    text: str
    quote: Quote | None = None
    anchor: str | None = None
    parts: tuple[Part, ...] = ()


@dataclass(frozen=True, slots=True)
class Block:
    """A piece of an article body for display: a paragraph or a sub-heading, cut into pieces at
    quote boundaries."""

    kind: Literal["p", "h"]
    text: str
    pieces: tuple[Piece, ...] = ()


def quote_anchor(quote: Quote) -> str:
    """The id of a quote's mark on its article page (the story page links to it)."""
    return f"quote-{quote.start}-{quote.end}"


_environment.globals["quote_anchor"] = quote_anchor


def shown_quotes(text: str, quotes: Iterable[Quote]) -> list[Quote]:
    """The quotes to highlight: inside the text, not overlapping (at one start, the longest)."""
    chosen: list[Quote] = []
    for quote in sorted(quotes, key=lambda q: (q.start, -q.end)):
        if 0 <= quote.start < quote.end <= len(text) and (not chosen or quote.start >= chosen[-1].end):
            chosen.append(quote)
    return chosen


def shown_mentions(text: str, mentions: Iterable[Mention]) -> list[Mention]:
    """The mentions to highlight: inside the text, not overlapping (at one start, the longest)."""
    chosen: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if 0 <= mention.start < mention.end <= len(text) and (not chosen or mention.start >= chosen[-1].end):
            chosen.append(mention)
    return chosen


def _parts(text: str, start: int, end: int, mentions: list[Mention]) -> tuple[Part, ...]:
    parts: list[Part] = []
    cursor = start
    for mention in mentions:
        if mention.end <= start or mention.start >= end:
            continue
        m_start, m_end = max(mention.start, start), min(mention.end, end)
        if m_start > cursor:
            parts.append(Part(text[cursor:m_start]))
        parts.append(Part(text[m_start:m_end], mention))
        cursor = m_end
    if cursor < end:
        parts.append(Part(text[cursor:end]))
    return tuple(parts)


def body_blocks(article: Article, quotes: Iterable[Quote] = (), mentions: Iterable[Mention] = ()) -> list[Block]:
    """The article text as paragraphs, with the spans labelled ``subheading`` as headings, and the
    ``quotes`` and, inside and outside them, the ``mentions`` (offsets into ``article.text``) marked."""
    text = article.text
    headings = sorted((s.start, s.end) for s in article.spans if s.label == "subheading" and 0 <= s.start < s.end)
    marked = shown_quotes(text, quotes)
    names = shown_mentions(text, mentions)
    anchored: set[Quote] = set()
    blocks: list[Block] = []
    position = 0

    def block(kind: Literal["p", "h"], start: int, end: int) -> None:
        piece = text[start:end]
        start += len(piece) - len(piece.lstrip())
        end -= len(piece) - len(piece.rstrip())
        if start >= end:
            return
        pieces: list[Piece] = []
        cursor = start
        for quote in marked:
            if quote.end <= start or quote.start >= end:
                continue
            q_start, q_end = max(quote.start, start), min(quote.end, end)
            if q_start > cursor:
                pieces.append(Piece(text[cursor:q_start], parts=_parts(text, cursor, q_start, names)))
            anchor = None if quote in anchored else quote_anchor(quote)
            anchored.add(quote)
            pieces.append(Piece(text[q_start:q_end], quote, anchor, _parts(text, q_start, q_end, names)))
            cursor = q_end
        if cursor < end:
            pieces.append(Piece(text[cursor:end], parts=_parts(text, cursor, end, names)))
        blocks.append(Block(kind, text[start:end], tuple(pieces)))

    def paragraphs(start: int, end: int) -> None:
        for line in _LINE.finditer(text, start, end):
            block("p", line.start(), line.end())

    for start, end in headings:
        if start < position:
            continue
        paragraphs(position, start)
        block("h", start, end)
        position = end
    paragraphs(position, len(text))
    return blocks


@dataclass(frozen=True, slots=True)
class WordingView:
    """One outlet's wording of a quote group, cut into (piece, differs) pairs for display."""

    wording: service.QuoteWording
    pieces: list[tuple[str, bool]]
    missing_words: list[str]  # words of the reference this wording lacks, as the reference writes them
    reference: bool


def wording_views(group: service.QuoteGroupView, limit: int | None = None) -> list[WordingView]:
    """The wordings of a group to show: the reference, then (with ``limit``) one per other outlet
    before any outlet's second wording, at most ``limit`` in all."""
    chosen = list(enumerate(group.versions))
    if limit is not None and len(chosen) > limit:
        seen: set[str] = set()
        firsts: list[tuple[int, service.QuoteWording]] = []
        repeats: list[tuple[int, service.QuoteWording]] = []
        for index, version in chosen:
            (repeats if version.source in seen else firsts).append((index, version))
            seen.add(version.source)
        chosen = sorted((firsts + repeats)[:limit], key=lambda item: item[0])
    views = []
    for index, version in chosen:
        pieces = search_engine.segments(version.text, 0, len(version.text), list(version.differences))
        views.append(WordingView(version, pieces, list(version.missing_words), index == 0 and len(group.versions) > 1))
    return views


def entity_groups(counted: list[tuple[Entity, int]]) -> list[tuple[str, str, list[tuple[Entity, int]]]]:
    """(kind, Arabic heading, [(entity, mentions) …]) for each kind that has entities, people first;
    inside a kind the order given (most mentioned first) is kept."""
    groups = []
    for kind, heading in ENTITY_GROUPS:
        members = [(entity, count) for entity, count in counted if entity.kind == kind]
        if members:
            groups.append((kind, heading, members))
    return groups


def _entity_activity(stories: Iterable[service.EntityStory]) -> list[tuple[str, int]]:
    """Mentions per month over the stories naming an entity, oldest first: ("2021-03", n)."""
    months: dict[str, int] = defaultdict(int)
    for item in stories:
        if item.first is not None:
            months[item.first.strftime("%Y-%m")] += item.mentions
    return sorted(months.items())


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
    """The pages. Like the API's read routes they are ``async def`` calling the service directly
    (see ``akhbar.api.app.create_app`` for why not a thread pool)."""
    router = APIRouter(include_in_schema=False)
    source_list = _SourceList(settings)

    @router.get("/", response_class=HTMLResponse)
    async def story_list(
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
    async def story_page(story_id: str, full: Annotated[bool, Query()] = False) -> HTMLResponse:
        detail = service.story_detail(
            settings,
            story_id[:100],
            shared_limit=None if full else SHARED_QUOTES_SHOWN,
            single_limit=None if full else SINGLE_QUOTES_SHOWN,
        )
        event_numbers = {event.id: number for number, event in enumerate(detail.events, start=1)}
        by_outlet: dict[str, list[Article]] = defaultdict(list)
        for article in detail.articles:
            by_outlet[article.source].append(article)
        columns = sorted(by_outlet.items(), key=lambda item: (-len(item[1]), item[0]))
        # the service orders groups most widely carried first
        shared_groups = [group for group in detail.quotes if group.shared]
        single = [group for group in detail.quotes if not group.shared]
        shared_total, single_total = detail.shared_groups, detail.single_groups
        named = entity_groups(list(zip(detail.entities, detail.entity_mentions, strict=False)))
        truncated = not full and (
            any(len(articles) > ARTICLES_PER_OUTLET for _, articles in columns)
            or any(len(members) > ENTITIES_SHOWN for _, _, members in named)
            or shared_total > SHARED_QUOTES_SHOWN
            or single_total > SINGLE_QUOTES_SHOWN
        )
        shown_columns = columns if full else [(source, articles[:ARTICLES_PER_OUTLET]) for source, articles in columns]
        shared = [(group, wording_views(group, None if full else WORDINGS_SHOWN)) for group in shared_groups]
        return render(
            "story.html",
            page_title=detail.story.title,
            entity_groups=named,
            entities_shown=ENTITIES_SHOWN,
            full=full,
            detail=detail,
            story=detail.story,
            columns=shown_columns,
            column_sizes={source: len(articles) for source, articles in columns},
            event_numbers=event_numbers,
            lead=lead,
            shared_quotes=shared,
            shared_total=shared_total,
            single_quotes=single,
            single_total=single_total,
            truncated=truncated,
        )

    @router.get("/articles/{article_id}", response_class=HTMLResponse)
    async def article_page(article_id: str) -> HTMLResponse:
        detail = service.get_article(settings, article_id[:100])
        return render(
            "article.html",
            page_title=detail.article.title,
            article=detail.article,
            story=detail.story,
            blocks=body_blocks(detail.article, detail.quotes, detail.mentions),
            quotes=detail.quotes,
            marked={quote_anchor(q) for q in shown_quotes(detail.article.text, detail.quotes)},
            entities={entity.id: entity for entity in detail.entities},
            named=entity_groups([(e, sum(1 for m in detail.mentions if m.entity_id == e.id)) for e in detail.entities]),
        )

    @router.get("/search", response_class=HTMLResponse)
    async def search_page(
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
    async def entity_page(entity_id: str) -> HTMLResponse:
        view = service.get_entity(settings, entity_id[:200])
        return render(
            "entity.html",
            page_title=view.entity.name,
            view=view,
            entity=view.entity,
            also=[variant for variant in view.entity.variants if variant != view.entity.name],
            activity=_entity_activity(view.stories),
        )

    return router
