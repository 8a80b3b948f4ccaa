"""NER throughput and load time of the shipped model (prints figures; not a pass/fail test).

    python bench/bench_ner.py [CONLL_FILE] [--articles N]

- load: seconds for ``NerModel().setup()`` in a fresh interpreter (imports included);
- tag_words: tokens/s over the sentences of a CoNLL file (default: the ANERcorp train split in
  ../shared/data, else the seed articles' words), features + Viterbi, one core;
- tag(text): tokens/s of the whole stage path (sentence split, tokenize, tag, spans) over
  SaudiNewsNet articles when ../shared/data is present, else over the seed articles.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from akhbar.eval.ner import read_conll
from akhbar.lang.ar import tokenize
from akhbar.models.ner import NerModel, default_model_path
from akhbar.stages.entities import EntityTagger

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ANERCORP = SHARED / "data" / "anercorp" / "ANERCorp_CamelLab_train.txt"
SAUDINEWSNET = SHARED / "data" / "saudinewsnet" / "dataset"
SEEDS = ROOT / "demo" / "seeds"

_LOAD = (
    "import time; t = time.perf_counter(); from akhbar.models.ner import NerModel; NerModel().setup();"
    " print(time.perf_counter() - t)"
)


def load_seconds(runs: int = 3) -> float:
    times = [float(subprocess.check_output([sys.executable, "-c", _LOAD], text=True)) for _ in range(runs)]
    return min(times)


def texts(articles: int) -> list[str]:
    if SAUDINEWSNET.is_dir():
        found: list[str] = []
        for path in sorted(SAUDINEWSNET.glob("*.zip"))[:1]:
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    found += [record["content"] for record in json.loads(archive.read(member)) if record.get("content")]
        return found[:articles]
    return [path.read_text(encoding="utf-8") for path in sorted(SEEDS.rglob("*.txt"))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("conll", nargs="?", type=Path, default=ANERCORP if ANERCORP.is_file() else None)
    parser.add_argument("--articles", type=int, default=500)
    args = parser.parse_args()

    path = default_model_path()
    print(f"model: {path.name}, {path.stat().st_size / 1e6:.2f} MB")
    print(f"load (fresh interpreter, best of 3): {load_seconds():.2f} s")

    model = NerModel()
    model.setup()
    if args.conll is not None:
        sentences = [sentence.tokens for sentence in read_conll(args.conll)]
    else:
        sentences = [tuple(token.surface for token in tokenize(text)) for text in texts(args.articles)]
    tokens = sum(map(len, sentences))
    for label in ("cold cache", "warm cache"):
        started = time.perf_counter()
        for sentence in sentences:
            model.tag_words(sentence)
        seconds = time.perf_counter() - started
        print(f"tag_words ({label}): {tokens:,} tokens in {seconds:.2f} s = {tokens / seconds:,.0f} tokens/s")

    tagger = EntityTagger()
    tagger.setup()
    bodies = texts(args.articles)
    words = sum(len(tokenize(text)) for text in bodies)
    started = time.perf_counter()
    mentions = sum(len(tagger.tag(text)) for text in bodies)
    seconds = time.perf_counter() - started
    print(
        f"tag(text) end to end: {len(bodies)} articles, {words:,} words, {mentions:,} mentions in {seconds:.2f} s"
        f" = {words / seconds:,.0f} words/s"
    )


if __name__ == "__main__":
    main()
