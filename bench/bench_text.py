"""Throughput of the Arabic text layer on one core, in MB/s of UTF-8 article text.

    python bench/bench_text.py [DATASET_DIR] [--limit N]

Reads every ``*.zip`` of the SaudiNewsNet archive (default: ``../shared/data/saudinewsnet/dataset``
beside the checkout; JSON loading is not timed), then times, over all article bodies:

- the Arabic helpers alone: ``normalize``, ``tokenize``, ``normalize + tokenize``,
  ``split_sentences`` and ``match_terms``;
- ``clean``: ``akhbar.stages.clean.clean_article`` with the default ``CleanConfig``;
- the full text layer, ``clean + normalize + tokenize``: clean each article, then normalize and
  tokenize every article it gives back (one, or two when the body holds two stories).

Every figure is MB of *input* content (the UTF-8 bytes of ``content``) per second, of wall-clock
and of CPU time (compare CPU figures on a shared machine). The word caches start cold for
``tokenize`` and are emptied again before ``clean`` and before the full layer, so those figures are
what a fresh process gets; the word tables (lexicon, stopwords, variants) are loaded once
beforehand, and that load is timed on its own. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from akhbar.config import CleanConfig
from akhbar.lang.ar import match_terms, normalize, split_sentences, tokenize
from akhbar.lang.ar.tokenize import clear_word_caches
from akhbar.stages.clean import clean_article
from akhbar.types import Article, Rejection

DEFAULT_DATASET = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "saudinewsnet" / "dataset"
TARGET_MB_PER_S = 5.0


def load_articles(dataset: Path, limit: int | None = None) -> list[Article]:
    """Every article of the archive as an uncleaned ``Article`` (body in ``text`` and ``raw_text``)."""
    articles: list[Article] = []
    for archive in sorted(dataset.glob("*.zip")):
        with zipfile.ZipFile(archive) as zipped:
            for member in zipped.namelist():
                for index, row in enumerate(json.loads(zipped.read(member))):
                    content = row.get("content") or ""
                    articles.append(
                        Article(
                            id=f"{archive.stem}-{index}",
                            source=row.get("source") or "",
                            title=row.get("title") or "",
                            text=content,
                            raw_text=content,
                            origin=f"{archive.name}:{member}#{index}",
                        )
                    )
        if limit is not None and len(articles) >= limit:
            return articles[:limit]
    return articles


def measure(name: str, items: list[str] | list[Article], megabytes: float, work: Callable[..., object]) -> float:
    """Run ``work`` over ``items``; print wall and CPU seconds and MB/s; return MB/s of CPU time.

    CPU time (``time.process_time``) is the figure to compare on a shared machine: other processes
    slow the wall clock, not this process's CPU seconds. On an idle machine the two agree.
    """
    wall_start, cpu_start = time.perf_counter(), time.process_time()
    for item in items:
        work(item)
    wall, cpu = time.perf_counter() - wall_start, time.process_time() - cpu_start
    print(f"{name:<36} {wall:7.2f} s wall {megabytes / wall:7.1f} MB/s   {cpu:7.2f} s CPU {megabytes / cpu:7.1f} MB/s")
    return megabytes / cpu


def normalize_and_tokenize(text: str) -> None:
    normalize(text)
    tokenize(text)


_CLEAN_CONFIG = CleanConfig()


def clean_only(article: Article) -> None:
    clean_article(article, _CLEAN_CONFIG)


def clean_normalize_tokenize(article: Article) -> None:
    result = clean_article(article, _CLEAN_CONFIG)
    if isinstance(result, Rejection):
        return
    for cleaned in result:
        normalize(cleaned.text)
        tokenize(cleaned.text)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("dataset", nargs="?", type=Path, default=DEFAULT_DATASET)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    args = parser.parse_args()
    if not args.dataset.is_dir():
        raise SystemExit(f"dataset not found: {args.dataset}")
    articles = load_articles(args.dataset, args.limit)
    texts = [article.raw_text for article in articles]
    megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    print(f"{len(texts)} articles, {megabytes:.1f} MB of UTF-8 content, one core")
    wall_start, cpu_start = time.perf_counter(), time.process_time()
    match_terms("تحميل الجداول")  # load the lexicon and tables outside the throughput timings
    wall, cpu = time.perf_counter() - wall_start, time.process_time() - cpu_start
    print(f"{'load word tables (first call)':<36} {wall:7.2f} s wall {'':12}   {cpu:7.2f} s CPU")
    measure("normalize", texts, megabytes, normalize)
    measure("tokenize (cold word cache)", texts, megabytes, tokenize)
    measure("normalize + tokenize", texts, megabytes, normalize_and_tokenize)
    measure("split_sentences", texts, megabytes, split_sentences)
    measure("match_terms", texts, megabytes, match_terms)
    clear_word_caches()
    measure("clean (cold word cache)", articles, megabytes, clean_only)
    clear_word_caches()
    rate = measure("clean + normalize + tokenize (cold)", articles, megabytes, clean_normalize_tokenize)
    verdict = "meets" if rate >= TARGET_MB_PER_S else "below"
    print(f"full text layer: {rate:.1f} MB/s (CPU time), {verdict} the {TARGET_MB_PER_S:.0f} MB/s target")


if __name__ == "__main__":
    main()
