"""Items read back out of a compiled DOCX: ids from bookmarks, labels, text and sub-items."""

from __future__ import annotations

from compiler.content.select import select
from compiler.sources.docx_read import read_items

from ..conftest import edition_file


def test_every_item_of_the_april_docx_reads_back_as_in_the_model(real_content, built):
    doc = select(real_content, "2024-04")
    items = read_items(edition_file(built, "2024-04", "docx").read_bytes())
    assert [i["id"] for i in items] == [e.id for e in doc.items()]
    assert [i["text"] for i in items] == [e.text for e in doc.items()]
    assert [[s["label"] for s in i["sub_items"]] for i in items] == [
        [s.label for s in e.sub_items] for e in doc.items()
    ]
