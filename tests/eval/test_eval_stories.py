from __future__ import annotations

import json
from pathlib import Path

import pytest

from akhbar.config import Settings
from akhbar.eval.stories import (
    RESULT_KEYS,
    EvalFileError,
    LabelledArticle,
    StoredPrediction,
    evaluate_stories,
    predicted_labels,
    read_labelled,
)

HOSPITAL = (
    "افتتح وزير الصحة اليوم مستشفى الملك فهد الجديد في مدينة الرياض بسعة خمسمئة سرير، "
    "ويضم المستشفى أقساما متخصصة في جراحة القلب وعلاج الأورام ورعاية الأطفال الخدج. "
    "وقال الوزير إن المستشفى سيخدم أكثر من مليون مواطن في الأحياء الشمالية من العاصمة."
)
RAIN = (
    "هطلت أمطار غزيرة على محافظة جدة مساء أمس مما أدى إلى جريان السيول في الشوارع وإغلاق عدد من "
    "الأنفاق، وأعلن الدفاع المدني رفع درجة الاستعداد وحذر السكان من الاقتراب من مجاري الأودية. "
    "وتوقعت هيئة الأرصاد استمرار الحالة المطرية حتى نهاية الأسبوع."
)
FOOTBALL = (
    "فاز فريق النصر على ضيفه الاتحاد بثلاثة أهداف مقابل هدف في المباراة التي أقيمت على ملعب "
    "الأول بارك ضمن منافسات الدوري، وسجل المهاجم البرازيلي هدفين في الشوط الثاني."
)


def _line(
    article_id: str, source: str, published: str, title: str, text: str, story: str, event: str | None = None
) -> dict[str, str]:
    record = {
        "id": article_id,
        "source": source,
        "url": f"https://{source}.example/{article_id}",
        "published": published,
        "title": title,
        "text": text,
        "story": story,
    }
    if event is not None:
        record["event"] = event
    return record


def _articles() -> list[dict[str, str]]:
    return [
        # written out of time order on purpose: the evaluation sorts by published, then id
        _line("r2", "okaz", "2024-03-02T19:30:00+03:00", "أمطار غزيرة وسيول في جدة", RAIN + " وتابع المراسل.", "rain"),
        _line("h1", "spa", "2024-03-01T08:00:00Z", "وزير الصحة يفتتح مستشفى الملك فهد في الرياض", HOSPITAL, "hosp"),
        _line("h2", "okaz", "2024-03-01T09:00:00Z", "افتتاح مستشفى الملك فهد الجديد بالرياض", HOSPITAL, "hosp"),
        _line("r1", "spa", "2024-03-02T16:00:00Z", "سيول في جدة بعد أمطار غزيرة", RAIN, "rain"),
        _line("h3", "alriyadh", "2024-03-01T10:00:00Z", "مستشفى الملك فهد يفتح أبوابه", HOSPITAL + " وتعهد.", "hosp"),
        _line("r3", "alriyadh", "2024-03-02T17:00:00Z", "الدفاع المدني يحذر من السيول في جدة", RAIN, "rain"),
        _line("f1", "alriyadh", "2024-03-01T21:00:00Z", "النصر يفوز على الاتحاد", FOOTBALL, "football"),
    ]


def _write(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_near_identical_stories_are_grouped_perfectly(tmp_path: Path, settings: Settings) -> None:
    result = evaluate_stories(_write(tmp_path / "gold.jsonl", _articles()), "story", settings)
    assert tuple(result) == RESULT_KEYS
    assert result["articles"] == 7
    assert result["gold_clusters"] == 3
    assert result["predicted_clusters"] == 3
    for key in RESULT_KEYS[:7]:
        assert result[key] == 1.0, key
    assert result["seconds"] >= 0
    assert not settings.db.exists()  # the evaluation used its own temporary store
    json.dumps(result)  # the CLI prints it as one JSON object


def test_event_level_falls_back_to_story_labels(tmp_path: Path, settings: Settings) -> None:
    records = _articles()
    records[0]["event"] = "rain-day"  # r2: the only one with an event; the other rain articles use the story
    result = evaluate_stories(_write(tmp_path / "gold.jsonl", records), "event", settings)
    assert result["articles"] == 7
    assert result["gold_clusters"] == 4
    assert set(result) == set(RESULT_KEYS)
    for key in RESULT_KEYS[:6]:
        assert 0.0 <= result[key] <= 1.0, key
    assert -0.5 <= result["ari"] <= 1.0
    assert result["bcubed_precision"] < 1.0  # the system keeps r2 with r1 and r3, which the gold splits


def test_rejected_articles_count_as_singletons(tmp_path: Path, settings: Settings) -> None:
    records = [
        *_articles(),
        {"id": "x1", "published": "2024-03-01T11:00:00Z", "title": "", "text": "", "story": "hosp"},
    ]
    result = evaluate_stories(_write(tmp_path / "gold.jsonl", records), "story", settings)
    assert result["articles"] == 8
    assert result["predicted_clusters"] == 4  # three stories and the rejected article on its own
    assert result["bcubed_precision"] == 1.0
    assert result["bcubed_recall"] < 1.0


def test_mixed_labels_score_below_one(tmp_path: Path, settings: Settings) -> None:
    records = _articles()
    records[1]["story"] = "rain"  # h1 is labelled with the wrong story
    result = evaluate_stories(_write(tmp_path / "gold.jsonl", records), "story", settings)
    assert result["bcubed_f1"] < 1.0
    assert result["pairwise_f1"] < 1.0
    assert result["ari"] < 1.0


def test_bad_files_name_the_line(tmp_path: Path, settings: Settings) -> None:
    path = _write(tmp_path / "a.jsonl", [_line("a", "spa", "2024-01-01", "t", HOSPITAL, "s"), {"id": "b"}])
    with pytest.raises(EvalFileError, match=r"a\.jsonl:2: no 'published'"):
        read_labelled(path)
    path = _write(tmp_path / "b.jsonl", [_line("a", "spa", "2024-01-01", "t", HOSPITAL, "s")] * 2)
    with pytest.raises(EvalFileError, match="id 'a' already used on line 1"):
        read_labelled(path)
    path = _write(tmp_path / "c.jsonl", [_line("a", "spa", "yesterday", "t", HOSPITAL, "s")])
    with pytest.raises(EvalFileError, match=r"c\.jsonl:1: published is not ISO 8601"):
        read_labelled(path)
    (tmp_path / "d.jsonl").write_text("\n", encoding="utf-8")
    with pytest.raises(EvalFileError, match="no articles"):
        read_labelled(tmp_path / "d.jsonl")
    with pytest.raises(ValueError, match="level"):
        evaluate_stories(tmp_path / "d.jsonl", "topic", settings)  # type: ignore[arg-type]


def test_labels_are_not_handed_to_the_pipeline(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.jsonl", [{**_line("7", "", "2024-01-01", "t", HOSPITAL, "s", "e"), "secret": "x"}])
    (article,) = read_labelled(path)
    assert article.id == "7"
    assert article.gold_label("story") == "s"
    assert article.gold_label("event") == ("s", "e")
    assert set(article.record) == {"id", "source", "url", "published", "title", "text"}
    assert article.record["source"] == "unknown"


def test_prediction_mapping_split_merged_and_missing(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "a.jsonl",
        [
            _line("a", "spa", "2024-01-01", "t", HOSPITAL, "s"),
            _line("b", "spa", "2024-01-02", "t", HOSPITAL, "s"),
            _line("c", "spa", "2024-01-03", "t", HOSPITAL, "s"),
        ],
    )
    articles: list[LabelledArticle] = read_labelled(path)
    from akhbar.ids import article_id

    merged_id = article_id("https://spa.example/b", HOSPITAL, "spa")
    rows = [
        StoredPrediction("a1-2", "a", "second-part-story", "e2"),  # the split's second part
        StoredPrediction("a1", "a", "first-part-story", "e1"),
        StoredPrediction(merged_id, "someone-else", "merged-story", "e3"),  # b was stored under another input
        # c: rejected, nothing stored
    ]
    predicted = predicted_labels(articles, rows, "story")
    assert predicted == {"a": "first-part-story", "b": "merged-story", "c": ("not grouped", "c")}
    assert predicted_labels(articles, rows, "event")["a"] == "e1"
