"""Render the Document model as plain data / JSON (embedded in the PDF, used by compare and search)."""

from __future__ import annotations

import json

from ..model import Document, ListBlock, Paragraph, Run

FORMAT = "untoc-compilation/edition@1"


def runs_to_markdown(runs: tuple[Run, ...]) -> str:
    """Return runs written back as the content's inline Markdown."""
    out = []
    for r in runs:
        t = r.text
        if r.bold:
            t = f"**{t}**"
        if r.italic:
            t = f"*{t}*"
        if r.href is not None:
            t = f"[{t}]({r.href})"
        out.append(t)
    return "".join(out)


def _runs(runs) -> dict:
    return {"text": "".join(r.text for r in runs), "markdown": runs_to_markdown(runs)}


def _corrections(cs) -> list[dict]:
    return [{"kind": c.kind, "printed": c.printed, "corrected": c.corrected, "reason": c.reason,
             "editions": list(c.editions)} for c in cs]


def _block(b) -> dict:
    if isinstance(b, Paragraph):
        return {"type": "paragraph", **_runs(b.runs)}
    assert isinstance(b, ListBlock)
    return {"type": "list", "items": [{"label": i.label, **_runs(i.runs)} for i in b.items]}


def document_to_dict(doc: Document) -> dict:
    """Return the edition as JSON-ready data with stable field names."""
    pub, ed = doc.publication, doc.edition
    parts = []
    for p in doc.parts:
        sections = []
        for s in p.sections:
            sec = {
                "id": s.id, "part": s.part.upper(), "year": s.year, "title": s.title,
                "link_text": s.link_text, "link_url": s.link_url, "first_edition": s.first_edition,
                "source": s.source_path,
            }
            for key in ("report_symbol", "working_group", "meeting", "date", "summary_by"):
                if getattr(s, key):
                    sec[key] = getattr(s, key)
            if s.chairs:
                sec["chairs"] = list(s.chairs)
            if s.follows:
                sec["follows"] = list(s.follows)
            if s.corrections:
                sec["corrections"] = _corrections(s.corrections)
            sec["items"] = []
            for e in s.entries:
                item = {"id": e.id, "kind": e.kind, "label": e.label, **_runs(e.runs),
                        "first_edition": e.first_edition}
                if e.sub_items:
                    item["sub_items"] = [{"label": si.label, **_runs(si.runs)} for si in e.sub_items]
                if e.paragraph is not None:
                    item["paragraph"] = e.paragraph
                if e.corrections or any(si.corrections for si in e.sub_items):
                    item["corrections"] = _corrections(e.corrections) + [
                        {**c, "sub_item": si.label} for si in e.sub_items
                        for c in _corrections(si.corrections)]
                if e.sic:
                    item["sic"] = e.sic
                sec["items"].append(item)
            sections.append(sec)
        parts.append({"part": p.key.upper(), "heading": p.heading, "sections": sections})
    return {
        "format": FORMAT,
        "publication": {"title": pub.title, "publisher": pub.publisher, "contact": pub.contact,
                        "language": pub.language},
        "edition": {"id": ed.id, "date": ed.date_label, "place": ed.place, "status": ed.status,
                    "corrections": _corrections(ed.corrections)},
        "front": [{"key": f.key, "heading": f.heading, "blocks": [_block(b) for b in f.blocks]}
                  for f in doc.front],
        "parts": parts,
        "toc": [{"level": t.level, "text": t.text, "anchor": t.anchor} for t in doc.toc],
        "counts": doc.counts(),
    }


def render_json(doc: Document) -> bytes:
    """Return the edition as UTF-8 JSON bytes (sorted keys, stable across runs)."""
    return (json.dumps(document_to_dict(doc), ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def document_from_dict(data: dict):
    """Return a Document rebuilt from its plain data (e.g. an issued edition's record)."""
    import datetime as dt

    from ..content.markup import parse_inline
    from ..content.schema import parse_edition_date
    from ..editions import build_toc
    from ..errors import Location
    from ..model import (Correction, Document, Edition, Entry, FrontSection, ListBlock, ListItem,
                         Paragraph, Part, Publication, Section, SubItem, YearGroup)

    loc = Location("<record>")

    def runs(md: str):
        return parse_inline(md, loc)[0]

    def corrections(items):
        return tuple(Correction(c["kind"], c["printed"], c["corrected"], c["reason"],
                                tuple(c.get("editions", ()))) for c in items if "sub_item" not in c)

    ed = data["edition"]
    edition = Edition(ed["id"], ed["date"], ed["place"], ed["status"],
                      parse_edition_date(ed["date"]) or dt.date(1970, 1, 1), corrections(ed["corrections"]))
    pub = data["publication"]
    publication = Publication(pub["title"], pub["title"], "", pub["language"], pub["publisher"], "",
                              pub["contact"], (), (), "", ())
    front = []
    for f in data["front"]:
        blocks = []
        for b in f["blocks"]:
            if b["type"] == "paragraph":
                blocks.append(Paragraph(runs(b["markdown"])))
            else:
                blocks.append(ListBlock(tuple(ListItem(i["label"], runs(i["markdown"])) for i in b["items"])))
        front.append(FrontSection(f["key"], f["heading"], tuple(blocks)))
    parts = []
    for p in data["parts"]:
        years: dict[int, list] = {}
        for s in p["sections"]:
            entries = tuple(Entry(
                id=i["id"], kind=i["kind"], label=i["label"],
                heading=f"Recommendation {i['label']}" if i["kind"] == "recommendation" and i["label"] else None,
                runs=runs(i["markdown"]),
                sub_items=tuple(SubItem(si["label"], runs(si["markdown"])) for si in i.get("sub_items", [])),
                paragraph=i.get("paragraph"), first_edition=i.get("first_edition", ""),
                corrections=corrections(i.get("corrections", [])), sic=i.get("sic"))
                for i in s["items"])
            years.setdefault(s["year"], []).append(Section(
                id=s["id"], part=s["part"].lower(), year=s["year"], title=s["title"],
                link_text=s["link_text"], link_url=s["link_url"], entries=entries,
                first_edition=s.get("first_edition", ""), report_symbol=s.get("report_symbol"),
                working_group=s.get("working_group"), meeting=s.get("meeting"), date=s.get("date"),
                summary_by=s.get("summary_by"), chairs=tuple(s.get("chairs", ())),
                follows=tuple(s.get("follows", ())), source_path=s.get("source", "")))
        key = p["part"].lower()
        parts.append(Part(key, p["heading"], tuple(YearGroup(key, y, tuple(v)) for y, v in sorted(years.items()))))
    front_t, parts_t = tuple(front), tuple(parts)
    return Document(publication, edition, front_t, parts_t, build_toc(front_t, parts_t))
