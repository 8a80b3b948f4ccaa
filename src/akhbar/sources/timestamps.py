"""Publication timestamps from structured inputs (ISO 8601 and ``YYYY-MM-DD hh:mm:ss``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone, tzinfo

RIYADH = timezone(timedelta(hours=3), "AST")  # Saudi Arabia has no daylight saving time


def parse_timestamp(value: object, naive_zone: tzinfo = UTC) -> datetime:
    """Parse a timestamp into a UTC-aware datetime; naive values are read in ``naive_zone``.

    Raises ``ValueError`` with a one-line reason.
    """
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"published is not a timestamp string: {value!r:.60}")
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"published is not ISO 8601: {value!r:.60}") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=naive_zone)
    return parsed.astimezone(UTC)
