"""The "Changes in this edition" section: one line per change, linked to the item, corrections with reasons."""

from __future__ import annotations

import dataclasses

from compiler.changes.compare import compare
from compiler.changes.notes import changes_section
from compiler.model import Correction, Run


def _text(note) -> str:
    return "".join(r.text for r in note.runs)


def test_one_note_per_change_linking_to_items_that_exist(every_change):
    section = changes_section(every_change, every_change.old)
    assert "".join(r.text for r in section.intro) == f"Compared with the {every_change.old.edition.date_label} edition:"
    notes = {_text(n): n.kind for n in section.notes}
    # one of each change the fixture makes (tests/changes_fixture.py)
    assert (
        notes["Constructive Dialogue on Firearms and Ammunition, 2024: heading changed (title)."] == "section-changed"
    )
    assert notes["Recommendation 14, Working Group on Trafficking in Persons, 2022: reworded."] == "reworded"
    assert notes["Added: Recommendation 19, Working Group on Firearms, 2023."] == "added"
    moved = [t for t, k in notes.items() if k == "moved"]
    assert len(moved) == 1 and moved[0].endswith(": moved from Constructive Dialogue on Technical Assistance, 2023.")
    assert [k for k in notes.values()].count("removed") == 1
    assert any(t.endswith(": sub-items (b) reworded, (d) added.") for t in notes)
    assert (
        notes["Guidance for Readers: heading changed."] == "prose"
        and notes["Guidance for Readers: text revised."] == "prose"
    )
    anchors = {e.anchor for e in every_change.new.items()} | {s.anchor for s in every_change.new.sections()}
    links = [r.href for n in section.notes for r in n.runs if r.href]
    assert links and all(href.removeprefix("#") in anchors for href in links)
    # the reworded recommendation was published: its correction is recorded, and told with what it was and why
    assert [_text(n) for n in section.notes if n.kind == "corrected"] == [
        " Corrected: “without undue delay” now reads “without any delay”. Reworded by a test."
    ]


def test_a_recorded_correction_says_what_was_printed_what_it_says_now_and_why(every_change):
    old = every_change.old
    printed, corrected = "the nominated focal points", "the designated focal points"
    item = next(i for i in old.items() if i.id == "wg4-2022-r14")
    assert printed in item.text
    fixed = dataclasses.replace(
        item,
        runs=(Run(item.text.replace(printed, corrected)),),
        corrections=(Correction("text", printed, corrected, "The report was issued with a typing error."),),
    )
    parts = tuple(
        dataclasses.replace(
            p,
            years=tuple(
                dataclasses.replace(
                    y,
                    sections=tuple(
                        dataclasses.replace(s, items=tuple(fixed if i.id == item.id else i for i in s.items))
                        for s in y.sections
                    ),
                )
                for y in p.years
            ),
        )
        for p in old.parts
    )
    new = dataclasses.replace(old, parts=parts)
    notes = [(n.kind, _text(n)) for n in changes_section(compare(old, new), old).notes]
    assert notes == [
        ("reworded", "Recommendation 14, Working Group on Trafficking in Persons, 2022: reworded."),
        (
            "corrected",
            f" Corrected: “{printed}” now reads “{corrected}”. The report was issued with a typing error.",
        ),
    ]
