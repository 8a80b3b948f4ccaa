"""The word-pair table: spellings that must match and near pairs that must not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from akhbar.lang.ar import match_terms

TABLE = Path(__file__).with_name("match_pairs.tsv")


def _rows() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        left, right, expect, why = line.split("\t")
        rows.append((_decode(left), _decode(right), expect, why))
    return rows


def _decode(cell: str) -> str:
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda match: chr(int(match.group(1), 16)), cell)


ROWS = _rows()


def test_table_has_at_least_a_hundred_matching_pairs_and_near_pairs() -> None:
    assert sum(1 for row in ROWS if row[2] == "=") >= 100
    assert sum(1 for row in ROWS if row[2] == "!=") >= 30
    assert all(row[2] in ("=", "!=") for row in ROWS)


@pytest.mark.parametrize(("left", "right", "expect", "why"), ROWS, ids=[f"{r[0]}|{r[1]}" for r in ROWS])
def test_pair(left: str, right: str, expect: str, why: str) -> None:
    left_terms, right_terms = match_terms(left), match_terms(right)
    assert left_terms, f"{left!r} gave no terms ({why})"
    if expect == "=":
        assert left_terms == right_terms, why
    else:
        assert left_terms != right_terms, why
