"""Loading a project's content: every file typed and checked, errors from all files at once, clean loads cached."""

from __future__ import annotations

import pytest

from compiler.content.load import load_content, registry_edition_ids
from compiler.errors import ContentError
from compiler.project import Project

from ..conftest import copy_project


def test_the_real_content_loads_with_both_editions(real_content):
    assert real_content.edition_ids == ["2024-04", "2024-09"]
    assert real_content.edition("2024-09").status == "issued"
    assert {s.part for s in real_content.sections} == {"a", "b"}
    assert registry_edition_ids(real_content.project) == ["2024-04", "2024-09"]


def test_errors_from_several_files_come_together_and_are_not_cached(tmp_path):
    root = copy_project(tmp_path / "p")
    for name in ("part-a/2022-wg4-trafficking-in-persons.yaml", "part-b/2023-smuggling-of-migrants.yaml"):
        path = root / "content" / name
        path.write_text(path.read_text().replace("year: ", "yeer: ", 1))
    with pytest.raises(ContentError) as caught:
        load_content(Project(root))
    text = caught.value.format_message()
    assert "content/part-a/2022-wg4-trafficking-in-persons.yaml" in text
    assert "content/part-b/2023-smuggling-of-migrants.yaml" in text
    assert not (root / "build" / ".cache" / "content.pickle").exists()
