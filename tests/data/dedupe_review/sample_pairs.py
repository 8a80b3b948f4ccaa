"""Draw the random sample of detected near-duplicate pairs that README.md reports on.

Usage: python tests/data/dedupe_review/sample_pairs.py [--show] [--seed 2015] [--count 110]
Runs akhbar's ingest stages and DuplicateIndex (default DedupeConfig) over SaudiNewsNet in time
order, takes every ``near`` decision (copy, matched article), and draws ``count`` of them with
``random.Random(seed).sample``. ``--show`` prints both texts of each pair for reading (they are
not stored: pairs.jsonl holds only URLs, the similarity and the verdict).
"""

from __future__ import annotations

import argparse
import difflib
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO / "bench"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=2015)
    parser.add_argument("--count", type=int, default=110)
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()

    from dataclasses import replace

    from akhbar import service
    from akhbar.config import load_settings
    from akhbar.executors.local import LocalExecutor
    from akhbar.sources import expand_paths, read_file
    from akhbar.stages.dedupe import DuplicateIndex, order_key
    from akhbar.types import Article

    paths = sorted((REPO.parent / "shared/data/saudinewsnet/dataset").glob("*.zip"))
    settings = load_settings(env={})
    files = expand_paths(paths)
    settings = replace(settings, clean=service.learn_outlet_boilerplate(files, settings, service.NoProgress()))
    pipeline = service.ingest_pipeline(settings)
    articles = sorted(
        (r for f in files for r in LocalExecutor().run(pipeline, read_file(f, 1 << 29)) if isinstance(r, Article)),
        key=order_key,
    )
    by_id = {a.id: a for a in articles}
    index = DuplicateIndex()
    for article in articles:
        index.add(article)
    near = sorted((d for d in index.decisions.values() if d.kind == "near"), key=lambda d: d.article_id)
    sample = random.Random(args.seed).sample(near, args.count)
    print(f"{len(near)} near decisions, {len(index.decisions) - len(near)} exact; sampled {len(sample)}")
    for number, decision in enumerate(sample, 1):
        first, second = by_id[decision.matched_id], by_id[decision.article_id]
        print(f"\n#{number} sim={decision.similarity} agency={decision.agency}\t{first.url}\t{second.url}")
        if args.show:
            for article in (first, second):
                print(f"  [{article.source} {article.published:%m-%d}] {article.title}")
                print(f"    HEAD {article.text[:220]!r}")
                print(f"    TAIL {article.text[-120:]!r}  ({len(article.text)} chars)")
            words_a, words_b = first.text.split(), second.text.split()
            diffs = [
                f"{tag}: {' '.join(words_a[i1:i2])[:90]!r} -> {' '.join(words_b[j1:j2])[:90]!r}"
                for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, words_a, words_b, autojunk=False).get_opcodes()
                if tag != "equal"
            ]
            print(f"    {len(diffs)} word-level differences; first ones:")
            for line in diffs[:6]:
                print(f"      {line}")


if __name__ == "__main__":
    main()
