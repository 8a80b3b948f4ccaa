"""The learned quotation-region scorer: its shipped file, its training and what it changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import akhbar.stages.quotes as quotes
from akhbar.models.quote_regions import (
    FEATURE_VERSION,
    QuoteModelError,
    RegionScorer,
    default_model_path,
    default_scorer,
    load_scorer,
)
from akhbar.stages.quotes import SPEECH_VERBS, extract_quotes, region_features, region_vocabulary
from akhbar.train.quote_regions import ADD_ABOVE, DROP_BELOW, fit, train

#: feature names whose values are fixed classes (sizes, booleans, frames, mark characters)
STRUCTURAL = ("n=", "endp=", "fp=", "mark=", "parastart=", "nested=", "contains=", "trig", "atrig=")


def _word_of(value: str) -> str | None:
    """The akhbar word a word-class value names, or None for a shape, punctuation or frame class."""
    if value.startswith("L"):
        return value[1:]
    if value.startswith("P"):
        return value.split("+", 1)[1]
    return None


def _classes(name: str, value: str) -> list[str]:
    return value.split("|") if name == "p12" else [value]


def test_the_shipped_scorer_loads_with_its_thresholds() -> None:
    scorer = default_scorer()
    assert scorer.drop_below == DROP_BELOW and scorer.add_above == ADD_ABOVE
    assert scorer.meta["feature_version"] == FEATURE_VERSION
    assert len(scorer.weights) > 100
    assert default_model_path().stat().st_size < 200_000


def test_the_shipped_weights_name_only_akhbars_own_words() -> None:
    """No corpus text ships: every word in a feature is from akhbar's hand-written lists."""
    vocabulary = region_vocabulary()
    lemmas = set(SPEECH_VERBS)
    for feature in default_scorer().weights:
        name, _, value = feature.partition("=")
        if feature.startswith(STRUCTURAL) or feature == "bias":
            continue
        for word_class in _classes(name, value):
            if word_class.startswith("T"):
                assert word_class.split(":", 1)[1] in lemmas, feature
                continue
            word = _word_of(word_class)
            if word is not None:
                assert word in vocabulary, feature
            else:
                assert word_class[:1] in "WX" or word_class in ("BOS", "EOS"), feature
                assert len(word_class) <= 8, feature  # a shape class, not a word


def test_fit_is_deterministic_and_learns_the_signal() -> None:
    rows = [["bias", "p1=X:"], ["bias", "p1=X:", "fp=True"], ["bias", "p1=Lفي"], ["bias", "p1=Lفي", "n=1"]] * 5
    labels = [True, True, False, False] * 5
    first, second = fit(rows, labels, c=10.0), fit(rows, labels, c=10.0)
    assert first == second
    bias, weights = first
    scorer = RegionScorer(bias, weights, DROP_BELOW, ADD_ABOVE, {})
    assert scorer.probability(["bias", "p1=X:"]) > 0.7
    assert scorer.probability(["bias", "p1=Lفي", "n=1"]) < 0.2


def test_retraining_rebuilds_the_shipped_scorer(shared_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "quote-regions.json"
    meta = train(out, shared_data)
    assert meta["regions"] > 1000 and 0 < meta["positive"] < meta["regions"]
    rebuilt, shipped = load_scorer(out), default_scorer()
    assert rebuilt.weights.keys() == shipped.weights.keys()
    assert max(abs(rebuilt.weights[k] - shipped.weights[k]) for k in shipped.weights) < 1e-4
    assert abs(rebuilt.bias - shipped.bias) < 1e-4


def test_a_bad_model_file_says_what_is_wrong(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(QuoteModelError, match="cannot read"):
        load_scorer(broken)
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"feature_version": FEATURE_VERSION + 1, "weights": {}}), encoding="utf-8")
    with pytest.raises(QuoteModelError, match="feature version"):
        load_scorer(other)
    missing = tmp_path / "missing.json"
    missing.write_text(json.dumps({"feature_version": FEATURE_VERSION}), encoding="utf-8")
    with pytest.raises(QuoteModelError, match="malformed"):
        load_scorer(missing)


def test_features_of_a_region() -> None:
    text = "وقال الوزير: «نحن مستعدون للحوار مع الجميع»."
    (region,) = quotes._quote_regions(text)
    features = region_features(text, region, [region])
    assert "p1=X:" in features and "trig3=say" in features and "fp=True" in features
    assert "n=5" in features and "parastart=False" in features


@pytest.fixture
def neutral_scorer(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rules alone: a scorer that never overrules them (every region at probability 0.5)."""
    monkeypatch.setattr(quotes, "default_scorer", lambda: RegionScorer(0.0, {}, DROP_BELOW, ADD_ABOVE, {}))


def _found(text: str) -> list[tuple[str, str]]:
    return [(q.kind, text[q.start : q.end]) for q in extract_quotes("a", text)]


SENTENCES = (
    "وقال بول مايسفيلد، الرئيس التنفيذي لشركة «إم بي إم» العقارية، إن السوق تتحسن.",
    "وقال المدرب إن الفريق جاهز للموسم.\n«هو هداف قدير، وهو لاعب المستقبل بالنسبة لنا ولن نفرط فيه أبدا».",
)


@pytest.mark.parametrize("text", SENTENCES)
def test_the_rules_alone_get_these_wrong(text: str, neutral_scorer: None) -> None:
    wrong = {
        SENTENCES[0]: [("direct", "إم بي إم")],
        SENTENCES[1]: [("indirect", "الفريق جاهز للموسم")],
    }
    assert _found(text) == wrong[text]


def test_a_company_name_in_marks_is_no_quote_and_the_frame_goes_on_to_its_clause() -> None:
    assert _found(SENTENCES[0]) == [("indirect", "السوق تتحسن")]


def test_a_quotation_no_rule_frames_is_added_with_the_speaker_before_it() -> None:
    text = SENTENCES[1]
    assert _found(text)[1] == ("direct", "هو هداف قدير، وهو لاعب المستقبل بالنسبة لنا ولن نفرط فيه أبدا")
    assert extract_quotes("a", text)[1].speaker == "المدرب"


def test_a_described_quotation_after_a_complementizer_is_kept() -> None:
    text = "ووصف رئيس البلدية السلاح الذري بأنه «شر مطلق»."
    assert ("direct", "شر مطلق") in _found(text)
