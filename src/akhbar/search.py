"""Full-text search with akhbar's own Arabic analysis: index keys, safe queries, highlights.

SQLite's FTS5 tokenizers know nothing of Arabic clitics or spelling variants, so akhbar does not
give them the article text. It gives them a **shadow**: the match key of every token of the title
and body, in order (``ببغداد`` → ``بغداد``, ``العراق`` → ``عراق``, ``الأمريكي`` → ``اميركي``; see
``akhbar.lang.ar.match_key``), indexed with ``unicode61 remove_diacritics 0``. A query is analysed
the same way and turned into an FTS5 expression made *only* of akhbar's own keys, each one quoted,
so nothing a user types (quotes, ``*``, ``NEAR``, ``OR``, ``AND``, ``NOT``, parentheses, ``:``,
``^``) can reach FTS5 as syntax. Highlights are found by tokenizing the **original** text again and
comparing keys, so every highlight is a ``(start, end)`` span of the text the reader sees.

Nothing here does I/O: the store runs the SQL, the service puts the pieces together.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from importlib import metadata, resources

from akhbar.errors import AkhbarError
from akhbar.lang.ar import stopwords, tokenize
from akhbar.lang.ar.variants import stem_key

#: Bumped whenever the shadow text changes for the same lexicon; part of ``analyzer_fingerprint``.
ANALYZER_VERSION = 1
MAX_QUERY_CHARS = 256
MAX_QUERY_KEYS = 16
#: FTS5 bm25() weights of the shadow columns (title, body).
TITLE_WEIGHT = 2.0
BODY_WEIGHT = 1.0
#: Recency: a hit's BM25 score is multiplied by 1 + RECENCY_WEIGHT * 2^(-age / RECENCY_HALF_LIFE_DAYS),
#: the age measured from the newest article in the index (archives are searched as of their own time).
RECENCY_WEIGHT = 0.25
RECENCY_HALF_LIFE_DAYS = 7.0
#: How many BM25 candidates are re-ranked with recency.
CANDIDATES = 200

#: Name compounds written both joined and apart: عبد الله / عبدالله (as in ``match_terms``).
_JOINING_PREFIX = "عبد"
_PHRASE = re.compile(r'"([^"]*)"|«([^»]*)»|“([^”]*)”|„([^“”]*)[“”]')


class QueryError(AkhbarError, ValueError):
    """A search query akhbar will not run (too long); the message says what to change."""


@dataclass(frozen=True, slots=True)
class QueryPart:
    """One thing a hit must contain: any of ``alternatives``, each a sequence of adjacent keys."""

    surface: str  # what the user typed for it
    alternatives: tuple[tuple[str, ...], ...]

    @property
    def is_phrase(self) -> bool:
        return any(len(keys) > 1 for keys in self.alternatives)


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    text: str
    parts: tuple[QueryPart, ...]
    ignored: tuple[str, ...] = ()  # stopwords left out, words past MAX_QUERY_KEYS

    @property
    def empty(self) -> bool:
        return not self.parts


# -- index side -----------------------------------------------------------------------------


def token_key(stem: str) -> str:
    """The index key of a token from its clitic-stripped stem (``Token.stem``)."""
    return stem_key(stem)


def index_keys(text: str) -> list[str]:
    """The match key of every token of ``text``, in order (stopwords kept, so phrases work)."""
    return [token_key(token.stem) for token in tokenize(text)]


def shadow(text: str) -> str:
    """The text FTS5 indexes for ``text``: its keys separated by spaces."""
    return " ".join(index_keys(text))


@lru_cache(maxsize=1)
def analyzer_fingerprint() -> str:
    """Changes whenever the keys of the same text could change: akhbar.lang.ar (code and data files),
    wordfreq, ``ANALYZER_VERSION``.

    The store keeps the fingerprint the index was built with and rebuilds the index on a mismatch.
    """
    digest = hashlib.sha1(f"akhbar-search-{ANALYZER_VERSION}".encode())
    package = resources.files("akhbar.lang.ar")
    # the Arabic tables and the code that applies them (a changed comment costs one rebuild)
    entries = [e for e in package.iterdir() if e.name.endswith(".py")]
    entries += list(package.joinpath("data").iterdir())
    for entry in sorted(entries, key=lambda e: e.name):
        if entry.is_file():
            digest.update(entry.name.encode())
            digest.update(entry.read_bytes())
    try:
        digest.update(metadata.version("wordfreq").encode())
    except metadata.PackageNotFoundError:
        digest.update(b"no-wordfreq")
    return digest.hexdigest()[:16]


# -- query side -----------------------------------------------------------------------------


def _is_stopword(norm: str, stem: str) -> bool:
    stop = stopwords()
    return norm in stop or stem in stop


def parse_query(text: str) -> ParsedQuery:
    """Analyse a user query: quoted phrases ("…", «…», “…”) and single words, each as match keys.

    Stopwords outside phrases are left out (unless nothing else is left); words beyond
    ``MAX_QUERY_KEYS`` keys are ignored and reported. Raises ``QueryError`` for a query longer than
    ``MAX_QUERY_CHARS`` characters.
    """
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"query is {len(text)} characters long; the limit is {MAX_QUERY_CHARS}")
    parts: list[QueryPart] = []
    stop_parts: list[QueryPart] = []
    ignored: list[str] = []
    budget = MAX_QUERY_KEYS

    def add(part: QueryPart, into: list[QueryPart]) -> None:
        nonlocal budget
        size = max(len(keys) for keys in part.alternatives)
        if size > budget:
            ignored.append(part.surface)
            return
        if all(part.alternatives != seen.alternatives for seen in parts + stop_parts):
            budget -= size
            into.append(part)

    position = 0
    for match in _PHRASE.finditer(text):
        _words(text[position : match.start()], add, parts, stop_parts)
        inner = next(group for group in match.groups() if group is not None)
        tokens = tokenize(inner)
        if len(tokens) == 1:
            _words(inner, add, parts, stop_parts, keep_stopwords=True)
        elif tokens:
            add(QueryPart(inner.strip(), (tuple(token_key(t.stem) for t in tokens),)), parts)
        position = match.end()
    _words(text[position:], add, parts, stop_parts)
    if not parts:
        parts = stop_parts
    else:
        ignored.extend(part.surface for part in stop_parts)
    return ParsedQuery(text, tuple(parts), tuple(ignored))


def _words(
    text: str,
    add: Callable[[QueryPart, list[QueryPart]], None],
    parts: list[QueryPart],
    stop_parts: list[QueryPart],
    keep_stopwords: bool = False,
) -> None:
    tokens = tokenize(text)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        key = token_key(token.stem)
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if key == _JOINING_PREFIX and following is not None:
            # عبد الله: the phrase, or the joined spelling عبدالله
            rest = following.norm
            part = QueryPart(
                text[token.start : following.end],
                ((key, token_key(following.stem)), (token_key(_JOINING_PREFIX + rest),)),
            )
            add(part, parts)
            index += 2
            continue
        alternatives: tuple[tuple[str, ...], ...] = ((key,),)
        if key.startswith(_JOINING_PREFIX) and len(key) > len(_JOINING_PREFIX) + 1:
            # عبدالله: also the spelling apart, عبد الله
            rest_tokens = tokenize(token.norm[len(_JOINING_PREFIX) :])
            if rest_tokens:
                alternatives = ((key,), (_JOINING_PREFIX, token_key(rest_tokens[0].stem)))
        part = QueryPart(token.surface, alternatives)
        if not keep_stopwords and _is_stopword(token.norm, token.stem):
            add(part, stop_parts)
        else:
            add(part, parts)
        index += 1


def _quoted(keys: tuple[str, ...]) -> str:
    # Keys are runs of word characters, but the quoting does not rely on it: "" is FTS5's escape.
    return '"' + " ".join(keys).replace('"', '""') + '"'


def match_expression(query: ParsedQuery, any_part: bool = False) -> str:
    """The FTS5 MATCH expression for ``query``: every part (``any_part``: any part) must match.

    Built only from quoted keys joined by FTS5's own ``AND``/``OR``: user text never reaches FTS5
    as syntax.
    """
    if query.empty:
        raise QueryError("the query has no words to search for")
    pieces = []
    for part in query.parts:
        options = [_quoted(keys) for keys in part.alternatives]
        pieces.append(options[0] if len(options) == 1 else "(" + " OR ".join(options) + ")")
    return (" OR " if any_part else " AND ").join(pieces)


# -- ranking --------------------------------------------------------------------------------


def recency_factor(time: datetime | None, newest: datetime | None) -> float:
    if time is None or newest is None:
        return 1.0
    age_days = max(0.0, (newest - time).total_seconds() / 86400.0)
    return 1.0 + RECENCY_WEIGHT * math.pow(2.0, -age_days / RECENCY_HALF_LIFE_DAYS)


# -- highlights -----------------------------------------------------------------------------


def highlights(text: str, query: ParsedQuery) -> list[tuple[int, int]]:
    """Spans of ``text`` (the original) where a part of ``query`` matches, sorted, not overlapping."""
    if query.empty or not text:
        return []
    tokens = tokenize(text)
    keys = [token_key(token.stem) for token in tokens]
    sequences = {keys_ for part in query.parts for keys_ in part.alternatives}
    firsts: dict[str, list[tuple[str, ...]]] = {}
    for sequence in sequences:
        firsts.setdefault(sequence[0], []).append(sequence)
    spans: list[tuple[int, int]] = []
    for index, key in enumerate(keys):
        for sequence in firsts.get(key, ()):
            if tuple(keys[index : index + len(sequence)]) == sequence:
                spans.append((tokens[index].start, tokens[index + len(sequence) - 1].end))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def snippet(text: str, spans: list[tuple[int, int]], width: int = 240) -> tuple[int, int]:
    """The ``(start, end)`` window of ``text`` (about ``width`` characters, cut at spaces) that
    holds the most highlights; the opening of the text when there are none."""
    if len(text) <= width:
        return 0, len(text)
    best_start, best_count = 0, -1
    for start, _ in spans:
        window_start = max(0, start - width // 4)
        count = sum(1 for s, e in spans if s >= window_start and e <= window_start + width)
        if count > best_count:
            best_start, best_count = window_start, count
    start = best_start
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + width // 2 else end
    return start, end


def segments(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """``text[start:end]`` cut into (piece, is_match) pairs for display."""
    out: list[tuple[str, bool]] = []
    position = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        if span_start > position:
            out.append((text[position:span_start], False))
        out.append((text[span_start:span_end], True))
        position = span_end
    if position < end:
        out.append((text[position:end], False))
    return out
