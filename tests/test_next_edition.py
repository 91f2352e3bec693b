"""The next edition is the test: after an editor starts it, adds a meeting and issues it, the suite still passes.

Every test process refuses to read the live content/ (an audit hook in conftest.py): tests read the
fixture projects under tests/. This test does what an editor does, in a copy of the repository,
then runs there the tests that once read the live content (the editions' counts, "the latest
edition", records, imports, mail, the preview). Set UNTOC_NEXT_EDITION_SUITE=all to run the whole
suite there (about as long again as the suite itself).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO, run_compiler

CHOSEN = [
    "tests/cli/test_base.py",
    "tests/content/test_select.py",
    "tests/model/test_lossless_json.py",
    "tests/view/test_plain.py",
    "tests/test_search.py",
    "tests/test_fidelity.py",
    "tests/sources/test_provenance.py",
    "tests/workflows/test_editions.py",
]


def _git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=editor", "-c", "user.email=editor@example.org", *args],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def _copy_of_the_repository(dest: Path) -> Path:
    """Copy the repository's files (tracked, and new ones git does not ignore) into a new git repository.

    Copied by `cp` in a process of its own: this test process may not read the live content itself.
    """
    files = [f for f in _git(REPO, "ls-files", "--cached", "--others", "--exclude-standard", "-z").split("\0") if f]
    dest.mkdir(parents=True)
    present = [f for f in files if os.path.lexists(REPO / f)]  # a file deleted but not yet committed is left out
    subprocess.run(["cp", "-a", "--parents", *present, str(dest)], cwd=REPO, check=True)
    _git(dest, "init", "-q")
    _git(dest, "add", "-A")
    _git(dest, "commit", "-q", "-m", "the repository as it is")
    return dest


@pytest.mark.timeout(1800)  # as long as the suite run here may take (the whole suite with UNTOC_NEXT_EDITION_SUITE)
def test_the_suite_passes_after_the_next_edition_is_started_and_issued(tmp_path):
    root = _copy_of_the_repository(tmp_path / "repository")
    latest = run_compiler(root, "editions").stdout.splitlines()[-1].split()[0]
    year = int(latest.split("-")[0]) + 1  # the January after the latest edition, with a meeting of that year
    new_id, label = f"{year}-01", f"January {year}"
    assert run_compiler(root, "edition", "new", new_id, label).returncode == 0
    added = run_compiler(root, "new", "meeting", "wg4", str(year), "4", "--labels", "1,2")
    assert added.returncode == 0, added.stderr
    path = next((root / "content" / "part-a").glob(f"{year}-wg4-*.yaml"))
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "TODO: the recommendation word for word as adopted",
            "States parties are encouraged to share good practices in technical assistance.",  # a theme covers it
        ),
        encoding="utf-8",
    )
    checked = run_compiler(root, "check", "--strict", "-q")
    assert checked.returncode == 0, checked.stderr
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", f"the {label} edition with a meeting")
    issued = run_compiler(root, "issue", new_id)
    assert issued.returncode == 0, issued.stderr
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", f"issue the {label} edition")
    assert f"{new_id} " in run_compiler(root, "editions").stdout
    chosen = [] if os.environ.get("UNTOC_NEXT_EDITION_SUITE") == "all" else CHOSEN
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    env.pop("PYTEST_XDIST_WORKER", None)
    pytest_here = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    suite = subprocess.run(
        # its temporary folders inside this test's: it neither numbers a run of its own under /tmp nor prunes old ones
        [*pytest_here, "--basetemp", str(tmp_path / "suite-tmp"), "-n", "0" if chosen else "auto", *chosen],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert suite.returncode == 0, suite.stdout[-3000:]
    assert " passed" in suite.stdout and " failed" not in suite.stdout


@pytest.mark.parametrize("how", ["open", "list"])
def test_a_test_that_reads_the_live_content_fails(how):
    with pytest.raises(RuntimeError, match="a test read the live content"):
        if how == "open":
            (REPO / "content" / "editions.yaml").read_text()
        else:
            os.listdir(REPO / "content")
