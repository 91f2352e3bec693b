"""An edition's published data (format edition@1: the JSON output, attached to the PDF) and its fingerprint."""

from __future__ import annotations

import hashlib
import json

from .document import Document, Item, Paragraph, Run, Section

EDITION_FORMAT = "untoc-compilation/edition@1"


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
    return [
        {
            "kind": c.kind,
            "printed": c.printed,
            "corrected": c.corrected,
            "reason": c.reason,
            "editions": list(c.editions),
        }
        for c in cs
    ]


def _block(b) -> dict:
    if isinstance(b, Paragraph):
        return {"type": "paragraph", **_runs(b.runs)}
    return {"type": "list", "items": [{"label": i.label, **_runs(i.runs)} for i in b.items]}


def _item_data(e: Item) -> dict:
    item = {"id": e.id, "kind": e.kind, "label": e.label, **_runs(e.runs), "first_edition": e.first_edition}
    if e.sub_items:
        item["sub_items"] = [{"label": si.label, **_runs(si.runs)} for si in e.sub_items]
    if e.paragraph is not None:
        item["paragraph"] = e.paragraph
    if e.corrections or any(si.corrections for si in e.sub_items):
        item["corrections"] = _corrections(e.corrections) + [
            {**c, "sub_item": si.label} for si in e.sub_items for c in _corrections(si.corrections)
        ]
    if e.sic:
        item["sic"] = e.sic
    if e.facets is not None:  # editions issued before items had facets have none
        f = e.facets
        item["themes"] = [{"key": t.key, "why": t.why} for t in f.themes]
        item["addressees"] = list(f.addressees)
        item["strength"] = f.strength
        item["negated"] = f.negated
        item["conditions"] = list(f.conditions)
    return item


def _section_data(s: Section) -> dict:
    sec = {
        "id": s.id,
        "part": s.part.upper(),
        "year": s.year,
        "title": s.title,
        "link_text": s.link_text,
        "link_url": s.link_url,
        "first_edition": s.first_edition,
        "source": s.source_path,
    }
    for key in ("report_symbol", "working_group", "meeting", "date", "place", "summary_by"):
        if getattr(s, key):
            sec[key] = getattr(s, key)
    if s.chairs:
        sec["chairs"] = list(s.chairs)
    if s.follows:
        sec["follows"] = list(s.follows)
    if s.corrections:
        sec["corrections"] = _corrections(s.corrections)
    sec["items"] = [_item_data(e) for e in s.items]
    return sec


def edition_data(doc: Document) -> dict[str, object]:
    """Return the edition as published data (format edition@1): what readers' tools extract."""
    pub, ed = doc.publication, doc.edition
    edition: dict[str, object] = {
        "id": ed.id,
        "date": ed.date_label,
        "place": ed.place,
        "status": ed.status,
        "corrections": _corrections(ed.corrections),
    }
    if ed.draft_note:
        edition["draft_note"] = ed.draft_note
    if ed.notices:
        edition["imprint"] = list(ed.notices)
    data: dict[str, object] = {
        "format": EDITION_FORMAT,
        "publication": {
            "title": pub.title,
            "publisher": pub.publisher,
            "contact": pub.contact,
            "language": pub.language,
        },
        "edition": edition,
        "front": [{"key": f.key, "heading": f.heading, "blocks": [_block(b) for b in f.blocks]} for f in doc.front],
        "parts": [
            {"part": p.key.upper(), "heading": p.heading, "sections": [_section_data(s) for s in p.sections]}
            for p in doc.parts
        ],
        "toc": [{"level": t.level, "text": t.text, "anchor": t.anchor} for t in doc.toc],
        "counts": doc.counts(),
    }
    if doc.themes:
        data["themes"] = [{"key": t.key, "name": t.name, "phrases": list(t.phrases)} for t in doc.themes]
    if doc.changes is not None:
        data["changes"] = {
            "heading": doc.changes.heading,
            **_runs(doc.changes.intro),
            "notes": [{"kind": n.kind, **_runs(n.runs)} for n in doc.changes.notes],
        }
    return data


def edition_json(doc: Document) -> bytes:
    """Return the edition's published data as UTF-8 JSON (sorted keys, stable across runs)."""
    return (json.dumps(edition_data(doc), ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def data_fingerprint(data: dict) -> str:
    """Return the sha256 of an edition's published data (edition_data, or the same read back from a file)."""
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def fingerprint(doc: Document) -> str:
    """Return a sha256 over the edition's published data: equal iff the edition's content is equal."""
    cached = doc.__dict__.get("_fingerprint")  # the model is immutable: computed once per document
    if cached is None:
        cached = data_fingerprint(edition_data(doc))
        doc.__dict__["_fingerprint"] = cached
    return cached
