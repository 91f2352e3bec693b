"""The edition's published data inside its DOCX: a custom XML part holding exactly the edition's JSON."""

from __future__ import annotations

import io
import json
import zipfile

from lxml import etree

from compiler.model import edition_json
from compiler.render import Options
from compiler.render.docx import write_docx
from compiler.review.read import DATA_NS
from compiler.view import plain_view
from compiler.workflows.editions import edition_document

from ..conftest import PUBLISHED, REPO


def test_the_docx_carries_the_editions_json_as_a_custom_xml_part(real_content):
    doc = edition_document(real_content, "2024-04")
    view = plain_view(doc)
    pages = {t.anchor: 1 for t in doc.toc}  # the contents want page numbers; any will do here
    data = write_docx(view, Options(REPO / "layouts" / "compilation", PUBLISHED / "content", pages=lambda: pages))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("customXml/item9.xml"))
        props = z.read("customXml/itemProps9.xml").decode()
    assert root.tag == f"{{{DATA_NS}}}edition"
    assert json.loads(root.text) == json.loads(edition_json(doc))
    assert DATA_NS in props and "ds:itemID" in props
