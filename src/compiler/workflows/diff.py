"""The `compiler diff` work: pick the two editions, compare them, and render the chosen format."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..changes.compare import compare
from ..content.select import previous_edition
from ..errors import UsageError
from ..project import Project
from .editions import document_at, edition_document
from .site import redline_bytes


@dataclass
class DiffResult:
    """What `compiler diff` produced: text to print, or bytes to write and where by default."""

    text: str | None
    data: bytes | None
    default_path: Path | None


def pick_editions(content, old: str | None, new: str | None, against: str | None) -> tuple[str, str]:
    """Return the (old, new) edition ids a diff compares, from what the user named."""
    ids = content.edition_ids
    for e in (old, new):
        if e and content.edition(e) is None:
            raise UsageError(f"unknown edition {e!r}; known: {', '.join(ids)}")
    if against:
        if old and new:
            return old, new
        target = old or ids[-1]
        return target, target
    if old and new:
        return old, new
    target = old or ids[-1]
    before = previous_edition(content, target)
    if before is None:
        raise UsageError(f"edition {target} is the first one; name two editions to compare")
    return before, target


def run_diff(project: Project, content, old_id, new_id, fmt: str, brief: bool, against: str | None) -> DiffResult:
    """Compare two editions and return the result in ``fmt``: text, json, or a redline (html, pdf, docx)."""
    old_id, new_id = pick_editions(content, old_id, new_id, against)
    old_doc = document_at(project, against, old_id) if against else edition_document(content, old_id)
    new_doc = edition_document(content, new_id)
    if against:
        cs = compare(
            old_doc,
            new_doc,
            f"{old_doc.edition.date_label} edition as committed at {against}",
            f"{new_doc.edition.date_label} edition in the working copy",
        )
    else:
        cs = compare(old_doc, new_doc)
    if fmt in ("text", "json"):
        from ..changes.report import render_json, render_text, whats_new

        text = render_json(cs) if fmt == "json" else (whats_new(cs) if brief else render_text(cs))
        return DiffResult(text, None, None)
    data = redline_bytes(project, old_doc, new_doc, cs, fmt)
    suffix = "-against-" + re.sub(r"[^A-Za-z0-9._-]", "_", against) if against else ""
    return DiffResult(None, data, project.build_dir / "changes" / f"changes-{old_id}-to-{new_id}{suffix}.{fmt}")
