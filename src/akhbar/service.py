"""Use cases: the one door for the CLI, the HTTP API and the web UI.

Nothing here knows about typer, FastAPI or Jinja2; progress is reported through the small
``Progress`` protocol so each front end can draw it its own way.
"""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol

from akhbar import search as search_engine
from akhbar.config import CleanConfig, Settings
from akhbar.errors import AkhbarError, NotFoundError
from akhbar.executors import LocalExecutor
from akhbar.pipeline import Pipeline, Record, Step
from akhbar.search import ParsedQuery
from akhbar.sources import InputFile, expand_paths, read_file
from akhbar.stages.article import to_article
from akhbar.stages.clean import OutletBoilerplate, clean
from akhbar.stages.cluster import StoryClusterer
from akhbar.stages.dedupe import DuplicateIndex, article_agency
from akhbar.stages.normalize import normalize
from akhbar.stages.quotes import quotes as extract_quotes_stage
from akhbar.store.sqlite import EventRow, Store, StoredArticle, StoryRow
from akhbar.types import Article, Assignment, Entity, IngestSummary, Quote, RawDocument, Rejection

_EXAMPLES = 5


class Progress(Protocol):
    def start(self, description: str, total: int | None) -> None: ...
    def advance(self, amount: int) -> None: ...
    def describe(self, description: str) -> None: ...
    def stop(self) -> None: ...


class NoProgress:
    def start(self, description: str, total: int | None) -> None:
        pass

    def advance(self, amount: int) -> None:
        pass

    def describe(self, description: str) -> None:
        pass

    def stop(self) -> None:
        pass


def ingest_pipeline(settings: Settings) -> Pipeline:
    """The stages every ingested document goes through before it is stored."""
    return Pipeline(
        [
            Step(to_article, settings.ingest),
            Step(clean, settings.clean),
            Step(normalize, settings.normalize),
            Step(extract_quotes_stage),
        ]
    ).validate()


def ingest(
    paths: Sequence[str | Path],
    settings: Settings,
    source: str | None = None,
    progress: Progress | None = None,
    cluster_after: bool = True,
) -> IngestSummary:
    """Read, clean and store every article under ``paths``; then group the new ones into stories.

    Each batch is stored in one transaction. Running it again stores nothing new.
    """
    progress = progress or NoProgress()
    started = time.perf_counter()
    files = expand_paths(paths, source)
    settings = replace(settings, clean=learn_outlet_boilerplate(files, settings, progress))
    pipeline = ingest_pipeline(settings)
    executor = LocalExecutor()
    counts: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    examples: list[Rejection] = []
    with Store(settings.db) as store:
        run_id = store.begin_run("ingest " + " ".join(str(p) for p in paths)[:500])
        batch: list[Article] = []
        rejected: list[Rejection] = []

        def flush() -> None:
            if batch or rejected:
                stored = store.add_batch(batch, rejected, run_id)
                store.index_search(batch)  # searchable as soon as stored
                counts["stored"] += stored
                counts["already_present"] += len(batch) - stored
                batch.clear()
                rejected.clear()

        progress.start("reading", sum(f.size for f in files) or None)
        for file in files:
            progress.describe(f"reading {file.path.name}")
            for record in executor.run(pipeline, _counted(read_file(file, settings.ingest.max_file_bytes), counts)):
                if isinstance(record, Rejection):
                    counts["rejected"] += 1
                    reasons[record.reason.split(" (")[0]] += 1
                    if len(examples) < _EXAMPLES:
                        examples.append(record)
                    rejected.append(record)
                else:
                    batch.append(record)
                if len(batch) + len(rejected) >= settings.ingest.batch_size:
                    flush()
            flush()
            progress.advance(file.size)
        flush()
        progress.stop()
        store.finish_run(run_id, counts["read"], counts["stored"], counts["already_present"], counts["rejected"])
    clustered = cluster(settings, progress=progress).assigned if cluster_after else 0
    return IngestSummary(
        read=counts["read"],
        stored=counts["stored"],
        already_present=counts["already_present"],
        rejected=counts["rejected"],
        reasons=tuple(sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))),
        examples=tuple(examples),
        clustered=clustered,
        seconds=time.perf_counter() - started,
    )


def learn_outlet_boilerplate(files: Sequence[InputFile], settings: Settings, progress: Progress) -> CleanConfig:
    """Read the inputs once to learn each outlet's recurring lines, before any is cleaned.

    Learning from the whole input (not from what happened to arrive first) keeps the result
    independent of order and batch size, and the same on a re-run.
    """
    if not settings.clean.enabled:
        return settings.clean
    learner = OutletBoilerplate.from_config(settings.clean)
    progress.start("learning outlet boilerplate", sum(f.size for f in files) or None)
    for file in files:
        for record in read_file(file, settings.ingest.max_file_bytes):
            if isinstance(record, RawDocument):
                learner.observe_text(record.source, record.text)
        progress.advance(file.size)
    progress.stop()
    return learner.configure(settings.clean)


@dataclass(frozen=True, slots=True)
class ClusterSummary:
    assigned: int
    new_stories: int
    stories: int
    seconds: float


def cluster(settings: Settings, rebuild: bool = False, progress: Progress | None = None) -> ClusterSummary:
    """Put every article that has no story yet into one, in time order; ``rebuild`` starts over."""
    progress = progress or NoProgress()
    started = time.perf_counter()
    with Store(settings.db) as store:
        if rebuild:
            store.reset_clusters()
        pending_ids = [sa.article.id for sa in store.unclustered()]
        if not pending_ids:
            return ClusterSummary(0, 0, store.count_stories(), time.perf_counter() - started)
        clusterer = StoryClusterer(settings.cluster)
        duplicates = DuplicateIndex(settings.dedupe)
        placed: dict[str, tuple[str, str]] = {}  # article id -> (story, event), for copies to follow
        first = store.article(pending_ids[0]).time
        horizon = first - timedelta(days=settings.cluster.window_days)
        for previous in store.clustered_since(horizon):
            article = previous.article
            assert article.story_id is not None and article.event_id is not None
            duplicates.add(article)
            clusterer.observe(article, previous.time, article.story_id, article.event_id)
            placed[article.id] = (article.story_id, article.event_id)
        progress.start("grouping into stories", len(pending_ids))
        new_stories = 0
        batch: list[Assignment] = []
        copies: list[tuple[str, str | None, float | None, str | None]] = []
        for chunk_start in range(0, len(pending_ids), settings.ingest.batch_size):
            chunk = pending_ids[chunk_start : chunk_start + settings.ingest.batch_size]
            for stored in _load(store, chunk):
                article = stored.article
                copy = duplicates.add(article)
                target = _story_of(store, placed, copy.original_id) if copy is not None else None
                if copy is not None and target is not None:
                    # a wire copy belongs where its original is, whatever the scorer would say
                    clusterer.observe(article, stored.time, *target)
                    decision = Assignment(article.id, target[0], target[1], copy.similarity, False, False)
                else:
                    decision = clusterer.assign(article, stored.time)
                placed[article.id] = (decision.story_id, decision.event_id)
                new_stories += decision.new_story
                batch.append(decision)
                agency = copy.agency if copy is not None else article_agency(article)
                if copy is not None or agency is not None:
                    copies.append(
                        (article.id, copy.original_id if copy else None, copy.similarity if copy else None, agency)
                    )
            store.save_assignments(batch, copies)
            progress.advance(len(batch))
            batch.clear()
            copies.clear()
        progress.stop()
        return ClusterSummary(len(pending_ids), new_stories, store.count_stories(), time.perf_counter() - started)


def _story_of(store: Store, placed: dict[str, tuple[str, str]], article_id: str) -> tuple[str, str] | None:
    """The (story, event) an article was put in: this run's decisions first, then the store's."""
    if article_id in placed:
        return placed[article_id]
    article = store.article(article_id).article
    if article.story_id is None or article.event_id is None:
        return None
    return article.story_id, article.event_id


def _counted(records: Iterable[Record], counts: Counter[str]) -> Iterator[Record]:
    """Count the documents read (a document the cleaner splits in two still counts once)."""
    for record in records:
        counts["read"] += 1
        yield record


def _load(store: Store, ids: Iterable[str]) -> list[StoredArticle]:
    return [store.article(article_id) for article_id in ids]


@dataclass(frozen=True, slots=True)
class StoryView:
    story: StoryRow
    articles: tuple[Article, ...]


def list_stories(settings: Settings, limit: int | None = 20, source: str | None = None) -> list[StoryView]:
    """Stories newest first, each with its articles; ``source`` keeps those with an article from that outlet."""
    with Store(settings.db) as store:
        return [
            StoryView(row, tuple(sa.article for sa in store.articles_of_story(row.id)))
            for row in store.stories(limit, source=source)
        ]


def get_story(settings: Settings, story_id: str) -> StoryView:
    with Store(settings.db) as store:
        row = store.story(story_id)
        return StoryView(row, tuple(sa.article for sa in store.articles_of_story(row.id)))


# --- read side for the API and web (search, articles) ---
# The functions below serve the HTTP API and the web pages (and any other front end). Like the rest
# of this module they open the store themselves and return plain frozen views.


class InvalidRequestError(AkhbarError, ValueError):
    """A read request with an argument out of range (page size, sort, offset)."""


STORY_SORTS = ("newest", "largest")
MAX_PAGE_SIZE = 100
ACTIVITY_BUCKETS = 12


@dataclass(frozen=True, slots=True)
class StoryListItem:
    story: StoryRow
    #: Articles per slice of the story's time span (ACTIVITY_BUCKETS equal slices; one slice when
    #: the span is zero), for the small activity bar of the story list.
    activity: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class StoryListPage:
    items: tuple[StoryListItem, ...]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True, slots=True)
class StoryDetail:
    """One story with everything a reader sees about it.

    ``entities``/``quotes`` stay empty, with ``*_extracted`` False, until those stages land: a
    front end must say "not yet extracted", not "none".
    """

    story: StoryRow
    events: tuple[EventRow, ...]
    articles: tuple[Article, ...]
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    entities_extracted: bool = False
    quotes_extracted: bool = False


@dataclass(frozen=True, slots=True)
class ArticleDetail:
    article: Article
    story: StoryRow | None


@dataclass(frozen=True, slots=True)
class SearchHit:
    article: Article
    score: float  # BM25 with recency; higher is better
    title_highlights: tuple[tuple[int, int], ...]  # spans of article.title
    snippet: tuple[int, int]  # span of article.text shown under the title
    text_highlights: tuple[tuple[int, int], ...]  # spans of article.text inside the snippet


@dataclass(frozen=True, slots=True)
class SearchResults:
    query: ParsedQuery
    hits: tuple[SearchHit, ...]
    total: int  # how many articles match (all parts, or any part when matched_all is False)
    matched_all: bool  # False when no article had every part and the results match any part
    limit: int
    offset: int


def story_page(
    settings: Settings,
    limit: int = 20,
    offset: int = 0,
    sort: str = "newest",
    source: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> StoryListPage:
    """A page of stories, newest or largest first, optionally of one outlet and a time range."""
    if sort not in STORY_SORTS:
        raise InvalidRequestError(f"unknown sort {sort!r}; use one of: {', '.join(STORY_SORTS)}")
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise InvalidRequestError(f"limit must be between 1 and {MAX_PAGE_SIZE}")
    if offset < 0:
        raise InvalidRequestError("offset must not be negative")
    with Store(settings.db) as store:
        rows, total = store.story_rows(limit, offset, sort=sort, source=source, since=since, until=until)
        times = store.story_article_times([row.id for row in rows])
    items = tuple(StoryListItem(row, _activity(times[row.id])) for row in rows)
    return StoryListPage(items, total, limit, offset)


def _activity(times: Sequence[datetime]) -> tuple[int, ...]:
    if not times:
        return ()
    first, last = times[0], times[-1]
    span = (last - first).total_seconds()
    if span <= 0:
        return (len(times),)
    buckets = [0] * ACTIVITY_BUCKETS
    for moment in times:
        buckets[min(ACTIVITY_BUCKETS - 1, int((moment - first).total_seconds() / span * ACTIVITY_BUCKETS))] += 1
    return tuple(buckets)


def story_detail(settings: Settings, story_id: str) -> StoryDetail:
    """One story: its events (oldest first) and articles (in time order)."""
    with Store(settings.db) as store:
        row = store.story(story_id)
        return StoryDetail(
            story=row,
            events=tuple(store.events_of_story(story_id)),
            articles=tuple(sa.article for sa in store.articles_of_story(story_id)),
        )


def get_article(settings: Settings, article_id: str) -> ArticleDetail:
    with Store(settings.db) as store:
        article = store.article(article_id).article
        story = None
        if article.story_id is not None:
            try:
                story = store.story(article.story_id)
            except NotFoundError:  # clustered but the story row not refreshed yet
                story = None
        return ArticleDetail(article, story)


def get_entity(settings: Settings, entity_id: str) -> Entity:
    """Entities arrive with the entity stage; until then every lookup is a clear not-found."""
    raise NotFoundError(
        f"no entity with id {entity_id}: entities are not extracted yet (the entity stage has not landed)"
    )


def list_sources(settings: Settings) -> list[tuple[str, int]]:
    """Every outlet with its number of articles."""
    with Store(settings.db) as store:
        return store.source_counts()


@dataclass(frozen=True, slots=True)
class Health:
    schema_version: int
    articles: int
    stories: int
    search_indexed: int


def health(settings: Settings) -> Health:
    with Store(settings.db) as store:
        return Health(
            store.schema_version(), store.count_articles(), store.count_stories(), store.count_search_indexed()
        )


def update_search_index(settings: Settings) -> int:
    """Index every stored article the search index lacks (all of them after an analysis change)."""
    with Store(settings.db) as store:
        return store.index_pending_search(settings.ingest.batch_size)


def search(settings: Settings, query: str, limit: int = 10, offset: int = 0) -> SearchResults:
    """Articles matching ``query``, best first (BM25 over akhbar's match keys, title counted double,
    boosted for recency), with highlights on the original title and text.

    Every part of the query must match; when no article has them all, articles with any part are
    returned instead (``matched_all`` is then False). Raises ``QueryError`` for an unusable query.
    """
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise InvalidRequestError(f"limit must be between 1 and {MAX_PAGE_SIZE}")
    if not 0 <= offset <= search_engine.CANDIDATES - limit:
        raise InvalidRequestError(f"offset must be between 0 and {search_engine.CANDIDATES - limit}")
    parsed = search_engine.parse_query(query)
    if parsed.empty:
        return SearchResults(parsed, (), 0, True, limit, offset)
    weights = (search_engine.TITLE_WEIGHT, search_engine.BODY_WEIGHT)
    with Store(settings.db) as store:
        if store.search_pending():
            store.index_pending_search(settings.ingest.batch_size)
        matched_all = True
        expression = search_engine.match_expression(parsed)
        candidates = store.search_candidates(expression, search_engine.CANDIDATES, weights)
        if not candidates and len(parsed.parts) > 1:
            matched_all = False
            expression = search_engine.match_expression(parsed, any_part=True)
            candidates = store.search_candidates(expression, search_engine.CANDIDATES, weights)
        total = len(candidates) if len(candidates) < search_engine.CANDIDATES else store.count_search(expression)
        newest = store.search_newest()
        ranked = sorted(
            (
                (score * search_engine.recency_factor(when, newest), article_id)
                for article_id, score, when in candidates
            ),
            key=lambda pair: (-pair[0], pair[1]),
        )
        hits = []
        for score, article_id in ranked[offset : offset + limit]:
            try:
                article = store.article(article_id).article
            except NotFoundError:  # indexed, then removed: skip
                continue
            hits.append(_hit(article, score, parsed))
    return SearchResults(parsed, tuple(hits), total, matched_all, limit, offset)


def _hit(article: Article, score: float, parsed: ParsedQuery) -> SearchHit:
    title_spans = search_engine.highlights(article.title, parsed)
    text_spans = search_engine.highlights(article.text, parsed)
    start, end = search_engine.snippet(article.text, text_spans)
    inside = tuple((s, e) for s, e in text_spans if s < end and e > start)
    return SearchHit(article, score, tuple(title_spans), (start, end), inside)


def ingest_jsonl(settings: Settings, data: bytes, source: str | None = None) -> IngestSummary:
    """Ingest JSON lines given as bytes (the HTTP API's upload): stored, grouped and indexed for search.

    The bytes are written to a temporary ``upload.jsonl`` so they go through exactly the reader,
    stages and rejections of ``ingest``; rejection origins name that file and line.
    """
    with tempfile.TemporaryDirectory(prefix="akhbar-upload-") as folder:
        path = Path(folder) / "upload.jsonl"
        path.write_bytes(data)
        summary = ingest([path], settings, source=source)
    update_search_index(settings)
    return summary
