"""One way to an edition's Document: an issued edition from its record, a draft from the content; at a git revision."""

from __future__ import annotations

import subprocess
import tempfile

from compiler.project import Project
from compiler.workflows.check import checked_content
from compiler.workflows.editions import document_at, edition_document, previous_issued

from ..conftest import as_draft, copy_project


def _git(root, *args):
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=root, check=True, capture_output=True
    )


def test_an_issued_edition_is_its_record_and_a_draft_is_the_content(tmp_path):
    root = copy_project(tmp_path / "p")
    path = root / "content" / "part-a" / "2022-wg4-trafficking-in-persons.yaml"
    path.write_text(path.read_text().replace("without undue delay", "at once"))
    content = checked_content(Project(root), tolerate_errors=True)
    issued = edition_document(content, "2024-09")
    r14 = next(i for i in issued.items() if i.id == "wg4-2022-r14")
    assert "without undue delay" in r14.text and issued.edition.draft_note is None
    draft = edition_document(checked_content(Project(as_draft(root)), tolerate_errors=True), "2024-09")
    r14 = next(i for i in draft.items() if i.id == "wg4-2022-r14")
    assert "at once" in r14.text
    assert draft.edition.draft_note.startswith("DRAFT – not an issued edition – September 2024 edition")
    assert draft.changes is not None and previous_issued(content, "2024-09") == "2024-04"


def test_an_edition_at_a_revision_leaves_no_temporary_folder(tmp_path, monkeypatch):
    root = copy_project(tmp_path / "p")
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "published")
    path = root / "content" / "part-a" / "2022-wg4-trafficking-in-persons.yaml"
    path.write_text(path.read_text().replace("without undue delay", "at once"))
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    then = document_at(Project(root), "HEAD", "2024-04")
    assert [i.id for i in then.items()][:1] == ["wg4-2022-r14"] and "without undue delay" in then.items()[0].text
    assert list(temporary.iterdir()) == []
