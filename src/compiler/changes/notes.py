"""The "Changes in this edition" section: the change set against the previous issued edition, in words."""

from __future__ import annotations

from ..model import ChangeNote, ChangesSection, Document, Run
from ..text.citing import FRONT_NAMES, item_name, plural, section_name
from .compare import ChangeSet, ItemChange

HEADING = "Changes in this edition"


def _link(text: str, anchor: str) -> Run:
    return Run(text, href=f"#{anchor}")


def _corrections(change: ItemChange) -> list[ChangeNote]:
    """Return the recorded corrections this rewording made: what was printed, what it says now, why."""
    old, new = change.old, change.new
    if old is None or new is None:
        return []
    old_text = " ".join([old.text, *(s.text for s in old.sub_items)])
    new_text = " ".join([new.text, *(s.text for s in new.sub_items)])
    corrections = list(new.corrections) + [c for s in new.sub_items for c in s.corrections]
    out = []
    for c in corrections:
        if c.kind == "text" and c.printed in old_text and c.corrected in new_text:
            words = (f" Corrected: “{c.printed}” now reads “{c.corrected}”. {c.reason}").rstrip()
            out.append(ChangeNote("corrected", (Run(words),)))
    return out


def _item_note(change: ItemChange) -> ChangeNote:
    item = change.item
    if change.kind == "removed":
        return ChangeNote("removed", (Run(f"Removed: {item_name(item, change.section)}."),))
    name = item_name(item, change.section)
    if change.kind == "added":
        return ChangeNote("added", (Run("Added: "), _link(name, item.id), Run(".")))
    what = []
    if change.moved and change.old_section:
        what.append(f"moved from {section_name(change.old_section)}")
    if change.label_changed:
        what.append(f"relabelled (was {change.old_label})")
    if change.reworded:
        what.append("reworded")
    if change.sub_items:
        what.append("sub-items " + ", ".join(f"{s.label} {s.kind}" for s in change.sub_items))
    kind = "moved" if change.moved else "relabelled" if change.label_changed and not change.reworded else "reworded"
    return ChangeNote(kind, (_link(name, item.id), Run(": " + "; ".join(what) + ".")))


def changes_section(cs: ChangeSet, old: Document) -> ChangesSection:
    """Return the section that tells readers what changed since ``old``, the previous issued edition."""
    intro = (Run(f"Compared with the {old.edition.date_label} edition:"),)
    notes: list[ChangeNote] = []
    added_sections = {s.id for s in cs.sections if s.kind == "added"}
    for s in cs.sections:
        sec = s.section
        noun = "recommendation" if sec.part == "a" else "observation"
        if s.kind == "added":
            notes.append(
                ChangeNote(
                    "section-added",
                    (
                        Run("New: "),
                        _link(section_name(sec), sec.id),
                        Run(f" ({sec.link_text}), {plural(len(sec.items), noun)}."),
                    ),
                )
            )
        elif s.kind == "removed":
            notes.append(ChangeNote("section-removed", (Run(f"Removed: {section_name(sec)} ({sec.link_text})."),)))
        else:
            fields = ", ".join(s.fields)
            notes.append(
                ChangeNote("section-changed", (_link(section_name(sec), sec.id), Run(f": heading changed ({fields}).")))
            )
    for change in cs.items:
        if change.kind == "added" and change.section.id in added_sections:
            continue  # told with its section
        notes.append(_item_note(change))
        if change.kind == "changed" and (change.reworded or change.sub_items):
            notes += _corrections(change)
    for p in cs.prose:
        what = "heading changed" if p.what == "heading" else "text revised" if p.what == "text" else p.what
        notes.append(ChangeNote("prose", (Run(f"{FRONT_NAMES.get(p.key, p.key)}: {what}."),)))
    if not notes:
        notes.append(ChangeNote("none", (Run("No recommendation or observation was added, removed or changed."),)))
    return ChangesSection(HEADING, intro, tuple(notes))
