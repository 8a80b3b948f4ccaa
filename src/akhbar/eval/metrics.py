"""Clustering and scoring metrics: B-cubed, pairwise P/R/F1, adjusted Rand index, Pearson, ROC AUC.

Pure functions over plain Python values. A clustering is a ``Mapping`` from item to label; the gold
and the predicted clustering must cover exactly the same items. Every clustering metric is computed
from the contingency table (how many items each gold/predicted label pair shares), so the cost is
linear in the number of items, never quadratic in the number of pairs.

Conventions where a ratio has no denominator:

- pairwise precision is 1.0 when the prediction puts no two items together (it made no wrong
  link), pairwise recall is 1.0 when the gold puts no two items together (there was nothing to
  find), and an F1 of two zeros is 0.0;
- the adjusted Rand index is 1.0 when the two clusterings agree on every pair (this covers the
  degenerate cases "both all singletons" and "both one cluster"), as in scikit-learn.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

Item = TypeVar("Item", bound=Hashable)

_SHOWN = 5  # items named in a mismatch message


@dataclass(frozen=True, slots=True)
class Scores:
    precision: float
    recall: float
    f1: float


def f1_score(precision: float, recall: float) -> float:
    """Harmonic mean; 0.0 when both are 0."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(frozen=True, slots=True)
class Contingency:
    """Item counts per (gold, predicted) label pair and per label on each side."""

    items: int
    cells: Counter[tuple[Hashable, Hashable]]
    gold_sizes: Counter[Hashable]
    predicted_sizes: Counter[Hashable]


def contingency(gold: Mapping[Item, Hashable], predicted: Mapping[Item, Hashable]) -> Contingency:
    """Count shared items per label pair; ``ValueError`` when the two do not cover the same items."""
    if gold.keys() != predicted.keys():
        only_gold = _describe(gold.keys() - predicted.keys())
        only_predicted = _describe(predicted.keys() - gold.keys())
        raise ValueError(
            "gold and predicted clusterings cover different items: "
            f"only in gold {only_gold}; only in predicted {only_predicted}"
        )
    if not gold:
        raise ValueError("cannot score an empty clustering (no items)")
    cells: Counter[tuple[Hashable, Hashable]] = Counter((gold[item], predicted[item]) for item in gold)
    return Contingency(len(gold), cells, Counter(gold.values()), Counter(predicted.values()))


def _describe(items: set[Item]) -> str:
    if not items:
        return "none"
    shown = sorted(map(repr, items))[:_SHOWN]
    more = f" and {len(items) - _SHOWN} more" if len(items) > _SHOWN else ""
    return f"{len(items)} ({', '.join(shown)}{more})"


def bcubed(gold: Mapping[Item, Hashable], predicted: Mapping[Item, Hashable]) -> Scores:
    """B-cubed precision and recall, averaged over items (Bagga & Baldwin 1998; Amigó et al. 2009).

    An item's precision is the share of its predicted cluster that shares its gold label; its recall
    the share of its gold cluster that shares its predicted label. F1 is the harmonic mean of the
    two averages.
    """
    table = contingency(gold, predicted)
    precision = math.fsum(n * n / table.predicted_sizes[p] for (_, p), n in table.cells.items()) / table.items
    recall = math.fsum(n * n / table.gold_sizes[g] for (g, _), n in table.cells.items()) / table.items
    return Scores(precision, recall, f1_score(precision, recall))


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


@dataclass(frozen=True, slots=True)
class PairCounts:
    """Unordered item pairs: together in both, only in the prediction, only in the gold, in neither."""

    true_positive: int
    false_positive: int
    false_negative: int
    true_negative: int


def pair_counts(gold: Mapping[Item, Hashable], predicted: Mapping[Item, Hashable]) -> PairCounts:
    table = contingency(gold, predicted)
    together_both = sum(_pairs(n) for n in table.cells.values())
    together_predicted = sum(_pairs(n) for n in table.predicted_sizes.values())
    together_gold = sum(_pairs(n) for n in table.gold_sizes.values())
    false_positive = together_predicted - together_both
    false_negative = together_gold - together_both
    true_negative = _pairs(table.items) - together_both - false_positive - false_negative
    return PairCounts(together_both, false_positive, false_negative, true_negative)


def pairwise(gold: Mapping[Item, Hashable], predicted: Mapping[Item, Hashable]) -> Scores:
    """Precision and recall of the decision "these two items belong together", over all item pairs."""
    counts = pair_counts(gold, predicted)
    predicted_links = counts.true_positive + counts.false_positive
    gold_links = counts.true_positive + counts.false_negative
    precision = counts.true_positive / predicted_links if predicted_links else 1.0
    recall = counts.true_positive / gold_links if gold_links else 1.0
    return Scores(precision, recall, f1_score(precision, recall))


def adjusted_rand_index(gold: Mapping[Item, Hashable], predicted: Mapping[Item, Hashable]) -> float:
    """Rand index corrected for chance (Hubert & Arabie 1985): 1.0 for identical clusterings, about
    0.0 for random ones, negative (down to -0.5) for worse than random. Symmetric in its arguments."""
    counts = pair_counts(gold, predicted)
    tp, fp, fn, tn = counts.true_positive, counts.false_positive, counts.false_negative, counts.true_negative
    if fp == 0 and fn == 0:
        return 1.0
    return 2.0 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn))


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Pearson's correlation coefficient. ``ValueError`` for fewer than two points, unequal lengths
    or a constant sequence (the coefficient is undefined)."""
    if len(xs) != len(ys):
        raise ValueError(f"pearson needs sequences of equal length (got {len(xs)} and {len(ys)})")
    if len(xs) < 2:
        raise ValueError(f"pearson needs at least two points (got {len(xs)})")
    mean_x = math.fsum(xs) / len(xs)
    mean_y = math.fsum(ys) / len(ys)
    dx = [x - mean_x for x in xs]
    dy = [y - mean_y for y in ys]
    sxx = math.fsum(d * d for d in dx)
    syy = math.fsum(d * d for d in dy)
    if sxx == 0 or syy == 0:
        raise ValueError("pearson is undefined when one sequence is constant")
    value = math.fsum(a * b for a, b in zip(dx, dy, strict=True)) / math.sqrt(sxx * syy)
    return max(-1.0, min(1.0, value))


def roc_auc(scores: Sequence[float], positive: Sequence[bool]) -> float:
    """Area under the ROC curve: the probability that a random positive scores higher than a random
    negative, ties counting one half (the Mann–Whitney U statistic over n_pos * n_neg).
    ``ValueError`` when there are no positives or no negatives."""
    if len(scores) != len(positive):
        raise ValueError(f"roc_auc needs one label per score (got {len(scores)} scores, {len(positive)} labels)")
    n_positive = sum(1 for p in positive if p)
    n_negative = len(positive) - n_positive
    if n_positive == 0 or n_negative == 0:
        raise ValueError(f"roc_auc needs positives and negatives (got {n_positive} and {n_negative})")
    if any(math.isnan(score) for score in scores):
        raise ValueError("roc_auc cannot rank NaN scores")
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    rank_sum = 0.0  # sum of the (tie-averaged, 1-based) ranks of the positives
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and scores[order[end + 1]] == scores[order[start]]:
            end += 1
        average_rank = (start + end) / 2 + 1
        rank_sum += average_rank * sum(1 for i in order[start : end + 1] if positive[i])
        start = end + 1
    u_statistic = rank_sum - n_positive * (n_positive + 1) / 2
    return u_statistic / (n_positive * n_negative)
