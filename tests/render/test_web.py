"""The web edition in headless Chromium: contents links, search filter, permalinks, keyboard, accessibility."""

from __future__ import annotations

import functools
import http.server
import threading
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from ..browser import chromium, run_axe
from ..conftest import edition_file


@pytest.fixture(scope="module")
def driver():
    d = chromium()
    d.set_script_timeout(60)
    yield d
    d.quit()


@pytest.fixture(scope="module")
def static_server(built):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(built / "build"))
    handler.log_message = lambda *a: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(params=["file", "http"])
def page_url(request, built, static_server):
    path = edition_file(built, "2024-09", "html")
    if request.param == "file":
        return path.as_uri()
    return f"{static_server}/2024-09/{path.name}"


def _wait(predicate, timeout=10.0):
    end = time.time() + timeout
    while time.time() < end:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def _visible_items(driver) -> int:
    return driver.execute_script(
        "return Array.prototype.filter.call(document.querySelectorAll('.item'),"
        " function (e) { return e.offsetParent !== null; }).length;"
    )


def _top(driver, element_id) -> float:
    return driver.execute_script(f"return document.getElementById({element_id!r}).getBoundingClientRect().top;")


def test_contents_entry_moves_to_its_heading(driver, page_url, artifacts):
    driver.get(page_url)
    link = driver.find_element(By.CSS_SELECTOR, '.sidebar a[href="#cd-ta-ic-2024"]')
    link.click()
    assert _wait(lambda: driver.execute_script("return location.hash") == "#cd-ta-ic-2024")
    assert _wait(lambda: 0 <= _top(driver, "cd-ta-ic-2024") < 80)
    assert driver.execute_script("return window.scrollY") > 1000
    driver.save_screenshot(str(artifacts / f"web-contents-click-{page_url.split(':')[0]}.png"))


def test_search_box_filters_items_as_you_type(driver, page_url, artifacts, built):
    import json

    data = json.loads(edition_file(built, "2024-09", "json").read_text())
    items = [i for p in data["parts"] for s in p["sections"] for i in s["items"]]
    with_env = sum(
        1 for i in items if "environment" in (i["text"] + " ".join(x["text"] for x in i.get("sub_items", []))).lower()
    )
    driver.get(page_url)
    total = _visible_items(driver)
    assert total == 74
    box = driver.find_element(By.ID, "filter")
    box.send_keys("focal points")
    assert _wait(lambda: 0 < _visible_items(driver) < total)
    shown = driver.execute_script(
        "return Array.prototype.filter.call(document.querySelectorAll('.item'), function (e) {"
        " return e.offsetParent !== null; }).map(function (e) { return e.textContent.toLowerCase(); });"
    )
    assert all("focal" in t and "points" in t for t in shown)
    assert driver.find_element(By.ID, "filter-status").text == f"{len(shown)} of 74 items match"
    driver.save_screenshot(str(artifacts / f"web-search-{page_url.split(':')[0]}.png"))
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.DELETE)
    assert _wait(lambda: _visible_items(driver) == total)
    box.send_keys("ÉNVIRONMENT")  # accents and case do not matter
    assert with_env == 3 and _wait(lambda: _visible_items(driver) == with_env)


def test_a_permalink_opens_at_its_item(driver, page_url, artifacts):
    driver.get(page_url + "#wg7-2024-r13")
    assert _wait(lambda: 20 <= _top(driver, "wg7-2024-r13") < 200)  # below the top, with room above it
    item = driver.find_element(By.ID, "wg7-2024-r13")
    link = item.find_element(By.CSS_SELECTOR, "a.permalink")
    assert link.get_attribute("href").endswith("#wg7-2024-r13")
    assert driver.execute_script("return getComputedStyle(arguments[0]).borderLeftColor", item) != "rgba(0, 0, 0, 0)"
    driver.save_screenshot(str(artifacts / f"web-permalink-{page_url.split(':')[0]}.png"))


def test_keyboard_only_skip_link_and_visible_focus(driver, page_url):
    driver.get(page_url)
    body = driver.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    active = driver.switch_to.active_element
    assert active.get_attribute("class") == "skip-link"
    outline = driver.execute_script("return getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    active.send_keys(Keys.ENTER)
    assert _wait(lambda: driver.execute_script("return document.activeElement.id") == "main")
    # Tab from the search box goes through the filters, then reaches a link in the body
    driver.find_element(By.ID, "filter").send_keys(Keys.TAB)
    assert driver.switch_to.active_element.get_attribute("id") == "filter-part"
    for _ in range(10):
        if driver.switch_to.active_element.tag_name == "a":
            break
        driver.switch_to.active_element.send_keys(Keys.TAB)
    assert driver.switch_to.active_element.tag_name == "a"


def test_no_accessibility_violations(driver, built):
    driver.get(edition_file(built, "2024-09", "html").as_uri())
    violations = run_axe(driver)
    assert violations == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in violations]


def test_downloads_and_edition_switcher(driver, built, static_server, artifacts):
    driver.get(f"{static_server}/2024-09/{edition_file(built, '2024-09', 'html').name}")
    hrefs = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, ".downloads a")]
    assert any(h.endswith("2024-09.pdf") for h in hrefs) and any(h.endswith("2024-09.docx") for h in hrefs)
    driver.get(f"{static_server}/2024-09/{edition_file(built, '2024-09', 'html').name}#wg4-2022-r14")
    switcher = driver.find_element(By.ID, "edition-switcher")
    switcher.send_keys(Keys.ARROW_UP)  # choosing with the arrow keys does not navigate (WCAG 3.2.2)
    assert driver.execute_script("return arguments[0].value", switcher).endswith("2024-04.html")
    assert "/2024-09/" in driver.current_url
    driver.find_element(By.ID, "edition-go").click()
    assert _wait(
        lambda: driver.current_url.endswith("/2024-04/untoc-review-mechanism-compilation-2024-04.html#wg4-2022-r14")
    )  # the same place in the other edition
    assert "April 2024" in driver.find_element(By.CLASS_NAME, "site-edition").text
    driver.save_screenshot(str(artifacts / "web-april-edition.png"))
    driver.back()  # the page comes back showing its own edition in the switcher
    assert _wait(lambda: "/2024-09/" in driver.current_url)
    assert _wait(
        lambda: driver.execute_script("return document.getElementById('edition-switcher').value").endswith(
            "2024-09.html"
        )
    )


def test_print_stylesheet_hides_navigation(driver, built):
    driver.get(edition_file(built, "2024-09", "html").as_uri())
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        display = driver.execute_script("return getComputedStyle(document.querySelector('.sidebar')).display")
        assert display == "none"
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_related_agreed_language_is_folded_links_work_and_keyboard_reaches_it(driver, built, artifacts):
    driver.get(edition_file(built, "2024-09", "html").as_uri())
    item = driver.find_element(By.ID, "wg4-2022-r14")
    details = item.find_element(By.CSS_SELECTOR, "details.related")
    assert details.get_attribute("open") is None  # folded by default
    first = details.find_element(By.CSS_SELECTOR, "li a")
    assert not first.is_displayed()
    summary = details.find_element(By.TAG_NAME, "summary")
    assert summary.text.startswith("Related agreed language")
    # keyboard: from the section heading's link, Tab reaches the summary; Enter unfolds it
    driver.execute_script("arguments[0].focus();", driver.find_element(By.CSS_SELECTOR, "#wg4-2022 h4 a"))
    summary_focused = False
    for _ in range(6):
        driver.switch_to.active_element.send_keys(Keys.TAB)
        if driver.switch_to.active_element == summary:
            summary_focused = True
            break
    assert summary_focused
    summary.send_keys(Keys.ENTER)
    assert details.get_attribute("open") is not None
    assert first.is_displayed() and first.text == "Recommendation 13, Working Group on the Smuggling of Migrants, 2022"
    assert "almost the same wording" in details.text
    diff = details.find_element(By.CSS_SELECTOR, "details.related-diff")
    diff.find_element(By.TAG_NAME, "summary").click()
    assert _wait(lambda: diff.find_elements(By.CSS_SELECTOR, ".diff del"))  # made when unfolded (the toggle event)
    removed = " ".join(d.get_attribute("textContent") for d in diff.find_elements(By.CSS_SELECTOR, ".diff del"))
    assert " ".join(removed.replace(",", " ").split()) == "if they have not done so"  # only in this item
    assert not diff.find_elements(By.CSS_SELECTOR, ".diff ins")  # nothing only in the other one
    driver.save_screenshot(str(artifacts / "web-related-open.png"))
    first.click()
    assert _wait(lambda: driver.execute_script("return location.hash") == "#wg7-2022-r13")
    assert _wait(lambda: 0 <= _top(driver, "wg7-2022-r13") < 200)
    violations = run_axe(driver)  # with the list and a difference unfolded
    assert violations == [], [v["id"] for v in violations]


def test_search_highlights_phrases_folds_quotes_finds_headings_and_keeps_the_query_in_the_address(
    driver, static_server, built
):
    url = f"{static_server}/2024-09/{edition_file(built, '2024-09', 'html').name}"
    driver.get(url)
    box = driver.find_element(By.ID, "filter")
    box.send_keys("“focal points”")  # a phrase typed in curly quotes
    assert _wait(lambda: "items match" in driver.find_element(By.ID, "filter-status").text)
    marks = driver.execute_script(
        "return Array.prototype.map.call(document.querySelectorAll('.item:not([hidden]) mark'),"
        " function (m) { return m.textContent; });"
    )
    assert marks and {m.lower() for m in marks} == {"focal points"}
    assert "?q=" in driver.current_url and "focal" in driver.current_url
    hidden_contents = driver.execute_script("return document.querySelectorAll('.sidebar li[hidden]').length;")
    assert hidden_contents > 0  # the contents list follows the items
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("CTOC/COP/WG.4/2022/4")  # a report symbol finds its section's items
    assert _wait(lambda: driver.find_element(By.ID, "filter-status").text == "1 of 74 items match")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys('"RevMod"')  # straight quotes find the text's curly ones' word
    assert _wait(lambda: driver.find_element(By.ID, "filter-status").text == "1 of 74 items match")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("zzzunfindable")
    assert _wait(lambda: driver.find_element(By.ID, "filter-status").text.startswith("0 of 74 items match"))
    assert "Try fewer words" in driver.find_element(By.ID, "filter-status").text
    driver.get(url.split("#")[0] + "?q=" + "firearms")  # a shared search opens with its results
    assert _wait(lambda: driver.find_element(By.ID, "filter").get_attribute("value") == "firearms")
    assert _wait(lambda: "items match" in driver.find_element(By.ID, "filter-status").text)


def test_items_can_be_cited_by_keyboard_with_their_label_or_paragraph(driver, built, artifacts):
    driver.get(edition_file(built, "2024-09", "html").as_uri() + "#cd-ta-ic-2024-o45")
    item = driver.find_element(By.ID, "cd-ta-ic-2024-o45")
    assert item.find_element(By.CSS_SELECTOR, ".item-label").text == "Paragraph 45"  # the summary's number
    assert _wait(lambda: 20 < _top(driver, "cd-ta-ic-2024-o45") < 200)  # below the top, not flush with it
    link = item.find_element(By.CSS_SELECTOR, ".permalink")
    assert link.is_displayed()  # visible without hovering, so touch and keyboard users have it
    buttons = item.find_elements(By.CSS_SELECTOR, ".cite-tools button")
    assert [b.text for b in buttons] == ["Copy link", "Copy citation"]
    buttons[1].send_keys(Keys.ENTER)  # reachable and usable by keyboard
    expected = (
        "Summary by the Co-Chairs, Joint Constructive Dialogue on Technical Assistance and International "
        "Cooperation, 2024, paragraph 45"
    )
    assert _wait(
        lambda: driver.find_element(By.CSS_SELECTOR, ".cite-status").text == f"Copied the citation: {expected}"
    )
    recommendation = driver.find_element(By.ID, "wg3-2023-rm")
    assert recommendation.get_attribute("data-citation") == "CTOC/COP/WG.3/2023/4, recommendation (m)"
    driver.save_screenshot(str(artifacts / "web-cite.png"))
    violations = run_axe(driver)
    assert violations == [], [v["id"] for v in violations]
