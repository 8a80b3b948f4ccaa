"""The learned scorer of quotation-mark regions that ships as ``quote-regions.json``.

A logistic regression over the closed-vocabulary features of ``akhbar.stages.quotes.region_features``:
the probability that the text inside a pair of quotation marks is someone's words (a direct quote)
rather than a title, a name or a scare quote. The extractor's hand-written rules decide first; the
scorer then drops a direct quote whose region scores below ``drop_below`` and adds a region scoring
above ``add_above`` that no quote covers (``akhbar.stages.quotes.extract_quotes``). Rebuilt by
``akhbar train quote-regions`` (``akhbar.train.quote_regions``); model card in ``README.md``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from akhbar.errors import AkhbarError

MODEL_FILE = "quote-regions.json"
#: bumped whenever ``region_features`` changes what it emits: a model of another version is refused
FEATURE_VERSION = 1


class QuoteModelError(AkhbarError, ValueError):
    """The region model file is missing, malformed or built for other features."""


@dataclass(frozen=True, slots=True)
class RegionScorer:
    bias: float
    weights: Mapping[str, float]
    drop_below: float
    add_above: float
    meta: Mapping[str, Any]

    def probability(self, features: Iterable[str]) -> float:
        """P(the region is a direct quote) for its feature strings (unknown features weigh 0)."""
        get = self.weights.get
        score = self.bias + sum(get(feature, 0.0) for feature in features)
        return 1.0 / (1.0 + math.exp(-score)) if score > -700 else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            **self.meta,
            "feature_version": FEATURE_VERSION,
            "drop_below": self.drop_below,
            "add_above": self.add_above,
            "bias": self.bias,
            "weights": dict(sorted(self.weights.items())),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RegionScorer:
        if data.get("feature_version") != FEATURE_VERSION:
            raise QuoteModelError(
                f"quote region model has feature version {data.get('feature_version')}, expected {FEATURE_VERSION}"
            )
        try:
            weights = {str(k): float(v) for k, v in data["weights"].items()}
            meta = {k: v for k, v in data.items() if k not in ("weights", "bias", "drop_below", "add_above")}
            return cls(float(data["bias"]), weights, float(data["drop_below"]), float(data["add_above"]), meta)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise QuoteModelError(f"quote region model is malformed: {exc}") from exc


def default_model_path() -> Path:
    return Path(str(resources.files("akhbar.models").joinpath(MODEL_FILE)))


def load_scorer(path: Path) -> RegionScorer:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise QuoteModelError(f"cannot read the quote region model {path}: {exc}") from exc
    return RegionScorer.from_json(data)


@lru_cache(maxsize=1)
def default_scorer() -> RegionScorer:
    """The shipped scorer, read once."""
    return load_scorer(default_model_path())
