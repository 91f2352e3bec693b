"""The DOCX cover, as print.css sets the PDF's: publisher (and logo) over a rule, mark, title, place and date at the foot."""

from __future__ import annotations

import io
from pathlib import Path

from ..model import Document, Run
from ..view import CHANGED, SAME
from . import docx_xml as X


def cover_logo(doc: Document, content_dir: Path | None) -> bytes | None:
    """Return the cover logo as PNG bytes, if the publication names one (render/logo.py)."""
    from .logo import logo_png

    name = doc.publication.cover_logo
    return logo_png(content_dir, name) if name and content_dir is not None else None


def at_page_foot(paragraph, width_mm: float) -> None:
    """Set a paragraph at the foot of the page's text area: a frame as wide as the text, on the bottom margin."""
    ppr = paragraph._p.get_or_add_pPr()
    width = int(round(width_mm / 25.4 * 1440))
    frame = X.element(
        "w:framePr",
        w_w=width,
        w_hAnchor="margin",
        w_vAnchor="margin",
        w_xAlign="left",
        w_yAlign="bottom",
        w_wrap="notBeside",
    )
    X.insert_in_order(ppr, frame)


def write_cover(writer) -> None:
    """Append the cover (and the imprint page, when the edition has notices) to a DocxWriter's document."""
    pub = writer.doc.publication
    accent = writer.spec.get("accent", "0B4F8A")
    if writer.logo:
        from docx.shared import Mm

        p = writer.para("Cover Logo")
        p.paragraph_format.line_spacing = 1.0  # as tall as the picture, not the style's exact line
        p.add_run().add_picture(io.BytesIO(writer.logo), height=Mm(14))
    for i, line in enumerate(pub.cover_publisher):
        p = writer.simple("Cover Publisher" if i == 0 else "Cover Publisher Name", (Run(line),))
    X.rule(p, "bottom", accent, size=16, space=11)
    for i, line in enumerate(pub.cover_mark):
        writer.simple("Cover Mark" if i == 0 else "Cover Mark Line", (Run(line),))
    writer.simple("Title", (Run(pub.cover_heading),))
    p = writer.para("Cover Title Line")  # one paragraph across the measure, not the print's line breaks
    for n, line in enumerate(pub.cover_title):
        for r in ((Run(" "),) if n else ()) + line:
            X.add_run(p, r.text, style="Cover Emphasis" if r.bold else None)
    status = CHANGED if writer.view.imprint.changed else SAME
    p = writer.simple("Cover Imprint", writer.view.imprint, status)
    page = writer.spec["page"]
    if status == SAME:  # a changed date (a redline) stays in the text: LibreOffice drops tracked changes in a frame
        at_page_foot(p, page["width_mm"] - page["margin_mm"]["left"] - page["margin_mm"]["right"])
    X.rule(p, "top", accent, size=16, space=6)
    writer.para("Cover Publisher Name")  # an empty line that anchors the frame on the cover, whatever follows
    for i, line in enumerate(writer.doc.edition.notices):  # the imprint page, verso of the cover
        p = writer.simple("Imprint Line", (Run(line),))
        if i == 0:
            p.paragraph_format.page_break_before = True
