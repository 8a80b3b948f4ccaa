"""Exact and near-duplicate detection (wire copies), and the wire agency an article credits.

Every article becomes a set of hashed word shingles (``shingle_words`` consecutive words of the
normalized body). Two articles are near duplicates when the Jaccard similarity of their shingle sets
reaches ``threshold``; exact duplicates have the same sequence of normalized words (whitespace,
punctuation, diacritics and tatweel do not count).

Candidates come from an inverted index over a *sample* of each article's shingles, and every
candidate is verified with the exact Jaccard similarity of the full shingle sets, so there are no
false positives. The sample is hierarchical: a shingle is kept at level ``l`` when the low ``l``
bits of its hash are zero, and an article of ``n`` shingles uses the highest level at which the
``threshold * n`` shingles any near duplicate must share still leave ``sample_safety`` expected
shared samples. Two articles above the threshold then share at least ``min_shared`` sampled
shingles except with probability about 4e-8 a pair at the defaults (Poisson(20) < 2); recall
against the exact all-pairs answer is measured as 1.0 by ``bench/bench_dedupe.py``. The index holds
numpy runs (12 bytes a posting, merged like an LSM tree), not one Python object per shingle.

Articles are compared in the order given; the *original* of a copy is the earliest article of its
group in that order. ``find_duplicates`` and the ``dedupe`` stage feed the index in time order
(published time, then id), so the result does not depend on the order of articles that share a
timestamp. Hashing is a fixed polynomial over code points (not Python's salted ``hash``), so the
same input gives the same decisions on every machine and run.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import numpy as np
import numpy.typing as npt

from akhbar.config import DedupeConfig
from akhbar.lang.ar import normalize
from akhbar.pipeline import stage
from akhbar.types import Article

DEFAULT_CONFIG = DedupeConfig()

DuplicateKind = Literal["exact", "near"]
Hashes = npt.NDArray[np.uint64]


@dataclass(frozen=True, slots=True)
class DuplicateOf:
    """The decision for an article that copies an earlier one.

    ``original_id`` is the earliest article of the group; ``matched_id`` the article the copy was
    found similar to and ``similarity`` the Jaccard similarity with it (the original itself
    whenever the copy is similar enough to it, so usually ``matched_id == original_id``).
    ``agency`` is the wire agency the copy credits, else the one its original credits.
    """

    article_id: str
    original_id: str
    similarity: float
    kind: DuplicateKind
    agency: str | None
    matched_id: str


# --- hashing ---------------------------------------------------------------------------------------

_MASK64 = (1 << 64) - 1
_BASE = 0x9E3779B97F4A7C15  # odd, so it has an inverse modulo 2**64
_BASE_INVERSE = pow(_BASE, -1, 1 << 64)
# Odd multipliers, one per word position of a shingle (from splitmix64's constants).
_POSITION_MULTIPLIERS = tuple(
    (((0xBF58476D1CE4E5B9 * (2 * i + 1)) ^ (0x94D049BB133111EB >> i)) & _MASK64) | 1 for i in range(16)
)


def _word_table() -> npt.NDArray[np.bool_]:
    table = np.array([chr(c).isalnum() for c in range(0x10000)], dtype=np.bool_)
    table[0xD800:0xE000] = False  # surrogates never occur in str
    table.setflags(write=False)
    return table


_IS_WORD = _word_table()  # read-only constant: which BMP code points belong to words


def _mix(values: Hashes) -> Hashes:
    """splitmix64's finalizer, elementwise (uint64 arithmetic wraps)."""
    values = values ^ (values >> np.uint64(30))
    values = values * np.uint64(0xBF58476D1CE4E5B9)
    values = values ^ (values >> np.uint64(27))
    values = values * np.uint64(0x94D049BB133111EB)
    return values ^ (values >> np.uint64(31))


def _powers(base: int, count: int) -> Hashes:
    powers = np.full(count, base, dtype=np.uint64)
    powers[0] = 1
    powers = np.cumprod(powers, dtype=np.uint64)
    powers.setflags(write=False)
    return powers


_TABLE_CHARS = 1 << 14
_POWERS = _powers(_BASE, _TABLE_CHARS)  # read-only constants: BASE**i and BASE**-i modulo 2**64
_INVERSE_POWERS = _powers(_BASE_INVERSE, _TABLE_CHARS)


def word_hashes(norm_text: str) -> Hashes:
    """One 64-bit hash per word (maximal run of letters and digits) of a normalized text."""
    codes = np.frombuffer(norm_text.encode("utf-32-le"), dtype=np.uint32)
    size = codes.size
    in_word = np.zeros(size + 2, dtype=np.bool_)
    in_word[1:-1] = _IS_WORD[np.minimum(codes, 0xFFFF)]
    edges = np.flatnonzero(in_word[1:] != in_word[:-1])  # word starts and ends, alternating
    if edges.size == 0:
        return np.zeros(0, dtype=np.uint64)
    starts, ends = edges[0::2], edges[1::2]
    if size <= _TABLE_CHARS:
        powers, inverse_powers = _POWERS[:size], _INVERSE_POWERS
    else:
        powers, inverse_powers = _powers(_BASE, size), _powers(_BASE_INVERSE, size)
    # prefix[i] = sum of codes[j] * BASE**j for j < i; a word's hash is its slice, shifted to position 0
    prefix = np.zeros(size + 1, dtype=np.uint64)
    np.cumsum(codes * powers, dtype=np.uint64, out=prefix[1:])
    lengths = (ends - starts).astype(np.uint64)
    return _mix((prefix[ends] - prefix[starts]) * inverse_powers[starts] + lengths)


def shingle_hashes(words: Hashes, size: int) -> Hashes:
    """The sorted set of hashes of ``size``-word shingles (one shingle for shorter texts)."""
    count = words.size
    if count == 0:
        return np.zeros(0, dtype=np.uint64)
    width = min(size, count)
    windows = count - width + 1
    combined = np.full(windows, width, dtype=np.uint64)
    for position in range(width):
        combined += words[position : position + windows] * np.uint64(_POSITION_MULTIPLIERS[position])
    hashes = np.sort(_mix(combined))
    if hashes.size > 1:
        hashes = hashes[np.concatenate(([True], hashes[1:] != hashes[:-1]))]
    return hashes


def overlap(a: Hashes, b: Hashes) -> int:
    """How many hashes two sorted sets share."""
    if a.size > b.size:
        a, b = b, a
    if a.size == 0:
        return 0
    found = np.searchsorted(b, a)
    found[found == b.size] = 0
    return int(np.count_nonzero(b[found] == a))


def jaccard(a: Hashes, b: Hashes) -> float:
    """Jaccard similarity of two sorted hash sets (0.0 when both are empty)."""
    common = overlap(a, b)
    union = a.size + b.size - common
    return common / union if union else 0.0


def text_shingles(text: str, cfg: DedupeConfig = DEFAULT_CONFIG) -> Hashes:
    """The shingle set of a display text (normalized here)."""
    words = word_hashes(normalize(text))
    if words.size < cfg.min_words:
        return np.zeros(0, dtype=np.uint64)
    return shingle_hashes(words, cfg.shingle_words)


def similarity(text_a: str, text_b: str, cfg: DedupeConfig = DEFAULT_CONFIG) -> float:
    """Jaccard similarity of the shingle sets of two texts: symmetric, 1.0 for the same words."""
    return jaccard(text_shingles(text_a, cfg), text_shingles(text_b, cfg))


# --- wire agencies ---------------------------------------------------------------------------------

# Canonical name -> the ways outlets write it. Names that are also common words ("معا", "بنا" in
# running text) are recognised only where a credit sits: in brackets or in a dateline segment.
AGENCY_NAMES: dict[str, tuple[str, ...]] = {
    "واس": ("واس", "وكالة الأنباء السعودية"),
    "أ ف ب": ("أ ف ب", "أ.ف.ب", "أ. ف. ب", "ا ف ب", "أف ب", "فرانس برس", "فرانس بريس", "AFP"),
    "رويترز": ("رويترز", "Reuters"),
    "د ب أ": ("د ب أ", "د.ب.أ", "د. ب. أ", "DPA"),
    "أ ش أ": ("أ ش أ", "أ.ش.أ"),
    "يو بي آي": ("يو بي آي", "يو بي اي", "يو.بي.آي", "UPI"),
    "أ ب": ("أ ب", "أ.ب", "أسوشيتد برس", "AP"),
    "الأناضول": ("الأناضول", "وكالة الأناضول"),
    "قنا": ("قنا",),
    "وام": ("وام",),
    "بنا": ("بنا",),
    "كونا": ("كونا",),
    "العمانية": ("العمانية",),
    "سبأ": ("سبأ", "سبأنت"),
    "واج": ("واج",),
    "ومع": ("ومع", "و م ع"),
    "سانا": ("سانا",),
    "إرنا": ("إرنا", "ارنا"),
    "بترا": ("بترا",),
    "وفا": ("وفا",),
    "شينخوا": ("شينخوا",),
    "سبوتنيك": ("سبوتنيك",),
    "تاس": ("تاس",),
    "معا": ("معا",),
}

_KEY_DROP = re.compile(r"[\s.\"'«»“”()\[\]]")


def _agency_key(text: str) -> str:
    return _KEY_DROP.sub("", normalize(text)).lower()


_AGENCY_BY_KEY: dict[str, str] = {_agency_key(v): name for name, variants in AGENCY_NAMES.items() for v in variants}
_DATELINE_SEPARATOR = re.compile(r"\s*(?:[-–—|:]+|\s\u0640+)\s*")
_BRACKETED = re.compile(r"[(\[]\s*([^()\[\]\n]{1,25}?)\s*[)\]]")
_SENTENCE_END = re.compile(r"[.!?؟]\s|\n")
_HEAD_CHARS = 120
_TAIL_CHARS = 60
_DATELINE_MAX_WORDS = 12  # "جدة 25 شوال 1436هـ الموافق 10 أغسطس 2015م واس"


def _lookup(segment: str) -> str | None:
    segment = segment.strip(" \t-–—ـ:|.،,")
    if not segment or len(segment) > 30:
        return None
    return _AGENCY_BY_KEY.get(_agency_key(segment))


def _leading_words(segment: str, most: int) -> Iterator[str]:
    words = segment.split()
    for count in range(1, min(most, len(words)) + 1):
        yield " ".join(words[:count])


def detect_agency(text: str) -> str | None:
    """The wire agency a text credits in its dateline or closing credit, by canonical name.

    Looks at the head ("الرياض - واس", "بيروت - (أ ف ب) -", "واس - الرياض:", the SPA form
    "جدة 25 شوال 1436هـ ... واس") and at the tail ("(واس)", "- رويترز"); an agency merely quoted in
    the running text ("ذكرت وكالة رويترز أن ...") is not a credit.
    """
    stripped = text.strip()
    if not stripped:
        return None
    head = stripped[:_HEAD_CHARS]
    first_line = head.split("\n", 1)[0]
    end = _SENTENCE_END.search(first_line)
    dateline = first_line[: end.start()] if end else first_line
    for bracketed in _BRACKETED.finditer(dateline[:80]):
        if found := _lookup(bracketed.group(1)):
            return found
    segments = _DATELINE_SEPARATOR.split(dateline)
    if len(segments) > 1:
        if found := _lookup(segments[0]):  # "واس - الرياض"
            return found
        for segment in segments[1:3]:  # "الرياض - واس", "الرياض - واس أكد ..."
            for words in _leading_words(segment, 3):
                if found := _lookup(words):
                    return found
    line_words = first_line.split()
    standalone = len(first_line) == len(stripped) or stripped[len(first_line) : len(first_line) + 1] == "\n"
    if len(line_words) <= _DATELINE_MAX_WORDS and standalone:
        for count in (1, 2, 3):  # a standalone dateline line ending with the agency
            if found := _lookup(" ".join(line_words[-count:])):
                return found
    tail = stripped[-_TAIL_CHARS:].rsplit("\n", 1)[-1].strip(" .")
    closing = _BRACKETED.search(tail[-30:])
    if closing and closing.end() == len(tail[-30:]) and (found := _lookup(closing.group(1))):  # "... (واس)"
        return found
    parts = _DATELINE_SEPARATOR.split(tail)
    if len(parts) > 1 and (found := _lookup(parts[-1])):  # "... - واس"
        return found
    return _lookup(tail)  # a credit line of its own


def article_agency(article: Article) -> str | None:
    """The agency an article credits: in its dateline, in what cleaning removed, or in its text."""
    if article.dateline and (found := detect_agency(article.dateline)):
        return found
    for removal in article.removed:
        if removal.reason in ("dateline", "credit", "byline") and (found := detect_agency(removal.text)):
            return found
    return detect_agency(article.text) or (detect_agency(article.raw_text) if article.raw_text else None)


# --- the index -------------------------------------------------------------------------------------


_FILTER_SLOTS_PER_KEY = 8  # a run's filter: about one false "maybe" in nine absent values


@dataclass(frozen=True, slots=True)
class _Run:
    """Sorted postings: ``docs[starts[i]:starts[i + 1]]`` hold the sampled shingle ``keys[i]``.

    ``present`` is a one-hash Bloom filter over the keys' high bits (``shift`` drops the others), a
    byte per slot (two numpy steps to read): a looked-up value whose slot is clear is certainly
    absent, so only the few that may be present are binary-searched. Nine in ten looked-up values
    are absent, and a binary search in a run of a million keys misses the cache at nearly every step."""

    keys: Hashes
    starts: npt.NDArray[np.int64]
    docs: npt.NDArray[np.uint32]
    present: npt.NDArray[np.bool_]
    shift: np.uint64

    @classmethod
    def build(cls, keys: Hashes, docs: npt.NDArray[np.uint32]) -> _Run:
        order = np.argsort(keys, kind="stable")
        keys, docs = keys[order], docs[order]
        first = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
        distinct = keys[first]
        # 2**width filter slots: the power of two nearest _FILTER_SLOTS_PER_KEY per key (at least 1,024)
        width = max(10, round(math.log2(max(1, distinct.size) * _FILTER_SLOTS_PER_KEY)))
        shift = np.uint64(64 - width)
        present = np.zeros(1 << width, dtype=np.bool_)
        present[distinct >> shift] = True
        return cls(distinct, np.append(first, keys.size).astype(np.int64), docs, present, shift)

    def merge(self, other: _Run) -> _Run:
        keys = np.concatenate(
            (np.repeat(self.keys, np.diff(self.starts)), np.repeat(other.keys, np.diff(other.starts)))
        )
        return _Run.build(keys, np.concatenate((self.docs, other.docs)))

    def lookup(self, sorted_values: Hashes) -> list[int]:
        """The articles holding any of the values (once per value held)."""
        sorted_values = sorted_values[self.present[sorted_values >> self.shift]]
        if sorted_values.size == 0:
            return []
        where = np.searchsorted(self.keys, sorted_values)
        np.minimum(where, self.keys.size - 1, out=where)
        where = where[self.keys[where] == sorted_values]
        if where.size == 0:
            return []
        lo, hi = self.starts[where], self.starts[where + 1]
        lengths = hi - lo
        total = int(lengths.sum())
        if lengths.size == total:
            return self.docs[lo].tolist()  # type: ignore[no-any-return]
        offsets = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        return self.docs[np.repeat(lo, lengths) + offsets].tolist()  # type: ignore[no-any-return]


_BUFFER_POSTINGS = 1 << 15


def order_key(article: Article, time: datetime | None = None) -> tuple[int, float, str]:
    """Time order for dedupe: published time (UTC), then id; undated articles last."""
    when = time or article.published
    return (0, when.timestamp(), article.id) if when is not None else (1, 0.0, article.id)


class DuplicateIndex:
    """Holds the shingle sets and the sampled-shingle index of the articles seen so far.

    ``add`` decides for one article against all earlier ones and returns a ``DuplicateOf`` or
    ``None`` (an original, or too short to compare); ``decisions`` holds every copy found so far.
    """

    def __init__(self, cfg: DedupeConfig = DEFAULT_CONFIG, *, record_pairs: bool = False) -> None:
        if not 0.0 < cfg.threshold <= 1.0:
            raise ValueError(f"dedupe threshold must be in (0, 1], not {cfg.threshold}")
        self.cfg = cfg
        self.decisions: dict[str, DuplicateOf] = {}
        # With ``record_pairs``: every verified (earlier id, later id, similarity), for evaluation.
        self.pairs: list[tuple[str, str, float]] | None = [] if record_pairs else None
        self._ids: list[str] = []
        self._roots: list[int] = []  # position of each article's original (itself for originals)
        self._agencies: list[str | None] = []
        self._shingles: list[Hashes | None] = []  # None for exact copies: their original stands in
        self._size_list: list[int] = []  # shingle set sizes (0 for exact copies)
        self._exact: dict[bytes, int] = {}
        self._runs: list[_Run] = []  # sorted postings
        self._buffer: dict[int, int] = {}  # recent postings: sampled shingle -> first article holding it
        self._buffer_more: dict[int, list[int]] = {}  # ... and the later ones holding it
        self._buffered = 0

    def __len__(self) -> int:
        return len(self._ids)

    # -- postings -----------------------------------------------------------------------------
    def _sample(self, shingles: Hashes) -> Hashes:
        needed = self.cfg.threshold * shingles.size / self.cfg.sample_safety
        level = max(0, int(np.floor(np.log2(needed)))) if needed >= 2 else 0
        if level == 0:
            return shingles
        return shingles[(shingles & np.uint64((1 << level) - 1)) == 0]

    def _post(self, sampled: Hashes, position: int) -> None:
        values = sampled.tolist()
        shared = self._buffer.keys() & values
        if shared:
            for value in shared:
                self._buffer_more.setdefault(value, []).append(position)
        fresh = dict.fromkeys(values, position)
        fresh.update((value, self._buffer[value]) for value in shared)  # keep the first holder
        self._buffer.update(fresh)
        self._buffered += len(values)
        if self._buffered >= _BUFFER_POSTINGS:
            self._flush()

    def _flush(self) -> None:
        keys = np.fromiter(self._buffer.keys(), dtype=np.uint64, count=len(self._buffer))
        docs = np.fromiter(self._buffer.values(), dtype=np.uint32, count=len(self._buffer))
        if self._buffer_more:
            more_keys = [key for key, more in self._buffer_more.items() for _ in more]
            more_docs = [doc for more in self._buffer_more.values() for doc in more]
            keys = np.concatenate((keys, np.array(more_keys, dtype=np.uint64)))
            docs = np.concatenate((docs, np.array(more_docs, dtype=np.uint32)))
        self._runs.append(_Run.build(keys, docs))
        self._buffer, self._buffer_more, self._buffered = {}, {}, 0
        # Merge runs of similar size (an LSM tree): at most log2(postings / buffer) runs remain.
        while len(self._runs) > 1 and self._runs[-2].docs.size <= 2 * self._runs[-1].docs.size:
            self._runs[-2:] = [self._runs[-2].merge(self._runs[-1])]

    def _candidates(self, sampled: Hashes, size: int) -> list[int]:
        """Articles that share enough sampled shingles and have a compatible size.

        A pair at the threshold shares ``sample_safety`` sampled shingles on average, so asking for
        ``min_shared`` of them loses nothing in practice; tiny sets (fully sampled, so the count is
        the exact overlap) need only ``ceil(threshold * larger size)``. The size filter is exact:
        Jaccard >= t needs t <= |A| / |B| <= 1 / t.
        """
        hits: list[int] = []
        for run in self._runs:
            hits += run.lookup(sampled)
        if self._buffer:
            values = sampled.tolist()
            buffer, more = self._buffer, self._buffer_more
            hits += [buffer[v] for v in buffer.keys() & values]
            if more:
                hits += [doc for v in more.keys() & values for doc in more[v]]
        if not hits:
            return []
        threshold, min_shared, sizes = self.cfg.threshold, self.cfg.min_shared, self._size_list
        low, high = size * threshold, size / threshold
        return [
            doc
            for doc, shared in Counter(hits).items()
            if low <= sizes[doc] <= high
            and (shared >= min_shared or shared >= math.ceil(threshold * max(sizes[doc], size) - 1e-9))
        ]

    # -- decisions ----------------------------------------------------------------------------
    def add(self, article: Article, norm_text: str | None = None) -> DuplicateOf | None:
        """Decide for ``article`` against every article added before it, then remember it."""
        text = norm_text if norm_text is not None else (article.norm_text or normalize(article.text))
        return self.add_text(article.id, text, article_agency(article))

    def add_text(self, article_id: str, norm_text: str, agency: str | None = None) -> DuplicateOf | None:
        """``add`` for a bare normalized text (benchmarks and replay)."""
        cfg = self.cfg
        words = word_hashes(norm_text)
        if words.size < cfg.min_words:
            self._remember(article_id, None, agency)
            return None
        digest = hashlib.blake2b(words.tobytes(), digest_size=16).digest()
        twin = self._exact.get(digest)
        if twin is not None:
            root = self._roots[twin]
            exact = DuplicateOf(
                article_id, self._ids[root], 1.0, "exact", agency or self._agencies[root], self._ids[twin]
            )
            self._remember(article_id, None, agency, root)
            self.decisions[article_id] = exact
            return exact
        shingles = shingle_hashes(words, cfg.shingle_words)
        sampled = self._sample(shingles)
        position = len(self._ids)
        decision, root = self._match(article_id, shingles, sampled, agency)
        root = position if root < 0 else root
        self._exact[digest] = position
        self._remember(article_id, shingles, agency, root)
        self._post(sampled, position)
        if decision is not None:
            self.decisions[article_id] = decision
        return decision

    def _match(
        self, article_id: str, shingles: Hashes, sampled: Hashes, agency: str | None
    ) -> tuple[DuplicateOf | None, int]:
        """The decision and the position of the original (-1 when the article is an original)."""
        candidates = self._candidates(sampled, shingles.size)
        scores = self._verify(shingles, candidates)
        if self.pairs is not None:
            self.pairs.extend((self._ids[c], article_id, score) for c, score in sorted(scores.items()))
        if not scores:
            return None, -1
        # The group whose original came first; the original itself when similar enough, else the
        # group's most similar member (the earliest on a tie).
        matched = min(scores, key=lambda c: (self._roots[c], -scores[c], c))
        root = self._roots[matched]
        if root in scores:
            matched = root
        decision = DuplicateOf(
            article_id,
            self._ids[root],
            round(scores[matched], 6),
            "near",
            agency or self._agencies[root],
            self._ids[matched],
        )
        return decision, root

    def _verify(self, shingles: Hashes, candidates: list[int]) -> dict[int, float]:
        """Exact Jaccard similarity with each candidate, all in one pass; those at the threshold."""
        others: list[Hashes] = []
        listed: list[int] = []
        for candidate in candidates:
            held = self._shingles[candidate]
            if held is not None:
                others.append(held)
                listed.append(candidate)
        if not listed:
            return {}
        joined = np.concatenate(others)
        found = np.searchsorted(shingles, joined)
        found[found == shingles.size] = 0
        running = np.zeros(joined.size + 1, dtype=np.int64)
        np.cumsum(shingles[found] == joined, out=running[1:])
        sizes = np.array([self._size_list[c] for c in listed], dtype=np.int64)
        ends = np.cumsum(sizes)
        common = running[ends] - running[ends - sizes]
        similarity = common / (shingles.size + sizes - common)
        keep = np.flatnonzero(similarity >= self.cfg.threshold).tolist()
        return {listed[i]: float(similarity[i]) for i in keep}

    def _remember(self, article_id: str, shingles: Hashes | None, agency: str | None, root: int = -1) -> None:
        position = len(self._ids)
        self._size_list.append(0 if shingles is None else shingles.size)
        self._ids.append(article_id)
        self._roots.append(position if root < 0 else root)
        self._agencies.append(agency)
        self._shingles.append(shingles)


def _time_runs(articles: Iterable[Article]) -> Iterator[list[Article]]:
    """Consecutive articles with the same published time, as lists."""
    run: list[Article] = []
    for article in articles:
        if run and run[0].published != article.published:
            yield run
            run = []
        run.append(article)
    if run:
        yield run


@stage("dedupe", requires={"id", "text"}, provides={"duplicate_of"})
def dedupe(articles: Iterable[Article], index: DuplicateIndex) -> Iterator[Article]:
    """Compare each article with the earlier ones; yield it unchanged (decisions: ``index.decisions``).

    Articles are expected in time order. Within a run of equal published times they are compared in
    id order, so which one becomes the original does not depend on the input order; they are
    yielded in the order they came.
    """
    for run in _time_runs(articles):
        for article in sorted(run, key=lambda a: a.id):
            index.add(article)
        yield from run


def find_duplicates(articles: Sequence[Article], cfg: DedupeConfig = DEFAULT_CONFIG) -> dict[str, DuplicateOf]:
    """Batch: sort by time (published, then id), decide for every article; copies by article id."""
    index = DuplicateIndex(cfg)
    for article in sorted(articles, key=order_key):
        index.add(article)
    return index.decisions
