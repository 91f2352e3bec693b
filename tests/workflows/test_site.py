"""What `build --all` writes around the editions: comparisons (each only when out of date), the index of editions and
the list the pages read."""

from __future__ import annotations

import json

from compiler.content.load import load_content
from compiler.project import Project
from compiler.workflows.site import comparisons, write_comparisons

from ..conftest import run_compiler, small_project


def test_comparisons_are_written_once_and_again_only_when_an_edition_changes(tmp_path):
    root = small_project(tmp_path / "p")
    result = run_compiler(root, "build", "--all")
    assert result.returncode == 0, result.stderr
    assert "build/changes/changes-2024-04-to-2024-09.html" in result.stdout
    assert "build/index.html" in result.stdout and "build/editions.js" in result.stdout
    project = Project(root)
    content = load_content(project)
    assert comparisons(content) == [("2024-04", "2024-09")]
    assert write_comparisons(project, content, say=lambda _: None) == []  # up to date: nothing laid out again
    wg = root / "content" / "part-a" / "2024-wg7-smuggling-of-migrants.yaml"
    wg.write_text(wg.read_text(encoding="utf-8").replace("strongly urged", "urged", 1), encoding="utf-8")
    again = write_comparisons(project, load_content(project), say=lambda _: None)
    assert [p.name for p in again] == ["changes-2024-04-to-2024-09.html", "changes-2024-04-to-2024-09.docx"]
    listed = json.loads((root / "build" / "editions.json").read_text(encoding="utf-8"))["editions"]
    assert listed[0]["changes"]["html"] == "changes/changes-2024-04-to-2024-09.html"
    assert listed[1]["in_latest"]["items"] == {}  # before the edit: nothing of April changed in September
