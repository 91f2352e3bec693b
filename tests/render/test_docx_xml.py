"""The WordprocessingML helpers: runs that override a style's bold, and a package that zips the same every time."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import docx

from compiler.render.docx_xml import add_run, deterministic_zip


def test_runs_set_regular_explicitly_and_keep_edge_spaces():
    document = docx.Document()
    p = document.add_paragraph()
    add_run(p, "Title ", bold=True)
    add_run(p, "(source)", bold=False)
    add_run(p, "plain")
    runs = p.runs
    assert [r.text for r in runs] == ["Title ", "(source)", "plain"]
    assert [r.bold for r in runs] == [True, False, None]  # False: regular even inside a bold heading style
    assert 'xml:space="preserve"' in runs[0]._r.xml


def test_a_package_zips_identically_with_fixed_times_and_order():
    document = docx.Document()
    document.add_paragraph("text")
    raw = io.BytesIO()
    document.save(raw)
    when = datetime(2024, 9, 1)
    once, again = deterministic_zip(raw.getvalue(), when), deterministic_zip(raw.getvalue(), when)
    assert once == again
    names = zipfile.ZipFile(io.BytesIO(once)).infolist()
    assert names[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in names} == {(2024, 9, 1, 0, 0, 0)}
    assert docx.Document(io.BytesIO(once)).paragraphs[-1].text == "text"
