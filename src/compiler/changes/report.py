"""Render a change set as a terminal summary, a short "what is new" text, or JSON."""

from __future__ import annotations

import json

from ..text.citing import FRONT_NAMES, item_label, item_name, plural, section_name
from ..text.words import Op, inline_diff
from .compare import ChangeSet, ItemChange

FORMAT = "untoc-compilation/changes@1"
PART_NAMES = {"a": "Part A (recommendations)", "b": "Part B (observations)"}


def _plural(n: int, word: str) -> str:
    return plural(n, word)


def _reader_name(change: ItemChange) -> str:
    return item_name(change.item, change.section)


def _section_line(s) -> str:
    return f"{s.title} ({s.link_text})"


def _item_line(i: ItemChange) -> str:
    mark = {"added": "+", "removed": "-", "changed": "~"}[i.kind]
    bits: list[str] = [i.kind] if i.kind != "changed" else []
    if i.moved and i.old_section:
        bits.append(f"moved from {i.old_section.label}")
    if i.label_changed:
        bits.append(f"label {i.old_label} -> {i.new_label}")
    if i.reworded:
        bits.append("reworded: " + inline_diff(i.text_diff))
    for s in i.sub_items:
        bits.append(f"sub-item {s.label} {s.kind}" + (f": {inline_diff(s.diff)}" if s.kind == "reworded" else ""))
    return f"{mark} {item_label(i.item)}: " + "; ".join(bits)


def summary_line(cs: ChangeSet) -> str:
    """Return the one-line count of changes."""
    c = cs.counts()
    parts = [
        f"{plural(c['sections_added'], 'section')} added, {c['sections_removed']} removed, "
        f"{c['sections_changed']} with a changed heading",
        f"{plural(c['items_added'], 'item')} added, {c['items_removed']} removed, {c['items_moved']} moved, "
        f"{c['items_reworded']} reworded, {c['items_relabelled']} relabelled, "
        f"{c['items_sub_items_changed']} with changed sub-items",
        f"{_plural(c['prose_changes'], 'front-matter change')}",
    ]
    return "; ".join(parts) + "."


def render_text(cs: ChangeSet) -> str:
    """Return the readable change summary, grouped by Part and year, with counts."""
    lines = [f"Changes from the {cs.old_name} to the {cs.new_name}", "", summary_line(cs), ""]
    if cs.empty:
        lines.append("The two editions have the same content.")
        return "\n".join(lines) + "\n"
    if cs.prose:
        lines.append("Front matter and headings")
        for p in cs.prose:
            name = FRONT_NAMES.get(p.key, p.key)
            if p.what == "heading":
                lines.append(f'  ~ {name}: heading changed: "{p.old}" -> "{p.new}"')
            elif p.what == "text":
                lines.append(f"  ~ {name}: text changed: {inline_diff(p.diff)}")
            else:
                lines.append(f"  {'+' if p.what == 'added' else '-'} {name}: {p.what}")
        lines.append("")
    order = [s.id for s in cs.new.sections()] + [s.id for s in cs.old.sections()]
    sections = {s.id: s for s in cs.old.sections()} | {s.id: s for s in cs.new.sections()}
    for part in ("a", "b"):
        sec_changes = {s.id: s for s in cs.sections if s.section.part == part}
        by_section: dict[str, list[ItemChange]] = {}
        for i in cs.items:
            if i.section.part == part:
                by_section.setdefault(i.section.id, []).append(i)
        ids = sorted(set(sec_changes) | set(by_section), key=order.index)
        if not ids:
            continue
        lines.append(PART_NAMES[part])
        year = None
        for sid in ids:
            sec = sections[sid]
            if sec.year != year:
                year = sec.year
                lines.append(f"  {year}")
            s = sec_changes.get(sid)
            what = "recommendation" if part == "a" else "observation"
            if s is None:
                head = f"    {_section_line(sec)}"
            elif s.kind == "changed":
                head = f"    ~ {_section_line(sec)}: heading changed: " + "; ".join(
                    f'{k} "{a}" -> "{b}"' for k, (a, b) in s.fields.items()
                )
            else:
                head = (
                    f"    {'+' if s.kind == 'added' else '-'} {_section_line(sec)}: "
                    f"{s.kind}, {_plural(len(sec.items), what)}"
                )
            lines.append(head)
            for i in by_section.get(sid, []):
                lines.append(f"      {_item_line(i)}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def whats_new(cs: ChangeSet) -> str:
    """Return the short "What is new in this edition" text (also used in mail messages)."""
    lines = [f"What is new in the {cs.new_name} (compared with the {cs.old_name}):"]
    for part, kind, noun in (
        ("a", "working-group meeting", "recommendation"),
        ("b", "constructive dialogue", "observation"),
    ):
        added = [s.section for s in cs.sections if s.kind == "added" and s.section.part == part]
        if added:
            items = sum(len(s.items) for s in added)
            names = "; ".join(
                f"{s.year}: {s.title}" + (f" ({s.report_symbol})" if s.report_symbol else "") for s in added
            )
            lines.append(
                f"- {_plural(len(added), kind)} added to Part {part.upper()}, with {_plural(items, noun)}: {names}."
            )
        new_ids = {s.id for s in cs.sections if s.kind == "added"}
        extra = [i for i in cs.items if i.kind == "added" and i.section.part == part and i.section.id not in new_ids]
        if extra:
            lines.append(
                f"- {_plural(len(extra), noun)} added to existing sections of Part {part.upper()}: "
                + "; ".join(_reader_name(i) for i in extra)
                + "."
            )
    removed = [i for i in cs.items if i.kind == "removed"]
    moved = [i for i in cs.items if i.moved]
    reworded = [i for i in cs.items if i.kind == "changed" and (i.reworded or i.sub_items)]
    relabelled = [i for i in cs.items if i.label_changed and not (i.reworded or i.sub_items)]
    if removed:
        lines.append(f"- {_plural(len(removed), 'item')} removed: " + "; ".join(map(_reader_name, removed)) + ".")
    if moved:
        lines.append(
            f"- {_plural(len(moved), 'item')} moved to another section: "
            + "; ".join(f"{item_label(i.item)} (now under {section_name(i.section)})" for i in moved)
            + "."
        )
    if reworded:
        lines.append(
            f"- {_plural(len(reworded), 'item')} with corrected or changed wording: "
            + "; ".join(map(_reader_name, reworded))
            + "."
        )
    if relabelled:
        lines.append(
            f"- {_plural(len(relabelled), 'item')} relabelled: "
            + "; ".join(f"{_reader_name(i)} (was {i.old_label})" for i in relabelled)
            + "."
        )
    for p in cs.prose:
        name = FRONT_NAMES.get(p.key, p.key)
        if p.what == "heading":
            lines.append(f'- {name}: the heading now reads "{p.new}" (was "{p.old}").')
        elif p.what == "text":
            lines.append(f"- {name}: text revised.")
        else:
            lines.append(f"- {name}: {p.what}.")
    if not removed and not moved and not reworded and not relabelled:
        lines.append("- No recommendation or observation of the previous edition was removed, moved or reworded.")
    return "\n".join(lines) + "\n"


def _sub_text(ops: list[Op], kind: str) -> str:
    keep = ("equal", "delete") if kind == "removed" else ("equal", "insert")
    return "".join(o.text for o in ops if o.kind in keep)


def _ops(ops: list[Op]) -> list[dict]:
    return [{"op": o.kind, "text": o.text} for o in ops]


def _sec_ref(ref) -> dict | None:
    return None if ref is None else {"id": ref.id, "part": ref.part.upper(), "year": ref.year, "title": ref.title}


def to_dict(cs: ChangeSet) -> dict:
    """Return the change set as JSON-ready data (field names documented in README)."""
    return {
        "format": FORMAT,
        "old": {"id": cs.old.edition.id, "date": cs.old.edition.date_label, "name": cs.old_name},
        "new": {"id": cs.new.edition.id, "date": cs.new.edition.date_label, "name": cs.new_name},
        "counts": cs.counts(),
        "sections": [
            {
                "id": s.id,
                "change": s.kind,
                "part": s.section.part.upper(),
                "year": s.section.year,
                "title": s.section.title,
                "link_text": s.section.link_text,
                "items": len(s.section.items),
                "fields": {k: {"old": a, "new": b} for k, (a, b) in s.fields.items()},
            }
            for s in cs.sections
        ],
        "items": [
            {
                "id": i.id,
                "change": i.kind,
                "kind": i.item.kind,
                "label": {"old": i.old_label, "new": i.new_label},
                "old_section": _sec_ref(i.old_section),
                "new_section": _sec_ref(i.new_section),
                "moved": i.moved,
                "reworded": i.reworded,
                "label_changed": i.label_changed,
                "old_text": i.old.text if i.old else None,
                "new_text": i.new.text if i.new else None,
                "diff": _ops(i.text_diff),
                "sub_items": [
                    {"label": s.label, "change": s.kind, "text": _sub_text(s.diff, s.kind), "diff": _ops(s.diff)}
                    for s in i.sub_items
                ],
            }
            for i in cs.items
        ],
        "prose": [{"key": p.key, "change": p.what, "old": p.old, "new": p.new, "diff": _ops(p.diff)} for p in cs.prose],
        "whats_new": whats_new(cs),
    }


def render_json(cs: ChangeSet) -> str:
    """Return the change set as JSON text."""
    return json.dumps(to_dict(cs), indent=1, ensure_ascii=False) + "\n"
