"""Use cases: the one door for the CLI, the HTTP API and the web UI.

Nothing here knows about typer, FastAPI or Jinja2; progress is reported through the small
``Progress`` protocol so each front end can draw it its own way.
"""

from __future__ import annotations

import gc
import hashlib
import json
import re
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import astuple, dataclass, replace
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from akhbar import search as search_engine
from akhbar.config import CleanConfig, Settings
from akhbar.errors import AkhbarError, NotFoundError
from akhbar.executors import LocalExecutor
from akhbar.lang.ar import match_terms, tokenize
from akhbar.lang.ar import normalize as normalize_text
from akhbar.pipeline import Pipeline, Record, Step
from akhbar.search import ParsedQuery
from akhbar.sources import InputFile, expand_paths, read_file
from akhbar.stages.article import to_article
from akhbar.stages.clean import OutletBoilerplate, clean
from akhbar.stages.cluster import StoryClusterer
from akhbar.stages.dedupe import DuplicateIndex, article_agency
from akhbar.stages.entities import EntityTagger
from akhbar.stages.entities import entities as extract_entities_stage
from akhbar.stages.link import EntityLinker, Usage, lookup_keys, word_key
from akhbar.stages.normalize import normalize
from akhbar.stages.quotes import QuoteGroup, group_quotes, groups_by_id
from akhbar.stages.quotes import quotes as extract_quotes_stage
from akhbar.store.sqlite import EventRow, Store, StoredArticle, StoryRow
from akhbar.types import Article, Assignment, Entity, IngestSummary, Mention, Quote, RawDocument, Rejection

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
        ]
        + ([Step(extract_entities_stage, EntityTagger())] if settings.extract.entities else [])
        + ([Step(extract_quotes_stage)] if settings.extract.quotes else [])
    ).validate()


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Run the cyclic garbage collector less often during bulk work, then as before.

    Ingest and clustering allocate millions of objects that live on (articles, vectors, index
    entries); with the default thresholds the collector walks them again and again: on SaudiNewsNet
    about 1,900 young and 15 full collections, 3 s of the ingest's CPU. With the young generation at
    50,000 allocations it makes 17 collections (0.8 s); the peak memory stays the same."""
    old = gc.get_threshold()
    gc.set_threshold(50_000, 20, 1000)
    try:
        yield
    finally:
        gc.set_threshold(*old)


@_fewer_collections()
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
    # Documents already stored are recognised by id right after the first stage, so a re-run (after
    # a crash, or of the same archive) does not clean and tag again what it will not store.
    head, tail = ingest_pipeline(settings).split_after("article")
    executor = LocalExecutor()
    counts: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    examples: list[Rejection] = []
    with Store(settings.db) as store:
        run_id = store.begin_run("ingest " + " ".join(str(p) for p in paths)[:500])
        known = store.article_ids()
        batch: list[Article] = []
        rejected: list[Rejection] = []

        def flush() -> None:
            if batch or rejected:
                stored = store.add_batch(batch, rejected, run_id)
                if settings.ingest.search_index:
                    store.index_search(batch)  # searchable as soon as stored
                counts["stored"] += stored
                counts["already_present"] += len(batch) - stored
                batch.clear()
                rejected.clear()

        progress.start("reading", sum(f.size for f in files) or None)
        for file in files:
            progress.describe(f"reading {file.path.name}")
            documents = _counted(read_file(file, settings.ingest.max_file_bytes), counts)
            fresh = _skip_known(executor.run(head, documents), known, counts)
            for record in executor.run(tail, fresh):
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


@_fewer_collections()
def cluster(settings: Settings, rebuild: bool = False, progress: Progress | None = None) -> ClusterSummary:
    """Put every article that has no story yet into one, in time order; ``rebuild`` starts over."""
    progress = progress or NoProgress()
    started = time.perf_counter()
    with Store(settings.db) as store:
        if rebuild:
            store.reset_clusters()
        pending_ids = store.unclustered_ids()
        if not pending_ids:
            build_story_views(store, progress=progress)  # a database from before story views had none
            return ClusterSummary(0, 0, store.count_stories(), time.perf_counter() - started)
        clusterer = StoryClusterer(settings.cluster)
        duplicates = DuplicateIndex(settings.dedupe)
        placed: dict[str, tuple[str, str]] = {}  # article id -> (story, event), for copies to follow
        times: dict[str, datetime] = {}
        window = timedelta(days=settings.cluster.window_days)
        first = store.article(pending_ids[0]).time
        # replay what the clusterer needs to reach exactly the state one long run would have had
        for previous in store.clustered_since(clusterer.replay_since(first)):
            article = previous.article
            assert article.story_id is not None and article.event_id is not None
            duplicates.add(article)
            clusterer.observe(article, previous.time, article.story_id, article.event_id)
            placed[article.id] = (article.story_id, article.event_id)
            times[article.id] = previous.time
        progress.start("grouping into stories", len(pending_ids))
        new_stories = 0
        touched: set[str] = set()  # stories that received articles: their quotes are regrouped
        batch: list[Assignment] = []
        copies: list[tuple[str, str | None, float | None, str | None]] = []
        for chunk_start in range(0, len(pending_ids), settings.ingest.batch_size):
            chunk = pending_ids[chunk_start : chunk_start + settings.ingest.batch_size]
            for stored in _load(store, chunk):
                article = stored.article
                own_agency = article_agency(article)  # (once: the duplicate index needs it too)
                copy = duplicates.add_text(article.id, article.norm_text or normalize_text(article.text), own_agency)
                if copy is not None and not _recent(store, times, copy.matched_id, stored.time, window):
                    # only a copy of an article inside the window decides (replays see no further back)
                    copy = None
                target = _story_of(store, placed, copy.matched_id) if copy is not None else None
                if copy is not None and target is not None:
                    # a wire copy belongs where its original is, whatever the scorer would say
                    clusterer.observe(article, stored.time, *target)
                    decision = Assignment(article.id, target[0], target[1], copy.similarity, False, False)
                else:
                    decision = clusterer.assign(article, stored.time)
                placed[article.id] = (decision.story_id, decision.event_id)
                times[article.id] = stored.time
                new_stories += decision.new_story
                batch.append(decision)
                agency = copy.agency if copy is not None else own_agency
                if copy is not None or agency is not None:
                    copies.append(
                        (article.id, copy.original_id if copy else None, copy.similarity if copy else None, agency)
                    )
            touched.update(decision.story_id for decision in batch)
            store.save_assignments(batch, copies)
            progress.advance(len(batch))
            batch.clear()
            copies.clear()
        progress.stop()
        group_story_quotes(store, touched, progress)
        link_entities(settings, progress=progress, rebuild=rebuild)
        return ClusterSummary(len(pending_ids), new_stories, store.count_stories(), time.perf_counter() - started)


def group_story_quotes(store: Store, story_ids: Iterable[str], progress: Progress | None = None) -> int:
    """Group the quotes of each story across its articles (``group_quotes``) and store each quote's
    group id; returns how many quotes got a new one.

    Ids are stable: a regrouped statement keeps the id its earliest quote (in the story's time
    order) already had, and a new statement is named after its earliest quote. So a group id does
    not depend on what a query returns, and does not change when later articles join the story.
    """
    progress = progress or NoProgress()
    ids = sorted(set(story_ids))
    progress.start("grouping quotes", len(ids))
    changed = 0
    pending: list[tuple[str, Quote]] = []
    for story_id in ids:
        found = store.quotes_of_story(story_id)
        speaking = list(dict.fromkeys(quote.article_id for quote in found))
        if len(speaking) > 1:
            texts = store.article_texts(speaking)
            groups = [
                [version.quote for version in group.versions]
                for group in group_quotes((quote, texts[quote.article_id]) for quote in found)
            ]
        else:  # quotes of one article: each is its own statement
            groups = [[quote] for quote in found]
        pending.extend(_stable_group_ids(found, groups))
        progress.advance(1)
        if len(pending) >= 5000:
            store.save_quote_groups(pending)
            changed += len(pending)
            pending.clear()
    store.save_quote_groups(pending)
    progress.stop()
    return changed + len(pending)


def quote_group_id(quote: Quote, salt: int = 0) -> str:
    """The id a statement first carried by ``quote`` is known by."""
    key = f"{quote.article_id}:{quote.start}:{quote.end}:{quote.kind}" + (f":{salt}" if salt else "")
    return "q" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _stable_group_ids(found: Sequence[Quote], groups: Sequence[Sequence[Quote]]) -> list[tuple[str, Quote]]:
    """``(group id, quote)`` for each quote whose stored id must change (``found`` is in time order)."""
    order = {(q.article_id, q.start, q.end, q.kind): index for index, q in enumerate(found)}

    def position(quote: Quote) -> int:
        return order[(quote.article_id, quote.start, quote.end, quote.kind)]

    used: set[str] = set()
    out: list[tuple[str, Quote]] = []
    for members in sorted((sorted(group, key=position) for group in groups), key=lambda m: position(m[0])):
        group_id = next((q.group_id for q in members if q.group_id and q.group_id not in used), None)
        salt = 0
        while group_id is None or group_id in used:  # a new statement, or an old id another group kept
            group_id = quote_group_id(members[0], salt)
            salt += 1
        used.add(group_id)
        out.extend((group_id, quote) for quote in members if quote.group_id != group_id)
    return out


def _recent(store: Store, times: dict[str, datetime], article_id: str, now: datetime, window: timedelta) -> bool:
    when = times.get(article_id)
    if when is None:
        when = store.article(article_id).time
    return now - when <= window


def _story_of(store: Store, placed: dict[str, tuple[str, str]], article_id: str) -> tuple[str, str] | None:
    """The (story, event) an article was put in: this run's decisions first, then the store's."""
    if article_id in placed:
        return placed[article_id]
    article = store.article(article_id).article
    if article.story_id is None or article.event_id is None:
        return None
    return article.story_id, article.event_id


def _skip_known(records: Iterable[Article | Rejection], known: set[str], counts: Counter[str]) -> Iterator[Record]:
    """Pass on rejections and articles not stored yet; count the others as already present."""
    for record in records:
        if isinstance(record, Article) and record.id in known:
            counts["already_present"] += 1
        else:
            yield record


def _counted(records: Iterable[Record], counts: Counter[str]) -> Iterator[Record]:
    """Count the documents read (a document the cleaner splits in two still counts once)."""
    for record in records:
        counts["read"] += 1
        yield record


def _load(store: Store, ids: Sequence[str]) -> list[StoredArticle]:
    found = {stored.article.id: stored for stored in store.articles_by_id(ids)}
    return [found[article_id] for article_id in ids]


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
class QuoteWording:
    """One article's wording of a quote group, with the outlet that carried it.

    ``differences`` are (start, end) offsets into ``text`` (the wording itself, not the article):
    in the reference wording (``QuoteGroupView.versions[0]``) the words some other wording lacks,
    in every other wording the words the reference lacks. ``added``/``missing`` are the content
    terms (match keys, not display text) this wording has beyond the reference / lacks from it.
    """

    quote: Quote
    source: str
    title: str
    published: datetime | None
    text: str  # article.text[quote.start:quote.end]
    exact: bool
    added: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    differences: tuple[tuple[int, int], ...] = ()
    #: the reference's words this wording lacks, as the reference writes them (display text of ``missing``)
    missing_words: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class QuoteGroupView:
    """The same statement as carried by one or more articles of a story; ``versions[0]`` is the
    reference wording the others are compared with."""

    id: str
    speaker: str | None
    channel: str | None
    versions: tuple[QuoteWording, ...]

    @property
    def reworded(self) -> bool:
        return any(not version.exact for version in self.versions)

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(sorted({version.source for version in self.versions}))

    @property
    def shared(self) -> bool:
        """Carried by more than one outlet (a page shows these first, with every wording)."""
        return len({version.source for version in self.versions}) > 1


@dataclass(frozen=True, slots=True)
class StoryDetail:
    """One story with everything a reader sees about it.

    ``quotes`` are grouped across outlets (the same statement carried by several articles is one
    group), groups carried by more outlets first. ``entities`` are the entities named in the
    story, most mentioned first, with ``entity_mentions`` (same order) their mentions in it;
    ``entities_extracted`` is False while no mention in the database has been linked yet: a front
    end must then say "not yet extracted", not "none".
    """

    story: StoryRow
    events: tuple[EventRow, ...]
    articles: tuple[Article, ...]
    entities: tuple[Entity, ...] = ()
    quotes: tuple[QuoteGroupView, ...] = ()
    entities_extracted: bool = False
    quotes_extracted: bool = False
    entity_mentions: tuple[int, ...] = ()
    #: how many quote groups the story has that several outlets carry / that one carries (``quotes``
    #: may hold only the first of each when ``story_detail`` was given limits)
    shared_groups: int = 0
    single_groups: int = 0


@dataclass(frozen=True, slots=True)
class ArticleDetail:
    article: Article
    story: StoryRow | None
    quotes: tuple[Quote, ...] = ()  # in text order; offsets into article.text
    mentions: tuple[Mention, ...] = ()  # in text order; offsets into article.text
    entities: tuple[Entity, ...] = ()  # the entities its mentions are linked to


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
    entity: str | None = None,
) -> StoryListPage:
    """A page of stories, newest or largest first, optionally of one outlet, one entity (by id or
    name, as ``get_entity`` finds it) and a time range."""
    entity_id = get_entity(settings, entity).entity.id if entity is not None else None
    if sort not in STORY_SORTS:
        raise InvalidRequestError(f"unknown sort {sort!r}; use one of: {', '.join(STORY_SORTS)}")
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise InvalidRequestError(f"limit must be between 1 and {MAX_PAGE_SIZE}")
    if offset < 0:
        raise InvalidRequestError("offset must not be negative")
    with Store(settings.db) as store:
        rows, total = store.story_rows(
            limit, offset, sort=sort, source=source, since=since, until=until, entity_id=entity_id
        )
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


def story_detail(
    settings: Settings, story_id: str, shared_limit: int | None = None, single_limit: int | None = None
) -> StoryDetail:
    """One story: its events (oldest first) and articles (in time order, without raw text and
    removed lines: ``get_article`` has those), its entities and its quotes grouped across outlets.

    ``quotes`` holds every group, or with ``shared_limit``/``single_limit`` only the first so many of
    the groups carried by several outlets / by one (``shared_groups``/``single_groups`` count all).
    The groups and entity counts come from the story's stored view (``build_story_views``) when it
    has one, else they are worked out here: the same result either way."""
    with Store(settings.db) as store:
        row = store.story(story_id)
        events = tuple(store.events_of_story(story_id))
        articles = tuple(store.story_articles_brief(story_id))
        by_id = {a.id: a for a in articles}
        view = _stored_story_view(store, story_id, by_id, shared_limit, single_limit)
        if view is None:
            groups, counts = _story_view(store, story_id, by_id)
            shared = [group for group in groups if group.shared]
            single = [group for group in groups if not group.shared]
            view = (
                (*shared[:shared_limit], *single[:single_limit]),
                counts,
                len(shared),
                len(single),
            )
        quotes, counts, shared_total, single_total = view
        entities = store.entities_by_id([entity_id for entity_id, _ in counts])
        named = sorted(
            ((entities[entity_id], n) for entity_id, n in counts if entity_id in entities),
            key=lambda pair: (-pair[1], pair[0].name, pair[0].id),
        )
        extracted = bool(named) or store.has_entities()
    return StoryDetail(
        story=row,
        events=events,
        articles=articles,
        entities=tuple(entity for entity, _ in named),
        entity_mentions=tuple(count for _, count in named),
        quotes=quotes,
        entities_extracted=extracted,
        quotes_extracted=True,
        shared_groups=shared_total,
        single_groups=single_total,
    )


# -- story views --
# What a story page needs that is costly to work out (quotes grouped across outlets with each
# wording's differences; entity mention counts) is computed once when the story changes and stored
# as JSON (tables story_views and story_view_quotes; triggers there delete a view whenever what it
# was built from changes). Article fields (outlet, title, time) and entity rows are not copied into
# it: they are read fresh.

_VIEW_FORMAT = 1


def _story_view(
    store: Store, story_id: str, articles: dict[str, Article]
) -> tuple[tuple[QuoteGroupView, ...], list[tuple[str, int]]]:
    """A story's quote groups (page order) and (entity id, mentions) counts, worked out from the store."""
    return quote_groups(store.quotes_of_story(story_id), articles), store.entity_counts_of_story(story_id)


def build_story_views(store: Store, progress: Progress | None = None, batch: int = 50) -> int:
    """Work out and store the view of each story that has none (every write that changes a story
    deletes its view: see migrations/005_story_views.sql); returns how many were stored. Each batch
    is read and written in one transaction, so no view is stored from data another writer changed
    meanwhile."""
    progress = progress or NoProgress()
    ids = store.stories_without_view()
    if not ids:
        return 0
    progress.start("preparing story pages", len(ids))
    for chunk_start in range(0, len(ids), batch):
        chunk = ids[chunk_start : chunk_start + batch]
        with store.transaction():
            for story_id in chunk:
                groups, counts = _story_view(store, story_id, {a.id: a for a in store.story_articles_brief(story_id)})
                shared = sum(1 for group in groups if group.shared)
                header = {"format": _VIEW_FORMAT, "entities": counts, "shared": shared, "single": len(groups) - shared}
                store.save_story_view(
                    story_id,
                    json.dumps(header, ensure_ascii=False),
                    [(group.shared, _encode_group(group)) for group in groups],
                )
        progress.advance(len(chunk))
    progress.stop()
    return len(ids)


def _encode_group(group: QuoteGroupView) -> str:
    versions = [
        [
            list(astuple(w.quote)),
            w.text,
            w.exact,
            list(w.added),
            list(w.missing),
            [list(span) for span in w.differences],
            list(w.missing_words),
        ]
        for w in group.versions
    ]
    return json.dumps([group.id, group.speaker, group.channel, versions], ensure_ascii=False)


def _stored_story_view(
    store: Store,
    story_id: str,
    articles: dict[str, Article],
    shared_limit: int | None,
    single_limit: int | None,
) -> tuple[tuple[QuoteGroupView, ...], list[tuple[str, int]], int, int] | None:
    """(quote groups, entity counts, shared groups, single groups) from the stored view; None when
    there is none, it is of another format, or it names an article the story no longer has."""
    payload = store.story_view(story_id)
    if payload is None:
        return None
    header = json.loads(payload)
    if header.get("format") != _VIEW_FORMAT:
        return None
    if shared_limit is None and single_limit is None:
        rows = store.story_view_quotes(story_id)
    else:
        rows = store.story_view_quotes(story_id, shared=True, limit=shared_limit)
        rows += store.story_view_quotes(story_id, shared=False, limit=single_limit)
    groups = []
    for row in rows:
        group = _decode_group(row, articles)
        if group is None:
            return None
        groups.append(group)
    counts = [(str(entity_id), int(n)) for entity_id, n in header["entities"]]
    return tuple(groups), counts, int(header["shared"]), int(header["single"])


def _decode_group(payload: str, articles: dict[str, Article]) -> QuoteGroupView | None:
    group_id, speaker, channel, versions = json.loads(payload)
    wordings = []
    for fields, text, exact, added, missing, differences, missing_words in versions:
        quote = Quote(*fields)
        article = articles.get(quote.article_id)
        if article is None:
            return None
        wordings.append(
            QuoteWording(
                quote,
                article.source,
                article.title,
                article.published,
                text,
                exact,
                tuple(added),
                tuple(missing),
                tuple((start, end) for start, end in differences),
                tuple(missing_words),
            )
        )
    return QuoteGroupView(group_id, speaker, channel, tuple(wordings))


def get_article(settings: Settings, article_id: str) -> ArticleDetail:
    with Store(settings.db) as store:
        article = store.full_article(article_id).article
        story = None
        if article.story_id is not None:
            try:
                story = store.story(article.story_id)
            except NotFoundError:  # clustered but the story row not refreshed yet
                story = None
        entities: list[Entity] = []
        for entity_id in dict.fromkeys(m.entity_id for m in article.mentions if m.entity_id is not None):
            try:
                entities.append(store.entity(entity_id))
            except NotFoundError:  # linked, then the entities were rebuilt: shown unlinked
                continue
        return ArticleDetail(article, story, article.quotes, article.mentions, tuple(entities))


# -- quotes read side --
# Quotes are extracted at ingest (``akhbar.stages.quotes``) and stored per article. After clustering,
# ``group_story_quotes`` groups each story's quotes across outlets and stores a stable group id per
# quote; ``link_entities`` stores each speaker's entity. The read side returns the stored ids (the
# story page regroups its quotes only to show how the wordings differ).

MAX_QUOTES = 1000


@dataclass(frozen=True, slots=True)
class QuoteView:
    """One stored quote with its article's outlet and title, and its wording."""

    quote: Quote
    source: str
    title: str
    published: datetime | None
    text: str  # article.text[quote.start:quote.end]
    group_id: str  # the same statement in other articles of the result shares it


def quote_groups(found: Iterable[Quote], articles: dict[str, Article]) -> tuple[QuoteGroupView, ...]:
    """``found`` grouped across articles (``group_quotes``), each wording with its outlet and its
    differences from the group's reference; groups carried by more outlets first, then in the order
    their first quote appears (articles in the order of ``articles``, then by offset)."""
    order = {article_id: index for index, article_id in enumerate(articles)}
    pairs = [(quote, articles[quote.article_id].text) for quote in found if quote.article_id in articles]
    groups = groups_by_id(pairs)  # stored after clustering; grouping again only when missing
    views = [_group_view(group, articles) for group in (groups if groups is not None else group_quotes(pairs))]

    def first(view: QuoteGroupView) -> tuple[int, int]:
        return min((order[v.quote.article_id], v.quote.start) for v in view.versions)

    views.sort(key=lambda view: (-len(view.sources), -len(view.versions), first(view)))
    return tuple(views)


def _group_view(group: QuoteGroup, articles: dict[str, Article]) -> QuoteGroupView:
    lacking: set[str] = set()  # reference terms some other wording lacks
    for version in group.versions[1:]:
        lacking.update(version.missing)
    reference_text = group.versions[0].text
    wordings = []
    for index, version in enumerate(group.versions):
        article = articles[version.quote.article_id]
        marked = lacking if index == 0 else set(version.added)
        missing_words: list[str] = []
        if index and version.missing:
            for start, end in term_spans(reference_text, set(version.missing)):
                if reference_text[start:end] not in missing_words:
                    missing_words.append(reference_text[start:end])
        wordings.append(
            QuoteWording(
                quote=version.quote,
                source=article.source,
                title=article.title,
                published=article.published,
                text=version.text,
                exact=version.exact,
                added=version.added,
                missing=version.missing,
                differences=term_spans(version.text, marked) if marked else (),
                missing_words=tuple(missing_words),
            )
        )
    stored = Counter(version.quote.group_id for version in group.versions if version.quote.group_id)
    group_id = stored.most_common(1)[0][0] if stored else group.id  # the id the store gave it
    return QuoteGroupView(group_id, group.speaker, group.channel, tuple(wordings))


@lru_cache(maxsize=65536)
def _word_terms(word: str) -> tuple[str, ...]:
    return tuple(match_terms(word))


def term_spans(text: str, terms: set[str] | frozenset[str]) -> tuple[tuple[int, int], ...]:
    """Spans of the words of ``text`` whose content term (``match_terms``) is in ``terms``; neighbours
    with only spaces between them are one span."""
    tokens = tokenize(text)
    spans: list[tuple[int, int]] = []
    for index, token in enumerate(tokens):
        key = _word_terms(token.surface)
        if key and key[0] in terms:
            spans.append((token.start, token.end))
        elif key == ("عبد",) and index + 1 < len(tokens):  # a name the terms join: عبد الله → عبدالله
            pair = match_terms(text[token.start : tokens[index + 1].end])
            if len(pair) == 1 and pair[0] in terms:
                spans.append((token.start, tokens[index + 1].end))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and not text[merged[-1][1] : start].strip():
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


_NOT_WORD = re.compile(r"[^\w\s]")


def speaker_key(name: str) -> str:
    """A speaker's name for matching: akhbar-normalized (diacritics, hamza, alef, ta marbuta …),
    punctuation and quotation marks dropped, spaces collapsed."""
    return " ".join(_NOT_WORD.sub(" ", normalize_text(name)).split())


def speaker_matches(stored: str, wanted_key: str) -> bool:
    """Whether a stored speaker matches a query already made a ``speaker_key``: the query inside the
    speaker (any substring: "الكاظمي" in "رئيس الوزراء العراقي مصطفى الكاظمي"), or the speaker's whole
    words inside the query ("الكاظمي" for "مصطفى الكاظمي"; a one-letter speaker "م" does not match
    every query holding that letter)."""
    key = speaker_key(stored)
    if not key or not wanted_key:
        return False
    return wanted_key in key or f" {key} " in f" {wanted_key} "


def list_quotes(
    settings: Settings, story_id: str | None = None, speaker: str | None = None, limit: int = 50
) -> tuple[QuoteView, ...]:
    """Stored quotes, newest article first (then in text order): of one story, of one speaker, or both.

    ``speaker`` matches after akhbar's normalization, as a substring either way: "الكاظمي" finds
    "رئيس الوزراء العراقي مصطفى الكاظمي", and "مصطفى الكاظمي" finds a quote attributed to
    "الكاظمي". Quotes of the result that carry the same statement share a ``group_id``.
    Raises ``NotFoundError`` for an unknown story, ``InvalidRequestError`` for a bad argument.
    """
    if not 1 <= limit <= MAX_QUOTES:
        raise InvalidRequestError(f"limit must be between 1 and {MAX_QUOTES}")
    wanted = None
    if speaker is not None:
        wanted = speaker_key(speaker)
        if not wanted:
            raise InvalidRequestError("speaker must contain a letter or digit")
    with Store(settings.db) as store:
        if story_id is not None:
            store.story(story_id)  # an unknown story is a clear not-found, not an empty list
        if wanted is not None:
            name = wanted

            @lru_cache(maxsize=4096)
            def matches(stored: str) -> bool:
                return speaker_matches(stored, name)

            found = store.quotes_by_speaker(matches, story_id=story_id, limit=limit)
        else:
            found = store.latest_quotes(story_id=story_id, limit=limit)
        articles: dict[str, Article] = {}
        for quote in found:
            if quote.article_id not in articles:
                articles[quote.article_id] = store.article(quote.article_id).article
    group_of = {
        (version.quote.article_id, version.quote.start, version.quote.end, version.quote.kind): group.id
        for group in group_quotes((quote, articles[quote.article_id].text) for quote in found)
        for version in group.versions
    }
    return tuple(
        QuoteView(
            quote=quote,
            source=articles[quote.article_id].source,
            title=articles[quote.article_id].title,
            published=articles[quote.article_id].published,
            text=articles[quote.article_id].text[quote.start : quote.end],
            group_id=quote.group_id or group_of[(quote.article_id, quote.start, quote.end, quote.kind)],
        )
        for quote in found
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


# -- entities --
# The tagger's mentions are stored with their articles at ingest; ``link_entities`` links those not
# linked yet (``akhbar.stages.link``), in time order with each article's story known, exactly as a
# linker running beside the clusterer would have. The read side serves the CLI, API and web.

MAX_ENTITIES = 500


@dataclass(frozen=True, slots=True)
class LinkSummary:
    articles: int  # articles whose mentions were linked in this run
    mentions: int
    entities: int  # entities in the database afterwards
    seconds: float


@dataclass(frozen=True, slots=True)
class EntityCount:
    """An entity with how often it is mentioned (in one story, or everywhere)."""

    entity: Entity
    mentions: int


@dataclass(frozen=True, slots=True)
class EntityStory:
    """One story an entity is named in: how often, and when (its naming articles' times)."""

    story: StoryRow
    mentions: int
    first: datetime | None
    last: datetime | None


@dataclass(frozen=True, slots=True)
class EntityView:
    """An entity with its variants and roles, its mentions, and the stories it appears in, oldest
    first. ``others`` are further entities a name lookup matched (most mentioned first)."""

    entity: Entity
    mentions: int
    stories: tuple[EntityStory, ...]
    others: tuple[EntityCount, ...] = ()


def _lookup_names(entities: Iterable[Entity]) -> list[tuple[str, str]]:
    return [
        (key, entity.id)
        for entity in entities
        for surface in dict.fromkeys((entity.name, *entity.variants))
        for key in lookup_keys(surface, entity.kind)
    ]


def link_entities(settings: Settings, progress: Progress | None = None, rebuild: bool = False) -> LinkSummary:
    """Link every stored mention that has no entity yet, article by article in time order, each
    with its story's earlier names as context; one transaction per batch. ``rebuild`` forgets all
    entities and links every mention again. Articles not in a story yet wait for the clusterer."""
    progress = progress or NoProgress()
    started = time.perf_counter()
    with Store(settings.db) as store:
        if rebuild:
            store.reset_links()
        pending = store.unlinked_article_ids()
        if not pending:
            build_story_views(store, progress=progress)
            return LinkSummary(0, 0, store.count_entities(), time.perf_counter() - started)
        usages = [Usage(entity_id, surface, kind, count) for entity_id, surface, kind, count in store.entity_usages()]  # type: ignore[arg-type]
        linker = EntityLinker(store.all_entities(), usages)
        remembered: set[str] = set()
        linked_mentions = 0
        progress.start("linking entities", len(pending))
        for chunk_start in range(0, len(pending), settings.ingest.batch_size):
            chunk = pending[chunk_start : chunk_start + settings.ingest.batch_size]
            mentions_of = store.mentions_of_articles(chunk)
            quotes_of = store.quotes_of_articles(chunk)
            batch: list[Mention] = []
            speakers: list[tuple[str | None, Quote]] = []
            touched: dict[str, Entity] = {}
            for stored in _load(store, chunk):
                article = stored.article
                story_id = article.story_id
                if story_id is not None and story_id not in remembered:
                    remembered.add(story_id)  # an earlier run's people in this story, as context
                    linker.remember(story_id, store.linked_mentions_of_story(story_id, "PERS"))
                waiting = [m for m in mentions_of[article.id] if m.entity_id is None]
                linked, entities = linker.link(story_id, article, waiting)
                batch.extend(linked)
                touched.update((entity.id, entity) for entity in entities)
                known = [m for m in mentions_of[article.id] if m.entity_id is not None] + list(linked)
                for quote in quotes_of[article.id]:
                    found = speaker_entity(quote, known)
                    if found != quote.speaker_entity_id:
                        speakers.append((found, quote))
            store.save_links(batch, list(touched.values()), _lookup_names(touched.values()))
            store.save_quote_speakers(speakers)
            linked_mentions += len(batch)
            progress.advance(len(chunk))
        progress.stop()
        # last, once quotes are grouped and speakers linked: every story whose view a write deleted
        build_story_views(store, progress=progress)
        return LinkSummary(len(pending), linked_mentions, store.count_entities(), time.perf_counter() - started)


#: Kinds of entity a speaker may be, most wanted first (a person before the ministry he speaks for).
_SPEAKER_KINDS = {"PERS": 3, "ORG": 2, "LOC": 1, "MISC": 0}


def speaker_entity(quote: Quote, mentions: Iterable[Mention]) -> str | None:
    """The canonical entity of a quote's speaker: the linked mention of the same article whose name
    is written inside the speaker phrase ("المتحدث باسم الخارجية الأميركية نيد برايس" -> نيد برايس),
    or, for a person, the fuller name the speaker shortens ("الكاظمي" -> مصطفى الكاظمي). A person
    before an organisation, then the longer name, then the mention nearest before the quote."""
    if not quote.speaker:
        return None
    said = [key for key in map(word_key, quote.speaker.split()) if key]
    best: tuple[tuple[int, int, int, int], str] | None = None
    for mention in mentions:
        if mention.entity_id is None:
            continue
        name = [key for key in map(word_key, mention.surface.split()) if key]
        if not name or not said:
            continue
        inside = _runs_inside(name, said)
        shortened = mention.kind == "PERS" and name[-1] == said[-1] and _runs_inside(said, name)
        if not (inside or shortened):
            continue
        before = mention.start <= quote.start
        rank = (
            _SPEAKER_KINDS.get(mention.kind, 0),
            len(name),
            before,
            -abs(quote.start - mention.start),
        )
        if best is None or rank > best[0]:
            best = (rank, mention.entity_id)
    return best[1] if best else None


def _runs_inside(part: Sequence[str], whole: Sequence[str]) -> bool:
    """Whether ``part`` is a run of consecutive words of ``whole``."""
    size = len(part)
    return any(list(whole[i : i + size]) == list(part) for i in range(len(whole) - size + 1))


def list_entities(
    settings: Settings, story_id: str | None = None, limit: int = 50, query: str | None = None
) -> tuple[EntityCount, ...]:
    """Entities, most mentioned first: of one story (counting its mentions there), whose name
    contains ``query`` (after normalization: الكاظمى finds الكاظمي), or everywhere.
    Raises ``NotFoundError`` for an unknown story, ``InvalidRequestError`` for a bad argument."""
    if not 1 <= limit <= MAX_ENTITIES:
        raise InvalidRequestError(f"limit must be between 1 and {MAX_ENTITIES}")
    fragment = None
    if query is not None:
        if not any(character.isalnum() for character in query):
            raise InvalidRequestError("the name must contain a letter or digit")
        fragment = lookup_keys(query, "MISC")[0]
    with Store(settings.db) as store:
        if story_id is not None:
            store.story(story_id)  # an unknown story is a clear not-found, not an empty list
            found = store.entities_of_story(story_id)
            if fragment is not None:
                matching = {entity.id for entity, _ in store.entities_matching(fragment, MAX_ENTITIES * 20)}
                found = [(entity, count) for entity, count in found if entity.id in matching]
            found = found[:limit]
        elif fragment is not None:
            found = store.entities_matching(fragment, limit)
        else:
            found = store.top_entities(limit)
    return tuple(EntityCount(entity, count) for entity, count in found)


def get_entity(settings: Settings, id_or_name: str) -> EntityView:
    """An entity by id, or by name (normalized, over its name and every variant: "الكاظمى",
    "بايدن" and "الرئيس جو بايدن" all work); several entities of that name: the most mentioned, the
    rest in ``others``. Raises ``NotFoundError`` with the reason when there is none."""
    wanted = id_or_name.strip()
    with Store(settings.db) as store:
        others: list[tuple[Entity, int]] = []
        try:
            entity = store.entity(wanted)
            mentions = store.mention_count(entity.id)
        except NotFoundError:
            matches: list[tuple[Entity, int]] = []
            keys = list(lookup_keys(wanted, "PERS")) if wanted else []
            words = keys[-1].split() if keys else []
            # "الرئيس الأمريكي جو بايدن": the name after the role words (two words at least)
            keys += [" ".join(words[start:]) for start in range(1, len(words) - 1)]
            for key in keys:
                matches.extend(m for m in store.entities_named(key) if m[0].id not in {e.id for e, _ in matches})
                if matches:
                    break
            if not matches and len(words) == 1:
                # a surname alone ("بايدن"): the people whose name ends with it
                matches = [
                    (entity, count)
                    for entity, count in store.entities_matching(words[0], MAX_ENTITIES)
                    if entity.kind == "PERS" and lookup_keys(entity.name, "PERS")[-1].split()[-1] == words[0]
                ]
            if not matches:
                if not store.has_entities():
                    raise NotFoundError(
                        f"no entity {wanted!r}: no entities in this database yet (mentions are linked after clustering)"
                    ) from None
                raise NotFoundError(f"no entity with id or name {wanted!r}") from None
            matches.sort(key=lambda pair: (-pair[1], pair[0].name, pair[0].id))
            (entity, mentions), others = matches[0], matches[1:]
        stories = tuple(EntityStory(*row) for row in store.entity_stories(entity.id))
    return EntityView(entity, mentions, stories, tuple(EntityCount(e, n) for e, n in others))
