"""Write a redline View as HTML (and, through WeasyPrint, as PDF)."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from ..changes.report import summary_line, whats_new
from ..errors import BuildError
from ..view import ADDED, CHANGED, REMOVED, SAME, Status, Text, View
from . import Options
from .html import inline, render_template, view_context


def redtext(text: Text, status: Status = SAME) -> Markup:
    """Return text as HTML, insertions in <ins>, deletions in <del>."""
    out = []
    for change, r in text.pieces(status if status != CHANGED else SAME):
        piece = inline((r,))
        if change == ADDED:
            piece = Markup(f"<ins>{piece}</ins>")
        elif change == REMOVED:
            piece = Markup(f"<del>{piece}</del>")
        out.append(str(piece))
    return Markup("".join(out))


def _context(view: View) -> dict:
    cs = view.change_set
    if cs is None:
        raise BuildError("a redline needs the View of one edition against another (view/redline.py)")
    ctx = view_context(view)
    ctx.update(view=view, summary=summary_line(cs), whats_new=whats_new(cs), counts=cs.counts(), redtext=redtext)
    return ctx


def render_redline_html(view: View, layout_dir: Path, for_print: bool = False) -> str:
    """Return the redline of the NEW edition as one standalone HTML page."""
    return render_template(layout_dir, "redline.html.j2", for_print=for_print, **_context(view))


def write_redline_html(view: View, options: Options) -> bytes:
    """Return the redline as one standalone web page (the registry's writer)."""
    return render_redline_html(view, options.layout_dir).encode("utf-8")


def write_redline_pdf(view: View, options: Options) -> bytes:
    """Return the redline as PDF, with the change set attached as JSON (the registry's writer)."""
    from ..changes.report import render_json
    from .pdf import render_pdf

    html = render_redline_html(view, options.layout_dir, for_print=True)
    assert view.old is not None and view.change_set is not None  # checked by _context
    attachment = (
        f"changes-{view.old.edition.id}-to-{view.doc.edition.id}.json",
        render_json(view.change_set).encode("utf-8"),
        "The change set between the two editions, item by item",
    )
    return render_pdf(view, html, options.layout_dir, options.content_dir, attachment=attachment).data
