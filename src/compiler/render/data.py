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
