"""Read a reviewer's Word file: each paragraph as written and as the reviewer leaves it, tracked or not, and the
comments with the words they are anchored on."""

from __future__ import annotations

import io
import json
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CompilerError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
DC = "{http://purl.org/dc/elements/1.1/}"
CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
DCTERMS = "{http://purl.org/dc/terms/}"
DATA_NS = "urn:untoc-compilation:edition@1"  # the root of the custom XML part that carries the edition's data
MAX_ENTRY = 50_000_000  # bytes an entry of a reviewed file may inflate to
MAX_RATIO = 200  # and how many times its compressed size


def bookmark_name(anchor: str, prefix: str = "") -> str:
    """Return the name of the bookmark the compiler puts on an item (or, with the prefix "_Toc_", on a heading)."""
    return (prefix + anchor.replace("-", "_"))[:40]


@dataclass(frozen=True)
class Revision:
    """A tracked change: inserted or deleted text (or a paragraph mark), by whom and when."""

    kind: str  # "ins" or "del"
    author: str
    date: str


@dataclass
class Paragraph:
    """A paragraph of the reviewed file: its text as the compiler wrote it (``old``: what is deleted in, what is
    inserted out) and as the reviewer leaves it (``new``), with what identifies it."""

    index: int
    style: str
    bookmarks: list[str]
    old: str
    new: str
    revisions: list[Revision] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)  # ids of the comments anchored in it

    @property
    def inserted(self) -> bool:
        """Return whether the reviewer added the whole paragraph."""
        return not self.old.strip() and bool(self.new.strip()) and any(r.kind == "ins" for r in self.revisions)

    @property
    def deleted(self) -> bool:
        """Return whether the reviewer deleted the whole paragraph."""
        return bool(self.old.strip()) and not self.new.strip() and any(r.kind == "del" for r in self.revisions)


@dataclass
class Comment:
    id: str
    author: str
    date: str
    text: str
    parent: str | None = None  # the comment it replies to
    anchor: str = ""  # the words it is anchored on (filled from the paragraphs)


@dataclass
class ReviewedFile:
    """What a reviewer sent back: who wrote it from which edition, and what is in it now."""

    path: Path
    title: str
    fingerprint: str
    description: str  # "Edition 2025-01 (draft)", as the compiler wrote it
    last_editor: str
    modified: str
    base: dict | None  # the edition's published data the compiler embedded (model/published.py)
    paragraphs: list[Paragraph]
    comments: list[Comment]

    @property
    def edition_id(self) -> str | None:
        words = self.description.split()
        return words[1] if len(words) > 1 and words[0] == "Edition" else None


def _entry(z: zipfile.ZipFile, name: str) -> bytes | None:
    """Return a zip entry's bytes, refusing one that would inflate beyond what a document needs."""
    try:
        info = z.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_ENTRY or info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise CompilerError(f"{z.filename}: {name} would inflate to {info.file_size} bytes: not a document to read")
    try:
        return z.read(info)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise CompilerError(
            f"{z.filename}: {name} cannot be read ({exc}): the file is damaged; save it again"
        ) from None


def _xml(data: bytes | None, where: str = ""):
    """Return a part's XML tree (no entities resolved, nothing fetched), or None when the part is not there."""
    from lxml import etree  # type: ignore[import-untyped]

    if data is None:
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise CompilerError(
            f"{where}: a part of the file is not well-formed XML ({exc}): not a Word file to read"
        ) from None


def _text_of(el, deleted: bool) -> str:
    out = []
    field_code = 0
    for node in el.iter(f"{W}t", f"{W}delText", f"{W}tab", f"{W}br", f"{W}cr", f"{W}fldChar"):
        tag = node.tag[len(W) :]
        if tag == "fldChar":
            kind = node.get(f"{W}fldCharType")
            field_code = 1 if kind == "begin" else 0 if kind in ("separate", "end") else field_code
        elif field_code:
            continue
        elif tag in ("t", "delText"):
            out.append(node.text or "")
        elif tag == "tab":
            out.append("\t")
        else:
            out.append(" ")
    return "".join(out)


def _paragraph(index: int, p, styles: dict[str, str]) -> Paragraph:
    """Return a paragraph's old and new text: runs inside w:ins or w:moveTo are new only, inside w:del or
    w:moveFrom old only, the others both."""
    ppr = p.find(f"{W}pPr")
    style_el = ppr.find(f"{W}pStyle") if ppr is not None else None
    style = styles.get(style_el.get(f"{W}val"), style_el.get(f"{W}val")) if style_el is not None else "Normal"
    revisions = []
    mark = ppr.find(f"{W}rPr") if ppr is not None else None
    for kind in ("ins", "del"):
        el = mark.find(f"{W}{kind}") if mark is not None else None
        if el is not None:
            revisions.append(Revision(kind, el.get(f"{W}author", ""), el.get(f"{W}date", "")))
    old, new = [], []
    for child in p:
        tag = child.tag[len(W) :] if child.tag.startswith(W) else ""
        if tag in ("ins", "moveTo"):
            new.append(_text_of(child, False))
            revisions.append(Revision("ins", child.get(f"{W}author", ""), child.get(f"{W}date", "")))
        elif tag in ("del", "moveFrom"):
            old.append(_text_of(child, True))
            revisions.append(Revision("del", child.get(f"{W}author", ""), child.get(f"{W}date", "")))
        elif tag in ("r", "hyperlink", "smartTag", "sdt", "fldSimple"):
            text = _text_of(child, False)
            old.append(text)
            new.append(text)
    bookmarks = [b.get(f"{W}name") for b in p.iter(f"{W}bookmarkStart")]
    comments = [c.get(f"{W}id") for c in p.iter(f"{W}commentRangeStart", f"{W}commentReference")]
    return Paragraph(index, style, bookmarks, "".join(old), "".join(new), revisions, list(dict.fromkeys(comments)))


def _comments(z: zipfile.ZipFile) -> list[Comment]:
    root = _xml(_entry(z, "word/comments.xml"), z.filename or "")
    if root is None:
        return []
    extended = _xml(_entry(z, "word/commentsExtended.xml"), z.filename or "")
    parents: dict[str, str] = {}
    if extended is not None:
        parents = {e.get(f"{W15}paraId"): e.get(f"{W15}paraIdParent") for e in extended if e.get(f"{W15}paraIdParent")}
    by_para: dict[str, str] = {}
    out = []
    for c in root.iter(f"{W}comment"):
        cid = c.get(f"{W}id")
        paras = list(c.iter(f"{W}p"))
        for p in paras:
            if p.get(f"{W14}paraId"):
                by_para[p.get(f"{W14}paraId")] = cid
        text = "\n".join(_text_of(p, False) for p in paras).strip()
        parent_para = next((parents[p.get(f"{W14}paraId")] for p in paras if p.get(f"{W14}paraId") in parents), None)
        out.append(Comment(cid, c.get(f"{W}author", ""), c.get(f"{W}date", ""), text, parent_para))
    for c in out:  # a reply names its parent by the parent's paragraph id
        if c.parent is not None:
            c.parent = by_para.get(c.parent)
    return out


def _anchors(body) -> dict[str, str]:
    """Return the words each comment is anchored on: the text between its range's start and end, as it stands."""
    open_ranges: dict[str, list[str]] = {}
    done: dict[str, str] = {}
    for el in body.iter(f"{W}commentRangeStart", f"{W}commentRangeEnd", f"{W}t", f"{W}tab"):
        tag = el.tag[len(W) :]
        if tag == "commentRangeStart":
            open_ranges[el.get(f"{W}id")] = []
        elif tag == "commentRangeEnd":
            cid = el.get(f"{W}id")
            done[cid] = "".join(open_ranges.pop(cid, []))
        else:
            for words in open_ranges.values():
                words.append(el.text or "" if tag == "t" else " ")
    return done


def _base(z: zipfile.ZipFile) -> dict | None:
    """Return the edition data the compiler embedded in the file (a custom XML part), if it is there."""
    for name in z.namelist():
        if name.startswith("customXml/item") and name.endswith(".xml") and "Props" not in name:
            root = _xml(_entry(z, name), z.filename or "")
            if root is not None and root.tag == f"{{{DATA_NS}}}edition":
                try:
                    return json.loads(root.text or "")
                except ValueError:
                    return None
    return None


def read_reviewed(path: Path) -> ReviewedFile:
    """Return what a reviewed DOCX holds; a file that is not a DOCX, or is encrypted, is refused clearly."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CompilerError(f"{path}: no such file") from None
    except OSError as exc:
        raise CompilerError(f"{path}: cannot read it: {exc.strerror}") from None
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise CompilerError(
            f"{path}: the file is encrypted (saved with a password) or is an old .doc file; save it from Word as a "
            f".docx without a password and import that"
        )
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        z.filename = str(path)
        document = _xml(_entry(z, "word/document.xml"), str(path))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise CompilerError(f"{path}: not a Word (.docx) file: {exc}") from None
    if document is None:
        raise CompilerError(f"{path}: not a Word (.docx) file: it has no word/document.xml")
    styles_root = _xml(_entry(z, "word/styles.xml"), str(path))
    styles = {}
    if styles_root is not None:
        for st in styles_root.iter(f"{W}style"):
            name = st.find(f"{W}name")
            if name is not None:
                styles[st.get(f"{W}styleId")] = name.get(f"{W}val")
    core = _xml(_entry(z, "docProps/core.xml"), str(path))

    def prop(tag: str) -> str:
        el = core.find(tag) if core is not None else None
        return (el.text or "") if el is not None else ""

    body = document.find(f"{W}body")
    paragraphs = [_paragraph(n, p, styles) for n, p in enumerate(body.iter(f"{W}p") if body is not None else ())]
    comments = _comments(z)
    anchors = _anchors(body) if body is not None else {}
    for c in comments:
        c.anchor = " ".join(anchors.get(c.id, "").split())
    return ReviewedFile(
        path,
        prop(f"{DC}title"),
        prop(f"{DC}identifier"),
        prop(f"{DC}description"),
        prop(f"{CP}lastModifiedBy"),
        prop(f"{DCTERMS}modified"),
        _base(z),
        paragraphs,
        comments,
    )
