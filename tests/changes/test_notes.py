"""The "Changes in this edition" section: one line per change, linked to the item, corrections with reasons."""

from __future__ import annotations

from compiler.changes.notes import changes_section


def test_one_note_per_change_linking_to_items_that_exist(every_change):
    section = changes_section(every_change, every_change.old)
    assert "".join(r.text for r in section.intro) == f"Compared with the {every_change.old.edition.date_label} edition:"
    kinds = [n.kind for n in section.notes]
    assert len(kinds) >= 4 and len(set(kinds)) >= 3
    anchors = {e.anchor for e in every_change.new.items()} | {s.anchor for s in every_change.new.sections()}
    links = [r.href for n in section.notes for r in n.runs if r.href]
    assert links and all(href.removeprefix("#") in anchors for href in links)
    assert any("wg4-2022-r14" in (r.href or "") for n in section.notes for r in n.runs)  # the reworded one
