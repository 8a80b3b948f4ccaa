"""Word clusters from unlabelled news text, for the NER model's features.

Brown clustering is the classic choice but is slow in Python; this is a cheap stand-in with the
same use (a word's cluster generalises from the words seen in training to words that occur in
the same contexts):

1. count, for every vocabulary word (normalized form, ``min_count`` or more occurrences), the
   ``contexts`` most frequent words at positions -2, -1, +1, +2;
2. positive PMI, then a randomized truncated SVD to ``dimensions`` dense dimensions (numpy only);
3. k-means (k-means++ seeding, fixed iterations) on the unit-length vectors at several values of
   k: a word gets one cluster id per granularity (coarse ids generalise, fine ids discriminate).

Everything is seeded; numpy's BLAS may still round differently on another machine, so a rebuild
is bit-identical on the same platform and numpy build (``train.ner`` records a hash of the table).
"""

from __future__ import annotations

import json
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from akhbar.lang.ar import tokenize

__all__ = ["ClusterTable", "build_clusters", "corpus_sentences"]


@dataclass(frozen=True, slots=True)
class ClusterTable:
    """word → one cluster id per column.

    Column names say how they were made: ``c256`` is 256 clusters over positional contexts,
    ``b1024`` 1024 clusters over bag-of-words contexts (measured no better for NER: not shipped).
    """

    names: tuple[str, ...]
    clusters: dict[str, tuple[int, ...]]


def corpus_documents(archive_dir: Path) -> Iterator[str]:
    """The ``content`` of every article in the SaudiNewsNet zips, in file order."""
    for path in sorted(archive_dir.glob("*.zip")):
        with zipfile.ZipFile(path) as archive:
            for member in sorted(archive.namelist()):
                if not member.endswith(".json"):
                    continue
                for record in json.loads(archive.read(member)):
                    content = record.get("content") or ""
                    if content:
                        yield content


def corpus_sentences(archive_dir: Path) -> Iterator[list[str]]:
    """Normalized word sequences, one per article paragraph."""
    for content in corpus_documents(archive_dir):
        for paragraph in content.split("\n"):
            words = [token.norm for token in tokenize(paragraph)]
            if words:
                yield words


def _cooccurrence(
    sentences: Sequence[Sequence[str]],
    vocabulary: dict[str, int],
    contexts: dict[str, int],
    offsets: Sequence[int],
    positional: bool,
) -> np.ndarray:
    """Dense co-occurrence counts, float32: (|V|, |offsets| * |C|), or (|V|, |C|) as a bag."""
    n_contexts = len(contexts)
    slots = len(offsets) if positional else 1
    matrix = np.zeros((len(vocabulary), slots * n_contexts), dtype=np.float32)
    rows: list[int] = []
    cols: list[int] = []
    for words in sentences:
        ids = [vocabulary.get(word, -1) for word in words]
        context_ids = [contexts.get(word, -1) for word in words]
        length = len(words)
        for position, row in enumerate(ids):
            if row < 0:
                continue
            for slot, offset in enumerate(offsets):
                other = position + offset
                if 0 <= other < length and context_ids[other] >= 0:
                    rows.append(row)
                    cols.append((slot if positional else 0) * n_contexts + context_ids[other])
        if len(rows) > 5_000_000:
            np.add.at(matrix, (np.asarray(rows), np.asarray(cols)), 1.0)
            rows.clear()
            cols.clear()
    if rows:
        np.add.at(matrix, (np.asarray(rows), np.asarray(cols)), 1.0)
    return matrix


def _ppmi(matrix: np.ndarray) -> np.ndarray:
    total = float(matrix.sum())
    row_sums = matrix.sum(axis=1, keepdims=True)
    col_sums = matrix.sum(axis=0, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(matrix * total / (row_sums @ col_sums))
    pmi[~np.isfinite(pmi)] = 0.0
    np.maximum(pmi, 0.0, out=pmi)
    return pmi.astype(np.float32)


def _randomized_svd(matrix: np.ndarray, rank: int, rng: np.random.Generator, oversample: int = 20) -> np.ndarray:
    """Left singular vectors scaled by the singular values: (|V|, rank)."""
    probe = rng.standard_normal((matrix.shape[1], rank + oversample)).astype(np.float32)
    basis = matrix @ probe
    for _ in range(2):  # power iterations sharpen the spectrum
        basis, _ = np.linalg.qr(basis)
        basis = matrix @ (matrix.T @ basis)
    basis, _ = np.linalg.qr(basis)
    small = basis.T @ matrix
    u_small, singular, _ = np.linalg.svd(small, full_matrices=False)
    return ((basis @ u_small[:, :rank]) * singular[:rank]).astype(np.float32)


def _kmeans(vectors: np.ndarray, k: int, rng: np.random.Generator, iterations: int = 20) -> np.ndarray:
    """Lloyd's k-means with k-means++ seeding; returns the cluster of every row."""
    n = vectors.shape[0]
    squared = (vectors * vectors).sum(axis=1)
    centers = np.empty((k, vectors.shape[1]), dtype=np.float32)
    first = int(rng.integers(n))
    centers[0] = vectors[first]
    closest = squared - 2 * vectors @ centers[0] + squared[first]
    for index in range(1, k):
        weights = np.maximum(closest, 0).astype(np.float64)
        choice = int(rng.choice(n, p=weights / weights.sum()))
        centers[index] = vectors[choice]
        distance = squared - 2 * vectors @ centers[index] + squared[choice]
        np.minimum(closest, distance, out=closest)
    labels = np.zeros(n, dtype=np.int64)
    for _ in range(iterations):
        distances = -2 * vectors @ centers.T + (centers * centers).sum(axis=1)
        labels = distances.argmin(axis=1)
        for index in range(k):
            members = labels == index
            if members.any():
                centers[index] = vectors[members].mean(axis=0)
    return labels


def build_clusters(
    sentences: Iterable[Sequence[str]],
    *,
    ks: Sequence[int] = (64, 256, 1024),
    min_count: int = 4,
    contexts: int = 600,
    dimensions: int = 100,
    window: int = 2,
    positional: bool = True,
    seed: int = 0,
) -> ClusterTable:
    """Cluster every word seen ``min_count`` times or more (see the module docstring).

    Contexts are the words within ``window`` positions; ``positional`` keeps their position apart
    (syntactic clusters), else they form one bag (topical clusters).
    """
    corpus = sentences if isinstance(sentences, list) else [list(words) for words in sentences]
    counts = Counter(word for words in corpus for word in words)
    ranked = sorted((word for word, count in counts.items() if count >= min_count), key=lambda w: (-counts[w], w))
    vocabulary = {word: index for index, word in enumerate(ranked)}
    context_index = {word: index for index, word in enumerate(ranked[:contexts])}
    offsets = [offset for offset in range(-window, window + 1) if offset]
    matrix = _cooccurrence(corpus, vocabulary, context_index, offsets, positional)
    vectors = _randomized_svd(_ppmi(matrix), dimensions, np.random.default_rng(seed))
    del matrix
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = vectors / np.where(norms > 0, norms, 1.0)
    labels = [_kmeans(vectors, k, np.random.default_rng(seed + k)) for k in ks]
    clusters = {word: tuple(int(column[index]) for column in labels) for word, index in vocabulary.items()}
    prefix = "c" if positional else "b"
    return ClusterTable(tuple(f"{prefix}{k}" for k in ks), clusters)
