from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akhbar.eval.ner import Chunk, ConllFormatError, chunks, evaluate_ner, normalize_tag, read_conll, score


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (["B-PERS", "I-PERS", "O"], [Chunk(0, 2, "PERS")]),
        (["O", "B-LOC"], [Chunk(1, 2, "LOC")]),
        # an I- without a B- starts a chunk, as conlleval does
        (["I-LOC", "I-LOC", "O"], [Chunk(0, 2, "LOC")]),
        (["O", "I-ORG", "O", "I-ORG"], [Chunk(1, 2, "ORG"), Chunk(3, 4, "ORG")]),
        # a change of type ends a chunk and starts another
        (["B-LOC", "I-ORG", "I-ORG"], [Chunk(0, 1, "LOC"), Chunk(1, 3, "ORG")]),
        (["B-PERS", "B-PERS", "I-PERS"], [Chunk(0, 1, "PERS"), Chunk(1, 3, "PERS")]),
        (["I-PERS", "B-PERS"], [Chunk(0, 1, "PERS"), Chunk(1, 2, "PERS")]),
        (["B-MISC", "I-MISC", "I-MISC"], [Chunk(0, 3, "MISC")]),
        # IOBES, as conlleval reads it
        (["S-LOC", "B-ORG", "E-ORG", "I-ORG"], [Chunk(0, 1, "LOC"), Chunk(1, 3, "ORG"), Chunk(3, 4, "ORG")]),
        (["O", "O"], []),
        ([], []),
    ],
)
def test_chunks_follow_conlleval(tags: list[str], expected: list[Chunk]) -> None:
    assert chunks(tags) == expected


def test_normalize_tag_maps_aqmar_types() -> None:
    assert normalize_tag("B-PER") == "B-PERS"
    assert normalize_tag("I-MIS") == "I-MISC"
    assert normalize_tag("B-LOC") == "B-LOC"
    assert normalize_tag("O") == "O"


def test_score_by_hand() -> None:
    gold = [["B-PERS", "I-PERS", "O", "B-LOC"], ["B-ORG", "O"]]
    predicted = [["B-PERS", "I-PERS", "O", "B-ORG"], ["B-ORG", "B-LOC"]]
    result = score(gold, predicted)
    # correct: PERS(0,2), ORG(0,1) → 2 of 4 predicted, 2 of 3 gold
    assert result["precision"] == pytest.approx(0.5)
    assert result["recall"] == pytest.approx(2 / 3)
    assert result["f1"] == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    assert result["per_type"]["PERS"]["f1"] == 1.0
    assert result["per_type"]["LOC"]["f1"] == 0.0
    assert result["per_type"]["ORG"]["precision"] == pytest.approx(0.5)
    assert result["per_type"]["ORG"]["support"] == 1


def test_score_rejects_length_mismatch() -> None:
    with pytest.raises(ValueError, match="gold tags"):
        score([["O", "O"]], [["O"]])


def test_read_conll(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("جو B-PER\nبايدن I-PER\nفي O\n\n\nبغداد B-LOC\nالمونديال B-MIS\n", encoding="utf-8")
    sentences = read_conll(path)
    assert [s.tokens for s in sentences] == [("جو", "بايدن", "في"), ("بغداد", "المونديال")]
    assert sentences[0].tags == ("B-PERS", "I-PERS", "O")
    assert sentences[1].tags == ("B-LOC", "B-MISC")


@pytest.mark.parametrize("line", ["بغداد\n", "بغداد LOC-B\n", "بغداد X\n"])
def test_read_conll_reports_the_line(tmp_path: Path, line: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_text("في O\n" + line, encoding="utf-8")
    with pytest.raises(ConllFormatError, match=r"bad.txt:2"):
        read_conll(path)


_TAGS = st.sampled_from(["O", "O", "O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"])
_SENTENCES = st.lists(st.lists(_TAGS, min_size=1, max_size=12), min_size=1, max_size=6)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_scores_agree_with_seqeval(data: st.DataObject) -> None:
    seqeval_metrics = pytest.importorskip("seqeval.metrics")
    gold = data.draw(_SENTENCES)
    predicted = [data.draw(st.lists(_TAGS, min_size=len(s), max_size=len(s))) for s in gold]
    ours = score(gold, predicted)
    if not any(chunks(s) for s in gold) or not any(chunks(s) for s in predicted):
        return  # seqeval warns and returns 0 where a ratio has no denominator; so do we
    assert ours["precision"] == pytest.approx(seqeval_metrics.precision_score(gold, predicted))
    assert ours["recall"] == pytest.approx(seqeval_metrics.recall_score(gold, predicted))
    assert ours["f1"] == pytest.approx(seqeval_metrics.f1_score(gold, predicted))


def test_evaluate_ner_on_a_small_file(tmp_path: Path) -> None:
    path = tmp_path / "small.txt"
    path.write_text(
        "وقال O\nالرئيس O\nالأمريكي O\nجو B-PERS\nبايدن I-PERS\nفي O\nبغداد B-LOC\n. O\n\n"
        "وصل O\nوزير O\nالخارجية O\nإلى O\nالقاهرة B-LOC\n. O\n",
        encoding="utf-8",
    )
    result = evaluate_ner(path)
    assert result["sentences"] == 2
    assert result["tokens"] == 14
    assert result["tokens_per_second"] > 0
    assert set(result) >= {"precision", "recall", "f1", "per_type"}
    assert result["per_type"]["LOC"]["support"] == 2
    assert result["f1"] > 0.5
