"""Ingest benchmark: read + clean + normalize + store, then story grouping, over SaudiNewsNet.

Usage: python bench/bench_ingest.py [PATH ...]   (default: ../shared/data/saudinewsnet/dataset/*.zip)
Prints articles/s for each phase and the peak resident memory of this process.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

from akhbar import service
from akhbar.config import load_settings
from akhbar.store import Store

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    paths = sys.argv[1:] or [str(p) for p in sorted((REPO.parent / "shared/data/saudinewsnet/dataset").glob("*.zip"))]
    if not paths:
        sys.exit("no input: pass paths, or put the SaudiNewsNet archive at ../shared/data/saudinewsnet/dataset")
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
