"""Train the quotation-region scorer shipped as ``akhbar/models/quote-regions.json``.

Examples: every pair of quotation marks (``_quote_regions``) in the annotated quote sets of
``tests/data/quotes`` (texts read from the development data folder; nothing is downloaded); a region
is positive when a gold direct quote matches it as the eval matches quotes (overlap of at least half
the longer span). Model: L2-regularized logistic regression (an unregularized intercept, ``C`` as in
scikit-learn), fitted by Newton's method in numpy: same inputs, same weights (to BLAS rounding).

The thresholds were chosen by replaying the project's own history: on each held-out set, the
extractor as it was before any change was made from that set, plus a scorer trained only on the
sets before it (``tests/data/quotes/README.md``, *Learned region scorer*).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from akhbar.eval.quotes import QUOTE_SETS, default_seed_dirs, entry_key, resolve_texts
from akhbar.models.quote_regions import RegionScorer
from akhbar.stages.quotes import _MARK_RE, _half_overlap, _quote_regions, region_features

#: the annotated sets the shipped scorer learns from (the tenth held-out set is kept out: it checks it)
TRAINING_SETS: tuple[Path, ...] = QUOTE_SETS[:10]
C = 0.3
DROP_BELOW = 0.2
ADD_ABOVE = 0.5
ITERATIONS = 50


def examples(data_dir: Path, sets: Sequence[Path] = TRAINING_SETS) -> tuple[list[list[str]], list[bool]]:
    """Feature strings and labels of every quotation region of the annotated ``sets``."""
    features: list[list[str]] = []
    labels: list[bool] = []
    for path in sets:
        entries = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        texts = resolve_texts(entries, data_dir, default_seed_dirs(data_dir))
        for entry in entries:
            text = texts[entry_key(entry)]
            regions = _quote_regions(text) if _MARK_RE.search(text) else []
            gold = [(q["start"], q["end"]) for q in entry["quotes"] if q["kind"] == "direct"]
            for region in regions:
                features.append(region_features(text, region, regions))
                labels.append(any(_half_overlap(region.start, region.end, s, e) for s, e in gold))
    return features, labels


def fit(features: Sequence[Sequence[str]], labels: Sequence[bool], c: float = C) -> tuple[float, dict[str, float]]:
    """Intercept and weights minimizing ``c * log-loss + ||w||² / 2`` (Newton's method)."""
    names = sorted({f for row in features for f in row if f != "bias"})
    column = {name: i for i, name in enumerate(names)}
    x = np.zeros((len(features), len(names) + 1))
    x[:, -1] = 1.0  # the intercept, not regularized
    for i, row in enumerate(features):
        for f in row:
            if f != "bias":
                x[i, column[f]] = 1.0
    y = np.asarray(labels, dtype=float)
    w = np.zeros(x.shape[1])
    ridge = np.ones(x.shape[1])
    ridge[-1] = 0.0
    for _ in range(ITERATIONS):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        gradient = c * (x.T @ (p - y)) + ridge * w
        hessian = c * (x.T * (p * (1.0 - p))) @ x + np.diag(ridge) + 1e-9 * np.eye(x.shape[1])
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if float(np.max(np.abs(step))) < 1e-10:
            break
    weights = {name: round(float(w[i]), 6) for name, i in column.items() if abs(w[i]) >= 1e-6}
    return round(float(w[-1]), 6), weights


def train(out: Path, data_dir: Path, sets: Sequence[Path] = TRAINING_SETS, c: float = C) -> dict[str, Any]:
    """Fit the scorer on ``sets`` and write it to ``out`` (JSON); returns its metadata."""
    features, labels = examples(data_dir, sets)
    bias, weights = fit(features, labels, c)
    meta = {
        "model": "logistic regression over quotation regions (akhbar.train.quote_regions)",
        "c": c,
        "regions": len(labels),
        "positive": int(sum(labels)),
        "features": len(weights),
        "trained_on": [{"set": path.name, "sha1": hashlib.sha1(path.read_bytes()).hexdigest()} for path in sets],
    }
    scorer = RegionScorer(bias, weights, DROP_BELOW, ADD_ABOVE, meta)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(scorer.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return {**meta, "out": str(out)}
