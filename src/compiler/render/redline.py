"""Write a redline View as HTML (and, through WeasyPrint, as PDF)."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from ..changes.report import summary_line, whats_new
from ..view import ADDED, CHANGED, REMOVED, Text, View
from .html import inline, render_template, view_context


def redtext(text: Text, status: str = "same") -> Markup:
    """Return text as HTML, insertions in <ins>, deletions in <del>."""
    out = []
    for change, r in text.pieces(status if status != CHANGED else "same"):
        piece = inline((r,))
        if change == ADDED:
            piece = Markup(f"<ins>{piece}</ins>")
        elif change == REMOVED:
            piece = Markup(f"<del>{piece}</del>")
        out.append(str(piece))
    return Markup("".join(out))


def _context(view: View) -> dict:
    ctx = view_context(view)
    ctx.update(
        view=view,
        summary=summary_line(view.change_set),
        whats_new=whats_new(view.change_set),
        counts=view.change_set.counts(),
        redtext=redtext,
    )
    return ctx


def render_redline_html(view: View, layout_dir: Path, for_print: bool = False) -> str:
    """Return the redline of the NEW edition as one standalone HTML page."""
    return render_template(layout_dir, "redline.html.j2", for_print=for_print, **_context(view))


def render_redline_pdf(view: View, layout_dir: Path, content_dir: Path) -> bytes:
    """Return the redline as PDF, with the change set attached as JSON."""
    from ..changes.report import render_json
    from .pdf import render_pdf

    html = render_redline_html(view, layout_dir, for_print=True)
    name = f"changes-{view.old.edition.id}-to-{view.doc.edition.id}.json"
    attachment = (
        name,
        render_json(view.change_set).encode("utf-8"),
        "The change set between the two editions, item by item",
    )
    return render_pdf(view, html, layout_dir, content_dir, attachment=attachment).data
