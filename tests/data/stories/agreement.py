"""Agreement on story and event labels: the second labelling of a 600-article sample of 2015-08-04
(``2015-08-04.second-sample.jsonl``) against the day's labels, and akhbar against both.

    python tests/data/stories/agreement.py

akhbar clusters the whole day (the full default pipeline, as ``akhbar eval stories``); every figure
on the sample is B-cubed (and pairwise) over the sample's articles only. Prints one JSON object.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
sys.path.insert(0, str(REPO / "src"))

from akhbar.config import load_settings  # noqa: E402
from akhbar.eval.metrics import bcubed, pairwise  # noqa: E402
from akhbar.eval.stories import cluster_labelled, predicted_labels, read_labelled  # noqa: E402
from akhbar.eval.story_labels import build_eval_file  # noqa: E402

SAMPLE = HERE / "2015-08-04.second-sample.jsonl"


def _figures(gold: dict[str, Any], predicted: dict[str, Any]) -> dict[str, float]:
    b3, pairs = bcubed(gold, predicted), pairwise(gold, predicted)
    return {
        "bcubed_precision": round(b3.precision, 4),
        "bcubed_recall": round(b3.recall, 4),
        "bcubed_f1": round(b3.f1, 4),
        "pairwise_f1": round(pairs.f1, 4),
    }


def agreement(data_dir: Path) -> dict[str, Any]:
    second = {row["url"]: row for row in map(json.loads, SAMPLE.read_text(encoding="utf-8").splitlines())}
    with tempfile.TemporaryDirectory() as folder:
        day = Path(folder) / "day.jsonl"
        build_eval_file(data_dir, HERE / "2015-08-04.labels.jsonl", day)
        articles = sorted(read_labelled(day), key=lambda a: (a.published, a.id))
    rows, _ = cluster_labelled(articles, load_settings())
    missing = set(second) - {a.id for a in articles}
    if missing:
        raise SystemExit(f"{len(missing)} sample urls are not articles of the day, e.g. {sorted(missing)[0]}")
    result: dict[str, Any] = {"articles": len(articles), "sample": len(second)}
    for level in ("story", "event"):
        gold = {a.id: a.gold_label(level) for a in articles}
        system = predicted_labels(articles, rows, level)
        on_sample = sorted(second)
        gold_s = {i: gold[i] for i in on_sample}
        system_s = {i: system[i] for i in on_sample}
        second_s = {i: second[i][level] for i in on_sample}
        result[level] = {
            "akhbar_against_labels_whole_day": _figures(gold, system),
            "akhbar_against_labels_on_sample": _figures(gold_s, system_s),
            "second_labelling_against_labels_on_sample": _figures(gold_s, second_s),
            "akhbar_against_second_labelling_on_sample": _figures(second_s, system_s),
        }
    return result


if __name__ == "__main__":
    print(json.dumps(agreement(REPO.parent / "shared" / "data"), indent=1))
