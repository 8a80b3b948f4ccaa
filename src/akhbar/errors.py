"""akhbar's exceptions. Expected outcomes (a bad article) are values (``Rejection``); these are for
conditions a caller must handle or a person must fix."""

from __future__ import annotations


class AkhbarError(Exception):
    """Base class: the message is one line a person can act on."""


class ConfigError(AkhbarError, ValueError):
    """A setting is missing, malformed or contradictory."""


class PipelineError(AkhbarError, ValueError):
    """Stages do not fit together (a stage requires a field nothing provides)."""


class SourceError(AkhbarError, OSError):
    """A path given to ingest cannot be read at all (missing, not a file we understand)."""


class StoreError(AkhbarError, OSError):
    """The database cannot be opened or is not an akhbar database."""


class NotFoundError(AkhbarError, LookupError):
    """A story, article or entity asked for by id does not exist."""
