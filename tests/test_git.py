"""Git access: content/ as committed at a revision, what is not committed, and the date of the last commit."""

from __future__ import annotations

import subprocess

import pytest

from compiler.git import RevisionError, content_date, export_content, uncommitted

from .conftest import copy_project


def _git(root, *args):
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=root, check=True, capture_output=True
    )


def test_the_committed_content_not_the_working_copy_and_its_date(tmp_path):
    root = copy_project(tmp_path / "p")
    assert content_date(root) is None and uncommitted(root) is None  # not in git
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "c", "--date", "2024-09-02T10:00:00")
    assert uncommitted(root) == []
    assert content_date(root) is not None and content_date(root).split()[-1].isdigit()
    wg4 = root / "content" / "part-a" / "2022-wg4-trafficking-in-persons.yaml"
    wg4.write_text(wg4.read_text().replace("without undue delay", "at once"))
    assert uncommitted(root) == ["content/part-a/2022-wg4-trafficking-in-persons.yaml"]
    assert content_date(root) is None  # uncommitted changes: no date to print
    then = export_content(root, "HEAD", tmp_path / "rev")
    assert (then / "layouts").is_dir()
    assert "without undue delay" in (then / "content" / "part-a" / wg4.name).read_text()


def test_an_unknown_revision_says_which(tmp_path):
    root = copy_project(tmp_path / "p")
    _git(root, "init", "-q")
    with pytest.raises(RevisionError, match="cannot read content/ at git revision 'v9'"):
        export_content(root, "v9", tmp_path / "rev")
