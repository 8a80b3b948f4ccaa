"""Executors decide where stages run, never what they do."""

from akhbar.executors.local import LocalExecutor

__all__ = ["LocalExecutor"]
