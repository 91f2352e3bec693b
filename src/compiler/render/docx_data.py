"""The edition's published data carried inside its DOCX (a custom XML part, which Word and LibreOffice keep), so that a
reviewer's copy is read against what was sent (`compiler import review`)."""

from __future__ import annotations

from ..model import Document, edition_json, fingerprint
from ..review.read import DATA_NS

RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def embed_edition_data(word, doc: Document) -> None:
    """Add the edition's JSON (model/published.py) to a python-docx document as customXml/item9.xml, with its
    properties part (a GUID made from the fingerprint: the same content gives the same bytes)."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from markupsafe import escape

    data = edition_json(doc).decode("utf-8")
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<edition xmlns="{DATA_NS}">{escape(data)}</edition>'
    )
    guid = fingerprint(doc)
    item_id = f"{{{guid[:8]}-{guid[8:12]}-{guid[12:16]}-{guid[16:20]}-{guid[20:32]}}}".upper()
    props = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<ds:datastoreItem ds:itemID="{item_id}" '
        'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
        f'<ds:schemaRefs><ds:schemaRef ds:uri="{DATA_NS}"/></ds:schemaRefs></ds:datastoreItem>'
    )
    package = word.part.package
    part = Part(PackURI("/customXml/item9.xml"), "application/xml", xml.encode("utf-8"), package)
    item_props = Part(
        PackURI("/customXml/itemProps9.xml"),
        "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
        props.encode("utf-8"),
        package,
    )
    part.relate_to(item_props, f"{RELS}/customXmlProps")
    word.part.relate_to(part, f"{RELS}/customXml")
