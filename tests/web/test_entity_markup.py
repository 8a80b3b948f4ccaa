"""Mentions on the article page are escaped and cut at quote boundaries (rendered without a browser)."""

from __future__ import annotations

from akhbar.types import Article, Entity, Mention, Quote
from akhbar.web.pages import body_blocks, render


def test_mentions_and_entity_names_are_escaped_and_nested_inside_quotes() -> None:
    text = "قال <b>زيد</b> الأول: «وصل <i>عمرو</i> إلى بغداد» اليوم."
    start = text.index("<b>")
    quote_start = text.index("وصل")
    name = Mention("a1", start, start + len("<b>زيد</b> الأول"), "<b>زيد</b> الأول", "PERS", "n1")
    place = Mention("a1", text.index("بغداد"), text.index("بغداد") + 5, "بغداد", "LOC", None)
    inner = Mention("a1", text.index("<i>"), text.index("</i>") + 4, "<i>عمرو</i>", "PERS", "n2")
    quote = Quote("a1", quote_start, text.index("»"), "direct", speaker="<b>زيد</b>")
    article = Article(id="a1", source="test", title="<script>x</script>", text=text, origin="test")
    entities = {
        "n1": Entity("n1", '<img src=x onerror="1">', "PERS", roles=("<u>رئيس</u>",)),
        "n2": Entity("n2", "عمرو", "PERS"),
    }
    blocks = body_blocks(article, [quote], [name, place, inner])
    html = render(
        "article.html",
        article=article,
        story=None,
        blocks=blocks,
        quotes=(quote,),
        marked=set(),
        entities=entities,
        named=[],
    ).body.decode()
    for raw in ("<b>", "<i>", "<u>", "<img", "<script>"):
        assert raw not in html
    assert "&lt;b&gt;زيد&lt;/b&gt; الأول</a>" in html
    assert 'href="/entities/n1"' in html and "&lt;img src=x" in html
    assert '<span class="mention mention-loc" title="مكان">بغداد</span>' in html  # unlinked: no link
    quoted = html[html.index('<mark class="quote quote-direct"') :]
    assert quoted.index('<a class="mention mention-pers" href="/entities/n2"') < quoted.index("</mark>")
    # every piece's parts add up to the piece: nothing lost or doubled
    for block in blocks:
        assert "".join(p.text for p in block.pieces) == block.text
        for piece in block.pieces:
            assert "".join(part.text for part in piece.parts) == piece.text
