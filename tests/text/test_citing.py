"""Change reports name items as readers cite them."""

from __future__ import annotations

from compiler.content.select import select
from compiler.text.citing import item_label, item_name, opening_words, plural, section_name


def test_plurals_and_opening_words():
    assert plural(1, "item") == "1 item" and plural(3, "item") == "3 items"
    assert plural(2, "summary", "summaries") == "2 summaries"
    assert opening_words("one two three", 2) == "one two…" and opening_words("one two", 2) == "one two"


def test_items_are_named_by_heading_or_paragraph(real_content):
    doc = select(real_content, "2024-09")
    sections = {s.id: s for s in doc.sections()}
    wg4 = sections["wg4-2022"]
    r14 = next(e for e in wg4.items if e.id == "wg4-2022-r14")
    assert item_name(r14, wg4) == f"Recommendation 14, {wg4.title}, 2022"
    joint = sections["cd-ta-ic-2024"]
    assert item_label(joint.items[0]) == "Observation (paragraph 45 of the summary)"
    assert section_name(joint) == f"{joint.title}, 2024"
