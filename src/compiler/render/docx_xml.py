"""Raw WordprocessingML mechanics python-docx has no API for: elements, fields, bookmarks, links, revisions."""

from __future__ import annotations

import functools
import io
import zipfile
from datetime import datetime

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import NamespacePrefixedTag, qn
from docx.oxml.parser import oxml_parser
from docx.oxml.xmlchemy import BaseOxmlElement

from ..review.read import bookmark_name

ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


@functools.cache
def _clark(tag: str) -> tuple[str, dict[str, str]]:
    """Return an element's name as lxml spells it ("{uri}p" for "w:p"), and its namespace: looked up once per name."""
    name = NamespacePrefixedTag(tag)
    return name.clark_name, name.nsmap


@functools.cache
def _attribute(key: str) -> str:
    return qn(key.replace("_", ":", 1))  # w_val -> {uri}val


def element(tag: str, **attrs) -> BaseOxmlElement:
    """Return a new element, as python-docx's OxmlElement makes it (a DOCX at 10x makes some 40,000)."""
    clark, nsmap = _clark(tag)
    el = oxml_parser.makeelement(clark, nsmap=nsmap)
    for k, v in attrs.items():
        el.set(_attribute(k), str(v))
    return el


# Order of w:pPr children in the schema (CT_PPrBase), enough for the elements added here.
_PPR_ORDER = [
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
]


def insert_in_order(ppr, el) -> None:
    rank = {qn(t): i for i, t in enumerate(_PPR_ORDER)}
    mine = rank[el.tag]
    for i, child in enumerate(ppr):
        if rank.get(child.tag, 99) > mine:
            ppr.insert(i, el)
            return
    ppr.append(el)


class Bookmarks:
    """Bookmark ids unique within the file, and names Word accepts."""

    def __init__(self):
        self.next_id = 0

    @staticmethod
    def name(anchor: str, prefix: str = "") -> str:
        return bookmark_name(anchor, prefix)

    def wrap(self, paragraph, name: str) -> None:
        """Put a bookmark named ``name`` around the whole paragraph content."""
        bid = str(self.next_id)
        self.next_id += 1
        start = element("w:bookmarkStart", w_id=bid, w_name=name)
        end = element("w:bookmarkEnd", w_id=bid)
        p = paragraph._p
        ppr = p.find(qn("w:pPr"))
        p.insert(list(p).index(ppr) + 1 if ppr is not None else 0, start)
        p.append(end)


def toc_bookmark(anchor: str) -> str:
    """Return the bookmark name a table-of-contents entry points to (a heading's, "_Toc_" and its anchor)."""
    return Bookmarks.name(anchor, "_Toc_")


def add_run(paragraph, text: str, style: str | None = None, bold=None, italic=None, parent=None):
    """Append a text run (to the paragraph or to ``parent``, e.g. a hyperlink) and return it.

    ``bold`` True makes it bold, False explicitly regular (against a bold style), None inherits.
    """
    r = element("w:r")
    if style or bold or italic or bold is False:
        rpr = element("w:rPr")
        if style:
            rpr.append(element("w:rStyle", w_val=style))
        if bold:
            rpr.append(element("w:b"))
        elif bold is False:  # regular inside a bold paragraph style (a heading's source in parentheses)
            rpr.append(element("w:b", w_val="0"))
        if italic:
            rpr.append(element("w:i"))
        r.append(rpr)
    t = element("w:t")
    t.text = text
    if text != text.strip():
        t.set(qn("xml:space"), "preserve")
    r.append(t)
    (parent if parent is not None else paragraph._p).append(r)
    return r


def add_tab(paragraph, parent=None) -> None:
    """Append a tab character."""
    r = element("w:r")
    r.append(element("w:tab"))
    (parent if parent is not None else paragraph._p).append(r)


def hyperlink(paragraph, anchor: str | None = None, rid: str | None = None):
    """Append an empty hyperlink: to an external relationship ``rid``, or to an internal ``anchor``."""
    if rid:
        link = element("w:hyperlink", r_id=rid, w_history=1)
    else:
        link = element("w:hyperlink", w_anchor=anchor, w_history=1)
    paragraph._p.append(link)
    return link


def field_begin(paragraph, instruction: str, parent=None) -> None:
    """Append the start of a field: begin, instruction, separate (the cached result follows)."""
    target = parent if parent is not None else paragraph._p
    r = element("w:r")
    r.append(element("w:fldChar", w_fldCharType="begin"))
    target.append(r)
    r = element("w:r")
    instr = element("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    r.append(instr)
    target.append(r)
    r = element("w:r")
    r.append(element("w:fldChar", w_fldCharType="separate"))
    target.append(r)


def field_end(paragraph, parent=None) -> None:
    """Append the end of a field."""
    r = element("w:r")
    r.append(element("w:fldChar", w_fldCharType="end"))
    (parent if parent is not None else paragraph._p).append(r)


def field(paragraph, instruction: str, result: str, parent=None) -> None:
    """Append a whole field with its cached result."""
    field_begin(paragraph, instruction, parent)
    if result:
        add_run(paragraph, result, parent=parent)
    field_end(paragraph, parent)


def set_page(section, page: dict, footer_distance: bool = True) -> None:
    """Set a section's page size and margins from the style spec (mm)."""
    from docx.shared import Mm

    section.page_width = Mm(page["width_mm"])
    section.page_height = Mm(page["height_mm"])
    m = page["margin_mm"]
    section.top_margin, section.bottom_margin = Mm(m["top"]), Mm(m["bottom"])
    section.left_margin, section.right_margin = Mm(m["left"]), Mm(m["right"])
    section.header_distance = Mm(page["footer_distance_mm"])
    section.footer_distance = Mm(page["footer_distance_mm"])


def rule(paragraph, side: str, color: str, size: int = 6, space: int = 12) -> None:
    """Draw a rule on a paragraph's ``side`` ("top", "bottom"): ``size`` eighths of a point, ``space`` pt off the text."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = element("w:pBdr")
        insert_in_order(ppr, borders)
    borders.append(element(f"w:{side}", w_val="single", w_sz=size, w_space=space, w_color=color.lstrip("#").upper()))


def restart_page_numbers(section, start: int = 1) -> None:
    """Make a section's page numbers start at ``start``."""
    sect = section._sectPr
    for old in sect.findall(qn("w:pgNumType")):
        sect.remove(old)
    pg = element("w:pgNumType", w_start=start)
    # pgNumType goes after pgMar/paperSrc/pgBorders/lnNumType, before cols.
    cols = sect.find(qn("w:cols"))
    if cols is not None:
        cols.addprevious(pg)
    else:
        sect.append(pg)


def drop_thumbnail(document) -> None:
    """Remove the template's preview picture, which shows another document."""
    pkg = document.part.package
    for rid, rel in list(pkg.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            pkg.rels.pop(rid)


def deterministic_zip(data: bytes, when: datetime) -> bytes:
    """Return the package with every entry's time set to ``when`` and a fixed entry order."""
    src = zipfile.ZipFile(io.BytesIO(data))
    names = src.namelist()
    order = ["[Content_Types].xml"] + sorted(n for n in names if n != "[Content_Types].xml")
    out = io.BytesIO()
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            dst.writestr(info, src.read(name))
    return out.getvalue()


class Revisions:
    """Tracked changes (insertions and deletions) attributed to one author at one date."""

    def __init__(self, author: str, date: str):
        self.author = author
        self.date = date
        self.next_id = 1

    def _mark(self, tag: str) -> BaseOxmlElement:
        el = element(tag, w_id=self.next_id, w_author=self.author, w_date=self.date)
        self.next_id += 1
        return el

    def wrap_run(self, r, kind: str) -> None:
        """Wrap one run in <w:ins> or <w:del> (deleted text becomes w:delText)."""
        tag = "w:ins" if kind == "ins" else "w:del"
        wrapper = self._mark(tag)
        r.addprevious(wrapper)
        wrapper.append(r)
        if kind == "del":
            for t in r.findall(qn("w:t")):
                t.tag = qn("w:delText")
            for t in r.findall(qn("w:instrText")):
                t.tag = qn("w:delInstrText")

    def mark_paragraph(self, paragraph, kind: str, keep=frozenset()) -> None:
        """Mark a whole paragraph inserted or deleted: its runs and its paragraph mark.

        Runs in ``keep`` (field boundaries shared with other paragraphs) stay untracked.
        """
        p = paragraph._p
        for r in list(p.iter(qn("w:r"))):
            if r in keep or r.getparent().tag in (qn("w:ins"), qn("w:del")):
                continue
            self.wrap_run(r, kind)
        ppr = p.get_or_add_pPr()
        rpr = ppr.find(qn("w:rPr"))
        if rpr is None:
            rpr = element("w:rPr")
            insert_in_order(ppr, rpr)
        rpr.insert(0, self._mark("w:ins" if kind == "ins" else "w:del"))
