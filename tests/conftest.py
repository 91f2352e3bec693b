"""Shared fixtures: copies of the real project, fixture projects, and built editions."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The two published editions, content and issue records frozen as they were issued: the tests'
# copy of the publication. The live content/ is checked by the README's test command instead, so
# that a new edition started there never breaks a test.
PUBLISHED = FIXTURES / "published"
LIVE_CONTENT = str(REPO / "content")


def _no_live_content(event: str, args: tuple) -> None:
    """Fail a test that reads the repository's live content/: tests read fixture projects (see PUBLISHED).

    An audit hook (every file this test process opens or lists), so that no test can come to depend
    on today's content and break when the next edition is started there.
    """
    if event in ("open", "os.listdir", "os.scandir") and args and isinstance(args[0], (str, bytes, os.PathLike)):
        path = os.fsdecode(args[0])  # a relative name may be relative to a folder's descriptor (rmtree): left out
        if path == LIVE_CONTENT or path.startswith(LIVE_CONTENT + os.sep):
            raise RuntimeError(f"a test read the live content ({path}); tests use the fixture projects under tests/")


sys.addaudithook(_no_live_content)
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
COMPILER = [sys.executable, "-m", "compiler.cli"]


THEMES = FIXTURES / "themes.yaml"  # the themes vocabulary (the live content/themes.yaml as it was written)


def copy_project(dest: Path, content: Path | None = None, themes: bool = False) -> Path:
    """Copy the repository's layouts and the frozen published content (unless another is given) into ``dest``;
    with ``themes``, the themes vocabulary too (its items then have themes, a draft edition an index of themes: the
    two published editions were issued without, and most tests do without the cost of laying the index out)."""
    shutil.copytree(REPO / "layouts", dest / "layouts")
    shutil.copytree(content or PUBLISHED / "content", dest / "content")
    if themes:
        with_themes(dest)
    return dest


def with_themes(root: Path) -> Path:
    """Give a project copy the themes vocabulary (content/themes.yaml)."""
    shutil.copyfile(THEMES, root / "content" / "themes.yaml")
    return root


def as_draft(root: Path, edition: str = "2024-09") -> Path:
    """Make an edition of a project copy a draft again (its record gone), so content edits reach it."""
    path = root / "content" / "editions.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f'id: "{edition}"')
    at = text.index("status: issued", start)
    path.write_text(text[:at] + "status: draft" + text[at + len("status: issued") :], encoding="utf-8")
    (root / "content" / "issued" / f"{edition}.json").unlink(missing_ok=True)
    return root


def reword(root: Path, rel: str, item_id: str, old: str, new: str, reason: str = "Reworded by a test.") -> None:
    """Change words of an item in its section file and record the correction with it, as an editor must once the
    item is published (records/corrections.py): the words must stand within the item's block."""
    path = root / rel
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    start = lines.index(f"  - id: {item_id}")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("  - id: ")), len(lines))
    block = "\n".join(lines[start:end])
    flat = " ".join(block.split())
    assert old in flat, (item_id, old)
    for n in range(start, end):  # the words are on one line of the folded text
        if old in lines[n]:
            lines[n] = lines[n].replace(old, new, 1)
            break
    else:
        raise AssertionError(f"{old!r} runs over two lines of {rel}; choose words on one line")
    entry = [
        "      - kind: text",
        f"        printed: {json.dumps(old)}",
        f"        corrected: {json.dumps(new)}",
        f"        reason: {json.dumps(reason)}",
    ]
    head = next((n for n in range(start, end) if lines[n] == "    corrections:"), None)
    if head is None:
        lines[end:end] = ["    corrections:", *entry]
    else:
        lines[head + 1 : head + 1] = entry
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def meeting_2025(recommendations: str, comment: str = "a meeting made up for the tests") -> str:
    """Return a content file for a 2025 meeting of the Working Group on Trafficking in Persons (for the next edition,
    2025-01) with the given YAML of its recommendations."""
    return (
        f"# Working Group on Trafficking in Persons: report CTOC/COP/WG.4/2025/4 ({comment}).\n"
        "id: wg4-2025\nworking_group: wg4\nyear: 2025\nreport_symbol: CTOC/COP/WG.4/2025/4\norder: 1\n"
        'first_edition: "2025-01"\nrecommendations:\n' + recommendations
    )


SMALL_SECTIONS = ("2022-wg4-trafficking-in-persons.yaml", "2024-wg7-smuggling-of-migrants.yaml", "2024-firearms.yaml")


def small_project(dest: Path) -> Path:
    """Return a project of three sections (two meetings, a dialogue) from the published content, both
    editions drafts without records: quick to build, for tests of how building works."""
    root = copy_project(dest)
    for part in ("part-a", "part-b"):
        for path in (root / "content" / part).glob("*.yaml"):
            if path.name not in SMALL_SECTIONS:
                path.unlink()
    shutil.rmtree(root / "content" / "issued")
    (root / "content" / "sources" / "2024-cd-ta-ic-summary.txt").unlink()  # its dialogue is not here
    editions = root / "content" / "editions.yaml"
    editions.write_text(
        editions.read_text(encoding="utf-8").replace("status: issued", "status: draft"), encoding="utf-8"
    )
    return root


@pytest.fixture
def project(tmp_path) -> Path:
    """Return a fresh copy of the published editions (frozen content + the layouts) to modify freely."""
    return copy_project(tmp_path / "project")


@pytest.fixture
def cli(monkeypatch):
    """Return a function that runs the CLI in-process in a project folder."""
    from compiler.cli import cli as cli_group

    def run(project_dir: Path, *args: str):
        runner = CliRunner()
        monkeypatch.chdir(project_dir)
        return runner.invoke(cli_group, list(args), catch_exceptions=True)

    return run


def run_compiler(
    project_dir: Path, *args: str, env=None, timeout=300, separate: bool = False
) -> subprocess.CompletedProcess:
    """Run `compiler` in a project folder and return what a terminal would show: exit status, stdout, stderr.

    It runs in this test process (the libraries are imported once, which halves the suite's
    time), with ``env`` as the environment if given, unless ``separate`` asks for a process of
    its own, as a user's shell would start it (another time zone, say). Either way an escaping
    exception shows as a traceback on stderr with exit status 1, as Python would print it.
    """
    if separate:
        cmd = [*COMPILER, *args]
        return subprocess.run(cmd, cwd=project_dir, capture_output=True, text=True, env=env, timeout=timeout)
    import contextlib
    import traceback
    from unittest import mock

    from compiler.cli import cli

    environment = mock.patch.dict(os.environ, env, clear=True) if env is not None else contextlib.nullcontext()
    with environment, contextlib.chdir(project_dir):
        result = CliRunner().invoke(cli, list(args), prog_name="compiler")
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "Traceback (most recent call last):\n" + "".join(traceback.format_exception(*result.exc_info))
    return subprocess.CompletedProcess(["compiler", *args], result.exit_code, result.stdout, stderr)


@pytest.fixture(scope="session", autouse=True)
def shared_pdf_layouts(tmp_path_factory):
    """Keep the PDF's chunk layouts in one folder for the whole run (UNTOC_PDF_CACHE, as a CI machine may share
    one between clones): tests that build the same fixture edition lay each chunk out once. A chunk's key is its
    HTML, the layouts and assets it reads, its date and the compiler's code, so a test that changes any of these
    lays out anew. Tests of the cache itself take the variable away (test_pdf_merge.py)."""
    base = tmp_path_factory.getbasetemp()  # under pytest-xdist, each worker's folder in the run's folder
    folder = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "pdf-chunks"  # common to the run
    os.environ["UNTOC_PDF_CACHE"] = str(folder)
    # pytest-xdist already keeps every core busy: one layout process per build, not a pool per build (the pool, and
    # that its bytes are the same with one process or three, is tested in test_pdf_merge.py)
    os.environ["UNTOC_PDF_PROCESSES"] = "1"
    yield folder
    os.environ.pop("UNTOC_PDF_CACHE", None)
    os.environ.pop("UNTOC_PDF_PROCESSES", None)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """Return a project copy with both real editions built once per test run (PDF, HTML, JSON, DOCX).

    Tests only read it. Under pytest-xdist the workers share one copy: the first to ask builds it
    while the others wait on a lock (the pattern pytest-xdist's documentation gives).
    """
    if not os.environ.get("PYTEST_XDIST_WORKER"):  # one process (-n 0, or -p no:xdist): nothing to share
        return _build_all(tmp_path_factory.mktemp("built") / "project")
    shared = tmp_path_factory.getbasetemp().parent  # this run's folder, common to its workers
    with open(shared / "built.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        root = shared / "built" / "project"
        if not (shared / "built" / "done").exists():
            _build_all(root)
            (shared / "built" / "done").touch()
    return root


def _build_all(root: Path) -> Path:
    """Build every edition of a project copy, the two published ones side by side (one per core)."""
    copy_project(root)
    editions = [
        subprocess.Popen(
            [*COMPILER, "build", edition], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for edition in ("2024-04", "2024-09")
    ]
    for proc in editions:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    result = run_compiler(root, "build", "--all")  # up to date by now: writes what only --all writes
    assert result.returncode == 0, result.stderr
    return root


def copy_built(built: Path, dest: Path) -> Path:
    """Copy the built project (content, layouts and build/) to ``dest``, for a test that changes it."""
    shutil.copytree(built, dest, symlinks=True)
    return dest


def edition_file(root: Path, edition: str, ext: str) -> Path:
    """Return the path of a built edition's file of one format."""
    return root / "build" / edition / f"untoc-review-mechanism-compilation-{edition}.{ext}"


@pytest.fixture(scope="session")
def chromium_browser():
    """Return the headless Chromium this test process shares between its browser tests (a start costs one to two
    seconds of CPU): each module's fixture takes it through browser.fresh, and gives it back the same way."""
    from .browser import chromium

    driver = chromium()
    driver.set_script_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Return the folder where tests leave screenshots and rendered pages for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def real_content(tmp_path_factory):
    """Return the published editions' content (the frozen fixture), loaded and checked once per session."""
    from compiler.content.load import load_content
    from compiler.project import Project

    return load_content(Project(copy_project(tmp_path_factory.mktemp("published") / "project", themes=True)))


def pytest_collection_modifyitems(session, config, items):
    """Start the longest test files first, so that spread over the cores none is left to run alone at the end
    (pytest-xdist hands a worker the next file when it is done with one; ``--no-loadscope-reorder`` in pyproject.toml
    keeps this order instead of putting the files with most tests first). The order is that of the files' times
    measured on two cores; the first needs no built edition, so that one worker starts while the other builds them."""
    first = (
        "test_next_edition.py",
        "render/test_web.py",
        "render/test_pdf_merge.py",
        "render/test_web_readers.py",
        "workflows/test_imports.py",
        "workflows/test_issue.py",
        "render/test_web_facets.py",
        "workflows/test_preview.py",
        "render/test_redline.py",
        "render/test_pdf.py",
        "workflows/test_build.py",
        "workflows/test_review.py",
        "workflows/test_mail.py",
        "render/test_docx.py",
        "mail/test_deliver.py",
        "records/test_issued.py",
    )

    def rank(item):
        path = item.nodeid.split("::")[0]
        return next((i for i, name in enumerate(first) if path.endswith(name)), len(first))

    items.sort(key=rank)  # stable: the order within each file is kept


def pytest_collection_finish(session):
    """Keep what collection imported (the compiler, WeasyPrint, the test modules) out of the garbage collector's
    full passes: a test process lives for the whole run, and those passes walked it again some thirty times
    (about 4 of its 11 s of collecting, measured with gc.callbacks in both processes of a run)."""
    import gc

    gc.collect()
    gc.freeze()
