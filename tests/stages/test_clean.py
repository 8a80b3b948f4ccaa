"""Tests of the cleaning stage: tables, datelines and bylines, sub-headings, second stories, outlet
boilerplate, properties, and golden checks on the seeds and the boilerplate page (those skip when
../shared is absent). Article texts written here are made up for the tests."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from akhbar.config import CleanConfig
from akhbar.stages.clean import (
    MULTIPLE_STORIES,
    OutletBoilerplate,
    boilerplate_reason,
    clean,
    clean_article,
    looks_like_name,
    parse_byline,
    parse_dateline,
    split_inline_dateline,
    whitespace_key,
)
from akhbar.types import Article, Rejection

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
GOLDEN = REPO / "tests" / "golden" / "clean_seeds.json"
CFG = CleanConfig()

PARAGRAPH_1 = "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في المدينة بسعة مئتي سرير لخدمة السكان."
PARAGRAPH_2 = "وقال المتحدث باسم الوزارة إن المستشفى سيبدأ استقبال المرضى مطلع الشهر المقبل بعد اكتمال التجهيزات."
PARAGRAPH_3 = "وأضاف أن الوزارة تعمل على توظيف الكوادر الطبية اللازمة وتدريبها على الأجهزة الحديثة في المستشفى."


def make(text: str, title: str = "افتتاح مستشفى جديد", source: str = "test", author: str | None = None) -> Article:
    return Article(id="a1", source=source, title=title, text=text, raw_text=text, origin="test", author=author)


def only(result: list[Article] | Rejection) -> Article:
    assert isinstance(result, list), result
    assert len(result) == 1
    return result[0]


def reasons(article: Article) -> dict[str, str]:
    return {removal.text: removal.reason for removal in article.removed}


# --- the boilerplate table -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("اترك رد", "boilerplate:comments"),
        ("اترك تعليقاً", "boilerplate:comments"),
        ("%d مدونون معجبون بهذه:", "boilerplate:wordpress"),
        ("إعجاب تحميل...", "boilerplate:wordpress"),
        ("مرتبط", "boilerplate:wordpress"),
        ("شارك هذا:", "boilerplate:share"),
        ("فيسبوك تويتر واتساب تيليجرام", "boilerplate:share"),
        ("اقرأ أيضاً: الحكومة تعلن خطة جديدة للنقل", "boilerplate:related"),
        ("اقرأ أيضا", "boilerplate:related"),
        ("...المزيد", "boilerplate:related"),
        ("تابعونا على تويتر", "boilerplate:follow"),
        ("جميع الحقوق محفوظة © 2021", "boilerplate:copyright"),
        ("تبرع للموقع - ادعمنا", "boilerplate:donation"),
        ("// انتهى //", "boilerplate:wire-marker"),
        ("someone@example.com", "boilerplate:contact"),
        ("المصدر: وكالات", "credit"),
        ("رابط الخبر بصحيفة المثال: عنوان خبر ما", "boilerplate:link"),
        ("https://example.com/news/1", "boilerplate:link"),
        ("Next Previous", "boilerplate:navigation"),
        ("(تصوير: فلان الفلاني)", "photo-credit"),
        ("\u200f\u200f...", "separator"),
    ],
)
def test_boilerplate_table(line: str, reason: str) -> None:
    assert boilerplate_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        PARAGRAPH_1,
        "شارك في المؤتمر ثلاثون خبيرا من دول عربية",
        "تابع في كلمته أن الحكومة ستواصل جهودها",
        "تبرع رجل أعمال بمليون ريال للجمعية",
        "استهداف المنطقة الخضراء",
        "***",
        "نشر في الجريدة الرسمية قرار بتعيين مدير جديد",
    ],
)
def test_body_lines_are_not_boilerplate(line: str) -> None:
    assert boilerplate_reason(line) is None


# --- datelines and bylines -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("الرياض - واس", None),
        ("بغداد - (أ ف ب)", None),
        ("الرباط:", None),
        ("جدة – عكاظ", None),
        ("لندن: سعيد الكاتب", "سعيد الكاتب"),
        ("جدة \u0640 عبدالغني الشريف", "عبدالغني الشريف"),
        ("سالم الراوي \u0640 جدة", "سالم الراوي"),
        ("عين اليوم – القاهرة", None),
        ("جدة 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس", None),
        ("«الاقتصادية» من الرياض", None),
    ],
)
def test_parse_dateline(line: str, author: str | None) -> None:
    found = parse_dateline(line)
    assert found is not None
    assert found.author == author


@pytest.mark.parametrize(
    "line",
    ["اتفاق فرنسي - روسي في شأن سفينتي «ميسترال»", "وأضاف:", "استهداف المنطقة الخضراء", PARAGRAPH_1],
)
def test_not_a_dateline(line: str) -> None:
    assert parse_dateline(line) is None


@pytest.mark.parametrize(
    ("paragraph", "dateline", "rest_starts"),
    [
        ("باريس - أ.ف.ب: توصل الرئيسان إلى اتفاق بشأن السفينتين بعد مفاوضات طويلة.", "باريس - أ.ف.ب", "توصل"),
        ("بغداد - (أ ف ب) - قال مسؤول عراقي إن الهجوم لم يسفر عن إصابات.", "بغداد - (أ ف ب)", "قال"),
        ("الرياض - واس أكد وزير الصحة أن المستشفيات جاهزة لاستقبال المرضى.", "الرياض - واس", "أكد"),
        ("أيمن حسن- سبق: هل يمكن أن تستمر في الحديث على الجوال وأنت في موقف صعب؟", "أيمن حسن- سبق", "هل"),
        ("سالم الراوي- سبق- تبوك: وقفت لجنة فنية على مبنى السجن القديم صباح اليوم.", "سالم الراوي- سبق- تبوك", "وقفت"),
        ("الرباط: وجه عدد من الأدباء نداء إلى المواطنين للالتزام بالحجر الصحي.", "الرباط", "وجه"),
    ],
)
def test_split_inline_dateline(paragraph: str, dateline: str, rest_starts: str) -> None:
    found = split_inline_dateline(paragraph)
    assert found is not None
    assert found[0].text == dateline
    assert found[1].startswith(rest_starts)
    assert paragraph.endswith(found[1])


@pytest.mark.parametrize(
    "paragraph",
    [
        "وأضاف: إن الحكومة ستعلن خطتها الجديدة خلال الأسبوع المقبل.",
        "أعلن الدكتور أيمن مختار، محافظ الدقهلية، اليوم، افتتاح المدرسة الجديدة.",
        "قال الوزير - في مؤتمر صحافي - إن المشروع سينجز قريبا.",
        'كشفت مصادر لـ "الاقتصادية" أن الشركة ستطرح أسهمها قريبا.',
    ],
)
def test_no_inline_dateline(paragraph: str) -> None:
    assert split_inline_dateline(paragraph) is None


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("كتب: باسل الحلواني", "باسل الحلواني"),
        ("حوار: آسيا العتروس", "آسيا العتروس"),
        ("بقلم محمد الأحمد", "محمد الأحمد"),
        ("كتبت- منال المصري:", "منال المصري"),
        ("كتب محمد عبد المجيد و رويترز", "محمد عبد المجيد"),
    ],
)
def test_parse_byline(line: str, author: str) -> None:
    assert parse_byline(line) == (author,)


def test_not_a_byline() -> None:
    assert parse_byline("تقرير أممي يحذر من المجاعة") is None
    assert parse_byline(PARAGRAPH_1) is None


def test_looks_like_name() -> None:
    assert looks_like_name("نورالدين النايم")
    assert looks_like_name("د. غازي القهوجي")
    assert not looks_like_name("بداية جديدة مع العراق")
    assert not looks_like_name("المنطقة الخضراء")
    assert not looks_like_name(PARAGRAPH_1)


# --- clean_article ------------------------------------------------------------------------------


def test_dateline_line_is_removed_and_recorded() -> None:
    article = only(clean_article(make(f"الرياض - واس\n{PARAGRAPH_1}\n{PARAGRAPH_2}"), CFG))
    assert article.dateline == "الرياض - واس"
    assert article.text == f"{PARAGRAPH_1}\n{PARAGRAPH_2}"
    assert reasons(article) == {"الرياض - واس": "dateline"}
    assert article.raw_text.startswith("الرياض - واس")


def test_inline_dateline_is_cut_from_the_first_paragraph() -> None:
    raw = f"جدة – عكاظ: {PARAGRAPH_1}\n{PARAGRAPH_2}"
    article = only(clean_article(make(raw), CFG))
    assert article.dateline == "جدة – عكاظ"
    assert article.text.startswith(PARAGRAPH_1)
    assert reasons(article) == {"جدة – عكاظ:": "dateline"}


def test_reporter_in_dateline_becomes_author_unless_known() -> None:
    raw = f"جدة - سالم الراوي\n{PARAGRAPH_1}\n{PARAGRAPH_2}"
    assert only(clean_article(make(raw), CFG)).author == "سالم الراوي"
    assert only(clean_article(make(raw, author="مراسلنا"), CFG)).author == "مراسلنا"


def test_bare_name_at_the_head_is_the_author() -> None:
    article = only(clean_article(make(f"نورالدين النايم\n\n{PARAGRAPH_1}\n\n{PARAGRAPH_2}"), CFG))
    assert article.author == "نورالدين النايم"
    assert article.text == f"{PARAGRAPH_1}\n\n{PARAGRAPH_2}"


def test_byline_keyword_and_tail_signature() -> None:
    raw = f"كتب: باسل الحلواني\n{PARAGRAPH_1}\n{PARAGRAPH_2}\nسالم الراوي (الأحساء)"
    article = only(clean_article(make(raw), CFG))
    assert article.author == "باسل الحلواني"
    assert reasons(article) == {"كتب: باسل الحلواني": "byline", "سالم الراوي (الأحساء)": "byline"}
    assert article.text == f"{PARAGRAPH_1}\n{PARAGRAPH_2}"


def test_line_equal_to_known_author_is_a_byline() -> None:
    raw = f"سالم الراوي ـ جدة\n{PARAGRAPH_1}"
    article = only(clean_article(make(raw, author="سالم الراوي ـ جدة"), CFG))
    assert article.text == PARAGRAPH_1


def test_standalone_subheading_gets_a_span() -> None:
    raw = f"{PARAGRAPH_1}\n\nالكوادر الطبية\n{PARAGRAPH_2}\n\n{PARAGRAPH_3}"
    article = only(clean_article(make(raw), CFG))
    assert article.text == raw
    assert [article.text[s.start : s.end] for s in article.spans] == ["الكوادر الطبية"]
    assert {s.label for s in article.spans} == {"subheading"}


def test_glued_heading_is_split_off_as_a_subheading() -> None:
    raw = f"{PARAGRAPH_1}\n\n{PARAGRAPH_2[:-1]}.الكوادر الطبية الجديدة\n{PARAGRAPH_3}"
    article = only(clean_article(make(raw), CFG))
    spans = [article.text[s.start : s.end] for s in article.spans if s.label == "subheading"]
    assert spans == ["الكوادر الطبية الجديدة"]
    assert f"{PARAGRAPH_2}\nالكوادر الطبية الجديدة\n{PARAGRAPH_3}" in article.text


def test_abbreviation_is_not_a_glued_heading() -> None:
    raw = f"{PARAGRAPH_1}\n{PARAGRAPH_2[:-1]} بحضور د.محمد الأحمد\n{PARAGRAPH_3}"
    article = only(clean_article(make(raw), CFG))
    assert article.spans == ()


def test_boilerplate_lines_are_removed_with_reasons() -> None:
    raw = f"{PARAGRAPH_1}\n\nاقرأ أيضاً: عنوان آخر\n\n{PARAGRAPH_2}\n\nاترك رد\n\n%d مدونون معجبون بهذه:"
    article = only(clean_article(make(raw), CFG))
    assert article.text == f"{PARAGRAPH_1}\n\n{PARAGRAPH_2}"
    assert [r.reason for r in article.removed] == [
        "boilerplate:related",
        "boilerplate:comments",
        "boilerplate:wordpress",
    ]


def test_all_boilerplate_is_a_rejection_with_a_reason() -> None:
    result = clean_article(make("اترك رد\n\n%d مدونون معجبون بهذه:"), CFG)
    assert isinstance(result, Rejection)
    assert result.stage == "clean"
    assert result.record_id == "a1"
    assert "nothing left after cleaning" in result.reason
    assert "boilerplate:comments" in result.reason


def test_empty_body_without_headline_is_a_rejection() -> None:
    result = clean_article(replace(make(" \n\u200f\n "), title=""), CFG)
    assert isinstance(result, Rejection)
    assert result.reason == "empty body"


def test_headline_only_item_passes_through() -> None:
    article = make(" \n\u200f\n ")
    assert article.title
    assert clean_article(article, CFG) == [replace(article, text="", flags=("empty-body",))]


def test_cleaning_starts_from_raw_text() -> None:
    once = only(clean_article(make(f"الرياض - واس\n{PARAGRAPH_1}"), CFG))
    twice = only(clean_article(once, CFG))
    assert twice == once


def test_repeated_paragraph_is_removed_once() -> None:
    article = only(clean_article(make(f"{PARAGRAPH_1}\n{PARAGRAPH_2}\n{PARAGRAPH_1}"), CFG))
    assert article.text == f"{PARAGRAPH_1}\n{PARAGRAPH_2}"
    assert reasons(article) == {PARAGRAPH_1: "duplicate-paragraph"}


# --- several stories in one document ------------------------------------------------------------

TWO_STORIES_TITLE = "وزير الصحة يفتتح مستشفى جديدا في المدينة"
SECOND_HEADLINE = "المرور يعلن إغلاق الطريق الدائري الشمالي لأعمال الصيانة لمدة أسبوعين"
SECOND_STORY = (
    "وفي سياق متصل، أعلنت إدارة المرور إغلاق الطريق الدائري الشمالي لأعمال الصيانة لمدة أسبوعين اعتبارا من الأحد."
)
SECOND_STORY_2 = "ودعت الإدارة السائقين إلى استخدام الطرق البديلة خلال فترة الإغلاق والتقيد بالتعليمات."


def two_stories() -> Article:
    raw = "\n".join([SECOND_HEADLINE, PARAGRAPH_1, PARAGRAPH_2, PARAGRAPH_3, SECOND_STORY, SECOND_STORY_2])
    return make(raw, title=TWO_STORIES_TITLE)


def test_second_story_is_split_into_a_second_article() -> None:
    result = clean_article(two_stories(), CFG)
    assert isinstance(result, list)
    first, second = result
    assert first.id == "a1"
    assert second.id == "a1-2"
    assert second.title == SECOND_HEADLINE
    assert second.text == f"{SECOND_STORY}\n{SECOND_STORY_2}"
    assert first.text == f"{PARAGRAPH_1}\n{PARAGRAPH_2}\n{PARAGRAPH_3}"
    assert MULTIPLE_STORIES in first.flags
    assert MULTIPLE_STORIES in second.flags
    assert reasons(first)[SECOND_HEADLINE] == "headline:second-story"
    assert second.raw_text == first.raw_text


def test_second_story_only_flagged_when_splitting_is_off() -> None:
    article = only(clean_article(two_stories(), replace(CFG, split_multiple_stories=False)))
    assert MULTIPLE_STORIES in article.flags
    headlines = [article.text[s.start : s.end] for s in article.spans if s.label == "headline"]
    assert headlines == [SECOND_HEADLINE]


def test_deck_sharing_the_title_words_is_not_a_second_story() -> None:
    raw = "\n".join(["وزير الصحة يفتتح المستشفى الجديد ويتفقد أقسامه الطبية", PARAGRAPH_1, PARAGRAPH_2])
    article = only(clean_article(make(raw, title=TWO_STORIES_TITLE), CFG))
    assert MULTIPLE_STORIES not in article.flags


# --- outlet boilerplate -------------------------------------------------------------------------


def outlet_articles(n: int, footer: str = "للاشتراك في خدماتنا اتصل على الرقم المجاني") -> list[Article]:
    body = [PARAGRAPH_1, PARAGRAPH_2, PARAGRAPH_3]
    return [
        make(f"{body[i % 3]}\nسطر خاص بالمقال رقم {i}\n{body[(i + 1) % 3]}\n{footer}", source="outlet")
        for i in range(n)
    ]


def test_outlet_boilerplate_is_learned_and_removed() -> None:
    learner = OutletBoilerplate(min_articles=20, min_share=0.5, min_count=3).learn(outlet_articles(30))
    footer = "للاشتراك في خدماتنا اتصل على الرقم المجاني"
    assert learner.lines_for("outlet") == frozenset({footer})
    assert learner.lines_for("other") == frozenset()
    cfg = learner.configure(CFG)
    assert cfg.outlet_lines == (("outlet", frozenset({footer})),)
    (article,) = [a for a in clean([outlet_articles(1)[0]], cfg) if isinstance(a, Article)]
    assert footer not in article.text
    assert reasons(article)[footer] == "boilerplate:outlet"
    # another outlet's articles are untouched
    other = replace(outlet_articles(1)[0], source="other")
    (kept,) = clean([other], cfg)
    assert isinstance(kept, Article)
    assert footer in kept.text


def test_outlet_boilerplate_needs_enough_articles() -> None:
    learner = OutletBoilerplate(min_articles=20, min_share=0.05, min_count=3).learn(outlet_articles(19))
    assert learner.lines_for("outlet") == frozenset()


def test_repeated_body_sentences_are_not_learned() -> None:
    # Long paragraphs repeated in every article (a standard paragraph) are never outlet boilerplate.
    learner = OutletBoilerplate(min_articles=20, min_share=0.05, min_count=3).learn(outlet_articles(40))
    assert PARAGRAPH_1 not in learner.lines_for("outlet")
    # Nor are short lines in the middle of long bodies.
    middle = "سطر قصير في الوسط"
    long_body = [PARAGRAPH_1] * 5 + [middle] + [PARAGRAPH_2] * 9
    articles = [make("\n".join([*long_body, f"تذييل {i}"]), source="o2") for i in range(30)]
    learned = OutletBoilerplate(min_articles=20, min_share=0.05, min_count=3).learn(articles).lines_for("o2")
    assert middle not in learned


def test_outlet_keys_are_whitespace_normalized() -> None:
    assert whitespace_key("  سطر \u00a0 مكرر\t ") == "سطر مكرر"


def test_from_config_uses_the_thresholds() -> None:
    learner = OutletBoilerplate.from_config(replace(CFG, outlet_boilerplate_min_articles=7))
    assert learner.min_articles == 7
    assert learner.min_share == CFG.outlet_boilerplate_min_share


# --- the stage ----------------------------------------------------------------------------------


def test_stage_yields_articles_and_rejections_in_order() -> None:
    good = make(f"الرياض - واس\n{PARAGRAPH_1}")
    bad = replace(make("اترك رد"), id="a2")
    out = list(clean([good, bad, two_stories()], CFG))
    assert [type(r).__name__ for r in out] == ["Article", "Rejection", "Article", "Article"]
    assert out[1].record_id == "a2"


def test_stage_disabled_passes_articles_through() -> None:
    article = make("اترك رد")
    assert list(clean([article], replace(CFG, enabled=False))) == [article]


def test_stage_declaration() -> None:
    assert clean.name == "clean"
    assert clean.requires == {"text", "raw_text"}
    assert clean.provides == {"removed", "spans", "dateline"}


# --- properties ---------------------------------------------------------------------------------

LINE_POOL = [
    PARAGRAPH_1,
    PARAGRAPH_2,
    PARAGRAPH_3,
    SECOND_HEADLINE,
    SECOND_STORY,
    "الرياض - واس",
    "كتب: باسل الحلواني",
    "نورالدين النايم",
    "اترك رد",
    "%d مدونون معجبون بهذه:",
    "اقرأ أيضاً: عنوان آخر",
    "الكوادر الطبية",
    f"{PARAGRAPH_2[:-1]}.الكوادر الطبية الجديدة",
    "جدة – عكاظ: " + PARAGRAPH_3,
    "***",
    "\u200f",
    "",
    "   ",
]
_SENTENCE_BREAK = re.compile(r"[\n.!?؟]+")

lines_strategy = st.lists(
    st.one_of(st.sampled_from(LINE_POOL), st.text(alphabet="ابتثجحخدرزسشصعفقكلمنهوي .،:-ـ\u200f\t", max_size=60)),
    max_size=12,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=lines_strategy, title=st.sampled_from(["", TWO_STORIES_TITLE, "افتتاح مستشفى"]))
def test_cleaning_properties(lines: list[str], title: str) -> None:
    raw = "\n".join(lines)
    article = make(raw, title=title)
    first = clean_article(article, CFG)
    # deterministic
    assert clean_article(article, CFG) == first
    if isinstance(first, Rejection):
        # a rejection always says why, and only comes when nothing is left
        assert first.reason
        assert first.stage == "clean"
        return
    for out in first:
        # never an empty body without a recorded reason (a headline-only item is flagged)
        assert out.text.strip() or ("empty-body" in out.flags and not raw.strip(" \t\n\u200f"))
        # every sentence of the cleaned text comes from the raw text
        for sentence in _SENTENCE_BREAK.split(out.text):
            assert sentence.strip() in raw
        for span in out.spans:
            piece = out.text[span.start : span.end]
            assert piece
            assert piece.strip() == piece
            assert "\n" not in piece
        for removal in out.removed:
            assert removal.reason
            assert removal.text in raw


@settings(max_examples=100, deadline=None)
@given(lines=lines_strategy)
def test_nonempty_input_is_never_silently_emptied(lines: list[str]) -> None:
    raw = "\n".join(lines)
    result = clean_article(make(raw), CFG)
    if isinstance(result, Rejection):
        assert result.reason == "empty body" or result.reason.startswith("nothing left after cleaning")
        if raw.strip(" \t\n\u200f"):
            assert result.reason != "empty body"
    else:
        assert all(a.text or ("empty-body" in a.flags and not raw.strip(" \t\n\u200f")) for a in result)


# --- golden: the seeds --------------------------------------------------------------------------


def seed_article(path: Path) -> Article:
    """First non-empty line is the title, the rest the body (as the plain-text reader does)."""
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n").strip()
    title, _, body = text.partition("\n")
    body = body.strip()
    return Article(id="x", source="seed", title=title.strip(), text=body, raw_text=body, origin=str(path))


def golden_seeds() -> list[tuple[str, dict]]:
    data = json.loads(GOLDEN.read_text(encoding="utf-8"))
    return [(name, spec) for name, spec in data.items() if not name.startswith("_")]


@pytest.fixture
def seeds_dir() -> Path:
    folder = SHARED / "seeds"
    if not folder.is_dir():
        pytest.skip(f"seed articles not found at {folder} (they sit beside the checkout in ../shared/seeds)")
    return folder


@pytest.mark.parametrize(("name", "spec"), golden_seeds())
def test_seed_golden(seeds_dir: Path, name: str, spec: dict) -> None:
    article = seed_article(seeds_dir / name)
    result = clean_article(article, CFG)
    assert isinstance(result, list)
    assert len(result) == spec["articles"]
    texts = "\n".join(a.text for a in result)
    for snippet in spec["with"]:
        assert snippet in texts, snippet
    for snippet in spec["without"]:
        assert snippet not in texts, snippet
    main = result[0]
    assert main.author == spec["author"]
    assert main.dateline == spec["dateline"]
    recorded = reasons(main)
    for text, reason in spec["removed"]:
        assert recorded.get(text) == reason, text
    subheadings = [main.text[s.start : s.end] for s in main.spans if s.label == "subheading"]
    assert subheadings == spec["subheadings"]
    if spec["headline"] is None:
        assert MULTIPLE_STORIES not in main.flags
    else:
        assert MULTIPLE_STORIES in main.flags
        headlines = [a.text[s.start : s.end] for a in result for s in a.spans if s.label == "headline"]
        assert spec["headline"] in headlines or result[-1].title == spec["headline"]
        assert result[-1].text.startswith(spec["second_story_starts"])
        assert result[-1].id == "x-2"


@pytest.mark.parametrize(("name", "spec"), golden_seeds())
def test_seed_every_body_sentence_is_kept(seeds_dir: Path, name: str, spec: dict) -> None:
    article = seed_article(seeds_dir / name)
    result = clean_article(article, CFG)
    assert isinstance(result, list)
    texts = "\n".join(a.text for a in result)
    not_body = set(spec["not_body"])
    for line in article.raw_text.split("\n"):
        line = line.strip()
        if not line or line in not_body:
            continue
        for sentence in _SENTENCE_BREAK.split(line):
            assert sentence.strip() in texts, sentence


# --- golden: the boilerplate page (HTML -> text -> clean) ---------------------------------------


def test_boilerplate_page(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura", reason="HTML extraction needs the optional package trafilatura")
    folder = SHARED / "data" / "boilerplate"
    if not folder.is_dir():
        pytest.skip(f"development data not found at {folder} (it sits beside the checkout in ../shared/data)")
    from akhbar.sources.html import html_to_raw

    entries = json.loads((folder / "evaldata_arabic_entry.json").read_text(encoding="utf-8"))
    assert entries
    for url, entry in entries.items():
        html = (folder / entry["file"]).read_text(encoding="utf-8", errors="replace")
        title, text = html_to_raw(html)
        assert title
        result = clean_article(Article(id="p", source="page", title=title, text=text, raw_text=text, origin=url), CFG)
        assert isinstance(result, list)
        cleaned = "\n".join(a.text for a in result)
        for snippet in entry["with"]:
            assert snippet in cleaned, snippet
        for snippet in entry["without"]:
            assert snippet not in cleaned, snippet


def test_html_to_raw_on_a_small_page() -> None:
    pytest.importorskip("trafilatura", reason="HTML extraction needs the optional package trafilatura")
    from akhbar.sources.html import html_to_raw

    paragraphs = "".join(f"<p>{p}</p>" for p in (PARAGRAPH_1, PARAGRAPH_2, PARAGRAPH_3) * 2)
    html = (
        "<html><head><title>افتتاح مستشفى جديد</title></head><body>"
        "<nav><a href='/'>الرئيسية</a></nav>"
        f"<article><h1>افتتاح مستشفى جديد</h1>{paragraphs}</article>"
        "<footer>جميع الحقوق محفوظة</footer></body></html>"
    )
    title, text = html_to_raw(html)
    assert title == "افتتاح مستشفى جديد"
    assert PARAGRAPH_1 in text
    assert not text.startswith("افتتاح مستشفى جديد")
    assert html_to_raw("") == ("", "")
