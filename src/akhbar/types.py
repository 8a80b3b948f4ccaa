"""Core records that flow between stages. Frozen, slotted, no I/O.

Offsets (``start``/``end``) always index the article's display text ``Article.text``;
normalized text is a matching shadow only (see ``akhbar.lang.ar.normalize``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

EntityKind = Literal["PERS", "LOC", "ORG", "MISC"]
QuoteKind = Literal["direct", "indirect"]


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One document as a source reader found it, before any interpretation.

    ``origin`` says where it came from in a way a person can act on: ``path:line`` for JSONL,
    ``archive.zip:member#index`` for archives, the path for text files.
    """

    origin: str
    source: str
    text: str
    title: str | None = None
    url: str | None = None
    published: datetime | None = None
    author: str | None = None
    external_id: str | None = None
    # Keys of the input record that akhbar has no field for, kept verbatim as (key, JSON) pairs.
    extra: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Removal:
    """A piece of the raw body that cleaning took out, and why (shown to users on request)."""

    text: str
    reason: str  # e.g. "boilerplate:wordpress", "byline", "dateline", "outlet-boilerplate"


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled span of ``Article.text`` (sub-heading, dateline, second headline ...)."""

    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True)
class Article:
    """A news article. ``text`` is the cleaned body a reader sees; ``raw_text`` what was read."""

    id: str
    source: str
    title: str
    text: str
    origin: str
    url: str | None = None
    published: datetime | None = None
    author: str | None = None
    external_id: str | None = None  # the id the input gave the article, if any
    raw_text: str = ""
    language: str | None = None
    dateline: str | None = None
    norm_text: str | None = None
    norm_title: str | None = None
    removed: tuple[Removal, ...] = ()
    spans: tuple[Span, ...] = ()
    flags: tuple[str, ...] = ()  # e.g. "non-arabic", "multiple-stories"
    extra: tuple[tuple[str, str], ...] = ()
    mentions: tuple[Mention, ...] = ()  # named entities, in text order
    quotes: tuple[Quote, ...] = ()  # direct and reported speech, in text order
    duplicate_of: str | None = None  # the earliest article this one copies (exact or near)
    duplicate_similarity: float | None = None
    agency: str | None = None  # the wire agency the text credits ("واس", "أ ف ب" ...)
    story_id: str | None = None
    event_id: str | None = None


@dataclass(frozen=True, slots=True)
class Assignment:
    """The clustering decision for one article."""

    article_id: str
    story_id: str
    event_id: str
    score: float  # similarity to the story joined; 0.0 when it started a new one
    new_story: bool
    new_event: bool


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    story_id: str
    title: str
    first_published: datetime | None
    last_published: datetime | None
    article_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    title: str
    first_published: datetime | None
    last_published: datetime | None
    article_ids: tuple[str, ...]
    sources: tuple[str, ...]
    events: tuple[Event, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention; ``article.text[start:end] == surface`` always."""

    article_id: str
    start: int
    end: int
    surface: str
    kind: EntityKind
    entity_id: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    kind: EntityKind
    variants: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Quote:
    """Quoted content ``article.text[start:end]`` (without the marks) and who said it."""

    article_id: str
    start: int
    end: int
    kind: QuoteKind
    speaker: str | None = None
    speaker_entity_id: str | None = None  # the speaker's canonical entity, once entities are linked
    channel: str | None = None
    group_id: str | None = None  # the same statement in other articles of its story shares it


@dataclass(frozen=True, slots=True)
class Rejection:
    """A record a stage could not take: counted and reported, never silently dropped."""

    record_id: str  # the article id when known, else the origin (file:line)
    stage: str
    reason: str  # one line a person can act on
    origin: str = ""


@dataclass(frozen=True, slots=True)
class IngestSummary:
    read: int = 0
    stored: int = 0
    already_present: int = 0
    rejected: int = 0
    reasons: tuple[tuple[str, int], ...] = ()
    examples: tuple[Rejection, ...] = field(default=())
    clustered: int = 0
    seconds: float = 0.0
