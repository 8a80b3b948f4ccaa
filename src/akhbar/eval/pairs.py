"""``akhbar eval pairs``: how well the clustering scorer's similarity tracks human similarity ratings.

Input: JSON lines, one article pair each, as in SemEval-2022 Task 8 ("Multilingual News Article
Similarity")::

    {"title1", "text1", "title2", "text2", "Overall", ...}

``Overall`` is the human rating, 1 = very similar … 4 = very dissimilar. Optional ``id1``/``id2``
name the articles (an article in several pairs is then counted once) and ``link1``/``link2`` give
their outlets (the host name), used as the source the cleaner learns boilerplate for.

Every article goes through the ingest stages (``akhbar.service.ingest_pipeline``: article, clean,
normalize) exactly as ``akhbar ingest`` would take it, with the outlet boilerplate learned from the
file's own texts. A ``StoryClusterer`` then learns document frequencies from all the file's
articles, and each pair is scored with the clusterer's own similarity (its term weights and cosine):
the number the clusterer compares with ``threshold`` when it decides whether an article joins a
story. An article the pipeline rejects gives its pairs similarity 0.0 (the system never groups it).

Figures: ``pearson`` is Pearson's r between the similarity and ``-Overall`` (higher is better);
``same_event_auc`` the ROC AUC of the similarity for telling pairs rated ``Overall <= 1.5`` (about
"the same event", as the task's organisers describe it) from the rest.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from akhbar.config import Settings
from akhbar.eval.metrics import pearson, roc_auc
from akhbar.eval.stories import EvalFileError, json_objects
from akhbar.executors import LocalExecutor
from akhbar.service import ingest_pipeline
from akhbar.stages.clean import SECOND_ARTICLE_SUFFIX, OutletBoilerplate
from akhbar.stages.cluster import StoryClusterer
from akhbar.types import Article, RawDocument, Rejection

SAME_EVENT_MAX_OVERALL = 1.5
_NO_SOURCE = "unknown"


@dataclass(frozen=True, slots=True)
class RatedPair:
    key1: str  # the article's id in the file, else a hash of its title and text
    key2: str
    overall: float


def read_pairs(path: Path) -> tuple[list[RatedPair], dict[str, RawDocument]]:
    """The rated pairs and the distinct articles they name; ``EvalFileError`` names the first bad line."""
    pairs: list[RatedPair] = []
    documents: dict[str, RawDocument] = {}
    for where, _number, record in json_objects(path):
        overall = record.get("Overall")
        if isinstance(overall, bool) or not isinstance(overall, int | float) or not math.isfinite(overall):
            raise EvalFileError(f"{where}: 'Overall' must be a number, found {overall!r:.40}")
        keys = [_document(record, side, where, documents) for side in (1, 2)]
        pairs.append(RatedPair(keys[0], keys[1], float(overall)))
    if not pairs:
        raise EvalFileError(f"{path}: no pairs")
    return pairs, documents


def _document(record: dict[str, Any], side: int, where: str, documents: dict[str, RawDocument]) -> str:
    fields = {}
    for name in ("title", "text", "link", "id"):
        value = record.get(f"{name}{side}")
        if name == "id" and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if value is not None and not isinstance(value, str):
            raise EvalFileError(f"{where}: '{name}{side}' is {type(value).__name__}, not a string")
        fields[name] = value or ""
    if f"text{side}" not in record:
        raise EvalFileError(f"{where}: no 'text{side}' (each line needs title1, text1, title2, text2, Overall)")
    key = fields["id"] or "sha1:" + hashlib.sha1(f"{fields['title']}\x00{fields['text']}".encode()).hexdigest()
    if key not in documents:
        host = (urlsplit(fields["link"]).hostname or "").removeprefix("www.")
        documents[key] = RawDocument(
            origin=key, source=host or _NO_SOURCE, text=fields["text"], title=fields["title"], external_id=key
        )
    return key


def prepare_articles(documents: Iterable[RawDocument], settings: Settings) -> dict[str, Article]:
    """Run the documents through the ingest stages; keyed by ``origin``. A rejected document is
    absent; a document the cleaner splits in two is represented by its first part."""
    documents = list(documents)
    clean_settings = settings.clean
    if clean_settings.enabled:
        learner = OutletBoilerplate.from_config(clean_settings)
        for document in documents:
            learner.observe_text(document.source, document.text)
        clean_settings = learner.configure(clean_settings)
    pipeline = ingest_pipeline(replace(settings, clean=clean_settings))
    articles: dict[str, Article] = {}
    for record in LocalExecutor().run(pipeline, documents):
        if isinstance(record, Rejection) or record.id.endswith(SECOND_ARTICLE_SUFFIX):
            continue
        articles.setdefault(record.origin, record)
    return articles


def evaluate_pairs(path: Path, settings: Settings) -> dict[str, float | int]:
    """Score every pair of ``path`` with the clusterer's similarity and compare with the ratings.

    Returns ``{"pearson": r, "same_event_auc": auc, "pairs": n}`` (see the module docstring).
    ``ValueError`` (``EvalFileError``) when the file is malformed, when every pair has the same
    rating or the same similarity (Pearson is undefined), or when no pair, or every pair, is rated
    as the same event (the AUC is undefined).
    """
    pairs, documents = read_pairs(path)
    articles = prepare_articles(documents.values(), settings)
    clusterer = StoryClusterer(settings.cluster)
    clusterer.learn_frequencies([articles[key] for key in sorted(articles)])
    similarities = [
        clusterer.similarity(articles[pair.key1], articles[pair.key2])
        if pair.key1 in articles and pair.key2 in articles
        else 0.0
        for pair in pairs
    ]
    return score_similarities(similarities, [pair.overall for pair in pairs])


def score_similarities(similarities: Sequence[float], overall: Sequence[float]) -> dict[str, float | int]:
    """The figures for system similarities against ``Overall`` ratings (1 similar … 4 dissimilar)."""
    return {
        "pearson": pearson(similarities, [-rating for rating in overall]),
        "same_event_auc": roc_auc(similarities, [rating <= SAME_EVENT_MAX_OVERALL for rating in overall]),
        "pairs": len(similarities),
    }
