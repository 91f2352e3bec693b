"""The life of an edition: start a draft, correct a word, check, review the changes, issue; issued editions stay as issued."""

from __future__ import annotations

import hashlib
import json
import subprocess

import docx
import pytest

from ..conftest import copy_built, edition_file, run_compiler
from ..libreoffice import convert
from ..pdfread import Pdf

WG4 = "content/part-a/2022-wg4-trafficking-in-persons.yaml"
OLD, NEW = "the nominated focal points", "the designated focal points"
NAME = "Recommendation 14, Working Group on Trafficking in Persons, 2022"


def _git(root, *args):
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=root, check=True, capture_output=True
    )


@pytest.fixture(scope="module")
def draft(built, tmp_path_factory):
    """Both published editions issued, recorded and built; a January 2025 draft that corrects one word of 2022 r14."""
    root = copy_built(built, tmp_path_factory.mktemp("life") / "project")
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "published editions")
    started = run_compiler(root, "edition", "new", "2025-01", "January 2025")
    assert started.returncode == 0, started.stderr
    path = root / WG4
    text = path.read_text(encoding="utf-8").replace("the nominated focal points", "the designated focal points")
    text += (
        "    corrections:\n"
        "      - kind: text\n"
        f"        printed: {OLD}\n"
        f"        corrected: {NEW}\n"
        "        reason: A wording the test corrects for the next edition.\n"
    )
    path.write_text(text, encoding="utf-8")
    built = run_compiler(root, "build", "--all")
    assert built.returncode == 0, built.stderr
    return root


@pytest.fixture(scope="module")
def draft_in_office(draft, tmp_path_factory):
    """The draft's DOCX as LibreOffice renders it (converted once)."""
    out = tmp_path_factory.mktemp("office")
    assert convert(edition_file(draft, "2025-01", "docx"), out).returncode == 0
    return Pdf(out / edition_file(draft, "2025-01", "pdf").name)


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_check_strict_passes_and_issued_files_equal_their_records(draft):
    check = run_compiler(draft, "check", "--strict", "-q")
    assert check.returncode == 0 and "warning" not in check.stderr, check.stderr
    for eid in ("2024-04", "2024-09"):
        record = json.loads((draft / "content" / "issued" / f"{eid}.json").read_text())
        for name, entry in record["files"].items():
            assert _sha(draft / "build" / eid / name) == entry["sha256"], name


def test_issued_editions_keep_the_old_wording_and_the_draft_has_the_new(draft):
    issued = Pdf(edition_file(draft, "2024-09", "pdf")).text
    new = Pdf(edition_file(draft, "2025-01", "pdf")).text
    # the same recommendation stands in the 2022 report of the Working Group on the Smuggling of Migrants
    assert issued.count(f"availability of {OLD}") == 2 and f"availability of {NEW}" not in issued
    assert new.count(f"availability of {NEW}") == 1 and new.count(f"availability of {OLD}") == 1


def test_diff_of_the_issued_edition_and_the_draft_reports_the_rewording(draft):
    result = run_compiler(draft, "diff", "2024-09", "2025-01", "--format", "json")
    assert result.returncode == 0, result.stderr
    items = {i["id"]: i for i in json.loads(result.stdout)["items"]}
    assert list(items) == ["wg4-2022-r14"]
    assert items["wg4-2022-r14"]["reworded"] and not items["wg4-2022-r14"]["label_changed"]
    brief = run_compiler(draft, "diff", "2024-09", "2025-01", "--brief").stdout
    assert f"1 item with corrected or changed wording: {NAME}." in brief


def test_the_draft_pdf_and_docx_tell_readers_what_changed(draft, draft_in_office):
    pdf = Pdf(edition_file(draft, "2025-01", "pdf"))
    page = next(p for p in pdf.pages[2:] if p.startswith("Changes in this edition"))
    assert NAME in page and f"Corrected: “{OLD}” now reads “{NEW}”" in page
    assert "Changes in this edition" in [t for t, _ in pdf.toc_lines(1)]
    link = next(lnk for lnk in pdf.links() if lnk.get("dest") == "wg4-2022-r14")  # the name links to the item
    assert f"availability of {NEW}" in pdf.pages[link["dest_page"]]
    word = docx.Document(str(edition_file(draft, "2025-01", "docx")))
    texts = [p.text for p in word.paragraphs]
    at = texts.index("Changes in this edition")
    assert any(NAME in t for t in texts[at:]) and any(f"now reads “{NEW}”" in t for t in texts[at:])
    office = draft_in_office
    assert any("Changes in this edition" in p and NAME in p for p in office.pages)
    assert len(office.pages) == len(pdf.pages)  # the two formats still break page for page alike
    # the issued editions have no such section
    assert "Changes in this edition" not in Pdf(edition_file(draft, "2024-09", "pdf")).text


def test_every_page_of_a_draft_reads_draft_and_no_page_of_an_issued_edition_does(draft, draft_in_office):
    pdf = Pdf(edition_file(draft, "2025-01", "pdf"))
    assert all("DRAFT – not an issued edition" in p for p in pdf.pages)
    word = docx.Document(str(edition_file(draft, "2025-01", "docx")))
    assert all("DRAFT – not an issued edition" in s.header.paragraphs[0].text for s in word.sections)
    assert all("DRAFT – not an issued edition" in p for p in draft_in_office.pages)
    assert "content with changes not yet committed" in pdf.pages[0]  # the draft's content is not committed yet
    for eid in ("2024-04", "2024-09"):
        assert not any("draft" in p.lower() for p in Pdf(edition_file(draft, eid, "pdf")).pages)
        issued = docx.Document(str(edition_file(draft, eid, "docx")))
        assert not any(s.header.paragraphs and s.header.paragraphs[0].text for s in issued.sections)


def test_diff_against_a_revision_names_it_and_added_items_carry_their_sub_items(draft):
    against = run_compiler(draft, "diff", "2024-09", "--against", "HEAD")
    assert against.returncode == 0, against.stderr
    assert against.stdout.startswith("Changes from the September 2024 edition as committed at HEAD to the ")
    data = json.loads(run_compiler(draft, "diff", "2024-04", "2024-09", "--format", "json").stdout)
    added = [i for i in data["items"] if i["change"] == "added" and i["sub_items"]]
    assert added and all(s["change"] == "added" and s["text"] for i in added for s in i["sub_items"])
    assert "1 sections" not in json.dumps(data) and "1 items" not in data["whats_new"]


def test_issuing_the_draft_records_it_as_issued_with_its_changes_and_no_draft_mark(draft, tmp_path):
    """(That later edits do not reach an issued edition, and that it rebuilds to its record: records/test_issued.py.)"""
    import shutil

    root = tmp_path / "p"
    shutil.copytree(draft, root)
    issued = run_compiler(root, "issue", "2025-01")
    assert issued.returncode == 0, issued.stderr
    # the draft's correction is not committed: said, and issued all the same (the record holds it)
    assert "warning: content/ has 2 file(s) with changes not committed" in issued.stderr
    record = json.loads((root / "content" / "issued" / "2025-01.json").read_text())
    assert record["model"]["document"]["changes"]["heading"] == "Changes in this edition"
    assert record["model"]["document"]["edition"]["draft_note"] is None  # issued: no draft mark
    pdf = edition_file(root, "2025-01", "pdf")
    assert not any("DRAFT" in p for p in Pdf(pdf).pages)
    assert _sha(pdf) == record["files"][pdf.name]["sha256"]


def test_an_edition_that_adds_nothing_is_not_issued_unless_forced(tmp_path):
    from ..conftest import copy_project

    root = copy_project(tmp_path / "p")
    assert run_compiler(root, "edition", "new", "2025-01", "January 2025").returncode == 0
    refused = run_compiler(root, "issue", "2025-01")
    assert refused.returncode == 1
    assert "edition 2025-01 adds and changes nothing since the 2024-09 edition" in refused.stderr
    assert not (root / "content" / "issued" / "2025-01.json").exists()
    assert 'id: "2025-01"' in (root / "content" / "editions.yaml").read_text()
    assert "status: draft" in (root / "content" / "editions.yaml").read_text().split('id: "2025-01"')[1]
    forced = run_compiler(root, "issue", "2025-01", "--force")
    assert forced.returncode == 0, forced.stderr
    assert "status: issued" in (root / "content" / "editions.yaml").read_text().split('id: "2025-01"')[1]


@pytest.mark.parametrize("after", [0.6, 1.2], ids=["early", "late"])
def test_issue_killed_at_any_moment_never_leaves_an_issued_edition_without_its_record(tmp_path, after):
    """kill -9 during `compiler issue`: the record is written before the status, so an edition is never "issued"
    without its record; a record beside a draft is a `check` error that says to run `issue` again, which finishes."""
    import os
    import signal
    import time

    from ..conftest import COMPILER, small_project

    root = small_project(tmp_path / "p")
    proc = subprocess.Popen(
        [*COMPILER, "issue", "2024-04", "--force"], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    time.sleep(after)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    editions = (root / "content" / "editions.yaml").read_text(encoding="utf-8")
    record = root / "content" / "issued" / "2024-04.json"
    status = editions[editions.index('id: "2024-04"') :].split("status: ", 1)[1].split()[0]
    if status == "issued":
        assert json.loads(record.read_text(encoding="utf-8"))["edition"] == "2024-04"
    elif record.exists():
        check = run_compiler(root, "check", "-q")
        assert check.returncode == 1 and "2024-04" in check.stderr and "compiler issue 2024-04" in check.stderr
    if status != "issued":  # finish it
        again = run_compiler(root, "issue", "2024-04", "--force")
        assert again.returncode == 0, again.stderr
    assert run_compiler(root, "check", "-q").returncode == 0
    assert run_compiler(root, "build", "2024-04").returncode == 0  # built from its record, reproducing it
