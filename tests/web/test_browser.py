"""The pages in a real (headless) Chromium against a real server; screenshots go to tests/artifacts/."""

from __future__ import annotations

from typing import Any

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from .conftest import ARTIFACTS


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
    assert "لم تُستخرج بعد" in browser.find_element(By.CSS_SELECTOR, "section.entities").text
    # TODO(quotes stage): once quotes are extracted, assert the quote both seed articles carry is
    # shown once, with both outlets; until then the section says "not yet extracted".
    assert "لم تُستخرج بعد" in browser.find_element(By.CSS_SELECTOR, "section.quotes").text
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


def test_search_from_the_header(browser: Any, live_server: Any) -> None:
    browser.get(live_server.url + "/")
    box = browser.find_element(By.CSS_SELECTOR, "header .quick-search input")
    box.send_keys("بغداد" + Keys.ENTER)
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
    browser.set_window_size(1280, 1400)
