"""A working group's report and a Chair's summary made as the UN makes them: written with python-docx in the
template's habits (the symbol and distribution in the first page's header, the symbol as running head from
page 2, a job number, "I.<tab>Recommendations", numbered paragraphs with a tab after the number, footnotes),
then turned into PDF by LibreOffice. The report cites another symbol in its text; the summary's chapter of
observations is followed by another chapter."""

from __future__ import annotations

from pathlib import Path

from .un_documents import FILLER, _footnote_part, _run

SYMBOL = "CTOC/COP/WG.4/2025/4"
CITED = "CTOC/COP/WG.4/2025/1"  # the provisional agenda, cited in paragraph 3
RECOMMENDATIONS = [
    (
        "1",
        "States parties that have not yet done so are urged to nominate their focal points for the review process "
        "without undue delay.",
        [],
    ),
    (
        "2",
        "States parties are encouraged to:",
        [
            ("(a)", "Strengthen the identification of victims of trafficking in persons;"),
            ("(b)", "Provide extrabudgetary resources for the work of the Working Group."),
        ],
    ),
    (
        "3",
        "The secretariat is requested to continue supporting the participation of experts from least developed "
        "countries in the meetings of the Working Group, within existing resources.",
        [],
    ),
]
OBSERVATIONS = {
    3: ("States should continue to share information on illicit flows of firearms and their parts.", []),
    4: (
        "States are encouraged to:",
        [("(a)", "Mark firearms at the time of manufacture;"), ("(b)", "Keep records for not less than ten years.")],
    ),
}


def _field(paragraph, instruction: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _document(symbol: str | None):
    """Return a python-docx document with the UN template's first page and running heads."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    d = docx.Document()
    d.styles["Normal"].font.name = "Carlito"
    d.styles["Normal"].font.size = Pt(10)
    section = d.sections[0]
    section.different_first_page_header_footer = True
    first = section.first_page_header.paragraphs[0]
    first.text = symbol or ""
    first.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for line in ("Distr.: General", "10 June 2025", "Original: English"):
        section.first_page_header.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    section.first_page_footer.paragraphs[0].text = "V.25-05678 (E)"
    if symbol:
        section.header.paragraphs[0].text = symbol  # the running head, from page 2 on
    _field(section.footer.paragraphs[0], "PAGE")
    return d


def _numbered(d, number: int, text: str):
    return d.add_paragraph(f"{number}.\t{text}")


def make_report(folder: Path) -> Path:
    """Write the report (report.docx) in the UN template's habits; return its path."""
    d = _document(SYMBOL)
    for line in (
        "Conference of the Parties to the United Nations Convention against Transnational Organized Crime",
        "Working Group on Trafficking in Persons",
        "Vienna, 3 and 4 June 2025",
        "Report on the meeting of the Working Group on Trafficking in Persons held in Vienna on 3 and 4 June 2025",
        "I.\tRecommendations",
    ):
        d.add_paragraph(line)
    p = _numbered(d, 1, "At its meeting, the Working Group adopted the following recommendations")
    _run(p, superscript_footnote=True)
    _run(p, ":")
    for label, text, subs in RECOMMENDATIONS:
        d.add_paragraph(f"Recommendation {label}")
        d.add_paragraph(text)
        for sub_label, sub_text in subs:
            d.add_paragraph(f"{sub_label}\t{sub_text}")
    d.add_paragraph("II.\tOrganization of the meeting")
    _numbered(d, 2, FILLER * 4)
    _numbered(d, 3, f"The Working Group adopted its provisional agenda ({CITED}). " + FILLER * 3)
    _numbered(d, 4, FILLER * 4)
    _footnote_part(d, "The recommendations are reproduced as adopted.")
    path = folder / "report.docx"
    d.save(str(path))
    return path


def make_summary(folder: Path) -> Path:
    """Write the Chair's summary (summary.docx) in the UN template's habits; return its path."""
    d = _document(None)
    for line in (
        "Constructive dialogue on firearms",
        "Vienna, 5 June 2025",
        "Summary by the Chair",
        "I.\tIntroduction",
    ):
        d.add_paragraph(line)
    _numbered(
        d,
        1,
        "The constructive dialogue on the review process took place in a hybrid format after the meeting of the "
        "Working Group on Firearms. " + FILLER * 2,
    )
    d.add_paragraph("II.\tObservations by the Chair")
    _numbered(d, 2, "Based on the discussions, the Chair made the following observations:")
    for number, (text, subs) in OBSERVATIONS.items():
        _numbered(d, number, text)
        for label, sub in subs:
            d.add_paragraph(f"{label}\t{sub}")
    d.add_paragraph("III.\tClosing")
    _numbered(d, 5, "The Chair closed the dialogue and thanked the participants.")
    path = folder / "summary.docx"
    d.save(str(path))
    return path
