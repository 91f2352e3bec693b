"""`compiler serve` in headless Chromium: edits reload the page, errors show and go away."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest
from selenium.webdriver.common.by import By

from ..browser import fresh
from ..conftest import COMPILER, copy_project, reword, small_project
from ..smtp_server import free_port

WG4 = "content/part-a/2022-wg4-trafficking-in-persons.yaml"


def _wait(predicate, timeout=15.0):
    end = time.time() + timeout
    while time.time() < end:
        try:
            if predicate():
                return True
        except Exception:  # noqa: BLE001 - the page may be reloading
            pass
        time.sleep(0.1)
    return False


@pytest.fixture
def preview(tmp_path):
    root = small_project(tmp_path / "p")  # three sections, drafts: content edits reach the page
    port = free_port()
    proc = subprocess.Popen(
        [*COMPILER, "serve", "--port", str(port)], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    url = f"http://127.0.0.1:{port}/"
    assert _wait(lambda: urllib.request.urlopen(url + "__version", timeout=1).status == 200, 30)
    yield root, url, proc
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def driver(chromium_browser):
    yield fresh(chromium_browser)
    fresh(chromium_browser)


def test_edits_reload_errors_show_and_the_preview_recovers(preview, driver, artifacts):
    root, url, proc = preview
    driver.get(url)
    assert _wait(lambda: driver.current_url.endswith("/2024-09/"))
    assert "without undue delay" in driver.find_element(By.ID, "wg4-2022-r14").text
    driver.execute_script("window.__marker = 1;")
    path = root / WG4
    original = path.read_text()
    reword(root, WG4, "wg4-2022-r14", "without undue delay", "without any undue delay")  # one save
    assert _wait(lambda: "without any undue delay" in driver.find_element(By.ID, "wg4-2022-r14").text)
    assert driver.execute_script("return window.__marker === undefined")  # the page was reloaded
    driver.save_screenshot(str(artifacts / "serve-reloaded.png"))
    driver.find_element(By.ID, "filter").send_keys("focal")  # a reader mid-search, scrolled down
    assert _wait(lambda: "?q=focal" in driver.current_url)
    driver.execute_script("window.scrollTo(0, 700)")
    assert _wait(lambda: driver.execute_script("return window.scrollY") == 700)
    path.write_text(original.replace("year: 2022", "year: [2022"))
    assert _wait(lambda: "cannot be built" in driver.find_element(By.TAG_NAME, "h1").text)
    error = driver.find_element(By.CSS_SELECTOR, ".build-error").text
    assert f"{WG4}:5:14: error: YAML syntax error" in error
    driver.save_screenshot(str(artifacts / "serve-error.png"))
    assert (
        driver.execute_script("return getComputedStyle(document.querySelector('.build-error')).borderTopStyle")
        == "solid"
    )
    path.write_text(original)
    assert _wait(lambda: "without undue delay" in driver.find_element(By.ID, "wg4-2022-r14").text)
    # back where the reader was, error or not: the search and the scroll position kept
    assert driver.find_element(By.ID, "filter").get_attribute("value") == "focal"
    assert _wait(lambda: driver.execute_script("return window.scrollY") == 700)
    assert "focal" in driver.find_element(By.CSS_SELECTOR, "mark.hit").text.lower()
    assert proc.poll() is None  # the server never died
    proc.terminate()
    out = proc.communicate(timeout=10)[0]
    assert f"{WG4}:5:14: error: YAML syntax error" in out  # the terminal shows it too
    assert out.count("rebuilt in") >= 3


def test_layout_changes_reload_too_and_only_localhost_is_bound(preview, driver):
    root, url, proc = preview
    driver.get(url)
    css = root / "layouts" / "compilation" / "web.css"
    css.write_text(css.read_text() + "\n.site-title { letter-spacing: 3px; }\n")
    assert _wait(
        lambda: (
            driver.execute_script("return getComputedStyle(document.querySelector('.site-title')).letterSpacing")
            == "3px"
        )
    )
    port = int(url.rsplit(":", 1)[1].strip("/"))
    listening = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = open(table).read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, hexport = local.split(":")
            if state == "0A" and int(hexport, 16) == port:  # 0A: LISTEN
                listening.append(address)
    assert listening == ["0100007F"]  # 127.0.0.1 only


def test_malformed_paths_get_400_and_no_traceback(preview):
    import http.client
    from urllib.parse import urlsplit

    root, url, proc = preview
    host = urlsplit(url)
    for path in ("/2024-09/x%00.html", "/2024-09/%ff%fe.pdf", "/2024-09/..%5c..%5cetc"):
        conn = http.client.HTTPConnection(host.hostname, host.port, timeout=5)
        conn.request("GET", path)
        response = conn.getresponse()
        assert response.status == 400, path
        conn.close()
    ok = urllib.request.urlopen(url + "2024-09/", timeout=5)
    assert ok.status == 200
    proc.terminate()
    output = proc.communicate(timeout=10)[0]
    assert "Traceback" not in output


def test_only_requests_for_its_own_address_are_answered(preview):
    import http.client
    from urllib.parse import urlsplit

    root, url, proc = preview
    parts = urlsplit(url)
    for host, status in (
        (f"127.0.0.1:{parts.port}", 200),
        (f"localhost:{parts.port}", 200),
        (f"attacker.example:{parts.port}", 421),
        ("127.0.0.1", 421),
    ):
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
        conn.putrequest("GET", "/__version", skip_host=True)
        conn.putheader("Host", host)
        conn.endheaders()
        assert conn.getresponse().status == status, host
        conn.close()


def test_the_preview_shows_the_latest_draft_and_says_plainly_when_an_edition_is_issued(tmp_path):
    """In-process: which edition the preview opens, what it says of an issued one, and its error page's words."""
    from compiler.project import Project
    from compiler.workflows.preview import Preview

    from ..conftest import run_compiler

    root = copy_project(tmp_path / "p")  # both published editions issued, no draft
    said: list[str] = []
    preview = Preview(Project(root), None, said.append)
    preview.rebuild()
    assert preview.edition == "2024-09" and preview.error is None
    note = "The September 2024 edition is issued: it is built from its record (content/issued/), so edits to content/"
    assert any(m.startswith(note) for m in said) and "compiler edition new YYYY-MM" in said[0]
    assert note in preview.pages["2024-09"].decode()
    assert run_compiler(root, "edition", "new", "2025-01", "January 2025").returncode == 0
    said.clear()
    preview.rebuild()
    assert preview.edition == "2024-09"  # the edition it shows stays the one it opened with
    fresh = Preview(Project(root), None, said.append)
    fresh.rebuild()
    assert fresh.edition == "2025-01" and note not in fresh.pages["2025-01"].decode()  # the latest draft
    path = root / WG4
    path.write_text(path.read_text().replace("year: 2022", "year: [2022"))
    fresh.rebuild()
    page = fresh.error_page().decode()
    assert "YAML syntax error" in page and "1 error(s)." in page
    assert "run the command again" not in page and "this page reloads by itself" in page


def test_the_dry_runs_recipients_and_other_build_files_are_never_served(preview):
    root, url, _ = preview
    mail = root / "build" / "2024-09" / "mail" / "focal-points"
    mail.mkdir(parents=True)
    (mail / "batch-001.envelope.json").write_text('{"to": ["person1@example.org"]}')
    (root / "build" / "2024-09" / "manifest.json").write_text("{}")
    for path in ("2024-09/mail/focal-points/batch-001.envelope.json", "2024-09/manifest.json"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url + path, timeout=5)
        assert refused.value.code == 404


def test_every_request_gets_a_whole_page_while_the_preview_rebuilds(preview):
    """Sixteen readers asking at once while a content file is saved every 0.3 s: each gets a whole page, 200.

    Each reader asks again 0.05 s after an answer: still several requests during every rebuild, without two
    cores spent serving the same page as fast as they can (which starved the rest of the suite)."""
    import threading

    root, url, _ = preview
    page = url + "2024-09/"
    stop = threading.Event()
    results: list[tuple[int, bool]] = []

    def reader():
        while not stop.is_set():
            try:
                with urllib.request.urlopen(page, timeout=20) as response:
                    body = response.read()
                    whole = len(body) == int(response.headers["Content-Length"]) and body.rstrip().endswith(b"</html>")
                    results.append((response.status, whole))
            except Exception as exc:  # noqa: BLE001 - a refused or broken answer is what this test looks for
                results.append((0, repr(exc)))  # type: ignore[arg-type]
            stop.wait(0.05)

    threads = [threading.Thread(target=reader) for _ in range(16)]
    for t in threads:
        t.start()
    path = root / WG4
    text = path.read_text(encoding="utf-8")
    for n in range(10):
        path.write_text(
            text.replace("without undue delay", f"without undue delay {n}" if n % 2 else "without undue delay")
        )
        time.sleep(0.3)
    stop.set()
    for t in threads:
        t.join(timeout=30)
    assert len(results) > 50
    assert [r for r in results if r != (200, True)] == []


def test_an_edit_is_pushed_to_the_open_page_as_an_event(preview):
    """The operating system tells the preview of an edit (watchfiles), and the preview tells the page at once
    (Server-Sent Events on /__events): the page does not ask on a timer."""
    import http.client
    import json as json_

    root, url, _ = preview
    port = int(url.rsplit(":", 1)[1].strip("/"))
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    conn.request("GET", "/__events")
    response = conn.getresponse()
    assert response.status == 200 and response.headers["Content-Type"] == "text/event-stream"

    deadline = time.monotonic() + 30  # the stream's comments every 15 s keep the socket's own timeout from firing

    def event() -> int:
        while time.monotonic() < deadline:
            line = response.readline().decode()
            if line.startswith("data: "):
                return json_.loads(line[6:])["version"]
        raise AssertionError("no new version was pushed within 30 s")

    first = event()  # the version the page has
    path = root / WG4
    reword(root, WG4, "wg4-2022-r14", "without undue delay", "without any delay")  # a valid edit
    assert event() == first + 1
    conn.close()
    page = urllib.request.urlopen(url + "2024-09/", timeout=10).read().decode()
    assert "without any delay" in page and "new EventSource('/__events')" in page
    assert path.exists()


@pytest.mark.parametrize("how", ["notified", "scanned"])
def test_an_edit_saved_while_the_preview_starts_is_built(tmp_path, monkeypatch, how):
    """An edit saved after the first build read the files but before the operating system watched them (the moment
    `serve` starts, when an editor may already be saving) is built: the watch compares the files once it is in place.
    Both ways of watching: notified by the operating system (watchfiles), and scanning where it cannot notify."""
    from compiler.project import Project
    from compiler.workflows.preview import Preview

    if how == "scanned":
        monkeypatch.setitem(sys.modules, "watchfiles", None)  # its import fails, as where it is not installed
    root = small_project(tmp_path / "p")
    preview = Preview(Project(root), None, echo=lambda *_: None)
    preview.rebuild()
    assert preview.version == 1 and preview.error is None
    reword(root, WG4, "wg4-2022-r14", "without undue delay", "without any delay")  # before anything watches
    stop = threading.Event()
    watcher = threading.Thread(target=preview.watch, args=(stop,), daemon=True)
    watcher.start()
    try:
        assert preview.wait_for_change(1, timeout=20) == 2, "the edit was missed"
    finally:
        stop.set()
        watcher.join(timeout=10)
    assert "without any delay" in preview.pages["2024-09"].decode()
