"""The `compiler diff` work: pick the two editions, compare them, and render the chosen format."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import CompilerError, UsageError
from ..model.select import previous_edition
from ..project import Project
from ..records.issued import edition_document
from .compare import compare


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
        if new:
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


def _page_map(project: Project, doc) -> dict[str, int]:
    from ..build.edition import PrintLayout
    from ..view import plain_view

    return PrintLayout(project, plain_view(doc)).pages()


def run_diff(project: Project, content, old_id, new_id, fmt: str, brief: bool, against: str | None) -> DiffResult:
    """Compare two editions and return the result in ``fmt``."""
    old_id, new_id = pick_editions(content, old_id, new_id, against)
    if against:
        from ..records.history import content_at

        old_content = content_at(project, against)
        if old_content.edition(old_id) is None:
            raise CompilerError(f"edition {old_id} does not exist at revision {against}")
        old_doc = edition_document(old_content, old_id)
    else:
        old_doc = edition_document(content, old_id)
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
        from .report import render_json, render_text, whats_new

        text = render_json(cs) if fmt == "json" else (whats_new(cs) if brief else render_text(cs))
        return DiffResult(text, None, None)
    from .redline import redline_view

    layout = project.layout_dir
    if fmt == "docx":
        from ..render.docx import render_tracked_docx

        view = redline_view(old_doc, new_doc, cs, _page_map(project, old_doc), _page_map(project, new_doc))
        data = render_tracked_docx(view, layout, project.content_dir)
    else:
        from ..render.redline import render_redline_html, render_redline_pdf

        view = redline_view(old_doc, new_doc, cs)
        data = (
            render_redline_pdf(view, layout, project.content_dir)
            if fmt == "pdf"
            else render_redline_html(view, layout).encode("utf-8")
        )
    suffix = "-against-" + re.sub(r"[^A-Za-z0-9._-]", "_", against) if against else ""
    return DiffResult(None, data, project.build_dir / "changes" / f"changes-{old_id}-to-{new_id}{suffix}.{fmt}")
