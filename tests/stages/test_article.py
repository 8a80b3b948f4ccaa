"""The article stage: ids, titles and language flags from raw documents."""

from __future__ import annotations

from akhbar.config import IngestConfig
from akhbar.stages.article import to_article
from akhbar.types import Article, RawDocument

BODY = "أعلنت وزارة الصحة اليوم عن خطة جديدة لتطوير المستشفيات في المناطق كافة خلال العام المقبل."


def _one(title: str) -> Article:
    [article] = to_article([RawDocument("f.jsonl:1", "sabq", BODY, title=title, url="http://x.sa/1")], IngestConfig())
    assert isinstance(article, Article)
    return article


def test_a_titles_html_character_references_are_resolved() -> None:
    # as SaudiNewsNet carries them: 229 of its titles hold "&quot;" or "&#8220;"
    assert _one("&quot;زلاتكو&quot; لـ&quot;سبق&quot;: النصر الأفضل").title == '"زلاتكو" لـ"سبق": النصر الأفضل'
    assert _one(" توزيع &#8220;موسوعة خطب الجمعة&#8221; ").title == "توزيع “موسوعة خطب الجمعة”"


def test_a_plain_title_and_the_body_are_kept_as_read() -> None:
    assert _one("الصحة & التعليم: خطة AT&T").title == "الصحة & التعليم: خطة AT&T"
    assert _one("عنوان").text == BODY
    assert _one("عنوان").id == _one("&quot;عنوان آخر&quot;").id  # the id does not depend on the title
