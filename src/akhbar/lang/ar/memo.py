"""A bounded memo of a pure function of one word: the per-word caches of the hot text paths."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

__all__ = ["WORD_MEMO_SIZE", "WordMemo"]

_V = TypeVar("_V")

WORD_MEMO_SIZE = 1 << 19  # words: all of SaudiNewsNet has about 240,000 distinct ones


class WordMemo(dict[str, _V]):
    """A bounded memo of a pure function of one word, emptied when full.

    A hit is a plain dict look-up in C (``memo[word]``, or ``map(memo.__getitem__, words)``), about
    a fifth of the cost of an ``lru_cache`` hit, which matters for look-ups made for every word of
    every article. ``clear()`` empties it (a cold start for benchmarks).
    """

    __slots__ = ("function", "limit")

    def __init__(self, function: Callable[[str], _V], limit: int = WORD_MEMO_SIZE) -> None:
        super().__init__()
        self.function = function
        self.limit = limit

    def __missing__(self, word: str) -> _V:
        if len(self) >= self.limit:
            self.clear()
        value = self[word] = self.function(word)
        return value
