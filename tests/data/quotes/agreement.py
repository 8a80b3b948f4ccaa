"""Agreement between two annotations of one quote set, and the extractor against each.

    python tests/data/quotes/agreement.py [FIRST SECOND]   # default: heldout10.jsonl heldout10_second.jsonl

Each file is in the held-out format (ids, offsets and labels; the texts are read from
``../shared/data``). The second annotation is scored as if it were a system against the first (the
matching and figures of ``akhbar eval quotes``), then the other way round, then the extractor against
each. Prints one JSON object.
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

from akhbar.eval.quotes import build_eval_file, evaluate_quotes, read_eval_file, score  # noqa: E402


def _figures(gold: list[dict[str, Any]], predicted: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    result = score(gold, predicted)
    result.pop("errors")
    return result


def agreement(first: Path, second: Path, data_dir: Path) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        files = [Path(folder) / "first.jsonl", Path(folder) / "second.jsonl"]
        for path, out in zip((first, second), files, strict=True):
            build_eval_file(data_dir, out, dev=path)
        a, b = (read_eval_file(out) for out in files)
        extractor = [evaluate_quotes(out) for out in files]  # (the extractor against each, as `akhbar eval quotes`)
    if [x["id"] for x in a] != [x["id"] for x in b]:
        raise SystemExit(f"{first.name} and {second.name} do not annotate the same articles in the same order")
    quotes_a = {x["id"]: x["quotes"] for x in a}
    quotes_b = {x["id"]: x["quotes"] for x in b}
    return {
        "articles": len(a),
        "second_against_first": _figures(a, quotes_b),
        "first_against_second": _figures(b, quotes_a),
        "extractor_against_first": extractor[0],
        "extractor_against_second": extractor[1],
    }


def main(argv: list[str]) -> None:
    first, second = (
        (HERE / argv[0], HERE / argv[1])
        if len(argv) == 2
        else (
            HERE / "heldout10.jsonl",
            HERE / "heldout10_second.jsonl",
        )
    )
    print(json.dumps(agreement(first, second, REPO.parent / "shared" / "data"), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
