"""Compare two Document models: the change set of sections, items (by id) and prose."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from ..model import Document, Item, ListBlock, Paragraph, Run, Section, plain_text
from ..text.words import Op, merge_order, runs_equal, word_diff

T = TypeVar("T")


@dataclass(frozen=True)
class SectionRef:
    """Where an item is: a section's id, Part, year and title."""

    id: str
    part: str
    year: int
    title: str

    @classmethod
    def of(cls, s: Section) -> SectionRef:
        return cls(s.id, s.part, s.year, s.title)

    @property
    def label(self) -> str:
        return f"{self.year}: {self.title}"


@dataclass
class SubItemChange:
    """A sub-item (a), (b) ... added, removed or reworded within an item."""

    label: str
    kind: Literal["added", "removed", "reworded"]
    diff: list[Op] = field(default_factory=list)


Kind = Literal["added", "removed", "changed"]


@dataclass
class ItemChange:
    """What happened to one recommendation or observation, matched by id."""

    id: str
    kind: Kind
    old: Item | None  # None when added
    new: Item | None  # None when removed
    old_section: SectionRef | None
    new_section: SectionRef | None
    moved: bool = False
    reworded: bool = False
    label_changed: bool = False
    text_diff: list[Op] = field(default_factory=list)
    sub_items: list[SubItemChange] = field(default_factory=list)

    @property
    def item(self) -> Item:
        """Return the item as it is now, or as it was if it was removed."""
        return either(self.new, self.old)

    @property
    def section(self) -> SectionRef:
        """Return where the item is now, or where it was if it was removed."""
        return either(self.new_section, self.old_section)

    @property
    def old_label(self) -> str | None:
        return self.old.label if self.old else None

    @property
    def new_label(self) -> str | None:
        return self.new.label if self.new else None


@dataclass
class SectionChange:
    """A meeting or dialogue added, removed, or with a changed heading."""

    id: str
    kind: Kind
    old: Section | None  # None when added
    new: Section | None  # None when removed
    fields: dict[str, tuple[object, object]] = field(default_factory=dict)  # name -> (old, new)

    @property
    def section(self) -> Section:
        """Return the section as it is now, or as it was if it was removed."""
        return either(self.new, self.old)


def either(new: T | None, old: T | None) -> T:
    """Return the new side of a change, or the old one if there is no new side."""
    if new is not None:
        return new
    if old is None:  # every change has one side or both
        raise ValueError("a change with neither an old nor a new side")
    return old


@dataclass
class ProseChange:
    """A change in the front matter (Guidance, Background), a Part heading or the cover."""

    key: str
    what: Literal["heading", "text", "added", "removed"]
    old: str
    new: str
    diff: list[Op] = field(default_factory=list)


@dataclass
class ChangeSet:
    """Everything that differs between two editions."""

    old: Document
    new: Document
    sections: list[SectionChange]
    items: list[ItemChange]
    prose: list[ProseChange]
    old_name: str = ""  # how reports name the two sides, e.g. "September 2024 edition as committed at HEAD"
    new_name: str = ""

    def __post_init__(self):
        self.old_name = self.old_name or f"{self.old.edition.date_label} edition"
        self.new_name = self.new_name or f"{self.new.edition.date_label} edition"

    def marks(self) -> dict[str, Literal["new", "revised"]]:
        """Return what a reader of the new edition is told per item: "new", or "revised" (reworded, sub-items)."""
        out: dict[str, Literal["new", "revised"]] = {}
        for i in self.items:
            if i.kind == "added":
                out[i.id] = "new"
            elif i.kind == "changed" and (i.reworded or i.sub_items):
                out[i.id] = "revised"
        return out

    def fates(self) -> dict[str, Literal["revised", "removed"]]:
        """Return what the new edition did to each item of the old one that it did not keep as it was: "revised"
        (reworded, sub-items or label changed) or "removed" (an item that is not there; a moved item keeps its
        words and is not listed)."""
        out: dict[str, Literal["revised", "removed"]] = {}
        for i in self.items:
            if i.kind == "removed":
                out[i.id] = "removed"
            elif i.kind == "changed" and (i.reworded or i.sub_items or i.label_changed):
                out[i.id] = "revised"
        return out

    def counts(self) -> dict[str, int]:
        """Return how many changes of each kind there are."""
        c = {
            "sections_added": sum(1 for s in self.sections if s.kind == "added"),
            "sections_removed": sum(1 for s in self.sections if s.kind == "removed"),
            "sections_changed": sum(1 for s in self.sections if s.kind == "changed"),
            "items_added": sum(1 for i in self.items if i.kind == "added"),
            "items_removed": sum(1 for i in self.items if i.kind == "removed"),
            "items_moved": sum(1 for i in self.items if i.moved),
            "items_reworded": sum(1 for i in self.items if i.reworded),
            "items_relabelled": sum(1 for i in self.items if i.label_changed),
            "items_sub_items_changed": sum(1 for i in self.items if i.kind == "changed" and i.sub_items),
            "prose_changes": len(self.prose),
        }
        return c

    @property
    def empty(self) -> bool:
        return not (self.sections or self.items or self.prose)

    def section(self, section_id: str) -> SectionChange | None:
        return next((s for s in self.sections if s.id == section_id), None)


def _blocks_text(blocks) -> list[tuple[str, tuple[Run, ...]]]:
    out = []
    for b in blocks:
        if isinstance(b, Paragraph):
            out.append((plain_text(b.runs), b.runs))
        elif isinstance(b, ListBlock):
            for item in b.items:
                runs = (Run(item.label + " "),) + item.runs
                out.append((plain_text(runs), runs))
    return out


def _prose_changes(old: Document, new: Document) -> list[ProseChange]:
    out: list[ProseChange] = []  # the cover's date differs in every edition: not reported
    ofront = {f.key: f for f in old.front}
    nfront = {f.key: f for f in new.front}
    for key in list(ofront) + [k for k in nfront if k not in ofront]:
        o, n = ofront.get(key), nfront.get(key)
        if o is None or n is None:
            out.append(
                ProseChange(key, "added" if o is None else "removed", o.heading if o else "", n.heading if n else "")
            )
            continue
        if o.heading != n.heading:
            out.append(
                ProseChange(key, "heading", o.heading, n.heading, word_diff((Run(o.heading),), (Run(n.heading),)))
            )
        a, b = _blocks_text(o.blocks), _blocks_text(n.blocks)
        matcher = difflib.SequenceMatcher(None, [t for t, _ in a], [t for t, _ in b], autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            old_runs = tuple(r for _, runs in a[i1:i2] for r in runs + (Run(" "),))[:-1] if i2 > i1 else ()
            new_runs = tuple(r for _, runs in b[j1:j2] for r in runs + (Run(" "),))[:-1] if j2 > j1 else ()
            out.append(
                ProseChange(key, "text", plain_text(old_runs), plain_text(new_runs), word_diff(old_runs, new_runs))
            )
    opart = {p.key: p for p in old.parts}
    for p in new.parts:
        if p.key in opart and opart[p.key].heading != p.heading:
            out.append(
                ProseChange(
                    f"part-{p.key}",
                    "heading",
                    opart[p.key].heading,
                    p.heading,
                    word_diff((Run(opart[p.key].heading),), (Run(p.heading),)),
                )
            )
    return out


def _item_change(o: Item, n: Item, os_: Section, ns: Section) -> ItemChange | None:
    change = ItemChange(n.id, "changed", o, n, SectionRef.of(os_), SectionRef.of(ns))
    change.moved = os_.id != ns.id
    if not runs_equal(o.runs, n.runs):
        change.reworded = True
        change.text_diff = word_diff(o.runs, n.runs)
    change.label_changed = o.label != n.label
    osub = {s.label: s for s in o.sub_items}
    nsub = {s.label: s for s in n.sub_items}
    for label in merge_order(list(osub), list(nsub)):
        a, b = osub.get(label), nsub.get(label)
        if b is not None and a is None:
            change.sub_items.append(SubItemChange(label, "added", word_diff((), b.runs)))
        elif a is not None and b is None:
            change.sub_items.append(SubItemChange(label, "removed", word_diff(a.runs, ())))
        elif a is not None and b is not None and not runs_equal(a.runs, b.runs):
            change.sub_items.append(SubItemChange(label, "reworded", word_diff(a.runs, b.runs)))
    if change.moved or change.reworded or change.label_changed or change.sub_items:
        return change
    return None


_SECTION_FIELDS = ("title", "year", "link_text", "link_url", "report_symbol")


def compare(old: Document, new: Document, old_name: str = "", new_name: str = "") -> ChangeSet:
    """Return the change set from ``old`` to ``new``; items are matched by id, never by text."""
    osec = {s.id: s for s in old.sections()}
    nsec = {s.id: s for s in new.sections()}
    sections: list[SectionChange] = []
    for s in new.sections():
        if s.id not in osec:
            sections.append(SectionChange(s.id, "added", None, s))
            continue
        o = osec[s.id]
        fields = {f: (getattr(o, f), getattr(s, f)) for f in _SECTION_FIELDS if getattr(o, f) != getattr(s, f)}
        if fields:
            sections.append(SectionChange(s.id, "changed", o, s, fields))
    for s in old.sections():
        if s.id not in nsec:
            sections.append(SectionChange(s.id, "removed", s, None))
    owhere = {e.id: (e, s) for s in old.sections() for e in s.items}
    nwhere = {e.id: (e, s) for s in new.sections() for e in s.items}
    items: list[ItemChange] = []
    for eid, (new_item, ns) in nwhere.items():
        if eid not in owhere:
            subs = [SubItemChange(si.label, "added", word_diff((), si.runs)) for si in new_item.sub_items]
            items.append(ItemChange(eid, "added", None, new_item, None, SectionRef.of(ns), sub_items=subs))
            continue
        old_item, os_ = owhere[eid]
        change = _item_change(old_item, new_item, os_, ns)
        if change:
            items.append(change)
    for eid, (old_item, os_) in owhere.items():
        if eid not in nwhere:
            items.append(ItemChange(eid, "removed", old_item, None, SectionRef.of(os_), None))
    return ChangeSet(old, new, sections, items, _prose_changes(old, new), old_name, new_name)
