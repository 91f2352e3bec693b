"""The web edition as delegates use it, in headless Chromium at 390x844 (a phone) and 1280x900 (a laptop):
the contents as a menu, tap targets, filters, what is new, editions, reading comfort, dark mode."""

from __future__ import annotations

import time

import pytest
from selenium.webdriver.common.by import By

from ..browser import chromium, run_axe
from ..conftest import edition_file

PHONE = (390, 844)
LAPTOP = (1280, 900)

# WCAG 2.5.5 (target size, enhanced): what a finger must hit. axe-core 4.4 (bundled) has no
# target-size rule, so the page is measured here: every control outside running text.
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


@pytest.fixture(scope="module")
def browser():
    d = chromium(*LAPTOP)
    d.set_script_timeout(60)
    yield d
    d.quit()


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
def phone(browser):
    return _size(browser, PHONE)


@pytest.fixture
def laptop(browser):
    return _size(browser, LAPTOP)


def _wait(predicate, timeout=10.0):
    end = time.time() + timeout
    while time.time() < end:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def _url(built, edition="2024-09", rest=""):
    return edition_file(built, edition, "html").as_uri() + rest


def _top(driver, selector) -> float:
    return driver.execute_script(f"return document.querySelector({selector!r}).getBoundingClientRect().top")


def _shown(driver, selector=".item") -> list[str]:
    return driver.execute_script(
        f"return Array.from(document.querySelectorAll({selector!r})).filter(e => e.offsetParent !== null).map(e => e.id)"
    )


def test_on_a_phone_search_is_on_the_first_screen_and_the_contents_are_a_menu(phone, built, artifacts):
    phone.get(_url(built))
    width = phone.execute_script("return document.documentElement.clientWidth")
    assert width == PHONE[0] and phone.execute_script("return document.documentElement.scrollWidth") <= width
    assert _top(phone, "#filter") + 40 < PHONE[1]  # the search box, whole, on the first screen
    assert _top(phone, "#guidance-h") < 1.2 * PHONE[1]
    toc = phone.find_element(By.ID, "toc")
    assert not toc.is_displayed()  # folded away: not 1,000 px of links before the text
    toggle = phone.find_element(By.ID, "toc-toggle")
    assert toggle.get_attribute("aria-expanded") == "false"
    phone.execute_script("window.scrollTo(0, 4000)")
    assert abs(_top(phone, "#toc-toggle") - _top(phone, ".phone-bar") - 4) < 8 and _top(phone, ".phone-bar") == 0
    toggle.click()  # sticky: reachable from anywhere
    assert toc.is_displayed() and toggle.get_attribute("aria-expanded") == "true"
    phone.save_screenshot(str(artifacts / "web-phone-contents.png"))
    phone.find_element(By.CSS_SELECTOR, "#toc a[href='#cd-ta-ic-2024']").click()
    assert _wait(lambda: not toc.is_displayed())  # following a link closes the menu
    assert _wait(lambda: 0 <= _top(phone, "#cd-ta-ic-2024") < PHONE[1] / 2)  # lands on the heading, not under the bar
    assert _top(phone, "#cd-ta-ic-2024-h") >= phone.find_element(By.CSS_SELECTOR, ".phone-bar").size["height"] - 1


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
        and notice.text == "A newer edition of this compilation exists: the September 2024 edition."
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


def test_dark_mode_follows_the_system_and_keeps_contrast(browser, built, artifacts):
    d = _size(browser, LAPTOP, dark=True)
    d.get(_url(built))
    background = d.execute_script("return getComputedStyle(document.documentElement).backgroundColor")
    assert background == "rgb(18, 20, 23)"
    d.save_screenshot(str(artifacts / "web-dark.png"))
    violations = run_axe(d)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations]


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
]


def test_the_page_and_compiler_find_find_the_same_items(laptop, built, real_content):
    """One specification, two implementations (search.py and web.js): the same items for each query."""
    from compiler.model.select import select
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


def test_on_a_phone_search_filters_and_citing_work_as_on_a_laptop(phone, built):
    phone.get(_url(built, rest="?q=%22focal+points%22&part=a"))
    shown = _shown(phone)
    assert shown and all(not i.startswith("cd-") for i in shown)
    assert phone.find_elements(By.CSS_SELECTOR, "mark.hit")
    item = phone.find_element(By.ID, shown[0])
    buttons = item.find_elements(By.CSS_SELECTOR, ".cite-tools button")
    assert [b.text for b in buttons] == ["Copy link", "Copy citation"]
    buttons[1].click()
    citation = item.get_attribute("data-citation")
    assert _wait(lambda: phone.find_element(By.CSS_SELECTOR, ".cite-status").text == f"Copied the citation: {citation}")
