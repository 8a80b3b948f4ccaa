from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from akhbar.config import Settings
from akhbar.eval.metrics import pearson, roc_auc
from akhbar.eval.pairs import (
    evaluate_pairs,
    prepare_articles,
    read_pairs,
    score_similarities,
)
from akhbar.eval.stories import EvalFileError
from akhbar.stages.cluster import StoryClusterer, cosine
from akhbar.types import Article

HOSPITAL = (
    "افتتح وزير الصحة اليوم مستشفى الملك فهد الجديد في مدينة الرياض بسعة خمسمئة سرير، "
    "ويضم المستشفى أقساما متخصصة في جراحة القلب وعلاج الأورام ورعاية الأطفال الخدج."
)
HOSPITAL_RETOLD = (
    "دشن وزير الصحة مستشفى الملك فهد في الرياض، وهو مستشفى بسعة خمسمئة سرير يضم أقساما لجراحة القلب "
    "والأورام، وقال إنه سيخدم سكان شمال العاصمة."
)
RAIN = (
    "هطلت أمطار غزيرة على محافظة جدة مساء أمس مما أدى إلى جريان السيول في الشوارع وإغلاق عدد من "
    "الأنفاق، وأعلن الدفاع المدني رفع درجة الاستعداد وحذر السكان من الاقتراب من مجاري الأودية."
)
FOOTBALL = (
    "فاز فريق النصر على ضيفه الاتحاد بثلاثة أهداف مقابل هدف في المباراة التي أقيمت على ملعب "
    "الأول بارك ضمن منافسات الدوري، وسجل المهاجم البرازيلي هدفين في الشوط الثاني."
)
SEMEVAL = Path("semeval2022_task8_ar") / "ar_ar_train_pairs_with_text.jsonl"


def _pair(title1: str, text1: str, title2: str, text2: str, overall: float, **extra: Any) -> dict[str, Any]:
    return {"title1": title1, "text1": text1, "title2": title2, "text2": text2, "Overall": overall, **extra}


PAIRS = [
    _pair("مستشفى جديد في الرياض", HOSPITAL, "مستشفى جديد في الرياض", HOSPITAL, 1.0),  # identical
    _pair("مستشفى جديد في الرياض", HOSPITAL, "وزير الصحة يدشن مستشفى", HOSPITAL_RETOLD, 1.5),
    _pair("مستشفى جديد في الرياض", HOSPITAL, "سيول في جدة", RAIN, 4.0),
    _pair("سيول في جدة", RAIN, "النصر يفوز على الاتحاد", FOOTBALL, 4.0),
    _pair("وزير الصحة يدشن مستشفى", HOSPITAL_RETOLD, "النصر يفوز على الاتحاد", FOOTBALL, 3.0),
]


def _write(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _similarities(path: Path, settings: Settings) -> list[float]:
    pairs, documents = read_pairs(path)
    articles = prepare_articles(documents.values(), settings)
    clusterer = StoryClusterer(settings.cluster)
    clusterer.learn_frequencies(articles.values())
    return [clusterer.similarity(articles[p.key1], articles[p.key2]) for p in pairs]


def test_identical_pair_is_most_similar(tmp_path: Path, settings: Settings) -> None:
    similarities = _similarities(_write(tmp_path / "pairs.jsonl", PAIRS), settings)
    assert similarities[0] == pytest.approx(1.0)
    assert similarities[0] == max(similarities)
    assert similarities[1] >= settings.cluster.threshold  # a retelling of the same event would join the story
    assert max(similarities[2:]) < settings.cluster.threshold  # unrelated stories would not


def test_figures_are_the_metrics_of_the_similarities(tmp_path: Path, settings: Settings) -> None:
    path = _write(tmp_path / "pairs.jsonl", PAIRS)
    result = evaluate_pairs(path, settings)
    assert set(result) == {"pearson", "same_event_auc", "pairs"}
    assert result["pairs"] == 5
    similarities = _similarities(path, settings)
    overall = [p["Overall"] for p in PAIRS]
    assert result["pearson"] == pytest.approx(pearson(similarities, [-o for o in overall]))
    assert result["pearson"] > 0.5
    # positives (Overall <= 1.5) are the first two and both outscore every other pair
    assert result["same_event_auc"] == roc_auc(similarities, [o <= 1.5 for o in overall]) == 1.0
    json.dumps(result)


def test_an_article_in_several_pairs_is_counted_once(tmp_path: Path) -> None:
    records = [
        _pair("أ", HOSPITAL, "ب", RAIN, 4, id1="h", id2="r"),
        _pair("أ", HOSPITAL, "ج", FOOTBALL, 4, id1="h", id2="f", link2="https://www.alriyadh.com/x"),
        _pair("ب", RAIN, "ج", FOOTBALL, 4),  # no ids: keyed by title and text
    ]
    pairs, documents = read_pairs(_write(tmp_path / "pairs.jsonl", records))
    assert len(pairs) == 3
    assert len(documents) == 5  # h, r, f and two keyed by hash
    assert documents["f"].source == "alriyadh.com"
    assert documents["h"].source == "unknown"


def test_rejected_article_scores_zero(tmp_path: Path, settings: Settings) -> None:
    records = [*PAIRS, _pair("", "", "مستشفى جديد في الرياض", HOSPITAL, 1.0)]
    path = _write(tmp_path / "pairs.jsonl", records)
    result = evaluate_pairs(path, settings)
    assert result["pairs"] == 6
    assert _similarities(_write(tmp_path / "kept.jsonl", PAIRS), settings)[2:] == [0.0, 0.0, 0.0]
    # positives: 1.0, the retelling (above 0) and the rejected pair (0.0); negatives: three times 0.0.
    # 3 + 3 wins, and 3 ties counted half for the rejected pair: 7.5 / 9
    assert result["same_event_auc"] == pytest.approx(7.5 / 9)


def test_bad_lines_are_named(tmp_path: Path, settings: Settings) -> None:
    path = _write(tmp_path / "a.jsonl", [PAIRS[0], {"title1": "x", "text1": "y", "text2": "z"}])
    with pytest.raises(EvalFileError, match=r"a\.jsonl:2: 'Overall' must be a number"):
        evaluate_pairs(path, settings)
    path = _write(tmp_path / "b.jsonl", [{"text1": "y", "title2": "t", "Overall": 2}])
    with pytest.raises(EvalFileError, match=r"b\.jsonl:1: no 'text2'"):
        read_pairs(path)
    path = _write(tmp_path / "c.jsonl", [PAIRS[2], PAIRS[3]])  # both rated 4: no correlation to speak of
    with pytest.raises(ValueError, match="constant"):
        evaluate_pairs(path, settings)
    with pytest.raises(ValueError, match="positives and negatives"):
        score_similarities([0.1, 0.5], [3.0, 4.0])  # no same-event pair


def test_fallback_is_the_clusterers_cosine(settings: Settings) -> None:
    clusterer = StoryClusterer(settings.cluster)
    a = Article(id="a", source="s", title="مستشفى جديد", text=HOSPITAL, origin="a")
    b = Article(id="b", source="s", title="سيول", text=RAIN, origin="b")
    clusterer.learn_frequencies([a, b])
    assert clusterer.documents == 2
    expected = cosine(clusterer.vector(clusterer.terms(a)), clusterer.vector(clusterer.terms(b)))
    assert clusterer.similarity(a, b) == pytest.approx(expected)


@pytest.mark.slow
def test_semeval_figures(shared_data: Path, settings: Settings) -> None:
    path = shared_data / SEMEVAL
    if not path.is_file():
        pytest.skip(f"SemEval-2022 Task 8 Arabic pairs not found at {path}")
    result = evaluate_pairs(path, settings)
    assert result["pairs"] == 242
    # measured 0.700 / 0.895 with the first TF-IDF scorer; floors, not targets
    assert result["pearson"] >= 0.65
    assert result["same_event_auc"] >= 0.85
