"""The pages in a real (headless) Chromium against a real server; screenshots go to tests/artifacts/."""

from __future__ import annotations

from typing import Any

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from .conftest import ARTIFACTS, NER_MODEL, needs_ner_model


def shoot(browser: Any, name: str, width: int = 1280) -> None:
    height = browser.execute_script("return Math.min(document.documentElement.scrollHeight, 4000)")
    browser.set_window_size(width, max(600, height))
    browser.save_screenshot(str(ARTIFACTS / f"{name}.png"))


def test_story_list_is_rtl(browser: Any, live_server: Any) -> None:
    browser.get(live_server.url + "/")
    html = browser.find_element(By.TAG_NAME, "html")
    assert html.get_attribute("dir") == "rtl" and html.get_attribute("lang") == "ar"
    assert browser.execute_script("return getComputedStyle(document.body).direction") == "rtl"
    cards = browser.find_elements(By.CSS_SELECTOR, ".story-card")
    assert len(cards) == 20
    # right-to-left: a card's title starts at its right edge
    title = cards[0].find_element(By.CSS_SELECTOR, "h2")
    box = browser.execute_script("return arguments[0].getBoundingClientRect().right", title)
    card = browser.execute_script("return arguments[0].getBoundingClientRect().right", cards[0])
    assert card - box < 30
    shoot(browser, "story-list")


def test_seed_story_shows_both_outlets_then_an_article(browser: Any, live_server: Any) -> None:
    browser.get(live_server.url + "/?source=outlet-000")
    browser.find_element(By.CSS_SELECTOR, ".story-card h2 a").click()
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("dir") == "rtl"
    shoot(browser, "story")
    outlets = {c.get_attribute("data-outlet") for c in browser.find_elements(By.CSS_SELECTOR, ".outlet-column")}
    assert {"outlet-000", "outlet-002"} <= outlets, outlets
    assert browser.find_elements(By.CSS_SELECTOR, ".timeline li")
    entities = browser.find_element(By.CSS_SELECTOR, "section.entities")
    assert ("لم تُستخرج بعد" in entities.text) != NER_MODEL.is_file()
    # the quote both seed articles carry (Kadhimi's tweet) is shown once, with both outlets' wordings
    quotes = browser.find_element(By.CSS_SELECTOR, "section.quotes")
    assert "لم تُستخرج بعد" not in quotes.text
    groups = [g for g in quotes.find_elements(By.CSS_SELECTOR, ".quote-group") if "الحوار الاستراتيجي" in g.text]
    assert len(groups) == 1, [g.text for g in groups]
    group = groups[0]
    assert group.find_element(By.CSS_SELECTOR, ".speaker").text == "الكاظمي"
    assert "تويتر" in group.find_element(By.CSS_SELECTOR, ".channel").text
    versions = group.find_elements(By.CSS_SELECTOR, ".quote-version")
    assert sorted(v.get_attribute("data-outlet") for v in versions) == ["outlet-000", "outlet-002"]
    for version in versions:
        assert "أكدنا العمل لمواصلة الحوار" in version.find_element(By.CSS_SELECTOR, "blockquote").text
    # reworded (العراقية / العراقي): flagged, and the differing word highlighted in each wording
    assert "reworded" in group.get_attribute("class")
    marked = {m.text for m in group.find_elements(By.CSS_SELECTOR, "blockquote mark.diff")}
    assert marked == {"العراقي", "العراقية"}, marked
    # side by side, right to left: the reference wording (first) is on the right
    first, second = (browser.execute_script("return arguments[0].getBoundingClientRect()", v) for v in versions)
    assert abs(first["top"] - second["top"]) < 2 and first["left"] > second["right"]
    browser.execute_script("arguments[0].scrollIntoView()", quotes)
    browser.save_screenshot(str(ARTIFACTS / "story-quotes.png"))
    column = browser.find_element(By.CSS_SELECTOR, '.outlet-column[data-outlet="outlet-002"]')
    link = column.find_element(By.CSS_SELECTOR, ".article-card h4 a")
    title = link.text
    link.click()
    assert browser.find_element(By.TAG_NAME, "h1").text == title
    details = browser.find_elements(By.CSS_SELECTOR, "details.removed")
    if details:
        assert details[0].get_attribute("open") is None  # removed text is folded away
        details[0].find_element(By.TAG_NAME, "summary").click()
        assert details[0].get_attribute("open") is not None
    shoot(browser, "article")


def test_a_quote_links_to_its_highlight_in_the_article(browser: Any, live_server: Any) -> None:
    browser.get(live_server.url + "/?source=outlet-000")
    browser.find_element(By.CSS_SELECTOR, ".story-card h2 a").click()
    group = next(
        g
        for g in browser.find_elements(By.CSS_SELECTOR, "section.quotes .quote-group")
        if "الحوار الاستراتيجي" in g.text
    )
    version = group.find_element(By.CSS_SELECTOR, '.quote-version[data-outlet="outlet-002"]')
    wording = version.find_element(By.CSS_SELECTOR, "blockquote").text
    version.find_element(By.CSS_SELECTOR, "a.in-article").click()
    anchor = browser.current_url.split("#", 1)[1]
    assert anchor.startswith("quote-")
    target = browser.find_element(By.ID, anchor)
    assert target.tag_name == "mark" and "quote-direct" in target.get_attribute("class")
    assert target.text == wording
    assert "الكاظمي" in target.get_attribute("title")
    assert browser.execute_script("return document.querySelector(':target') === arguments[0]", target)
    marks = browser.find_elements(By.CSS_SELECTOR, ".body mark.quote")
    assert any("quote-indirect" in m.get_attribute("class") for m in marks)
    listed = browser.find_elements(By.CSS_SELECTOR, ".article-quotes li")
    assert len(listed) >= len({m.get_attribute("id") for m in marks if m.get_attribute("id")})
    # marked quotes keep the right-to-left flow of their paragraph
    assert browser.execute_script("return getComputedStyle(arguments[0]).direction", target) == "rtl"
    shoot(browser, "article-quotes")


def test_search_from_the_header(browser: Any, live_server: Any) -> None:
    browser.get(live_server.url + "/")
    box = browser.find_element(By.CSS_SELECTOR, "header .quick-search input")
    box.send_keys("بغداد" + Keys.ENTER)
    # wait for the results page: the submit navigates, and a loaded machine can be slow
    WebDriverWait(browser, 20).until(lambda b: b.find_elements(By.CSS_SELECTOR, ".hit mark"))
    marks = [m.text for m in browser.find_elements(By.CSS_SELECTOR, ".hit mark")]
    assert "بغداد" in marks and ("ببغداد" in marks or "وبغداد" in marks)
    assert browser.find_element(By.CSS_SELECTOR, ".search-form input").get_attribute("value") == "بغداد"
    shoot(browser, "search")


def test_story_page_on_a_phone(browser: Any, live_server: Any) -> None:
    browser.set_window_size(390, 844)
    browser.get(live_server.url + "/?sort=largest")
    browser.find_element(By.CSS_SELECTOR, ".story-card h2 a").click()
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= 400  # the outlet columns scroll inside their box, not the page
    browser.save_screenshot(str(ARTIFACTS / "story-phone.png"))
    # the seed story's quote groups stack on a phone instead of widening the page
    browser.get(live_server.url + "/?source=outlet-000")
    browser.find_element(By.CSS_SELECTOR, ".story-card h2 a").click()
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 400
    first, second = browser.find_elements(By.CSS_SELECTOR, ".quote-group")[0].find_elements(
        By.CSS_SELECTOR, ".quote-version"
    )[:2]
    assert first.rect["y"] + first.rect["height"] <= second.rect["y"] + 1
    browser.execute_script("arguments[0].scrollIntoView()", first)
    browser.save_screenshot(str(ARTIFACTS / "story-quotes-phone.png"))
    browser.set_window_size(1280, 1400)


@needs_ner_model
def test_story_entities_link_to_an_entity_page_with_variants_roles_and_stories(browser: Any, live_server: Any) -> None:
    browser.get(live_server.url + "/?source=outlet-000")
    browser.find_element(By.CSS_SELECTOR, ".story-card h2 a").click()
    story_url = browser.current_url
    section = browser.find_element(By.CSS_SELECTOR, "section.entities")
    kinds = [g.get_attribute("data-kind") for g in section.find_elements(By.CSS_SELECTOR, ".entity-group")]
    assert kinds[0] == "PERS" and {"LOC", "PERS"} <= set(kinds)
    people = section.find_element(By.CSS_SELECTOR, '.entity-group[data-kind="PERS"]')
    assert "رئيس الوزراء العراقي" in people.text
    browser.execute_script("arguments[0].scrollIntoView()", section)
    browser.save_screenshot(str(ARTIFACTS / "story-entities.png"))
    link = next(a for a in people.find_elements(By.CSS_SELECTOR, "a.entity") if a.text == "مصطفى الكاظمي")
    link.click()
    assert browser.current_url.startswith(live_server.url + "/entities/n")
    assert browser.find_element(By.TAG_NAME, "h1").text == "مصطفى الكاظمي"
    assert "رئيس الوزراء العراقي" in [r.text for r in browser.find_elements(By.CSS_SELECTOR, ".roles li.role")]
    assert "الكاظمي" in [v.text for v in browser.find_elements(By.CSS_SELECTOR, ".variants li.variant")]
    stories = browser.find_elements(By.CSS_SELECTOR, ".story-timeline li")
    assert len(stories) == 1
    stories[0].find_element(By.TAG_NAME, "a").click()
    assert browser.current_url == story_url
    browser.back()
    shoot(browser, "entity")


@needs_ner_model
def test_article_highlights_mentions_by_kind_inside_and_outside_quotes(browser: Any, live_server: Any) -> None:
    browser.get(live_server.url + "/?source=outlet-002")
    browser.find_element(By.CSS_SELECTOR, ".story-card h2 a").click()
    column = browser.find_element(By.CSS_SELECTOR, '.outlet-column[data-outlet="outlet-002"]')
    column.find_element(By.CSS_SELECTOR, ".article-card h4 a").click()
    marks = browser.find_elements(By.CSS_SELECTOR, ".body .mention")
    assert marks
    kinds = {m.get_attribute("class").split()[1] for m in marks}
    assert {"mention-pers", "mention-loc"} <= kinds, kinds
    colours = {
        kind: browser.execute_script(
            "return getComputedStyle(document.querySelector('.body .' + arguments[0])).borderBottomColor", kind
        )
        for kind in ("mention-pers", "mention-loc")
    }
    assert colours["mention-pers"] != colours["mention-loc"]
    inside = browser.find_elements(By.CSS_SELECTOR, ".body mark.quote .mention")
    assert inside, "a name inside a quote is highlighted inside the quote's mark"
    biden = next(m for m in marks if m.text == "جو بايدن")
    assert biden.tag_name == "a" and "جو بايدن" in biden.get_attribute("title")
    assert "الرئيس الأميركي" in biden.get_attribute("title")
    assert browser.find_elements(By.CSS_SELECTOR, "section.article-entities a.entity")
    shoot(browser, "article-entities")
    biden.click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "جو بايدن"
