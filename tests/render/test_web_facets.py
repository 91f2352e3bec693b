"""The web edition of an edition with themes, in headless Chromium: each item's themes and what it asks, filters by
theme, addressee and strength, the index of themes, and results taken away as CSV or printed alone.

A file of its own (its own draft edition and browser), so that it runs beside the other web tests.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import time

import pytest
from selenium.webdriver.common.by import By

from ..browser import fresh, run_axe
from ..conftest import as_draft, copy_project, edition_file, run_compiler
from ..libreoffice import office
from ..pdfread import Pdf

PHONE, LAPTOP = (390, 844), (1280, 900)


@pytest.fixture(scope="module")
def draft(tmp_path_factory):
    """September 2024 as a draft: its items have themes and facets, and the edition an index of themes."""
    root = as_draft(copy_project(tmp_path_factory.mktemp("facets") / "project", themes=True))
    result = run_compiler(root, "build", "2024-09", "--format", "html")
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="module")
def downloads(tmp_path_factory):
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(chromium_browser, downloads):
    d = fresh(chromium_browser)
    d.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    yield d
    fresh(d)


@pytest.fixture
def page(browser, draft):
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    browser.get(edition_file(draft, "2024-09", "html").as_uri())
    return browser


def _shown(driver) -> list[str]:
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('.item')).filter(e => e.offsetParent !== null).map(e => e.id)"
    )


def _tick(driver, *themes: str) -> None:
    box = driver.find_element(By.ID, "filter-themes")
    if not box.get_attribute("open"):
        box.find_element(By.TAG_NAME, "summary").click()
    for key in themes:
        driver.find_element(By.CSS_SELECTOR, f"#filter-themes input[value='{key}']").click()


def test_each_item_says_its_themes_and_what_it_asks_in_one_line(page):
    line = page.find_element(By.CSS_SELECTOR, "#wg4-2022-r14 .facets").text
    assert line.startswith("Themes: Focal points and governmental experts, Timelines and country reviews")
    assert "Addressed to: States parties · Strength: urged · Condition: if they have not done so" in line
    negated = page.find_element(By.CSS_SELECTOR, "#cd-som-2023-o4 .facets").text
    assert "Strength: should (negated: not to)" in negated
    assert "Addressed to" not in page.find_element(By.CSS_SELECTOR, "#cd-tip-2024-o5 .facets").text  # none invented


def test_the_misses_are_found_by_a_theme_filter(page):
    total = len(_shown(page))
    _tick(page, "focal-points")
    focal = _shown(page)
    assert "wg7-2024-r13" in focal and len(focal) < total  # "a focal point", in a sub-item
    _tick(page, "focal-points", "funding")  # off again, and funding on
    funding = _shown(page)
    assert {"wg7-2023-r15", "wg2-2023-r4", "wg2-2023-r5", "wg2-2023-r2"} <= set(funding)
    assert "wg4-2022-r14" not in funding
    _tick(page, "gender-youth")  # several at once: either theme
    both = _shown(page)
    assert {"cd-fa-2024-o3", "cd-fa-2024-o4", "cd-som-2024-o3", "wg2-2024-r23"} <= set(both)
    assert set(funding) < set(both)
    assert "theme=funding" in page.current_url and "theme=gender-youth" in page.current_url
    page.get(page.current_url)  # a shared address opens the same view
    assert _shown(page) == both
    assert page.find_element(By.ID, "themes-chosen").text == "(2 chosen)"


def _found(draft, *args: str) -> list[str]:
    result = run_compiler(draft, "find", "--edition", "2024-09", *args, "--format", "json")
    assert result.returncode == 0, result.stderr
    return [h["id"] for h in json.loads(result.stdout)["hits"]]


def test_requests_to_the_secretariat_are_one_click_away_and_strength_is_at_least(page, draft):
    page.find_element(By.ID, "filter-secretariat").click()
    shown = _shown(page)
    assert shown == _found(draft, "--addressee", "the secretariat", "--addressee", "UNODC") and len(shown) == 6
    page.find_element(By.CSS_SELECTOR, "#filter-addressee option[value='']").click()
    page.find_element(By.CSS_SELECTOR, "#filter-strength option[value='2']").click()  # at least "urged"
    strong = _shown(page)
    assert strong == _found(draft, "--strength", "urged") and "cd-ta-ic-2024-o50" in strong  # shall ... urged


def test_an_index_theme_shows_its_items_in_one_click(page):
    index = page.find_element(By.ID, "themes-index")
    assert index.find_element(By.TAG_NAME, "h2").text == "Index of themes"
    page.find_element(By.CSS_SELECTOR, "#theme-corruption a.index-filter").click()
    assert _shown(page) == ["cd-tip-2023-o4", "cd-tip-2023-o5"]
    assert not index.is_displayed()  # the index is hidden with the rest while a filter narrows the page


def test_download_these_results_gives_the_csv_of_compiler_find(page, draft, downloads):
    _tick(page, "funding")
    page.find_element(By.ID, "download-csv").click()
    path = downloads / "untoc-review-mechanism-compilation-2024-09-results.csv"
    end = time.time() + 10
    while not path.exists() and time.time() < end:
        time.sleep(0.1)
    web = path.read_bytes().decode("utf-8")
    assert web.startswith("\ufeff")
    cli = run_compiler(draft, "find", "--edition", "2024-09", "--theme", "funding", "--format", "csv")
    assert cli.returncode == 0, cli.stderr
    web_rows = list(csv.reader(io.StringIO(web.lstrip("\ufeff"))))
    cli_rows = list(csv.reader(io.StringIO(cli.stdout.lstrip("\ufeff"))))
    assert web_rows[0] == cli_rows[0] and web_rows[0][-1] == "link"
    assert [r[:-1] for r in web_rows] == [r[:-1] for r in cli_rows]  # every column but the link's address
    assert all(w[-1].endswith(c[-1]) and w[-1].startswith("file:") for w, c in zip(web_rows[1:], cli_rows[1:]))
    assert len(web_rows) == 1 + len(_shown(page))


def test_the_csv_opens_in_libreoffice_calc_one_row_per_item(draft, tmp_path):
    cli = run_compiler(draft, "find", "--edition", "2024-09", "--theme", "focal-points", "--format", "csv")
    path = tmp_path / "focal.csv"
    path.write_text(cli.stdout, encoding="utf-8", newline="")
    [sheet] = office([("csv", path)], tmp_path)
    rows = sheet["rows"]
    assert rows[0][:3] == ["id", "citation", "part"] and len(rows[0]) == 15
    assert len(rows) == 1 + 11 and all(len(r) == 15 for r in rows)
    r14 = next(r for r in rows if r[0] == "wg4-2022-r14")
    assert r14[1] == "CTOC/COP/WG.4/2022/4, recommendation 14"
    assert r14[8].startswith("States parties, if they have not done so, are urged")  # commas and quotes kept whole
    assert r14[11] == "urged" and r14[13] == "if they have not done so"


def test_print_these_results_prints_only_the_items_shown(page, tmp_path):
    _tick(page, "corruption")
    page.execute_script("window.print = function () {};")  # the dialog cannot open headless; the page stays set
    page.find_element(By.ID, "print-results").click()
    pdf = page.execute_cdp_cmd("Page.printToPDF", {"printBackground": False})
    path = tmp_path / "results.pdf"
    path.write_bytes(base64.b64decode(pdf["data"]))
    text = Pdf(path).text
    assert "2 of 74 items: Corruption" in text
    assert "actively combat corruption" in text and "safe reporting mechanisms" in text
    assert "focal points" not in text and "Guidance for Readers" not in text and len(Pdf(path).pages) == 1
    page.execute_script("window.dispatchEvent(new Event('afterprint'));")
    again = page.execute_cdp_cmd("Page.printToPDF", {"printBackground": False})
    path.write_bytes(base64.b64decode(again["data"]))
    assert "2 of 74 items" not in Pdf(path).text and len(Pdf(path).pages) == 1  # what shows, without the line
    _tick(page, "corruption")  # off: nothing chosen, the whole edition shows and prints
    whole = page.execute_cdp_cmd("Page.printToPDF", {"printBackground": False})
    path.write_bytes(base64.b64decode(whole["data"]))
    assert len(Pdf(path).pages) > 10


@pytest.mark.parametrize("size", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_axe_finds_no_violation_with_the_filters_open(browser, draft, size):
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": size == PHONE},
    )
    browser.get(edition_file(draft, "2024-09", "html").as_uri())
    if size == PHONE:  # the filters take little room: the search box on the first screen, the Guidance soon after
        top = browser.execute_script("return document.querySelector('#filter').getBoundingClientRect().bottom")
        guidance = browser.execute_script("return document.querySelector('#guidance-h').getBoundingClientRect().top")
        assert top < PHONE[1] and guidance < 1.5 * PHONE[1], (top, guidance)
    _tick(browser, "victims")
    violations = run_axe(browser)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations]
    if size == PHONE:  # every new control a 44 px target
        small = browser.execute_script(
            "return Array.from(document.querySelectorAll('.quick-filter, .results-tools button, #filter-themes label,"
            " #filter-addressee, #filter-strength')).filter(e => e.getBoundingClientRect().height < 44).length"
        )
        assert small == 0
