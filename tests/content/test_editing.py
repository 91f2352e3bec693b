"""Edits the compiler makes to content files: as text, keeping comments, checked before they replace the file."""

from __future__ import annotations

import pytest

from compiler.content.editing import append_edition, replace_checked, set_edition_status
from compiler.content.load import load_content
from compiler.errors import CompilerError, ContentError
from compiler.project import Project

from ..conftest import copy_project


def test_status_and_new_editions_change_only_their_lines(tmp_path):
    root = copy_project(tmp_path / "p")
    project = Project(root)
    path = root / "content" / "editions.yaml"
    path.write_text("# kept: an editor's note\n" + path.read_text())
    before = path.read_text()
    set_edition_status(project, "2024-09", "draft")
    after = path.read_text()
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert changed == [("    status: issued", "    status: draft")] and after.startswith("# kept")
    latest = load_content(project).edition("2024-09")
    append_edition(project, "2025-01", "January 2025", latest)
    edition = load_content(project).edition("2025-01")
    assert (edition.status, edition.place, [f.key for f in edition.front]) == (
        "draft",
        latest.place,
        [f.key for f in latest.front],
    )
    with pytest.raises(CompilerError, match="does not match the date"):
        append_edition(project, "2025-02", "March 2025", edition)


def test_an_edit_that_would_not_read_back_leaves_the_file(tmp_path):
    root = copy_project(tmp_path / "p")
    path = root / "content" / "editions.yaml"
    before = path.read_bytes()
    with pytest.raises(ContentError, match="was not changed"):
        replace_checked(Project(root), path, "editions: [\n", "editions")
    assert path.read_bytes() == before
