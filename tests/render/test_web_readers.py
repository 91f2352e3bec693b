"""Reader defects delegates found (issue 26), each tested where it was seen: an older edition opened at an item, a
related link the search hides, the phone's sticky bar, headings as screen readers hear them, the redline as a page
of the web edition, printing, Chairs' names, and the index of editions.

The site: the two published editions and a January 2025 draft that rewords one item and ends another, built with
`build --all` (which compares each edition with the one before, and the older ones with the latest).
"""

from __future__ import annotations

import base64
import json
import re

import pytest
from selenium.webdriver.common.by import By

from ..browser import fresh, run_axe
from ..changes_fixture import end_item
from ..conftest import copy_project, edition_file, reword, run_compiler
from ..pdfread import Pdf

PHONE, LAPTOP = (390, 844), (1280, 900)
A, B = "content/part-a", "content/part-b"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("site") / "project")
    assert run_compiler(root, "edition", "new", "2025-01", "January 2025").returncode == 0
    reword(
        root, f"{A}/2022-wg4-trafficking-in-persons.yaml", "wg4-2022-r14", "without undue delay", "without any delay"
    )
    end_item(root, f"{B}/2023-smuggling-of-migrants.yaml", "cd-som-2023-o6", "2024-09")
    result = run_compiler(root, "build", "--all")
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="module")
def browser(chromium_browser):
    yield fresh(chromium_browser)
    fresh(chromium_browser)


def _open(d, url: str, size=LAPTOP, dark=False):
    d.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": size == PHONE},
    )
    scheme = [{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}]
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": scheme})
    d.get("about:blank")
    d.get(url)
    return d


def _url(root, edition: str, rest: str = "") -> str:
    return edition_file(root, edition, "html").as_uri() + rest


def _in_view(d, element) -> bool:
    return d.execute_script(
        "var r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;",
        element,
    )


@pytest.mark.parametrize("size", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_an_older_edition_opened_at_an_item_warns_and_says_what_became_of_each_item(browser, site, size):
    d = _open(browser, _url(site, "2024-09", "#wg4-2022-r14"), size)
    notice = d.find_element(By.ID, "edition-notice")
    assert _in_view(d, notice) and "a newer edition of this compilation exists" in notice.text
    assert "the January 2025 edition" in notice.text
    item = d.find_element(By.ID, "wg4-2022-r14")
    assert _in_view(d, item.find_element(By.CSS_SELECTOR, ".item-label"))  # not under the notice or the bar
    revised = item.find_element(By.CSS_SELECTOR, ".in-latest")
    assert revised.text == "Revised in the January 2025 edition: see the difference"
    href = revised.find_element(By.TAG_NAME, "a").get_attribute("href")
    assert href.endswith("/changes/changes-2024-09-to-2025-01.html#wg4-2022-r14")
    redline = (site / "build" / "changes" / "changes-2024-09-to-2025-01.html").read_text(encoding="utf-8")
    assert 'id="wg4-2022-r14"' in redline and "<del>undue</del>" in redline
    gone = d.find_element(By.CSS_SELECTOR, "#cd-som-2023-o6 .in-latest").text
    assert gone == "Not in the January 2025 edition."
    same = d.find_element(By.CSS_SELECTOR, "#wg7-2022-r13 .in-latest")
    assert same.text == "Unchanged in the January 2025 edition: read it there"
    assert same.find_element(By.TAG_NAME, "a").get_attribute("href").endswith("2025-01.html#wg7-2022-r13")
    april = _open(browser, _url(site, "2024-04", "#wg4-2022-r14"), size)  # two editions back: against the latest
    assert "changes-2024-04-to-2025-01.html#wg4-2022-r14" in april.find_element(
        By.CSS_SELECTOR, "#wg4-2022-r14 .in-latest a"
    ).get_attribute("href")


def test_the_latest_edition_has_no_notice_and_links_its_comparison(browser, site):
    d = _open(browser, _url(site, "2025-01"))
    assert not d.find_element(By.ID, "edition-notice").is_displayed()
    assert not d.find_elements(By.CSS_SELECTOR, ".in-latest")
    links = {a.text: a.get_attribute("href") for a in d.find_elements(By.CSS_SELECTOR, ".downloads a")}
    assert links["Changes since September 2024"].endswith("/changes/changes-2024-09-to-2025-01.html")
    assert links["Word, tracked"].endswith("/changes/changes-2024-09-to-2025-01.docx")
    assert (site / "build" / "changes" / "changes-2024-09-to-2025-01.docx").is_file()


def test_a_related_link_to_an_item_the_search_hides_shows_it(browser, site):
    d = _open(browser, _url(site, "2025-01", "?q=nominate"))
    link = d.execute_script(
        """for (const a of document.querySelectorAll('.item:not([hidden]) details.related a')) {
             const t = document.getElementById(a.getAttribute('href').slice(1));
             if (t.closest('[hidden]')) { a.closest('details').open = true; return a; } }"""
    )
    target = link.get_attribute("href").split("#")[1]
    link.click()
    shown = d.find_element(By.ID, target)
    assert shown.is_displayed() and _in_view(d, shown.find_element(By.CSS_SELECTOR, ".item-text"))
    assert d.find_element(By.ID, "filter").get_attribute("value") == ""
    assert "cleared to show the item" in d.find_element(By.ID, "filter-status").text
    assert d.current_url.endswith("#" + target)


def test_on_a_phone_a_linked_section_shows_its_name_and_related_language_has_a_marker(browser, site):
    d = _open(browser, _url(site, "2025-01", "#wg4-2022"), PHONE)
    bar = d.execute_script("return document.querySelector('.phone-bar').getBoundingClientRect().bottom")
    heading = d.execute_script("return document.getElementById('wg4-2022-h').getBoundingClientRect().top")
    assert heading >= bar - 1, (heading, bar)
    marker = d.execute_script(
        "return getComputedStyle(document.querySelector('details.related > summary'), '::before').content"
    )
    assert marker == '"▸"'


def test_screen_readers_hear_an_items_heading_as_its_name_alone(browser, site):
    d = _open(browser, _url(site, "2025-01"))
    tree = d.execute_cdp_cmd("Accessibility.getFullAXTree", {})["nodes"]
    names = [
        n["name"]["value"]
        for n in tree
        if n.get("role", {}).get("value") == "heading"
        and any(p["name"] == "level" and p["value"]["value"] == 5 for p in n.get("properties", []))
    ]
    assert "Recommendation 14" in names and "Paragraph 45" in names and "Observation 1" in names
    assert not [n for n in names if "Copy" in n or "Link" in n or "#" in n]
    assert "Copy link" in d.find_element(By.CSS_SELECTOR, "#wg4-2022-r14 .item-tools").text  # still there, apart


def test_what_differs_never_shows_the_buttons(browser, site):
    d = _open(browser, _url(site, "2025-01"))
    texts = d.execute_async_script(
        """var done = arguments[arguments.length - 1];
        var all = Array.from(document.querySelectorAll('details.related-diff'));
        all.forEach(function (x) { x.closest('details.related').open = true; x.open = true; });
        setTimeout(function () { done(all.map(function (x) { return x.querySelector('.diff').textContent; })); }, 200);"""
    )
    assert texts and not [t for t in texts if "Copy" in t or "#" in t]


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("size", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_the_redline_and_the_index_are_pages_of_the_web_edition(browser, site, size, dark):
    redline = (site / "build" / "changes" / "changes-2024-09-to-2025-01.html").as_uri()
    for url in (redline, (site / "build" / "index.html").as_uri()):  # the edition pages: tests/render/test_web.py
        d = _open(browser, url, size, dark)
        assert d.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1"), url
        violations = run_axe(d)
        assert violations == [], (url, [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations])


def test_the_index_of_editions_says_what_the_publication_and_each_format_are(browser, site):
    d = _open(browser, (site / "build" / "index.html").as_uri())
    intro = d.find_element(By.CSS_SELECTOR, ".intro").text
    assert intro.startswith("This compilation gathers, in one place, every recommendation on the Review Mechanism")
    formats = [dt.text for dt in d.find_elements(By.CSS_SELECTOR, ".formats dt")]
    assert formats == ["Web page", "PDF", "Word (DOCX)", "Data (JSON)", "Redline and tracked changes"]
    links = {a.get_attribute("href").split("/build/")[1] for a in d.find_elements(By.CSS_SELECTOR, ".edition-files a")}
    assert {"changes/changes-2024-09-to-2025-01.html", "changes/changes-2024-04-to-2024-09.docx"} <= links
    assert all((site / "build" / link).is_file() for link in links)


def _print(d, tmp_path) -> Pdf:
    data = d.execute_cdp_cmd("Page.printToPDF", {"printBackground": True})
    path = tmp_path / "print.pdf"
    path.write_bytes(base64.b64decode(data["data"]))
    return Pdf(path)


def test_printing_prints_what_the_page_shows_without_the_notice_or_highlights(browser, site, tmp_path):
    d = _open(browser, _url(site, "2024-09"))  # an older edition: its notice shows on screen
    assert d.find_element(By.ID, "edition-notice").is_displayed()
    whole = _print(d, tmp_path)
    assert "newer edition" not in whole.pages[0] and len(whole.pages) > 10
    d = _open(browser, _url(site, "2025-01", "?q=%22focal+points%22"))
    shown = len(d.execute_script("return Array.from(document.querySelectorAll('.item:not([hidden])'))"))
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    background = d.execute_script("return getComputedStyle(document.querySelector('mark.hit')).backgroundColor")
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert background == "rgba(0, 0, 0, 0)"
    results = _print(d, tmp_path)
    text = results.text
    assert len(results.pages) < 5 and "Guidance for Readers" not in text
    assert len(re.findall(r"focal points", text)) >= shown


def test_searching_a_chairs_name_shows_why_it_matched(browser, site):
    d = _open(browser, _url(site, "2025-01", "?q=Rohr"))
    shown = d.find_elements(By.CSS_SELECTOR, ".item:not([hidden])")
    assert shown and all(i.get_attribute("id").startswith("cd-ta-ic-2024-") for i in shown)
    chairs = d.find_element(By.CSS_SELECTOR, "#cd-ta-ic-2024 .chairs")
    assert chairs.is_displayed() and chairs.text == "Co-Chairs: Mr. Carlos Alberto Sánchez del Águila; Dr. Aldana Rohr"


def test_editions_json_lists_each_comparison_and_what_became_of_older_items(site):
    data = json.loads((site / "build" / "editions.json").read_text(encoding="utf-8"))
    latest, september, april = data["editions"]
    assert latest["changes"]["html"] == "changes/changes-2024-09-to-2025-01.html"
    assert september["in_latest"]["items"] == {"wg4-2022-r14": "revised", "cd-som-2023-o6": "removed"}
    assert april["in_latest"]["html"] == "changes/changes-2024-04-to-2025-01.html" and "changes" not in april
