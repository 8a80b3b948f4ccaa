"""Fit and check the clustering scorer on the labelled day; print the ablation table.

Usage::

    python bench/tune_cluster.py DEV.jsonl [--pairs SEMEVAL.jsonl] [--ablation] [--sweep]

``DEV.jsonl`` is an ``akhbar eval stories`` file (build it with ``python -m akhbar.eval.story_labels``).
The articles go once through the ingest pipeline (as ``akhbar eval stories`` does); then:

1. **Training pairs.** The articles are replayed in time order with their *gold* story and event
   (``StoryClusterer.observe``); before each one is added, the candidates the index offers for it
   are scored: one example per (article, candidate story) and per (article, event of its gold
   story), labelled 1 when it is the right one. The same code path the clusterer decides with.
2. **Fit.** An L2-regularised logistic regression (Newton's method, numpy: a development tool, not
   a runtime dependency) over those examples, story and event examples together: one scorer.
3. **Cross-validation.** Split the day in two (by outlet halves, and by time halves), fit on one
   half's examples, cluster the *other* half alone with the fitted weights and score it (B-cubed).
4. **Thresholds** for joining a story and an event, chosen on the whole day from a small grid
   (``--sweep``), then checked on the halves.

Prints weights ready to paste into ``ClusterConfig``.
"""

from __future__ import annotations

import argparse
import json
import math
import pickle
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import numpy as np

from akhbar.config import ClusterConfig, Settings, load_settings
from akhbar.eval.stories import LabelledArticle, StoredPrediction, read_labelled, score_grouping
from akhbar.service import ingest
from akhbar.stages.cluster import FEATURES, StoryClusterer
from akhbar.store.sqlite import Store
from akhbar.types import Article

CACHE = Path(tempfile.gettempdir()) / "akhbar-tune"


@dataclass(frozen=True, slots=True)
class Day:
    labelled: list[LabelledArticle]
    stream: list[tuple[Article, datetime]]  # stored articles in the order the service clusters them
    label_of: dict[str, LabelledArticle]  # stored article id -> its labelled input


def load_day(path: Path) -> Day:
    """Ingest the labelled file once (cached by path and size) and keep the stored stream."""
    CACHE.mkdir(exist_ok=True)
    cache = CACHE / f"{path.stem}-{path.stat().st_size}.pkl"
    if cache.exists():
        return pickle.loads(cache.read_bytes())  # our own cache file
    labelled = sorted(read_labelled(path), key=lambda a: (a.published, a.id))
    by_external = {a.id: a for a in labelled}
    with tempfile.TemporaryDirectory() as folder:
        input_file = Path(folder) / "articles.jsonl"
        input_file.write_text("".join(json.dumps(a.record, ensure_ascii=False) + "\n" for a in labelled))
        settings = load_settings(db=Path(folder) / "tune.db")
        ingest([input_file], settings, cluster_after=False)
        with Store(settings.db) as store:
            stream = [(s.article, s.time) for s in store.unclustered()]
    label_of = {}
    for article, _ in stream:
        external = article.external_id or ""
        if external in by_external:
            label_of[article.id] = by_external[external]
        elif external.removesuffix("-2") in by_external:  # hmm: never; the split keeps external_id
            label_of[article.id] = by_external[external.removesuffix("-2")]
    day = Day(labelled, stream, label_of)
    cache.write_bytes(pickle.dumps(day))
    return day


def cluster_day(day: Day, cfg: ClusterConfig, keep: set[str] | None = None) -> tuple[dict[str, float], float]:
    """Cluster the day's stream (only articles whose labelled id is in ``keep``, when given);
    return the figures at both levels and the articles per second."""
    clusterer = StoryClusterer(cfg)
    rows = []
    started = time.perf_counter()
    for article, when in day.stream:
        label = day.label_of.get(article.id)
        if keep is not None and (label is None or label.id not in keep):
            continue
        decision = clusterer.assign(article, when)
        rows.append(StoredPrediction(article.id, article.external_id, decision.story_id, decision.event_id))
    seconds = time.perf_counter() - started
    articles = [a for a in day.labelled if keep is None or a.id in keep]
    figures = {}
    for level in ("story", "event"):
        result = score_grouping(articles, rows, level, seconds)  # type: ignore[arg-type]
        for key in ("bcubed_precision", "bcubed_recall", "bcubed_f1"):
            figures[f"{level}_{key.removeprefix('bcubed_')}"] = float(result[key])
    return figures, len(rows) / seconds


def training_pairs(day: Day, cfg: ClusterConfig, keep: set[str] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Replay the day with its gold labels; one example per candidate the clusterer would score."""
    clusterer = StoryClusterer(cfg)
    features: list[tuple[float, ...]] = []
    labels: list[int] = []
    for article, when in day.stream:
        label = day.label_of.get(article.id)
        if label is None or (keep is not None and label.id not in keep):
            continue
        story_id, event_id = "gold:" + label.story, "gold:" + label.story + "/" + (label.event or "")
        clusterer._advance(when)
        doc = clusterer.document(article, when)
        if len(doc.terms) >= cfg.min_terms:
            for candidate in clusterer.story_candidates(doc):
                features.append(candidate.features)
                labels.append(int(candidate.cluster_id == story_id))
            story = clusterer.stories.get(story_id)
            if story is not None:
                for candidate in clusterer.event_candidates(doc, story):
                    features.append(candidate.features)
                    labels.append(int(candidate.cluster_id == event_id))
        clusterer._add(doc, story_id, event_id)
    return np.array(features, dtype=float), np.array(labels, dtype=float)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0) -> np.ndarray:
    """Bias first, then one weight per column; Newton's method with an L2 penalty (not on the bias)."""
    design = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(design.shape[1])
    penalty = np.full(design.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(design @ w, -30, 30)))
        gradient = design.T @ (p - y) + penalty * w
        hessian = (design * (p * (1 - p))[:, None]).T @ design + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def with_weights(cfg: ClusterConfig, w: Sequence[float], used: Sequence[str] = FEATURES) -> ClusterConfig:
    full = dict.fromkeys(FEATURES, 0.0)
    full.update(zip(used, w[1:], strict=True))
    return replace(
        cfg,
        bias=float(w[0]),
        weight_centroid=full["centroid"],
        weight_member=full["member"],
        weight_title=full["title"],
        weight_keys=full["keys"],
        weight_outlet=full["outlet"],
        weight_gap=full["gap"],
        weight_entities=full["entities"],
    )


def fit_config(day: Day, cfg: ClusterConfig, used: Sequence[str], keep: set[str] | None = None) -> ClusterConfig:
    x, y = training_pairs(day, cfg, keep)
    columns = [FEATURES.index(f) for f in used]
    return with_weights(cfg, fit_logistic(x[:, columns], y).tolist(), used)


def halves(day: Day) -> dict[str, tuple[set[str], set[str]]]:
    outlets = sorted({a.record.get("source", "") for a in day.labelled})
    first_outlets = set(outlets[::2])
    by_outlet = {a.id for a in day.labelled if a.record.get("source", "") in first_outlets}
    ordered = [a.id for a in day.labelled]  # already in time order
    by_time = set(ordered[: len(ordered) // 2])
    everything = set(ordered)
    return {
        "outlets A→B": (by_outlet, everything - by_outlet),
        "outlets B→A": (everything - by_outlet, by_outlet),
        "time 1→2": (by_time, everything - by_time),
        "time 2→1": (everything - by_time, by_time),
    }


def pairs_figures(path: Path, cfg: ClusterConfig) -> dict[str, float]:
    from akhbar.eval.metrics import pearson, roc_auc
    from akhbar.eval.pairs import SAME_EVENT_MAX_OVERALL, prepare_articles, read_pairs

    settings = replace(Settings(), cluster=cfg)
    pairs, documents = read_pairs(path)
    articles = prepare_articles(documents.values(), settings)
    clusterer = StoryClusterer(cfg)
    clusterer.learn_frequencies([articles[key] for key in sorted(articles)])
    truth = [-p.overall for p in pairs]
    same = [p.overall <= SAME_EVENT_MAX_OVERALL for p in pairs]
    out = {}
    for name, function in (("cosine", clusterer.similarity), ("scorer", clusterer.pair_probability)):
        values = [
            function(articles[p.key1], articles[p.key2]) if p.key1 in articles and p.key2 in articles else 0.0
            for p in pairs
        ]
        out[f"{name}_pearson"] = pearson(values, truth)
        out[f"{name}_auc"] = roc_auc(values, same)
    return out


def sweep(day: Day, cfg: ClusterConfig) -> ClusterConfig:
    best = (-1.0, cfg)
    for threshold in (0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5):
        for event_threshold in (0.5, 0.6, 0.7, 0.8):
            trial = replace(cfg, threshold=threshold, event_threshold=event_threshold)
            figures, _ = cluster_day(day, trial)
            mean = (figures["story_f1"] + figures["event_f1"]) / 2
            print(f"  threshold {threshold:.2f} event {event_threshold:.2f}: {_line(figures)}", file=sys.stderr)
            if mean > best[0]:
                best = (mean, trial)
    return best[1]


def _line(figures: dict[str, float]) -> str:
    return (
        f"story P {figures['story_precision']:.3f} R {figures['story_recall']:.3f} F1 {figures['story_f1']:.3f} · "
        f"event P {figures['event_precision']:.3f} R {figures['event_recall']:.3f} F1 {figures['event_f1']:.3f}"
    )


ABLATIONS: dict[str, tuple[str, ...]] = {
    "centroid": ("centroid",),
    "centroid + member": ("centroid", "member"),
    "centroid + title": ("centroid", "title"),
    "centroid + member + title": ("centroid", "member", "title"),
    "centroid + member + title + gap": ("centroid", "member", "title", "gap"),
    "centroid + title + keys": ("centroid", "title", "keys"),
    "centroid + member + title + keys + gap": ("centroid", "member", "title", "keys", "gap"),
    "all six (default)": FEATURES[:6],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dev", type=Path)
    parser.add_argument("--pairs", type=Path)
    parser.add_argument("--ablation", action="store_true")
    parser.add_argument("--sweep", action="store_true")
    parser.add_argument("--cv", action="store_true")
    args = parser.parse_args()
    day = load_day(args.dev)
    base = ClusterConfig()
    figures, speed = cluster_day(day, base)
    print(f"defaults: {_line(figures)} · {speed:,.0f} articles/s")
    used = FEATURES[:6]
    cfg = fit_config(day, base, used)
    print("fitted weights:", {f: round(getattr(cfg, f), 4) for f in ("bias", *(f"weight_{u}" for u in used))})
    if args.sweep:
        cfg = sweep(day, cfg)
        print(f"thresholds: story {cfg.threshold} event {cfg.event_threshold}")
    figures, speed = cluster_day(day, cfg)
    print(f"fitted:   {_line(figures)} · {speed:,.0f} articles/s")
    if args.pairs:
        print("pairs:", {k: round(v, 3) for k, v in pairs_figures(args.pairs, cfg).items()})
    if args.cv:
        for name, (train, test) in halves(day).items():
            fitted = replace(
                fit_config(day, base, used, train), threshold=cfg.threshold, event_threshold=cfg.event_threshold
            )
            held_out, _ = cluster_day(day, fitted, test)
            same_weights, _ = cluster_day(day, cfg, test)
            print(f"cv {name}: fitted on half → {_line(held_out)}")
            print(f"{'':>{len(name) + 4}}  all-day weights → {_line(same_weights)}")
    if args.ablation:
        print("| features | story P | story R | story F1 | event F1 | pairs pearson | pairs AUC | articles/s |")
        print("|---|---|---|---|---|---|---|---|")
        for name, features in ABLATIONS.items():
            trial = replace(
                fit_config(day, base, features), threshold=cfg.threshold, event_threshold=cfg.event_threshold
            )
            figures, speed = cluster_day(day, trial)
            pair = pairs_figures(args.pairs, trial) if args.pairs else {}
            print(
                f"| {name} | {figures['story_precision']:.3f} | {figures['story_recall']:.3f} | "
                f"{figures['story_f1']:.3f} | {figures['event_f1']:.3f} | "
                f"{pair.get('scorer_pearson', math.nan):.3f} | {pair.get('scorer_auc', math.nan):.3f} | {speed:,.0f} |"
            )


if __name__ == "__main__":
    main()
