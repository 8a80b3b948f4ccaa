"""Quote extraction throughput over SaudiNewsNet bodies, on one core.

    python bench/bench_quotes.py [--data ../shared/data] [--limit 5000] [--repeat 3]

Prints articles/s (wall clock, and process CPU time, which a busy machine disturbs less) and
characters/s for ``akhbar.stages.quotes.extract_quotes`` (best of ``--repeat``
runs over the same articles, after one warm-up pass that fills the word caches), and how many
direct and indirect quotes it found.
"""

from __future__ import annotations

import argparse
import json
import time
import zipfile
from pathlib import Path

from akhbar.stages.quotes import extract_quotes

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def load(data: Path, limit: int) -> list[str]:
    texts: list[str] = []
    for archive_path in sorted((data / "saudinewsnet" / "dataset").glob("*.zip")):
        with zipfile.ZipFile(archive_path) as archive:
            for member in archive.namelist():
                for record in json.loads(archive.read(member)):
                    texts.append(record.get("content") or "")
                    if len(texts) >= limit:
                        return texts
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = load(args.data, args.limit)
    if not texts:
        raise SystemExit(f"no SaudiNewsNet articles under {args.data}")
    for text in texts:  # warm-up: compile the lexicon, fill the word caches
        extract_quotes("a", text)
    best = best_cpu = float("inf")
    found = {"direct": 0, "indirect": 0}
    for _ in range(args.repeat):
        found = {"direct": 0, "indirect": 0}
        started, started_cpu = time.perf_counter(), time.process_time()
        for text in texts:
            for quote in extract_quotes("a", text):
                found[quote.kind] += 1
        best = min(best, time.perf_counter() - started)
        best_cpu = min(best_cpu, time.process_time() - started_cpu)
    chars = sum(map(len, texts))
    print(
        f"{len(texts)} articles, {chars / len(texts):.0f} chars each: {len(texts) / best:,.0f} articles/s wall, "
        f"{len(texts) / best_cpu:,.0f} articles/s CPU, {chars / best_cpu / 1e6:.2f} M chars/s CPU "
        f"(best of {args.repeat}, one process); {found['direct']} direct and {found['indirect']} indirect quotes"
    )


if __name__ == "__main__":
    main()
