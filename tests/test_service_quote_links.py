"""Quotes once the story and entity passes have run: a stored group id per statement (the same in
every answer, stable as articles arrive) and the speaker's canonical entity."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from akhbar import service
from akhbar.config import Settings
from akhbar.store.sqlite import Store
from akhbar.types import Mention, Quote

#: One statement carried by two outlets (one adds a word), and a different statement.
STATEMENT = [
    {
        "id": "pa",
        "source": "alpha",
        "url": "https://example.test/pa",
        "published": "2021-03-03T08:00:00Z",
        "title": "الكاظمي يتعهد بمحاسبة المسؤولين عن الهجمات الصاروخية",
        "text": "تعهد رئيس الوزراء العراقي بملاحقة منفذي الهجمات.\n"
        "وقال رئيس الوزراء العراقي مصطفى الكاظمي في بيان: «الحكومة ماضية في محاسبة المسؤولين عن الهجمات "
        "الصاروخية على المنطقة الخضراء».\n"
        "وأضاف الكاظمي أن الأجهزة الأمنية ستكشف نتائج التحقيق خلال أيام قليلة.",
    },
    {
        "id": "pb",
        "source": "beta",
        "url": "https://example.test/pb",
        "published": "2021-03-03T10:00:00Z",
        "title": "الكاظمي: ماضون في محاسبة المسؤولين عن الهجمات الصاروخية",
        "text": "وقال الكاظمي في بيان: «الحكومة ماضية في محاسبة المسؤولين عن الهجمات الصاروخية الجبانة على "
        "المنطقة الخضراء».",
    },
]
LATER = {
    "id": "pc",
    "source": "gamma",
    "url": "https://example.test/pc",
    "published": "2021-03-03T12:00:00Z",
    "title": "الكاظمي يتوعد منفذي الهجمات الصاروخية على المنطقة الخضراء",
    "text": "وقال مصطفى الكاظمي في بيان: «الحكومة ماضية في محاسبة المسؤولين عن الهجمات الصاروخية على المنطقة "
    "الخضراء في بغداد».",
}


def ingest(settings: Settings, tmp_path: Path, articles: list[dict[str, str]], name: str) -> None:
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in articles) + "\n", encoding="utf-8")
    service.ingest([path], settings)


def stored_groups(settings: Settings) -> dict[tuple[str, int], str | None]:
    with Store(settings.db) as store:
        rows = store.connection.execute("SELECT article_id, start, group_id FROM quotes ORDER BY article_id, start")
        return {(str(a), int(s)): g for a, s, g in rows}


def external(settings: Settings, article_id: str) -> str:
    with Store(settings.db) as store:
        row = store.connection.execute("SELECT id FROM articles WHERE external_id = ?", (article_id,)).fetchone()
    return str(row[0])


@pytest.fixture
def stored(settings: Settings, tmp_path: Path) -> Settings:
    ingest(settings, tmp_path, STATEMENT, "statement.jsonl")
    return settings


def test_every_quote_gets_a_stored_group_and_the_shared_statement_one_group(stored: Settings) -> None:
    groups = stored_groups(stored)
    assert groups and all(groups.values())
    views = service.list_quotes(stored)
    shared = [v for v in views if v.text.startswith("الحكومة ماضية")]
    assert len(shared) == 2 and len({v.group_id for v in shared}) == 1
    other = [v for v in views if not v.text.startswith("الحكومة ماضية")]
    assert other and all(v.group_id != shared[0].group_id for v in other)
    assert {v.group_id for v in views} == {v.quote.group_id for v in views}  # read from the store


def test_the_group_id_is_the_same_in_every_answer(stored: Settings) -> None:
    def key(view: service.QuoteView) -> tuple[str, int]:
        return view.quote.article_id, view.quote.start

    everything = {key(v): v.group_id for v in service.list_quotes(stored)}
    by_speaker = {key(v): v.group_id for v in service.list_quotes(stored, speaker="الكاظمي")}
    story_id = stored_story(stored)
    by_story = {key(v): v.group_id for v in service.list_quotes(stored, story_id=story_id)}
    alone = service.list_quotes(stored, limit=1)[0]
    assert by_speaker.items() <= everything.items() and by_story.items() <= everything.items()
    assert everything[key(alone)] == alone.group_id
    page = service.story_detail(stored, story_id)
    shared = next(group for group in page.quotes if len(group.versions) == 2)
    assert all(everything[(v.quote.article_id, v.quote.start)] == shared.id for v in shared.versions)


def stored_story(settings: Settings) -> str:
    with Store(settings.db) as store:
        ids = {row[0] for row in store.connection.execute("SELECT DISTINCT story_id FROM articles")}
    assert len(ids) == 1
    return str(ids.pop())


def test_group_ids_stay_when_later_articles_join_and_after_a_rebuild(stored: Settings, tmp_path: Path) -> None:
    before = stored_groups(stored)
    ingest(stored, tmp_path, [LATER], "later.jsonl")
    after = stored_groups(stored)
    assert {key: value for key, value in after.items() if key in before} == before
    statement = before[(external(stored, "pa"), STATEMENT[0]["text"].index("الحكومة"))]
    later = [group for (article, _), group in after.items() if article == external(stored, "pc")]
    assert later == [statement]  # the new wording joined the statement's group, under its old id
    service.cluster(stored, rebuild=True)
    assert stored_groups(stored) == after  # ids are named after each statement's earliest quote


def test_stable_ids_keep_an_old_id_and_never_give_one_to_two_groups() -> None:
    def quote(article: str, start: int, group: str | None = None) -> Quote:
        return Quote(article, start, start + 5, "direct", group_id=group)

    a, b, c = quote("a", 0, "q-old"), quote("b", 0, "q-old"), quote("c", 0)
    written = {q: g for g, q in service._stable_group_ids([a, b, c], [[a, c], [b]])}
    assert a not in written  # kept its id; c joins it, b (split off) needs a new one
    assert written[c] == "q-old"
    assert written[b] not in ("q-old", None) and written[b] == service.quote_group_id(b)


# -- the speaker's entity --------------------------------------------------------------------------


def mention(surface: str, start: int, kind: str, entity: str | None) -> Mention:
    return Mention("a", start, start + len(surface), surface, kind, entity)  # type: ignore[arg-type]


def test_a_speaker_links_to_the_name_written_in_it_a_person_first() -> None:
    speaker = Quote("a", 200, 220, "direct", "المتحدث باسم الخارجية الأميركية نيد برايس")
    mentions = [
        mention("الخارجية الأميركية", 20, "ORG", "n-state"),
        mention("نيد برايس", 40, "PERS", "n-price"),
        mention("واشنطن", 300, "LOC", "n-dc"),
    ]
    assert service.speaker_entity(speaker, mentions) == "n-price"
    office = Quote("a", 200, 220, "indirect", "وزارة الخارجية الأميركية")
    assert service.speaker_entity(office, mentions) == "n-state"


def test_a_surname_speaker_links_to_the_full_name_and_unlinked_mentions_do_not_count() -> None:
    mentions = [mention("مصطفى الكاظمي", 10, "PERS", "n-kadhimi"), mention("بايدن", 50, "PERS", None)]
    assert service.speaker_entity(Quote("a", 90, 99, "direct", "الكاظمي"), mentions) == "n-kadhimi"
    assert service.speaker_entity(Quote("a", 90, 99, "direct", "بايدن"), mentions) is None
    assert service.speaker_entity(Quote("a", 90, 99, "direct", None), mentions) is None
    assert service.speaker_entity(Quote("a", 90, 99, "direct", "مصطفى"), mentions) is None  # not a surname


def test_the_seed_kadhimi_tweet_is_one_group_spoken_by_the_kadhimi_entity(
    tmp_path: Path, seed_files: list[Path], tag_and_link: object
) -> None:
    from akhbar.config import load_settings

    settings = load_settings(env={}, cwd=tmp_path, db=tmp_path / "seeds.db")
    service.ingest(seed_files, settings)
    kadhimi = service.get_entity(settings, "الكاظمي").entity
    tweet = [
        v
        for v in service.list_quotes(settings, speaker="الكاظمي")
        if v.quote.channel == "تويتر" and "الحوار الاستراتيجي" in v.text.replace("ّ", "")
    ]
    assert {v.source for v in tweet} == {"outlet-000", "outlet-002"}
    assert len({v.group_id for v in tweet}) == 1
    assert {v.quote.speaker_entity_id for v in tweet} == {kadhimi.id}
    quotes = service.list_quotes(settings, limit=service.MAX_QUOTES)
    assert sum(v.quote.speaker_entity_id is not None for v in quotes) >= len(quotes) // 2
    service.link_entities(settings, rebuild=True)  # a rebuild links them again, to the same entity
    again = {v.quote.speaker_entity_id for v in service.list_quotes(settings, speaker="الكاظمي")}
    assert kadhimi.id in again
