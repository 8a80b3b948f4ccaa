"""Cross-validate the quotation-region scorer over the annotated quote sets, folds by set.

    python tests/data/quotes/region_cv.py [C] [DROP_BELOW] [ADD_ABOVE] [FOLDS] [SETS]   # default: 0.3 0.2 0.5 7 all

Each set of ``QUOTE_SETS`` is extracted twice: with the shipped scorer, and with a scorer trained
(``akhbar.train.quote_regions.fit``) on the sets of the other folds only, so that no set is scored by
a scorer that saw it. Prints the pooled figures of both over all sets and over held-outs 28 onwards
(which neither the shipped scorer nor its thresholds were made from). The texts are read from
``../shared/data``; nothing is written. Round twenty-two's figures (``README.md``) come from it
with ``SETS`` = 49 (the development set and held-outs 1–48).
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
sys.path.insert(0, str(REPO / "src"))

from akhbar.eval.quotes import QUOTE_SETS, build_eval_file, predict, read_eval_file, score  # noqa: E402
from akhbar.models.quote_regions import RegionScorer, default_scorer  # noqa: E402
from akhbar.stages import quotes  # noqa: E402
from akhbar.train.quote_regions import examples, fit  # noqa: E402

DATA = REPO.parent / "shared" / "data"


def _extract(articles: list[dict[str, Any]], scorer: RegionScorer) -> dict[str, list[dict[str, Any]]]:
    shipped: Callable[[], RegionScorer] = quotes.default_scorer
    quotes.default_scorer = lambda: scorer  # the extractor reads its scorer through this name
    try:
        return predict(articles, quotes.extract_quotes)
    finally:
        quotes.default_scorer = shipped


def _line(name: str, gold: list[dict[str, Any]], predicted: dict[str, list[dict[str, Any]]]) -> str:
    r = score(gold, predicted)
    d, i = r["direct"], r["indirect"]
    found = r["counts"]["direct"]["matched"]
    return (
        f"{name:34} direct P {d['precision']:.3f} R {d['recall']:.3f} ({found} found)"
        f"  indirect P {i['precision']:.3f} R {i['recall']:.3f}  speaker {r['speaker_accuracy']:.3f}"
    )


def main(c: float = 0.3, drop_below: float = 0.2, add_above: float = 0.5, folds: int = 7, count: int = 0) -> None:
    sets = list(QUOTE_SETS[:count] if count else QUOTE_SETS)
    features = {path: examples(DATA, [path]) for path in sets}
    articles: dict[Path, list[dict[str, Any]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for path in sets:
            out = Path(tmp) / path.name
            build_eval_file(DATA, out, dev=path)
            articles[path] = read_eval_file(out)
    shipped = default_scorer()
    base: dict[Path, dict[str, list[dict[str, Any]]]] = {}
    crossed: dict[Path, dict[str, list[dict[str, Any]]]] = {}
    for fold in range(folds):
        held = [path for k, path in enumerate(sets) if k % folds == fold]
        rows = [row for path in sets if path not in held for row in features[path][0]]
        labels = [label for path in sets if path not in held for label in features[path][1]]
        bias, weights = fit(rows, labels, c)
        scorer = RegionScorer(bias, weights, drop_below, add_above, {})
        for path in held:
            base[path] = _extract(articles[path], shipped)
            crossed[path] = _extract(articles[path], scorer)
    late = [p for p in sets if p.stem.removeprefix("heldout").isdigit() and int(p.stem.removeprefix("heldout")) >= 28]
    for label, group in (("all sets", sets), ("held-outs 28 on", late)):
        gold = [a for p in group for a in articles[p]]
        print(_line(f"{label}, shipped scorer", gold, {k: v for p in group for k, v in base[p].items()}))
        print(_line(f"{label}, cross-validated (C={c})", gold, {k: v for p in group for k, v in crossed[p].items()}))


if __name__ == "__main__":
    main(*(float(a) for a in sys.argv[1:4]), *(int(a) for a in sys.argv[4:6]))
