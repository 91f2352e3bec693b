"""The View's nodes: what every writer walks (text with change markers, items, sections, Parts, contents)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from ..model import Document, Item, Run, Section

if TYPE_CHECKING:
    from ..changes.compare import ChangeSet, ItemChange, SectionRef
    from ..text.words import Op

Status = Literal["same", "added", "removed", "changed"]
SAME: Status = "same"
ADDED: Status = "added"
REMOVED: Status = "removed"
CHANGED: Status = "changed"
Mark = Literal["new", "revised"]


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


@dataclass
class Text:
    """Text to render: runs, and for a changed text its word-level difference (text/words.py Ops)."""

    runs: tuple[Run, ...] = ()
    ops: list[Op] | None = None

    @property
    def changed(self) -> bool:
        return self.ops is not None

    @property
    def plain(self) -> str:
        """Return the text without its formatting (headings, contents entries)."""
        return "".join(r.text for r in self.runs)

    def pieces(self, status: Status = SAME) -> list[tuple[Status, Run]]:
        """Return (change, run) pieces: change is SAME, ADDED or REMOVED."""
        if self.ops is None:
            whole: Status = status if status in (ADDED, REMOVED) else SAME
            return [(whole, r) for r in self.runs]
        out: list[tuple[Status, Run]] = []
        for op in self.ops:
            kind: Status = SAME if op.kind == "equal" else ADDED if op.kind == "insert" else REMOVED
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
    status: Status
    text: Text


@dataclass(frozen=True)
class RelatedLink:
    """An item with related agreed language (related.py): its id, its name as readers cite it, and how close."""

    id: str
    name: str
    similarity: str  # in words: "almost the same wording", ...
    score: float


@dataclass(frozen=True)
class FacetsView:
    """An item's themes and what it asks, for the web edition's line under it and its filters."""

    themes: tuple[tuple[str, str], ...]  # (key, name)
    addressees: tuple[str, ...]
    strength: str | None
    strength_rank: int | None  # 0 is the strongest ("shall"): text/facets.py STRENGTHS
    negated: bool
    conditions: tuple[str, ...]

    @property
    def line(self) -> str:
        """Return the facets in one line: "Themes: ... · Addressed to: ... · Strength: ... · Condition: ..."."""
        parts = []
        if self.themes:
            parts.append("Themes: " + ", ".join(name for _, name in self.themes))
        if self.addressees:
            parts.append("Addressed to: " + ", ".join(self.addressees))
        if self.strength:
            parts.append("Strength: " + self.strength + (" (negated: not to)" if self.negated else ""))
        if self.conditions:
            parts.append(("Conditions: " if len(self.conditions) > 1 else "Condition: ") + "; ".join(self.conditions))
        return " · ".join(parts)


@dataclass(frozen=True)
class IndexEntry:
    """An item under a theme in the index of themes: its locator within its section ("recommendation 14",
    "paragraph 49", "observation 3"), with its anchor."""

    id: str
    locator: str
    page: int | None = None  # known with the View in a redline; else the writer's page numbers give it


@dataclass(frozen=True)
class IndexGroup:
    """The items of one theme in one section: "Working Group on Trafficking in Persons, 2022: recommendation 14"."""

    section: str  # as readers name it: "Working Group on Trafficking in Persons, 2022"
    entries: tuple[IndexEntry, ...]


@dataclass(frozen=True)
class ThemeIndexView:
    """One theme of the index of themes: its name and its items, by section in reading order."""

    key: str
    name: str
    groups: tuple[IndexGroup, ...]
    status: Status = SAME  # in a redline: added when the older edition had no index

    @property
    def anchor(self) -> str:
        return f"theme-{self.key}"

    @property
    def entries(self) -> tuple[IndexEntry, ...]:
        return tuple(e for g in self.groups for e in g.entries)


@dataclass
class ItemView:
    """A recommendation or observation; ``moved_from``/``moved_to`` and ``change`` in a redline.

    ``citation`` is how a reader cites it, ``mark`` whether it is new or revised since the previous
    edition, ``related`` the items with related agreed language (the web edition lists them),
    ``findable`` the text a search looks in.
    """

    id: str
    status: Status
    item: Item
    heading: Text | None
    text: Text
    sub_items: list[SubItemView]
    moved_from: SectionRef | None = None
    moved_to: SectionRef | None = None
    change: ItemChange | None = None
    citation: str = ""
    mark: Mark | None = None
    related: list[RelatedLink] = field(default_factory=list)
    findable: str = ""  # everything it is found by (search.findable_text): the web edition searches it
    facets: FacetsView | None = None  # its themes and what it asks (None in editions issued before facets)


@dataclass
class SectionView:
    id: str
    status: Status
    section: Section
    title: Text
    items: list[ItemView]
    fields: dict[str, tuple[object, object]] = field(default_factory=dict)


@dataclass
class YearView:
    year: int
    status: Status
    sections: list[SectionView]
    part: str = ""

    @property
    def anchor(self) -> str:
        return f"part-{self.part}-{self.year}"


@dataclass
class PartView:
    key: str
    status: Status
    heading: Text
    years: list[YearView]

    @property
    def anchor(self) -> str:
        return f"part-{self.key}"


@dataclass
class BlockView:
    """A paragraph or a labelled list item of the front matter."""

    status: Status
    label: str | None
    text: Text
    kind: str = ""  # in "Changes in this edition": the kind of change a line names


@dataclass
class FrontView:
    key: str
    status: Status
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
    status: Status
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
    change_set: ChangeSet | None = None  # the change set of a redline
    themes_index: list[ThemeIndexView] = field(default_factory=list)  # the index of themes that ends the edition
    themes_index_removed: list[ThemeIndexView] = field(default_factory=list)  # in a redline: OLD's, where it differs

    @property
    def marks(self) -> dict[str, Mark]:
        """Return which items are new or revised since the previous edition."""
        return {i.id: i.mark for i in self.items() if i.mark is not None}

    def items(self) -> list[ItemView]:
        """Return every item view in reading order."""
        return [i for p in self.parts for y in p.years for s in y.sections for i in s.items]
