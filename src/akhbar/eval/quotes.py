"""Evaluation of quote extraction: ``akhbar eval quotes FILE.jsonl --json``.

Eval file, one article a line::

    {"id", "title", "text", "quotes": [{"start", "end", "speaker", "kind"}]}

``start``/``end`` are character offsets into ``text`` of the quoted content (marks excluded),
``speaker`` is a name or role as written (or null), ``kind`` is ``direct`` or ``indirect``. A
``channel`` key may be present too; it is then scored as ``channel_accuracy``.

Matching: a predicted quote matches a gold quote of the same kind when their spans overlap by at
least half of the longer span; one-to-one, greedy by overlap (largest first, ties by position), so
the result does not depend on the order of the lines or the quotes. Speaker accuracy is measured over
matched quotes: two speakers agree when both are null or when, normalized, one contains the other.

The development set in ``tests/data/quotes/dev.jsonl`` (and the held-out set beside it,
``heldout.jsonl``) holds no text: ``build_eval_file`` reads the articles from the shared data
folder, checks each text's sha1 and writes the eval file.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from akhbar.errors import AkhbarError, NotFoundError
from akhbar.stages.quotes import extract_quotes, speakers_match
from akhbar.types import Quote

KINDS = ("direct", "indirect")
MIN_OVERLAP = 0.5
#: the development set in a source checkout (``src/akhbar/eval`` -> repository root)
DEFAULT_DEV = Path(__file__).resolve().parents[3] / "tests" / "data" / "quotes" / "dev.jsonl"
#: the first held-out set (same format; annotated before the extractor ran on it; its errors were
#: worked from afterwards, so it is now a second development set)
DEFAULT_HELDOUT = DEFAULT_DEV.with_name("heldout.jsonl")
#: the second held-out set (annotated by someone who never ran the extractor on it; its errors were
#: worked from afterwards, so it is a development set too)
DEFAULT_HELDOUT2 = DEFAULT_DEV.with_name("heldout2.jsonl")
#: the third held-out set (annotated without running the extractor; worked from afterwards)
DEFAULT_HELDOUT3 = DEFAULT_DEV.with_name("heldout3.jsonl")
#: the fourth held-out set (annotated without running the extractor; worked from afterwards)
DEFAULT_HELDOUT4 = DEFAULT_DEV.with_name("heldout4.jsonl")
#: the fifth held-out set (annotated without running the extractor; worked from afterwards)
DEFAULT_HELDOUT5 = DEFAULT_DEV.with_name("heldout5.jsonl")
#: the sixth held-out set (annotated without running the extractor; worked from afterwards)
DEFAULT_HELDOUT6 = DEFAULT_DEV.with_name("heldout6.jsonl")
#: the seventh held-out set (annotated without running the extractor; the region scorer learns from it)
DEFAULT_HELDOUT7 = DEFAULT_DEV.with_name("heldout7.jsonl")
#: how many held-out sets there are; their provenance (who annotated them, which rules were made from their
#: errors, which were measured fresh) is in tests/data/quotes/README.md
HELDOUT_SET_COUNT = 90


def heldout_set(number: int) -> Path:
    """The labels of the ``number``-th held-out quote set (1 is ``DEFAULT_HELDOUT``)."""
    return DEFAULT_DEV.with_name("heldout.jsonl" if number == 1 else f"heldout{number}.jsonl")


#: every annotated quote set, oldest first: the development set, then the held-out sets
QUOTE_SETS: tuple[Path, ...] = (DEFAULT_DEV, *(heldout_set(k) for k in range(1, HELDOUT_SET_COUNT + 1)))

Extractor = Callable[[str, str], Sequence[Quote]]


class QuoteFileError(AkhbarError, ValueError):
    """An eval or development file line is malformed."""


class MissingArticleError(NotFoundError):
    """An article of the development set is not in the data folder, or its text has changed."""


# --- matching and scores --------------------------------------------------------------------------


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_spans(predicted: Sequence[tuple[int, int]], gold: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one (predicted index, gold index) pairs overlapping by ≥ half of the longer span."""
    candidates = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            overlap = _overlap(p, g)
            longer = max(p[1] - p[0], g[1] - g[0])
            if longer > 0 and overlap >= MIN_OVERLAP * longer:
                candidates.append((-overlap, p[0], g[0], i, j))
    candidates.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, _, _, i, j in candidates:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    precision = tp / n_pred if n_pred else 1.0
    recall = tp / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def score(
    articles: Iterable[Mapping[str, Any]], predictions: Mapping[str, Sequence[Mapping[str, Any]]]
) -> dict[str, Any]:
    """Scores of ``predictions`` (article id -> quotes as dicts) against the gold ``articles``."""
    counts = {kind: {"gold": 0, "predicted": 0, "matched": 0} for kind in KINDS}
    speaker_ok = speaker_n = channel_ok = channel_n = 0
    errors: list[dict[str, Any]] = []
    for article in articles:
        article_id = str(article["id"])
        gold_all = list(article.get("quotes", []))
        pred_all = list(predictions.get(article_id, []))
        for kind in KINDS:
            gold = [q for q in gold_all if q["kind"] == kind]
            pred = [q for q in pred_all if q["kind"] == kind]
            pairs = match_spans([(q["start"], q["end"]) for q in pred], [(q["start"], q["end"]) for q in gold])
            counts[kind]["gold"] += len(gold)
            counts[kind]["predicted"] += len(pred)
            counts[kind]["matched"] += len(pairs)
            for i, j in pairs:
                speaker_n += 1
                if speakers_match(pred[i].get("speaker"), gold[j].get("speaker")):
                    speaker_ok += 1
                else:
                    errors.append({"id": article_id, "error": "speaker", "gold": gold[j], "predicted": pred[i]})
                if "channel" in gold[j]:
                    channel_n += 1
                    channel_ok += speakers_match(pred[i].get("channel"), gold[j].get("channel"))
            matched_p = {i for i, _ in pairs}
            matched_g = {j for _, j in pairs}
            errors.extend(
                {"id": article_id, "error": "false-positive", "predicted": q}
                for i, q in enumerate(pred)
                if i not in matched_p
            )
            errors.extend(
                {"id": article_id, "error": "missed", "gold": q} for j, q in enumerate(gold) if j not in matched_g
            )
    result: dict[str, Any] = {
        kind: _prf(counts[kind]["matched"], counts[kind]["predicted"], counts[kind]["gold"]) for kind in KINDS
    }
    result["speaker_accuracy"] = round(speaker_ok / speaker_n, 4) if speaker_n else None
    if channel_n:
        result["channel_accuracy"] = round(channel_ok / channel_n, 4)
    result["counts"] = {**counts, "speaker_scored": speaker_n, "channel_scored": channel_n}
    result["errors"] = errors
    return result


# --- the eval command core ------------------------------------------------------------------------


def read_eval_file(path: Path) -> list[dict[str, Any]]:
    articles = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise QuoteFileError(f"{path}:{number}: not JSON ({error.msg})") from error
            if not isinstance(record, dict) or "id" not in record or not isinstance(record.get("text"), str):
                raise QuoteFileError(f"{path}:{number}: a line needs an 'id' and a 'text'")
            for quote in record.get("quotes", []):
                if quote.get("kind") not in KINDS or not 0 <= quote.get("start", -1) < quote.get("end", -1):
                    raise QuoteFileError(
                        f"{path}:{number}: bad quote {quote!r} (kind direct|indirect, 0 <= start < end)"
                    )
                if quote["end"] > len(record["text"]):
                    raise QuoteFileError(f"{path}:{number}: quote end {quote['end']} is past the text's end")
            articles.append(record)
    return articles


def predict(
    articles: Sequence[Mapping[str, Any]], extractor: Extractor = extract_quotes
) -> dict[str, list[dict[str, Any]]]:
    """``extractor``'s quotes of each eval article, by article id, in the form ``score`` reads."""
    return {
        str(a["id"]): [
            {"start": q.start, "end": q.end, "kind": q.kind, "speaker": q.speaker, "channel": q.channel}
            for q in extractor(str(a["id"]), a["text"])
        ]
        for a in articles
    }


def evaluate_quotes(path: Path, extractor: Extractor = extract_quotes, *, with_errors: bool = False) -> dict[str, Any]:
    """P/R/F1 per kind, speaker accuracy and counts of ``extractor`` over the eval file at ``path``."""
    articles = read_eval_file(path)
    result = score(articles, predict(articles, extractor))
    result["articles"] = len(articles)
    if not with_errors:
        result.pop("errors")
    return result


# --- the development set --------------------------------------------------------------------------


def entry_key(entry: Mapping[str, Any]) -> str:
    dataset = entry.get("dataset")
    if dataset == "saudinewsnet":
        return f"snn:{entry['file']}:{entry['url']}"
    if dataset == "semeval":
        return f"semeval:{entry['pair_id']}:{entry['side']}"
    if dataset == "seed":
        return f"seed:{entry['seed']}"
    raise QuoteFileError(f"unknown dataset {dataset!r} in {dict(entry)!r}")


def _seed_body(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    return "\n".join(lines[first + 1 :])


def resolve_texts(
    entries: Iterable[Mapping[str, Any]], data_dir: Path, seed_dirs: Sequence[Path] = ()
) -> dict[str, str]:
    """Article key -> text for each entry, read from ``data_dir`` (and ``seed_dirs``), sha1-checked."""
    entries = list(entries)
    wanted_snn: dict[str, set[str]] = {}
    wanted_semeval: set[str] = set()
    for entry in entries:
        if entry.get("dataset") == "saudinewsnet":
            wanted_snn.setdefault(entry["file"], set()).add(entry["url"])
        elif entry.get("dataset") == "semeval":
            wanted_semeval.add(entry["pair_id"])
    texts: dict[str, str] = {}
    for name, urls in sorted(wanted_snn.items()):
        archive_path = data_dir / "saudinewsnet" / "dataset" / name
        if not archive_path.is_file():
            raise MissingArticleError(f"{archive_path} not found (is the shared data folder at {data_dir}?)")
        with zipfile.ZipFile(archive_path) as archive:
            for member in archive.namelist():
                for record in json.loads(archive.read(member)):
                    if record.get("url") in urls:
                        texts.setdefault(f"snn:{name}:{record['url']}", record.get("content") or "")
    if wanted_semeval:
        semeval = data_dir / "semeval2022_task8_ar" / "ar_ar_train_pairs_with_text.jsonl"
        if not semeval.is_file():
            raise MissingArticleError(f"{semeval} not found")
        for line in semeval.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record.get("pair_id") in wanted_semeval:
                for side in (1, 2):
                    texts[f"semeval:{record['pair_id']}:{side}"] = record.get(f"text{side}") or ""
    out: dict[str, str] = {}
    for entry in entries:
        key = entry_key(entry)
        if entry["dataset"] == "seed":
            path = next((d / entry["seed"] for d in seed_dirs if (d / entry["seed"]).is_file()), None)
            if path is None:
                path = next((p for d in seed_dirs for p in d.rglob(entry["seed"])), None)
            if path is None:
                raise MissingArticleError(f"seed {entry['seed']} not found in {', '.join(map(str, seed_dirs))}")
            text = _seed_body(path)
        elif key in texts:
            text = texts[key]
        else:
            raise MissingArticleError(f"{key} not found under {data_dir}")
        if "sha1" in entry and hashlib.sha1(text.encode("utf-8")).hexdigest() != entry["sha1"]:
            raise MissingArticleError(f"{key}: the text differs from the one annotated (sha1 mismatch)")
        out[key] = text
    return out


def default_seed_dirs(data_dir: Path) -> list[Path]:
    """``<shared>/seeds`` beside the data folder, then the checkout's ``demo/seeds``."""
    return [data_dir.parent / "seeds", Path(__file__).resolve().parents[3] / "demo" / "seeds"]


def build_eval_file(data_dir: Path, out: Path, dev: Path = DEFAULT_DEV, seed_dirs: Sequence[Path] | None = None) -> int:
    """Write the eval-format file for the development set ``dev``, reading texts from ``data_dir``.

    Returns the number of articles written. Raises ``MissingArticleError`` when one is missing.
    """
    entries = [json.loads(line) for line in dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = resolve_texts(entries, data_dir, default_seed_dirs(data_dir) if seed_dirs is None else seed_dirs)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for entry in entries:
            key = entry_key(entry)
            record = {
                "id": key,
                "title": "",
                "text": texts[key],
                "quotes": [
                    {k: q.get(k) for k in ("start", "end", "speaker", "kind", "channel")} for q in entry["quotes"]
                ],
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(entries)
