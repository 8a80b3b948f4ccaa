"""RawDocument -> Article: give each document an id, a title and a language flag, or reject it.

A title's HTML character references are resolved ("&quot;سبق&quot;" -> "\"سبق\""); the body is
left as read (cleaning handles markup there).

A document with a headline but no body (photo galleries, video pages) is kept and flagged
``empty-body``; one with neither is rejected.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator

from akhbar.config import IngestConfig
from akhbar.ids import article_id
from akhbar.lang.ar import arabic_ratio
from akhbar.pipeline import stage
from akhbar.types import Article, RawDocument, Rejection

_MIN_ARABIC_SHARE = 0.5


def detect_language(text: str) -> str:
    """``ar`` when most letters are Arabic script; otherwise py3langid's best guess."""
    if arabic_ratio(text[:5000]) >= _MIN_ARABIC_SHARE:
        return "ar"
    import py3langid

    language, _score = py3langid.classify(text[:5000])
    return str(language)


@stage("article", requires={"origin", "source", "text"}, provides={"id", "title", "language", "raw_text"})
def to_article(documents: Iterable[RawDocument], cfg: IngestConfig) -> Iterator[Article | Rejection]:
    for doc in documents:
        text = doc.text.replace("\r\n", "\n").replace("\r", "\n").strip()
        title = (doc.title or "").strip()
        if "&" in title:  # a headline is plain text: feeds and archives carry "&quot;", "&#8220;" in it
            title = html.unescape(title).strip()
        if not text and not title:
            yield Rejection(doc.external_id or doc.origin, "article", "empty article: no title and no body", doc.origin)
            continue
        if "\x00" in text or "\x00" in title:
            yield Rejection(
                doc.external_id or doc.origin, "article", "body contains NUL bytes (binary data?)", doc.origin
            )
            continue
        language = detect_language(text or title)
        flags = [] if language == "ar" else ["non-arabic"]
        if len(text) < cfg.min_text_chars:
            flags.append("empty-body" if not text else "short-body")
        yield Article(
            id=article_id(doc.url, text or title, doc.source),
            source=doc.source,
            title=title,
            text=text,
            origin=doc.origin,
            url=doc.url,
            published=doc.published,
            author=(doc.author or "").strip() or None,
            external_id=doc.external_id,
            raw_text=text,
            language=language,
            flags=tuple(flags),
            extra=doc.extra,
        )
