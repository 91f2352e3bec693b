"""The DOCX edition, read with python-docx and rendered by LibreOffice headless."""

from __future__ import annotations

import io
import json
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from compiler.sources.docx_read import read_items

from ..conftest import copy_project, edition_file, run_compiler
from ..libreoffice import convert
from ..pdfread import Pdf, norm

EDITIONS = ("2024-04", "2024-09")


@pytest.fixture(scope="module")
def data(built):
    return {e: json.loads(edition_file(built, e, "json").read_text()) for e in EDITIONS}


@pytest.fixture(scope="module")
def word(built):
    return {e: docx.Document(str(edition_file(built, e, "docx"))) for e in EDITIONS}


@pytest.fixture(scope="module")
def lo_pdf(built, tmp_path_factory):
    """The DOCX of each edition converted to PDF by LibreOffice."""
    out = tmp_path_factory.mktemp("lo")
    result = convert([edition_file(built, e, "docx") for e in EDITIONS], out)
    assert result.returncode == 0, result.stderr
    assert "error" not in (result.stdout + result.stderr).lower(), result.stderr
    return {e: Pdf(out / edition_file(built, e, "pdf").name) for e in EDITIONS}


def _styles(document):
    return [p.style.name for p in document.paragraphs]


@pytest.mark.parametrize("eid", EDITIONS)
def test_headings_use_word_heading_styles_in_order_without_skips(word, data, eid):
    d = data[eid]
    found = [(int(p.style.name[-1]), p.text) for p in word[eid].paragraphs if p.style.name.startswith("Heading")]
    expected = [(1, f["heading"]) for f in d["front"]]
    for part in d["parts"]:
        expected.append((1, part["heading"]))
        years = []
        for s in part["sections"]:
            if s["year"] not in years:
                years.append(s["year"])
                expected.append((2, str(s["year"])))
            expected.append((3, f"{s['title']} ({s['link_text']})"))
    assert found == expected
    levels = [lvl for lvl, _ in found]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:]))


@pytest.mark.parametrize("eid", EDITIONS)
def test_real_styles_for_items_labels_sub_items_and_contents(word, data, eid):
    styles = _styles(word[eid])
    counts = data[eid]["counts"]
    assert styles.count("Item Text") + styles.count("Item Intro") == counts["items"]
    assert styles.count("Item Intro") == sum(
        1 for p in data[eid]["parts"] for s in p["sections"] for i in s["items"] if i.get("sub_items")
    )
    assert styles.count("Recommendation Label") == counts["part_a_items"]
    subs = sum(len(i.get("sub_items", [])) for p in data[eid]["parts"] for s in p["sections"] for i in s["items"])
    assert styles.count("Sub Item") == subs
    assert styles.count("TOC 1") + styles.count("TOC 2") == len(data[eid]["toc"])
    doc = word[eid]
    for name in ("Item Text", "Item Intro", "Recommendation Label", "Sub Item", "TOC 1", "TOC 2", "Hyperlink"):
        assert doc.styles[name] is not None
    # no direct paragraph formatting on body paragraphs: spacing and fonts come from styles
    for p in doc.paragraphs:
        if p.style.name in ("Item Text", "Item Intro", "Sub Item", "Normal", "Heading 3"):
            ppr = p._p.find(qn("w:pPr"))
            assert ppr is None or {c.tag for c in ppr} <= {qn("w:pStyle"), qn("w:sectPr")}
    normal = doc.styles["Normal"]
    assert normal.font.name == "Calibri"
    lang = doc.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:val")) == "en-GB"


@pytest.mark.parametrize("eid", EDITIONS)
def test_table_of_contents_is_a_filled_word_field_with_links_to_bookmarks(word, data, eid):
    doc = word[eid]
    body = doc.element.body
    instr = [t.text for t in body.iter(qn("w:instrText"))]
    assert instr[0].strip().startswith("TOC ")
    toc_paras = [p for p in doc.paragraphs if p.style.name in ("TOC 1", "TOC 2")]
    bookmarks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    ids = [b.get(qn("w:id")) for b in body.iter(qn("w:bookmarkStart"))]
    assert len(ids) == len(set(ids))
    for p, entry in zip(toc_paras, data[eid]["toc"]):
        link = p._p.find(qn("w:hyperlink"))
        anchor = link.get(qn("w:anchor"))
        assert anchor in bookmarks
        pageref = [t.text for t in p._p.iter(qn("w:instrText")) if "PAGEREF" in t.text]
        assert pageref == [f" PAGEREF {anchor} \\h "]
        text = "".join(t.text for t in link.iter(qn("w:t")))
        assert text.startswith(entry["text"]) and text[len(entry["text"]) :].isdigit()
    ends = [c for c in body.iter(qn("w:fldChar"))]
    assert sum(1 for c in ends if c.get(qn("w:fldCharType")) == "begin") == sum(
        1 for c in ends if c.get(qn("w:fldCharType")) == "end"
    )


@pytest.mark.parametrize("eid", EDITIONS)
def test_links_footer_page_field_and_properties(word, data, eid):
    doc = word[eid]
    rels = {r.target_ref for r in doc.part.rels.values() if r.is_external}
    for s in data[eid]["parts"][0]["sections"]:
        assert f"https://undocs.org/{s['report_symbol']}" in rels
    assert "mailto:untoc.review@un.org" in rels
    assert any("Summary_of_the_Chair" in r for r in rels)
    cover, body, back = doc.sections  # the back cover is a section of its own, without a page number
    assert not any(p.text for p in cover.footer.paragraphs) and not any(p.text for p in back.footer.paragraphs)
    assert not list(back.footer._element.iter(qn("w:instrText")))
    assert [p.text for p in doc.paragraphs][-1] == data[eid]["publication"]["contact"]
    footer_instr = [t.text.strip() for t in body.footer._element.iter(qn("w:instrText"))]
    assert footer_instr == ["PAGE"]
    assert body._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    cp = doc.core_properties
    assert (
        cp.title.startswith("Compilation of recommendations")
        and cp.author == "United Nations Office on Drugs and Crime"
    )
    assert cp.language == "en-GB" and data[eid]["edition"]["date"] in cp.subject
    month = {"2024-04": 4, "2024-09": 9}[eid]
    assert (cp.created.year, cp.created.month, cp.created.day) == (2024, month, 1)
    assert cp.modified == cp.created


def test_building_twice_gives_identical_docx_with_fixed_zip_entries(built, tmp_path):
    other = copy_project(tmp_path / "again")
    assert run_compiler(other, "build", "--format", "docx").returncode == 0
    first = edition_file(built, "2024-09", "docx").read_bytes()
    assert edition_file(other, "2024-09", "docx").read_bytes() == first
    z = zipfile.ZipFile(io.BytesIO(first))
    assert z.namelist()[0] == "[Content_Types].xml"
    assert {i.date_time for i in z.infolist()} == {(2024, 9, 1, 0, 0, 0)}
    assert "docProps/thumbnail.jpeg" not in z.namelist()


@pytest.mark.parametrize("eid", EDITIONS)
def test_round_trip_recovers_every_item_exactly(built, data, eid):
    items = read_items(edition_file(built, eid, "docx").read_bytes())
    expected = [i for p in data[eid]["parts"] for s in p["sections"] for i in s["items"]]
    assert [i["id"] for i in items] == [i["id"] for i in expected]
    for got, want in zip(items, expected):
        assert got["text"] == want["text"] and got["markdown"] == want["markdown"]
        assert got["label"] == want["label"]
        assert [(s["label"], s["text"]) for s in got["sub_items"]] == [
            (s["label"], s["text"]) for s in want.get("sub_items", [])
        ]


@pytest.mark.parametrize("eid", EDITIONS)
def test_libreoffice_renders_the_same_text_order_and_pages(built, data, lo_pdf, eid):
    lo = lo_pdf[eid]
    weasy = Pdf(edition_file(built, eid, "pdf"))
    assert abs(len(lo.pages) - len(weasy.pages)) <= 1
    assert {n.split("+")[-1] for n, emb in lo.fonts()} <= {"Carlito", "Carlito-Bold", "Carlito-Italic"}
    body = " ".join(lo.pages[2:])
    pos = 0
    d = data[eid]
    for s in (s for p in d["parts"] for s in p["sections"]):
        pos = body.index(norm(f"{s['title']} ({s['link_text']})"), pos)
        for item in s["items"]:
            pos = body.index(norm(item["text"])[:80], pos)
    assert body.count("Recommendation ") == d["counts"]["part_a_items"]
    assert norm(" ".join(weasy.pages[2:])).count(" ") == pytest.approx(body.count(" "), rel=0.01)


@pytest.mark.parametrize("eid", EDITIONS)
def test_libreoffice_contents_page_numbers_point_at_the_headings(data, lo_pdf, eid):
    lo = lo_pdf[eid]
    d = data[eid]
    headings = {f["key"]: f["heading"] for f in d["front"]}
    headings.update({f"part-{p['part'].lower()}": p["heading"] for p in d["parts"]})
    headings.update({s["id"]: f"{s['title']} ({s['link_text']})" for p in d["parts"] for s in p["sections"]})
    lines = lo.toc_lines(1)
    assert [t for t, _ in lines] == [norm(t["text"]) for t in d["toc"]]
    for (text, number), entry in zip(lines, d["toc"]):
        assert norm(headings[entry["anchor"]]) in lo.pages[number], (text, number)
    assert lo.pages[0].endswith(d["edition"]["date"])  # no page number on the cover
    assert lo.pages[1].endswith("1")


def test_libreoffice_recognises_the_contents_as_an_index_and_updating_keeps_it(built, data, tmp_path):
    from ..libreoffice import office

    (result,) = office([("update-indexes", edition_file(built, "2024-09", "docx"))], tmp_path)
    assert len(result["indexes"]) == 1
    lines = [l.rsplit("\t", 1) for l in result["indexes"][0].splitlines() if l.strip()]
    assert [t for t, _ in lines] == [t["text"] for t in data["2024-09"]["toc"]]
    weasy = Pdf(edition_file(built, "2024-09", "pdf"))
    assert [int(n) for _, n in lines] == [n for _, n in weasy.toc_lines(1)]


def _pdf_weights(pdf_path, heading: str) -> tuple[set[bool], set[bool]]:
    """Return the boldness of the title's characters and of the parenthesis's, in the PDF's fonts."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextContainer, LTTextLine

    for page in extract_pages(str(pdf_path)):
        for box in page:
            if not isinstance(box, LTTextContainer):
                continue
            for line in box:
                if isinstance(line, LTTextLine) and line.get_text().strip() == heading:
                    chars = [c for c in line if isinstance(c, LTChar)]
                    at = next(i for i, c in enumerate(chars) if c.get_text() == "(")  # (a ligature is one char)
                    return (
                        {"Bold" in c.fontname for c in chars[:at] if c.get_text().strip()},
                        {"Bold" in c.fontname for c in chars[at:] if c.get_text().strip()},
                    )
    raise AssertionError(f"heading {heading!r} not found in the PDF")


def test_section_headings_set_their_source_regular_in_docx_as_in_the_pdf(built):
    word = docx.Document(str(edition_file(built, "2024-09", "docx")))
    headings = [p for p in word.paragraphs if p.style.name == "Heading 3"]
    checked = 0
    for text in (
        "Working Group on Trafficking in Persons (CTOC/COP/WG.4/2022/4)",  # a linked report symbol
        "Constructive Dialogue on Firearms (Summary by the Chair)",
    ):  # a summary without a link
        p = next(h for h in headings if h.text == text)
        runs = list(p._p.iter(qn("w:r")))
        title = [r for r in runs if "".join(t.text or "" for t in r.iter(qn("w:t"))).strip()]
        at = next(i for i, r in enumerate(title) if "".join(t.text for t in r.iter(qn("w:t"))).startswith("("))
        regular = [r.find(qn("w:rPr")).find(qn("w:b")).get(qn("w:val")) == "0" for r in title[at:]]
        inherited = [r.find(qn("w:rPr")) is None or r.find(qn("w:rPr")).find(qn("w:b")) is None for r in title[:at]]
        assert all(regular) and all(inherited), text  # Heading 3 is bold; the source is set regular
        bold_title, bold_source = _pdf_weights(edition_file(built, "2024-09", "pdf"), text)
        assert bold_title == {True} and bold_source == {False}, text  # and the PDF's fonts agree
        checked += 1
    assert checked == 2


def test_only_the_parts_contents_entries_are_bold_and_the_address_is_not_underlined(built):
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextContainer, LTTextLine

    word = docx.Document(str(edition_file(built, "2024-04", "docx")))
    entries = [p for p in word.paragraphs if p.style.name == "TOC 1"]
    for p in entries:
        bold = [b.get(qn("w:val")) for b in p._p.iter(qn("w:b"))]
        if p.text.startswith(("A. ", "B. ")):
            assert bold == [], p.text  # bold from the TOC 1 style
        else:
            assert bold and set(bold) == {"0"}, p.text  # Guidance, Background: regular
    contact = word.paragraphs[-1]
    assert [u.get(qn("w:val")) for u in contact._p.iter(qn("w:u"))] == ["none"]
    page = next(iter(extract_pages(str(edition_file(built, "2024-04", "pdf")), page_numbers=[1])))
    weights = {}
    for box in page:
        for line in box if isinstance(box, LTTextContainer) else ():
            if isinstance(line, LTTextLine):
                chars = [c for c in line if isinstance(c, LTChar) and c.get_text().strip()]
                weights[line.get_text().strip()[:20]] = {"Bold" in c.fontname for c in chars[:5]}
    assert weights["Guidance for Readers"] == {False} and weights["A. Recommendations b"] == {True}


def test_text_is_set_flush_left_as_in_the_pdf(word):
    """No stretched lines in Word or LibreOffice either: the same flush-left setting as print.css."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for e in EDITIONS:
        styles = word[e].styles
        assert styles["Normal"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.LEFT
        assert all(
            s.paragraph_format.alignment in (None, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER)
            for s in styles
            if s.type == 1 and s.name in ("Item Text", "Sub Item", "List Item")
        )
