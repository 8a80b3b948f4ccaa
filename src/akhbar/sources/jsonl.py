"""JSON lines and JSON arrays of articles.

JSONL schema (one object per line; blank lines are skipped):

=============  ========  ==================================================================
key            required  meaning
=============  ========  ==================================================================
``text``       yes       the article body (``content`` and ``body`` are accepted as aliases)
``title``      no        the headline
``id``         no        the input's own id, kept as ``external_id`` (akhbar's id is derived
                         from the URL, else from the outlet and the text)
``source``     no        the outlet; else ``--source``; else the file's folder name
``url``        no        canonical link; two records with the same canonical URL are one article
``published``  no        ISO 8601; without a zone it is read as UTC
``author``     no        byline
anything else  no        kept verbatim with the article (``extra``)
=============  ========  ==================================================================
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, tzinfo
from pathlib import Path
from typing import Any

from akhbar.sources.text import outlet_from_path
from akhbar.sources.timestamps import parse_timestamp
from akhbar.types import RawDocument, Rejection

_KNOWN = {"id", "source", "url", "published", "title", "text", "content", "body", "author"}
_TEXT_KEYS = ("text", "content", "body")


def record_to_document(
    record: Any,
    origin: str,
    source: str | None,
    default_source: str,
    naive_zone: tzinfo = UTC,
    published_key: str = "published",
    known: frozenset[str] | set[str] = _KNOWN,
) -> RawDocument | Rejection:
    """One decoded JSON value -> RawDocument, or a Rejection naming what is wrong."""
    if not isinstance(record, dict):
        return Rejection(origin, "read", f"expected a JSON object, found {type(record).__name__}", origin)
    external_id = record.get("id")
    record_id = str(external_id) if external_id is not None else origin
    text = next((record[k] for k in _TEXT_KEYS if k in record), None)
    if text is None:
        return Rejection(record_id, "read", "JSON object has no 'text' (nor 'content' or 'body')", origin)
    if not isinstance(text, str):
        return Rejection(record_id, "read", f"'text' is {type(text).__name__}, not a string", origin)
    published = None
    raw_published = record.get(published_key)
    if raw_published not in (None, ""):
        try:
            published = parse_timestamp(raw_published, naive_zone)
        except ValueError as exc:
            return Rejection(record_id, "read", str(exc), origin)
    fields = {}
    for key in ("title", "url", "author"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            return Rejection(record_id, "read", f"'{key}' is {type(value).__name__}, not a string", origin)
        fields[key] = value or None
    record_source = record.get("source")
    extra = tuple(
        (key, json.dumps(value, ensure_ascii=False, sort_keys=True))
        for key, value in sorted(record.items())
        if key not in known and key != published_key
    )
    return RawDocument(
        origin=origin,
        source=(record_source if isinstance(record_source, str) and record_source.strip() else None)
        or source
        or default_source,
        text=text,
        title=fields["title"],
        url=fields["url"],
        published=published,
        author=fields["author"],
        external_id=str(external_id) if external_id is not None else None,
        extra=extra,
    )


def read_jsonl(path: Path, source: str | None, max_bytes: int) -> Iterator[RawDocument | Rejection]:
    default_source = outlet_from_path(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield Rejection(str(path), "read", f"cannot read file ({exc.strerror or exc})", str(path))
        return
    with handle:
        for number, raw_line in enumerate(handle, start=1):
            origin = f"{path}:{number}"
            if len(raw_line) > max_bytes:
                yield Rejection(
                    origin, "read", f"line too long ({len(raw_line):,} bytes > limit {max_bytes:,})", origin
                )
                continue
            if not raw_line.strip():
                continue
            try:
                line = raw_line.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield Rejection(origin, "read", f"line is not UTF-8 ({exc.reason} at byte {exc.start})", origin)
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Rejection(origin, "read", f"invalid JSON ({exc.msg} at column {exc.colno})", origin)
                continue
            yield record_to_document(record, origin, source, default_source)


def iter_json_array(text: str) -> Iterator[tuple[int, Any] | tuple[int, json.JSONDecodeError]]:
    """Decode the elements of a JSON array one by one, so a truncated or damaged array still
    yields every complete element before the damage (then one error, and stops)."""
    decoder = json.JSONDecoder()
    length = len(text)
    position = 0
    while position < length and text[position].isspace():
        position += 1
    if position >= length or text[position] != "[":
        # not an array: maybe a single object
        try:
            yield 0, decoder.decode(text)
        except json.JSONDecodeError as exc:
            yield 0, exc
        return
    position += 1
    index = 0
    while True:
        while position < length and (text[position].isspace() or text[position] == ","):
            position += 1
        if position < length and text[position] == "]":
            return
        if position >= length:
            yield index, json.JSONDecodeError("array is truncated (no closing ']')", text, position)
            return
        try:
            value, position = decoder.raw_decode(text, position)
        except json.JSONDecodeError as exc:
            yield index, exc
            return
        yield index, value
        index += 1


def read_json_array_file(path: Path, source: str | None, max_bytes: int) -> Iterator[RawDocument | Rejection]:
    origin = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield Rejection(origin, "read", f"file too large ({size:,} bytes > limit {max_bytes:,})", origin)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Rejection(origin, "read", f"cannot read file ({exc.strerror or exc})", origin)
        return
    yield from documents_from_json_bytes(data, origin, source, outlet_from_path(path))


def documents_from_json_bytes(
    data: bytes, origin: str, source: str | None, default_source: str, **options: Any
) -> Iterator[RawDocument | Rejection]:
    if not data.strip():
        yield Rejection(origin, "read", "empty file", origin)
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        yield Rejection(origin, "read", f"not UTF-8 JSON ({exc.reason} at byte {exc.start})", origin)
        return
    for index, value in iter_json_array(text):
        element_origin = f"{origin}#{index}"
        if isinstance(value, json.JSONDecodeError):
            yield Rejection(
                element_origin,
                "read",
                f"invalid JSON from element {index} on ({value.msg}); earlier elements kept",
                element_origin,
            )
            return
        yield record_to_document(value, element_origin, source, default_source, **options)
