"""The Document model's own JSON: lossless for both published editions, and refused when it is not one."""

import json

import pytest

from compiler.content.select import select
from compiler.model import Document, ListBlock, Paragraph


@pytest.mark.parametrize("edition", ["2024-04", "2024-09"])
def test_from_json_of_to_json_gives_the_same_document(real_content, edition):
    doc = select(real_content, edition)
    again = Document.from_json(doc.to_json())
    assert again == doc
    assert again.to_json() == doc.to_json()  # and the text is stable
    # nothing is re-derived: every field comes back, publication and item headings included
    assert again.publication.cover_title == doc.publication.cover_title
    assert [e.heading for e in again.items()] == [e.heading for e in doc.items()]
    kinds = {type(b) for f in again.front for b in f.blocks}
    assert kinds == {Paragraph, ListBlock}


def test_the_json_names_its_format_and_a_foreign_file_is_refused(real_content):
    data = json.loads(select(real_content, "2024-04").to_json())
    assert data["format"] == "untoc-compilation/model@2"
    assert data["document"]["edition"]["date"] == "2024-04-01"
    with pytest.raises(ValueError, match="model@2"):
        Document.from_json(json.dumps({"format": "untoc-compilation/edition@1"}))


def test_a_record_written_before_items_were_called_items_reads_the_same(real_content):
    """Records issued with model@1 call a section's items "entries"; they read as the same Document."""
    doc = select(real_content, "2024-04")
    data = json.loads(doc.to_json())
    for part in data["document"]["parts"]:
        for year in part["years"]:
            for section in year["sections"]:
                section["entries"] = section.pop("items")
    data["format"] = "untoc-compilation/model@1"
    assert Document.from_json(json.dumps(data)) == doc
