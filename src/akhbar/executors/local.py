"""The reference executor: every stage in this process, records streamed one by one."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from akhbar.pipeline import Pipeline, Record, run_shard
from akhbar.types import Article, Rejection


class LocalExecutor:
    """Runs a pipeline in the calling process (shard 0 of 1)."""

    def run(self, pipeline: Pipeline, records: Iterable[Record]) -> Iterator[Article | Rejection]:
        return run_shard(pipeline, records, rank=0, world_size=1)
