"""The web edition in headless Chromium: contents links, search and filters, permalinks, citing, editions,
keyboard, accessibility; and as delegates use it, on a phone (390x844) and a laptop (1280x900)."""

from __future__ import annotations

import functools
import http.server
import threading
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from ..browser import fresh, run_axe
from ..conftest import edition_file


@pytest.fixture(scope="module")
def driver(chromium_browser):
    yield chromium_browser  # made fresh for each test by plain_browser
    fresh(chromium_browser)


@pytest.fixture(autouse=True)
def plain_browser(driver):
    """Each test starts on a blank page at the browser's own size, in light mode (the phone tests change them)."""
    fresh(driver)


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
    """The September page from the file system and from a web server (the address and history differ)."""
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


def test_contents_entry_moves_to_its_heading(driver, built, artifacts):
    page_url = edition_file(built, "2024-09", "html").as_uri()
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


def test_keyboard_only_skip_link_and_visible_focus(driver, built):
    driver.get(edition_file(built, "2024-09", "html").as_uri())
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
    violations = run_axe(driver, include=["#wg4-2022-r14"])  # the item, its list and a difference unfolded
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
    violations = run_axe(driver, include=["#cd-ta-ic-2024-o45", ".cite-status"])  # the page as a whole: above
    assert violations == [], [v["id"] for v in violations]


# -- as delegates use it: a phone (390x844) and a laptop (1280x900), by Chrome's device emulation
# (one browser for the whole file: each test below sets the size it needs; those above get the
# browser's own 1280x900 back) ----------------------------------------------------------------

PHONE = (390, 844)
LAPTOP = (1280, 900)

# WCAG 2.5.5 (target size, enhanced): what a finger must hit. axe-core's target-size rule checks
# WCAG 2.5.8's 24 px only (and is off by default), so the page is measured here: every control
# outside running text.
TARGETS = """
var out = [];
document.querySelectorAll('button, select, input, summary, .sidebar a, .downloads a, .permalink, .phone-bar a,'
  + ' details.related li a').forEach(function (el) {
  var r = el.getBoundingClientRect();
  if (!r.width || !r.height || el.closest('[hidden]')) { return; }
  var box = el.type === 'checkbox' ? el.closest('label').getBoundingClientRect() : r;
  if (box.height < 44 - 0.5 || box.width < 24) { out.push([el.tagName, el.className, el.id, box.width, box.height]); }
});
return out;
"""


def _size(d, size, dark=False):
    """Make the one browser a phone or a laptop (Chrome's device emulation), in light or dark mode."""
    d.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": size[0] < 600},
    )
    scheme = [{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}]
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": scheme})
    d.get("about:blank")  # the next page loads afresh at this size
    return d


@pytest.fixture
def phone(driver):
    return _size(driver, PHONE)


@pytest.fixture
def laptop(driver):
    return _size(driver, LAPTOP)


def _url(built, edition="2024-09", rest=""):  # the page from the file system
    return edition_file(built, edition, "html").as_uri() + rest


def _top_of(driver, selector) -> float:
    return driver.execute_script(f"return document.querySelector({selector!r}).getBoundingClientRect().top")


def _shown(driver, selector=".item") -> list[str]:
    return driver.execute_script(
        f"return Array.from(document.querySelectorAll({selector!r})).filter(e => e.offsetParent !== null).map(e => e.id)"
    )


def test_on_a_phone_search_is_on_the_first_screen_and_the_contents_are_a_menu(phone, built, artifacts):
    phone.get(_url(built))
    width = phone.execute_script("return document.documentElement.clientWidth")
    assert width == PHONE[0] and phone.execute_script("return document.documentElement.scrollWidth") <= width
    assert _top_of(phone, "#filter") + 40 < PHONE[1]  # the search box, whole, on the first screen
    assert _top_of(phone, "#guidance-h") < 1.2 * PHONE[1]
    toc = phone.find_element(By.ID, "toc")
    assert not toc.is_displayed()  # folded away: not 1,000 px of links before the text
    toggle = phone.find_element(By.ID, "toc-toggle")
    assert toggle.get_attribute("aria-expanded") == "false"
    phone.execute_script("window.scrollTo(0, 4000)")
    assert (
        abs(_top_of(phone, "#toc-toggle") - _top_of(phone, ".phone-bar") - 4) < 8 and _top_of(phone, ".phone-bar") == 0
    )
    toggle.click()  # sticky: reachable from anywhere
    assert toc.is_displayed() and toggle.get_attribute("aria-expanded") == "true"
    phone.save_screenshot(str(artifacts / "web-phone-contents.png"))
    phone.find_element(By.CSS_SELECTOR, "#toc a[href='#cd-ta-ic-2024']").click()
    assert _wait(lambda: not toc.is_displayed())  # following a link closes the menu
    assert _wait(
        lambda: 0 <= _top_of(phone, "#cd-ta-ic-2024") < PHONE[1] / 2
    )  # lands on the heading, not under the bar
    assert _top_of(phone, "#cd-ta-ic-2024-h") >= phone.find_element(By.CSS_SELECTOR, ".phone-bar").size["height"] - 1


def test_on_a_phone_every_control_is_a_44px_target_and_axe_is_clean(phone, built, artifacts):
    phone.get(_url(built))
    phone.find_element(By.ID, "toc-toggle").click()  # the menu's links too
    assert phone.execute_script(TARGETS) == []
    phone.find_element(By.ID, "toc-toggle").click()
    phone.save_screenshot(str(artifacts / "web-phone.png"))
    violations = run_axe(phone)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations]


def test_filters_by_part_year_and_body_narrow_items_and_contents_and_stay_in_the_address(laptop, built):
    laptop.get(_url(built))
    total = len(_shown(laptop))
    laptop.find_element(By.CSS_SELECTOR, "#filter-part option[value='b']").click()
    observations = _shown(laptop)
    assert observations and all(i.startswith("cd-") for i in observations) and len(observations) < total
    laptop.find_element(By.CSS_SELECTOR, "#filter-year option[value='2023']").click()
    body = "Constructive Dialogue on the Smuggling of Migrants"
    laptop.find_element(By.CSS_SELECTOR, f"#filter-body option[value='{body}']").click()
    shown = _shown(laptop)
    assert shown and all(i.startswith("cd-som-2023-") for i in shown)
    status = laptop.find_element(By.ID, "filter-status").text
    assert status == f"{len(shown)} of {total} items match"
    contents = _shown(laptop, ".sidebar li")
    links = [
        a.get_attribute("href").split("#")[1]
        for a in laptop.find_elements(By.CSS_SELECTOR, ".sidebar li a")
        if a.is_displayed()
    ]
    assert links == ["part-b", "cd-som-2023"] and len(contents) == 0 or links == ["part-b", "cd-som-2023"]
    url = laptop.current_url
    assert "part=b" in url and "year=2023" in url and "body=Constructive" in url
    laptop.get(url)  # a shared address opens the same view
    assert _shown(laptop) == shown
    laptop.find_element(By.ID, "filter").send_keys("nothing-like-this")
    assert "0 of" in laptop.find_element(By.ID, "filter-status").text
    assert "try All in a filter" in laptop.find_element(By.ID, "filter-status").text


def test_what_is_new_in_this_edition_is_marked_and_can_be_shown_alone(laptop, built):
    laptop.get(_url(built))
    marked = laptop.find_elements(By.CSS_SELECTOR, ".item[data-new]")
    assert len(marked) == 37  # April -> September 2024: eight new sections, 37 new items
    assert all(m.find_element(By.CSS_SELECTOR, ".new-badge").text == "New in this edition" for m in marked[:3])
    laptop.find_element(By.ID, "filter-new").click()
    assert len(_shown(laptop)) == 37 and "new=1" in laptop.current_url
    laptop.get(_url(built, "2024-04"))
    assert (
        laptop.find_elements(By.CSS_SELECTOR, ".item[data-new], #filter-new") == []
    )  # the first edition: nothing to mark


def test_an_older_edition_says_a_newer_one_exists_and_offers_it(laptop, built):
    laptop.get(_url(built, "2024-04", "#wg4-2022-r14"))
    notice = laptop.find_element(By.ID, "edition-notice")
    assert (
        notice.is_displayed()
        and notice.text
        == "You are reading the April 2024 edition; a newer edition of this compilation exists: the September 2024 edition."
    )
    link = notice.find_element(By.TAG_NAME, "a").get_attribute("href")
    assert link.endswith("2024-09/untoc-review-mechanism-compilation-2024-09.html#wg4-2022-r14")
    options = [(o.text, o.is_selected()) for o in laptop.find_elements(By.CSS_SELECTOR, "#edition-switcher option")]
    assert options == [("April 2024", True), ("September 2024", False)]
    laptop.get(_url(built, "2024-04", "#cd-ta-ic-2024-o45"))  # only in September
    notice = laptop.find_element(By.ID, "edition-notice")
    assert notice.text.startswith("This edition has no item “cd-ta-ic-2024-o45”. It may be in a later edition")
    assert notice.find_element(By.TAG_NAME, "a").get_attribute("href").endswith("2024-09.html#cd-ta-ic-2024-o45")
    laptop.get(_url(built, "2024-09"))
    assert not laptop.find_element(By.ID, "edition-notice").is_displayed()


def test_build_all_writes_an_index_of_the_editions_latest_first(laptop, built):
    laptop.get((built / "build" / "index.html").as_uri())
    links = laptop.find_elements(By.CSS_SELECTOR, ".edition-link")
    assert [a.text for a in links] == ["September 2024 edition", "April 2024 edition"]
    for a in laptop.find_elements(By.CSS_SELECTOR, ".editions-list a"):
        target = built / "build" / a.get_attribute("href").split("/build/", 1)[1]
        assert target.is_file(), target
    assert run_axe(laptop) == []


def test_reading_comfort_line_length_heading_scale_headings_per_item_and_landmarks(laptop, built):
    laptop.get(_url(built))
    per_line = laptop.execute_script(
        "var p = document.querySelector('#wg4-2022-r14 .item-text'); var range = document.createRange();"
        "range.selectNodeContents(p); var tops = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));"
        "return p.textContent.length / tops.size;"
    )
    assert 55 <= per_line <= 80, per_line
    sizes = laptop.execute_script(
        "return ['html', 'h2.part-heading', 'h3', 'h4'].map(s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize))"
    )
    body, h2, h3, h4 = sizes
    assert h2 > h3 > h4 >= 1.12 * body, sizes
    items = laptop.find_elements(By.CSS_SELECTOR, "article.item")
    assert len(laptop.find_elements(By.CSS_SELECTOR, "article.item > h5")) == len(items)
    landmarks = laptop.execute_script(
        "return document.querySelectorAll('header, nav, main, footer, search, [role=region],"
        " section[aria-labelledby], section[aria-label]').length"
    )
    assert landmarks <= 8, landmarks


def test_the_contents_mark_where_the_reader_is_on_a_wide_screen(laptop, built):
    laptop.get(_url(built, rest="#cd-som-2023"))
    assert _wait(
        lambda: (
            laptop.execute_script(
                "var a = document.querySelector('.sidebar a[aria-current]'); return a && a.getAttribute('href')"
            )
            == "#cd-som-2023"
        )
    )
    assert (
        laptop.find_element(By.ID, "toc").is_displayed() and not laptop.find_element(By.ID, "toc-toggle").is_displayed()
    )


def test_dark_mode_follows_the_system_and_keeps_contrast(driver, built, artifacts):
    d = _size(driver, LAPTOP, dark=True)
    d.get(_url(built))
    background = d.execute_script("return getComputedStyle(document.documentElement).backgroundColor")
    assert background == "rgb(18, 20, 23)"
    d.save_screenshot(str(artifacts / "web-dark.png"))
    violations = run_axe(d, rules=["color-contrast", "link-in-text-block"])  # what dark mode can break
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations]
    # light mode at this size: every rule, test_no_accessibility_violations


QUERIES = [
    '"focal points"',
    '"focal point"',
    "“Placeholder Handbook”",
    "firearms",
    "CTOC/COP/WG.4/2022/4",
    "2023 smuggling",
    "Rohr",
    "Sánchez",
    "sanchez",
    "paragraph 45",
    "traffick",
    "RevMod",
    "revmod",
    # punctuation alone, quotes left open or empty, single quotes: the same rule in both
    "(a)",
    '"(a)"',
    "(b) (c)",
    "—",
    "-",
    '"',
    '""',
    '"focal',
    'focal"',
    "'focal points'",
    '"organ"',
    '"organi"',
    "organi",
    '"focal points" (b)',
    "States parties'",
    "?",
    "1.",
    "#",
    "copy",
    "observation",
]


def test_the_page_and_compiler_find_find_the_same_items(laptop, built, real_content):
    """One specification, two implementations (search.py and web.js): the same items for each query."""
    from compiler.content.select import select
    from compiler.search import Query, find

    doc = select(real_content, "2024-09")
    laptop.get(_url(built))
    box = laptop.find_element(By.ID, "filter")
    for query in QUERIES:
        expected = [h.id for h in find(doc, Query.parse(query))]
        laptop.execute_script(
            "var box = arguments[0]; box.value = arguments[1]; box.dispatchEvent(new Event('input'));", box, query
        )
        assert _shown(laptop) == expected, query
    assert len([h for h in find(doc, Query.parse("Rohr"))]) == 8  # the joint dialogue's Co-Chair: its observations
    # what the rule means, for both: punctuation finds punctuation; a quoted word is whole; buttons are not text
    with_a = [i.id for i in doc.items() if any(si.label == "(a)" for si in i.sub_items)]
    assert [h.id for h in find(doc, Query.parse("(a)"))] == with_a and len(with_a) == 2
    assert find(doc, Query.parse('"organi"')) == [] and find(doc, Query.parse("organi"))
    assert find(doc, Query.parse("copy")) == [] and find(doc, Query.parse("#")) == []
    assert [h.id for h in find(doc, Query.parse('"focal'))] == [h.id for h in find(doc, Query.parse("focal"))]


@pytest.mark.parametrize("edition", ["2024-04", "2024-09"])
def test_what_differs_in_the_page_is_the_word_diff_of_compiler_related(laptop, built, real_content, edition):
    """Every related pair of both editions: the page's "What differs" equals changes/words.py's word diff."""
    from compiler.model import Run
    from compiler.related import edition_related, item_text
    from compiler.text.words import word_diff
    from compiler.workflows.editions import edition_document

    doc = edition_document(real_content, edition)  # as the page was made: from the issued record
    items = {i.id: i for i in doc.items()}
    laptop.get(_url(built, edition))
    shown = laptop.execute_async_script(
        """var done = arguments[arguments.length - 1];
        var all = Array.from(document.querySelectorAll("details.related-diff"));
        all.forEach(function (d) { d.closest("details.related").open = true; d.open = true; });
        setTimeout(function () {
          done(all.map(function (d) {
            var li = d.closest("li");
            return [li.closest(".item").id, li.querySelector("a").getAttribute("href").slice(1),
                    Array.from(d.querySelector(".diff").childNodes).map(function (n) {
                      return [n.nodeType === 3 ? "equal" : n.nodeName === "INS" ? "insert" : "delete", n.textContent];
                    })];
          }));
        }, 200);"""
    )
    related = edition_related(doc)
    expected = [
        [
            mine,
            other,
            [[op.kind, op.text] for op in word_diff((Run(item_text(items[mine])),), (Run(item_text(items[other])),))],
        ]
        for mine in items
        for other, _ in related[mine]
    ]
    assert len(shown) == len(expected) and len(shown) > (20 if edition == "2024-04" else 100)
    assert shown == expected


def test_on_a_phone_search_filters_and_citing_work_as_on_a_laptop(phone, built):
    phone.get(_url(built, rest="?q=%22focal+points%22&part=a"))
    shown = _shown(phone)
    assert shown and all(not i.startswith("cd-") for i in shown)
    assert phone.find_elements(By.CSS_SELECTOR, "mark.hit")
    item = phone.find_element(By.ID, shown[0])
    buttons = item.find_elements(By.CSS_SELECTOR, ".cite-tools button")
    assert [b.text for b in buttons] == ["Copy link", "Copy citation"]
    buttons[1].click()
    assert shown[0] == "wg4-2022-r14"  # the first focal-points recommendation, in its report of 2022
    citation = "CTOC/COP/WG.4/2022/4, recommendation 14"
    assert _wait(lambda: phone.find_element(By.CSS_SELECTOR, ".cite-status").text == f"Copied the citation: {citation}")


def test_an_index_older_than_the_page_is_not_used(laptop, built, tmp_path):
    """build/editions.js written before this edition existed: the page keeps its own switcher, says nothing."""
    import shutil

    root = tmp_path / "build"
    shutil.copytree(built / "build", root)
    index = (root / "editions.js").read_text(encoding="utf-8")
    stale = index.replace('"id": "2024-09"', '"id": "2024-08"')
    assert stale != index
    (root / "editions.js").write_text(stale, encoding="utf-8")
    laptop.get((root / "2024-09" / edition_file(built, "2024-09", "html").name).as_uri())
    options = [(o.text, o.is_selected()) for o in laptop.find_elements(By.CSS_SELECTOR, "#edition-switcher option")]
    assert options == [("April 2024", False), ("September 2024", True)]
    assert not laptop.find_element(By.ID, "edition-notice").is_displayed()
