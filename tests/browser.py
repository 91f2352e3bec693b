"""Debian's Chromium headless shell driven through ChromeDriver (Selenium), offline."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

# Chromium's headless shell (Debian's chromium-headless-shell): Blink and V8 as in the browser, without the desktop
# browser's layers; what Puppeteer and Playwright run headless tests in. It starts in 0.4 s and cost a fifth less
# CPU over the web tests than the whole browser in --headless=new. Run as the program itself, not the script in
# /usr/bin, which does not exec it: ChromeDriver's quit would stop the script and leave the shell running.
CHROMIUM = "/usr/lib/chromium/chromium-headless-shell"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def chromium():
    """Return a headless Chromium WebDriver with a laptop's window, 1280x900 (the caller quits it).

    Its profile is ChromeDriver's own temporary one, removed when it quits: the headless shell
    started with a --user-data-dir of ours never showed ChromeDriver its page.
    """
    assert Path(CHROMIUM).is_file(), "Chromium's headless shell is not installed (./setup.sh installs it)"
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must not try to download drivers
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,900",
        "--allow-file-access-from-files",
    ):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)


def fresh(driver):
    """Return the shared browser as a new reader finds it: a blank page at the window's own size (a laptop's,
    1280x900), light mode, screen media, downloads as Chromium's default."""
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "default"})
    driver.get("about:blank")
    return driver


def axe_source() -> str:
    """Return axe-core's script (4.9.1, bundled by the selenium-axe-python package)."""
    import selenium_axe_python

    return (Path(selenium_axe_python.__file__).parent / "axe-core" / "axe.min.js").read_text(encoding="utf-8")


def run_axe(driver, include: list[str] | None = None, rules: list[str] | None = None) -> list[dict]:
    """Run axe-core in the page (or only on the elements ``include`` selects; only ``rules``) and return its violations."""
    driver.execute_script(axe_source())
    context = {"include": [[s] for s in include]} if include else None
    options = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    return driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(arguments[0] || document, arguments[1]).then(function (r) { done(r.violations); })"
        ".catch(function (e) { done([{id: 'axe-error', help: String(e), nodes: []}]); });",
        context,
        options,
    )
