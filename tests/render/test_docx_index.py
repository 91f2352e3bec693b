"""The DOCX's index of themes: a paragraph per section with PAGEREF fields to the items' bookmarks, numbers written in
from the pages given (the PDF's, in a build)."""

from __future__ import annotations

import io
import re

import docx

from compiler.content.select import select
from compiler.render.docx import DocxWriter, load_style_spec
from compiler.view import plain_view

from ..conftest import REPO

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_each_section_of_a_theme_is_a_paragraph_of_pageref_fields(real_content):
    view = plain_view(select(real_content, "2024-09"))
    writer = DocxWriter(view, load_style_spec(REPO / "layouts" / "compilation"), deferred_pages=True).build()
    anchors = {anchor for _, anchor in writer.page_slots}
    word = docx.Document(io.BytesIO(writer.fill_pages({a: 7 for a in anchors}).save()))
    rows = [p for p in word.paragraphs if p.style.name == "Index 1"]
    groups = [g for t in view.themes_index for g in t.groups]
    assert len(rows) == len(groups) > 100
    for p, group in zip(rows, groups):
        codes = [(i.text or "").strip() for i in p._p.iter(f"{W}instrText")]
        assert codes == [f"PAGEREF {e.id.replace('-', '_')} \\h" for e in group.entries]
        assert p.text == f"{group.section}: " + "; ".join(f"{e.locator}, page 7" for e in group.entries)
    heading = next(p for p in word.paragraphs if p.text == "Index of themes")
    assert heading.style.name == "Heading 1" and re.search(r"_Toc_themes_index", heading._p.xml)
