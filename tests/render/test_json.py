"""The JSON writer gives the edition's published data, the same bytes the PDF carries attached."""

from __future__ import annotations

import json

from compiler.content.select import select
from compiler.render import Options
from compiler.render.json import write_json
from compiler.view import plain_view

from ..conftest import PUBLISHED, REPO, edition_file
from ..pdfread import Pdf


def test_the_data_lists_every_item_and_matches_the_pdf_attachment(real_content, built):
    doc = select(real_content, "2024-04")
    data = write_json(plain_view(doc), Options(REPO / "layouts" / "compilation", PUBLISHED / "content"))
    parsed = json.loads(data)
    ids = [i["id"] for p in parsed["parts"] for s in p["sections"] for i in s["items"]]
    assert ids == [e.id for e in doc.items()]
    assert data == edition_file(built, "2024-04", "json").read_bytes()
    assert Pdf(edition_file(built, "2024-04", "pdf")).attachment_json() == parsed
