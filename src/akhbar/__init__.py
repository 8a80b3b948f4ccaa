"""akhbar: turn a stream of Arabic news from many outlets into stories a person can read and trust.

The public Python API; everything else is internal and may change.
"""

from akhbar.config import Settings, load_settings
from akhbar.errors import AkhbarError, ConfigError, NotFoundError, PipelineError, SourceError, StoreError
from akhbar.service import cluster, get_story, ingest, list_stories
from akhbar.store import Store
from akhbar.types import Article, Entity, Event, Mention, Quote, RawDocument, Rejection, Story

__version__ = "0.1.0"

__all__ = [
    "AkhbarError",
    "Article",
    "ConfigError",
    "Entity",
    "Event",
    "Mention",
    "NotFoundError",
    "PipelineError",
    "Quote",
    "RawDocument",
    "Rejection",
    "Settings",
    "SourceError",
    "Store",
    "StoreError",
    "Story",
    "__version__",
    "cluster",
    "get_story",
    "ingest",
    "list_stories",
    "load_settings",
]
