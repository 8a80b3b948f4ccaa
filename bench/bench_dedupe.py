"""Near-duplicate benchmark: akhbar's DuplicateIndex against datasketch's MinHashLSH, same input.

Usage: python bench/bench_dedupe.py [--threshold 0.5] [--num-perm 128] [--tracemalloc] [PATH ...]
       (default input: ../shared/data/saudinewsnet/dataset/*.zip; needs `pip install datasketch`)

1. Reads the input through akhbar's ingest stages (article, clean with learned outlet boilerplate,
   normalize) once, and writes (id, normalized body) in time order (published, then id) to a
   temporary file.
2. Runs each system in its own subprocess, so neither pollutes the other's memory figures; each
   loads the input first, then is timed over the stream "query the earlier articles, then insert":
   - akhbar:        DuplicateIndex.add_text (hashing, exact twins, sampled index, exact Jaccard check);
   - datasketch:    word 5-gram shingles (the same words) -> MinHash(num_perm) with its default SHA-1
                    hashing -> MinHashLSH(threshold, num_perm).query, then insert;
   - datasketch-prehashed: the same, fed akhbar's 64-bit shingle hashes (hashfunc=identity), so
                    only MinHash permutations + LSH are timed (datasketch's fastest honest use).
   Time: wall clock and CPU time of the process (CPU time is steadier on a shared machine).
   Peak memory: the process's peak RSS (VmHWM, reset through /proc/self/clear_refs after the input
   is loaded) above its RSS at that point, or, with --tracemalloc, the Python-heap peak during the
   run (much slower; numpy reports its buffers to tracemalloc).
3. Reference: every pair whose exact Jaccard similarity of shingle sets is >= the threshold, found
   by an exact all-pairs join (prefix filtering with shingles ordered rarest first, every candidate
   verified), independent of both systems' candidate generation. Recall = reference pairs a system
   reports / reference pairs. akhbar does not index an exact twin (its original stands in, with the
   same shingle set), so its pairs are expanded through exact twins before scoring.
"""

from __future__ import annotations

import argparse
import json
import math
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
SHINGLE_WORDS = 5


def load_articles(paths: list[str]) -> list[tuple[str, str]]:
    """(id, normalized body) of every article, in time order, through akhbar's ingest stages."""
    from akhbar import service
    from akhbar.config import load_settings
    from akhbar.executors.local import LocalExecutor
    from akhbar.sources import expand_paths, read_file
    from akhbar.stages.dedupe import order_key
    from akhbar.types import Article

    # entities and quotes do not change the normalized body: off, the input is read in seconds, not minutes
    settings = load_settings(env={}, extract={"entities": False, "quotes": False})
    files = expand_paths(paths)
    settings = replace(settings, clean=service.learn_outlet_boilerplate(files, settings, service.NoProgress()))
    pipeline = service.ingest_pipeline(settings)
    articles = [
        record
        for file in files
        for record in LocalExecutor().run(pipeline, read_file(file, settings.ingest.max_file_bytes))
        if isinstance(record, Article)
    ]
    articles.sort(key=order_key)
    return [(a.id, a.norm_text or "") for a in articles]


def reset_peak_rss() -> bool:
    """Make the kernel's peak-RSS mark (VmHWM) start again from the current RSS (Linux >= 4.0)."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
    except OSError:
        return False
    return True


def memory_mb(field: str) -> float:
    """VmRSS or VmHWM of this process, from /proc/self/status (MiB)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- the systems (each run in a subprocess) ------------------------------------------------------


Pairs = list[tuple[str, str]]
Twins = dict[str, str]  # exact copy -> the article standing in for it


def run_akhbar(docs: list[tuple[str, str]], threshold: float, num_perm: int) -> tuple[Pairs, Twins]:
    from akhbar.stages.dedupe import DedupeConfig, DuplicateIndex

    index = DuplicateIndex(DedupeConfig(threshold=threshold), record_pairs=True)
    for article_id, text in docs:
        index.add_text(article_id, text)
    assert index.pairs is not None
    twins = {d.article_id: d.matched_id for d in index.decisions.values() if d.kind == "exact"}
    return [(a, b) for a, b, _ in index.pairs], twins


def _words(text: str) -> list[str]:
    import re

    return re.findall(r"[^\W_]+", text)


def run_datasketch(docs: list[tuple[str, str]], threshold: float, num_perm: int) -> tuple[Pairs, Twins]:
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    pairs: list[tuple[str, str]] = []
    for article_id, text in docs:
        words = _words(text)
        if len(words) < SHINGLE_WORDS:
            continue  # akhbar's min_words: too short to compare
        shingles = {" ".join(words[i : i + SHINGLE_WORDS]).encode() for i in range(len(words) - SHINGLE_WORDS + 1)}
        minhash = MinHash(num_perm=num_perm)
        minhash.update_batch(shingles)
        pairs.extend((earlier, article_id) for earlier in lsh.query(minhash))
        lsh.insert(article_id, minhash)
    return pairs, {}


def run_datasketch_prehashed(docs: list[tuple[str, str]], threshold: float, num_perm: int) -> tuple[Pairs, Twins]:
    from datasketch import MinHash, MinHashLSH

    from akhbar.stages.dedupe import shingle_hashes, word_hashes

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    pairs: list[tuple[str, str]] = []
    template = MinHash(num_perm=num_perm, hashfunc=int)
    for article_id, text in docs:
        words = word_hashes(text)
        if words.size < SHINGLE_WORDS:
            continue
        minhash = MinHash(num_perm=num_perm, hashfunc=int, permutations=template.permutations, scheme=template.scheme)
        # datasketch keeps 32-bit hash values; give it the top 32 bits of akhbar's 64-bit hashes
        minhash.update_batch((shingle_hashes(words, SHINGLE_WORDS) >> np.uint64(32)).tolist())
        pairs.extend((earlier, article_id) for earlier in lsh.query(minhash))
        lsh.insert(article_id, minhash)
    return pairs, {}


SYSTEMS = {"akhbar": run_akhbar, "datasketch": run_datasketch, "datasketch-prehashed": run_datasketch_prehashed}


def child(system: str, data: Path, out: Path, threshold: float, num_perm: int, trace: bool) -> None:
    with data.open("rb") as handle:
        docs = pickle.load(handle)
    import akhbar.stages.dedupe  # noqa: F401  (imported before the baseline: counts for no system)

    try:
        import datasketch  # noqa: F401
    except ImportError:
        if system.startswith("datasketch"):
            raise

    import gc

    gc.collect()
    if not reset_peak_rss():
        sys.exit("cannot reset the peak RSS mark (/proc/self/clear_refs): use --tracemalloc")
    baseline = memory_mb("VmRSS")
    if trace:
        import tracemalloc

        tracemalloc.start()
    started, cpu_started = time.perf_counter(), time.process_time()
    pairs, twins = SYSTEMS[system](docs, threshold, num_perm)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    traced = tracemalloc.get_traced_memory()[1] / 2**20 if trace else None
    peak = memory_mb("VmHWM")
    result = {
        "system": system,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "rss_growth_mb": peak - baseline,
        "traced_peak_mb": traced,
    }
    with out.open("wb") as handle:
        pickle.dump((result, pairs, twins), handle)


# --- the reference ---------------------------------------------------------------------------------


def reference_pairs(docs: list[tuple[str, str]], threshold: float) -> dict[tuple[str, str], float]:
    """Every pair with exact Jaccard >= threshold (AllPairs prefix filtering, rarest shingles first)."""
    from akhbar.stages.dedupe import overlap, shingle_hashes, word_hashes

    ids, sets = [], []
    for article_id, text in docs:
        words = word_hashes(text)
        if words.size >= SHINGLE_WORDS:
            ids.append(article_id)
            sets.append(shingle_hashes(words, SHINGLE_WORDS))
    every = np.concatenate(sets)
    values, frequency = np.unique(every, return_counts=True)
    keys, owners = [], []
    for position, shingles in enumerate(sets):
        rarity = frequency[np.searchsorted(values, shingles)]
        order = np.lexsort((shingles, rarity))  # rarest first, ties by hash value: one global order
        prefix = shingles.size - math.ceil(threshold * shingles.size - 1e-9) + 1
        keys.append(shingles[order[:prefix]])
        owners.append(np.full(prefix, position, dtype=np.int64))
    key_array, owner_array = np.concatenate(keys), np.concatenate(owners)
    order = np.argsort(key_array, kind="stable")
    key_array, owner_array = key_array[order], owner_array[order]
    bounds = np.flatnonzero(np.concatenate(([True], key_array[1:] != key_array[:-1], [True])))
    candidates: set[tuple[int, int]] = set()
    for lo, hi in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
        if hi - lo > 1:
            group = sorted(set(owner_array[lo:hi].tolist()))
            candidates.update((a, b) for i, a in enumerate(group) for b in group[i + 1 :])
    found: dict[tuple[str, str], float] = {}
    for a, b in candidates:
        common = overlap(sets[a], sets[b])
        score = common / (sets[a].size + sets[b].size - common)
        if score >= threshold:
            found[(ids[a], ids[b])] = score
    return found


def expand_twins(pairs: Pairs, twins: Twins) -> set[tuple[str, str]]:
    """Pairs through exact twins: a twin has the same shingle set, so it matches what it stands for."""
    members: dict[str, list[str]] = defaultdict(list)
    for copy, original in twins.items():
        members[original].append(copy)
    expanded: set[tuple[str, str]] = set()

    def add(x: str, y: str) -> None:
        if x != y:
            expanded.add((x, y) if x < y else (y, x))

    for a, b in pairs:
        for x in [a, *members.get(a, ())]:
            for y in [b, *members.get(b, ())]:
                add(x, y)
    for original, copies in members.items():
        group = [original, *copies]
        for i, x in enumerate(group):
            for y in group[i + 1 :]:
                add(x, y)
    return expanded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--num-perm", type=int, default=128)
    parser.add_argument("--tracemalloc", action="store_true", help="also trace the Python heap (slow)")
    parser.add_argument("--systems", default="akhbar,datasketch,datasketch-prehashed")
    parser.add_argument("--child", nargs=3, metavar=("SYSTEM", "DATA", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        system, data, out = args.child
        child(system, Path(data), Path(out), args.threshold, args.num_perm, args.tracemalloc)
        return
    paths = args.paths or [str(p) for p in sorted((REPO.parent / "shared/data/saudinewsnet/dataset").glob("*.zip"))]
    if not paths:
        sys.exit("no input: pass paths, or put the SaudiNewsNet archive at ../shared/data/saudinewsnet/dataset")
    started = time.perf_counter()
    docs = load_articles(paths)
    print(
        f"input               {len(paths)} files, {len(docs):,} articles (ingest {time.perf_counter() - started:.0f} s)"
    )
    print(
        f"settings            threshold {args.threshold}, word {SHINGLE_WORDS}-gram shingles, num_perm {args.num_perm}"
    )
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "docs.pickle"
        with data.open("wb") as handle:
            pickle.dump(docs, handle)
        results = {}
        for system in args.systems.split(","):
            out = Path(folder) / f"{system}.pickle"
            command = [sys.executable, __file__, "--child", system, str(data), str(out)]
            command += ["--threshold", str(args.threshold), "--num-perm", str(args.num_perm)]
            if args.tracemalloc:
                command.append("--tracemalloc")
            subprocess.run(command, check=True)
            with out.open("rb") as handle:
                results[system] = pickle.load(handle)
    started = time.perf_counter()
    reference = reference_pairs(docs, args.threshold)
    reference_keys = {(a, b) if a < b else (b, a) for a, b in reference}
    print(
        f"reference           {len(reference):,} pairs with exact Jaccard >= {args.threshold} "
        f"({time.perf_counter() - started:.0f} s)"
    )
    for system, (result, pairs, twins) in results.items():
        reported = expand_twins(pairs, twins)
        hits = sum(1 for pair in reported if pair in reference_keys)
        memory = f"peak RSS +{result['rss_growth_mb']:,.0f} MB"
        if result["traced_peak_mb"] is not None:
            memory += f", traced heap peak {result['traced_peak_mb']:,.0f} MB"
        print(
            f"{system:<21}{result['seconds']:6.1f} s (CPU {result['cpu_seconds']:.1f} s)  {memory}  "
            f"reported pairs {len(reported):,} "
            f"(of them >= threshold {hits / max(1, len(reported)):.3f})  "
            f"recall {hits / max(1, len(reference)):.4f} ({hits:,}/{len(reference):,})"
        )
    print(json.dumps({s: r for s, (r, _, _) in results.items()}))


if __name__ == "__main__":
    main()
