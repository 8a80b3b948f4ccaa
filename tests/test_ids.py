from akhbar.ids import article_id, canonical_url, event_id, story_id


def test_canonical_url_drops_tracking_fragment_and_www() -> None:
    assert (
        canonical_url("HTTP://www.Example.com/news/1/?utm_source=x&b=2&a=1#top") == "https://example.com/news/1?a=1&b=2"
    )


def test_canonical_url_unifies_percent_encoding_of_arabic_paths() -> None:
    encoded = "http://aawsat.com/home/article/1/%D8%A8%D8%B1%D9%8A%D8%B7%D8%A7%D9%86%D9%8A%D8%A7"
    raw = "http://aawsat.com/home/article/1/بريطانيا"
    assert canonical_url(encoded) == canonical_url(raw)


# Literal values: ids are stored in users' databases, so a change here breaks them and must be deliberate.
def test_article_id_from_url_is_pinned() -> None:
    assert article_id("http://www.example.com/a/?utm_source=x&b=2#f", "ignored") == "a3a6aaf45174888dd"
    assert article_id("https://example.com/a?b=2", "other text") == "a3a6aaf45174888dd"


def test_article_id_without_url_uses_outlet_and_normalized_text() -> None:
    plain = article_id(None, "قال الرئيس", "outlet")
    assert plain == "a0a854a47bb3f5275"
    # diacritics and tatweel do not change the id; the outlet does
    assert article_id(None, "قال\u064e الرئ\u0640\u0640\u0640يس", "outlet") == plain
    assert article_id(None, "قال الرئيس", "other") != plain


def test_story_and_event_ids_are_pinned() -> None:
    assert story_id("a3a6aaf45174888dd") == "s3394d25e5aa74f90"
    assert event_id("a3a6aaf45174888dd").startswith("e")
    assert len(event_id("x")) == 17
