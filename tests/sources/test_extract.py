"""Exact extraction from Word and PDF files written the way UN documents are (fixtures: un_documents.py)."""

from __future__ import annotations

import pytest

from compiler.sources.extract import extract
from compiler.sources.summary import parse_summary

from ..libreoffice import convert
from .un_documents import EXPECTED, SUB_ITEMS, make_hyphenated_pdf, make_summary_docx


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("un")
    docx = make_summary_docx(folder / "summary.docx")
    assert convert(docx, folder).returncode == 0  # LibreOffice: the PDF as a secretariat would make it
    return {"docx": docx, "office-pdf": folder / "summary.pdf", "pdf": make_hyphenated_pdf(folder / "lines.pdf")}


def _observations(path):
    extraction = extract(path).resolve()
    summary = parse_summary(extraction.text, str(path))
    return {o.number: o for o in summary.observations}, extraction


@pytest.mark.parametrize("kind", ["docx", "office-pdf", "pdf"])
def test_every_observation_comes_out_word_for_word(files, kind):
    found, extraction = _observations(files[kind])
    assert {n: o.text for n, o in found.items()} == EXPECTED
    assert found[3].sub_items == SUB_ITEMS[3]
    text = extraction.text
    assert "\u00ad" not in text and "CTOC/COP/WG.2/2025/CRP.9" not in text and "V.25-01234" not in text
    assert "fixture of the compiler" not in text  # the footnote's own text is not body text


def test_word_soft_hyphens_and_footnote_references_are_dropped_and_reported(files):
    _, extraction = _observations(files["docx"])
    assert extraction.footnote_marks == 1 and extraction.invisible == 2
    report = " ".join(extraction.report())
    assert "removed 1 footnote mark(s)" in report and "removed 2 invisible character(s)" in report


def test_a_split_word_is_joined_and_a_split_compound_keeps_its_hyphen(files):
    found, extraction = _observations(files["pdf"])
    assert "internationalization" in found[1].text and "organized crime-related threats" in found[2].text
    assert extraction.hyphens.joined == ["internationalization"] and extraction.hyphens.compounds == ["crime-related"]
    assert extraction.footnote_marks == 1 and extraction.furniture_lines >= 3  # head, job number, page n/N
    report = extraction.report()
    assert "joined 1 word(s) hyphenated at a line end: internationalization" in report
    assert "kept 1 compound(s) hyphenated at a line end: crime-related" in report


def test_the_office_pdf_paragraph_runs_over_a_page_break(files):
    from pypdf import PdfReader

    pages = [p.extract_text() for p in PdfReader(str(files["office-pdf"])).pages]
    assert len(pages) >= 2 and "4." in "".join(pages)  # the long paragraph 4 crosses a page
    found, _ = _observations(files["office-pdf"])
    assert found[4].text == EXPECTED[4]
