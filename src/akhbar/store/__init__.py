"""Storage. The embedded SQLite store is the reference; see ``akhbar.store.sqlite``."""

from akhbar.store.sqlite import Store

__all__ = ["Store"]
