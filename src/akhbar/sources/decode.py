"""Bytes -> text for files whose encoding nobody told us: UTF-8, UTF-16 with BOM, windows-1256."""

from __future__ import annotations

import codecs

from akhbar.lang.ar import arabic_ratio

_CONTROL_OK = {"\n", "\r", "\t", "\f"}


class DecodeError(ValueError):
    """The bytes are not text in an encoding akhbar knows; the message says why, in one line."""


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(sample) // 100)


def decode_text(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise ``DecodeError`` for binary or undecodable data."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16"), "utf-16"
    if _looks_binary(data):
        raise DecodeError("binary data, not text (NUL or control bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("cp1256")
        except UnicodeDecodeError:
            raise DecodeError(f"not UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) nor windows-1256") from None
        if arabic_ratio(text) < 0.3:
            raise DecodeError(
                f"not UTF-8 ({utf8_error.reason} at byte {utf8_error.start}); as windows-1256 it is not Arabic text"
            ) from None
        return text, "windows-1256"


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"invalid {encoding} ({exc.reason} at byte {exc.start})") from None
