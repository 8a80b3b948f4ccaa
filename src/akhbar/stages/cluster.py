"""Story grouping: a single-pass, online TF-IDF clusterer with an inverted index.

Each arriving article is scored against candidate stories found through the index (the stories
that share its most distinctive terms, inside the active time window), joins the best one when
the cosine similarity reaches ``threshold`` and otherwise starts a new story. Inside a story the
same scorer picks the event (``event_threshold``). Fed the same articles in the same order it gives
the same result: ties are broken by id, and nothing depends on hash order.

This is the first grouping; the clustering issue replaces the scorer behind the same interface.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from akhbar.config import ClusterConfig
from akhbar.ids import event_id as make_event_id
from akhbar.ids import story_id as make_story_id
from akhbar.lang.ar import match_terms
from akhbar.pipeline import stage
from akhbar.types import Article, Assignment

_BODY_CHARS = 3000
_CENTROID_TERMS = 250
_MAX_CANDIDATES = 30  # stories scored per article, the ones sharing most distinctive terms
_MAX_DOCUMENT_SHARE = 0.05  # terms in more than this share of documents are not used to find candidates

Vector = dict[str, float]


def _normalized(weights: dict[str, float], keep: int) -> Vector:
    top = heapq.nlargest(keep, weights.items(), key=lambda item: (item[1], item[0]))
    norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
    return {term: w / norm for term, w in top}


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


@dataclass(slots=True)
class _Cluster:
    id: str
    weights: dict[str, float] = field(default_factory=dict)
    last_time: datetime | None = None
    size: int = 0
    vector: Vector = field(default_factory=dict)

    def add(self, vector: Vector, time: datetime) -> None:
        for term, weight in vector.items():
            self.weights[term] = self.weights.get(term, 0.0) + weight
        self.size += 1
        self.last_time = time if self.last_time is None else max(self.last_time, time)
        self.vector = _normalized(self.weights, _CENTROID_TERMS)
        if len(self.weights) > 4 * _CENTROID_TERMS:
            self.weights = {t: self.weights[t] for t in self.vector}


@dataclass(slots=True)
class _Story(_Cluster):
    events: list[_Cluster] = field(default_factory=list)


class StoryClusterer:
    """Holds the clustering state; ``observe`` replays stored decisions, ``assign`` decides."""

    def __init__(self, cfg: ClusterConfig) -> None:
        self.cfg = cfg
        self.window = timedelta(days=cfg.window_days)
        self.document_frequency: Counter[str] = Counter()
        self.documents = 0
        self.stories: dict[str, _Story] = {}
        self.postings: dict[str, set[str]] = {}
        self._indexed_terms: dict[str, set[str]] = {}
        self._expiry: list[tuple[datetime, str]] = []

    # -- representation ---------------------------------------------------------------------
    def terms(self, article: Article) -> dict[str, float]:
        counts: dict[str, float] = dict(Counter(match_terms(article.text[:_BODY_CHARS])))
        for term in match_terms(article.title):
            counts[term] = counts.get(term, 0.0) + self.cfg.title_weight
        return counts

    def vector(self, counts: dict[str, float]) -> Vector:
        total = self.documents + 1
        weights = {
            term: (1.0 + math.log(count)) * (math.log((total + 1) / (self.document_frequency[term] + 1)) + 1.0)
            for term, count in counts.items()
        }
        return _normalized(weights, self.cfg.max_terms)

    # -- state ------------------------------------------------------------------------------
    def _learn(self, counts: dict[str, float]) -> None:
        self.documents += 1
        self.document_frequency.update(counts.keys())

    def _expire(self, now: datetime) -> None:
        horizon = now - self.window
        while self._expiry and self._expiry[0][0] < horizon:
            _, story_id = heapq.heappop(self._expiry)
            story = self.stories.get(story_id)
            if story is None or story.last_time is None or story.last_time >= horizon:
                continue  # a later article kept it alive; its newer heap entry decides
            for term in self._indexed_terms.pop(story_id, set()):
                self.postings[term].discard(story_id)
            del self.stories[story_id]

    def _index(self, story: _Story) -> None:
        old = self._indexed_terms.get(story.id, set())
        new = set(story.vector)
        for term in old - new:
            self.postings[term].discard(story.id)
        for term in new - old:
            self.postings.setdefault(term, set()).add(story.id)
        self._indexed_terms[story.id] = new
        assert story.last_time is not None
        heapq.heappush(self._expiry, (story.last_time, story.id))

    def candidates(self, vector: Vector) -> list[str]:
        limit = max(10, int(_MAX_DOCUMENT_SHARE * self.documents))
        distinctive = [t for t in sorted(vector, key=lambda t: (-vector[t], t)) if self.document_frequency[t] <= limit]
        hits: Counter[str] = Counter()
        for term in distinctive[: self.cfg.candidate_terms]:
            hits.update(self.postings.get(term, ()))
        # score only the stories sharing the most distinctive terms (ties broken by id)
        ranked = sorted(hits.items(), key=lambda item: (-item[1], item[0]))
        return [story_id for story_id, _ in ranked[:_MAX_CANDIDATES]]

    def learn_frequencies(self, articles: Iterable[Article]) -> None:
        """Count document frequencies from articles without clustering them (for pair scoring)."""
        for article in articles:
            self._learn(self.terms(article))

    def similarity(self, first: Article, second: Article) -> float:
        """The scorer's similarity of two articles under the current document frequencies."""
        return cosine(self.vector(self.terms(first)), self.vector(self.terms(second)))

    # -- decisions --------------------------------------------------------------------------
    def observe(self, article: Article, time: datetime, story_id: str, event_id: str) -> None:
        """Replay a stored decision, so a new run continues where the last one stopped."""
        self._expire(time)
        counts = self.terms(article)
        vector = self.vector(counts)
        self._learn(counts)
        story = self.stories.get(story_id)
        if story is None:
            story = self.stories[story_id] = _Story(story_id)
        story.add(vector, time)
        event = next((e for e in story.events if e.id == event_id), None)
        if event is None:
            event = _Cluster(event_id)
            story.events.append(event)
        event.add(vector, time)
        self._index(story)

    def assign(self, article: Article, time: datetime) -> Assignment:
        self._expire(time)
        counts = self.terms(article)
        vector = self.vector(counts)
        self._learn(counts)
        best_id, best_score = None, 0.0
        too_thin = len(counts) < self.cfg.min_terms
        for story_id in [] if too_thin else self.candidates(vector):
            score = cosine(vector, self.stories[story_id].vector)
            if score > best_score:
                best_id, best_score = story_id, score
        if best_id is None or best_score < self.cfg.threshold:
            story = _Story(make_story_id(article.id))
            self.stories[story.id] = story
            event = _Cluster(make_event_id(article.id))
            story.events.append(event)
            story.add(vector, time)
            event.add(vector, time)
            self._index(story)
            return Assignment(article.id, story.id, event.id, 0.0, new_story=True, new_event=True)
        story = self.stories[best_id]
        best_event, event_score = None, 0.0
        for event in story.events:
            score = cosine(vector, event.vector)
            if score > event_score:
                best_event, event_score = event, score
        new_event = best_event is None or event_score < self.cfg.event_threshold
        if new_event:
            best_event = _Cluster(make_event_id(article.id))
            story.events.append(best_event)
        assert best_event is not None
        best_event.add(vector, time)
        story.add(vector, time)
        self._index(story)
        return Assignment(
            article.id, story.id, best_event.id, round(best_score, 6), new_story=False, new_event=new_event
        )


@dataclass(frozen=True, slots=True)
class Timed:
    """An article and the time clustering should use for it (published, else when it was stored)."""

    article: Article
    time: datetime


@stage("cluster", requires={"id", "title", "text"}, provides={"story_id", "event_id"})
def cluster(records: Iterable[Timed], clusterer: StoryClusterer) -> Iterator[Article]:
    """Assign each article, in the order given, to a story and an event."""
    for record in records:
        decision = clusterer.assign(record.article, record.time)
        yield replace(record.article, story_id=decision.story_id, event_id=decision.event_id)
