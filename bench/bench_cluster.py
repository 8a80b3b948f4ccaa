"""Clustering benchmark: whole-pipeline throughput, then assignment latency as the index grows.

Usage: python bench/bench_cluster.py [--articles 100000] [--no-extract] [--skip-latency] [PATH ...]
       (default input: ../shared/data/saudinewsnet/dataset/*.zip)

1. ``service.ingest`` of the input with clustering (read, clean, normalize, the ingest pipeline's
   other stages, store, cluster) in this one process: articles/s and peak resident memory.
   ``--no-extract`` switches entity and quote extraction and the search index off (issue #4's
   path; ``bench/bench_ingest.py --throughput`` times it stage by stage); the stored articles, and
   so the latency runs below, are the same.
2. Latency: the stored articles are replayed through one ``StoryClusterer`` again and again, each
   copy shifted later in time by the archive's span (new ids), until ``--articles`` have been
   assigned; every ``assign`` is timed. Printed for the first 10,000 and the last 10,000 articles:
   mean and p99 latency (CPU time of the calling thread: the machine is shared) and their ratio.
   Done twice: with the default window (old stories leave
   it for the archive) and with a window so long that every article stays in the active index.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from akhbar import service
from akhbar.config import ClusterConfig, load_settings
from akhbar.stages.cluster import StoryClusterer
from akhbar.store import Store
from akhbar.types import Article

REPO = Path(__file__).resolve().parents[1]
SLICE = 10_000


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]


def latency(stream: list[tuple[Article, datetime]], cfg: ClusterConfig, total: int) -> None:
    span = stream[-1][1] - stream[0][1] + timedelta(days=1)
    clusterer = StoryClusterer(cfg)
    timings: list[float] = []
    copy = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    while len(timings) < total:
        shift = span * copy
        for article, when in stream:
            if len(timings) >= total:
                break
            shifted = replace(article, id=f"{article.id}~{copy}") if copy else article
            before = time.thread_time()
            clusterer.assign(shifted, when + shift)
            timings.append(time.thread_time() - before)
        copy += 1
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    first, last = timings[:SLICE], timings[-SLICE:]
    archived = len(clusterer.archive)
    print(
        f"  {len(timings):,} articles in {seconds:.1f} s wall, {cpu:.1f} s CPU = {len(timings) / cpu:,.0f} articles/s; "
        f"active window {clusterer.documents:,} articles, {len(clusterer.stories):,} stories; "
        f"archive {archived:,} stories"
    )
    for name, part in (("first 10k", first), ("last 10k", last)):
        print(f"  {name:<10} mean {statistics.fmean(part) * 1000:6.2f} ms   p99 {_p99(part) * 1000:6.2f} ms")
    print(
        f"  last/first mean {statistics.fmean(last) / statistics.fmean(first):.2f}×   "
        f"p99 over all {_p99(timings) * 1000:.2f} ms   peak memory {_peak_mb():,.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--articles", type=int, default=100_000, help="articles assigned in the latency runs")
    parser.add_argument("--skip-latency", action="store_true")
    parser.add_argument("--no-extract", action="store_true", help="no entities, quotes or search index at ingest")
    args = parser.parse_args()
    paths = args.paths or [str(p) for p in sorted((REPO.parent / "shared/data/saudinewsnet/dataset").glob("*.zip"))]
    with tempfile.TemporaryDirectory() as folder:
        off = {"extract": {"entities": False, "quotes": False}, "ingest": {"search_index": False}}
        settings = load_settings(db=Path(folder) / "bench.db", **(off if args.no_extract else {}))
        started, cpu_started = time.perf_counter(), time.process_time()
        summary = service.ingest(paths, settings)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        print(
            f"ingest + cluster    {summary.stored:,} articles in {seconds:.1f} s wall; "
            f"{cpu:.1f} s CPU = {summary.stored / cpu:,.0f} articles/s"
        )
        print(f"                    clustered {summary.clustered:,}; peak memory (RSS) {_peak_mb():,.0f} MB")
        with Store(settings.db) as store:
            store.reset_clusters()
            stream = [(s.article, s.time) for s in store.unclustered()]
    clusterer = StoryClusterer(settings.cluster)
    started, cpu_started = time.perf_counter(), time.process_time()
    for article, when in stream:
        clusterer.assign(article, when)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    print(
        f"cluster alone       {len(stream):,} articles in {seconds:.1f} s wall; "
        f"{cpu:.1f} s CPU = {len(stream) / cpu:,.0f} articles/s"
    )
    if args.skip_latency:
        return
    print(f"latency, default window ({settings.cluster.window_days:g} days):")
    latency(stream, settings.cluster, args.articles)
    print("latency, every article in the active index (window 100,000 days):")
    latency(stream, replace(settings.cluster, window_days=100_000.0), args.articles)


if __name__ == "__main__":
    main()
