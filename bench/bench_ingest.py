"""Ingest benchmark: read + clean + normalize + store, then story grouping, over SaudiNewsNet.

Usage: python bench/bench_ingest.py [PATH ...]   (default: ../shared/data/saudinewsnet/dataset/*.zip)
Prints articles/s for each phase and the peak resident memory of this process.

       python bench/bench_ingest.py --throughput [--no-split] [--dump FILE] [PATH ...]
Issue #4's throughput path: ingest + clean + normalize + dedupe + cluster in one ``service.ingest``
call into a fresh database, with entity and quote extraction and the search index switched off by
settings. Prints articles/s of wall-clock and of CPU time (user + sys of this process), the peak
resident memory, the load average, and the CPU time of each stage (exclusive: a stage's own time,
not that of the stages it pulls from). ``--no-split`` leaves the stage timers out (they cost about
a second); ``--dump`` writes every article's story, event, duplicate link and agency as TSV, to
compare two versions' decisions with ``cmp``.
"""

from __future__ import annotations

import argparse
import functools
import inspect
import os
import resource
import sqlite3
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from akhbar import pipeline, service
from akhbar.config import load_settings
from akhbar.stages.cluster import StoryClusterer
from akhbar.stages.dedupe import DuplicateIndex
from akhbar.store import Store

REPO = Path(__file__).resolve().parents[1]
TARGET = 500  # articles/s, issue #4
MEMORY_TARGET_MB = 2048


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Split:
    """Exclusive CPU time per named part: time spent inside a wrapped call or ``next()``, minus the
    time of wrapped calls nested in it (a pipeline stage pulling from the stage before it)."""

    def __init__(self) -> None:
        self.seconds: defaultdict[str, float] = defaultdict(float)
        self.calls: Counter[str] = Counter()
        self._stack: list[list[Any]] = []  # [name, time of nested parts, start]

    def _enter(self, name: str) -> None:
        self._stack.append([name, 0.0, time.process_time()])

    def _leave(self) -> None:
        name, nested, start = self._stack.pop()
        elapsed = time.process_time() - start
        self.seconds[name] += elapsed - nested
        self.calls[name] += 1
        if self._stack:
            self._stack[-1][1] += elapsed

    def iterate(self, name: str, items: Iterable[Any]) -> Iterator[Any]:
        iterator = iter(items)
        while True:
            self._enter(name)
            try:
                item = next(iterator)
            except StopIteration:
                return
            finally:
                self._leave()
            yield item

    def wrap(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        if inspect.isgeneratorfunction(function):

            @functools.wraps(function)
            def generator(*args: Any, **kwargs: Any) -> Iterator[Any]:
                return self.iterate(name, function(*args, **kwargs))

            return generator

        @functools.wraps(function)
        def call(*args: Any, **kwargs: Any) -> Any:
            self._enter(name)
            try:
                return function(*args, **kwargs)
            finally:
                self._leave()

        return call

    def install(self) -> None:
        """Time the issue's path: reading, each pipeline stage, storing, loading, dedupe, clustering."""
        passes = pipeline._pass_rejections

        def staged(step: pipeline.Step, records: Iterable[Any]) -> Iterator[Any]:
            return self.iterate(step.stage.name, passes(step, records))

        pipeline._pass_rejections = staged  # type: ignore[assignment]
        service.read_file = self.wrap("read input", service.read_file)  # type: ignore[assignment]
        service.learn_outlet_boilerplate = self.wrap("learn outlet lines", service.learn_outlet_boilerplate)  # type: ignore[assignment]
        service.link_entities = self.wrap("link entities", service.link_entities)  # type: ignore[assignment]
        if hasattr(service, "group_story_quotes"):
            service.group_story_quotes = self.wrap("group quotes", service.group_story_quotes)  # type: ignore[assignment]
        if hasattr(service, "article_agency"):
            service.article_agency = self.wrap("dedupe", service.article_agency)  # type: ignore[assignment]
        for owner, names, part in (
            (Store, ("add_batch", "index_search"), "store articles"),
            (Store, ("unclustered", "articles_by_id", "article", "clustered_since"), "load for clustering"),
            (Store, ("save_assignments",), "store decisions"),
            (DuplicateIndex, ("add", "add_text"), "dedupe"),
            (StoryClusterer, ("assign", "observe"), "cluster"),
        ):
            for name in names:
                if hasattr(owner, name):
                    setattr(owner, name, self.wrap(part, getattr(owner, name)))

    def report(self, total: float) -> None:
        print("stage split (CPU s, exclusive)")
        for name, seconds in sorted(self.seconds.items(), key=lambda kv: -kv[1]):
            print(f"  {name:<20} {seconds:7.1f} s  {seconds / total:6.1%}")
        other = total - sum(self.seconds.values())
        print(f"  {'other':<20} {other:7.1f} s  {other / total:6.1%}")


def dump(db: Path, out: Path) -> None:
    """Every article's decisions, by id: story, event, score, duplicate link and agency."""
    connection = sqlite3.connect(db)
    rows = connection.execute(
        "SELECT id, story_id, event_id, score, duplicate_of, duplicate_similarity, agency FROM articles ORDER BY id"
    )
    with out.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write("\t".join("" if value is None else str(value) for value in row) + "\n")
    connection.close()


def throughput(paths: list[str], split: bool, dump_to: Path | None) -> None:
    timer = Split()
    if split:
        timer.install()
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        settings = load_settings(db=db, extract={"entities": False, "quotes": False}, ingest={"search_index": False})
        started, cpu_started = time.perf_counter(), _cpu()
        summary = service.ingest(paths, settings)
        seconds, cpu = time.perf_counter() - started, _cpu() - cpu_started
        with Store(db) as store:
            stories = store.count_stories()
        if dump_to is not None:
            dump(db, dump_to)
    after = os.getloadavg()
    peak = _peak_mb()
    print("path                ingest + clean + normalize + dedupe + cluster (no entities, quotes, search index)")
    print(f"input               {len(paths)} files; read {summary.read:,}; rejected {summary.rejected:,}")
    print(f"stored              {summary.stored:,} articles; clustered {summary.clustered:,}; stories {stories:,}")
    rate, cpu_rate = summary.read / seconds, summary.read / cpu
    print(f"wall                {seconds:.1f} s = {rate:,.0f} articles/s (of the {summary.read:,} read)")
    print(f"CPU (user + sys)    {cpu:.1f} s = {cpu_rate:,.0f} articles/s")
    print(f"peak memory (RSS)   {peak:,.0f} MB")
    print(f"load average        {load[0]:.2f} before, {after[0]:.2f} after (1 min; 2 cores shared)")
    verdict = {True: "met", False: "not met"}
    print(
        f"target              ≥ {TARGET} articles/s: {verdict[rate >= TARGET]} (wall), "
        f"{verdict[cpu_rate >= TARGET]} (CPU); "
        f"≤ {MEMORY_TARGET_MB:,} MB: {verdict[peak <= MEMORY_TARGET_MB]}"
    )
    if split:
        timer.report(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--throughput", action="store_true", help="issue #4's path, timed stage by stage")
    parser.add_argument("--no-split", action="store_true", help="with --throughput: no stage timers")
    parser.add_argument("--dump", type=Path, help="with --throughput: write the decisions as TSV here")
    args = parser.parse_args()
    paths = args.paths or [str(p) for p in sorted((REPO.parent / "shared/data/saudinewsnet/dataset").glob("*.zip"))]
    if not paths:
        raise SystemExit("no input: pass paths, or put the SaudiNewsNet archive at ../shared/data/saudinewsnet/dataset")
    if args.throughput:
        throughput(paths, not args.no_split, args.dump)
        return
    with tempfile.TemporaryDirectory() as folder:
        settings = load_settings(db=Path(folder) / "bench.db")
        started = time.perf_counter()
        summary = service.ingest(paths, settings, cluster_after=False)
        ingest_seconds = time.perf_counter() - started
        result = service.cluster(settings)
        with Store(settings.db) as store:
            integrity = store.integrity_check()
        again = service.ingest(paths, settings, cluster_after=False)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"input               {len(paths)} files")
    print(f"read                {summary.read:,} records; stored {summary.stored:,}; rejected {summary.rejected:,}")
    for reason, count in summary.reasons:
        print(f"  rejected          {count:,} × {reason}")
    print(f"ingest (no cluster) {ingest_seconds:.1f} s = {summary.stored / ingest_seconds:,.0f} articles/s")
    total = ingest_seconds + result.seconds
    print(f"cluster             {result.seconds:.1f} s = {result.assigned / result.seconds:,.0f} articles/s")
    print(f"stories             {result.stories:,}")
    print(f"total               {total:.1f} s = {summary.stored / total:,.0f} articles/s")
    print(f"second run          stored {again.stored:,}, already present {again.already_present:,}")
    print(f"integrity_check     {integrity}")
    print(f"peak memory (RSS)   {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
