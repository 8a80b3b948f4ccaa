"""Named-entity recognition scoring: CoNLL files, conlleval chunking, entity-level micro F1.

A CoNLL file has one ``token TAG`` per line (the tag is the last whitespace-separated column) and
a blank line between sentences. Tags are IOB2 over PERS, LOC, ORG and MISC; ``PER`` is read as
PERS and ``MIS`` as MISC (the AQMAR spelling).

Chunks follow conlleval's rules exactly (so scores agree with conlleval and seqeval's default
mode): a chunk ends before a ``B-``, an ``O``, or a change of type; an ``I-`` after ``O`` or after
a chunk of another type starts a new chunk (it is not dropped). ``E-`` and ``S-`` (IOBES) are
understood too. Scores are exact-match over (type, start, end) chunks, micro-averaged.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from akhbar.errors import AkhbarError

if TYPE_CHECKING:
    from akhbar.models.ner import NerModel

__all__ = [
    "Chunk",
    "ConllFormatError",
    "Sentence",
    "chunks",
    "evaluate_ner",
    "normalize_tag",
    "read_conll",
    "score",
]

#: Entity type spellings of other corpora → akhbar's kinds.
TYPE_ALIASES = {"PER": "PERS", "MIS": "MISC"}


class ConllFormatError(AkhbarError, ValueError):
    """A CoNLL file has a line that is not ``token TAG`` or a tag that is not IOB."""


@dataclass(frozen=True, slots=True)
class Sentence:
    tokens: tuple[str, ...]
    tags: tuple[str, ...]


@dataclass(frozen=True, slots=True, order=True)
class Chunk:
    start: int  # first token
    end: int  # one past the last token
    kind: str


def normalize_tag(tag: str) -> str:
    """``B-PER`` → ``B-PERS``, ``I-MIS`` → ``I-MISC``; ``O`` and known types unchanged."""
    if tag == "O" or "-" not in tag:
        return tag
    prefix, _, kind = tag.partition("-")
    return f"{prefix}-{TYPE_ALIASES.get(kind, kind)}"


def read_conll(path: Path) -> list[Sentence]:
    """Sentences of a CoNLL file; tags normalized with :func:`normalize_tag`."""
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, 1):
            fields = line.split()
            if not fields:
                if tokens:
                    sentences.append(Sentence(tuple(tokens), tuple(tags)))
                    tokens, tags = [], []
                continue
            if len(fields) < 2:
                raise ConllFormatError(f"{path}:{number}: expected 'token TAG', found {line.strip()!r}")
            tag = normalize_tag(fields[-1])
            if tag != "O" and (len(tag) < 3 or tag[0] not in "BIES" or tag[1] != "-"):
                raise ConllFormatError(f"{path}:{number}: {fields[-1]!r} is not an IOB tag (B-X, I-X or O)")
            tokens.append(fields[0])
            tags.append(tag)
    if tokens:
        sentences.append(Sentence(tuple(tokens), tuple(tags)))
    return sentences


def _split(tag: str) -> tuple[str, str]:
    if tag == "O" or "-" not in tag:
        return "O", ""
    prefix, _, kind = tag.partition("-")
    return prefix, kind


def _ends(previous: str, previous_kind: str, current: str, kind: str) -> bool:
    """conlleval's endOfChunk."""
    if previous in "ES":
        return True
    if previous in "BI" and current in "BOS":
        return True
    return previous != "O" and previous_kind != kind


def _starts(previous: str, previous_kind: str, current: str, kind: str) -> bool:
    """conlleval's startOfChunk."""
    if current in "BS":
        return True
    if current in "IE" and previous in "ESO":
        return True
    return current != "O" and previous_kind != kind


def chunks(tags: Sequence[str]) -> list[Chunk]:
    """The entity chunks of one tag sequence, by conlleval's rules."""
    found: list[Chunk] = []
    previous, previous_kind = "O", ""
    start = -1
    for index, tag in enumerate([*tags, "O"]):
        current, kind = _split(tag)
        if start >= 0 and _ends(previous, previous_kind, current, kind):
            found.append(Chunk(start, index, previous_kind))
            start = -1
        if _starts(previous, previous_kind, current, kind):
            start = index
        previous, previous_kind = current, kind
    return found


def _f1(correct: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score(gold: Iterable[Sequence[str]], predicted: Iterable[Sequence[str]]) -> dict[str, Any]:
    """Entity-level exact-match micro precision/recall/F1 and per-type figures."""
    counts: dict[str, Counter[str]] = {"correct": Counter(), "predicted": Counter(), "gold": Counter()}
    for gold_tags, predicted_tags in zip(gold, predicted, strict=True):
        if len(gold_tags) != len(predicted_tags):
            raise ValueError(f"a sentence has {len(gold_tags)} gold tags but {len(predicted_tags)} predicted")
        gold_chunks = set(chunks(gold_tags))
        predicted_chunks = set(chunks(predicted_tags))
        counts["gold"].update(chunk.kind for chunk in gold_chunks)
        counts["predicted"].update(chunk.kind for chunk in predicted_chunks)
        counts["correct"].update(chunk.kind for chunk in gold_chunks & predicted_chunks)
    precision, recall, f1 = _f1(
        sum(counts["correct"].values()), sum(counts["predicted"].values()), sum(counts["gold"].values())
    )
    per_type: dict[str, dict[str, float]] = {}
    for kind in sorted(set(counts["gold"]) | set(counts["predicted"])):
        p, r, f = _f1(counts["correct"][kind], counts["predicted"][kind], counts["gold"][kind])
        per_type[kind] = {"precision": p, "recall": r, "f1": f, "support": counts["gold"][kind]}
    return {"precision": precision, "recall": recall, "f1": f1, "per_type": per_type}


def evaluate_ner(path: Path, model: NerModel | None = None) -> dict[str, Any]:
    """Tag the tokens of a CoNLL file with the shipped model (or ``model``) and score the tags.

    Returns ``precision``, ``recall``, ``f1`` (entity-level micro), ``per_type`` (per kind:
    precision, recall, f1, support), ``sentences``, ``tokens`` and ``tokens_per_second`` (tagging
    only, features included; model loading excluded).
    """
    from akhbar.models.ner import NerModel

    sentences = read_conll(path)
    if model is None:
        model = NerModel()
    model.setup()
    started = time.perf_counter()
    predicted = [model.tag_words(sentence.tokens) for sentence in sentences]
    seconds = time.perf_counter() - started
    result = score((sentence.tags for sentence in sentences), predicted)
    tokens = sum(len(sentence.tokens) for sentence in sentences)
    result.update(
        sentences=len(sentences),
        tokens=tokens,
        tokens_per_second=tokens / seconds if seconds > 0 else 0.0,
    )
    return result
