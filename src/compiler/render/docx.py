"""Write a View as a natively styled Word document: an edition, or a redline as tracked changes."""

from __future__ import annotations

import io
from pathlib import Path

from ..errors import BuildError
from ..model import Run, fingerprint
from ..view import ADDED, CHANGED, REMOVED, SAME, ItemView, SectionView, Status, Text, View
from . import Options
from . import docx_xml as X
from .docx_cover import cover_logo
from .docx_styles import styled_document

STYLES_FILE = "docx-styles.yaml"
_KIND = {ADDED: "ins", REMOVED: "del"}


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


class DocxWriter:
    """Walks a View and writes paragraphs with the layout's styles.

    A plain edition's View marks nothing; a redline's marks insertions and deletions, written
    as Word tracked changes.
    """

    def __init__(self, view: View, spec: dict, deferred_pages: bool = False, logo: bytes | None = None):
        self.view = view
        self.logo = logo  # the cover logo as PNG (render/logo.py)
        self.deferred = deferred_pages  # page numbers filled in later by fill_pages()
        self.page_slots: list = []  # (w:t element, anchor) awaiting a page number
        self.doc = view.doc
        self.spec = spec
        self.word = styled_document(spec)
        self.bookmarks = X.Bookmarks()
        self._toc_bold: bool | None = None  # False: a first-level contents entry that is not a Part's, set regular
        self.revisions = X.Revisions(spec.get("tracked_changes_author", "Secretariat"), view.meta.date_iso)
        self.untracked: set = set()  # field boundary runs shared by several paragraphs
        self._style_ids: dict = {}
        self._end = None
        self._rels: dict = {}
        from .pagination import page_starts

        self.page_starts = page_starts(view.doc)
        self.section_ids = {s.id for s in view.doc.sections()}
        X.drop_thumbnail(self.word)
        body = self.word.element.body
        for child in list(body):
            if child.tag != X.qn("w:sectPr"):
                body.remove(child)

    # -- paragraphs and runs -------------------------------------------------------------
    def para(self, style: str):
        """Append a paragraph in ``style``.

        Built as XML with the style id looked up once: python-docx's add_paragraph searches the template's styles
        and the body on every call (most of the time at 100x), and its get_or_add each child's successors.
        """
        from docx.text.paragraph import Paragraph

        if style not in self._style_ids:
            obj = self.word.styles[style]
            default = self.word.styles.default(obj.type)
            self._style_ids[style] = None if obj == default else obj.style_id
        p = X.element("w:p")
        p.append(ppr := X.element("w:pPr"))  # present even for Normal, as python-docx writes it
        if self._style_ids[style]:
            ppr.append(X.element("w:pStyle", w_val=self._style_ids[style]))
        if self._end is None:  # the body's last element; set again after a section break
            self._end = self.word.element.body.sectPr
        if self._end is None:  # python-docx's blank document ends with a section break
            raise BuildError("the DOCX template has no section properties")
        self._end.addprevious(p)
        return Paragraph(p, self.word._body)

    def link(self, p, url: str):
        """Append an external hyperlink to ``url`` (one relationship per address)."""
        rid = self._rels.get(url)
        if rid is None:
            rid = self._rels[url] = p.part.relate_to(url, X.RT.HYPERLINK, is_external=True)
        return X.hyperlink(p, rid=rid)

    def finish(self, p, status: Status) -> None:
        """Mark a whole inserted or deleted paragraph."""
        if status in _KIND:
            self.revisions.mark_paragraph(p, _KIND[status], self.untracked)

    def text(self, p, text: Text, status: Status = SAME, regular_from: str | None = None) -> None:
        """Append text; changed pieces of a word diff become tracked insertions/deletions.

        ``regular_from``: from the first occurrence of this text on, runs are set regular (not
        bold) against a bold paragraph style, as the print sets a heading's source in parentheses.
        """
        pieces = text.pieces(status if status != CHANGED else SAME)
        if regular_from is not None:
            pieces = _split_at(pieces, regular_from)
        regular = False
        for change, r in pieces:
            regular = regular or (regular_from is not None and r.text.startswith(regular_from))
            if r.href and r.href.startswith("#"):  # a link within the edition, to an item or a section
                target = r.href[1:]
                name = X.toc_bookmark(target) if target in self.section_ids else X.Bookmarks.name(target)
                parent = X.hyperlink(p, anchor=name)
            else:
                parent = self.link(p, r.href) if r.href else None
            style = "Hyperlink" if r.href else ("Emphasis" if r.italic else ("Strong" if r.bold else None))
            el = X.add_run(
                p,
                r.text,
                style=style,
                bold=False if regular else (True if r.bold and style != "Strong" else None),
                italic=r.italic and style != "Emphasis",
                parent=parent,
            )
            if status == CHANGED and change in _KIND:
                self.revisions.wrap_run(el, _KIND[change])

    def simple(self, style: str, runs: tuple[Run, ...] | Text, status: Status = SAME):
        p = self.para(style)
        self.text(p, runs if isinstance(runs, Text) else Text(runs), status)
        self.finish(p, status)
        return p

    def bookmark(self, p, name: str, status: Status) -> None:
        if status != REMOVED:  # a deleted copy must not take the name of the one that stays
            self.bookmarks.wrap(p, name)

    # -- parts of the publication ------------------------------------------------------
    def cover(self) -> None:
        from .docx_cover import write_cover

        write_cover(self)

    def body_section(self) -> None:
        from docx.enum.section import WD_SECTION

        cover = self.word.sections[0]
        X.set_page(cover, self.spec["page"])
        section = self.word.add_section(WD_SECTION.NEW_PAGE)
        self._end = None
        X.set_page(section, self.spec["page"])
        X.restart_page_numbers(section, 1)
        section.footer.is_linked_to_previous = False
        footer = section.footer.paragraphs[0]
        footer.alignment = X.ALIGN["center"]
        X.field(footer, "PAGE", "1")
        cover.footer.is_linked_to_previous = False

    def toc(self) -> None:
        self.simple("TOC Heading", (Run("Table of Contents"),))
        for i, entry in enumerate(self.view.toc):
            p = self.para(f"TOC {entry.level}")
            if i == 0:  # the field starts in the first entry and ends before the next heading
                before = len(p._p)
                X.field_begin(p, 'TOC \\f \\l "1-2" \\h \\z')
                self.untracked.update(p._p[before:])
            link = X.hyperlink(p, anchor=X.toc_bookmark(entry.anchor))
            # as printed, only the Parts' entries are bold among the first-level ones
            self._toc_bold = None if entry.level != 1 or entry.anchor.startswith("part-") else False
            for change, r in entry.text.pieces(entry.status if entry.status != CHANGED else SAME):
                el = X.add_run(p, r.text, parent=link, bold=self._toc_bold)
                if entry.status == CHANGED and change in _KIND:
                    self.revisions.wrap_run(el, _KIND[change])
            X.add_tab(p, parent=link)
            self.page_number(p, link, entry)
            self.finish(p, entry.status)

    def page_number(self, p, link, entry) -> None:
        pages = {"old": entry.page_old, "new": entry.page_new}
        wanted = ["old"] if entry.status == REMOVED else ["new"]
        if entry.status == CHANGED and entry.page_old != entry.page_new:
            wanted = ["old", "new"]
        X.field_begin(p, f"PAGEREF {X.toc_bookmark(entry.anchor)} \\h", parent=link)
        if self.deferred:
            run = X.add_run(p, "0", parent=link, bold=self._toc_bold)
            self.page_slots.append((run.find(X.qn("w:t")), entry.anchor))
            X.field_end(p, parent=link)
            return
        for k in wanted:
            if pages[k] is None:
                raise BuildError(f"no page number for the contents entry {entry.anchor!r}")
        if len(wanted) == 2:
            self.revisions.wrap_run(X.add_run(p, str(pages["old"]), parent=link, bold=self._toc_bold), "del")
            self.revisions.wrap_run(X.add_run(p, str(pages["new"]), parent=link, bold=self._toc_bold), "ins")
        else:
            X.add_run(p, str(pages[wanted[0]]), parent=link, bold=self._toc_bold)
        X.field_end(p, parent=link)

    def heading(self, style: str, level: int, toc_text: str, status: Status, end_toc: bool = False):
        p = self.para(style)
        if end_toc:  # the contents field ends here, before this heading's own entry
            X.field_end(p)
            self.untracked.add(p._p[-1])
        if level:
            X.field(p, f'TC "{toc_text.replace(chr(34), chr(39))}" \\l {level}', "")
        return p

    def front(self) -> None:
        for i, f in enumerate(self.view.front):
            p = self.heading("Heading 1", 1, "".join(r.text for r in f.heading.runs), f.status, end_toc=(i == 0))
            status = f.status if f.status in _KIND else (CHANGED if f.heading.changed else SAME)
            self.text(p, f.heading, status)
            self.bookmark(p, X.toc_bookmark(f.anchor), f.status)
            self.finish(p, f.status)
            for block in f.blocks:
                bstatus = f.status if f.status in _KIND else block.status
                if block.label is None:
                    self.simple("Normal", block.text, bstatus)
                    continue
                lp = self.para("List Item")
                X.add_run(lp, block.label)
                X.add_tab(lp)
                self.text(lp, block.text, bstatus)
                self.finish(lp, bstatus)

    def section(self, s: SectionView, first_of_year: bool = False) -> None:
        sec = s.section
        p = self.heading("Heading 3", 2, sec.toc_text, s.status)
        if sec.id in self.page_starts and not first_of_year:  # a new chunk of the print layout
            p.paragraph_format.page_break_before = True
        self.text(p, s.title, s.status, regular_from="(")  # "Title (CTOC/...)": the source is regular
        self.bookmark(p, X.toc_bookmark(sec.anchor), s.status)
        self.finish(p, s.status)
        for item in s.items:
            self.item(item, s.status)

    def item(self, item: ItemView, section_status: Status) -> None:
        status = section_status if section_status in _KIND else item.status
        if item.heading is not None:
            self.simple("Recommendation Label", item.heading, status)
        p = self.para("Item Intro" if item.sub_items else "Item Text")
        self.text(p, item.text, status)
        self.bookmark(p, X.Bookmarks.name(item.id), status)
        self.finish(p, status)
        for sub in item.sub_items:
            sstatus = status if status in _KIND else sub.status
            sp = self.para("Sub Item")
            X.add_run(sp, sub.label)
            X.add_tab(sp)
            self.text(sp, sub.text, sstatus)
            self.finish(sp, sstatus)

    def parts(self) -> None:
        for part in self.view.parts:
            p = self.heading("Heading 1", 1, "".join(r.text for r in part.heading.runs), part.status)
            self.text(p, part.heading, part.status)
            self.bookmark(p, X.toc_bookmark(part.anchor), part.status)
            self.finish(p, part.status)
            for year in part.years:
                h = self.simple("Heading 2", (Run(str(year.year)),), year.status)
                if year.sections and year.sections[0].id in self.page_starts:  # a new chunk starts here
                    h.paragraph_format.page_break_before = True
                for i, s in enumerate(year.sections):
                    self.section(s, first_of_year=(i == 0))

    def themes_index(self) -> None:
        from .docx_index import write_themes_index

        write_themes_index(self)

    def contact(self) -> None:
        """Write the back cover: the contact address on a page of its own, after a rule, no page number."""
        from docx.enum.section import WD_SECTION

        section = self.word.add_section(WD_SECTION.NEW_PAGE)
        self._end = None
        X.set_page(section, self.spec["page"])
        section.footer.is_linked_to_previous = False  # an empty footer: the back cover has no folio
        p = self.para("Contact")
        X.rule(p, "top", self.spec.get("accent", "0B4F8A"))
        contact = self.doc.publication.contact
        run = X.add_run(p, contact, style="Hyperlink", parent=self.link(p, f"mailto:{contact}"))
        run.find(X.qn("w:rPr")).append(X.element("w:u"))  # not underlined, as in the PDF
        run.find(X.qn("w:rPr"))[-1].set(X.qn("w:val"), "none")

    def properties(self) -> None:
        cp = self.word.core_properties
        meta = self.view.meta
        when = meta.date.replace(tzinfo=None)
        cp.title = meta.title
        cp.author = meta.author
        cp.last_modified_by = meta.author
        cp.subject = meta.subject
        if self.view.change_set is not None:
            cp.subject += f", with changes since the {self.view.change_set.old_name} tracked"
        cp.keywords = meta.keywords
        cp.language = self.spec["language"]
        cp.category = "Compilation"
        cp.comments = f"Edition {self.doc.edition.id} ({self.doc.edition.status})"
        cp.identifier = fingerprint(self.doc)
        cp.created = when
        cp.modified = when
        cp.last_printed = when
        cp.revision = 1
        settings = self.word.settings.element
        for old in settings.findall(X.qn("w:rsids")):
            settings.remove(old)

    def draft_headers(self) -> None:
        """Put the draft note in the header of every page (real text, which extractors read)."""
        note = self.doc.edition.draft_note
        if not note:
            return
        for section in self.word.sections:
            section.header.is_linked_to_previous = False
            p = section.header.paragraphs[0]
            p.alignment = X.ALIGN["center"]
            X.add_run(p, note, bold=True)

    def build(self) -> DocxWriter:
        """Write every paragraph (page numbers may still be missing: see fill_pages)."""
        self.cover()
        self.body_section()  # the cover ends at this section break
        self.toc()
        self.front()  # the changes in this edition, if any, come last in the front matter
        self.parts()
        self.themes_index()
        self.contact()
        self.draft_headers()  # every section, the back cover's too
        self.properties()
        return self

    def fill_pages(self, pages: dict[str, int]) -> DocxWriter:
        """Put the page numbers into a document built with deferred_pages."""
        for element, anchor in self.page_slots:
            if anchor not in pages:
                raise BuildError(f"no page number for {anchor!r} (a contents or index entry)")
            element.text = str(pages[anchor])
        self.page_slots = []
        return self

    def embed_data(self) -> DocxWriter:
        """Carry the edition's published data inside the file (render/docx_data.py)."""
        from .docx_data import embed_edition_data

        embed_edition_data(self.word, self.doc)
        return self

    def save(self) -> bytes:
        out = io.BytesIO()
        self.word.save(out)
        return X.deterministic_zip(out.getvalue(), self.view.meta.date)


def write_docx(view: View, options: Options) -> bytes:
    """Return the DOCX of an edition's View (the registry's writer).

    The contents' page numbers come from ``options.pages()``, which may wait for the PDF's
    layout: the document is built first, the numbers filled in last.
    """
    spec = load_style_spec(options.layout_dir)
    writer = DocxWriter(view, spec, deferred_pages=True, logo=cover_logo(view.doc, options.content_dir))
    return writer.build().fill_pages(options.pages()).embed_data().save()


def write_tracked_docx(view: View, options: Options) -> bytes:
    """Return a redline View as the NEW edition with its differences from OLD as Word tracked changes.

    Its page numbers, old and new, come with the View (view/redline.py).
    """
    if view.change_set is None:
        raise BuildError("tracked changes need the View of one edition against another (view/redline.py)")
    spec = load_style_spec(options.layout_dir)
    return DocxWriter(view, spec, logo=cover_logo(view.doc, options.content_dir)).build().save()


def _split_at(pieces: list[tuple[Status, Run]], mark: str) -> list[tuple[Status, Run]]:
    """Split the piece that holds the first ``mark`` so that the mark starts a piece of its own."""
    out = []
    done = False
    for change, r in pieces:
        at = r.text.find(mark) if not done else -1
        if at > 0:
            out += [
                (change, Run(r.text[:at], r.italic, r.bold, r.href)),
                (change, Run(r.text[at:], r.italic, r.bold, r.href)),
            ]
            done = True
        else:
            done = done or at == 0
            out.append((change, r))
    return out
