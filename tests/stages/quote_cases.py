"""What the quote tests compare: each quote of a short text as (kind, content, speaker, channel).

Imported by the ``test_quotes_*`` modules (``tests/stages`` is on pytest's ``pythonpath``)."""

from __future__ import annotations

from akhbar.stages.quotes import extract_quotes


def found(text: str) -> list[tuple[str, str, str | None, str | None]]:
    """(kind, content, speaker, channel) of each quote of ``text``."""
    return [(q.kind, text[q.start : q.end], q.speaker, q.channel) for q in extract_quotes("a", text)]


def direct(text: str) -> list[tuple[str, str | None]]:
    """(content, speaker) of each direct quote of ``text``."""
    return [(content, speaker) for kind, content, speaker, _ in found(text) if kind == "direct"]


def indirect(text: str) -> list[tuple[str, str | None]]:
    """(content, speaker) of each indirect quote of ``text``."""
    return [(content, speaker) for kind, content, speaker, _ in found(text) if kind == "indirect"]


def quotes(text: str) -> list[tuple[str, str, str | None]]:
    """(kind, content, speaker) of each quote of ``text``."""
    return [(kind, content, speaker) for kind, content, speaker, _ in found(text)]
