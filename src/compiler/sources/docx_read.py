"""Read the recommendations and observations back out of a compiled DOCX (round trip, later import)."""

from __future__ import annotations

import io

from docx.oxml.ns import qn

ITEM_STYLES = ("Item Text", "Item Intro")
LABEL_STYLE = "Recommendation Label"
SUB_ITEM_STYLE = "Sub Item"


def _paragraph_text(p) -> tuple[str, str]:
    """Return (plain text, Markdown) of a paragraph: runs, links and tabs, skipping field codes."""
    plain, md = [], []
    in_field_code = 0
    for el in p._p.iter():
        if el.tag == qn("w:fldChar"):
            kind = el.get(qn("w:fldCharType"))
            in_field_code = 1 if kind == "begin" else 0 if kind in ("separate", "end") else in_field_code
        elif el.tag == qn("w:t") and not in_field_code:
            run = el.getparent()
            rpr = run.find(qn("w:rPr"))
            style = (
                rpr.find(qn("w:rStyle")).get(qn("w:val"))
                if rpr is not None and rpr.find(qn("w:rStyle")) is not None
                else ""
            )
            italic = style == "Emphasis" or (rpr is not None and rpr.find(qn("w:i")) is not None)
            bold = style == "Strong" or (rpr is not None and rpr.find(qn("w:b")) is not None)
            text = el.text or ""
            plain.append(text)
            if bold:
                text = f"**{text}**"
            if italic:
                text = f"*{text}*"
            md.append(text)
        elif el.tag == qn("w:tab") and el.getparent().tag == qn("w:r"):
            plain.append("\t")
            md.append("\t")
    return "".join(plain), "".join(md)


def read_items(data: bytes) -> list[dict]:
    """Return every item of a compiled DOCX: id (from its bookmark), label, text, Markdown, sub-items."""
    import docx

    document = docx.Document(io.BytesIO(data))
    items: list[dict] = []
    label = None
    for p in document.paragraphs:
        style = p.style.name if p.style is not None else ""
        if style == LABEL_STYLE:
            label = _paragraph_text(p)[0]
            continue
        if style in ITEM_STYLES:
            marks = [b.get(qn("w:name")) for b in p._p.iter(qn("w:bookmarkStart"))]
            text, md = _paragraph_text(p)
            items.append(
                {
                    "id": marks[0].replace("_", "-") if marks else None,
                    "label": label.split(" ", 1)[1] if label else None,
                    "text": text,
                    "markdown": md,
                    "sub_items": [],
                }
            )
            label = None
        elif style == SUB_ITEM_STYLE and items:
            text, md = _paragraph_text(p)
            sub_label, _, rest = text.partition("\t")
            items[-1]["sub_items"].append({"label": sub_label, "text": rest, "markdown": md.partition("\t")[2]})
        else:
            label = None
    return items
