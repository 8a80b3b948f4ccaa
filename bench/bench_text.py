"""Throughput of the Arabic text layer on one core, in MB/s of UTF-8 article text.

    python bench/bench_text.py [DATASET_DIR] [--limit N]

Reads every ``*.zip`` of the SaudiNewsNet archive (default: ``../shared/data/saudinewsnet/dataset``
beside the checkout), then times, over all article bodies: ``normalize``, ``tokenize``,
``normalize + tokenize``, ``split_sentences`` and ``match_terms``. Word caches start cold: the
first pass is the one reported. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from akhbar.lang.ar import match_terms, normalize, split_sentences, tokenize

DEFAULT_DATASET = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "saudinewsnet" / "dataset"


def load_texts(dataset: Path, limit: int | None = None) -> list[str]:
    texts: list[str] = []
    for archive in sorted(dataset.glob("*.zip")):
        with zipfile.ZipFile(archive) as zipped:
            for name in zipped.namelist():
                texts.extend(article.get("content") or "" for article in json.loads(zipped.read(name)))
        if limit is not None and len(texts) >= limit:
            return texts[:limit]
    return texts


def measure(name: str, texts: list[str], megabytes: float, work: Callable[[str], object]) -> float:
    start = time.perf_counter()
    for text in texts:
        work(text)
    seconds = time.perf_counter() - start
    rate = megabytes / seconds
    print(f"{name:<28} {seconds:7.2f} s  {rate:7.1f} MB/s")
    return rate


def normalize_and_tokenize(text: str) -> None:
    normalize(text)
    tokenize(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", nargs="?", type=Path, default=DEFAULT_DATASET)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    args = parser.parse_args()
    if not args.dataset.is_dir():
        raise SystemExit(f"dataset not found: {args.dataset}")
    texts = load_texts(args.dataset, args.limit)
    megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    print(f"{len(texts)} articles, {megabytes:.1f} MB of UTF-8 text, one core")
    tokenize("تحميل الجداول")  # load the lexicon and tables outside the timings
    measure("normalize", texts, megabytes, normalize)
    measure("tokenize (cold word cache)", texts, megabytes, tokenize)
    measure("normalize + tokenize", texts, megabytes, normalize_and_tokenize)
    measure("split_sentences", texts, megabytes, split_sentences)
    measure("match_terms", texts, megabytes, match_terms)


if __name__ == "__main__":
    main()
