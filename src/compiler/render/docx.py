"""Render the Document model as a natively styled Word document (python-docx)."""

from __future__ import annotations

import io
from pathlib import Path

from ..errors import BuildError
from ..model import Document, Entry, ListBlock, Paragraph, Run, Section
from . import docx_xml as X
from .pdf import edition_datetime

STYLES_FILE = "docx-styles.yaml"


def load_style_spec(layout_dir: Path) -> dict:
    """Return the layout's DOCX style spec (YAML, read safely)."""
    from ..content.yamlsource import load_yaml

    path = layout_dir / STYLES_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise BuildError(f"layouts/{layout_dir.name}/{STYLES_FILE}: cannot read: {exc.strerror}") from None
    node, problems = load_yaml(text, f"layouts/{layout_dir.name}/{STYLES_FILE}")
    if problems or node is None:
        raise BuildError("\n".join(str(p) for p in problems))
    return node.plain()


def toc_bookmark(anchor: str) -> str:
    """Return the bookmark name a table-of-contents entry points to."""
    return X.Bookmarks.name(anchor, "_Toc_")


class DocxWriter:
    """Walks the Document model and writes paragraphs with the layout's styles."""

    def __init__(self, doc: Document, spec: dict, pages: dict[str, int]):
        import docx

        self.doc = doc
        self.spec = spec
        self.pages = pages
        self.word = docx.Document()
        self.bookmarks = X.Bookmarks()
        X.apply_styles(self.word, spec)
        X.drop_thumbnail(self.word)
        body = self.word.element.body
        for child in list(body):
            if child.tag != X.qn("w:sectPr"):
                body.remove(child)

    def para(self, style: str, text: str | None = None):
        p = self.word.add_paragraph(style=style)
        if text:
            X.add_run(p, text)
        return p

    def runs(self, p, runs: tuple[Run, ...]) -> None:
        for r in runs:
            parent = X.hyperlink(p, url=r.href) if r.href else None
            style = "Hyperlink" if r.href else ("Emphasis" if r.italic else ("Strong" if r.bold else None))
            X.add_run(p, r.text, style=style, bold=r.bold and style != "Strong",
                      italic=r.italic and style != "Emphasis", parent=parent)

    # -- parts of the publication ------------------------------------------------------
    def cover(self) -> None:
        pub = self.doc.publication
        for i, line in enumerate(pub.cover_publisher):
            self.para("Cover Publisher" if i == 0 else "Cover Publisher Name", line)
        for i, line in enumerate(pub.cover_mark):
            p = self.para("Cover Mark" if i == 0 else "Cover Mark Line", line)
            if i == 0:
                p.paragraph_format.space_before = X.Pt(113)
        p = self.para("Title", pub.cover_heading)
        p.paragraph_format.space_before = X.Pt(62)
        for line in pub.cover_title:
            p = self.para("Cover Title Line")
            for r in line:
                X.add_run(p, r.text, style="Cover Emphasis" if r.bold else None)
        p = self.para("Cover Imprint", self.doc.edition.imprint)
        p.paragraph_format.space_before = X.Pt(200)

    def body_section(self) -> None:
        from docx.enum.section import WD_SECTION

        cover = self.word.sections[0]
        X.set_page(cover, self.spec["page"])
        section = self.word.add_section(WD_SECTION.NEW_PAGE)
        X.set_page(section, self.spec["page"])
        X.restart_page_numbers(section, 1)
        section.footer.is_linked_to_previous = False
        footer = section.footer.paragraphs[0]
        footer.alignment = X.ALIGN["center"]
        X.field(footer, "PAGE", "1")
        cover.footer.is_linked_to_previous = False

    def toc(self) -> None:
        self.para("TOC Heading", "Table of Contents")
        entries = self.doc.toc
        for i, entry in enumerate(entries):
            p = self.para(f"TOC {entry.level}")
            if i == 0:
                X.field_begin(p, 'TOC \\f \\l "1-2" \\h \\z')
            link = X.hyperlink(p, anchor=toc_bookmark(entry.anchor))
            X.add_run(p, entry.text, parent=link)
            X.add_tab(p, parent=link)
            page = self.pages.get(entry.anchor)
            if page is None:
                raise BuildError(f"no page number for the contents entry {entry.text!r}")
            X.field(p, f"PAGEREF {toc_bookmark(entry.anchor)} \\h", str(page), parent=link)
            if i == len(entries) - 1:
                X.field_end(p)

    def heading(self, style: str, anchor: str, level: int, toc_text: str):
        p = self.para(style)
        X.field(p, f'TC "{toc_text.replace(chr(34), chr(39))}" \\l {level}', "")
        return p

    def front(self) -> None:
        for f in self.doc.front:
            p = self.heading("Heading 1", f.anchor, 1, f.heading)
            X.add_run(p, f.heading)
            self.bookmarks.wrap(p, toc_bookmark(f.anchor))
            for block in f.blocks:
                if isinstance(block, ListBlock):
                    for item in block.items:
                        lp = self.para("List Item")
                        X.add_run(lp, item.label)
                        X.add_tab(lp)
                        self.runs(lp, item.runs)
                else:
                    self.runs(self.para("Normal"), block.runs)

    def section(self, s: Section) -> None:
        p = self.heading("Heading 3", s.anchor, 2, s.toc_text)
        X.add_run(p, f"{s.title} (")
        if s.link_url:
            X.add_run(p, s.link_text, style="Hyperlink", parent=X.hyperlink(p, url=s.link_url))
        else:
            X.add_run(p, s.link_text)
        X.add_run(p, ")")
        self.bookmarks.wrap(p, toc_bookmark(s.anchor))
        for e in s.entries:
            self.entry(e)

    def entry(self, e: Entry) -> None:
        if e.heading:
            self.para("Recommendation Label", e.heading)
        p = self.para("Item Text")
        self.runs(p, e.runs)
        self.bookmarks.wrap(p, X.Bookmarks.name(e.id))
        for s in e.sub_items:
            sp = self.para("Sub Item")
            X.add_run(sp, s.label)
            X.add_tab(sp)
            self.runs(sp, s.runs)

    def parts(self) -> None:
        for part in self.doc.parts:
            p = self.heading("Heading 1", part.anchor, 1, part.heading)
            X.add_run(p, part.heading)
            self.bookmarks.wrap(p, toc_bookmark(part.anchor))
            for year in part.years:
                self.para("Heading 2", str(year.year))
                for s in year.sections:
                    self.section(s)

    def contact(self) -> None:
        p = self.para("Contact")
        contact = self.doc.publication.contact
        X.add_run(p, contact, style="Hyperlink", parent=X.hyperlink(p, url=f"mailto:{contact}"))

    def properties(self) -> None:
        cp = self.word.core_properties
        when = edition_datetime(self.doc).replace(tzinfo=None)
        cp.title = self.doc.publication.title
        cp.author = self.doc.publication.publisher
        cp.last_modified_by = self.doc.publication.publisher
        cp.subject = f"{self.doc.publication.short_title}, {self.doc.edition.date_label} edition"
        cp.keywords = "UNTOC; Review Mechanism; recommendations; observations"
        cp.language = self.spec["language"]
        cp.category = "Compilation"
        cp.comments = f"Edition {self.doc.edition.id} ({self.doc.edition.status})"
        cp.identifier = self.doc.fingerprint()
        cp.created = when
        cp.modified = when
        cp.last_printed = when
        cp.revision = 1
        settings = self.word.settings.element
        for old in settings.findall(X.qn("w:rsids")):
            settings.remove(old)

    def render(self) -> bytes:
        self.cover()
        self.body_section()
        # the cover ends at the section break; everything after goes into the body section
        self.toc()
        self.front()
        self.parts()
        self.contact()
        self.properties()
        out = io.BytesIO()
        self.word.save(out)
        return X.deterministic_zip(out.getvalue(), edition_datetime(self.doc))


def render_docx(doc: Document, layout_dir: Path, pages: dict[str, int]) -> bytes:
    """Return the DOCX of an edition; ``pages`` gives each anchor's page number for the contents."""
    return DocxWriter(doc, load_style_spec(layout_dir), pages).render()
