"""Content as committed at a git revision, and the date of the last commit of content/."""

from __future__ import annotations

import subprocess

import pytest

from compiler.project import Project
from compiler.records.history import RevisionError, content_at, content_date

from ..conftest import copy_project


def _git(root, *args):
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=root, check=True, capture_output=True
    )


def test_the_committed_content_not_the_working_copy_and_its_date(tmp_path):
    root = copy_project(tmp_path / "p")
    project = Project(root)
    assert content_date(project) is None  # not in git
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "c", "--date", "2024-09-02T10:00:00")
    assert content_date(project) is not None and content_date(project).split()[-1].isdigit()
    wg4 = root / "content" / "part-a" / "2022-wg4-trafficking-in-persons.yaml"
    wg4.write_text(wg4.read_text().replace("without undue delay", "at once"))
    assert content_date(project) is None  # uncommitted changes: no date to print
    then = content_at(project, "HEAD", tmp_path / "rev")
    texts = [i.text for s in then.sections for i in s.items if i.id == "wg4-2022-r14"]
    assert texts and "without undue delay" in texts[0]


def test_an_unknown_revision_says_which(tmp_path):
    root = copy_project(tmp_path / "p")
    _git(root, "init", "-q")
    with pytest.raises(RevisionError, match="cannot read content/ at git revision 'v9'"):
        content_at(Project(root), "v9", tmp_path / "rev")
