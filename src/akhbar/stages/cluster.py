"""Story grouping: a single-pass, online clusterer with one learned scorer and an inverted index.

Each arriving article is turned into a :class:`Document` (TF-IDF vectors of its words and of its
title, its time). Candidate stories come from an inverted index over the distinctive terms of the
articles in the active window (never a scan): the stories of the articles that share most of the
new article's rarest terms. One scorer, :meth:`StoryClusterer.score`, turns a few pair features
into a probability that the article belongs to a cluster; the article joins the best story when
that reaches ``threshold`` and else starts one, and inside the story the same scorer picks the
event (``event_threshold``). The features (see :data:`FEATURES`):

- ``centroid``: cosine of the article's word vector and the cluster's centroid;
- ``member``: the best cosine with one article of the cluster (a long story drifts; its newest
  follow-up often resembles one earlier article more than the average);
- ``title``: cosine of the title vector and the cluster's title centroid;
- ``gap``: the time between the article and the nearest end of the cluster's time span, in days;
- ``entities``: the Jaccard overlap of named entities; a hook that reads 0.0 until the entity stage
  provides mentions (see :meth:`StoryClusterer.entities`).

The weights are a logistic regression fitted on pairs of the labelled day (``bench/tune_cluster.py``
prints the fit, its cross-validation and the ablation table); they live in ``ClusterConfig``.

**State is a function of the active window.** Document frequencies, centroids and the index count
only the articles whose time lies in the last ``window_days`` (sliding: each article leaves exactly
``window_days`` after its time). Vector weights are kept as integers (micro-units), so adding and
removing an article is exact. A run that replays the articles of the last ``2 × window_days``
(:meth:`StoryClusterer.replay_since`; the first window only warms the document frequencies the
second window's vectors were built with) therefore reaches exactly the state one long run had, and
streaming article by article gives the same stories as one batch run over the same articles in the
same order. Ties are broken by id; nothing depends on hash or set order.

A story whose articles have all left the window is archived: its last centroid stays searchable
through a separate index, but only by a *late* article (one older than the active window, as a
backfill brings), which may join it.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from akhbar.config import ClusterConfig
from akhbar.ids import event_id as make_event_id
from akhbar.ids import story_id as make_story_id
from akhbar.lang.ar import match_terms
from akhbar.pipeline import stage
from akhbar.types import Article, Assignment

_BODY_CHARS = 1500  # body characters read (the lead carries the event)
_CENTROID_TERMS = 250
_ARCHIVE_TERMS = 40  # terms an archived story keeps (and is indexed by)
_NEIGHBOURS = 40  # articles scored per new article: those sharing most of its distinctive terms
_MEMBERS_SCANNED = 32  # an event's newest articles compared one by one
_MAX_DOCUMENT_SHARE = 0.05  # terms in more than this share of documents are not used to find candidates
_SCALE = 1_000_000  # vector weights are stored as integer micro-units: sums and differences are exact

#: the scorer's features, in the order of ``ClusterConfig.weights()``
FEATURES = ("centroid", "member", "title", "keys", "outlet", "gap", "entities")

Vector = dict[str, float]


def _normalized(weights: dict[str, float], keep: int) -> Vector:
    top = heapq.nlargest(keep, weights.items(), key=lambda item: (item[1], item[0]))
    norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
    return {term: w / norm for term, w in top}


def cosine(a: Vector, b: Vector) -> float:
    """The dot product of two unit vectors: over their shared terms (found in C), summed with
    ``math.fsum``, which is exact-rounded and so does not depend on set order (nor on hash seeds)."""
    return math.fsum(a[t] * b[t] for t in a.keys() & b.keys())


def _quantized(vector: Vector) -> dict[str, int]:
    return {term: round(weight * _SCALE) for term, weight in vector.items()}


@dataclass(frozen=True, slots=True)
class Document:
    """What the scorer knows of one article."""

    id: str
    source: str
    time: datetime
    terms: tuple[str, ...]  # distinct terms (for document frequencies)
    vector: Vector  # word TF-IDF, unit length
    title: Vector  # title TF-IDF, unit length
    keys: tuple[str, ...]  # the distinctive terms it is indexed and looked up by
    entities: frozenset[str] = frozenset()


@dataclass(slots=True)
class _Cluster:
    """A story or an event: its articles in the active window and their summed vectors."""

    id: str
    members: dict[str, Document] = field(default_factory=dict)
    weights: Counter[str] = field(default_factory=Counter)
    title_weights: Counter[str] = field(default_factory=Counter)
    entities: Counter[str] = field(default_factory=Counter)
    sources: Counter[str] = field(default_factory=Counter)
    first: datetime | None = None
    last: datetime | None = None
    _vector: Vector | None = None
    _title: Vector | None = None

    def add(self, doc: Document) -> None:
        self.members[doc.id] = doc
        self.weights.update(_quantized(doc.vector))
        self.title_weights.update(_quantized(doc.title))
        self.entities.update(doc.entities)
        self.sources[doc.source] += 1
        self.first = doc.time if self.first is None else min(self.first, doc.time)
        self.last = doc.time if self.last is None else max(self.last, doc.time)
        self._vector = self._title = None

    def remove(self, doc: Document) -> None:
        del self.members[doc.id]
        self.weights.subtract(_quantized(doc.vector))
        self.title_weights.subtract(_quantized(doc.title))
        self.entities.subtract(doc.entities)
        self.sources[doc.source] -= 1
        for counter in (self.weights, self.title_weights, self.entities, self.sources):
            for term in [t for t, w in counter.items() if w == 0]:
                del counter[term]
        times = [m.time for m in self.members.values()]
        self.first, self.last = (min(times), max(times)) if times else (None, None)
        self._vector = self._title = None

    @property
    def vector(self) -> Vector:
        if self._vector is None:
            self._vector = _normalized({t: float(w) for t, w in self.weights.items()}, _CENTROID_TERMS)
        return self._vector

    @property
    def title(self) -> Vector:
        if self._title is None:
            self._title = _normalized({t: float(w) for t, w in self.title_weights.items()}, _CENTROID_TERMS)
        return self._title

    def newest(self, limit: int) -> list[Document]:
        return heapq.nlargest(limit, self.members.values(), key=lambda d: (d.time, d.id))


@dataclass(slots=True)
class _Story(_Cluster):
    events: dict[str, _Cluster] = field(default_factory=dict)


@dataclass(slots=True)
class _Archived:
    """A story (or one of its events) that left the active window: still found by late articles."""

    id: str
    vector: Vector
    title: Vector
    first: datetime
    last: datetime
    size: int
    events: dict[str, _Archived] = field(default_factory=dict)

    def merge(self, doc: Document) -> None:
        """Fold a late article into the archived representation."""
        for mine, theirs, keep in ((self.vector, doc.vector, _ARCHIVE_TERMS), (self.title, doc.title, _CENTROID_TERMS)):
            summed = {t: w * self.size for t, w in mine.items()}
            for term, weight in theirs.items():
                summed[term] = summed.get(term, 0.0) + weight
            merged = _normalized(summed, keep)
            mine.clear()
            mine.update(merged)
        self.first, self.last = min(self.first, doc.time), max(self.last, doc.time)
        self.size += 1

    @classmethod
    def of(cls, cluster: _Cluster) -> _Archived:
        assert cluster.first is not None and cluster.last is not None
        vector = dict(list(cluster.vector.items())[:_ARCHIVE_TERMS])
        return cls(cluster.id, vector, dict(cluster.title), cluster.first, cluster.last, len(cluster.members))

    @classmethod
    def lone(cls, cluster_id: str, doc: Document) -> _Archived:
        vector = dict(list(doc.vector.items())[:_ARCHIVE_TERMS])
        return cls(cluster_id, vector, dict(doc.title), doc.time, doc.time, 1)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A cluster the article could join, with the features the scorer saw and its probability."""

    cluster_id: str
    features: tuple[float, ...]
    probability: float


class StoryClusterer:
    """Holds the clustering state; ``observe`` replays stored decisions, ``assign`` decides."""

    def __init__(self, cfg: ClusterConfig) -> None:
        self.cfg = cfg
        self.window = timedelta(days=cfg.window_days)
        self.weights = cfg.weights()
        self.document_frequency: Counter[str] = Counter()
        self.documents = 0
        self.now: datetime | None = None
        self.stories: dict[str, _Story] = {}
        self.story_of: dict[str, tuple[str, str]] = {}  # article id -> (story id, event id), in the window
        self.window_documents: dict[str, Document] = {}
        self.postings: dict[str, set[str]] = {}  # distinctive term -> article ids in the window
        self._expiry: list[tuple[datetime, str]] = []
        self.archive: dict[str, _Archived] = {}
        self.archive_postings: dict[str, set[str]] = {}

    # -- representation ---------------------------------------------------------------------
    def terms(self, article: Article) -> dict[str, float]:
        counts: dict[str, float] = dict(Counter(match_terms(article.text[:_BODY_CHARS])))
        for term in match_terms(article.title):
            counts[term] = counts.get(term, 0.0) + self.cfg.title_weight
        return counts

    def _idf(self, term: str, total: int) -> float:
        return math.log((total + 1) / (self.document_frequency[term] + 1)) + 1.0

    def vector(self, counts: dict[str, float]) -> Vector:
        total = self.documents + 1
        weights = {term: (1.0 + math.log(count)) * self._idf(term, total) for term, count in counts.items()}
        return _normalized(weights, self.cfg.max_terms)

    def entities(self, article: Article) -> frozenset[str]:
        """The entity ids named in the article: the hook for the entity stage (none yet)."""
        return frozenset()

    def document(self, article: Article, time: datetime) -> Document:
        counts = self.terms(article)
        vector = self.vector(counts)
        total = self.documents + 1
        title_terms = Counter(match_terms(article.title))
        title = _normalized(
            {term: (1.0 + math.log(count)) * self._idf(term, total) for term, count in title_terms.items()},
            self.cfg.max_terms,
        )
        limit = max(10, int(_MAX_DOCUMENT_SHARE * self.documents))
        keys = tuple(
            [t for t in sorted(vector, key=lambda t: (-vector[t], t)) if self.document_frequency[t] <= limit][
                : self.cfg.candidate_terms
            ]
        )
        return Document(
            article.id, article.source, time, tuple(sorted(counts)), vector, title, keys, self.entities(article)
        )

    # -- the scorer -------------------------------------------------------------------------
    def features(self, doc: Document, cluster: _Cluster | _Archived, member: float | None = None) -> tuple[float, ...]:
        """The scorer's features for ``doc`` joining ``cluster`` (see ``FEATURES``). ``member`` is the
        best cosine with one of its articles when the caller already knows it."""
        centroid = cosine(doc.vector, cluster.vector)
        if member is None:
            if isinstance(cluster, _Cluster):
                member = max((cosine(doc.vector, m.vector) for m in cluster.newest(_MEMBERS_SCANNED)), default=0.0)
            else:
                member = centroid
        title = cosine(doc.title, cluster.title) if doc.title else 0.0
        gap = 0.0
        if cluster.first is not None and cluster.last is not None:
            seconds = max((cluster.first - doc.time).total_seconds(), (doc.time - cluster.last).total_seconds(), 0.0)
            gap = seconds / 86400.0
        terms: Mapping[str, object] = cluster.weights if isinstance(cluster, _Cluster) else cluster.vector
        keys = sum(1 for key in doc.keys if key in terms) / len(doc.keys) if doc.keys else 0.0
        outlet = 0.0
        entities = 0.0
        if isinstance(cluster, _Cluster):
            outlet = cluster.sources[doc.source] / len(cluster.members) if cluster.members else 0.0
            if doc.entities and cluster.entities:
                shared = sum(1 for e in doc.entities if e in cluster.entities)
                entities = shared / (len(doc.entities) + len(cluster.entities) - shared)
        return (centroid, max(member, centroid), title, keys, outlet, gap, entities)

    def score(self, features: tuple[float, ...]) -> float:
        """The probability that an article belongs to a cluster, from the pair's features."""
        bias, *weights = self.weights
        z = bias + sum(w * f for w, f in zip(weights, features, strict=True))
        return 1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0

    # -- state ------------------------------------------------------------------------------
    def replay_since(self, first: datetime) -> datetime:
        """How far back a new run must replay stored decisions to continue exactly where the last
        one stopped, when the first article it assigns has time ``first``."""
        return first - 2 * self.window

    def _advance(self, time: datetime) -> None:
        if self.now is None or time > self.now:
            self.now = time
        horizon = self.now - self.window
        while self._expiry and self._expiry[0][0] < horizon:
            _, article_id = heapq.heappop(self._expiry)
            self._forget(article_id)

    def _forget(self, article_id: str) -> None:
        doc = self.window_documents.pop(article_id)
        self.documents -= 1
        self.document_frequency.subtract(doc.terms)
        for term in doc.terms:
            if self.document_frequency[term] <= 0:
                del self.document_frequency[term]
        for key in doc.keys:
            posting = self.postings[key]
            posting.discard(article_id)
            if not posting:
                del self.postings[key]
        story_id, event_id = self.story_of.pop(article_id)
        story = self.stories[story_id]
        if len(story.members) == 1:
            self._archive(story)
        event = story.events[event_id]
        event.remove(doc)
        if not event.members:
            del story.events[event_id]
        story.remove(doc)
        if not story.members:
            del self.stories[story_id]

    def _archive(self, story: _Story) -> None:
        archived = _Archived.of(story)
        archived.events = {e.id: _Archived.of(e) for e in sorted(story.events.values(), key=lambda e: e.id)}
        self.archive[story.id] = archived
        self._index_archived(archived)

    def _index_archived(self, archived: _Archived) -> None:
        for term in archived.vector:
            self.archive_postings.setdefault(term, set()).add(archived.id)

    def _add_late(self, doc: Document, story_id: str, event_id: str) -> None:
        """A late article (older than the window) changes only the archive: the story it joined, if
        archived, learns it; a story it starts is archived at once."""
        if story_id in self.stories:
            return
        archived = self.archive.get(story_id)
        if archived is None:
            archived = self.archive[story_id] = _Archived.lone(story_id, doc)
            archived.events[event_id] = _Archived.lone(event_id, doc)
        else:
            archived.merge(doc)
            if event_id in archived.events:
                archived.events[event_id].merge(doc)
            else:
                archived.events[event_id] = _Archived.lone(event_id, doc)
        self._index_archived(archived)

    def _add(self, doc: Document, story_id: str, event_id: str) -> None:
        if self.now is not None and doc.time < self.now - self.window:
            self._add_late(doc, story_id, event_id)
            return
        self.documents += 1
        self.document_frequency.update(doc.terms)
        self.window_documents[doc.id] = doc
        for key in doc.keys:
            self.postings.setdefault(key, set()).add(doc.id)
        heapq.heappush(self._expiry, (doc.time, doc.id))
        story = self.stories.get(story_id)
        if story is None:
            story = self.stories[story_id] = _Story(story_id)
        event = story.events.get(event_id)
        if event is None:
            event = story.events[event_id] = _Cluster(event_id)
        story.add(doc)
        event.add(doc)
        self.story_of[doc.id] = (story_id, event_id)

    def learn_frequencies(self, articles: Iterable[Article]) -> None:
        """Count document frequencies from articles without clustering them (for pair scoring)."""
        for article in articles:
            self.documents += 1
            self.document_frequency.update(self.terms(article).keys())

    def similarity(self, first: Article, second: Article) -> float:
        """The word cosine of two articles under the current document frequencies (the scorer's
        ``centroid`` feature for a one-article story)."""
        return cosine(self.vector(self.terms(first)), self.vector(self.terms(second)))

    def pair_probability(self, first: Article, second: Article) -> float:
        """The scorer's probability that ``second`` belongs to a story made of ``first`` alone."""
        if first.published is not None and second.published is not None:
            when_first, when_second = first.published, second.published
        else:
            when_first = when_second = datetime(2000, 1, 1)
        a, b = self.document(first, when_first), self.document(second, when_second)
        lone = _Cluster(a.id)
        lone.add(a)
        return self.score(self.features(b, lone))

    # -- decisions --------------------------------------------------------------------------
    def neighbours(self, doc: Document) -> list[tuple[str, float]]:
        """The window's articles sharing most of ``doc``'s distinctive terms, with their cosine."""
        hits: Counter[str] = Counter()
        for key in doc.keys:
            hits.update(self.postings.get(key, ()))
        ranked = heapq.nsmallest(_NEIGHBOURS, hits.items(), key=lambda item: (-item[1], item[0]))
        return [(article_id, cosine(doc.vector, self.window_documents[article_id].vector)) for article_id, _ in ranked]

    def story_candidates(self, doc: Document) -> list[Candidate]:
        """The active stories ``doc`` could join, best first (ties by id)."""
        best_member: dict[str, float] = {}
        for article_id, similarity in self.neighbours(doc):
            story_id = self.story_of[article_id][0]
            if similarity > best_member.get(story_id, -1.0):
                best_member[story_id] = similarity
        candidates = []
        for story_id in sorted(best_member):
            features = self.features(doc, self.stories[story_id], best_member[story_id])
            candidates.append(Candidate(story_id, features, self.score(features)))
        candidates.sort(key=lambda c: (-c.probability, c.cluster_id))
        return candidates

    def event_candidates(self, doc: Document, story: _Story) -> list[Candidate]:
        candidates = []
        for event_id in sorted(story.events):
            features = self.features(doc, story.events[event_id])
            candidates.append(Candidate(event_id, features, self.score(features)))
        candidates.sort(key=lambda c: (-c.probability, c.cluster_id))
        return candidates

    def _archive_candidates(self, doc: Document) -> list[Candidate]:
        hits: Counter[str] = Counter()
        for key in doc.keys:
            hits.update(self.archive_postings.get(key, ()))
        ranked = heapq.nsmallest(_NEIGHBOURS, hits.items(), key=lambda item: (-item[1], item[0]))
        candidates = []
        for story_id, _ in ranked:
            features = self.features(doc, self.archive[story_id])
            candidates.append(Candidate(story_id, features, self.score(features)))
        candidates.sort(key=lambda c: (-c.probability, c.cluster_id))
        return candidates

    def observe(self, article: Article, time: datetime, story_id: str, event_id: str) -> None:
        """Replay a stored decision, so a new run continues where the last one stopped."""
        self._advance(time)
        self._add(self.document(article, time), story_id, event_id)

    def assign(self, article: Article, time: datetime) -> Assignment:
        self._advance(time)
        doc = self.document(article, time)
        too_thin = len(doc.terms) < self.cfg.min_terms
        late = self.now is not None and time < self.now - self.window
        if late and not too_thin:
            return self._assign_late(doc)
        candidates = [] if too_thin else self.story_candidates(doc)
        if not candidates or candidates[0].probability < self.cfg.threshold:
            story_id, event_id = make_story_id(article.id), make_event_id(article.id)
            self._add(doc, story_id, event_id)
            return Assignment(article.id, story_id, event_id, 0.0, new_story=True, new_event=True)
        best = candidates[0]
        story = self.stories[best.cluster_id]
        events = self.event_candidates(doc, story)
        new_event = not events or events[0].probability < self.cfg.event_threshold
        event_id = make_event_id(article.id) if new_event else events[0].cluster_id
        self._add(doc, story.id, event_id)
        return Assignment(
            article.id, story.id, event_id, round(best.probability, 6), new_story=False, new_event=new_event
        )

    def _assign_late(self, doc: Document) -> Assignment:
        """A late article: it may join an archived story (or an active one); the archive learns it."""
        gap = FEATURES.index("gap")
        candidates = [
            c
            for c in self._archive_candidates(doc) + self.story_candidates(doc)
            if c.features[gap] <= self.cfg.window_days  # only stories that ran near the article's time
        ]
        candidates.sort(key=lambda c: (-c.probability, c.cluster_id))
        if not candidates or candidates[0].probability < self.cfg.threshold:
            story_id, event_id = make_story_id(doc.id), make_event_id(doc.id)
            self._add(doc, story_id, event_id)
            return Assignment(doc.id, story_id, event_id, 0.0, new_story=True, new_event=True)
        best = candidates[0]
        if best.cluster_id in self.stories:
            story = self.stories[best.cluster_id]
            events = self.event_candidates(doc, story)
            new_event = not events or events[0].probability < self.cfg.event_threshold
            event_id = make_event_id(doc.id) if new_event else events[0].cluster_id
        else:
            scored = [
                Candidate(e.id, features, self.score(features))
                for e in self.archive[best.cluster_id].events.values()
                for features in [self.features(doc, e)]
            ]
            scored.sort(key=lambda c: (-c.probability, c.cluster_id))
            new_event = not scored or scored[0].probability < self.cfg.event_threshold
            event_id = make_event_id(doc.id) if new_event else scored[0].cluster_id
        self._add(doc, best.cluster_id, event_id)
        return Assignment(
            doc.id, best.cluster_id, event_id, round(best.probability, 6), new_story=False, new_event=new_event
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
