"""The SaudiNewsNet archive format: a zip holding JSON arrays of
``{source, url, date_extracted, title, author, content}``.

``date_extracted`` is read as Saudi time (UTC+3) and becomes ``published``; the dataset's README
says it probably equals the publication date from 2015-08-01 on.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from akhbar.sources.jsonl import documents_from_json_bytes
from akhbar.sources.text import outlet_from_path
from akhbar.sources.timestamps import RIYADH
from akhbar.types import RawDocument, Rejection

_KNOWN = frozenset({"source", "url", "date_extracted", "title", "author", "content"})


def read_saudinewsnet_zip(path: Path, source: str | None, max_bytes: int) -> Iterator[RawDocument | Rejection]:
    origin = str(path)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        yield Rejection(origin, "read", f"not a readable zip archive ({exc})", origin)
        return
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if not members:
            yield Rejection(origin, "read", "zip archive holds no files", origin)
        for member in members:
            member_origin = f"{path}:{member.filename}"
            if not member.filename.lower().endswith((".json", ".jsonl")):
                yield Rejection(member_origin, "read", "zip member is not .json", member_origin)
                continue
            if member.file_size > max_bytes:
                yield Rejection(
                    member_origin,
                    "read",
                    f"zip member too large ({member.file_size:,} bytes > limit {max_bytes:,})",
                    member_origin,
                )
                continue
            try:
                data = archive.read(member)
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
                yield Rejection(member_origin, "read", f"corrupt zip member ({exc})", member_origin)
                continue
            yield from documents_from_json_bytes(
                data,
                member_origin,
                source,
                outlet_from_path(path),
                naive_zone=RIYADH,
                published_key="date_extracted",
                known=_KNOWN,
            )
