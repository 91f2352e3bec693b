"""A DOCX's styles defined from the layout's style spec (docx-styles.yaml): fonts, sizes, spacing, colours."""

from __future__ import annotations

import json

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from .docx_xml import ALIGN, element, insert_in_order


def _color(value: str, spec: dict) -> RGBColor:
    value = spec.get(value, value)
    return RGBColor.from_string(value.upper())


def _set_fonts(rpr, font: str) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = element("w:rFonts")
        rpr.insert(0, fonts)
    for key in list(fonts.attrib):
        del fonts.attrib[key]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), font)


_STYLES_PARTS: dict[str, bytes] = {}  # a spec's styles part, as styled_document made it from python-docx's template


def styled_document(spec: dict):
    """Return a new python-docx Document with the spec's styles.

    The styles part is made once per spec in a process and copied after that: python-docx's style lookups go
    through every style, so styling took 0.08 s of every DOCX, a copy 0.02 s (`build --all` writes several).
    """
    import docx

    document = docx.Document()
    key = json.dumps(spec, sort_keys=True, default=str)
    part = document.part._styles_part
    if key in _STYLES_PARTS:
        part._element = parse_xml(_STYLES_PARTS[key])
    else:
        apply_styles(document, spec)
        _STYLES_PARTS[key] = part.blob
    return document


def apply_styles(document, spec: dict) -> None:
    """Define the document's styles from the layout's style spec (docx-styles.yaml)."""
    styles = document.styles
    font = spec["font"]
    # Document defaults: font, language, no kerning (print.css sets font-kerning: none).
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr, font)
    for old in rpr.findall(qn("w:lang")) + rpr.findall(qn("w:kern")):
        rpr.remove(old)
    rpr.append(element("w:lang", w_val=spec["language"], w_eastAsia=spec["language"], w_bidi=spec["language"]))
    ppr_default = defaults.find(qn("w:pPrDefault"))
    if ppr_default is not None:
        defaults.remove(ppr_default)
    text_width = spec["page"]["width_mm"] - spec["page"]["margin_mm"]["left"] - spec["page"]["margin_mm"]["right"]
    for name, props in spec["paragraph_styles"].items():
        style = styles[name] if name in styles else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        _paragraph_style(style, props, spec, font, text_width, styles)
    for name, props in spec["character_styles"].items():
        style = styles[name] if name in styles else styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        style.hidden = False
        style.unhide_when_used = False
        f = style.font
        if "color" in props:
            f.color.rgb = _color(props["color"], spec)
        if props.get("underline"):
            f.underline = True
        if props.get("bold"):
            f.bold = True
        if props.get("italic"):
            f.italic = True


def _paragraph_style(style, props: dict, spec: dict, font: str, text_width_mm: float, styles) -> None:
    style.hidden = False
    style.unhide_when_used = False
    style.quick_style = True
    if "based_on" in props:
        style.base_style = styles[props["based_on"]]
    if "next" in props:
        style.next_paragraph_style = styles[props["next"]] if props["next"] in styles else None
    rpr = style.element.get_or_add_rPr()
    _set_fonts(rpr, font)
    for tag in ("w:color", "w:sz", "w:szCs", "w:b", "w:bCs", "w:i", "w:iCs", "w:kern", "w:spacing"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
    f = style.font
    if "size" in props:
        f.size = Pt(props["size"])
    f.bold = (
        props.get("bold")
        if "bold" in props
        else (False if style.name.startswith("Heading") or style.name == "Title" else None)
    )
    f.italic = (
        props.get("italic")
        if "italic" in props
        else (False if style.name.startswith("Heading") or style.name == "Title" else None)
    )
    f.color.rgb = _color(props.get("color", spec["color"]), spec)
    pf = style.paragraph_format
    ppr = style.element.get_or_add_pPr()
    for tag in ("w:pBdr", "w:contextualSpacing", "w:spacing", "w:ind", "w:tabs"):
        for old in ppr.findall(qn(tag)):
            ppr.remove(old)
    pf.space_before = Pt(props.get("before", 0))
    if "after" in props or style.name == "Normal":
        pf.space_after = Pt(props.get("after", 0))  # otherwise inherited from the base style
    if "line" in props:
        pf.line_spacing = Pt(props["line"])  # exact line height, like CSS line-height in pt
    if "align" in props:
        pf.alignment = ALIGN[props["align"]]
    pf.keep_with_next = bool(props.get("keep_next"))
    pf.page_break_before = bool(props.get("page_break_before"))
    if "widow_control" in props:
        pf.widow_control = bool(props["widow_control"])
    if "indent_left" in props:
        pf.left_indent = Pt(props["indent_left"])
    if "hanging" in props:
        pf.first_line_indent = Pt(-props["hanging"])
    if props.get("right_tab_leader"):
        tabs = element("w:tabs")
        pos = int(round(text_width_mm / 25.4 * 1440))
        tabs.append(element("w:tab", w_val="right", w_leader=props["right_tab_leader"], w_pos=pos))
        insert_in_order(ppr, tabs)
    if "outline_level" in props:
        for old in ppr.findall(qn("w:outlineLvl")):
            ppr.remove(old)
        insert_in_order(ppr, element("w:outlineLvl", w_val=props["outline_level"]))
