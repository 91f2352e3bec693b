"""The built PDFs, read back with a PDF library: order, counts, contents, links, outline, metadata."""

from __future__ import annotations

import pytest

from ..conftest import edition_file
from ..pdfread import Pdf, norm

EXPECTED = {"2024-04": (10, 37, 6, 4), "2024-09": (18, 74, 10, 8)}


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def edition(request, built):
    pdf = Pdf(edition_file(built, request.param, "pdf"))
    return request.param, pdf, pdf.attachment_json()


def _heading(section: dict) -> str:
    return f"{section['title']} ({section['link_text']})"


def test_sections_and_items_in_order_with_counts(edition):
    eid, pdf, data = edition
    sections = [s for p in data["parts"] for s in p["sections"]]
    items = [i for s in sections for i in s["items"]]
    n_sections, n_items, n_a, n_b = EXPECTED[eid]
    assert (len(sections), len(items)) == (n_sections, n_items)
    assert [len(p["sections"]) for p in data["parts"]] == [n_a, n_b]
    body = " ".join(pdf.pages[2:])
    pos = 0
    for s in sections:
        pos = body.index(norm(_heading(s)), pos)
        for item in s["items"]:
            if item["label"]:
                pos = body.index(f"Recommendation {item['label']}", pos)
            pos = body.index(norm(item["text"])[:80], pos)
            for sub in item.get("sub_items", []):
                pos = body.index(norm(f"{sub['label']} {sub['text']}")[:80], pos)
    labels = body.count("Recommendation ")
    assert labels == sum(1 for i in items if i["kind"] == "recommendation")


def test_table_of_contents_page_numbers_are_where_the_headings_are(edition):
    eid, pdf, data = edition
    lines = pdf.toc_lines(1)
    assert [t for t, _ in lines] == [norm(t["text"]) for t in data["toc"]]
    headings = {f["key"]: f["heading"] for f in data["front"]}
    headings.update({f"part-{p['part'].lower()}": p["heading"] for p in data["parts"]})
    headings.update({s["id"]: _heading(s) for p in data["parts"] for s in p["sections"]})
    links = [l for l in pdf.links(1) if "dest" in l]
    by_dest = {l["dest"]: l["dest_page"] for l in links}
    for (text, number), entry in zip(lines, data["toc"]):
        # the cover is not counted: printed number n is page index n
        assert norm(headings[entry["anchor"]]) in pdf.pages[number], (text, number)
        assert by_dest[entry["anchor"]] == number, text
    assert {l["dest"] for l in links} == {t["anchor"] for t in data["toc"]}


def test_report_symbols_and_contact_are_links(edition):
    eid, pdf, data = edition
    uris = [l["uri"] for l in pdf.links() if "uri" in l]
    symbols = [s["report_symbol"] for s in data["parts"][0]["sections"]]
    for symbol in symbols:
        assert f"https://undocs.org/{symbol}" in uris
    assert "mailto:untoc.review@un.org" in uris
    assert any("IC_2023/Summary_of_the_Chair" in u for u in uris)
    assert "untoc.review@un.org" in pdf.pages[-1]


def test_bookmarks_mirror_the_table_of_contents(edition):
    eid, pdf, data = edition
    assert pdf.outline() == [(t["level"], t["text"]) for t in data["toc"]]


def test_metadata_language_tags_and_dates(edition):
    eid, pdf, data = edition
    meta = pdf.reader.metadata
    assert meta.title.startswith("Compilation of recommendations on the UNTOC Review Mechanism")
    assert meta.author == "United Nations Office on Drugs and Crime"
    assert data["edition"]["date"] in meta.subject
    month = {"2024-04": "20240401", "2024-09": "20240901"}[eid]
    assert meta["/CreationDate"].startswith(f"D:{month}") and meta["/ModDate"].startswith(f"D:{month}")
    root = pdf.reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]


def test_all_fonts_are_embedded_carlito(edition):
    eid, pdf, data = edition
    fonts = pdf.fonts()
    assert fonts and all(embedded for _, embedded in fonts)
    assert {name.split("+")[-1] for name, _ in fonts} <= {
        "Carlito",
        "Carlito-Bold",
        "Carlito-Italic",
        "Carlito-BoldItalic",
    }


def test_cover_then_contents_and_page_numbers_in_the_footer(edition):
    eid, pdf, data = edition
    cover = pdf.pages[0]
    assert "UNODC" in cover and "REVIEW MECHANISM" in cover and "COMPILATION" in cover
    assert f"Vienna, {data['edition']['date']}" in cover
    assert "RECOMMENDATIONS" in cover and "OBSERVATIONS" in cover
    assert cover.endswith(f"Vienna, {data['edition']['date']}")  # no page number on the cover
    assert pdf.pages[1].startswith("Table of Contents")
    for index in range(1, len(pdf.pages) - 1):  # the last page is the back cover, without a folio
        assert pdf.pages[index].rstrip().endswith(str(index))


def test_embedded_data_lets_a_recipient_recover_every_item(edition):
    eid, pdf, data = edition
    assert data["format"] == "untoc-compilation/edition@1"
    items = [i for p in data["parts"] for s in p["sections"] for i in s["items"]]
    assert len({i["id"] for i in items}) == len(items) == EXPECTED[eid][1]
    assert all(s["source"].startswith("content/part-") for p in data["parts"] for s in p["sections"])
    if eid == "2024-09":
        joint = [s for s in data["parts"][1]["sections"] if s["id"] == "cd-ta-ic-2024"][0]
        assert [i["paragraph"] for i in joint["items"]] == list(range(45, 53))


def test_cover_title_emphasis_is_bold(built):
    pdf = Pdf(edition_file(built, "2024-09", "pdf"))
    page = pdf.reader.pages[0]
    bold_text = []

    def visit(text, cm, tm, font, size):
        if font and "Bold" in str(font.get("/BaseFont", "")):
            bold_text.append(text)

    page.extract_text(visitor_text=visit)
    bold = "".join(bold_text)
    assert "RECOMMENDATIONS" in bold and "OBSERVATIONS" in bold


def test_no_heading_or_label_is_stranded_at_a_page_foot(edition):
    eid, pdf, data = edition
    headings = [norm(_heading(s)) for p in data["parts"] for s in p["sections"]]
    headings += [str(y) for y in (2022, 2023, 2024)]
    headings += [
        f"Recommendation {i['label']}" for p in data["parts"] for s in p["sections"] for i in s["items"] if i["label"]
    ]
    for index in range(2, len(pdf.pages) - 1):  # up to the back cover
        lines = [norm(l) for l in (pdf.reader.pages[index].extract_text() or "").splitlines() if l.strip()]
        body = lines[:-1]  # the last line is the page number
        assert body and body[-1] not in headings, (index, body[-1:])


def _leader_rows(png) -> int:
    """Count the text lines of a page image that hold a dot leader: a run of at least six dots
    (marks at most 4 px across with nothing 3 px above or below them, unlike the stems of
    letters) evenly spaced along one pixel row."""
    from PIL import Image

    image = Image.open(png).convert("L")
    width, height = image.size
    dark = image.load()

    def is_dark(x, y):
        return 0 <= y < height and dark[x, y] < 128

    rows = []
    for y in range(height):
        dots, x = [], 0
        while x < width:
            if is_dark(x, y):
                start = x
                while x < width and is_dark(x, y):
                    x += 1
                span = range(start, x)
                if x - start <= 4 and not any(is_dark(i, y - 3) or is_dark(i, y + 3) for i in span):
                    dots.append(start)
            x += 1
        best = streak = 0
        for a, b in zip(dots, dots[1:]):
            streak = streak + 1 if 4 <= b - a <= 8 else 0
            best = max(best, streak)
        rows.append(best >= 5)
    return sum(1 for y in range(1, height) if rows[y] and not rows[y - 1])


def test_table_of_contents_entries_have_dot_leaders(edition, tmp_path):
    import subprocess

    eid, pdf, data = edition
    subprocess.run(
        ["pdftoppm", "-f", "2", "-l", "2", "-r", "144", "-gray", "-png", str(pdf.path), str(tmp_path / "toc")],
        check=True,
    )
    (png,) = tmp_path.glob("toc*.png")
    assert _leader_rows(png) == len(data["toc"])


def test_page_labels_are_the_printed_folios_and_the_covers_are_named(edition):
    eid, pdf, data = edition
    labels = pdf.reader.page_labels
    assert len(labels) == len(pdf.pages)
    assert labels[0] == "Cover" and labels[-1] == "Back cover"
    for index in range(1, len(pdf.pages) - 1):
        folio = pdf.pages[index].split()[-1]  # the footer's page number is the page's last text
        assert labels[index] == folio, (index, labels[index], folio)


def test_the_last_page_is_a_back_cover_with_the_contact_address_only(edition):
    eid, pdf, data = edition
    assert pdf.pages[-1].strip() == data["publication"]["contact"]  # no folio, nothing of the body
    assert data["publication"]["contact"] not in pdf.pages[-2]


def test_no_loose_lines_every_word_space_is_a_plain_space(edition):
    """Text is set flush left: no line is stretched (the print's loose justified lines, issue 17 item 7)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextBox, LTTextLine

    eid, pdf, data = edition
    widest = 0.0
    for page in extract_pages(str(pdf.path)):
        for box in page:
            if not isinstance(box, LTTextBox):
                continue
            for line in box:
                if not isinstance(line, LTTextLine):
                    continue
                chars = [c for c in line if isinstance(c, LTChar)]
                for before, space, after in zip(chars, chars[1:], chars[2:]):
                    if space.get_text() == " " and before.get_text() != " " and after.get_text() != " ":
                        if abs(before.size - 11) < 0.5:  # body text
                            widest = max(widest, after.x0 - before.x1)
    assert 2 < widest < 3.5, widest  # Carlito's space at 11 pt is about 2.5 pt; justified lines stretched to 6+
