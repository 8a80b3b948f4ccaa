from __future__ import annotations

import importlib.util
import math
import statistics

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from akhbar.eval.metrics import (
    adjusted_rand_index,
    bcubed,
    contingency,
    f1_score,
    pair_counts,
    pairwise,
    pearson,
    roc_auc,
)

# gold {a,b,c} {d,e}; predicted {a,b} {c,d,e}
GOLD = {"a": "G1", "b": "G1", "c": "G1", "d": "G2", "e": "G2"}
PRED = {"a": "P1", "b": "P1", "c": "P2", "d": "P2", "e": "P2"}


def test_hand_computed_bcubed() -> None:
    # precision per item: a,b 2/2; c 1/3; d,e 2/3 -> 11/15. recall: a,b 2/3; c 1/3; d,e 2/2 -> 11/15
    scores = bcubed(GOLD, PRED)
    assert scores.precision == pytest.approx(11 / 15)
    assert scores.recall == pytest.approx(11 / 15)
    assert scores.f1 == pytest.approx(11 / 15)


def test_hand_computed_bcubed_asymmetric() -> None:
    gold = dict.fromkeys("abcd", 0)
    predicted = {"a": 1, "b": 1, "c": 2, "d": 3}
    scores = bcubed(gold, predicted)
    assert scores.precision == 1.0
    assert scores.recall == pytest.approx((0.5 + 0.5 + 0.25 + 0.25) / 4)
    assert scores.f1 == pytest.approx(2 * 0.375 / 1.375)


def test_hand_computed_pairwise_and_ari() -> None:
    # pairs: together in both {a,b} {d,e}; only predicted {c,d} {c,e}; only gold {a,c} {b,c}; 10 in all
    counts = pair_counts(GOLD, PRED)
    assert (counts.true_positive, counts.false_positive, counts.false_negative, counts.true_negative) == (2, 2, 2, 4)
    scores = pairwise(GOLD, PRED)
    assert (scores.precision, scores.recall, scores.f1) == (0.5, 0.5, 0.5)
    # index 2, expected 4 * 4 / 10 = 1.6, max 4 -> (2 - 1.6) / (4 - 1.6) = 1/6
    assert adjusted_rand_index(GOLD, PRED) == pytest.approx(1 / 6)


def test_perfect_clustering_scores_one() -> None:
    renamed = {item: label + "-x" for item, label in GOLD.items()}
    assert bcubed(GOLD, renamed) == bcubed(GOLD, GOLD)
    for scores in (bcubed(GOLD, renamed), pairwise(GOLD, renamed)):
        assert (scores.precision, scores.recall, scores.f1) == (1.0, 1.0, 1.0)
    assert adjusted_rand_index(GOLD, renamed) == 1.0


@pytest.mark.parametrize("n", [1, 2, 7])
def test_singletons_against_one_cluster(n: int) -> None:
    one = dict.fromkeys(range(n), "story")
    singletons = {i: i for i in range(n)}
    scores = bcubed(one, singletons)
    assert scores.precision == 1.0
    assert scores.recall == pytest.approx(1 / n)
    reverse = bcubed(singletons, one)
    assert reverse.precision == pytest.approx(1 / n)
    assert reverse.recall == 1.0
    pair_scores = pairwise(one, singletons)
    assert pair_scores.precision == 1.0  # no link predicted, so none wrong
    assert pair_scores.recall == (1.0 if n == 1 else 0.0)
    assert adjusted_rand_index(one, singletons) == (1.0 if n == 1 else 0.0)


def test_both_all_singletons_is_perfect() -> None:
    singletons = {i: i for i in range(4)}
    assert pairwise(singletons, singletons).f1 == 1.0
    assert adjusted_rand_index(singletons, singletons) == 1.0


def test_mismatched_items_are_named() -> None:
    with pytest.raises(ValueError, match=r"only in gold 1 \('c'\); only in predicted 1 \('z'\)"):
        bcubed({"a": 1, "c": 1}, {"a": 1, "z": 1})
    with pytest.raises(ValueError, match="only in gold none; only in predicted 7"):
        pairwise({}, dict.fromkeys(range(7), 0))
    with pytest.raises(ValueError, match="empty"):
        contingency({}, {})


def test_f1_of_zeros() -> None:
    assert f1_score(0.0, 0.0) == 0.0
    assert f1_score(1.0, 0.5) == pytest.approx(2 / 3)


@pytest.mark.skipif(importlib.util.find_spec("sklearn") is None, reason="scikit-learn is not installed")
@hypothesis_settings(deadline=None)  # the first example pays for importing scikit-learn
@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), min_size=1, max_size=40))
def test_ari_matches_sklearn(labels: list[tuple[int, int]]) -> None:
    from sklearn.metrics import adjusted_rand_score

    gold = {i: g for i, (g, _) in enumerate(labels)}
    predicted = {i: p for i, (_, p) in enumerate(labels)}
    expected = adjusted_rand_score([g for g, _ in labels], [p for _, p in labels])
    assert adjusted_rand_index(gold, predicted) == pytest.approx(expected, abs=1e-12)


def test_ari_reference_values() -> None:
    # scikit-learn documentation examples (adjusted_rand_score)
    def ari(a: list[int], b: list[int]) -> float:
        return adjusted_rand_index(dict(enumerate(a)), dict(enumerate(b)))

    assert ari([0, 0, 1, 1], [1, 1, 0, 0]) == 1.0
    assert ari([0, 0, 1, 2], [0, 0, 1, 1]) == pytest.approx(0.5714285714285714)
    assert ari([0, 0, 1, 1], [0, 0, 1, 2]) == pytest.approx(0.5714285714285714)
    assert ari([0, 0, 0, 0], [0, 1, 2, 3]) == 0.0
    assert ari([0, 0, 1, 1], [0, 1, 0, 1]) == pytest.approx(-0.5)


def test_pearson_hand_and_errors() -> None:
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    # deviations x: -1, 0, 1; y (mean 2): 0, -1, 1 -> sum of products 1, sxx 2, syy 2 -> 1 / 2
    assert pearson([1, 2, 3], [2, 1, 3]) == pytest.approx(0.5)
    with pytest.raises(ValueError, match="constant"):
        pearson([1, 1, 1], [1, 2, 3])
    with pytest.raises(ValueError, match="equal length"):
        pearson([1, 2], [1, 2, 3])
    with pytest.raises(ValueError, match="two points"):
        pearson([1], [1])


finite = st.floats(-1e6, 1e6, allow_nan=False)


@given(st.lists(st.tuples(finite, finite), min_size=2, max_size=50))
def test_pearson_matches_statistics(points: list[tuple[float, float]]) -> None:
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    try:
        expected = statistics.correlation(xs, ys)
    except statistics.StatisticsError:
        return  # a constant sequence: both refuse
    assert pearson(xs, ys) == pytest.approx(expected, abs=1e-9)


def test_roc_auc_by_hand() -> None:
    # positives 0.9, 0.8; negatives 0.8, 0.3: wins 0.9>0.8, 0.9>0.3, 0.8>0.3, tie 0.8=0.8 counts 1/2 -> 3.5/4
    assert roc_auc([0.9, 0.8, 0.8, 0.3], [True, False, True, False]) == pytest.approx(0.875)
    assert roc_auc([1, 2, 3], [False, True, True]) == 1.0
    assert roc_auc([1, 2, 3], [True, False, False]) == 0.0
    assert roc_auc([5, 5, 5, 5], [True, False, True, False]) == 0.5
    with pytest.raises(ValueError, match="positives and negatives"):
        roc_auc([1, 2], [True, True])
    with pytest.raises(ValueError, match="NaN"):
        roc_auc([math.nan, 2], [True, False])


@given(st.lists(st.tuples(st.integers(0, 5), st.booleans()), min_size=2, max_size=40))
def test_roc_auc_is_the_pair_count(data: list[tuple[int, bool]]) -> None:
    positives = [s for s, p in data if p]
    negatives = [s for s, p in data if not p]
    if not positives or not negatives:
        return
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in positives for n in negatives)
    auc = roc_auc([float(s) for s, _ in data], [p for _, p in data])
    assert auc == pytest.approx(wins / (len(positives) * len(negatives)))


# -- properties -------------------------------------------------------------------------------------

labellings = st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), min_size=1, max_size=40)


def _split(labels: list[tuple[int, int]]) -> tuple[dict[int, int], dict[int, int]]:
    return {i: g for i, (g, _) in enumerate(labels)}, {i: p for i, (_, p) in enumerate(labels)}


@given(labellings)
def test_swapping_gold_and_prediction_swaps_precision_and_recall(labels: list[tuple[int, int]]) -> None:
    gold, predicted = _split(labels)
    forward, backward = bcubed(gold, predicted), bcubed(predicted, gold)
    assert forward.precision == pytest.approx(backward.recall)
    assert forward.recall == pytest.approx(backward.precision)
    assert forward.f1 == pytest.approx(backward.f1)
    forward, backward = pairwise(gold, predicted), pairwise(predicted, gold)
    assert forward.precision == backward.recall
    assert forward.recall == backward.precision
    assert adjusted_rand_index(gold, predicted) == pytest.approx(adjusted_rand_index(predicted, gold))


@given(labellings, st.permutations(range(6)), st.permutations(range(6)))
def test_invariant_to_label_renaming(
    labels: list[tuple[int, int]], rename_gold: list[int], rename_pred: list[int]
) -> None:
    gold, predicted = _split(labels)
    renamed_gold = {item: f"g{rename_gold[label]}" for item, label in gold.items()}
    renamed_pred = {item: (rename_pred[label], "p") for item, label in predicted.items()}
    before, after = bcubed(gold, predicted), bcubed(renamed_gold, renamed_pred)
    assert (after.precision, after.recall, after.f1) == pytest.approx((before.precision, before.recall, before.f1))
    assert pairwise(renamed_gold, renamed_pred) == pairwise(gold, predicted)
    assert adjusted_rand_index(renamed_gold, renamed_pred) == pytest.approx(adjusted_rand_index(gold, predicted))


@given(labellings)
def test_scores_in_range(labels: list[tuple[int, int]]) -> None:
    gold, predicted = _split(labels)
    for scores in (bcubed(gold, predicted), pairwise(gold, predicted)):
        for value in (scores.precision, scores.recall, scores.f1):
            assert 0.0 <= value <= 1.0 + 1e-12
    assert -0.5 - 1e-12 <= adjusted_rand_index(gold, predicted) <= 1.0
    assert bcubed(gold, gold).f1 == pytest.approx(1.0)


@given(labellings)
def test_pair_counts_match_brute_force(labels: list[tuple[int, int]]) -> None:
    gold, predicted = _split(labels)
    counts = pair_counts(gold, predicted)
    items = sorted(gold)
    brute = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            same_gold, same_pred = gold[a] == gold[b], predicted[a] == predicted[b]
            brute["tp" if same_gold and same_pred else "fp" if same_pred else "fn" if same_gold else "tn"] += 1
    assert (counts.true_positive, counts.false_positive, counts.false_negative, counts.true_negative) == (
        brute["tp"],
        brute["fp"],
        brute["fn"],
        brute["tn"],
    )
