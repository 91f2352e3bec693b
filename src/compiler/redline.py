"""The redline view: the NEW edition merged with what OLD had, every block marked with its change.

One view feeds the HTML/PDF redline and the DOCX writer (whose plain edition is the view of a
document compared with itself), so change markers are decided once.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from .compare import ChangeSet, ItemChange, Op, SectionRef, compare, runs_equal, word_diff
from .model import Document, Entry, ListBlock, Paragraph, Run, Section

SAME, ADDED, REMOVED, CHANGED = "same", "added", "removed", "changed"


@dataclass
class Text:
    """Text to render: unchanged runs, or a word-level difference."""

    runs: tuple[Run, ...] = ()
    ops: list[Op] | None = None

    @classmethod
    def between(cls, old: tuple[Run, ...], new: tuple[Run, ...]) -> "Text":
        return cls(new) if runs_equal(old, new) else cls(new, word_diff(old, new))

    @property
    def changed(self) -> bool:
        return self.ops is not None

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
                if last and last[0] == kind and (last[1].italic, last[1].bold, last[1].href) == (t.italic, t.bold, t.href):
                    out[-1] = (kind, Run(last[1].text + t.text, t.italic, t.bold, t.href))
                else:
                    out.append((kind, Run(t.text, t.italic, t.bold, t.href)))
        return out


@dataclass
class RSubItem:
    label: str
    status: str
    text: Text


@dataclass
class RItem:
    """A recommendation or observation in the redline."""

    id: str
    status: str
    entry: Entry
    heading: Text | None
    text: Text
    sub_items: list[RSubItem]
    moved_from: SectionRef | None = None
    moved_to: SectionRef | None = None
    change: ItemChange | None = None


@dataclass
class RSection:
    id: str
    status: str
    section: Section
    title: Text
    items: list[RItem]
    fields: dict = field(default_factory=dict)


@dataclass
class RYear:
    year: int
    status: str
    sections: list[RSection]


@dataclass
class RPart:
    key: str
    status: str
    heading: Text
    years: list[RYear]

    @property
    def anchor(self) -> str:
        return f"part-{self.key}"


@dataclass
class RBlock:
    """A paragraph or a labelled list item of the front matter."""

    status: str
    label: str | None
    text: Text


@dataclass
class RFront:
    key: str
    status: str
    heading: Text
    blocks: list[RBlock]

    @property
    def anchor(self) -> str:
        return self.key


@dataclass
class RToc:
    level: int
    anchor: str
    status: str
    text: Text
    page_old: int | None
    page_new: int | None


@dataclass
class Redline:
    """The whole merged view."""

    old: Document
    new: Document
    changes: ChangeSet
    imprint: Text
    toc: list[RToc]
    front: list[RFront]
    parts: list[RPart]


def merge_order(old: list[str], new: list[str]) -> list[str]:
    """Return new's ids in order, each id only in old placed right after its old predecessor."""
    out = list(new)
    in_new = set(new)
    anchor = None  # the last id of old already placed in out
    for key in old:
        if key in in_new:
            anchor = key
            continue
        pos = out.index(anchor) + 1 if anchor is not None else 0
        out.insert(pos, key)
        anchor = key
    return out


def _status(in_old: bool, in_new: bool, changed: bool = False) -> str:
    if in_old and in_new:
        return CHANGED if changed else SAME
    return ADDED if in_new else REMOVED


def _heading_runs(entry: Entry) -> tuple[Run, ...]:
    return (Run(entry.heading),) if entry.heading else ()


def _item(eid: str, status: str, old: Entry | None, new: Entry | None, change: ItemChange | None,
          moved_from=None, moved_to=None) -> RItem:
    entry = new or old
    if status == CHANGED:
        heading = Text.between(_heading_runs(old), _heading_runs(new)) if (old.heading or new.heading) else None
        text = Text.between(old.runs, new.runs)
        osub = {s.label: s for s in old.sub_items}
        nsub = {s.label: s for s in new.sub_items}
        subs = []
        for label in merge_order(list(osub), list(nsub)):
            a, b = osub.get(label), nsub.get(label)
            st = _status(a is not None, b is not None, bool(a and b and not runs_equal(a.runs, b.runs)))
            subs.append(RSubItem(label, st, Text.between(a.runs, b.runs) if st == CHANGED else Text((b or a).runs)))
    else:
        heading = Text(_heading_runs(entry)) if entry.heading else None
        text = Text(entry.runs)
        subs = [RSubItem(s.label, status, Text(s.runs)) for s in entry.sub_items]
    return RItem(eid, status, entry, heading, text, subs, moved_from, moved_to, change)


def _section_title(s: Section) -> tuple[Run, ...]:
    return (Run(f"{s.title} ("), Run(s.link_text, href=s.link_url or None), Run(")"))


def build_redline(old: Document, new: Document, changes: ChangeSet | None = None,
                  old_pages: dict[str, int] | None = None,
                  new_pages: dict[str, int] | None = None) -> Redline:
    """Return the merged view of ``new`` against ``old``."""
    cs = changes or compare(old, new)
    old_pages, new_pages = old_pages or {}, new_pages or {}
    changed_items = {c.id: c for c in cs.items}
    # front matter
    front = []
    ofront = {f.key: f for f in old.front}
    nfront = {f.key: f for f in new.front}
    for key in merge_order(list(ofront), list(nfront)):
        o, n = ofront.get(key), nfront.get(key)
        if o is None or n is None:
            f = n or o
            st = ADDED if o is None else REMOVED
            blocks = [RBlock(st, label, Text(runs)) for label, runs in _flatten(f.blocks)]
            front.append(RFront(key, st, Text((Run(f.heading),)), blocks))
            continue
        heading = Text.between((Run(o.heading),), (Run(n.heading),))
        blocks = _merge_blocks(_flatten(o.blocks), _flatten(n.blocks))
        st = CHANGED if heading.changed or any(b.status != SAME for b in blocks) else SAME
        front.append(RFront(key, st, heading, blocks))
    # parts, years, sections, items
    osec = {s.id: s for s in old.sections()}
    nsec = {s.id: s for s in new.sections()}
    where_old = {e.id: s for s in old.sections() for e in s.entries}
    where_new = {e.id: s for s in new.sections() for e in s.entries}
    parts = []
    opart = {p.key: p for p in old.parts}
    for p in new.parts:
        op = opart.get(p.key)
        heading = Text.between((Run(op.heading),), (Run(p.heading),)) if op else Text((Run(p.heading),))
        old_ids = [s.id for s in op.sections] if op else []
        ids = merge_order(old_ids, [s.id for s in p.sections])
        rsections = []
        for sid in ids:
            o, n = osec.get(sid), nsec.get(sid)
            sc = cs.section(sid)
            st = _status(o is not None, n is not None, bool(sc and sc.kind == CHANGED))
            sec = n or o
            title = (Text.between(_section_title(o), _section_title(n)) if st == CHANGED
                     else Text(_section_title(sec)))
            oitems = [e.id for e in o.entries] if o else []
            nitems = [e.id for e in n.entries] if n else []
            items = []
            for eid in merge_order(oitems, nitems):
                in_o, in_n = eid in oitems, eid in nitems
                change = changed_items.get(eid)
                oe = next((e for e in o.entries if e.id == eid), None) if in_o else None
                ne = next((e for e in n.entries if e.id == eid), None) if in_n else None
                if in_o and in_n:
                    items.append(_item(eid, CHANGED if change else SAME, oe, ne, change))
                elif in_n:
                    moved_from = SectionRef.of(where_old[eid]) if eid in where_old else None
                    items.append(_item(eid, ADDED, None, ne, change, moved_from=moved_from))
                else:
                    moved_to = SectionRef.of(where_new[eid]) if eid in where_new else None
                    items.append(_item(eid, REMOVED, oe, None, change, moved_to=moved_to))
            rsections.append(RSection(sid, st, sec, title, items, sc.fields if sc else {}))
        years = []
        old_years = {s.year for s in (op.sections if op else ())}
        new_years = {s.year for s in p.sections}
        for rs in rsections:
            y = rs.section.year
            if not years or years[-1].year != y:
                years.append(RYear(y, _status(y in old_years, y in new_years), []))
            years[-1].sections.append(rs)
        pst = CHANGED if heading.changed else SAME
        parts.append(RPart(p.key, pst, heading, years))
    # table of contents
    otoc = {t.anchor: t for t in old.toc}
    ntoc = {t.anchor: t for t in new.toc}
    toc = []
    for anchor in merge_order([t.anchor for t in old.toc], [t.anchor for t in new.toc]):
        o, n = otoc.get(anchor), ntoc.get(anchor)
        po, pn = old_pages.get(anchor), new_pages.get(anchor)
        if o and n:
            same = o.text == n.text and po == pn
            toc.append(RToc(n.level, anchor, SAME if same else CHANGED,
                            Text.between((Run(o.text),), (Run(n.text),)), po, pn))
        else:
            t = n or o
            toc.append(RToc(t.level, anchor, ADDED if n else REMOVED, Text((Run(t.text),)), po, pn))
    imprint = Text.between((Run(old.edition.imprint),), (Run(new.edition.imprint),))
    return Redline(old, new, cs, imprint, toc, front, parts)


def identity(doc: Document, pages: dict[str, int] | None = None) -> Redline:
    """Return the view of a document compared with itself: everything unchanged."""
    return build_redline(doc, doc, old_pages=pages, new_pages=pages)


def _flatten(blocks) -> list[tuple[str | None, tuple[Run, ...]]]:
    out = []
    for b in blocks:
        if isinstance(b, Paragraph):
            out.append((None, b.runs))
        elif isinstance(b, ListBlock):
            out += [(i.label, i.runs) for i in b.items]
    return out


def _merge_blocks(old, new) -> list[RBlock]:
    key = lambda b: (b[0], "".join(r.text for r in b[1]))  # noqa: E731
    matcher = difflib.SequenceMatcher(None, [key(b) for b in old], [key(b) for b in new], autojunk=False)
    out = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += [RBlock(SAME, label, Text(runs)) for label, runs in new[j1:j2]]
        elif tag == "replace" and i2 - i1 == j2 - j1:
            for (ol, oruns), (nl, nruns) in zip(old[i1:i2], new[j1:j2]):
                out.append(RBlock(CHANGED, nl, Text.between(oruns, nruns)))
        else:
            out += [RBlock(REMOVED, label, Text(runs)) for label, runs in old[i1:i2]]
            out += [RBlock(ADDED, label, Text(runs)) for label, runs in new[j1:j2]]
    return out
