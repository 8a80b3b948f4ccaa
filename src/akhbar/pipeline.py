"""Stages and the pipeline: the only code that chains stages.

A stage transforms an iterator of records and knows nothing about where it runs. It declares the
Article fields it ``requires`` and ``provides``; ``Pipeline.validate()`` checks that every
requirement is met by the input or an earlier stage before any data moves.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from akhbar.errors import PipelineError
from akhbar.types import Article, Rejection

Record = Any  # RawDocument | Article, depending on the stage
StageFunction = Callable[[Iterable[Record], Any], Iterator[Record]]


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    function: StageFunction
    requires: frozenset[str]
    provides: frozenset[str]

    def __call__(self, records: Iterable[Record], config: Any) -> Iterator[Record]:
        return self.function(records, config)


def stage(name: str, *, requires: Iterable[str] = (), provides: Iterable[str] = ()) -> Callable[[StageFunction], Stage]:
    """Declare a stage function ``f(records, config) -> iterator``."""

    def wrap(function: StageFunction) -> Stage:
        return Stage(name, function, frozenset(requires), frozenset(provides))

    return wrap


@dataclass(frozen=True, slots=True)
class Step:
    """A stage bound to its config object."""

    stage: Stage
    config: Any = None


# Fields a RawDocument gives the first stage.
RAW_FIELDS = frozenset({"origin", "source", "text", "title", "url", "published", "author", "extra"})


class Pipeline:
    def __init__(self, steps: Iterable[Step], inputs: Iterable[str] = RAW_FIELDS) -> None:
        self.steps = tuple(steps)
        self.inputs = frozenset(inputs)

    def validate(self) -> Pipeline:
        available = set(self.inputs)
        names = set()
        for step in self.steps:
            if step.stage.name in names:
                raise PipelineError(f"stage {step.stage.name!r} appears twice")
            names.add(step.stage.name)
            missing = step.stage.requires - available
            if missing:
                raise PipelineError(
                    f"stage {step.stage.name!r} requires {', '.join(sorted(missing))}, which no earlier stage provides"
                )
            available |= step.stage.provides
        return self

    def split_after(self, name: str) -> tuple[Pipeline, Pipeline]:
        """The stages up to and including ``name``, and the rest (whose inputs are what the first
        part provides), so a caller can act between them (skip records it already has, say)."""
        if name not in self.names:
            raise PipelineError(f"no stage {name!r} in {', '.join(self.names)}")
        cut = self.names.index(name) + 1
        head = Pipeline(self.steps[:cut], self.inputs)
        provided = self.inputs.union(*(step.stage.provides for step in head.steps))
        return head.validate(), Pipeline(self.steps[cut:], provided).validate()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(step.stage.name for step in self.steps)

    def run(self, records: Iterable[Record]) -> Iterator[Article | Rejection]:
        """Chain the stages lazily. Rejections pass through later stages untouched."""
        stream: Iterable[Record] = records
        for step in self.steps:
            stream = _pass_rejections(step, stream)
        return iter(stream)


def _pass_rejections(step: Step, records: Iterable[Record]) -> Iterator[Record]:
    rejected: list[Rejection] = []

    def accepted() -> Iterator[Record]:
        for record in records:
            if isinstance(record, Rejection):
                rejected.append(record)
            else:
                yield record

    for out in step.stage(accepted(), step.config):
        while rejected:
            yield rejected.pop(0)
        yield out
    while rejected:
        yield rejected.pop(0)


def shard_of(key: str, world_size: int) -> int:
    """Stable shard for a record key (not Python's salted hash)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big") % world_size


def run_shard(
    pipeline: Pipeline, records: Iterable[Record], rank: int = 0, world_size: int = 1
) -> Iterator[Article | Rejection]:
    """Run the pipeline over the records of shard ``rank`` of ``world_size``.

    Records are assigned to shards by their ``origin`` (stable across runs and machines), so the
    union of all shards' outputs equals a single-shard run.
    """
    if not 0 <= rank < world_size:
        raise PipelineError(f"rank {rank} is outside 0..{world_size - 1}")
    pipeline.validate()
    if world_size == 1:
        return pipeline.run(records)
    mine = (r for r in records if shard_of(getattr(r, "origin", "") or getattr(r, "record_id", ""), world_size) == rank)
    return pipeline.run(mine)
