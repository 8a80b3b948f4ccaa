"""Score the current cleaning stage against the hand-labelled lines in tests/data/clean_labels.

    .venv/bin/python bench/eval_clean.py

Reads the articles from ../shared/data (set AKHBAR_SHARED_DATA to use another copy). Prints a
removal precision/recall table per outlet twice: the stage run article by article, and the stage run
once over all labelled articles as a single stream (what a cleaner that learns per outlet sees).
Set AKHBAR_EVAL_SHOW=N to also print up to N disagreeing lines (local text, never commit it).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from akhbar.eval.clean_lines import (
    format_table,
    load_labelled,
    score_cleaner,
    score_outputs,
    stage_cleaner,
    stage_outputs,
)

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("AKHBAR_SHARED_DATA", ROOT.parent / "shared" / "data"))


def main() -> int:
    if not DATA.is_dir():
        print(f"shared data not found at {DATA}; set AKHBAR_SHARED_DATA", file=sys.stderr)
        return 2
    articles = load_labelled(DATA)
    started = time.perf_counter()
    per_article = score_cleaner(stage_cleaner(), articles)
    print(
        f"akhbar.stages.clean, article by article ({per_article.articles} articles, "
        f"{time.perf_counter() - started:.1f}s)\n"
    )
    print(format_table(per_article))
    started = time.perf_counter()
    stream = score_outputs(articles, stage_outputs(articles))
    print(f"\nakhbar.stages.clean, one stream over all labelled articles ({time.perf_counter() - started:.1f}s)\n")
    print(format_table(stream))
    show = int(os.environ.get("AKHBAR_EVAL_SHOW", "0"))
    if show:
        texts = {a.key: a.text.split("\n") for a in articles}
        print(f"\nfirst {show} disagreements (stream run):")
        for m in stream.mistakes[:show]:
            what = "removed" if m.predicted_removed else "kept"
            print(f"  {m.source:<12} {m.label:<11} {what:<7} {m.key}#{m.line}: {texts[m.key][m.line].strip()[:90]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
