"""Readers: turn files into ``RawDocument`` records (or ``Rejection`` for what cannot be read).

``read_paths`` takes files, folders (read recursively, in name order) and glob patterns and picks
a reader by file name: ``.jsonl``/``.ndjson`` JSON lines, ``.zip`` the SaudiNewsNet archive
format (a zip of JSON arrays), ``.json`` one JSON array or object, anything else plain text.
"""

from __future__ import annotations

import glob
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from akhbar.errors import SourceError
from akhbar.sources.jsonl import read_json_array_file, read_jsonl
from akhbar.sources.saudinewsnet import read_saudinewsnet_zip
from akhbar.sources.text import read_text_file
from akhbar.types import RawDocument, Rejection

__all__ = ["InputFile", "expand_paths", "read_file", "read_paths"]

_SKIP_NAMES = {".DS_Store", "Thumbs.db"}
_SKIP_SUFFIXES = {".md", ".license", ".sha1"}


@dataclass(frozen=True, slots=True)
class InputFile:
    path: Path
    size: int
    source: str | None  # outlet name given on the command line, else None


def expand_paths(paths: Iterable[str | Path], source: str | None = None) -> list[InputFile]:
    """Files, folders and globs -> the files to read, each once, in a stable order.

    Raises ``SourceError`` when a path names nothing, before anything is read.
    """
    found: list[Path] = []
    for item in paths:
        text = str(item)
        candidates = (
            [Path(p) for p in sorted(glob.glob(text, recursive=True))] if glob.has_magic(text) else [Path(text)]
        )
        if not candidates or not all(c.exists() for c in candidates):
            raise SourceError(f"{text}: no such file or folder")
        for candidate in candidates:
            if candidate.is_dir():
                found.extend(
                    p
                    for p in sorted(candidate.rglob("*"))
                    if p.is_file()
                    and not p.name.startswith(".")
                    and p.name not in _SKIP_NAMES
                    and p.suffix.lower() not in _SKIP_SUFFIXES
                    and p.name.upper() not in {"LICENSE", "README"}
                )
            else:
                found.append(candidate)
    seen: set[Path] = set()
    files = []
    for path in found:
        resolved = path.resolve()
        if resolved in seen:
            continue
        seen.add(resolved)
        files.append(InputFile(path, path.stat().st_size, source))
    return files


def read_file(file: InputFile, max_bytes: int) -> Iterator[RawDocument | Rejection]:
    path = file.path
    suffix = path.suffix.lower()
    if suffix in {".jsonl", ".ndjson"}:
        yield from read_jsonl(path, file.source, max_bytes)
    elif suffix == ".zip":
        yield from read_saudinewsnet_zip(path, file.source, max_bytes)
    elif suffix == ".json":
        yield from read_json_array_file(path, file.source, max_bytes)
    else:
        yield from read_text_file(path, file.source, max_bytes)


def read_paths(
    paths: Iterable[str | Path], source: str | None = None, max_bytes: int = 512 << 20
) -> Iterator[RawDocument | Rejection]:
    for file in expand_paths(paths, source):
        yield from read_file(file, max_bytes)
