"""Story grouping: a single-pass, online clusterer with one learned scorer and an inverted index.

Each arriving article is turned into a :class:`Document` (TF-IDF vectors of its words and of its
title, its time). Candidate stories come from an inverted index over the distinctive terms of the
articles in the active window (never a scan): the stories of the articles that share most of the
new article's rarest terms (a term in more than 5% of the window's articles, or in more than
``_MAX_KEY_DOCUMENTS`` of them, is not looked up, so an article's look-ups stay bounded as the
index grows). One scorer, :meth:`StoryClusterer.score`, turns a few pair features
into a probability that the article belongs to a cluster; the article joins the best story when
that reaches ``threshold`` and else starts one, and inside the story the same scorer picks the
event (``event_threshold``). A candidate whose score provably stays below the threshold (an upper
bound of its two cosines, see :meth:`StoryClusterer._may_reach`) is dropped before its centroid is
computed: about nine in ten are, and no decision changes. The features (see :data:`FEATURES`):

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
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from itertools import accumulate, chain, compress, repeat
from operator import ge, itemgetter, mul, neg, truediv

import numpy as np
import numpy.typing as npt

from akhbar.config import ClusterConfig
from akhbar.ids import event_id as make_event_id
from akhbar.ids import story_id as make_story_id
from akhbar.lang.ar import match_terms
from akhbar.pipeline import stage
from akhbar.types import Article, Assignment

_BODY_CHARS = 1500  # body characters read (the lead carries the event)
_CENTROID_TERMS = 250
_ARCHIVE_TERMS = 40  # terms an archived story keeps (and is indexed by)
_NEIGHBOURS = 20  # articles scored per new article: those sharing most of its distinctive terms
_MEMBERS_SCANNED = 32  # an event's newest articles compared one by one
_EVENTS_SCORED = 100  # a story's most recently active events scored for a new article (the most on SaudiNewsNet: 82)
_MAX_DOCUMENT_SHARE = 0.05  # terms in more than this share of documents are not used to find candidates
_MAX_KEY_DOCUMENTS = 500  # nor terms in more documents than this (an index of 10,000 articles and more)
_POOL_RESERVE = 150  # terms a cluster's pool keeps beyond its centroid's (see _Pool)
_SCALE = 1_000_000  # vector weights are stored as integer micro-units: sums and differences are exact
_ALONE_MARGIN = 1e-4  # a one-article cluster's centroid cosine exceeds its member cosine by less (see _may_reach)
_LOGIT_MARGIN = 1e-6  # the pruning bound's slack for float rounding (see _may_reach)

#: the scorer's features, in the order of ``ClusterConfig.weights()``
FEATURES = ("centroid", "member", "title", "keys", "outlet", "gap", "entities")

Vector = dict[str, float]
Arrays = tuple[npt.NDArray[np.int32], npt.NDArray[np.float64]]  # a vector as term ids and weights


def _top(weights: Mapping[str, float], keep: int) -> list[tuple[float, str]]:
    """The ``keep`` heaviest (weight, term) pairs, heaviest first (ties: the larger term first).

    Sorting the (weight, term) tuples themselves compares in C, without a key function; a full sort
    is cheaper than a heap when most items are kept (an article's terms), a heap when few are (a
    big story's centroid). Both give exactly ``heapq.nlargest``'s list: the terms are distinct."""
    pairs = zip(weights.values(), weights.keys(), strict=True)
    if len(weights) <= 4 * keep:
        return sorted(pairs, reverse=True)[:keep]
    return heapq.nlargest(keep, pairs)


def _normalized(weights: Mapping[str, float], keep: int) -> Vector:
    """The ``keep`` heaviest terms, scaled to unit length (in that order: heaviest first). Integer
    weights (a cluster's summed micro-units) give what their float values give."""
    return _unit(_top(weights, keep))


_weight_of, _term_of = itemgetter(0), itemgetter(1)


def _unit(top: list[tuple[float, str]]) -> Vector:
    """``_normalized`` of the heaviest (weight, term) pairs, heaviest first (the same sum of
    squares, left to right, and the same divisions as a loop would do, made by C iterators)."""
    floats = list(map(float, map(_weight_of, top)))
    norm = math.sqrt(sum(map(mul, floats, floats))) or 1.0
    return dict(zip(map(_term_of, top), map(truediv, floats, repeat(norm)), strict=True))


def cosine(a: Vector, b: Vector) -> float:
    """The dot product of two unit vectors: over their shared terms (found in C), summed with
    ``math.fsum``, which is exact-rounded and so does not depend on set order (nor on hash seeds)."""
    shared = a.keys() & b.keys()
    return math.fsum(map(mul, map(a.__getitem__, shared), map(b.__getitem__, shared)))


class _Pool:
    """The terms that can be among a cluster's ``_CENTROID_TERMS`` heaviest, so that a centroid is
    ranked over a few hundred terms instead of all of a big story's.

    Invariant: every term of the cluster outside ``terms`` weighs at most ``bound`` (a (weight,
    term) key; None: there is no such term). Adding an article puts its terms in the pool (their
    weights grew); removing one keeps the invariant by itself (weights only fell). When the pool's
    ``keep``-th heaviest term is above the bound, the pool's top is the cluster's top; otherwise
    every term is ranked again."""

    __slots__ = ("bound", "terms")

    def __init__(self) -> None:
        self.terms: list[str] | None = None  # None: not computed yet, rank every term
        self.bound: tuple[float, str] | None = None

    def add(self, terms: Iterable[str]) -> None:
        if self.terms is not None:
            self.terms.extend(terms)

    def top(self, weights: Mapping[str, float], keep: int) -> list[tuple[float, str]]:
        """The ``keep`` heaviest (weight, term) pairs, heaviest first: ``_top(weights, keep)``."""
        reserve = keep + _POOL_RESERVE
        if self.terms is not None:
            held = weights.keys() & self.terms  # (a set: the full sort below fixes the order)
            ranked = sorted(zip(map(weights.__getitem__, held), held, strict=True), reverse=True)
            bound = self.bound
            if bound is None or (len(ranked) >= keep and ranked[keep - 1] > bound):
                if len(ranked) > reserve:
                    self.bound = ranked[reserve] if bound is None else max(bound, ranked[reserve])
                self.terms = [term for _, term in ranked[:reserve]]
                return ranked[:keep]
        ranked = _top(weights, reserve + 1)
        self.bound = ranked[reserve] if len(ranked) > reserve else None
        self.terms = [term for _, term in ranked[:reserve]]
        return ranked[:keep]


def _squares(vector: Vector, title: Vector) -> tuple[dict[str, float], dict[str, float]]:
    return {t: w * w for t, w in vector.items()}, {t: w * w for t, w in title.items()}


def _logit(threshold: float | None) -> float | None:
    """The score's logit at a probability threshold (None: no threshold, or one nothing can prune by)."""
    if threshold is None or not 0.0 < threshold < 1.0:
        return None
    return math.log(threshold / (1.0 - threshold))


def _quantized(vector: Vector) -> dict[str, int]:
    return {term: round(weight * _SCALE) for term, weight in vector.items()}


class _Ids(dict[str, int]):
    """Term -> id; a term not seen before gets the next id."""

    def __missing__(self, term: str) -> int:
        self[term] = number = len(self)
        return number


class _TermIds:
    """Term -> integer id, so that one vector can be compared with many in one numpy pass.

    ``cosines`` gives exactly ``cosine`` of each pair: the products of the shared terms' weights
    are the same IEEE products, and each pair's are summed with ``math.fsum`` (exact-rounded, so
    their order does not matter); numpy only finds the shared terms and multiplies."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = _Ids()
        self._row = np.zeros(1 << 14)  # the weights of the vector being compared, by term id; else 0

    def arrays(self, vector: Vector) -> Arrays:
        # a new term gets the next id (_Ids.__missing__), in the vector's order
        index = np.fromiter(map(self.ids.__getitem__, vector), dtype=np.int32, count=len(vector))
        return index, np.fromiter(vector.values(), dtype=np.float64, count=len(vector))

    def cosines(self, vector: Arrays, others: list[Arrays]) -> list[float]:
        if not others:
            return []
        if len(self.ids) > self._row.size:
            self._row = np.zeros(max(2 * self._row.size, len(self.ids)))
        row = self._row
        ids, weights = vector
        row[ids] = weights
        products = row[np.concatenate([other[0] for other in others])]
        row[ids] = 0.0
        products *= np.concatenate([other[1] for other in others])
        ends = list(accumulate([other[0].size for other in others]))
        shared = products.nonzero()[0]  # a weight is never 0: only the shared terms' products are
        cuts = shared.searchsorted(ends).tolist()  # (array methods: numpy's function wrappers cost more here)
        values = products[shared].tolist()
        fsum = math.fsum
        result = []
        start = 0
        for cut in cuts:
            result.append(fsum(values[start:cut]))
            start = cut
        return result


@dataclass(frozen=True, slots=True)
class Document:
    """What the scorer knows of one article."""

    id: str
    source: str
    time: datetime
    terms: tuple[str, ...]  # distinct terms, in any order (for document frequencies)
    vector: Vector  # word TF-IDF, unit length
    title: Vector  # title TF-IDF, unit length
    keys: tuple[str, ...]  # the distinctive terms it is indexed and looked up by
    entities: frozenset[str] = frozenset()
    # ``vector`` and ``title`` in integer micro-units, as clusters sum them (computed when None)
    quantized: dict[str, int] | None = None
    quantized_title: dict[str, int] | None = None
    # ``vector`` and ``title`` as term ids and weights of the clusterer that made it (or None)
    arrays: Arrays | None = None
    title_arrays: Arrays | None = None
    # the centroids of a cluster of this article alone (and their arrays), once computed: most
    # candidates are such clusters, and a story and its first event are the same one
    alone: list[tuple[Vector, Vector]] = field(default_factory=list, compare=False, repr=False)
    alone_arrays: list[tuple[Arrays, Arrays]] = field(default_factory=list, compare=False, repr=False)
    nonzero: bool | None = None  # no weight of ``vector`` or ``title`` is 0 in micro-units (None: unknown)


def _add_counts(counter: dict[str, int], counts: Mapping[str, int]) -> None:
    """``Counter.update`` with a mapping, without its Python-level checks (a plain copy into an
    empty counter: a new story or event)."""
    if not counter:
        dict.update(counter, counts)
        return
    get = counter.get
    for key, count in counts.items():
        counter[key] = get(key, 0) + count


def _subtract_counts(counter: dict[str, int], counts: Mapping[str, int]) -> None:
    """``Counter.subtract``, then drop the keys it brought to zero (with ``dict.pop``: a Counter's
    ``del`` is a Python-level method)."""
    get, drop = counter.get, counter.pop
    for key, count in counts.items():
        left = get(key, 0) - count
        if left:
            counter[key] = left
        else:
            drop(key)


@dataclass(slots=True)
class _Cluster:
    """A story or an event: its articles in the active window and their summed vectors.

    No count is ever kept at zero: a key whose count falls to zero is dropped (``keys`` reads a
    term as shared only while some member has it)."""

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
    _times: list[tuple[datetime, str]] = field(default_factory=list)  # heap of members' (time, id); stale ones too
    _zeros: bool = False  # a member brought a weight of 0 micro-units (only a full sweep removes it)
    _pool: _Pool = field(default_factory=_Pool)  # the terms that can be in the centroid's top
    _title_pool: _Pool = field(default_factory=_Pool)
    _arrays: tuple[Arrays, Arrays] | None = None  # the centroids as term ids (the clusterer fills it in)

    def add(self, doc: Document, quantized_pair: tuple[dict[str, int], dict[str, int]] | None = None) -> None:
        """Add an article (``quantized_pair``: its ``_quantized_of``, when the caller has it)."""
        self.members[doc.id] = doc
        quantized, quantized_title = quantized_pair or _quantized_of(doc)
        _add_counts(self.weights, quantized)
        _add_counts(self.title_weights, quantized_title)
        if doc.entities:
            self.entities.update(doc.entities)
        self.sources[doc.source] += 1
        if not doc.nonzero and (doc.nonzero is False or 0 in quantized.values() or 0 in quantized_title.values()):
            self._zeros = True  # never in practice: every weight of a unit vector of ≤ 250 terms is far above 1e-6
        self.first = doc.time if self.first is None else min(self.first, doc.time)
        self.last = doc.time if self.last is None else max(self.last, doc.time)
        heapq.heappush(self._times, (doc.time, doc.id))
        self._pool.add(quantized)
        self._title_pool.add(quantized_title)
        self._vector = self._title = None

    def remove(self, doc: Document, quantized_pair: tuple[dict[str, int], dict[str, int]] | None = None) -> None:
        del self.members[doc.id]
        quantized, quantized_title = quantized_pair or _quantized_of(doc)
        _subtract_counts(self.weights, quantized)
        _subtract_counts(self.title_weights, quantized_title)
        if doc.entities:
            _subtract_counts(self.entities, dict.fromkeys(doc.entities, 1))
        _subtract_counts(self.sources, {doc.source: 1})
        if self._zeros:
            for counter in (self.weights, self.title_weights, self.entities, self.sources):
                for term in [t for t, w in counter.items() if w == 0]:
                    del counter[term]
            self._zeros = False
        if not self.members:
            self.first = self.last = None
            self._times.clear()
        elif doc.time == self.first or doc.time == self.last:
            # the window lets its oldest article go first: drop stale heap entries, read the oldest left
            members, times = self.members, self._times
            while (held := members.get(times[0][1])) is None or held.time != times[0][0]:
                heapq.heappop(times)
            self.first = times[0][0]
            if doc.time == self.last:
                self.last = max(m.time for m in members.values())
        self._vector = self._title = None

    def _centroids(self) -> None:
        """Compute both centroids: the ``_CENTROID_TERMS`` heaviest terms of the summed weights,
        ranked over the pools of terms that can be among them (see ``_Pool``)."""
        alone = _alone(self)
        if alone is not None and alone.alone:
            vector, title = alone.alone[0]  # its weights are exactly the article's
        else:
            vector = _unit(self._pool.top(self.weights, _CENTROID_TERMS))
            title = _unit(self._title_pool.top(self.title_weights, _CENTROID_TERMS))
            if alone is not None:
                alone.alone.append((vector, title))
        self._vector, self._title, self._arrays = vector, title, None

    @property
    def vector(self) -> Vector:
        if self._vector is None:
            self._centroids()
            assert self._vector is not None
        return self._vector

    @property
    def title(self) -> Vector:
        if self._title is None:
            self._centroids()
            assert self._title is not None
        return self._title

    def newest(self, limit: int) -> list[Document]:
        return heapq.nlargest(limit, self.members.values(), key=lambda d: (d.time, d.id))


def _alone(cluster: _Cluster) -> Document | None:
    """The article of a cluster of one whose weights are exactly its own (no weight of 0)."""
    if len(cluster.members) != 1:
        return None
    doc = next(iter(cluster.members.values()))
    if doc.nonzero is not None:
        return doc if doc.nonzero else None
    quantized, quantized_title = _quantized_of(doc)
    return None if 0 in quantized.values() or 0 in quantized_title.values() else doc


def _quantized_of(doc: Document) -> tuple[dict[str, int], dict[str, int]]:
    """``_quantized`` of the article's vector and title (from their arrays when it has them: numpy's
    ``rint`` rounds the same products half to even, as ``round`` does; nothing more is kept per article)."""
    if doc.quantized is not None and doc.quantized_title is not None:
        return doc.quantized, doc.quantized_title
    if doc.arrays is not None and doc.title_arrays is not None:
        quantized = _quantized_array(doc.vector, doc.arrays[1])
        quantized_title = _quantized_array(doc.title, doc.title_arrays[1])
    else:
        quantized, quantized_title = _quantized(doc.vector), _quantized(doc.title)
    # kept on the article (computed once: it is added to its clusters, then removed when it leaves)
    object.__setattr__(doc, "quantized", quantized)
    object.__setattr__(doc, "quantized_title", quantized_title)
    return quantized, quantized_title


def _quantized_array(vector: Vector, weights: npt.NDArray[np.float64]) -> dict[str, int]:
    return dict(zip(vector, np.rint(weights * _SCALE).astype(np.int64).tolist(), strict=True))


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
        self._bias, self._feature_weights = self.weights[0], self.weights[1:]
        w_centroid, w_member, w_title, *rest = self._feature_weights
        self._bound_weights = (w_centroid, w_member, w_title, tuple(rest))
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
        self._term_ids = _TermIds()
        self._last_squares: tuple[Document, tuple[dict[str, float], dict[str, float]]] | None = None

    # -- representation ---------------------------------------------------------------------
    def terms(self, article: Article) -> dict[str, float]:
        return self._counts(article, match_terms(article.title))

    def _counts(self, article: Article, title_terms: list[str]) -> dict[str, float]:
        counts: dict[str, float] = dict(Counter(match_terms(article.text[:_BODY_CHARS])))
        title_weight = self.cfg.title_weight
        for term in title_terms:
            counts[term] = counts.get(term, 0.0) + title_weight
        return counts

    def _idf(self, term: str, total: int) -> float:
        return math.log((total + 1) / (self.document_frequency.get(term, 0) + 1)) + 1.0

    def _weights(self, counts: Mapping[str, float]) -> dict[str, float]:
        """TF-IDF weights: ``(1 + log count) × idf`` (``_idf``, written out here: the hot path)."""
        total = self.documents + 1
        frequency = self.document_frequency.get
        log = math.log
        return {
            term: (1.0 + log(count)) * (log((total + 1) / (frequency(term, 0) + 1)) + 1.0)
            for term, count in counts.items()
        }

    def vector(self, counts: dict[str, float]) -> Vector:
        return _normalized(self._weights(counts), self.cfg.max_terms)

    def entities(self, article: Article) -> frozenset[str]:
        """The entity ids named in the article: the hook for the entity stage (none yet)."""
        return frozenset()

    def document(self, article: Article, time: datetime) -> Document:
        title_terms = match_terms(article.title)
        counts = self._counts(article, title_terms)
        vector = self.vector(counts)
        title = _normalized(self._weights(Counter(title_terms)), self.cfg.max_terms)
        limit = max(10, min(_MAX_KEY_DOCUMENTS, int(_MAX_DOCUMENT_SHARE * self.documents)))
        frequency = self.document_frequency.get
        wanted = self.cfg.candidate_terms
        found: list[str] = []  # the heaviest terms (ties: in term order) not too common to look up by
        ranked = (term for _, term in sorted(zip(map(neg, vector.values()), vector, strict=True)))
        if wanted > 0:  # stop at the wanted number, without looking up the other terms' frequencies
            for term in ranked:
                if frequency(term, 0) <= limit:
                    found.append(term)
                    if len(found) == wanted:
                        break
        else:  # (a slice's meaning, as a setting of 0 or less always had)
            found = [term for term in ranked if frequency(term, 0) <= limit][:wanted]
        keys = tuple(found)
        arrays, title_arrays = self._term_ids.arrays(vector), self._term_ids.arrays(title)
        return Document(
            article.id,
            article.source,
            time,
            tuple(counts),  # (order is irrelevant: only counted and looked up)
            vector,
            title,
            keys,
            self.entities(article),
            None,  # quantized from the arrays when needed (see _quantized_of)
            None,
            arrays,
            title_arrays,
            # round(w * _SCALE) is 0 exactly when w * _SCALE <= 0.5 (w >= 0; the product is monotonic)
            # (heaviest first: the last weight is the least)
            nonzero=all(next(reversed(weights.values()), 1.0) * _SCALE > 0.5 for weights in (vector, title)),
        )

    def _arrays(self, doc: Document) -> tuple[Arrays, Arrays]:
        if doc.arrays is not None and doc.title_arrays is not None:
            return doc.arrays, doc.title_arrays
        return self._term_ids.arrays(doc.vector), self._term_ids.arrays(doc.title)

    def _centroid_arrays(self, cluster: _Cluster) -> tuple[Arrays, Arrays]:
        vector, title = cluster.vector, cluster.title  # (computed first: that resets the arrays)
        if cluster._arrays is None:
            alone = _alone(cluster)
            if alone is not None and alone.alone_arrays and alone.alone and alone.alone[0][0] is vector:
                cluster._arrays = alone.alone_arrays[0]
            else:
                cluster._arrays = (self._term_ids.arrays(vector), self._term_ids.arrays(title))
                if alone is not None and not alone.alone_arrays and alone.alone and alone.alone[0][0] is vector:
                    alone.alone_arrays.append(cluster._arrays)
        return cluster._arrays

    def _cosines(self, doc: Document, others: list[Document]) -> list[float]:
        """``cosine(doc.vector, other.vector)`` for each of ``others``, in one pass."""
        return self._term_ids.cosines(self._arrays(doc)[0], [self._arrays(other)[0] for other in others])

    def _scored(
        self, doc: Document, clusters: Sequence[_Cluster], members: Sequence[float], threshold: float | None = None
    ) -> list[Candidate]:
        """Candidates for ``doc`` joining each of ``clusters`` (whose best member cosines are
        ``members``), in that order: the centroid and title cosines of all of them in one pass each.

        With ``threshold``, the clusters whose probability provably stays below it are left out
        before their centroids are computed (see ``_may_reach``): a decision only asks whether the
        best candidate reaches the threshold, so it is the same, for a fraction of the work."""
        contexts = [self._context(doc, cluster) for cluster in clusters]
        limit = _logit(threshold)
        if limit is not None:
            kept = [
                i
                for i, (cluster, member, context) in enumerate(zip(clusters, members, contexts, strict=True))
                if self._may_reach(doc, cluster, member, context, limit)
            ]
            if len(kept) < len(clusters):
                clusters = [clusters[i] for i in kept]
                members = [members[i] for i in kept]
                contexts = [contexts[i] for i in kept]
        arrays = [self._centroid_arrays(cluster) for cluster in clusters]
        vector, title = self._arrays(doc)
        centroids = self._term_ids.cosines(vector, [pair[0] for pair in arrays])
        titles = self._term_ids.cosines(title, [pair[1] for pair in arrays]) if doc.title else [0.0] * len(clusters)
        candidates = []
        for cluster, member, centroid, title_cosine, context in zip(
            clusters, members, centroids, titles, contexts, strict=True
        ):
            features = (centroid, max(member, centroid), title_cosine, *context)
            candidates.append(Candidate(cluster.id, features, self.score(features)))
        return candidates

    def _may_reach(
        self, doc: Document, cluster: _Cluster, member: float | None, context: tuple[float, ...], limit: float
    ) -> bool:
        """Whether ``doc`` joining ``cluster`` could score a logit of ``limit`` or more, from an
        upper bound of the two cosines not computed yet (both lie in [0, 1]: weights are positive),
        and of the member cosine too when ``member`` is None (not computed either).

        - centroid: the centroid is a unit vector over terms of the cluster, so by Cauchy–Schwarz
          the cosine is at most the norm of ``doc``'s vector over the terms it shares with the
          cluster; a cluster of one article (``_alone``) has that article's vector as centroid up
          to the rounding of its weights to micro-units (a distance below 2e-5), so its centroid
          cosine is at most the member cosine plus ``_ALONE_MARGIN``.
        - member, when unknown: each member's terms are terms of the cluster, so the same bound
          holds for its cosine.
        - title: the same Cauchy–Schwarz bound over the title terms.
        Each feature then contributes its largest possible term (a negative weight takes the lower
        end), and the sum gets a margin far above float rounding (of these sums too: ``sum``, not ``fsum``)."""
        w_centroid, w_member, w_title, rest = self._bound_weights
        z = self._bias + sum(map(mul, rest, context))
        last = self._last_squares  # (the article being decided: computed once for all its candidates)
        if last is None or last[0] is not doc:
            last = self._last_squares = (doc, _squares(doc.vector, doc.title))
        squares, title_squares = last[1]
        title = 0.0
        if title_squares:
            titled = title_squares.keys() & cluster.title_weights.keys()
            if titled:
                title = min(1.0, math.sqrt(sum(map(title_squares.__getitem__, titled))))
        z += max(0.0, w_title * title)
        if member is not None and len(cluster.members) == 1 and _alone(cluster) is not None:
            centroid = member + _ALONE_MARGIN
        else:
            shared = squares.keys() & cluster.weights.keys()
            centroid = min(1.0, math.sqrt(sum(map(squares.__getitem__, shared))))
        # the member feature, max(member, centroid), lies in [low, high]
        high, low = (centroid, 0.0) if member is None else (max(member, centroid), member)
        z += max(0.0, w_centroid * centroid) + (w_member * high if w_member > 0 else w_member * low)
        return z + _LOGIT_MARGIN >= limit

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
        return self._features(doc, cluster, centroid, member, title)

    def _features(
        self, doc: Document, cluster: _Cluster | _Archived, centroid: float, member: float, title: float
    ) -> tuple[float, ...]:
        """``features`` from the three cosines."""
        return (centroid, max(member, centroid), title, *self._context(doc, cluster))

    def _context(self, doc: Document, cluster: _Cluster | _Archived) -> tuple[float, float, float, float]:
        """The features that need no cosine: keys, outlet, gap, entities (see ``FEATURES``)."""
        gap = 0.0
        first, last, time = cluster.first, cluster.last, doc.time
        if first is not None and last is not None:  # the time to the nearer end of the span (0 inside it)
            if time > last:
                gap = (time - last).total_seconds() / 86400.0
            elif time < first:
                gap = (first - time).total_seconds() / 86400.0
        terms: Mapping[str, object] = cluster.weights if isinstance(cluster, _Cluster) else cluster.vector
        keys = len(terms.keys() & doc.keys) / len(doc.keys) if doc.keys else 0.0  # (the keys are distinct)
        outlet = 0.0
        entities = 0.0
        if isinstance(cluster, _Cluster):
            outlet = cluster.sources.get(doc.source, 0) / len(cluster.members) if cluster.members else 0.0
            if doc.entities and cluster.entities:
                shared = sum(1 for e in doc.entities if e in cluster.entities)
                entities = shared / (len(doc.entities) + len(cluster.entities) - shared)
        return (keys, outlet, gap, entities)

    def score(self, features: tuple[float, ...]) -> float:
        """The probability that an article belongs to a cluster, from the pair's features."""
        weights = self._feature_weights
        if len(features) != len(weights):
            raise ValueError(f"{len(features)} features for {len(weights)} weights")
        z = self._bias + sum(map(mul, weights, features))
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
        frequency = self.document_frequency
        for term in doc.terms:  # distinct terms: Counter.subtract, then drop those at zero
            left = frequency.get(term, 0) - 1
            if left > 0:
                frequency[term] = left
            else:
                frequency.pop(term, None)
        for key in doc.keys:
            posting = self.postings[key]
            posting.discard(article_id)
            if not posting:
                del self.postings[key]
        story_id, event_id = self.story_of.pop(article_id)
        story = self.stories[story_id]
        if len(story.members) == 1:
            self._archive(story)
        # a cluster that loses its last article is dropped as it is (its counts are not emptied one by one)
        last_in_event, last_in_story = len(story.events[event_id].members) == 1, len(story.members) == 1
        quantized = None if last_in_event and last_in_story else _quantized_of(doc)  # (once for both)
        if last_in_event:
            del story.events[event_id]
        else:
            story.events[event_id].remove(doc, quantized)
        if last_in_story:
            del self.stories[story_id]
        else:
            story.remove(doc, quantized)

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
        quantized = _quantized_of(doc)  # (once for both clusters)
        story.add(doc, quantized)
        event.add(doc, quantized)
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
        postings = self.postings
        hits = Counter(chain.from_iterable([postings[key] for key in doc.keys if key in postings]))
        # most shared terms first, ties by id: heapq.nsmallest's order, sorted as (-count, id) tuples in C;
        # only the articles sharing at least as many terms as the _NEIGHBOURS-th can be among the first
        # (with a big index thousands of articles share a term or two: sorting them all grew with it)
        chosen: Iterable[str] = hits
        if len(hits) > _NEIGHBOURS:
            least = sorted(hits.values(), reverse=True)[_NEIGHBOURS - 1]
            chosen = list(compress(hits, map(ge, hits.values(), repeat(least))))
        ranked = [
            article_id for _, article_id in sorted(zip(map(neg, map(hits.__getitem__, chosen)), chosen, strict=True))
        ]
        del ranked[_NEIGHBOURS:]
        window = self.window_documents
        return list(zip(ranked, self._cosines(doc, [window[article_id] for article_id in ranked]), strict=True))

    def story_candidates(
        self, doc: Document, similar: dict[str, float] | None = None, threshold: float | None = None
    ) -> list[Candidate]:
        """The active stories ``doc`` could join, best first (ties by id). The cosines with its
        neighbours are added to ``similar`` (article id -> cosine) when given. With ``threshold``,
        only the stories that might reach it are scored (the others cannot be chosen)."""
        best_member: dict[str, float] = {}
        neighbours = self.neighbours(doc)
        if similar is not None:
            similar.update(neighbours)
        for article_id, similarity in neighbours:
            story_id = self.story_of[article_id][0]
            if similarity > best_member.get(story_id, -1.0):
                best_member[story_id] = similarity
        ids = sorted(best_member)
        stories = [self.stories[story_id] for story_id in ids]
        candidates = self._scored(doc, stories, [best_member[i] for i in ids], threshold)
        candidates.sort(key=lambda c: (-c.probability, c.cluster_id))
        return candidates

    def event_candidates(
        self, doc: Document, story: _Story, similar: dict[str, float] | None = None, threshold: float | None = None
    ) -> list[Candidate]:
        """The events of ``story`` ``doc`` could join, best first. ``similar`` holds cosines with
        articles already computed for ``doc`` (``story_candidates`` leaves them there). Only the
        ``_EVENTS_SCORED`` most recently active events of a story are scored, so that a story of
        hundreds of developments (an index kept for months) does not make each article slower.
        With ``threshold``, only the events that might reach it are scored."""
        similar = {} if similar is None else similar
        events = list(story.events.values())
        if len(events) > _EVENTS_SCORED:  # a story of hundreds of developments: its active ones
            events = heapq.nlargest(_EVENTS_SCORED, events, key=lambda event: (event.last or event.first, event.id))
        events.sort(key=lambda event: event.id)
        limit = _logit(threshold)
        if limit is not None:  # first without member cosines: the events that cannot reach it need none
            events = [event for event in events if self._may_reach(doc, event, None, self._context(doc, event), limit)]
        newest = [event.newest(_MEMBERS_SCANNED) for event in events]
        missing = list({other.id: other for others in newest for other in others if other.id not in similar}.values())
        similar.update(zip([other.id for other in missing], self._cosines(doc, missing), strict=True))
        members = [max((similar[other.id] for other in others), default=0.0) for others in newest]
        candidates = self._scored(doc, events, members, threshold)
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
        similar: dict[str, float] = {}  # cosines with articles of the window, computed once
        candidates = [] if too_thin else self.story_candidates(doc, similar, self.cfg.threshold)
        if not candidates or candidates[0].probability < self.cfg.threshold:
            story_id, event_id = make_story_id(article.id), make_event_id(article.id)
            self._add(doc, story_id, event_id)
            return Assignment(article.id, story_id, event_id, 0.0, new_story=True, new_event=True)
        best = candidates[0]
        story = self.stories[best.cluster_id]
        events = self.event_candidates(doc, story, similar, self.cfg.event_threshold)
        new_event = not events or events[0].probability < self.cfg.event_threshold
        event_id = make_event_id(article.id) if new_event else events[0].cluster_id
        self._add(doc, story.id, event_id)
        return Assignment(
            article.id, story.id, event_id, round(best.probability, 6), new_story=False, new_event=new_event
        )

    def _assign_late(self, doc: Document) -> Assignment:
        """A late article: it may join an archived story (or an active one); the archive learns it."""
        gap = FEATURES.index("gap")
        similar: dict[str, float] = {}
        candidates = [
            c
            for c in self._archive_candidates(doc) + self.story_candidates(doc, similar, self.cfg.threshold)
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
            events = self.event_candidates(doc, story, similar, self.cfg.event_threshold)
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
