"""Issued editions: issue a draft, keep it reproducible, warn and refuse when content would change it."""

from __future__ import annotations

import json

import pytest

from ..conftest import copy_built, copy_project, edition_file, meeting_2025, reword, run_compiler

MEETING = meeting_2025(
    """\
  - id: wg4-2025-r1
    label: "1"
    text: >-
      States parties are encouraged to keep their focal points up to date.
  - id: wg4-2025-r2
    label: "2"
    text: >-
      The secretariat is requested to report on progress.
"""
)


@pytest.fixture(scope="module")
def issued(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("issued") / "project")
    result = run_compiler(root, "edition", "new", "2025-01", "January 2025")
    assert result.returncode == 0, result.stderr
    (root / "content" / "part-a" / "2025-wg4-trafficking-in-persons.yaml").write_text(MEETING)
    draft = run_compiler(root, "editions", "--format", "json")
    assert [e["status"] for e in json.loads(draft.stdout) if e["id"] == "2025-01"] == ["draft"]
    result = run_compiler(root, "issue", "2025-01")
    assert result.returncode == 0, result.stderr
    return root


def test_edition_new_appends_a_draft_with_the_latest_front_matter(tmp_path):
    root = copy_project(tmp_path / "p")
    result = run_compiler(root, "edition", "new", "2025-01", "January 2025")
    assert result.returncode == 0
    text = (root / "content" / "editions.yaml").read_text()
    assert text.startswith("# The editions of the compilation.")  # comments kept
    tail = text.split('id: "2025-01"')[1]
    assert 'date: "January 2025"' in tail and "status: draft" in tail and 'background: "front/background.md"' in tail
    for args, needle in (
        (("2025-01", "January 2025"), "already exists"),
        (("2025-02", "January 2025"), "does not match the date"),
        (("2024-01", "January 2024"), "must come after the latest one"),
        (("2025-13", "Smarch 2025"), "must be a month and year"),
    ):
        bad = run_compiler(root, "edition", "new", *args)
        assert bad.returncode == 1 and needle in bad.stderr, (args, bad.stderr)


def test_issue_marks_issued_and_records_fingerprint_and_hashes(issued):
    record = json.loads((issued / "content" / "issued" / "2025-01.json").read_text())
    assert record["edition"] == "2025-01" and len(record["fingerprint"]) == 64
    names = {f"untoc-review-mechanism-compilation-2025-01.{ext}" for ext in ("pdf", "docx", "html", "json")}
    assert set(record["files"]) == names
    for name, entry in record["files"].items():
        data = (issued / "build" / "2025-01" / name).read_bytes()
        import hashlib

        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    listed = json.loads(run_compiler(issued, "editions", "--format", "json").stdout)
    assert [e["status"] for e in listed if e["id"] == "2025-01"] == ["issued"]
    again = run_compiler(issued, "issue", "2025-01")
    assert again.returncode == 1 and "already issued" in again.stderr


def test_build_of_an_issued_edition_reproduces_the_recorded_bytes(issued):
    before = {p.name: p.read_bytes() for p in (issued / "build" / "2025-01").iterdir()}
    for p in (issued / "build" / "2025-01").iterdir():
        p.unlink()
    result = run_compiler(issued, "build", "2025-01")
    assert result.returncode == 0, result.stderr
    assert {p.name: p.read_bytes() for p in (issued / "build" / "2025-01").iterdir()} == before


def test_a_content_change_leaves_the_issued_edition_as_recorded(issued, tmp_path):
    """An issued edition is built from its record: an edit for the next edition does not reach it."""
    import shutil

    root = tmp_path / "p"
    shutil.copytree(issued, root)
    rel = "content/part-a/2025-wg4-trafficking-in-persons.yaml"
    path = root / rel
    path.write_text(path.read_text().replace("keep their focal points up to date", "keep focal points current"))
    unrecorded = run_compiler(root, "check", "--strict", "-q")  # the issued text changed with no record
    assert unrecorded.returncode == 1 and "wg4-2025-r1 was published in the January 2025 edition" in unrecorded.stderr
    path.write_text(path.read_text().replace("keep focal points current", "keep their focal points up to date"))
    reword(root, rel, "wg4-2025-r1", "keep their focal points up to date", "keep focal points current")
    check = run_compiler(root, "check", "--strict", "-q")
    assert check.returncode == 0 and "warning" not in check.stderr, check.stderr
    before = edition_file(root, "2025-01", "pdf").read_bytes()
    build = run_compiler(root, "build", "2025-01", "--force")
    assert build.returncode == 0, build.stderr
    assert edition_file(root, "2025-01", "pdf").read_bytes() == before
    assert "keep their focal points up to date" in edition_file(root, "2025-01", "html").read_text()


def test_layout_change_is_named_as_the_reason(issued, tmp_path):
    import shutil

    root = tmp_path / "p"
    shutil.copytree(issued, root)
    css = root / "layouts" / "compilation" / "print.css"
    css.write_text(
        css.read_text().replace("color: #0b4f8a; text-decoration: none;", "color: #000; text-decoration: none;")
    )
    build = run_compiler(root, "build", "2025-01", "--format", "pdf")
    assert build.returncode == 1
    assert "the layouts (templates, CSS or DOCX styles) changed since it was issued" in build.stderr


def test_a_build_that_would_not_reproduce_an_issued_edition_is_refused_and_writes_nothing(built, tmp_path):
    """A published edition rebuilds to its record; a record that differs stops the build, which says why."""
    root = copy_built(built, tmp_path / "p")
    again = run_compiler(root, "build", "2024-04", "--force", "--format", "html")  # checked against the record
    assert again.returncode == 0, again.stderr
    path = root / "content" / "issued" / "2024-04.json"
    record = json.loads(path.read_text())
    html = edition_file(root, "2024-04", "html")
    record["files"][html.name]["sha256"] = "0" * 64  # as if the edition had been issued with other bytes
    path.write_text(json.dumps(record))
    before = html.read_bytes()
    refused = run_compiler(root, "build", "2024-04", "--force", "--format", "html")
    assert refused.returncode == 1
    assert f"edition 2024-04 is issued and this build would not reproduce it: {html.name} differ" in refused.stderr
    assert "Nothing was written" in refused.stderr and html.read_bytes() == before
