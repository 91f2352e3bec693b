"""The cover in PDF and DOCX alike: an optional logo, the title as one paragraph, place and date at the foot,
and the imprint page on its verso exactly when the content gives imprint lines."""

from __future__ import annotations

import docx
import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTCurve, LTFigure, LTImage, LTTextContainer

from ..conftest import as_draft, copy_project, edition_file, run_compiler
from ..libreoffice import convert
from ..pdfread import Pdf, norm
from .test_logo import SVG


def _find(page, predicate):
    out = []
    for element in page:
        if predicate(element):
            out.append(element)
        if isinstance(element, LTFigure):
            out += _find(element, predicate)
    return out


def _imprint_top(pdf_path, text: str) -> float:
    """Return how far below the top of the cover the place and date line starts, in points."""
    page = next(iter(extract_pages(str(pdf_path), maxpages=1)))
    box = next(b for b in _find(page, lambda e: isinstance(e, LTTextContainer)) if b.get_text().strip() == text)
    return page.height - box.y1


IMPRINT = ["Imprint line one of a test fixture.", "Imprint line two: not a real notice."]


@pytest.fixture(scope="module")
def with_logo(tmp_path_factory):
    """A draft of September 2024 with a logo (SVG) and two imprint lines, in PDF, DOCX and LibreOffice's PDF."""
    root = as_draft(copy_project(tmp_path_factory.mktemp("logo") / "p"))
    (root / "content" / "assets").mkdir()
    (root / "content" / "assets" / "emblem.svg").write_text(SVG)
    publication = root / "content" / "publication.yaml"
    text = publication.read_text(encoding="utf-8")
    text = text.replace("  heading: COMPILATION\n", "  heading: COMPILATION\n  logo: assets/emblem.svg\n")
    publication.write_text(text + "imprint:\n" + "".join(f'  - "{line}"\n' for line in IMPRINT), encoding="utf-8")
    result = run_compiler(root, "build", "2024-09", "--format", "pdf,docx")
    assert result.returncode == 0, result.stderr
    office = root / "office"
    assert convert(edition_file(root, "2024-09", "docx"), office).returncode == 0
    return root, office / edition_file(root, "2024-09", "pdf").name


def test_the_logo_is_on_the_cover_of_both_and_the_pages_still_agree(with_logo):
    root, office_pdf = with_logo
    pdf_path = edition_file(root, "2024-09", "pdf")
    page = next(iter(extract_pages(str(pdf_path), maxpages=1)))
    drawn = _find(page, lambda e: type(e) is LTCurve or isinstance(e, (LTImage, LTFigure)))  # the SVG, as vectors
    assert drawn and all(e.y0 > 0.8 * page.height for e in drawn)  # at the head of the cover
    word = docx.Document(str(edition_file(root, "2024-09", "docx")))
    assert len(word.inline_shapes) == 1 and word.paragraphs[0].style.name == "Cover Logo"
    assert len(Pdf(office_pdf).pages) == len(Pdf(pdf_path).pages)
    office_page = next(iter(extract_pages(str(office_pdf), maxpages=1)))
    assert _find(office_page, lambda e: isinstance(e, (LTImage, LTFigure)))


def test_place_and_date_sit_at_the_foot_of_the_cover_in_both(with_logo):
    root, office_pdf = with_logo
    imprint = "Vienna, September 2024"
    pdf_top = _imprint_top(edition_file(root, "2024-09", "pdf"), imprint)
    office_top = _imprint_top(office_pdf, imprint)
    assert pdf_top > 0.85 * 842  # in the last sixth of the A4 page
    assert abs(pdf_top - office_top) < 3 * 72 / 25.4  # within 3 mm of each other


def test_the_title_runs_across_the_measure_not_the_prints_line_breaks(built):
    cover = Pdf(edition_file(built, "2024-09", "pdf")).pages[0]
    assert "OF RECOMMENDATIONS ON THE UNTOC REVIEW MECHANISM" in " ".join(cover.split())
    word = docx.Document(str(edition_file(built, "2024-09", "docx")))
    titles = [p.text for p in word.paragraphs if p.style.name == "Cover Title Line"]
    assert len(titles) == 1 and titles[0].startswith("OF RECOMMENDATIONS ON THE UNTOC REVIEW MECHANISM MADE BY THE")


def test_an_imprint_page_appears_exactly_when_imprint_lines_are_given(with_logo, built):
    root, office_pdf = with_logo
    pdf = Pdf(edition_file(root, "2024-09", "pdf"))
    assert all(line in pdf.pages[1] for line in IMPRINT)
    labels = pdf.reader.page_labels
    assert labels[:3] == ["Cover", "Imprint", "1"] and pdf.pages[2].split()[-1] == "1"
    data = pdf.attachment_json()
    headings = {f["key"]: f["heading"] for f in data["front"]}
    headings.update({f"part-{p['part'].lower()}": p["heading"] for p in data["parts"]})
    headings.update({s["id"]: f"{s['title']} ({s['link_text']})" for p in data["parts"] for s in p["sections"]})
    headings["themes-index"] = "Index of themes"  # in an edition with themes
    headings["changes"] = data["changes"]["heading"]  # a draft after an issued edition has the section
    for (text, number), entry in zip(pdf.toc_lines(2), data["toc"]):  # folios, not page indexes
        assert norm(headings[entry["anchor"]]) in pdf.pages[labels.index(str(number))], text
    word = docx.Document(str(edition_file(root, "2024-09", "docx")))
    texts = [p.text for p in word.paragraphs]
    assert texts.index(IMPRINT[0]) < texts.index("Table of Contents")
    assert all(line in Pdf(office_pdf).pages[1] for line in IMPRINT)  # LibreOffice: on the verso too
    issued = Pdf(edition_file(built, "2024-09", "pdf"))  # no imprint lines: no imprint page
    assert issued.reader.page_labels[:2] == ["Cover", "1"]
