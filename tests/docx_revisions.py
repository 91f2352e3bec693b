"""Accept or reject every tracked change of a DOCX at the XML level, and read its paragraphs' text."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def body(data: bytes):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read("word/document.xml")).find(q("body"))


def _mark(p, kind: str) -> bool:
    rpr = p.find(f"{q('pPr')}/{q('rPr')}")
    return rpr is not None and rpr.find(q(kind)) is not None


def resolve(data: bytes, accept: bool) -> list[str]:
    """Return the paragraph texts after accepting (or rejecting) every change."""
    root = body(data)
    drop, keep = ("del", "ins") if accept else ("ins", "del")
    for el in list(root.iter(q(drop))):
        parent = el.getparent()
        if parent.tag != q("rPr"):
            parent.remove(el)
    for el in list(root.iter(q(keep))):
        parent = el.getparent()
        if parent.tag == q("rPr"):
            continue
        for child in list(el):
            el.addprevious(child)
        parent.remove(el)
    for t in root.iter(q("delText")):
        t.tag = q("t")
    paragraphs = []
    carry = ""
    for p in root.iter(q("p")):
        text, in_code = [], False
        for el in p.iter():
            if el.tag == q("fldChar"):
                in_code = el.get(q("fldCharType")) == "begin"
            elif el.tag in (q("instrText"), q("delInstrText")):
                continue
            elif el.tag == q("t") and not in_code:
                text.append(el.text or "")
            elif el.tag == q("tab") and el.getparent().tag == q("r") and not in_code:
                text.append("\t")
        merged = carry + "".join(text)
        if _mark(p, drop):  # its paragraph mark is gone: it runs on into the next paragraph
            carry = merged
            continue
        carry = ""
        paragraphs.append(merged)
    return paragraphs


def plain(data: bytes) -> list[str]:
    """Return the paragraph texts of a DOCX without tracked changes."""
    return resolve(data, accept=True)


def count_changes(data: bytes) -> dict[str, int]:
    """Return how many insertions and deletions the document has, with their authors and dates."""
    root = body(data)
    out = {"ins": 0, "del": 0, "authors": set(), "dates": set()}
    for kind in ("ins", "del"):
        for el in root.iter(q(kind)):
            out[kind] += 1
            out["authors"].add(el.get(q("author")))
            out["dates"].add(el.get(q("date")))
    return out
