"""JSON shapes of the HTTP API (pydantic models: they are also the OpenAPI document) and the
functions that build them from the service's views."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from akhbar import service
from akhbar.store.sqlite import EventRow, StoryRow
from akhbar.types import Article, Entity, IngestSummary, Mention, Quote


class ErrorOut(BaseModel):
    error: str = Field(description="A stable code: not_found, invalid_request, unauthorized, …")
    detail: str = Field(description="One line a person can act on.")


class HealthOut(BaseModel):
    status: str
    schema_version: int
    articles: int
    stories: int
    search_indexed: int


class StorySummaryOut(BaseModel):
    id: str
    title: str
    size: int = Field(description="Number of articles.")
    sources: list[str]
    first_published: datetime | None
    last_published: datetime | None
    activity: list[int] = Field(description="Articles per equal slice of the story's time span, oldest first.")


class StoryListOut(BaseModel):
    total: int
    limit: int
    offset: int
    sort: str
    stories: list[StorySummaryOut]


class ArticleSummaryOut(BaseModel):
    id: str
    source: str
    title: str
    url: str | None
    published: datetime | None
    author: str | None
    story_id: str | None
    event_id: str | None


class EventOut(BaseModel):
    id: str
    title: str
    first_published: datetime | None
    last_published: datetime | None
    size: int


class QuoteOut(BaseModel):
    article_id: str
    start: int = Field(description="Offsets of the quoted content in the article's text.")
    end: int
    kind: str = Field(description="direct (in quotation marks) or indirect (reported speech).")
    speaker: str | None = Field(description="As written in the article; null for a passive (أُعلن أن).")
    speaker_entity_id: str | None = Field(
        default=None, description="The speaker's canonical entity (/api/entities/{id}), once entities are linked."
    )
    channel: str | None = Field(description="تويتر، بيان، مؤتمر صحافي … when the article names one.")
    text: str = Field(description="The quoted content as written: text[start:end].")


class QuoteVersionOut(QuoteOut):
    source: str
    title: str
    published: datetime | None
    exact: bool = Field(description="Same content words as the group's reference wording (the first version).")
    added: list[str] = Field(description="Content terms (match keys) this wording has and the reference lacks.")
    missing: list[str] = Field(description="Content terms (match keys) of the reference this wording lacks.")
    differences: list[tuple[int, int]] = Field(
        description="Offsets into this version's text: in the reference, words another version lacks; "
        "in the others, words the reference lacks."
    )


class QuoteGroupOut(BaseModel):
    id: str
    speaker: str | None
    channel: str | None
    reworded: bool = Field(description="Whether some outlet's wording differs from the reference.")
    sources: list[str]
    versions: list[QuoteVersionOut] = Field(description="One per article; the first is the reference wording.")


class QuoteItemOut(QuoteOut):
    source: str
    title: str
    published: datetime | None
    group: str = Field(
        description="The statement's group: the same statement carried by other articles of the story shares it "
        "(stored when the story is formed, so it is the same in every answer)."
    )


class QuoteListOut(BaseModel):
    story: str | None
    speaker: str | None
    limit: int
    quotes: list[QuoteItemOut]


class EntityOut(BaseModel):
    id: str
    name: str = Field(description="The fullest, most used way the articles write it.")
    kind: str = Field(description="PERS, LOC, ORG or MISC (the kind most of its mentions have).")
    variants: list[str] = Field(description="Every way the articles write it, in order first seen.")
    roles: list[str] = Field(description="Roles the articles give a person (رئيس الوزراء العراقي …).")
    mentions: int = Field(description="Mentions: in the story asked about, else everywhere.")


class EntityStoryOut(StorySummaryOut):
    mentions: int = Field(description="Mentions of the entity in this story.")
    first: datetime | None = Field(description="Time of the first article of the story that names it.")
    last: datetime | None


class EntityDetailOut(EntityOut):
    stories: list[EntityStoryOut] = Field(description="The stories naming it, oldest first.")
    others: list[EntityOut] = Field(description="Other entities a name lookup matched, most mentioned first.")


class EntityListOut(BaseModel):
    story: str | None
    q: str | None
    limit: int
    entities: list[EntityOut]


class MentionOut(BaseModel):
    start: int = Field(description="Offsets into the article's text: text[start:end] == surface.")
    end: int
    surface: str
    kind: str
    entity_id: str | None = Field(description="null while the mention is not linked yet.")


class StoryOut(BaseModel):
    id: str
    title: str
    size: int
    sources: list[str]
    first_published: datetime | None
    last_published: datetime | None
    events: list[EventOut]
    articles: list[ArticleSummaryOut]
    entities: list[EntityOut] = Field(
        description="People, places and organisations named in the story, most mentioned first "
        "(empty with entities_extracted false while no mention has been linked)."
    )
    quotes: list[QuoteGroupOut] = Field(
        description="The story's quotes grouped across outlets, groups carried by more outlets first."
    )
    entities_extracted: bool
    quotes_extracted: bool


class SpanOut(BaseModel):
    start: int
    end: int
    label: str


class RemovalOut(BaseModel):
    text: str
    reason: str


class ArticleOut(ArticleSummaryOut):
    text: str = Field(description="The cleaned body; every offset in this API points into it.")
    dateline: str | None
    language: str | None
    spans: list[SpanOut] = Field(description="Labelled spans of text: sub-headings and the like.")
    removed: list[RemovalOut] = Field(description="What cleaning took out of the body read, and why.")
    flags: list[str]
    story: StorySummaryOut | None
    quotes: list[QuoteOut] = Field(description="Direct and reported speech in text, in text order.")
    mentions: list[MentionOut] = Field(description="Named entities in text, in text order.")
    entities: list[EntityOut] = Field(description="The entities its mentions are linked to (mentions: in it).")


class HighlightedOut(BaseModel):
    start: int = Field(description="Start of the shown piece in the article's title or text.")
    end: int
    highlights: list[tuple[int, int]] = Field(
        description="Matched (start, end) spans, as offsets into the same string."
    )


class SearchHitOut(BaseModel):
    article: ArticleSummaryOut
    score: float
    title: HighlightedOut
    snippet: HighlightedOut
    snippet_text: str


class SearchOut(BaseModel):
    query: str
    terms: list[list[list[str]]] = Field(
        description="The analysed query: one entry per part, each a list of alternative key sequences."
    )
    ignored: list[str] = Field(description="Words left out of the query (stopwords, words past the limit).")
    matched_all: bool = Field(description="False when no article had every part and hits match any part.")
    total: int
    limit: int
    offset: int
    hits: list[SearchHitOut]


class SourceOut(BaseModel):
    source: str
    articles: int


class IngestOut(BaseModel):
    read: int
    stored: int
    already_present: int
    rejected: int
    clustered: int
    reasons: dict[str, int]
    examples: list[dict[str, str]]


def story_summary(row: StoryRow, activity: tuple[int, ...] = ()) -> StorySummaryOut:
    return StorySummaryOut(
        id=row.id,
        title=row.title,
        size=row.article_count,
        sources=list(row.sources),
        first_published=row.first_published,
        last_published=row.last_published,
        activity=list(activity),
    )


def article_summary(article: Article) -> ArticleSummaryOut:
    return ArticleSummaryOut(
        id=article.id,
        source=article.source,
        title=article.title,
        url=article.url,
        published=article.published,
        author=article.author,
        story_id=article.story_id,
        event_id=article.event_id,
    )


def event_out(event: EventRow) -> EventOut:
    return EventOut(
        id=event.id,
        title=event.title,
        first_published=event.first_published,
        last_published=event.last_published,
        size=event.article_count,
    )


def story_out(detail: service.StoryDetail) -> StoryOut:
    row = detail.story
    return StoryOut(
        id=row.id,
        title=row.title,
        size=row.article_count,
        sources=list(row.sources),
        first_published=row.first_published,
        last_published=row.last_published,
        events=[event_out(e) for e in detail.events],
        articles=[article_summary(a) for a in detail.articles],
        entities=[entity_out(e, n) for e, n in zip(detail.entities, detail.entity_mentions, strict=False)],
        quotes=[quote_group_out(group) for group in detail.quotes],
        entities_extracted=detail.entities_extracted,
        quotes_extracted=detail.quotes_extracted,
    )


def article_out(detail: service.ArticleDetail) -> ArticleOut:
    a = detail.article
    return ArticleOut(
        **article_summary(a).model_dump(),
        text=a.text,
        dateline=a.dateline,
        language=a.language,
        spans=[SpanOut(start=s.start, end=s.end, label=s.label) for s in a.spans],
        removed=[RemovalOut(text=r.text, reason=r.reason) for r in a.removed],
        flags=list(a.flags),
        story=story_summary(detail.story) if detail.story else None,
        quotes=[quote_out(q, a.text[q.start : q.end]) for q in detail.quotes],
        mentions=[mention_out(m) for m in detail.mentions],
        entities=[entity_out(e, sum(1 for m in detail.mentions if m.entity_id == e.id)) for e in detail.entities],
    )


def entity_out(entity: Entity, mentions: int) -> EntityOut:
    return EntityOut(
        id=entity.id,
        name=entity.name,
        kind=entity.kind,
        variants=list(entity.variants),
        roles=list(entity.roles),
        mentions=mentions,
    )


def mention_out(mention: Mention) -> MentionOut:
    return MentionOut(
        start=mention.start, end=mention.end, surface=mention.surface, kind=mention.kind, entity_id=mention.entity_id
    )


def entity_list_out(
    counts: tuple[service.EntityCount, ...], story: str | None, q: str | None, limit: int
) -> EntityListOut:
    return EntityListOut(story=story, q=q, limit=limit, entities=[entity_out(c.entity, c.mentions) for c in counts])


def entity_detail_out(view: service.EntityView) -> EntityDetailOut:
    return EntityDetailOut(
        **entity_out(view.entity, view.mentions).model_dump(),
        stories=[
            EntityStoryOut(
                **story_summary(item.story).model_dump(), mentions=item.mentions, first=item.first, last=item.last
            )
            for item in view.stories
        ],
        others=[entity_out(other.entity, other.mentions) for other in view.others],
    )


def quote_out(quote: Quote, text: str) -> QuoteOut:
    return QuoteOut(
        article_id=quote.article_id,
        start=quote.start,
        end=quote.end,
        kind=quote.kind,
        speaker=quote.speaker,
        speaker_entity_id=quote.speaker_entity_id,
        channel=quote.channel,
        text=text,
    )


def quote_group_out(group: service.QuoteGroupView) -> QuoteGroupOut:
    return QuoteGroupOut(
        id=group.id,
        speaker=group.speaker,
        channel=group.channel,
        reworded=group.reworded,
        sources=list(group.sources),
        versions=[
            QuoteVersionOut(
                **quote_out(v.quote, v.text).model_dump(),
                source=v.source,
                title=v.title,
                published=v.published,
                exact=v.exact,
                added=list(v.added),
                missing=list(v.missing),
                differences=list(v.differences),
            )
            for v in group.versions
        ],
    )


def quote_list_out(
    views: tuple[service.QuoteView, ...], story: str | None, speaker: str | None, limit: int
) -> QuoteListOut:
    return QuoteListOut(
        story=story,
        speaker=speaker,
        limit=limit,
        quotes=[
            QuoteItemOut(
                **quote_out(v.quote, v.text).model_dump(),
                source=v.source,
                title=v.title,
                published=v.published,
                group=v.group_id,
            )
            for v in views
        ],
    )


def search_out(results: service.SearchResults) -> SearchOut:
    hits = []
    for hit in results.hits:
        start, end = hit.snippet
        hits.append(
            SearchHitOut(
                article=article_summary(hit.article),
                score=round(hit.score, 4),
                title=HighlightedOut(start=0, end=len(hit.article.title), highlights=list(hit.title_highlights)),
                snippet=HighlightedOut(start=start, end=end, highlights=list(hit.text_highlights)),
                snippet_text=hit.article.text[start:end],
            )
        )
    return SearchOut(
        query=results.query.text,
        terms=[[list(keys) for keys in part.alternatives] for part in results.query.parts],
        ignored=list(results.query.ignored),
        matched_all=results.matched_all,
        total=results.total,
        limit=results.limit,
        offset=results.offset,
        hits=hits,
    )


def ingest_out(summary: IngestSummary) -> IngestOut:
    return IngestOut(
        read=summary.read,
        stored=summary.stored,
        already_present=summary.already_present,
        rejected=summary.rejected,
        clustered=summary.clustered,
        reasons=dict(summary.reasons),
        # origins name the server's temporary upload file; the client only needs its name and line
        examples=[
            {"origin": r.origin.replace("\\", "/").rsplit("/", 1)[-1], "stage": r.stage, "reason": r.reason}
            for r in summary.examples
        ],
    )
