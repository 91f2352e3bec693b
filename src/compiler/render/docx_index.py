"""The DOCX's index of themes, after Part B: each theme, a paragraph per section with its items and their pages as
PAGEREF fields to the items' bookmarks (in a redline, OLD's index removed and NEW's added where they differ)."""

from __future__ import annotations

from ..model import INDEX_ANCHOR, INDEX_HEADING, Run
from ..view import REMOVED, Status, Text
from . import docx_xml as X


def write_themes_index(writer) -> None:
    """Append the index of themes (in a redline: OLD's removed, then NEW's added, where they differ)."""
    for index in (writer.view.themes_index_removed, writer.view.themes_index):
        if index:
            _index(writer, index, index[0].status)


def _index(writer, index, status: Status) -> None:
    """Write an index of themes: each theme, then a paragraph per section with its items and their pages, PAGEREF
    fields to the items' bookmarks (Word and LibreOffice update them; the number written is the PDF's)."""
    p = writer.heading("Heading 1", 1, INDEX_HEADING, status)
    writer.text(p, Text((Run(INDEX_HEADING),)), status)
    writer.bookmark(p, X.toc_bookmark(INDEX_ANCHOR), status)
    writer.finish(p, status)
    for theme in index:
        h = writer.simple("Index Heading", (Run(theme.name),), status)
        if theme.anchor in writer.page_starts and status != REMOVED:  # a new chunk of the print layout's index
            h.paragraph_format.page_break_before = True
        for group in theme.groups:
            gp = writer.para("Index 1")
            X.add_run(gp, f"{group.section}:")
            for n, entry in enumerate(group.entries):
                mark = X.Bookmarks.name(entry.id)
                link = X.hyperlink(gp, anchor=mark)
                X.add_run(gp, f" {entry.locator}, page ", parent=link)
                if status == REMOVED:  # OLD's index in a redline: its pages as they were, not a field that
                    X.add_run(gp, str(entry.page or ""), parent=link)  # would follow the bookmark to NEW's layout
                else:
                    X.field_begin(gp, f"PAGEREF {mark} \\h", parent=link)
                    run = X.add_run(gp, str(entry.page) if entry.page is not None else "0", parent=link)
                    if entry.page is None:  # the page, written in by fill_pages
                        writer.page_slots.append((run.find(X.qn("w:t")), entry.id))
                    X.field_end(gp, parent=link)
                if n < len(group.entries) - 1:
                    X.add_run(gp, ";")
            writer.finish(gp, status)
