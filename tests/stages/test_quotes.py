"""Quotes and reported speech: hand-written cases for each mark style and frame, the two seed
articles (from the demo folder the repository ships), grouping across outlets, and offsets."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from quote_cases import found

from akhbar.lang.ar import match_terms
from akhbar.stages.quotes import (
    QuoteGroup,
    _at_least_tokens,
    _token_count,
    _tokens,
    _word_count,
    _words_until_stop,
    extract_quotes,
    group_quotes,
    groups_by_id,
    quotes,
    speakers_match,
)
from akhbar.types import Article, Quote


def only(text: str) -> tuple[str, str, str | None, str | None]:
    result = found(text)
    assert len(result) == 1, result
    return result[0]


# --- direct quotes in every mark style ------------------------------------------------------------


@pytest.mark.parametrize(
    ("opening", "closing"),
    [("«", "»"), ("“", "”"), ('"', '"'), ("″", "″"), ("„", "“"), ("‘", "’"), ("”", "”")],
)
def test_direct_quote_in_each_mark_style(opening: str, closing: str) -> None:
    text = f"وقال وزير الخارجية أحمد سالم: {opening}نحن ندعم الحوار بين جميع الأطراف{closing}."
    assert only(text) == ("direct", "نحن ندعم الحوار بين جميع الأطراف", "وزير الخارجية أحمد سالم", None)


def test_direct_quote_after_comma_and_without_punctuation() -> None:
    text = "وقال قائد القوات لرويترز عبر الهاتف “نحن في عملية لاستكمال السيطرة على المدينة.”"
    kind, content, speaker, channel = only(text)
    assert (kind, content, speaker) == ("direct", "نحن في عملية لاستكمال السيطرة على المدينة.", "قائد القوات")
    assert channel == "رويترز"


def test_colon_without_marks_runs_to_the_end_of_the_statement() -> None:
    text = (
        "وقال المدير العام خالد العمر: سنفتتح الفرع الجديد الشهر المقبل. ونحن مستعدون لذلك.\n"
        "وفي سياق آخر، افتتح المعرض."
    )
    kind, content, speaker, _ = only(text)
    assert kind == "direct"
    assert content == "سنفتتح الفرع الجديد الشهر المقبل. ونحن مستعدون لذلك"
    assert speaker == "المدير العام خالد العمر"


def test_colon_then_inna_is_reported_speech() -> None:
    text = "وقالت الوزيرة: إن الحكومة ستدعم المزارعين هذا العام."
    assert only(text) == ("indirect", "الحكومة ستدعم المزارعين هذا العام", "الوزيرة", None)


def test_quote_spanning_sentences_and_paragraphs() -> None:
    # one quote a paragraph (as every annotated set marks them), all with the frame's speaker
    text = "وقال الرئيس: «الوضع صعب. لكننا سنتجاوزه\n«والشعب يقف معنا في كل خطوة»."
    assert found(text) == [
        ("direct", "الوضع صعب. لكننا سنتجاوزه", "الرئيس", None),
        ("direct", "والشعب يقف معنا في كل خطوة", "الرئيس", None),
    ]


def test_quote_first_then_frame() -> None:
    text = "«لن نتراجع عن قرارنا مهما حدث»، قال رئيس الاتحاد سعد الفهد."
    assert only(text) == ("direct", "لن نتراجع عن قرارنا مهما حدث", "رئيس الاتحاد سعد الفهد", None)


def test_scare_quotes_and_names_are_not_quotes() -> None:
    text = "واستهدفت الغارات مواقع تنظيم «داعش» قرب مدينة «الرقة» أمس، في إطار عملية «العزم الصلب»."
    assert found(text) == []


# --- indirect reported speech ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("frame", "speaker"),
    [
        ("قالت وزارة الصحة إن", "وزارة الصحة"),
        ("وأكدت الوزارة أن", "الوزارة"),
        ("وأكدوا في بيان مشترك أن", None),
        ("وأوضح المتحدث الرسمي للمركز رأفت الصباغ، أن", "المتحدث الرسمي للمركز رأفت الصباغ"),
        ("وأشار التقرير إلى أن", "التقرير"),
        ("ولفت الوزير إلى أن", "الوزير"),
        ("وشدد الأمين العام على أن", "الأمين العام"),
        ("ونفت الشركة أن", "الشركة"),
        ("واعتبر المحلل أن", "المحلل"),
        ("وحذر الخبراء من أن", "الخبراء"),
        ("وذكرت مصادر مطلعة أن", "مصادر مطلعة"),
    ],
)
def test_indirect_speech_after_each_verb_form(frame: str, speaker: str | None) -> None:
    text = f"{frame} الأسعار سترتفع خلال الأشهر المقبلة بسبب نقص الإمدادات."
    kind, content, got_speaker, _ = only(text)
    assert kind == "indirect"
    assert content == "الأسعار سترتفع خلال الأشهر المقبلة بسبب نقص الإمدادات"
    if speaker is not None:
        assert got_speaker == speaker


def test_participle_continues_the_speaker_of_its_sentence() -> None:
    text = "وأكد الوزير أن المشروع اكتمل، مشيراً إلى أن الافتتاح سيكون الشهر المقبل."
    assert found(text) == [
        ("indirect", "المشروع اكتمل", "الوزير", None),
        ("indirect", "الافتتاح سيكون الشهر المقبل", "الوزير", None),
    ]


def test_continuation_takes_the_previous_speaker_and_channel() -> None:
    text = "وقال المتحدث باسم الشرطة في مؤتمر صحافي إن التحقيق مستمر.\nوأضاف أن المشتبه به اعتقل أمس."
    assert [(q[2], q[3]) for q in found(text)] == [
        ("المتحدث باسم الشرطة", "مؤتمر صحافي"),
        ("المتحدث باسم الشرطة", "مؤتمر صحافي"),
    ]


def test_passive_report_has_no_speaker() -> None:
    assert only("وأُعلن أن المباراة تأجلت إلى الأسبوع المقبل.")[2] is None
    assert only("يقال إن جذور العائلة تعود إلى قرية قديمة في الجنوب.")[2] is None


def test_narrator_formulas_are_not_reported_speech() -> None:
    assert found("يذكر أن المعرض يستمر حتى نهاية الشهر الجاري.") == []
    assert found("ويشار إلى أن المعرض يستمر حتى نهاية الشهر الجاري.") == []


def test_call_and_expression_frames() -> None:
    assert found("ودعا الوزير المواطنين إلى ترشيد استهلاك المياه في الصيف.") == [
        ("indirect", "ترشيد استهلاك المياه في الصيف", "الوزير", None)
    ]
    assert only("وأعرب السفير عن أمله في تعزيز العلاقات بين البلدين.")[1] == "أمله في تعزيز العلاقات بين البلدين"


# --- channels and sources -------------------------------------------------------------------------


def test_channels() -> None:
    tweet = only("وقال الوزير في تغريدة على تويتر إن الاجتماع كان مثمراً.")
    assert tweet[2:] == ("الوزير", "تويتر")
    account = only("وقال الوزير في حسابه على «تويتر» إن الاجتماع كان مثمراً.")
    assert account[2:] == ("الوزير", "تويتر")
    statement = only("وأشار بيان الوزارة إلى أن الاجتماع كان مثمراً.")
    assert statement[2:] == ("بيان الوزارة", "بيان")


def test_attribution_tail_names_speaker_and_channel() -> None:
    text = "وافق الطرفان على استئناف المفاوضات الأسبوع المقبل، وفق بيان للبيت الأبيض."
    assert only(text) == (
        "indirect",
        "وافق الطرفان على استئناف المفاوضات الأسبوع المقبل",
        "البيت الأبيض",
        "بيان",
    )


def test_unnamed_sources_through_a_newspaper() -> None:
    text = (
        "وكانت صحيفة “نيويورك تايمز” قالت إن الإدارة تدرس خيارات جديدة.\n"
        "ونقلت الصحيفة عن مسؤولين أميركيين (لم تسمهم)، قولهم، إن “القرار سيصدر خلال أيام”."
    )
    assert found(text)[1] == ("direct", "القرار سيصدر خلال أيام", "مسؤولين أميركيين", "صحيفة نيويورك تايمز")


# --- offsets --------------------------------------------------------------------------------------


def test_offsets_point_into_the_original_text_with_diacritics_and_tatweel() -> None:
    text = "وقــال الوزيرُ: «نحنُ مستعدّون للحوار»، وأكّد أنّ الوفدَ سيصل غداً إلى العاصمة."
    result = extract_quotes("a", text)
    assert [text[q.start : q.end] for q in result] == ["نحنُ مستعدّون للحوار", "الوفدَ سيصل غداً إلى العاصمة"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "وقال",
                "الوزير",
                "إن",
                "أن",
                ":",
                "،",
                ".",
                "\n",
                "«",
                "»",
                "“",
                "”",
                '"',
                "الاتفاق",
                "مشيراً",
                "إلى",
                "وأضاف",
                "وفق",
                "بيان",
                "للبيت",
                "جيد",
                "لن",
                "نتراجع",
                "\u0640",
                "\u064e",
            ]
        ),
        max_size=40,
    ).map(" ".join)
)
def test_spans_are_valid_and_stripped(text: str) -> None:
    for quote in extract_quotes("a", text):
        assert 0 <= quote.start < quote.end <= len(text)
        content = text[quote.start : quote.end]
        assert content == content.strip()
        assert quote.kind in ("direct", "indirect")


# --- speakers -------------------------------------------------------------------------------------


def test_speakers_match_by_containment_after_normalization() -> None:
    assert speakers_match("المتحدث", "المتحدث باسم الخارجية الأميركية نيد برايس")
    assert speakers_match("الرئيس الأمريكي", "الرئيس الأمريكى")
    assert speakers_match(None, None)
    assert not speakers_match("الوزير", None)
    assert not speakers_match("الوزير", "السفير")


# --- grouping across outlets ----------------------------------------------------------------------


def test_group_quotes_joins_reworded_versions_and_is_order_independent() -> None:
    a = "وقال الوزير: «سنواصل دعم المزارعين في جميع المناطق حتى نهاية العام»."
    b = "وأكد الوزير أن الحكومة «ستواصل دعم المزارعين في جميع المناطق حتى نهاية العام الحالي»."
    c = "وقال المدرب إن الفريق جاهز للمباراة النهائية."
    pairs = [(q, text) for article_id, text in (("a", a), ("b", b), ("c", c)) for q in extract_quotes(article_id, text)]
    groups = group_quotes(pairs)
    assert groups == group_quotes(list(reversed(pairs)))
    joined = [g for g in groups if len(g.versions) > 1]
    assert len(joined) == 1 and joined[0].article_ids == ("a", "b")
    assert joined[0].reworded
    assert {v.text for v in joined[0].versions} >= {"سنواصل دعم المزارعين في جميع المناطق حتى نهاية العام"}
    assert sum(len(g.versions) for g in groups) == len(pairs)


def test_groups_do_not_chain_through_a_middle_quote() -> None:
    # B shares six terms with A and four with C; A and C share none. Connected components would
    # put all three in one group; a group holds only quotes that match its reference (A).
    words = [
        "كتاب",
        "قلم",
        "شجرة",
        "نهر",
        "جبل",
        "سماء",
        "نجم",
        "قمر",
        "شمس",
        "مدينة",
        "قرية",
        "طريق",
        "سيارة",
        "قطار",
        "طائرة",
        "سفينة",
    ]
    a_words, b_words, c_words = words[:10], words[:6] + words[10:14], words[10:16]
    texts = {"a": " ".join(a_words), "b": " ".join(b_words), "c": " ".join(c_words)}
    assert [len(set(match_terms(texts[k]))) for k in "abc"] == [10, 10, 6]  # no word lost to clitics
    pairs = [(Quote(k, 0, len(text), "direct", None), text) for k, text in texts.items()]
    groups = group_quotes(pairs)
    assert sorted(g.article_ids for g in groups) == [("a", "b"), ("c",)]
    assert groups == group_quotes(list(reversed(pairs)))


def test_stored_group_ids_rebuild_the_same_groups_without_comparing_again() -> None:
    a = "وقال الوزير: «سنواصل دعم المزارعين في جميع المناطق حتى نهاية العام»."
    b = "وأكد الوزير أن الحكومة «ستواصل دعم المزارعين في جميع المناطق حتى نهاية العام الحالي»."
    c = "وقال المدرب إن الفريق جاهز للمباراة النهائية."
    pairs = [(q, text) for article_id, text in (("a", a), ("b", b), ("c", c)) for q in extract_quotes(article_id, text)]
    assert groups_by_id(pairs) is None  # nothing stored yet
    computed = group_quotes(pairs)
    stored_id = {v.quote: f"stored-{n}" for n, g in enumerate(computed) for v in g.versions}
    stored = [(replace(q, group_id=stored_id[q]), text) for q, text in pairs]
    rebuilt = groups_by_id(list(reversed(stored)))
    assert rebuilt is not None
    assert [[(v.quote.article_id, v.text, v.exact, v.added, v.missing) for v in g.versions] for g in rebuilt] == [
        [(v.quote.article_id, v.text, v.exact, v.added, v.missing) for v in g.versions] for g in computed
    ]
    assert [g.id for g in rebuilt] == [stored_id[g.versions[0].quote] for g in computed]
    assert groups_by_id([*stored[:-1], pairs[-1]]) is None  # one quote without a stored group


def test_group_ids_are_deterministic() -> None:
    quote = Quote("a", 0, 10, "direct", "الوزير")
    (group,) = group_quotes([(quote, "نحن مستعدون للحوار")])
    assert group.id == "q" + __import__("hashlib").sha1(b"a:0:10").hexdigest()[:16]


# --- the stage ------------------------------------------------------------------------------------


def test_stage_attaches_quotes_to_the_article() -> None:
    article = Article(id="a1", source="s", title="t", text="وقال الوزير إن الاتفاق جيد للبلدين.", origin="o")
    (out,) = list(quotes([article], None))
    assert out.quotes == (Quote("a1", 15, 34, "indirect", "الوزير"),)
    assert out.text == article.text and out.id == article.id
    assert quotes.requires == {"text"} and quotes.provides == {"quotes"}


# --- the two seed articles ------------------------------------------------------------------------


def seed_body(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").split("\n")
    first = next(i for i, line in enumerate(lines) if line.strip())
    return "\n".join(lines[first + 1 :])


@pytest.fixture
def seeds(seed_files: list[Path]) -> dict[str, str]:
    return {path.parent.name: seed_body(path) for path in seed_files}


def seed_quotes(seeds: dict[str, str], outlet: str) -> list[tuple[str, str, str | None, str | None]]:
    return found(seeds[outlet])


def test_seed_kadhimi_tweet_found_in_both_and_grouped(seeds: dict[str, str]) -> None:
    pairs = [(q, text) for outlet, text in sorted(seeds.items()) for q in extract_quotes(outlet, text)]
    groups: list[QuoteGroup] = group_quotes(pairs)
    tweet_groups = [
        g for g in groups if g.article_ids == ("outlet-000", "outlet-002") and speakers_match(g.speaker, "الكاظمي")
    ]
    assert tweet_groups, [(g.article_ids, g.speaker) for g in groups if len(g.versions) > 1]
    for group in tweet_groups:
        assert group.channel == "تويتر"
        assert all(v.quote.speaker == "الكاظمي" and v.quote.channel == "تويتر" for v in group.versions)
    wordings = {v.text for g in tweet_groups for v in g.versions}
    assert any("أكدنا العمل لمواصلة الحوار الاستراتيجي" in w for w in wordings)
    assert any("كما أكدنا العمل" in w for w in wordings)


def test_seed_ned_price_direct_and_indirect(seeds: dict[str, str]) -> None:
    price = [q for q in seed_quotes(seeds, "outlet-000") if q[2] and speakers_match(q[2], "نيد برايس")]
    assert ("direct", "مؤتمر صحافي") in {(q[0], q[3]) for q in price}
    assert any(q[0] == "indirect" and q[1].startswith("بلاده ما زالت تحاول") for q in price)
    role_only = [q for q in seed_quotes(seeds, "outlet-000") if q[2] == "المتحدث"]
    assert [q[1][:16] for q in role_only] == ["الولايات المتحدة", "واشنطن “لن ترد ب"]


def test_seed_khazali_husseini_and_amiri(seeds: dict[str, str]) -> None:
    result = seed_quotes(seeds, "outlet-002")
    khazali = [q for q in result if q[2] and speakers_match(q[2], "الخزعلي")]
    assert ("direct", "تويتر") in {(q[0], q[3]) for q in khazali}
    assert any(q[1].startswith("الاستمرار في استهداف المنطقة الخضراء") for q in khazali)
    husseini = [q for q in result if q[2] and "جعفر الحسيني" in q[2]]
    assert [q[:2] for q in husseini] == [
        ("direct", "أيد خبيثة تقف خلف القصف الذي طال المنطقة الخضراء بغية خلط الأوراق")
    ]
    amiri = [q for q in result if q[2] and "العامري" in q[2]]
    assert {q[0] for q in amiri} == {"direct", "indirect"}
    assert any(q[0] == "indirect" and q[1].startswith("أداء واجبها في حماية البعثات") for q in amiri)


def test_seed_unnamed_officials_through_the_new_york_times(seeds: dict[str, str]) -> None:
    result = seed_quotes(seeds, "outlet-000")
    officials = [q for q in result if q[2] == "مسؤولين دبلوماسيين وعسكريين أميركيين"]
    assert len(officials) == 1
    kind, content, _, channel = officials[0]
    assert kind == "direct" and content.startswith("الهدف الأكبر لبايدن")
    assert channel == "صحيفة نيويورك تايمز"


def test_seed_white_house_statement(seeds: dict[str, str]) -> None:
    result = seed_quotes(seeds, "outlet-002")
    assert result[0][2:] == ("البيت الأبيض", "بيان")
    assert result[0][1].startswith("أكد الرئيس الأميركي جو بايدن")


# --- the fast paths of the extractor are the slow paths' results ---------------------------------


def test_token_counts_equal_the_tokens(seeds: dict[str, str]) -> None:
    """The counting shortcuts give what counting ``_tokens`` gives, for spans starting or ending
    inside words, marks and punctuation too."""
    text = seeds["outlet-002"] + ' «قال: "نعم"،» و… ـ 12.5%'
    checked = 0
    for start in range(0, len(text), 7):
        for end in (start, start + 1, start + 5, start + 40, start + 161, len(text)):
            tokens = _tokens(text, start, end)
            assert _token_count(text, start, end) == len(tokens)
            assert _word_count(text, start, end) == sum(t.word for t in tokens)
            assert _at_least_tokens(text, start, end, 2) == (len(tokens) >= 2)
            stop = next((i for i, t in enumerate(tokens) if not t.word and t.norm in "،,.:؛"), len(tokens))
            words = sum(t.word for t in tokens[:stop])
            assert _words_until_stop(text, start, end, 1) == min(words, 2)
            checked += 1
    assert checked > 1000
