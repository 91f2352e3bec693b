"""The index of themes that ends an edition with themes: in the PDF (one layout), each item's page as the body has
it, laid out on the page kept for it; in the DOCX, PAGEREF fields to the items' bookmarks with the same numbers;
none in an edition issued before items had themes."""

from __future__ import annotations

import re

import docx
import pytest
from pdfminer.high_level import extract_text

from compiler.content.load import load_content
from compiler.content.select import select
from compiler.project import Project
from compiler.view import plain_view

from ..conftest import as_draft, copy_project, edition_file, run_compiler
from ..pdfread import Pdf, index_numbers

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def draft(tmp_path_factory):
    root = as_draft(copy_project(tmp_path_factory.mktemp("index") / "project", themes=True))
    result = run_compiler(root, "build", "2024-09", "--format", "pdf,docx")
    assert result.returncode == 0, result.stderr
    view = plain_view(select(load_content(Project(root)), "2024-09"))
    return root, [(e.id, e.locator) for t in view.themes_index for e in t.entries], view


def test_the_pdf_index_gives_each_items_page_in_the_contents_and_outline_before_the_back_cover(draft):
    root, entries, view = draft
    pdf = Pdf(edition_file(root, "2024-09", "pdf"))
    named, labels = pdf.reader.named_destinations, pdf.reader.page_labels
    expected = [(i, int(labels[pdf.page_of_ref(named[i]["/Page"])])) for i, _ in entries]
    note = pdf.attachment_json()["edition"]["draft_note"]
    assert index_numbers(pdf, view.themes_index, note) == expected
    start = next(i for i, text in enumerate(pdf.pages) if text.replace(note, "").strip().startswith("Index of themes"))
    assert "Working Group on Trafficking in Persons, 2022: recommendation 14, page 5" in pdf.pages[start]
    assert (
        "Working Group on International Cooperation, 2023: recommendation (l), page 6; recommendation (m), page 6"
        in (pdf.pages[start])
    )
    assert labels[-1] == "Back cover" and "untoc.review@un.org" in pdf.pages[-1] and start < len(pdf.pages) - 1
    # an entry ("recommendation (l), page 6") is never broken over two lines; lines break between entries
    lines = [
        line.strip()
        for line in extract_text(str(pdf.path), page_numbers=range(start, len(pdf.pages) - 1)).splitlines()
        if line.strip() and note not in line and not line.strip().isdigit()  # not the folios
    ]
    assert any(line.endswith(";") for line in lines)  # a line of entries runs on to the next
    broken = [line for line in lines if re.search(r"\b(recommendation|observation|paragraph|page|\d+,)$", line)]
    broken += [line for line in lines if re.match(r"(page\b|\d+\b|\([a-z]+\),)", line)]
    assert not broken, broken
    assert all(int(labels[p]) == int(labels[p - 1]) + 1 for p in range(start, len(pdf.pages) - 1))  # numbered on
    toc = dict((text, n) for text, n in pdf.toc_lines(1, skip=note))
    assert toc["Index of themes"] == int(labels[start])  # in the contents, linked, and in the outline
    assert {"page": 1, "dest": "themes-index", "dest_page": start} in pdf.links(1)
    assert pdf.outline()[-1] == (1, "Index of themes")
    assert [t.name for t in view.themes_index][:2] == ["Focal points and governmental experts", "Funding and resources"]


def test_the_docx_index_has_pageref_fields_to_the_items_bookmarks_with_the_pdfs_numbers(draft):
    root, entries, view = draft
    word = docx.Document(str(edition_file(root, "2024-09", "docx")))
    bookmarks = {b.get(f"{W}name") for b in word.element.body.iter(f"{W}bookmarkStart")}
    rows = [p for p in word.paragraphs if p.style.name == "Index 1"]
    groups = [g for t in view.themes_index for g in t.groups]
    assert len(rows) == len(groups)
    pages = dict(index_numbers(Pdf(edition_file(root, "2024-09", "pdf")), view.themes_index, _note(root)))
    for p, group in zip(rows, groups):
        codes = [(i.text or "").strip() for i in p._p.iter(f"{W}instrText")]
        assert codes == [f"PAGEREF {e.id.replace('-', '_')} \\h" for e in group.entries]
        assert all(code.split()[1] in bookmarks for code in codes)
        expected = "; ".join(f"{e.locator}, page {pages[e.id]}" for e in group.entries)
        assert p.text == f"{group.section}: {expected}"
    assert [p.text for p in word.paragraphs if p.style.name == "Index Heading"][
        0
    ] == "Focal points and governmental experts"


def test_an_edition_issued_before_themes_has_no_index(built):
    pdf = Pdf(edition_file(built, "2024-09", "pdf"))
    assert not any(text.startswith("Index of themes") for text in pdf.pages)
    word = docx.Document(str(edition_file(built, "2024-09", "docx")))
    assert not [p for p in word.paragraphs if p.style.name == "Index 1"]


def _note(root) -> str:
    return Pdf(edition_file(root, "2024-09", "pdf")).attachment_json()["edition"]["draft_note"]
