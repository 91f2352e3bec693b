"""Test fixtures in the shape of UN documents: a Chair's summary written as Word writes it (footnotes,
soft hyphens, curly quotes, accents, lettered sub-items, a paragraph running over a page break),
its PDF made by LibreOffice with automatic hyphenation, and a PDF with chosen line-end hyphens."""

from __future__ import annotations

import copy
from pathlib import Path

SYMBOL = "CTOC/COP/WG.2/2025/CRP.9"
FILLER = (
    "The Working Group discussed the review process in depth, and the participants exchanged views on the "
    "challenges encountered by States in the preparation of their responses to the questionnaires, the "
    "engagement of non-governmental stakeholders, and the coordination among national authorities. "
)
# What each observation says as published (the import must give exactly this).
EXPECTED = {
    1: "States should promote the internationalization of good practices in cooperation with the Société "
    "Générale de Surveillance and other partners.",
    2: "States should counter organized crime-related threats, as the “Test Handbook” on Mutual Cooperation "
    "recommends, and share their experience with organized crime-related investigations.",
    3: "States should:",
    4: "States should consider "
    + " ".join(["the continued exchange of information between their authorities,"] * 40)
    + " and report on it.",
}
SUB_ITEMS = {
    3: [("(a)", "Strengthen the capacity of their central authorities;"), ("(b)", "Report to the Conference.")]
}


def _footnote_part(document, text: str):
    """Add a footnotes part with one footnote (id 1) to a python-docx document; return nothing."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
        "</w:footnote>"
        '<w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr>'
        '<w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> '
        f"{text}</w:t></w:r></w:p></w:footnote></w:footnotes>"
    )
    part = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        xml.encode(),
        document.part.package,
    )
    document.part.relate_to(part, RT.FOOTNOTES)


def _run(paragraph, text: str = "", superscript_footnote: bool = False, soft_hyphen_at: int | None = None):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    r = OxmlElement("w:r")
    if superscript_footnote:
        rpr = OxmlElement("w:rPr")
        va = OxmlElement("w:vertAlign")
        va.set(qn("w:val"), "superscript")
        rpr.append(va)
        r.append(rpr)
        ref = OxmlElement("w:footnoteReference")
        ref.set(qn("w:id"), "1")
        r.append(ref)
    else:
        parts = [text] if soft_hyphen_at is None else [text[:soft_hyphen_at], text[soft_hyphen_at:]]
        for n, piece in enumerate(parts):
            if n:
                r.append(OxmlElement("w:softHyphen"))
            t = OxmlElement("w:t")
            t.set(qn("xml:space"), "preserve")
            t.text = piece
            r.append(t)
    paragraph._p.append(r)


def make_summary_docx(path: Path) -> Path:
    """Write the summary as Word writes it, with automatic hyphenation switched on for its PDF."""
    import docx
    from docx.oxml import OxmlElement
    from docx.shared import Pt

    d = docx.Document()
    d.styles["Normal"].font.name = "Carlito"
    d.styles["Normal"].font.size = Pt(11)
    header = d.sections[0].header.paragraphs[0]
    header.text = SYMBOL
    d.sections[0].footer.paragraphs[0].text = "V.25-01234"
    d.add_paragraph("Summary by the Chair")
    for chapter in ("I. Introduction", "II. Proceedings", "III. Discussion"):
        d.add_paragraph(chapter)
        for _ in range(3):
            d.add_paragraph(FILLER * 3).paragraph_format.alignment = 3
    d.add_paragraph("IV. Observations by the Chair")
    d.add_paragraph("Based on the discussions, the Chair made the following observations:")
    p = d.add_paragraph("1.\t")
    _run(p, "States should promote the interna")
    _run(p, "tionalization", soft_hyphen_at=3)  # a Word soft hyphen element inside a word
    _run(
        p,
        " of good practices in cooperation with the Soci\u00e9t\u00e9 G\u00e9n\u00e9rale de Sur\u00adveillance "
        "and other partners.",
    )  # and a literal U+00AD
    p = d.add_paragraph("2.\t")
    _run(
        p,
        "States should counter organized crime-related threats, as the \u201cTest Handbook\u201d on Mutual Cooperation",
    )
    _run(p, superscript_footnote=True)
    _run(p, " recommends, and share their experience with organized crime-related investigations.")
    d.add_paragraph("3.\tStates should:")
    for label, text in SUB_ITEMS[3]:
        d.add_paragraph(f"{label}\t{text}")
    d.add_paragraph("4.\t" + EXPECTED[4])
    for para in d.paragraphs:
        para.paragraph_format.alignment = 3  # justified, as UN documents are
    from docx.enum.style import WD_STYLE_TYPE

    names = {st.name for st in d.styles}
    note = (
        d.styles["footnote text"]
        if "footnote text" in names
        else d.styles.add_style("footnote text", WD_STYLE_TYPE.PARAGRAPH)
    )
    note.font.size = Pt(10)  # Word's footnote text is smaller than the body
    note.element.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}styleId", "FootnoteText")
    _footnote_part(d, "The Test Handbook is a fixture of the compiler's tests.")
    settings = d.settings.element
    settings.append(copy.deepcopy(OxmlElement("w:autoHyphenation")))
    d.save(str(path))
    return path


def make_hyphenated_pdf(path: Path) -> Path:
    """Write the summary as a PDF whose line ends split a word and a compound, with footnotes and furniture."""
    from html import escape

    import weasyprint

    def p(text):
        return f"<p>{text}</p>"

    one = escape(EXPECTED[1]).replace("internationalization", "interna-<br>tionalization")
    two = (
        escape(EXPECTED[2])
        .replace("Cooperation", "Cooperation<sup>1</sup>", 1)
        .replace("organized crime-related threats", "organized crime-<br>related threats")
    )
    body = "".join(
        [
            p("Summary by the Chair"),
            p("IV. Observations by the Chair"),
            p("Based on the discussions, the Chair made the following observations:"),
            p("1. " + one),
            p("2. " + two),
            p("3. States should:"),
            *(p(f"{label} {escape(text)}") for label, text in SUB_ITEMS[3]),
            p("4. " + escape(EXPECTED[4])),
            '<div class="fn"><sup>1</sup> The Test Handbook is a fixture of the compiler\'s tests.</div>',
        ]
    )
    html = f"""<html><head><style>
      @page {{ size: A4; margin: 25mm; @top-center {{ content: "{SYMBOL}"; font-size: 9pt }}
               @bottom-right {{ content: counter(page) "/" counter(pages); font-size: 9pt }}
               @bottom-left {{ content: "V.25-01234"; font-size: 9pt }} }}
      body {{ font-family: Carlito; font-size: 11pt; }} p {{ text-align: left; margin: 0 0 6pt 0 }}
      sup {{ font-size: 7pt }} .fn {{ font-size: 8pt; margin-top: 18pt }}
    </style></head><body>{body}</body></html>"""
    weasyprint.HTML(string=html).write_pdf(str(path))
    return path


REPORT_SYMBOL = "CTOC/COP/WG.4/2025/4"
REPORT_ITEMS = [
    (
        "1",
        "States parties are encouraged to keep the information on their national focal points up to date "
        "and to share it with the secretariat.",
        [],
    ),
    (
        "2",
        "States parties should:",
        [
            ("(a)", "Strengthen the identification of victims of trafficking in persons;"),
            ("(b)", "Report on the measures taken to the Working Group at its next meeting."),
        ],
    ),
    (
        "3",
        "The secretariat is requested to continue supporting the participation of experts from least "
        "developed countries in the meetings of the Working Group.",
        [],
    ),
]


def make_report_docx(path: Path) -> Path:
    """Write a working group's report as UN reports are laid out: symbol block, roman chapters, numbered
    paragraphs, "Recommendation N" items, a footnote, the symbol as running head."""
    import docx
    from docx.shared import Pt

    d = docx.Document()
    d.styles["Normal"].font.name = "Carlito"
    d.styles["Normal"].font.size = Pt(11)
    d.sections[0].header.paragraphs[0].text = REPORT_SYMBOL
    d.sections[0].footer.paragraphs[0].text = "V.25-05678"
    for line in (
        "United Nations",
        REPORT_SYMBOL,
        "Distr.: General",
        "14 May 2025",
        "Original: English",
        "Working Group on Trafficking in Persons",
        "Vienna, 2–4 April 2025",
        "Report on the meeting of the Working Group on Trafficking in Persons held in Vienna from 2 to 4 April 2025",
        "I. Recommendations",
    ):
        d.add_paragraph(line)
    p = d.add_paragraph("1.\tAt its meeting, the Working Group adopted the following recommendations")
    _run(p, superscript_footnote=True)
    _run(p, ":")
    for label, text, subs in REPORT_ITEMS:
        d.add_paragraph(f"Recommendation {label}")
        d.add_paragraph(text)
        for sub_label, sub_text in subs:
            d.add_paragraph(f"{sub_label}\t{sub_text}")
    d.add_paragraph("II. Summary of deliberations")
    d.add_paragraph("2.\t" + FILLER)
    _footnote_part(d, "The recommendations are reproduced as adopted.")
    d.save(str(path))
    return path
