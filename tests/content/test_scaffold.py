"""Pre-filled files for a new meeting or dialogue: named like the others, every gap a TODO that check reports."""

from __future__ import annotations

import pytest

from compiler.content.load import load_content
from compiler.content.scaffold import new_dialogue, new_meeting
from compiler.errors import CompilerError
from compiler.project import Project

from ..conftest import copy_project


def test_new_files_are_named_from_the_group_and_title_and_hold_todos(tmp_path):
    root = copy_project(tmp_path / "p")
    project = Project(root)
    content = load_content(project)
    meeting = new_meeting(project, content, "wg4", 2025, "3", ["1", "2"], "2024-09")
    assert meeting == root / "content" / "part-a" / "2025-wg4-trafficking-in-persons.yaml"
    text = meeting.read_text()
    assert "id: wg4-2025" in text and "CTOC/COP/WG.4/2025/3" in text and text.count("TODO") >= 2
    dialogue = new_dialogue(project, content, "Constructive Dialogue on Firearms", 2025, False, 3, "2024-09")
    assert dialogue.name == "2025-firearms.yaml" and "summary_by: chair" in dialogue.read_text()
    with pytest.raises(CompilerError, match="exists"):
        new_meeting(project, content, "wg4", 2025, "3", ["1"], "2024-09")
    with pytest.raises(CompilerError, match="unknown working group 'wg9'"):
        new_meeting(project, content, "wg9", 2025, "3", ["1"], "2024-09")
