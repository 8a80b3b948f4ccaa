"""Plain-text article files: the first non-empty line is the headline, the rest the body.

The outlet is the ``--source`` name, else the name of the folder holding the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from akhbar.sources.decode import DecodeError, decode_text
from akhbar.types import RawDocument, Rejection


def outlet_from_path(path: Path) -> str:
    parent = path.resolve().parent.name
    return parent or "unknown"


def read_text_file(path: Path, source: str | None, max_bytes: int) -> Iterator[RawDocument | Rejection]:
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
    if not data.strip():
        yield Rejection(origin, "read", "empty file", origin)
        return
    try:
        text, _encoding = decode_text(data)
    except DecodeError as exc:
        yield Rejection(origin, "read", str(exc), origin)
        return
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    index = next((i for i, line in enumerate(lines) if line.strip()), None)
    if index is None:
        yield Rejection(origin, "read", "empty file (whitespace only)", origin)
        return
    title = lines[index].strip()
    body = "\n".join(lines[index + 1 :]).strip("\n")
    yield RawDocument(origin=origin, source=source or outlet_from_path(path), text=body, title=title)
