"""Tests of exact and near-duplicate detection and of wire-agency detection.

Article texts written here are made up for the tests. The SaudiNewsNet check skips when
../shared/data is absent.
"""

from __future__ import annotations

import json
import random
import zipfile
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akhbar.pipeline import Pipeline, Step
from akhbar.stages.dedupe import (
    DedupeConfig,
    DuplicateIndex,
    _Run,
    article_agency,
    dedupe,
    detect_agency,
    find_duplicates,
    jaccard,
    shingle_hashes,
    similarity,
    text_shingles,
    word_hashes,
)
from akhbar.types import Article, Removal

T0 = datetime(2015, 8, 1, 9, 0, tzinfo=UTC)

PARAGRAPHS = (
    "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة تبوك بسعة مئتي سرير لخدمة سكان المنطقة "
    "والمحافظات التابعة لها، وذلك ضمن خطة الوزارة لتوسيع الخدمات الصحية في مناطق المملكة.",
    "وقال المتحدث الرسمي باسم الوزارة إن المستشفى سيبدأ استقبال المرضى مطلع الشهر المقبل بعد اكتمال "
    "التجهيزات الطبية وتدريب الكوادر على الأجهزة الحديثة التي جرى توريدها خلال الأشهر الماضية.",
    "وأضاف أن المستشفى يضم أقساما للطوارئ والعناية المركزة وجراحة القلب وطب الأطفال، إضافة إلى مركز "
    "متخصص لعلاج أمراض الكلى يعمل على مدار الساعة ويستوعب أكثر من خمسين مريضا في اليوم الواحد.",
    "وأشار إلى أن الوزارة تعمل على توظيف أكثر من ألف وخمسمئة طبيب وممرض وفني من المواطنين، وأن برامج "
    "الابتعاث الداخلي والخارجي ستسهم في سد حاجة المستشفيات الجديدة من التخصصات النادرة.",
    "يذكر أن الوزارة افتتحت خلال العام الماضي ثلاثة مستشفيات في المنطقة الشمالية، وتخطط لافتتاح أربعة "
    "مستشفيات أخرى قبل نهاية العام المقبل في كل من الجوف والحدود الشمالية وحائل والقريات.",
)
ORIGINAL = "تبوك - واس\n" + "\n".join(PARAGRAPHS)

OTHER_HOSPITAL = (
    "زار أمير منطقة تبوك مساء أمس المستشفى الجديد الذي تبنيه وزارة الصحة شمال المدينة، واطلع على سير العمل في "
    "المبنى الرئيس والمباني المساندة، واستمع إلى شرح من مدير المشروع عن نسب الإنجاز التي بلغت تسعين في المئة.\n"
    "وأكد الأمير أهمية الإسراع في تسليم المشروع في موعده، مشيدا بجهود العاملين فيه، ووجه بتذليل العقبات التي "
    "تواجه المقاول، فيما أوضح مدير الشؤون الصحية أن المستشفى سيخدم أكثر من نصف مليون نسمة في المنطقة."
)


def make(article_id: str, text: str, minutes: int = 0, **fields: object) -> Article:
    return Article(
        id=article_id,
        source=str(fields.pop("source", "outlet")),
        title=str(fields.pop("title", "")),
        text=text,
        origin=f"test:{article_id}",
        published=T0 + timedelta(minutes=minutes),
        **fields,  # type: ignore[arg-type]
    )


# --- exact and near duplicates ---------------------------------------------------------------------


def test_exact_duplicate_despite_whitespace_diacritics_and_tatweel() -> None:
    variant = (
        ORIGINAL.replace(" ", "  ", 5)
        .replace("\n", "\n\n")
        .replace("الصحة", "الصِّحَّة")
        .replace("مستشفى", "مستشفــى")  # tatweel
        .replace("المقبل", "المقبل\u200f")  # RLM
    )
    decisions = find_duplicates([make("a1", ORIGINAL), make("a2", variant, minutes=5)])
    assert set(decisions) == {"a2"}
    decision = decisions["a2"]
    assert (decision.original_id, decision.kind, decision.similarity) == ("a1", "exact", 1.0)


def test_lightly_rewritten_copy_is_a_near_duplicate() -> None:
    rewritten = (
        "الرياض - (أ ف ب)\n"  # another dateline, a rewritten first sentence, the fourth paragraph dropped
        + PARAGRAPHS[0].replace("أعلنت وزارة الصحة اليوم عن", "كشفت وزارة الصحة السعودية الأحد عن")
        + "\n"
        + "\n".join(PARAGRAPHS[1:3] + PARAGRAPHS[4:])
    )
    score = similarity(ORIGINAL, rewritten)
    assert 0.5 <= score < 1.0
    decisions = find_duplicates([make("copy", rewritten, minutes=30), make("orig", ORIGINAL)])
    decision = decisions["copy"]
    assert decision.original_id == "orig" and decision.kind == "near"
    assert decision.similarity == pytest.approx(score, abs=1e-6)
    assert decision.agency == "أ ف ب"  # the copy's own credit wins over the original's


def test_different_articles_on_the_same_topic_are_not_duplicates() -> None:
    assert similarity(ORIGINAL, OTHER_HOSPITAL) < 0.1
    assert find_duplicates([make("a", ORIGINAL), make("b", OTHER_HOSPITAL, minutes=1)]) == {}


def test_short_bodies_are_never_compared() -> None:
    assert find_duplicates([make("a", "كاريكاتير"), make("b", "كاريكاتير", minutes=1)]) == {}


def test_copy_of_a_copy_links_to_the_earliest_article() -> None:
    second = ORIGINAL.replace(PARAGRAPHS[4], "")
    third = second.replace(PARAGRAPHS[0], "")
    decisions = find_duplicates([make("c3", third, 20), make("c1", ORIGINAL, 0), make("c2", second, 10)])
    assert {d.article_id: d.original_id for d in decisions.values()} == {"c2": "c1", "c3": "c1"}


def test_exact_copy_of_a_near_copy_names_both() -> None:
    near = ORIGINAL.replace(PARAGRAPHS[4], "")
    decisions = find_duplicates([make("o", ORIGINAL, 0), make("n", near, 1), make("x", near, 2)])
    exact = decisions["x"]
    assert (exact.kind, exact.original_id, exact.matched_id, exact.similarity) == ("exact", "o", "n", 1.0)


@pytest.mark.parametrize("seed", range(5))
def test_earliest_is_the_original_whatever_the_input_order(seed: int) -> None:
    same_time = [make(f"a{i}", ORIGINAL) for i in (5, 3, 9, 1, 7)]
    later = make("b0", ORIGINAL, minutes=1)  # smallest id, but later
    articles = [*same_time, later]
    random.Random(seed).shuffle(articles)
    decisions = find_duplicates(articles)
    assert {d.original_id for d in decisions.values()} == {"a1"}
    assert set(decisions) == {"a3", "a5", "a7", "a9", "b0"}
    # the stage decides the same and yields the articles unchanged, in the order given
    ordered = sorted(articles, key=lambda a: a.published or T0)
    index = DuplicateIndex()
    out = list(Pipeline([Step(dedupe, index)], inputs={"id", "text"}).validate().run(ordered))
    assert out == ordered
    assert index.decisions == decisions


# --- properties ------------------------------------------------------------------------------------

WORDS = st.sampled_from(
    [
        "وزارة",
        "الصحة",
        "مستشفى",
        "تبوك",
        "المريض",
        "الطبيب",
        "أعلن",
        "قال",
        "اليوم",
        "أمس",
        "المملكة",
        "مدينة",
        "الرياض",
        "جدة",
        "عام",
        "جديد",
    ]
)
TEXTS = st.lists(WORDS, min_size=5, max_size=60).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(TEXTS, TEXTS)
def test_similarity_is_symmetric_and_bounded(a: str, b: str) -> None:
    forward, backward = similarity(a, b), similarity(b, a)
    assert forward == backward
    assert 0.0 <= forward <= 1.0
    assert similarity(a, a) == 1.0


@settings(max_examples=60, deadline=None)
@given(TEXTS, TEXTS)
def test_duplicate_relation_is_symmetric(a: str, b: str) -> None:
    """a is flagged against b exactly when b is flagged against a (whichever came first)."""
    first = find_duplicates([make("x", a, 0), make("y", b, 1)])
    second = find_duplicates([make("x", b, 0), make("y", a, 1)])
    assert ("y" in first) == ("y" in second)
    assert ("y" in first) == (similarity(a, b) >= DedupeConfig().threshold)


@settings(max_examples=40, deadline=None)
@given(st.lists(TEXTS, min_size=2, max_size=12))
def test_index_finds_every_pair_above_the_threshold(texts: list[str]) -> None:
    """The sampled index misses nothing a brute-force comparison finds (and invents nothing)."""
    articles = [make(f"a{i:02d}", text, minutes=i) for i, text in enumerate(texts)]
    index = DuplicateIndex(record_pairs=True)
    for article in articles:
        index.add(article)
    shingles = {a.id: text_shingles(a.text) for a in articles}
    twins = {d.article_id: d.matched_id for d in index.decisions.values() if d.kind == "exact"}
    stand_in = {a.id: twins.get(a.id, a.id) for a in articles}
    expected = {
        frozenset((stand_in[x.id], stand_in[y.id]))
        for i, x in enumerate(articles)
        for y in articles[i + 1 :]
        if stand_in[x.id] != stand_in[y.id]
        and shingles[x.id].size
        and jaccard(shingles[x.id], shingles[y.id]) >= DedupeConfig().threshold
    }
    assert index.pairs is not None
    assert {frozenset((a, b)) for a, b, _ in index.pairs} == expected


# --- hashing is fixed across machines and runs -----------------------------------------------------


def test_hashes_are_pinned() -> None:
    words = word_hashes("أعلنت وزارة الصحة اليوم")
    assert words.tolist()[0] == 8678586638665137437
    assert shingle_hashes(word_hashes("واحد اثنان ثلاثة أربعة خمسة ستة"), 5).tolist() == [
        4942541302210659104,
        5688105091707320071,
    ]


def test_word_hashes_ignore_punctuation_and_spacing() -> None:
    a = word_hashes("قال: «الوزير» - اليوم،   إن")
    b = word_hashes("قال الوزير اليوم إن")
    assert np.array_equal(a, b)
    assert word_hashes("").size == 0 and word_hashes(" .، ").size == 0


def test_long_texts_hash_like_short_ones() -> None:
    long_text = "كلمة " * 5000 + "وزارة الصحة"
    assert word_hashes(long_text)[-2:].tolist() == word_hashes("وزارة الصحة").tolist()


# --- wire agencies ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("الرياض - واس\nأكد معالي وزير ...", "واس"),
        ("الرياض - واس أكد معالي وزير الصحة أن ...", "واس"),
        ("جدة 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس\n اختتمت أمس فعاليات ...", "واس"),
        ("بيروت - (أ ف ب) - قتل ثلاثة أشخاص ...", "أ ف ب"),
        ("القاهرة (أ.ف.ب) - أعلنت الحكومة ...", "أ ف ب"),
        ("دبي - رويترز: ارتفعت أسعار النفط ...", "رويترز"),
        ("أنقرة - الأناضول\nأعلن الجيش التركي ...", "الأناضول"),
        ("برلين - د ب أ\nقالت الحكومة الألمانية ...", "د ب أ"),
        ("الدوحة - قنا\nاستقبل أمير ...", "قنا"),
        ("أبوظبي - وام: أعلنت ...", "وام"),
        ("المنامة - بنا\nافتتح ...", "بنا"),
        ("الكويت - كونا\nأعلن ...", "كونا"),
        ("صنعاء - سبأ: قال ...", "سبأ"),
        ("الجزائر - واج\nأعلنت ...", "واج"),
        ("الرباط - ومع\nأعلن ...", "ومع"),
        ("دمشق - سانا\nقال ...", "سانا"),
        ("طهران - إرنا: أعلن ...", "إرنا"),
        ("واشنطن - يو بي آي: قال ...", "يو بي آي"),
        ("أعلنت الهيئة العامة للسياحة عن برنامج جديد للصيف ...\nوتستمر الفعاليات حتى نهاية الشهر. (واس)", "واس"),
        ("أعلنت الشركة عن أرباحها الفصلية ...\nوارتفعت الأسهم بنسبة خمسة في المئة - رويترز", "رويترز"),
        ("ذكرت وكالة رويترز أن الحكومة ستعلن ميزانيتها الأسبوع المقبل.", None),
        ("قال الوزير إن الوزارة تعمل معا مع القطاع الخاص.", None),
        ("", None),
    ],
)
def test_detect_agency(text: str, agency: str | None) -> None:
    assert detect_agency(text) == agency


def test_article_agency_reads_what_cleaning_removed() -> None:
    article = make("a", "اختتمت أمس فعاليات الملتقى ...", removed=(Removal("(واس)", "credit"),))
    assert article_agency(article) == "واس"
    assert article_agency(replace(article, removed=(), dateline="الرياض - واس")) == "واس"
    assert article_agency(replace(article, removed=())) is None


# --- development data ------------------------------------------------------------------------------


def test_saudinewsnet_day(shared_data: Path) -> None:
    """One day of SaudiNewsNet (raw bodies): exact and near copies across outlets are found."""
    archive = shared_data / "saudinewsnet" / "dataset" / "2015-08-06.zip"
    if not archive.exists():
        pytest.skip(f"{archive} not found")
    with zipfile.ZipFile(archive) as handle:
        records = [r for name in handle.namelist() if name.endswith(".json") for r in json.loads(handle.read(name))]
    articles = [make(f"a{i:05d}", r["content"] or "", source=r["source"]) for i, r in enumerate(records)]
    decisions = find_duplicates(articles)
    kinds = {d.kind for d in decisions.values()}
    assert kinds == {"exact", "near"}
    by_id = {a.id: a for a in articles}
    assert any(by_id[d.article_id].source != by_id[d.original_id].source for d in decisions.values())
    for decision in decisions.values():
        assert decision.similarity >= DedupeConfig().threshold
        matched = by_id[decision.matched_id]
        assert similarity(by_id[decision.article_id].text, matched.text) == pytest.approx(decision.similarity, abs=1e-6)


@pytest.mark.parametrize("seed", range(4))
def test_a_runs_filter_never_hides_a_posting(seed: int) -> None:
    """A sorted run's lookup (its Bloom filter first, then a binary search) gives exactly what a
    plain dictionary of the postings gives, for values held and not held, in the values' order."""
    rng = np.random.default_rng(seed)
    size = int(rng.integers(1, 40_000))
    pool = rng.integers(0, 2**63, size=max(1, size // 3), dtype=np.uint64) << np.uint64(1)  # some shared
    keys = rng.choice(pool, size=size)
    docs = rng.integers(0, 50_000, size=size, dtype=np.uint32)
    run = _Run.build(keys, docs)
    postings: dict[int, list[int]] = {}
    for key, doc in zip(keys.tolist(), docs.tolist(), strict=True):
        postings.setdefault(key, []).append(doc)
    for _ in range(20):
        held = rng.choice(pool, size=int(rng.integers(0, 60)))
        absent = rng.integers(0, 2**64 - 1, size=int(rng.integers(0, 60)), dtype=np.uint64)
        values = np.unique(np.concatenate((held, absent)))
        expected = [doc for value in values.tolist() for doc in postings.get(value, [])]
        assert sorted(run.lookup(values)) == sorted(expected)
