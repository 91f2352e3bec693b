"""Redlines: HTML and PDF mark every change; the DOCX has real tracked changes that accept/reject."""

from __future__ import annotations

import pytest

from ..changes_fixture import make_changes_project
from ..conftest import as_draft, copy_project, edition_file, run_compiler
from ..docx_revisions import count_changes, plain, resolve
from ..libreoffice import office
from ..pdfread import Pdf


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return make_changes_project(tmp_path_factory.mktemp("redline") / "project")


@pytest.fixture(scope="module")
def outputs(project, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    # the edition built normally first: the tracked DOCX then reuses its page layout
    assert run_compiler(project, "build", "2024-09", "--format", "pdf,docx", "--allow-changes").returncode == 0
    for fmt in ("html", "pdf", "docx"):
        result = run_compiler(
            project, "diff", "2024-09", "--against", "HEAD", "--format", fmt, "-o", str(out / f"redline.{fmt}")
        )
        assert result.returncode == 0, result.stderr
    # the edition as committed, built normally, to compare rejected text with
    old = as_draft(copy_project(tmp_path_factory.mktemp("old") / "project", themes=True))  # the fixture's HEAD
    assert run_compiler(old, "build", "2024-09", "--format", "docx").returncode == 0
    return {
        "dir": out,
        "new_docx": edition_file(project, "2024-09", "docx"),
        "old_docx": edition_file(old, "2024-09", "docx"),
    }


def test_html_redline_marks_each_kind_of_change(outputs):
    html = (outputs["dir"] / "redline.html").read_text(encoding="utf-8")
    assert "How to read this redline" in html and "Summary" in html
    assert html.index("How to read this redline") < html.index("Guidance for")
    assert "<del>undue</del>" in html and "<ins>any</ins>" in html
    assert 'data-item-id="cd-ta-2023-o2" data-change="added"' in html
    assert "Moved from 2023: Constructive Dialogue on Technical Assistance" in html
    assert 'data-item-id="cd-ta-2023-o2" data-change="removed"' in html
    assert "Moved to 2023: Constructive Dialogue on International Cooperation" in html
    assert 'data-item-id="cd-som-2023-o6" data-change="removed"' in html
    assert 'data-item-id="wg6-2023-r19" data-change="added"' in html
    assert "<del>continuous</del>" in html and "<ins>continued</ins>" in html
    assert "<ins>Report on their progress.</ins>" in html
    assert "<ins> and Ammunition</ins>" in html  # section heading
    assert "<del>Readers</del>" in html and "<ins>readers</ins>" in html
    assert html.count('class="item chg') >= 6
    assert "border-left" in html  # the change bar


def test_pdf_redline_has_the_summary_first_and_the_marks(outputs):
    pdf = Pdf(outputs["dir"] / "redline.pdf")
    first = pdf.pages[0]
    assert first.startswith(
        "Changes to the compilation: the September 2024 edition in the working copy compared with the "
        "September 2024 edition as committed at HEAD"
    )
    assert "How to read this redline" in first and "1 item added, 1 removed, 1 moved" in first
    text = pdf.text
    assert "Moved from 2023: Constructive Dialogue on Technical Assistance" in text
    assert "Report on their progress." in text
    data = pdf.attachment_json()
    assert data["format"] == "untoc-compilation/changes@1" and data["counts"]["items_moved"] == 1


def test_docx_changes_are_tracked_and_attributed(outputs):
    data = (outputs["dir"] / "redline.docx").read_bytes()
    changes = count_changes(data)
    assert changes["ins"] > 5 and changes["del"] > 5
    assert changes["authors"] == {"Secretariat"}
    assert changes["dates"] == {"2024-09-01T00:00:00Z"}


def test_docx_accept_all_gives_new_and_reject_all_gives_old_at_xml_level(outputs):
    data = (outputs["dir"] / "redline.docx").read_bytes()
    new = plain(outputs["new_docx"].read_bytes())
    old = plain(outputs["old_docx"].read_bytes())
    assert new != old
    assert resolve(data, accept=True) == new
    assert resolve(data, accept=False) == old


def test_docx_accept_and_reject_in_libreoffice(outputs, tmp_path):
    tracked = outputs["dir"] / "redline.docx"
    accepted, rejected, new, old = office(
        [
            ("accept-all", tracked),
            ("reject-all", tracked),
            ("text", outputs["new_docx"]),
            ("text", outputs["old_docx"]),
        ],
        tmp_path,
    )
    assert accepted["tracked_changes"] > 5 and accepted["remaining_changes"] == 0
    assert accepted["text"] == new["text"]
    assert rejected["text"] == old["text"]


def test_real_april_to_september_tracked_docx_in_libreoffice(built, tmp_path):
    out = tmp_path / "changes.docx"
    result = run_compiler(built, "diff", "2024-04", "2024-09", "--format", "docx", "-o", str(out))
    assert result.returncode == 0, result.stderr
    accepted, rejected, new, old = office(
        [
            ("accept-all", out),
            ("reject-all", out),
            ("text", edition_file(built, "2024-09", "docx")),
            ("text", edition_file(built, "2024-04", "docx")),
        ],
        tmp_path,
    )
    assert accepted["tracked_changes"] > 5 and accepted["remaining_changes"] == 0
    # the cover's date changed: in the redline it is in the text, where LibreOffice keeps its tracked change (a
    # frame, where the editions set it at the foot of the cover, loses it: "AprilSeptember 2024")
    assert new["frames"] == ["Vienna, September 2024"] and old["frames"] == ["Vienna, April 2024"]
    assert accepted["frames"] == rejected["frames"] == []
    assert "Vienna, September 2024" in accepted["text"] and "AprilSeptember" not in accepted["text"]
    assert "Vienna, April 2024" in rejected["text"] and "AprilSeptember" not in rejected["text"]

    def body(result, imprint):  # the text but the cover's date, wherever it is set
        return result["text"].replace(imprint + "\n", "", 1)

    assert body(accepted, "Vienna, September 2024") == new["text"]
    assert body(rejected, "Vienna, April 2024") == old["text"]
