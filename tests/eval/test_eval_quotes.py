"""The quote scorer on hand-made cases, and the development set against the shared data (skipped
when ../shared/data is absent)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from akhbar.eval.quotes import (
    DEFAULT_DEV,
    DEFAULT_HELDOUT,
    HELDOUT_SET_COUNT,
    QUOTE_SETS,
    QuoteFileError,
    build_eval_file,
    entry_key,
    evaluate_quotes,
    match_spans,
    score,
)
from akhbar.types import Quote

TEXT = "قال الوزير إن الاتفاق جيد. وأضاف: «سنوقع غداً». وقال السفير إن الوفد وصل."


def write(path: Path, articles: list[dict]) -> Path:
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
    return path


def span(text: str, content: str) -> tuple[int, int]:
    start = text.index(content)
    return start, start + len(content)


def test_match_needs_half_of_the_longer_span() -> None:
    assert match_spans([(0, 10)], [(0, 20)]) == [(0, 0)]  # overlap 10 = half of 20
    assert match_spans([(0, 9)], [(0, 20)]) == []
    assert match_spans([(5, 25)], [(0, 20)]) == [(0, 0)]  # overlap 15 of 20


def test_matching_is_one_to_one_and_greedy_by_overlap() -> None:
    # both predictions overlap the first gold; the larger overlap wins, the other finds no partner
    assert match_spans([(0, 10), (0, 18)], [(0, 20)]) == [(1, 0)]
    assert match_spans([(0, 18), (0, 10)], [(0, 20), (0, 10)]) == [(0, 0), (1, 1)]


def test_score_per_kind_and_speaker_accuracy() -> None:
    gold = [
        {"start": 14, "end": 25, "kind": "indirect", "speaker": "الوزير"},
        {"start": 36, "end": 46, "kind": "direct", "speaker": "الوزير"},
        {"start": 62, "end": 71, "kind": "indirect", "speaker": "السفير"},
    ]
    predicted = [
        {"start": 14, "end": 25, "kind": "indirect", "speaker": "وزير"},  # contained: agrees
        {"start": 36, "end": 46, "kind": "indirect", "speaker": "الوزير"},  # wrong kind: no match
        {"start": 62, "end": 71, "kind": "indirect", "speaker": None},  # speaker missing
    ]
    result = score([{"id": "a", "text": TEXT, "quotes": gold}], {"a": predicted})
    assert result["indirect"] == {"precision": 0.6667, "recall": 1.0, "f1": 0.8}
    assert result["direct"] == {"precision": 1.0, "recall": 0.0, "f1": 0.0}
    assert result["speaker_accuracy"] == 0.5
    assert result["counts"]["indirect"] == {"gold": 2, "predicted": 3, "matched": 2}


def test_evaluate_quotes_contract(tmp_path: Path) -> None:
    text = "وقال الوزير: «سنوقع الاتفاق غداً». وأكدت الوزارة أن الوفد وصل إلى العاصمة."
    direct = span(text, "سنوقع الاتفاق غداً")
    indirect = span(text, "الوفد وصل إلى العاصمة")
    path = write(
        tmp_path / "gold.jsonl",
        [
            {
                "id": "x1",
                "title": "",
                "text": text,
                "quotes": [
                    {"start": direct[0], "end": direct[1], "speaker": "الوزير", "kind": "direct"},
                    {"start": indirect[0], "end": indirect[1], "speaker": "الوزارة", "kind": "indirect"},
                ],
            },
            {"id": "x2", "title": "", "text": "افتتح المعرض أمس.", "quotes": []},
        ],
    )
    result = evaluate_quotes(path)
    assert set(result) >= {"direct", "indirect", "speaker_accuracy", "counts", "articles"}
    assert result["direct"]["f1"] == 1.0 and result["indirect"]["f1"] == 1.0
    assert result["speaker_accuracy"] == 1.0
    assert result["articles"] == 2


def test_evaluate_with_another_extractor(tmp_path: Path) -> None:
    path = write(tmp_path / "g.jsonl", [{"id": "x", "text": TEXT, "quotes": []}])

    def nothing(article_id: str, text: str) -> Sequence[Quote]:
        return []

    result = evaluate_quotes(path, nothing)
    assert result["direct"]["precision"] == 1.0 and result["speaker_accuracy"] is None


@pytest.mark.parametrize(
    "line",
    [
        "not json",
        json.dumps({"text": "x"}),
        json.dumps({"id": 1, "text": "abc", "quotes": [{"start": 0, "end": 2, "kind": "quoted"}]}),
        json.dumps({"id": 1, "text": "abc", "quotes": [{"start": 0, "end": 9, "kind": "direct"}]}),
    ],
)
def test_bad_lines_say_where(tmp_path: Path, line: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(QuoteFileError, match=r"bad\.jsonl:1"):
        evaluate_quotes(path)


ALL_SETS = QUOTE_SETS


#: held-outs 13 to 18 have 57, 51 and 50 articles: the pool of SemEval texts with a marked quotation ran out
SIZES = {
    "heldout13": 57,
    "heldout14": 51,
    **{f"heldout{k}": 50 for k in range(15, 20)},
    **{f"heldout{k}": 45 for k in range(20, HELDOUT_SET_COUNT + 1)},  # (each fresh test since held-out 20)
}


@pytest.mark.parametrize(
    ("labels", "size"), [(DEFAULT_DEV, 60), *((labels, SIZES.get(labels.stem, 60)) for labels in ALL_SETS[1:])]
)
def test_sets_hold_ids_and_offsets_only(labels: Path, size: int) -> None:
    entries = [json.loads(line) for line in labels.read_text(encoding="utf-8").splitlines()]
    assert len(entries) >= size
    assert len({entry_key(e) for e in entries}) == len(entries)
    for entry in entries:
        assert not {"text", "content", "title"} & set(entry)
        assert len(entry["sha1"]) == 40
        for quote in entry["quotes"]:
            assert set(quote) == {"start", "end", "speaker", "kind", "channel"}
            assert quote["kind"] in ("direct", "indirect") and 0 <= quote["start"] < quote["end"]


@pytest.mark.parametrize("later", range(1, len(ALL_SETS)))
def test_a_held_out_set_shares_no_article_with_any_earlier_set(later: int) -> None:
    def load(path: Path) -> list[dict]:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]

    heldout = load(ALL_SETS[later])
    dev = [entry for earlier in ALL_SETS[:later] for entry in load(earlier)]
    assert not {entry_key(e) for e in dev} & {entry_key(e) for e in heldout}
    assert not {e["sha1"] for e in dev} & {e["sha1"] for e in heldout}
    dev_pairs = {e["pair_id"] for e in dev if e["dataset"] == "semeval"}
    assert not dev_pairs & {e["pair_id"] for e in heldout if e["dataset"] == "semeval"}
    excluded = {f"2015-08-{day:02d}.zip" for day in range(6, 12)}
    assert not excluded & {e["file"] for e in heldout if e["dataset"] == "saudinewsnet"}


def built(shared_data: Path, tmp_path: Path, labels: Path) -> Path:
    out = tmp_path / "quotes.jsonl"
    assert build_eval_file(shared_data, out, dev=labels) >= 30
    for line in out.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for quote in record["quotes"]:
            content = record["text"][quote["start"] : quote["end"]]
            assert content == content.strip() and content
    return out


def test_dev_set_resolves_and_scores_above_its_floors(shared_data: Path, tmp_path: Path) -> None:
    result = evaluate_quotes(built(shared_data, tmp_path, DEFAULT_DEV))
    # floors a change may not lower without saying so (the measured figures are in the README);
    # the extractor was developed on this set: these are not the figures to quote. Direct precision
    # 0.965 since round six: the title line "الحمود: فايز جاحد …" is now read as his words, as the
    # later sets' guidelines have it (a headline "المتحدث: …" in the speaker's voice); this set,
    # annotated first, left it unmarked
    assert result["direct"]["precision"] >= 0.96
    assert result["direct"]["recall"] >= 0.93
    assert result["indirect"]["precision"] >= 0.89
    assert result["indirect"]["recall"] >= 0.89
    assert result["speaker_accuracy"] >= 0.92


def test_held_out_set_resolves_and_scores_above_its_floors(shared_data: Path, tmp_path: Path) -> None:
    """60 articles annotated before the extractor ran on them and never tuned on (measured: direct
    P 0.82 R 0.69, indirect P 0.91 R 0.84, speaker 0.83; tests/data/quotes/README.md)."""
    result = evaluate_quotes(built(shared_data, tmp_path, DEFAULT_HELDOUT))
    assert result["articles"] == 60
    assert result["direct"]["precision"] >= 0.78
    assert result["direct"]["recall"] >= 0.66
    assert result["indirect"]["precision"] >= 0.89
    assert result["indirect"]["recall"] >= 0.81
    assert result["speaker_accuracy"] >= 0.80


SECOND_ANNOTATION = DEFAULT_DEV.with_name("heldout10_second.jsonl")


def test_the_second_annotation_covers_the_tenth_set_article_for_article() -> None:
    def load(path: Path) -> list[dict]:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]

    first, second = load(DEFAULT_DEV.with_name("heldout10.jsonl")), load(SECOND_ANNOTATION)
    assert [entry_key(e) for e in second] == [entry_key(e) for e in first]
    assert [e["sha1"] for e in second] == [e["sha1"] for e in first]
    # the two annotations were made apart: they are not one file written twice
    assert [e["quotes"] for e in second] != [e["quotes"] for e in first]


def test_agreement_script_scores_each_annotation_against_the_other(shared_data: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("agreement", DEFAULT_DEV.with_name("agreement.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    result = module.agreement(DEFAULT_DEV.with_name("heldout10.jsonl"), SECOND_ANNOTATION, shared_data)
    assert result["articles"] == 60
    forward, backward = result["second_against_first"], result["first_against_second"]
    for kind in ("direct", "indirect"):  # one file's precision is the other's recall
        assert forward[kind]["precision"] == backward[kind]["recall"]
        assert forward[kind]["recall"] == backward[kind]["precision"]
    # measured (README, "Agreement"): direct F1 0.99, indirect 0.98; the extractor 0.92 and 0.84 after round nine
    assert forward["direct"]["f1"] >= 0.95 and forward["indirect"]["f1"] >= 0.95
    assert result["extractor_against_first"]["direct"]["f1"] < forward["direct"]["f1"]
