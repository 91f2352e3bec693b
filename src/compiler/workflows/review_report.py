"""The review report: every change and comment of reviewers' files with what was done with each, as JSON data
(untoc-compilation/review@1) and as an editor reads it (each change with its item as readers cite it)."""

from __future__ import annotations

from ..project import Project
from ..review.changes import ReviewChange
from ..text.words import inline_diff
from .review import ReviewResult


def _ops(change: ReviewChange) -> list[dict]:
    return [{"op": o.kind, "text": o.text} for o in change.diff]


def report_data(result: ReviewResult) -> dict:
    """Return the review as JSON data: the files, and every change with what was done with it."""
    return {
        "format": "untoc-compilation/review@1",
        "files": [
            {"file": f.path.name, "edition": (f.base or {}).get("edition", {}).get("id"), "fingerprint": f.fingerprint}
            for f in result.files
        ],
        "notes": result.notes,
        "changes": [
            {
                "kind": c.kind,
                "item": c.target.item,
                "name": result.names.get(c.target.item or "", None),
                "what": c.target.what,
                "sub_item": c.target.sub_item,
                "front": c.target.front,
                "file": c.file,
                "author": c.author,
                "date": c.date,
                "old": c.old,
                "new": c.new,
                "diff": _ops(c),
                "found_by": c.found_by,
                "applied": c.applied,
                "why": c.why or None,
            }
            for c in result.changes
        ],
        "written": [str(p) for p in result.written],
    }


def _subject(c: ReviewChange, names: dict[str, str]) -> str:
    """Return what a change is to, as an editor names it: "sub-item (b) of Recommendation 2, ...", "the Guidance for
    Readers, paragraph 1", "the cover (the compiler writes it)"."""
    t = c.target
    name = names.get(t.item or "", t.item or "")
    if t.what == "text":
        return name or "a paragraph among the items"
    if t.what == "sub-item":
        return f"sub-item {t.sub_item or '?'} of {name}" if t.sub_item else f"a sub-item of {name}"
    if t.what == "label":
        return f"the label of {name}"
    if t.what == "prose":
        where = names.get(t.front or "", t.front or "the front matter")
        return f"{where}, paragraph {t.block + 1}" if t.block is not None else where
    if t.what == "heading":
        return f"the heading of {t.section or names.get(t.front or '', t.front or '')}"
    if t.what == "generated":
        return f"the {GENERATED_NAMES.get(t.part or '', t.part)} (the compiler writes it)"
    return "a paragraph the compiler did not write" if c.kind != "comment" else "the document"


GENERATED_NAMES = {
    "cover": "cover",
    "toc": "table of contents",
    "changes": '"Changes in this edition"',
    "years": "year headings",
    "contact": "back cover",
}


def report_lines(result: ReviewResult, project: Project, applying: bool) -> list[str]:
    """Return the review as an editor reads it: each change with its item as readers cite it, and the words."""
    out = list(result.notes)
    for c in result.changes:
        by = f" (by {c.author}, {c.date[:10]}, {c.file})" if c.author else f" ({c.file})"
        if c.kind == "comment":
            anchor = f' on "{c.old[:60]}…"' if len(c.old) > 60 else f' on "{c.old}"'
            out.append(f"comment on {_subject(c, result.names)}{by}{anchor if c.old else ''}:")
            out.append(f"  {c.new}")
            continue
        out.append(f"{c.kind}: {_subject(c, result.names)}{by}")
        if c.kind in ("reworded", "conflict"):
            out.append(f"  {inline_diff(c.diff)}")
        elif c.new or c.old:
            out.append(f"  {c.new or c.old}")
        if c.found_by == "text":
            out.append("  (found by its text: its bookmark was deleted)")
        if c.applied:
            out.append("  applied" if applying else "  to apply (with --apply)")
        elif c.why:
            out += [f"  not applied: {line}" if n == 0 else f"  {line}" for n, line in enumerate(c.why.split("\n"))]
    applied = sum(1 for c in result.changes if c.applied)
    pending = sum(1 for c in result.changes if c.kind not in ("comment",) and not c.applied)
    out.append(
        f"{applied} change(s) {'applied' if applying else 'to apply'}, {pending} not applied (see why above), "
        f"{sum(1 for c in result.changes if c.kind == 'comment')} comment(s)"
    )
    if applying:
        out += [f"  wrote {project.rel(p)}" for p in result.written]
        if result.written:
            out.append("next: `compiler check --strict`, `compiler diff --against HEAD`, then commit")
    elif applied:
        out.append("run again with --apply to write them into the content")
    return out
