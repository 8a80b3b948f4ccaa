"""The story clusterer: one scorer, index candidates, a sliding window, exact replay, late articles."""

from __future__ import annotations

import json
import math
import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from akhbar import service
from akhbar.config import ClusterConfig, Settings
from akhbar.sources import expand_paths, read_file
from akhbar.stages.cluster import FEATURES, StoryClusterer
from akhbar.store.sqlite import Store
from akhbar.types import Article, Assignment, RawDocument

_LETTERS = "ثجحخدذرزسشصضطظعغقمنهيت"
START = datetime(2015, 8, 1, tzinfo=UTC)


def _words(rng: random.Random, count: int) -> list[str]:
    return ["".join(rng.choice(_LETTERS) for _ in range(6)) for _ in range(count)]


def _synthetic_stream(
    seed: int = 7, topics: int = 12, articles: int = 240, days: float = 8.0
) -> list[tuple[Article, datetime]]:
    """Articles on a few topics (each its own vocabulary, plus words every topic uses), in time order."""
    rng = random.Random(seed)
    common = _words(rng, 60)
    vocabularies = [_words(rng, 25) for _ in range(topics)]
    stream = []
    for index in range(articles):
        topic = rng.randrange(topics)
        time = START + timedelta(days=days * index / articles)
        words = rng.sample(vocabularies[topic], 12) + rng.sample(common, 25)
        title = " ".join(rng.sample(vocabularies[topic], 4))
        article = Article(
            id=f"a{index:04d}", source=f"outlet{index % 5}", title=title, text=" ".join(words), origin=f"topic{topic}"
        )
        stream.append((article, time))
    return stream


def _batch(stream: list[tuple[Article, datetime]], cfg: ClusterConfig) -> list[Assignment]:
    clusterer = StoryClusterer(cfg)
    return [clusterer.assign(article, time) for article, time in stream]


def _in_runs(stream: list[tuple[Article, datetime]], cfg: ClusterConfig, run_size: int) -> list[Assignment]:
    """As ``akhbar.service.cluster`` does it: each run a fresh clusterer that replays the stored
    decisions from ``replay_since`` the run's first article, then assigns the run's articles."""
    decided: list[tuple[Article, datetime, Assignment]] = []
    for start in range(0, len(stream), run_size):
        clusterer = StoryClusterer(cfg)
        since = clusterer.replay_since(stream[start][1])
        for article, time, decision in decided:
            if time >= since:
                clusterer.observe(article, time, decision.story_id, decision.event_id)
        for article, time in stream[start : start + run_size]:
            decided.append((article, time, clusterer.assign(article, time)))
    return [decision for _, _, decision in decided]


def _groups(assignments: list[Assignment], level: str = "story") -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for a in assignments:
        groups.setdefault(a.story_id if level == "story" else a.event_id, set()).add(a.article_id)
    return {frozenset(g) for g in groups.values()}


def test_topics_become_stories() -> None:
    stream = _synthetic_stream()
    assignments = _batch(stream, ClusterConfig(window_days=10))
    topic = {article.id: article.origin for article, _ in stream}
    groups = _groups(assignments)
    assert len(groups) < len(stream) / 4  # most articles joined a story
    assert all(len({topic[i] for i in group}) == 1 for group in groups)  # and never one of another topic


def test_same_input_same_output() -> None:
    stream = _synthetic_stream()
    cfg = ClusterConfig(window_days=1.0)
    assert _batch(stream, cfg) == _batch(stream, cfg)


@pytest.mark.parametrize("run_size", [1, 7, 50])
def test_runs_with_replay_give_exactly_the_batch_result(run_size: int) -> None:
    stream = _synthetic_stream()
    cfg = ClusterConfig(window_days=1.0)  # the stream spans eight windows: articles leave, stories expire
    batch = _batch(stream, cfg)
    runs = _in_runs(stream, cfg, run_size)
    assert [(a.article_id, a.story_id, a.event_id) for a in runs] == [
        (a.article_id, a.story_id, a.event_id) for a in batch
    ]
    assert [a.score for a in runs] == [a.score for a in batch]


def test_state_is_the_window_only() -> None:
    stream = _synthetic_stream()
    cfg = ClusterConfig(window_days=1.0)
    clusterer = StoryClusterer(cfg)
    for article, time in stream:
        clusterer.assign(article, time)
    last = stream[-1][1]
    in_window = [a for a, t in stream if t >= last - timedelta(days=1)]
    assert clusterer.documents == len(in_window)
    assert set(clusterer.window_documents) == {a.id for a in in_window}
    assert all(
        story.last is not None and story.last >= last - timedelta(days=1) for story in clusterer.stories.values()
    )
    assert clusterer.archive  # the stories that left are still searchable


def test_a_story_left_behind_is_not_joined_by_a_new_article_but_by_a_late_one() -> None:
    rng = random.Random(3)
    topic, other, common = _words(rng, 25), _words(rng, 25), _words(rng, 40)

    def article(name: str, vocabulary: list[str]) -> Article:
        text = " ".join(rng.sample(vocabulary, 20) + rng.sample(common, 6))
        return Article(id=name, source="s", title=" ".join(rng.sample(vocabulary, 4)), text=text, origin=name)

    cfg = ClusterConfig(window_days=1.0)
    clusterer = StoryClusterer(cfg)
    first = [clusterer.assign(article(f"t{i}", topic), START + timedelta(hours=i)) for i in range(4)]
    assert len({a.story_id for a in first}) == 1
    old_story = first[0].story_id
    # other articles carry the stream five days on: the first story leaves the active window
    for day in range(1, 6):
        clusterer.assign(article(f"o{day}", other), START + timedelta(days=day))
    assert old_story not in clusterer.stories and old_story in clusterer.archive
    # a new article on the old topic starts a new story (the window is over) ...
    now = START + timedelta(days=5, hours=1)
    fresh = clusterer.assign(article("t-new", topic), now)
    assert fresh.story_id != old_story
    # ... but a late one, published during the first story, still joins it
    late = clusterer.assign(article("t-late", topic), START + timedelta(hours=5))
    assert late.story_id == old_story and not late.new_story
    # and an unrelated late article does not
    stranger = clusterer.assign(article("x-late", _words(rng, 25)), START + timedelta(hours=5))
    assert stranger.new_story


def test_scorer_features_and_probability() -> None:
    cfg = ClusterConfig()
    assert len(cfg.weights()) == len(FEATURES) + 1
    clusterer = StoryClusterer(cfg)
    stream = _synthetic_stream(articles=20, topics=2)
    clusterer.learn_frequencies(a for a, _ in stream)
    same = clusterer.pair_probability(stream[0][0], stream[0][0])
    assert same > 0.99
    assert 0.0 <= clusterer.pair_probability(stream[0][0], stream[1][0]) <= 1.0
    assert clusterer.similarity(stream[0][0], stream[0][0]) == pytest.approx(1.0)


def test_a_thin_article_never_joins() -> None:
    clusterer = StoryClusterer(ClusterConfig())
    stream = _synthetic_stream(articles=10, topics=1)
    for article, time in stream:
        clusterer.assign(article, time)
    thin = Article(id="thin", source="s", title="كاريكاتير", text="", origin="x")
    assert clusterer.assign(thin, stream[-1][1]).new_story


# -- the service: streaming one article at a time gives the batch result ---------------------


def _demo_records(demo_dir: Path, count: int) -> list[dict[str, str]]:
    """The first ``count`` articles of the demo day, in time order, as JSONL records."""
    documents = []
    for file in expand_paths([demo_dir / "saudinewsnet"], None):
        documents += [d for d in read_file(file, 1 << 30) if isinstance(d, RawDocument)]
    documents.sort(key=lambda d: (d.published or START, d.url or ""))
    return [
        {
            "source": d.source,
            "url": d.url or "",
            "title": d.title or "",
            "text": d.text,
            "published": (d.published or START).isoformat(),
        }
        for d in documents[:count]
    ]


def _stored_groups(settings: Settings) -> tuple[dict[str, tuple[str, str, float]], set[frozenset[str]]]:
    with Store(settings.db) as store:
        rows = store.connection.execute("SELECT id, story_id, event_id, score FROM articles").fetchall()
    assignment = {row[0]: (row[1], row[2], row[3]) for row in rows}
    groups: dict[str, set[str]] = {}
    for article_id, (story_id, _, _) in assignment.items():
        groups.setdefault(story_id, set()).add(article_id)
    return assignment, {frozenset(g) for g in groups.values()}


def test_streaming_through_the_service_equals_one_batch_run(tmp_path: Path, settings: Settings, demo_dir: Path) -> None:
    records = _demo_records(demo_dir, 80)
    span = datetime.fromisoformat(records[-1]["published"]) - datetime.fromisoformat(records[0]["published"])
    # a window a fifth of the span: articles leave the window during the stream
    cfg = replace(settings.cluster, window_days=span.total_seconds() / 86400 / 5)
    # outlet boilerplate is learned from each input: keep it out, so both runs clean alike
    base = replace(settings, cluster=cfg, clean=replace(settings.clean, outlet_boilerplate_min_articles=10**9))
    batch_settings = replace(base, db=tmp_path / "batch.db")
    batch_file = tmp_path / "all.jsonl"
    batch_file.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    service.ingest([batch_file], batch_settings)
    stream_settings = replace(base, db=tmp_path / "stream.db")
    for index, record in enumerate(records):
        one = tmp_path / f"one-{index:03d}.jsonl"
        one.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        service.ingest([one], stream_settings)
    batch, batch_groups = _stored_groups(batch_settings)
    stream, stream_groups = _stored_groups(stream_settings)
    assert len(batch) == len(records)
    assert 1 < len(batch_groups) < len(records)  # some stories formed
    assert stream == batch  # identical story and event ids, and the same scores
    assert stream_groups == batch_groups


def test_a_term_in_too_many_documents_does_not_find_candidates(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keys are terms in at most 5% of the window's documents, and in at most _MAX_KEY_DOCUMENTS of
    them: with a big index, the postings looked up per article stay bounded."""
    from akhbar.stages import cluster as cluster_module

    rng = random.Random(5)
    shared, fillers = _words(rng, 1), _words(rng, 2000)
    clusterer = StoryClusterer(ClusterConfig(window_days=30))
    for index in range(1000):  # 1,000 documents; the shared word is in 40 of them (4%)
        words = fillers[2 * index : 2 * index + 2] + (shared if index % 25 == 0 else [])
        article = Article(id=f"d{index:04d}", source="outlet", title="", text=" ".join(words * 3), origin="test")
        clusterer.observe(article, START + timedelta(minutes=index), f"s{index}", f"e{index}")
    probe = Article(id="probe", source="outlet", title="", text=" ".join((shared + _words(rng, 2)) * 3), origin="test")
    assert shared[0] in clusterer.document(probe, START + timedelta(days=1)).keys
    monkeypatch.setattr(cluster_module, "_MAX_KEY_DOCUMENTS", 39)
    assert shared[0] not in clusterer.document(probe, START + timedelta(days=1)).keys


def test_only_a_storys_most_recent_events_are_scored(monkeypatch: pytest.MonkeyPatch) -> None:
    from akhbar.stages import cluster as cluster_module

    stream = _synthetic_stream(topics=1, articles=8)
    clusterer = StoryClusterer(ClusterConfig(window_days=30))
    for index, (article, time) in enumerate(stream):  # one story of eight one-article events
        clusterer.observe(article, time, "story", f"event{index}")
    story = clusterer.stories["story"]
    probe = clusterer.document(replace(stream[0][0], id="probe"), stream[-1][1])
    assert {c.cluster_id for c in clusterer.event_candidates(probe, story)} == {f"event{i}" for i in range(8)}
    monkeypatch.setattr(cluster_module, "_EVENTS_SCORED", 3)
    assert {c.cluster_id for c in clusterer.event_candidates(probe, story)} == {"event5", "event6", "event7"}


# -- pruning: candidates that provably stay below the threshold are not scored -----------------


class _FullScoring(StoryClusterer):
    """Scores every candidate (no pruning) and checks the pruning bound against each real score."""

    def __init__(self, cfg: ClusterConfig) -> None:
        super().__init__(cfg)
        self.checked = self.pruned = self.violations = 0

    def _scored(self, doc, clusters, members, threshold=None):  # type: ignore[no-untyped-def]
        full = super()._scored(doc, clusters, members)
        for cluster, member, candidate in zip(clusters, members, full, strict=True):
            logit = self._bias + sum(w * f for w, f in zip(self._feature_weights, candidate.features, strict=True))
            context = self._context(doc, cluster)
            self.checked += 1
            # the bound is never below the real score: a limit just under it is always reachable,
            # with the member cosine known and without it (events are pruned before it is computed)
            self.violations += not self._may_reach(doc, cluster, member, context, logit - 1e-9)
            self.violations += not self._may_reach(doc, cluster, None, context, logit - 1e-9)
            if threshold is not None:
                limit = math.log(threshold / (1 - threshold))
                self.pruned += not self._may_reach(doc, cluster, member, context, limit)
        return full

    def event_candidates(self, doc, story, similar=None, threshold=None):  # type: ignore[no-untyped-def]
        return super().event_candidates(doc, story, similar)  # every event scored, none pruned first


def _demo_stream(demo_dir: Path, count: int) -> list[tuple[Article, datetime]]:
    stream = []
    for index, record in enumerate(_demo_records(demo_dir, count)):
        article = Article(
            id=f"d{index:04d}", source=record["source"], title=record["title"], text=record["text"], origin="demo"
        )
        stream.append((article, datetime.fromisoformat(record["published"])))
    return stream


def test_pruned_candidates_could_never_have_been_chosen(demo_dir: Path) -> None:
    stream = _demo_stream(demo_dir, 400)
    cfg = ClusterConfig()
    full = _FullScoring(cfg)
    assert [full.assign(a, t) for a, t in stream] == _batch(stream, cfg)  # the same decisions, scores included
    assert full.violations == 0
    assert full.checked > 1000
    assert full.pruned > full.checked // 2  # most candidates are hopeless: that is the point


def test_pruning_bound_with_other_weights(demo_dir: Path) -> None:
    """Negative weights and a member weight of zero: the bound takes each feature's worst case."""
    stream = _demo_stream(demo_dir, 200)
    cfg = replace(ClusterConfig(), weight_title=-1.0, weight_member=0.0, weight_centroid=7.0, threshold=0.05)
    full = _FullScoring(cfg)
    assert [full.assign(a, t) for a, t in stream] == _batch(stream, cfg)
    assert full.violations == 0 and full.checked > 500
