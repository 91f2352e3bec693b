"""The JSON writer gives the edition's published data (edition@1), the same bytes the PDF carries attached."""

from __future__ import annotations

import json

from compiler.content.select import select
from compiler.render import Options
from compiler.render.json import write_json
from compiler.view import plain_view
from compiler.workflows.editions import edition_document

from ..conftest import PUBLISHED, REPO, edition_file
from ..pdfread import Pdf


def test_the_data_holds_every_item_as_the_model_has_it_and_the_pdf_carries_it(real_content, built):
    doc = edition_document(real_content, "2024-04")  # as issued: from its record
    data = write_json(plain_view(doc), Options(REPO / "layouts" / "compilation", PUBLISHED / "content"))
    parsed = json.loads(data)
    assert parsed["format"] == "untoc-compilation/edition@1"
    assert parsed["edition"] == {
        "id": "2024-04",
        "date": "April 2024",
        "place": "Vienna",
        "status": "issued",
        "corrections": [],
    }
    assert parsed["counts"] == {
        "sections": 10,
        "items": 37,
        "part_a_sections": 6,
        "part_a_items": 16,
        "part_b_sections": 4,
        "part_b_items": 21,
    }
    sections = [s for p in parsed["parts"] for s in p["sections"]]
    assert [s["id"] for s in sections] == [s.id for s in doc.sections()]
    items = [i for s in sections for i in s["items"]]
    assert [(i["id"], i["label"], i["text"]) for i in items] == [(e.id, e.label, e.text) for e in doc.items()]
    r14 = next(i for i in items if i["id"] == "wg4-2022-r14")
    assert r14["text"].startswith(
        "States parties, if they have not done so, are urged to nominate, without undue delay,"
    )
    wg4 = next(s for s in sections if s["id"] == "wg4-2022")
    assert wg4["report_symbol"] == "CTOC/COP/WG.4/2022/4" and wg4["part"] == "A" and wg4["year"] == 2022
    # the file a build writes, and the data attached to the PDF, are these bytes
    assert edition_file(built, "2024-04", "json").read_bytes() == data
    assert Pdf(edition_file(built, "2024-04", "pdf")).attachment_json() == parsed
    assert "themes" not in parsed and not any("themes" in i for i in items)  # issued before items had themes


def test_an_edition_with_themes_gives_each_items_themes_and_what_it_asks(real_content):
    doc = select(real_content, "2024-09")  # as a draft would be: its items' facets from the content now
    parsed = json.loads(write_json(plain_view(doc), Options(REPO / "layouts" / "compilation", PUBLISHED / "content")))
    assert [t["key"] for t in parsed["themes"]][:3] == ["focal-points", "funding", "stakeholders"]
    items = {i["id"]: i for p in parsed["parts"] for s in p["sections"] for i in s["items"]}
    r14 = items["wg4-2022-r14"]
    assert {"key": "focal-points", "why": "focal point"} in r14["themes"]
    assert (r14["addressees"], r14["strength"], r14["negated"], r14["conditions"]) == (
        ["States parties"],
        "urged",
        False,
        ["if they have not done so"],
    )
    assert items["cd-som-2023-o4"]["negated"] is True
    assert items["cd-tip-2024-o5"]["addressees"] == []  # "Should develop ...": no addressee is invented
