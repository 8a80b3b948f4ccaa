"""``akhbar eval stories``: run labelled articles through the whole pipeline and score the grouping.

Input: JSON lines, one article each::

    {"id", "source", "url", "published" (ISO 8601), "title", "text", "story", "event"}

``id``, ``published`` and ``story`` are required (the evaluation needs them); ``event`` is optional.
Everything else is handed to the pipeline as it is, so an article the pipeline cannot take (no
text, say) is rejected there, not here.

The articles are written, in order of ``published`` and then ``id``, to a temporary JSONL file
(without their labels, so nothing the system sees depends on the answer) and ingested with
:func:`akhbar.service.ingest` into an empty temporary database: the full default pipeline, the
same code ``akhbar ingest`` runs, clustering included. The stored grouping is then scored against
the labels with the metrics of :mod:`akhbar.eval.metrics`.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from akhbar.config import Settings
from akhbar.errors import AkhbarError
from akhbar.eval.metrics import adjusted_rand_index, bcubed, pairwise
from akhbar.ids import article_id
from akhbar.service import ingest
from akhbar.sources.timestamps import parse_timestamp
from akhbar.store.sqlite import Store

Level = Literal["story", "event"]
LEVELS: tuple[Level, ...] = ("story", "event")

#: the keys of the result, in this order (other tools read them)
RESULT_KEYS = (
    "bcubed_precision",
    "bcubed_recall",
    "bcubed_f1",
    "pairwise_precision",
    "pairwise_recall",
    "pairwise_f1",
    "ari",
    "articles",
    "gold_clusters",
    "predicted_clusters",
    "seconds",
)

_PIPELINE_KEYS = ("id", "source", "url", "published", "title", "text", "author")
_NO_SOURCE = "unknown"


class EvalFileError(AkhbarError, ValueError):
    """An evaluation file is malformed: the message names the file, the line and what is wrong."""


@dataclass(frozen=True, slots=True)
class LabelledArticle:
    """One line of the file: the record the pipeline gets, and the gold labels."""

    id: str
    published: datetime
    story: str
    event: str | None
    record: Mapping[str, Any]  # the pipeline's keys only; never the labels

    def gold_label(self, level: Level) -> Hashable:
        """Events are named inside their story; an article without an event takes the story's label."""
        if level == "story":
            return self.story
        return (self.story, self.event)


@dataclass(frozen=True, slots=True)
class StoredPrediction:
    """One row of the temporary store's ``articles`` table."""

    id: str
    external_id: str | None
    story_id: str | None
    event_id: str | None


def json_objects(path: Path) -> Iterator[tuple[str, int, dict[str, Any]]]:
    """``(where, line number, object)`` for each non-blank line of a JSONL evaluation file;
    ``EvalFileError`` names the first line that is not a JSON object."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise EvalFileError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise EvalFileError(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalFileError(f"{where}: invalid JSON ({exc.msg} at column {exc.colno})") from exc
        if not isinstance(record, dict):
            raise EvalFileError(f"{where}: expected a JSON object, found {type(record).__name__}")
        yield where, number, record


def read_labelled(path: Path) -> list[LabelledArticle]:
    """Parse and check the file; ``EvalFileError`` names the first bad line."""
    articles: list[LabelledArticle] = []
    first_line: dict[str, int] = {}
    for where, number, record in json_objects(path):
        for key in ("id", "published", "story"):
            if record.get(key) in (None, ""):
                raise EvalFileError(f"{where}: no {key!r} (every article needs id, published and story)")
        article_key = str(record["id"])
        if article_key in first_line:
            raise EvalFileError(f"{where}: id {article_key!r} already used on line {first_line[article_key]}")
        first_line[article_key] = number
        try:
            published = parse_timestamp(record["published"])
        except ValueError as exc:
            raise EvalFileError(f"{where}: {exc}") from exc
        event = record.get("event")
        pipeline_record = {key: record[key] for key in _PIPELINE_KEYS if key in record}
        pipeline_record["id"] = article_key
        source = record.get("source")
        if not isinstance(source, str) or not source.strip():
            pipeline_record["source"] = _NO_SOURCE  # else the reader would name it after the temporary folder
        articles.append(
            LabelledArticle(
                id=article_key,
                published=published,
                story=str(record["story"]),
                event=None if event in (None, "") else str(event),
                record=pipeline_record,
            )
        )
    if not articles:
        raise EvalFileError(f"{path}: no articles")
    return articles


def evaluate_stories(path: Path, level: Level, settings: Settings) -> dict[str, float | int]:
    """Ingest the labelled articles of ``path`` into an empty temporary store and score the grouping.

    Returns a dict with exactly the keys of ``RESULT_KEYS``. ``seconds`` is the wall time of the
    pipeline run (reading, cleaning, storing and clustering), not of the scoring.

    Every input article is counted, also those the system did not group:

    - an article the pipeline rejected (no title and no body, nothing left after cleaning, ...) is
      its own predicted singleton cluster, and so is one stored but left without a story;
    - when the cleaning stage splits an input into two articles (the second with id ``<id>-2``),
      the input takes the prediction of the first part;
    - when two inputs became one stored article (same canonical URL, or no URL and the same outlet
      and text), the input that was not stored takes that article's prediction (this also holds
      for a rejected input that shares its URL with a stored article).

    Within one ``published`` instant the clusterer sees articles in the store's order (by akhbar's
    own article id), not necessarily in the file's id order.
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    articles = sorted(read_labelled(path), key=lambda a: (a.published, a.id))
    rows, seconds = cluster_labelled(articles, settings)
    return score_grouping(articles, rows, level, seconds)


def cluster_labelled(articles: Sequence[LabelledArticle], settings: Settings) -> tuple[list[StoredPrediction], float]:
    """Run ``articles`` (in the order given) through ``ingest`` into an empty temporary store; the
    stored rows and the wall time of the run (see ``evaluate_stories``)."""
    with tempfile.TemporaryDirectory(prefix="akhbar-eval-") as folder:
        input_file = Path(folder) / "articles.jsonl"
        with input_file.open("w", encoding="utf-8") as handle:
            for article in articles:
                handle.write(json.dumps(article.record, ensure_ascii=False) + "\n")
        run_settings = replace(settings, db=Path(folder) / "eval.db")
        started = time.perf_counter()
        ingest([input_file], run_settings)
        seconds = time.perf_counter() - started
        with Store(run_settings.db) as store:
            rows = [
                StoredPrediction(*row)
                for row in store.connection.execute("SELECT id, external_id, story_id, event_id FROM articles")
            ]
    return rows, seconds


def score_grouping(
    articles: Sequence[LabelledArticle], rows: Iterable[StoredPrediction], level: Level, seconds: float
) -> dict[str, float | int]:
    """Score the stored ``rows`` against the labels of ``articles`` (see ``evaluate_stories``)."""
    gold = {a.id: a.gold_label(level) for a in articles}
    predicted = predicted_labels(articles, rows, level)
    b3 = bcubed(gold, predicted)
    pairs = pairwise(gold, predicted)
    return {
        "bcubed_precision": b3.precision,
        "bcubed_recall": b3.recall,
        "bcubed_f1": b3.f1,
        "pairwise_precision": pairs.precision,
        "pairwise_recall": pairs.recall,
        "pairwise_f1": pairs.f1,
        "ari": adjusted_rand_index(gold, predicted),
        "articles": len(gold),
        "gold_clusters": len(set(gold.values())),
        "predicted_clusters": len(set(predicted.values())),
        "seconds": round(seconds, 3),
    }


def predicted_labels(
    articles: Sequence[LabelledArticle], rows: Iterable[StoredPrediction], level: Level
) -> dict[str, Hashable]:
    """Each input article's predicted story (or event); a unique label where the system has none."""
    by_external: dict[str, StoredPrediction] = {}
    by_id: dict[str, StoredPrediction] = {}
    for row in rows:
        by_id[row.id] = row
        if row.external_id is None:
            continue
        kept = by_external.get(row.external_id)
        # a split's second part is "<first id>-2": the shorter id is the first part
        if kept is None or (len(row.id), row.id) < (len(kept.id), kept.id):
            by_external[row.external_id] = row
    predicted: dict[str, Hashable] = {}
    for article in articles:
        found = by_external.get(article.id) or by_id.get(_expected_id(article.record))
        label = None if found is None else (found.story_id if level == "story" else found.event_id)
        predicted[article.id] = label if label is not None else ("not grouped", article.id)
    return predicted


def _expected_id(record: Mapping[str, Any]) -> str:
    """The id ``akhbar.stages.article.to_article`` gives this record (to find an input merged into
    an earlier one). Malformed fields give an id that matches nothing, which is the right answer."""
    url, text, title, source = (record.get(key) for key in ("url", "text", "title", "source"))
    body = text.replace("\r\n", "\n").replace("\r", "\n").strip() if isinstance(text, str) else ""
    headline = title.strip() if isinstance(title, str) else ""
    return article_id(
        url if isinstance(url, str) else None, body or headline, source if isinstance(source, str) else ""
    )
