from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from akhbar.config import load_settings
from akhbar.errors import PipelineError
from akhbar.executors import LocalExecutor
from akhbar.pipeline import Pipeline, Step, run_shard, stage
from akhbar.service import ingest_pipeline
from akhbar.types import Article, RawDocument, Rejection


@stage("shout", requires={"text"}, provides={"shouted"})
def shout(records: Iterable[Article], cfg: None) -> Iterator[Article | Rejection]:
    for record in records:
        if "reject" in record.text:
            yield Rejection(record.id, "shout", "asked to")
        else:
            yield replace(record, title=record.text.upper())


@stage("needs_entities", requires={"mentions"})
def needs_entities(records: Iterable[Article], cfg: None) -> Iterator[Article]:
    yield from records


def _article(i: int, text: str = "x") -> Article:
    return Article(id=f"a{i}", source="s", title="", text=text, origin=f"o{i}")


def test_validate_names_the_missing_field() -> None:
    with pytest.raises(PipelineError, match=r"needs_entities.*mentions"):
        Pipeline([Step(shout), Step(needs_entities)], inputs={"text"}).validate()


def test_validate_rejects_a_stage_twice() -> None:
    with pytest.raises(PipelineError, match="twice"):
        Pipeline([Step(shout), Step(shout)], inputs={"text"}).validate()


def test_default_ingest_pipeline_validates() -> None:
    pipeline = ingest_pipeline(load_settings(env={}))
    assert pipeline.names[:2] == ("article", "clean")


def test_rejections_pass_through_and_nothing_is_lost() -> None:
    records = [_article(1, "a"), Rejection("r0", "read", "bad"), _article(2, "reject me"), _article(3, "b")]
    out = list(Pipeline([Step(shout)], inputs={"text"}).run(records))
    assert [getattr(r, "id", None) or r.record_id for r in out] == ["a1", "r0", "a2", "a3"]
    assert isinstance(out[2], Rejection)
    assert out[3].title == "B"


@given(st.lists(st.text(alphabet="abc rejt", max_size=8), max_size=30), st.integers(min_value=1, max_value=5))
def test_shards_partition_the_single_shard_output(texts: list[str], world_size: int) -> None:
    pipeline = Pipeline([Step(shout)], inputs={"text"})
    records = [_article(i, t) for i, t in enumerate(texts)]
    whole = list(run_shard(pipeline, records, 0, 1))
    parts = [r for rank in range(world_size) for r in run_shard(pipeline, records, rank, world_size)]
    key = lambda r: getattr(r, "id", None) or r.record_id  # noqa: E731
    assert sorted(map(key, parts)) == sorted(map(key, whole))
    assert {key(r): r for r in parts} == {key(r): r for r in whole}


def test_local_executor_runs_the_ingest_pipeline_on_raw_documents() -> None:
    raw = RawDocument(origin="o", source="s", text="قال الوزير إن الاجتماع مهم جدا للطرفين.", title="عنوان")
    (article,) = LocalExecutor().run(ingest_pipeline(load_settings(env={})), [raw])
    assert isinstance(article, Article)
    assert article.language == "ar"
    assert article.norm_title == "عنوان"


def test_run_shard_checks_rank() -> None:
    with pytest.raises(PipelineError):
        run_shard(Pipeline([]), [], rank=2, world_size=2)


def test_split_after_gives_two_valid_halves() -> None:
    pipeline = ingest_pipeline(load_settings(env={}))
    head, tail = pipeline.split_after("article")
    assert head.names == ("article",)
    assert tail.names == pipeline.names[1:]
    with pytest.raises(PipelineError, match="no stage"):
        pipeline.split_after("nope")
