"""HTML page -> (title, raw text), for the HTML source reader.

Main-text extraction is delegated to trafilatura (Apache-2.0; optional dependency, imported on
first use): comments left out, recall favoured, because the cleaning stage removes the boilerplate
that gets through and cannot bring back text that extraction dropped. The text keeps one paragraph
per line, as the plain-text reader gives it, so the cleaner sees the same shape from every source.
"""

from __future__ import annotations

import re
from types import ModuleType

from akhbar.errors import SourceError

_SPACE = re.compile(r"[ \t\xa0]+")


def _import_trafilatura() -> ModuleType:
    try:
        import trafilatura
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise SourceError(
            "reading HTML needs the optional packages trafilatura and lxml_html_clean: "
            "pip install 'trafilatura>=2,<3' lxml_html_clean"
        ) from exc
    return trafilatura


def html_to_raw(html: str) -> tuple[str, str]:
    """Return ``(title, text)`` for an HTML page; ``("", "")`` when it holds no main text.

    The title comes from the page metadata (``<title>``, Open Graph, ...). A first text line that
    repeats the title is dropped, as the plain-text reader takes a first line as the title.
    """
    trafilatura = _import_trafilatura()
    if not html or not html.strip():
        return "", ""
    text = trafilatura.extract(
        html,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        favor_recall=True,
        with_metadata=False,
        output_format="txt",
        deduplicate=False,
    )
    metadata = trafilatura.extract_metadata(html)
    title = _SPACE.sub(" ", (metadata.title if metadata is not None and metadata.title else "")).strip()
    lines = [_SPACE.sub(" ", line).strip() for line in (text or "").splitlines()]
    lines = [line for line in lines if line]
    if lines and title and lines[0] == title:
        lines = lines[1:]
    return title, "\n".join(lines)
