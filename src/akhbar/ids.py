"""Deterministic identifiers: the same article gets the same id on every machine and run."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from akhbar.lang.ar import normalize

_TRACKING = re.compile(r"^(utm_|fbclid$|gclid$|ref$|ref_src$|share$|amp$)")
_SPACE = re.compile(r"\s+")


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no ``www.``, no fragment, no tracking parameters, sorted query,
    no trailing slash, percent-encoding unified."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    host = host.removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    path = quote(unquote(parts.path), safe="/%:@!$&'()*+,;=-._~") or "/"
    if len(path) > 1:
        path = path.rstrip("/")
    query = urlencode(
        sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k))
    )
    scheme = "https" if parts.scheme.lower() in ("http", "https") else parts.scheme.lower()
    return urlunsplit((scheme, host, path, query, ""))


def _digest(kind: str, key: str) -> str:
    return hashlib.sha1(f"{kind}\x00{key}".encode()).hexdigest()[:16]


def article_id(url: str | None, text: str, source: str = "") -> str:
    """Hash of the canonical URL; without a URL, of the outlet and the normalized text."""
    if url and url.strip():
        return "a" + _digest("url", canonical_url(url))
    body = _SPACE.sub(" ", normalize(text)).strip()
    return "a" + _digest("text", f"{source}\x00{body}")


def story_id(first_article_id: str) -> str:
    """A story is named after the article that started it."""
    return "s" + _digest("story", first_article_id)


def event_id(first_article_id: str) -> str:
    return "e" + _digest("event", first_article_id)
