"""A change set with one change of every kind (tests/changes_fixture.py), compared in-process."""

from __future__ import annotations

import pytest

from compiler.changes.compare import compare
from compiler.content.load import load_content
from compiler.model.select import select
from compiler.project import Project
from compiler.records.history import content_at

from ..changes_fixture import make_changes_project


@pytest.fixture(scope="module")
def every_change(tmp_path_factory):
    root = make_changes_project(tmp_path_factory.mktemp("every") / "project")
    project = Project(root)
    old = select(content_at(project, "HEAD", tmp_path_factory.mktemp("head")), "2024-09")
    new = select(load_content(project), "2024-09")
    return compare(old, new, "September 2024 edition as committed", "September 2024 edition in the working copy")
