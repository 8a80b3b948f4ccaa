"""The quality gate: the figures in akhbar/eval/baseline.json are floors a change may not lower
without saying so (and lowering the floor in the same change). Runs on the development data."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from akhbar.config import Settings
from akhbar.eval.clean_lines import load_labelled, score_outputs, stage_outputs
from akhbar.eval.pairs import evaluate_pairs
from akhbar.eval.quotes import QUOTE_SETS, build_eval_file, evaluate_quotes
from akhbar.eval.stories import evaluate_stories
from akhbar.eval.story_labels import build_eval_file as build_story_file

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def baseline() -> dict[str, Any]:
    return json.loads(resources.files("akhbar.eval").joinpath("baseline.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("day", ["2015-08-02", "2015-08-04"])
@pytest.mark.parametrize("level", ["story", "event"])
def test_story_clustering_floors(
    day: str, level: str, baseline: dict[str, Any], shared_data: Path, tmp_path: Path, settings: Settings
) -> None:
    floors = baseline["stories"][day][level]
    gold = tmp_path / "dev.jsonl"
    build_story_file(shared_data, REPO / f"tests/data/stories/{day}.labels.jsonl", gold)
    result = evaluate_stories(gold, level, settings)  # type: ignore[arg-type]
    assert result["bcubed_f1"] >= floors["bcubed_f1"], result
    assert result["bcubed_precision"] >= floors["bcubed_precision"], result


def test_pair_similarity_floors(baseline: dict[str, Any], shared_data: Path, settings: Settings) -> None:
    floors = baseline["pairs"]["semeval2022_task8_ar_train"]
    result = evaluate_pairs(shared_data / "semeval2022_task8_ar/ar_ar_train_pairs_with_text.jsonl", settings)
    assert result["pearson"] >= floors["pearson"], result
    assert result["same_event_auc"] >= floors["same_event_auc"], result


def test_cleaning_floors(baseline: dict[str, Any], shared_data: Path) -> None:
    floors = baseline["cleaning"]
    articles = load_labelled(shared_data)
    overall = score_outputs(articles, stage_outputs(articles)).overall.as_dict()
    assert overall["precision"] >= floors["removal_precision"], overall
    assert overall["recall"] >= floors["removal_recall"], overall


#: baseline.json names the sets "quotes" (the development set), "quotes_heldout", "quotes_heldout2", …
QUOTE_FLOORS = [("quotes" if labels.stem == "dev" else f"quotes_{labels.stem}", labels) for labels in QUOTE_SETS]


@pytest.mark.parametrize(("name", "labels"), QUOTE_FLOORS)
def test_quote_floors(name: str, labels: Path, baseline: dict[str, Any], shared_data: Path, tmp_path: Path) -> None:
    floors = baseline[name]
    gold = tmp_path / "quotes.jsonl"
    build_eval_file(shared_data, gold, dev=labels)
    result = evaluate_quotes(gold)
    for kind in ("direct", "indirect"):
        assert result[kind]["precision"] >= floors[kind]["precision"], result
        assert result[kind]["recall"] >= floors[kind]["recall"], result
    assert result["speaker_accuracy"] >= floors["speaker_accuracy"], result
