"""What every writer needs, computed once from the model: metadata, headings, contents, change markers.

Like Pandoc's Writers/Shared: HTML, PDF, DOCX, JSON, the redline and the tracked-changes DOCX
all read a View. A plain edition's View marks nothing; changes/redline.py builds the View of
one edition against another, with every block's change marked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field

from .model import Document, Entry, ListBlock, Paragraph, Run, Section

SAME, ADDED, REMOVED, CHANGED = "same", "added", "removed", "changed"
KEYWORDS = "UNTOC, Review Mechanism, recommendations, observations, working groups, constructive dialogues"
EDITION_FORMAT = "untoc-compilation/edition@1"


@dataclass(frozen=True)
class Meta:
    """The document metadata every format carries."""

    title: str
    author: str
    subject: str
    keywords: str
    language: str
    date: dt.datetime  # the edition date, midnight UTC: the date of every output

    @property
    def date_iso(self) -> str:
        return self.date.strftime("%Y-%m-%dT%H:%M:%SZ")


def metadata(doc: Document) -> Meta:
    """Return the metadata of an edition."""
    pub = doc.publication
    when = dt.datetime.combine(doc.edition.date, dt.time(0, 0), tzinfo=dt.UTC)
    return Meta(
        pub.title, pub.publisher, f"{pub.short_title}, {doc.edition.date_label} edition", KEYWORDS, pub.language, when
    )


def heading_runs(section: Section) -> tuple[Run, ...]:
    """Return a section's heading: "title (report symbol)" or "title (Summary by the Chair)", linked."""
    return (Run(f"{section.title} "), Run("("), Run(section.link_text, href=section.link_url or None), Run(")"))


def item_heading_runs(entry: Entry) -> tuple[Run, ...]:
    """Return an item's label line ("Recommendation 14"); observations have none."""
    return (Run(entry.heading),) if entry.heading else ()


# -- the published data form of an edition (the JSON output, attached to the PDF) ----------------
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


def _item_data(e: Entry) -> dict:
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
    for key in ("report_symbol", "working_group", "meeting", "date", "summary_by"):
        if getattr(s, key):
            sec[key] = getattr(s, key)
    if s.chairs:
        sec["chairs"] = list(s.chairs)
    if s.follows:
        sec["follows"] = list(s.follows)
    if s.corrections:
        sec["corrections"] = _corrections(s.corrections)
    sec["items"] = [_item_data(e) for e in s.entries]
    return sec


def edition_data(doc: Document) -> dict:
    """Return the edition as published data (format edition@1): what readers' tools extract."""
    pub, ed = doc.publication, doc.edition
    data = {
        "format": EDITION_FORMAT,
        "publication": {
            "title": pub.title,
            "publisher": pub.publisher,
            "contact": pub.contact,
            "language": pub.language,
        },
        "edition": {
            "id": ed.id,
            "date": ed.date_label,
            "place": ed.place,
            "status": ed.status,
            "corrections": _corrections(ed.corrections),
        },
        "front": [{"key": f.key, "heading": f.heading, "blocks": [_block(b) for b in f.blocks]} for f in doc.front],
        "parts": [
            {"part": p.key.upper(), "heading": p.heading, "sections": [_section_data(s) for s in p.sections]}
            for p in doc.parts
        ],
        "toc": [{"level": t.level, "text": t.text, "anchor": t.anchor} for t in doc.toc],
        "counts": doc.counts(),
    }
    if ed.draft_note:
        data["edition"]["draft_note"] = ed.draft_note
    if ed.notices:
        data["edition"]["imprint"] = list(ed.notices)
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


def fingerprint(doc: Document) -> str:
    """Return a sha256 over the edition's published data: equal iff the edition's content is equal."""
    cached = doc.__dict__.get("_fingerprint")  # the model is immutable: computed once per document
    if cached is None:
        data = json.dumps(edition_data(doc), sort_keys=True, ensure_ascii=False)
        cached = hashlib.sha256(data.encode("utf-8")).hexdigest()
        doc.__dict__["_fingerprint"] = cached
    return cached


# -- the walkable view, with change markers for a redline ----------------------------------------
@dataclass
class Text:
    """Text to render: runs, and for a changed text its word-level difference (changes/words.py Ops)."""

    runs: tuple[Run, ...] = ()
    ops: list | None = None

    @property
    def changed(self) -> bool:
        return self.ops is not None

    @property
    def plain(self) -> str:
        """Return the text without its formatting (headings, contents entries)."""
        return "".join(r.text for r in self.runs)

    def pieces(self, status: str = SAME) -> list[tuple[str, Run]]:
        """Return (change, run) pieces: change is SAME, ADDED or REMOVED."""
        if self.ops is None:
            kind = {ADDED: ADDED, REMOVED: REMOVED}.get(status, SAME)
            return [(kind, r) for r in self.runs]
        out: list[tuple[str, Run]] = []
        for op in self.ops:
            kind = {"equal": SAME, "insert": ADDED, "delete": REMOVED}[op.kind]
            for t in op.tokens:
                last = out[-1] if out else None
                if (
                    last
                    and last[0] == kind
                    and (last[1].italic, last[1].bold, last[1].href) == (t.italic, t.bold, t.href)
                ):
                    out[-1] = (kind, Run(last[1].text + t.text, t.italic, t.bold, t.href))
                else:
                    out.append((kind, Run(t.text, t.italic, t.bold, t.href)))
        return out


@dataclass
class SubItemView:
    label: str
    status: str
    text: Text


@dataclass
class ItemView:
    """A recommendation or observation; ``moved_from``/``moved_to`` and ``change`` in a redline."""

    id: str
    status: str
    entry: Entry
    heading: Text | None
    text: Text
    sub_items: list[SubItemView]
    moved_from: object = None
    moved_to: object = None
    change: object = None


@dataclass
class SectionView:
    id: str
    status: str
    section: Section
    title: Text
    items: list[ItemView]
    fields: dict = field(default_factory=dict)


@dataclass
class YearView:
    year: int
    status: str
    sections: list[SectionView]
    part: str = ""

    @property
    def anchor(self) -> str:
        return f"part-{self.part}-{self.year}"


@dataclass
class PartView:
    key: str
    status: str
    heading: Text
    years: list[YearView]

    @property
    def anchor(self) -> str:
        return f"part-{self.key}"


@dataclass
class BlockView:
    """A paragraph or a labelled list item of the front matter."""

    status: str
    label: str | None
    text: Text
    kind: str = ""  # in "Changes in this edition": the kind of change a line names


@dataclass
class FrontView:
    key: str
    status: str
    heading: Text
    blocks: list[BlockView]

    @property
    def anchor(self) -> str:
        return self.key

    def groups(self) -> list[tuple[bool, list[BlockView]]]:
        """Return the blocks as runs of paragraphs and of labelled list items: (is a list, blocks)."""
        out: list[tuple[bool, list[BlockView]]] = []
        for b in self.blocks:
            is_list = b.label is not None
            if out and out[-1][0] and is_list:
                out[-1][1].append(b)
            else:
                out.append((is_list, [b]))
        return out


@dataclass
class TocView:
    level: int
    anchor: str
    status: str
    text: Text
    page_old: int | None
    page_new: int | None


@dataclass
class View:
    """An edition ready for the writers; ``old`` and ``changes`` are set for a redline."""

    doc: Document
    meta: Meta
    imprint: Text
    toc: list[TocView]
    front: list[FrontView]
    parts: list[PartView]
    old: Document | None = None
    change_set: object = None  # the ChangeSet of a redline


def flatten_blocks(blocks) -> list[tuple[str | None, tuple[Run, ...]]]:
    """Return prose blocks as (label or None, runs): paragraphs and the entries of labelled lists."""
    out = []
    for b in blocks:
        if isinstance(b, Paragraph):
            out.append((None, b.runs))
        elif isinstance(b, ListBlock):
            out += [(i.label, i.runs) for i in b.items]
    return out


def item_view(entry: Entry, status: str = SAME) -> ItemView:
    """Return an item with nothing marked but its status (a whole item added or removed)."""
    heading = Text(item_heading_runs(entry)) if entry.heading else None
    subs = [SubItemView(s.label, status, Text(s.runs)) for s in entry.sub_items]
    return ItemView(entry.id, status, entry, heading, Text(entry.runs), subs)


def front_blocks(doc: Document) -> list[tuple[str, str, list[tuple[str | None, tuple[Run, ...]]]]]:
    """Return the front matter as (anchor, heading, blocks), "Changes in this edition" last if the edition has it."""
    out = [(f.key, f.heading, flatten_blocks(f.blocks)) for f in doc.front]
    c = doc.changes
    if c is not None:
        out.append((c.anchor, c.heading, [(None, c.intro)] + [("\u2022", n.runs) for n in c.notes]))
    return out


def plain_view(doc: Document, pages: dict[str, int] | None = None) -> View:
    """Return the View of one edition: nothing marked; ``pages`` numbers the contents entries."""
    pages = pages or {}
    front = [
        FrontView(key, SAME, Text((Run(heading),)), [BlockView(SAME, label, Text(runs)) for label, runs in blocks])
        for key, heading, blocks in front_blocks(doc)
    ]
    parts = []
    for p in doc.parts:
        years = [
            YearView(
                y.year,
                SAME,
                [
                    SectionView(s.id, SAME, s, Text(heading_runs(s)), [item_view(e) for e in s.entries])
                    for s in y.sections
                ],
                p.key,
            )
            for y in p.years
        ]
        parts.append(PartView(p.key, SAME, Text((Run(p.heading),)), years))
    if doc.changes is not None:  # the last front view: its lines after the intro are the change notes
        for block, note in zip(front[-1].blocks[1:], doc.changes.notes):
            block.kind = note.kind
    toc = [
        TocView(t.level, t.anchor, SAME, Text((Run(t.text),)), pages.get(t.anchor), pages.get(t.anchor))
        for t in doc.toc
    ]
    return View(doc, metadata(doc), Text((Run(doc.edition.imprint),)), toc, front, parts)
