"""Use cases: the one door for the CLI, the HTTP API and the web UI.

Nothing here knows about typer, FastAPI or Jinja2; progress is reported through the small
``Progress`` protocol so each front end can draw it its own way.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import Protocol

from akhbar.config import CleanConfig, Settings
from akhbar.executors import LocalExecutor
from akhbar.pipeline import Pipeline, Record, Step
from akhbar.sources import InputFile, expand_paths, read_file
from akhbar.stages.article import to_article
from akhbar.stages.clean import OutletBoilerplate, clean
from akhbar.stages.cluster import StoryClusterer
from akhbar.stages.normalize import normalize
from akhbar.store.sqlite import Store, StoredArticle, StoryRow
from akhbar.types import Article, Assignment, IngestSummary, RawDocument, Rejection

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
        first = store.article(pending_ids[0]).time
        horizon = first - timedelta(days=settings.cluster.window_days)
        for previous in store.clustered_since(horizon):
            article = previous.article
            assert article.story_id is not None and article.event_id is not None
            clusterer.observe(article, previous.time, article.story_id, article.event_id)
        progress.start("grouping into stories", len(pending_ids))
        new_stories = 0
        batch: list[Assignment] = []
        for chunk_start in range(0, len(pending_ids), settings.ingest.batch_size):
            chunk = pending_ids[chunk_start : chunk_start + settings.ingest.batch_size]
            for stored in _load(store, chunk):
                decision = clusterer.assign(stored.article, stored.time)
                new_stories += decision.new_story
                batch.append(decision)
            store.save_assignments(batch)
            progress.advance(len(batch))
            batch.clear()
        progress.stop()
        return ClusterSummary(len(pending_ids), new_stories, store.count_stories(), time.perf_counter() - started)


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
