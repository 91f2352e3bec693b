"""A DOCX's styles, made once per style spec in a process: the same styles as made afresh, for that spec only."""

from __future__ import annotations

import copy

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt

from compiler.render.docx import load_style_spec
from compiler.render.docx_styles import apply_styles, styled_document

from ..conftest import REPO


def _spec() -> dict:
    return load_style_spec(REPO / "layouts" / "compilation")


def _afresh(spec: dict) -> bytes:
    document = docx.Document()
    apply_styles(document, spec)
    return document.part._styles_part.blob


def test_a_second_document_has_the_styles_of_one_made_afresh_and_its_own_copy():
    spec = _spec()
    first, second = styled_document(spec), styled_document(spec)
    assert first.part._styles_part.blob == second.part._styles_part.blob == _afresh(spec)
    assert second.styles["Normal"].font.size == Pt(spec["paragraph_styles"]["Normal"]["size"])
    first.styles.add_style("Only in the first", WD_STYLE_TYPE.PARAGRAPH)
    assert "Only in the first" not in second.styles
    assert "Only in the first" not in styled_document(spec).styles


def test_another_spec_gets_its_own_styles():
    spec = _spec()
    styled_document(spec)  # the layout's spec made and kept first
    larger = copy.deepcopy(spec)
    larger["paragraph_styles"]["Normal"]["size"] = spec["paragraph_styles"]["Normal"]["size"] + 2
    document = styled_document(larger)
    assert document.styles["Normal"].font.size == Pt(larger["paragraph_styles"]["Normal"]["size"])
    assert document.part._styles_part.blob == _afresh(larger) != _afresh(spec)
