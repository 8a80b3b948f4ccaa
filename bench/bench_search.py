"""Search quality: akhbar's search against plain SQLite FTS5 (``unicode61``) on the same articles.

    .venv/bin/python bench/bench_search.py [--day 2015-08-01] [--queries bench/search_queries.jsonl]

Loads one SaudiNewsNet day through akhbar's ingest (read, clean, normalize, store; no clustering),
then runs every query of ``bench/search_queries.jsonl`` (written by reading that day's articles:
each line holds a query and the URLs of the articles judged relevant) through

- **akhbar**: ``akhbar.service.search`` (match keys: normalized, clitic-stripped, variant-unified;
  BM25 title×2 with recency), and
- **fts5**: an FTS5 table over the same stored titles and texts with the stock ``unicode61``
  tokenizer, queried with the same structure (quoted words and phrases, all must match, else any;
  BM25 title×2).

It prints recall@10 (share of a query's relevant articles in its top 10, averaged over queries) and
MRR (mean reciprocal rank of the first relevant hit, 0 when none in the top 10), overall and by
query feature (clitic, hamza, ta-marbuta, phrase, spelling-variant …).
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from akhbar import service
from akhbar.config import load_settings
from akhbar.search import TITLE_WEIGHT

REPO = Path(__file__).resolve().parents[1]
DATASET = REPO.parent / "shared" / "data" / "saudinewsnet" / "dataset"
TOP = 10
_PHRASE = re.compile(r'"([^"]*)"|«([^»]*)»|“([^”]*)”')
_WORD = re.compile(r"\w+")


def plain_expression(query: str, any_part: bool = False) -> str:
    """The same query shape akhbar builds (quoted words and phrases), from raw words."""
    parts: list[str] = []
    position = 0
    for match in _PHRASE.finditer(query):
        parts += [f'"{w}"' for w in _WORD.findall(query[position : match.start()])]
        inner = next(g for g in match.groups() if g is not None)
        words = _WORD.findall(inner)
        if words:
            parts.append('"' + " ".join(words) + '"')
        position = match.end()
    parts += [f'"{w}"' for w in _WORD.findall(query[position:])]
    return (" OR " if any_part else " AND ").join(parts)


def plain_search(con: sqlite3.Connection, query: str) -> list[str]:
    sql = (
        f"SELECT a.id FROM plain JOIN plain_ids a ON a.rowid = plain.rowid WHERE plain MATCH ? "
        f"ORDER BY bm25(plain, {TITLE_WEIGHT}, 1.0) LIMIT {TOP}"
    )
    ids = [row[0] for row in con.execute(sql, (plain_expression(query),))]
    if not ids:
        ids = [row[0] for row in con.execute(sql, (plain_expression(query, any_part=True),))]
    return ids


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--day", default="2015-08-01")
    parser.add_argument("--queries", type=Path, default=REPO / "bench" / "search_queries.jsonl")
    parser.add_argument("--db", type=Path, help="keep the database here (default: a temporary folder)")
    parser.add_argument("--verbose", action="store_true", help="print every query's ranks")
    args = parser.parse_args()
    archive = DATASET / f"{args.day}.zip"
    if not archive.exists():
        print(f"error: {archive} not found (the SaudiNewsNet data sits beside the checkout)", file=sys.stderr)
        return 2
    queries = [json.loads(line) for line in args.queries.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "bench_search.db"
        settings = load_settings(env={}, db=db)
        started = time.perf_counter()
        service.ingest([archive], settings, cluster_after=False)
        indexed = service.update_search_index(settings)
        print(f"loaded {args.day}: indexed {indexed} articles in {time.perf_counter() - started:.1f} s")
        con = sqlite3.connect(db)
        con.execute("CREATE VIRTUAL TABLE plain USING fts5 (title, body, tokenize = 'unicode61')")
        con.execute("CREATE TABLE plain_ids (rowid INTEGER PRIMARY KEY, id TEXT)")
        for row_id, (article_id, title, text) in enumerate(con.execute("SELECT id, title, text FROM articles"), 1):
            con.execute("INSERT INTO plain_ids VALUES (?, ?)", (row_id, article_id))
            con.execute("INSERT INTO plain (rowid, title, body) VALUES (?, ?, ?)", (row_id, title, text))
        con.commit()
        url_of: dict[str, str] = dict(con.execute("SELECT id, url FROM articles"))
        known_urls = set(url_of.values())
        results: dict[str, list[tuple[float, float]]] = defaultdict(list)
        by_feature: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
        timings: dict[str, list[float]] = defaultdict(list)
        missing = 0
        for item in queries:
            relevant = {url for url in item["relevant"] if url in known_urls}
            missing += len(item["relevant"]) - len(relevant)
            if not relevant:
                continue
            runs = {}
            t = time.perf_counter()
            runs["akhbar"] = [hit.article.id for hit in service.search(settings, item["query"], limit=TOP).hits]
            timings["akhbar"].append(time.perf_counter() - t)
            t = time.perf_counter()
            runs["fts5"] = plain_search(con, item["query"])
            timings["fts5"].append(time.perf_counter() - t)
            line = [f"{item['id']} {item['query']}"]
            for system, ids in runs.items():
                urls: list[str | None] = [url_of.get(i) for i in ids[:TOP]]
                found = [rank for rank, url in enumerate(urls, 1) if url in relevant]
                recall = len({u for u in urls if u in relevant}) / len(relevant)
                rr = 1.0 / found[0] if found else 0.0
                results[system].append((recall, rr))
                for feature in item.get("features", []):
                    by_feature[(feature, system)].append((recall, rr))
                line.append(f"{system}: R@10={recall:.2f} RR={rr:.2f}")
            if args.verbose:
                print("  " + " | ".join(line))
        con.close()
    print(f"{len(results['akhbar'])} queries ({missing} relevant URLs not in the loaded data)")
    print(f"{'system':<8} {'recall@10':>10} {'MRR':>7} {'median ms':>10}")
    for system, scores in results.items():
        recall = statistics.mean(s[0] for s in scores)
        mrr = statistics.mean(s[1] for s in scores)
        print(f"{system:<8} {recall:>10.3f} {mrr:>7.3f} {statistics.median(timings[system]) * 1000:>10.1f}")
    print("by feature (queries: akhbar recall@10 / MRR | fts5 recall@10 / MRR)")
    for feature in sorted({f for f, _ in by_feature}):
        ours, plain = by_feature[(feature, "akhbar")], by_feature[(feature, "fts5")]
        print(f"  {feature:<17} {len(ours):>3}: {_means(ours)} | {_means(plain)}")
    return 0


def _means(scores: list[tuple[float, float]]) -> str:
    return f"{statistics.mean(s[0] for s in scores):.3f} / {statistics.mean(s[1] for s in scores):.3f}"


if __name__ == "__main__":
    sys.exit(main())
