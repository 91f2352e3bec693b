"""A project is found from any folder inside it; outside one the message says what a project is."""

from __future__ import annotations

import pytest

from compiler.errors import ProjectError
from compiler.project import Project, find_project

from .conftest import copy_project


def test_found_from_a_subfolder_with_its_folders_named(tmp_path):
    root = copy_project(tmp_path / "p")
    project = find_project(root / "content" / "part-a")
    assert project == Project(root.resolve())
    assert project.layout_dir == root.resolve() / "layouts" / "compilation"
    assert project.edition_dir("2024-09") == root.resolve() / "build" / "2024-09"
    assert project.rel(root / "content" / "editions.yaml") == "content/editions.yaml"


def test_outside_a_project_the_error_says_what_is_missing(tmp_path):
    with pytest.raises(ProjectError, match="content/publication.yaml"):
        find_project(tmp_path)
