"""What a reviewer's changes change: each paragraph of a reviewed file mapped, by the bookmarks the compiler wrote
(by its text when a reviewer deleted one), to an item's text, a sub-item, a label, a section heading, the front
matter's prose, or a part the compiler generates; and each comment to the item it is on."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..model import Run
from ..text.words import Op, word_diff
from .read import Comment, Paragraph, ReviewedFile, bookmark_name

Kind = Literal["reworded", "inserted", "deleted", "comment", "refused", "conflict"]
What = Literal["text", "sub-item", "label", "prose", "heading", "generated", "unknown"]

GENERATED = {  # what the compiler writes by itself, and where to change it instead
    "cover": "the cover is generated: its title from content/publication.yaml, its place and date from the "
    "edition's place: and date: in content/editions.yaml",
    "toc": "the contents are generated from the headings: change the heading itself",
    "changes": '"Changes in this edition" is generated from the change set: change the items it names',
    "years": "the years are the sections' year: fields",
    "contact": "the back cover's address is contact: in content/publication.yaml",
}


@dataclass
class Target:
    """What a change is to: an item's text, one of its sub-items or its label, a section's heading, a front section's
    prose, or a part the compiler generates."""

    what: What
    item: str | None = None
    sub_item: str | None = None  # its label, "(a)"
    section: str | None = None
    front: str | None = None  # "guidance", "background"
    block: int | None = None  # the prose block's place in its front section
    part: str | None = None  # for a generated part: which (see GENERATED)


@dataclass
class ReviewChange:
    """One thing a reviewer did, and what came of it."""

    kind: Kind
    target: Target
    old: str
    new: str
    author: str = ""
    date: str = ""
    file: str = ""
    found_by: str = "bookmark"  # or "text", when the reviewer deleted the bookmark
    applied: bool = False
    why: str = ""
    comment: Comment | None = None
    diff: list[Op] = field(default_factory=list)

    def __post_init__(self):
        if not self.diff and self.kind in ("reworded", "conflict"):
            self.diff = word_diff((Run(self.old),), (Run(self.new),))


def _base_items(base: dict) -> tuple[dict[str, dict], dict[str, dict]]:
    items, sections = {}, {}
    for part in base.get("parts", []):
        for s in part["sections"]:
            sections[s["id"]] = s
            for i in s["items"]:
                items[i["id"]] = {**i, "section": s["id"]}
    return items, sections


def _front_blocks(base: dict) -> dict[str, list[tuple[str | None, str, str]]]:
    """Return each front section's blocks as (list label or None, text, Markdown), in order."""
    out: dict[str, list[tuple[str | None, str, str]]] = {}
    for f in base.get("front", []):
        blocks: list[tuple[str | None, str, str]] = []
        for b in f["blocks"]:
            if b["type"] == "paragraph":
                blocks.append((None, b["text"], b["markdown"]))
            else:
                blocks += [(i["label"], i["text"], i["markdown"]) for i in b["items"]]
        out[f["key"]] = blocks
    return out


def _who(p: Paragraph, reviewed: ReviewedFile) -> tuple[str, str, bool]:
    """Return (author, date, tracked) of a paragraph's changes: its tracked changes', or the file's last editor's."""
    if p.revisions:
        return p.revisions[0].author, p.revisions[0].date, True
    return reviewed.last_editor, reviewed.modified, False


def _split_label(text: str) -> tuple[str, str]:
    label, tab, rest = text.partition("\t")
    return (label.strip(), rest) if tab else ("", text)


class _Walk:
    """The paragraphs in order, with where each stands in the edition."""

    def __init__(self, reviewed: ReviewedFile, base: dict):
        self.reviewed = reviewed
        self.items, self.sections = _base_items(base)
        self.item_by_mark = {bookmark_name(i): i for i in self.items}
        self.heading_by_mark = {bookmark_name(a, "_Toc_"): a for a in [*self.sections, "guidance", "background"]}
        self.heading_by_mark |= {bookmark_name(a, "_Toc_"): a for a in ("changes", "part-a", "part-b")}
        self.front = _front_blocks(base)
        self.used_front: dict[str, set[int]] = {k: set() for k in self.front}
        self.changes: list[ReviewChange] = []
        self.region = "cover"
        self.item: str | None = None
        self.pending_label: Paragraph | None = None
        self.on: dict[str, str] = {}  # comment id -> the item it is on

    def change(self, kind: Kind, target: Target, p: Paragraph, old: str, new: str, **kw) -> ReviewChange:
        author, date, _ = _who(p, self.reviewed)
        c = ReviewChange(kind, target, old, new, author, date, self.reviewed.path.name, **kw)
        self.changes.append(c)
        return c

    def item_of(self, p: Paragraph) -> tuple[str | None, str]:
        for mark in p.bookmarks:
            if mark in self.item_by_mark:
                return self.item_by_mark[mark], "bookmark"
        text = " ".join(p.old.split())
        for iid, item in self.items.items():  # the reviewer deleted the bookmark: found by its text
            if " ".join(item["text"].split()) == text:
                return iid, "text"
        return None, ""

    def visit(self, p: Paragraph) -> None:
        heading = next((self.heading_by_mark[m] for m in p.bookmarks if m in self.heading_by_mark), None)
        style = p.style
        if style.startswith("Cover") or style.startswith("Imprint"):
            return self.generated(p, "cover")
        if style.startswith("TOC"):
            return self.generated(p, "toc")
        if style == "Contact":
            return self.generated(p, "contact")
        if style == "Heading 1":
            self.item = None
            self.region = {"changes": "changes", "part-a": "part", "part-b": "part"}.get(
                heading or "", heading or "front"
            )
            if self.region in ("changes", "part"):
                return self.generated(p, "changes" if self.region == "changes" else "toc")
            return self.prose_heading(p)
        if style == "Heading 2":
            return self.generated(p, "years")
        if style == "Heading 3":
            self.item = None
            return self.section_heading(p, heading)
        if style == "Recommendation Label":
            self.pending_label = p
            return None
        if style in ("Item Text", "Item Intro"):
            return self.item_text(p)
        if style == "Sub Item":
            return self.sub_item(p)
        if self.region == "changes":
            return self.generated(p, "changes")
        if self.region in self.front:
            return self.prose(p)
        if p.old != p.new:
            self.change("refused", Target("unknown"), p, p.old, p.new, why="a paragraph the compiler did not write")
        return None

    def generated(self, p: Paragraph, part: str) -> None:
        if p.old != p.new:
            self.change("refused", Target("generated", part=part), p, p.old, p.new, why=GENERATED[part])

    def prose_heading(self, p: Paragraph) -> None:
        if p.old != p.new:
            why = "the front sections' headings are heading: in content/editions.yaml (or the Markdown file's # line)"
            self.change("refused", Target("heading", front=self.region), p, p.old, p.new, why=why)

    def section_heading(self, p: Paragraph, section: str | None) -> None:
        if p.old != p.new:
            why = "a section's heading is its title: (a dialogue) or report_symbol: (a report) in its content file"
            self.change("refused", Target("heading", section=section), p, p.old, p.new, why=why)

    def item_text(self, p: Paragraph) -> None:
        label, self.pending_label = self.pending_label, None
        if p.inserted:
            self.item = None
            self.change("inserted", Target("text", item=None), p, "", p.new)
            return
        iid, found_by = self.item_of(p)
        self.item = iid
        if iid is None:
            if p.old != p.new:
                self.change("refused", Target("unknown"), p, p.old, p.new, why="no item of the edition has this text")
            return
        for cid in p.comments:
            self.on[cid] = iid
        base = self.items[iid]
        if label is not None:
            self.label(label, iid, base)
        if p.deleted:
            self.change("deleted", Target("text", item=iid), p, base["text"], "", found_by=found_by)
        elif p.new != base["text"]:
            self.change("reworded", Target("text", item=iid), p, base["text"], p.new, found_by=found_by)

    def label(self, p: Paragraph, iid: str, base: dict) -> None:
        """A label line ("Recommendation 14"): the word before the label stays, the label may change."""
        old_label = base["label"]
        if old_label is None:
            return
        word = p.old[: len(p.old) - len(old_label)].strip() if p.old.strip().endswith(old_label) else ""
        new = p.new.strip()
        new_label = new[len(word) :].strip() if word and new.startswith(word) else new
        if new_label != old_label:
            self.change("reworded", Target("label", item=iid), p, old_label, new_label)

    def sub_item(self, p: Paragraph) -> None:
        if self.item is None:
            if p.old != p.new:
                self.change("refused", Target("unknown"), p, p.old, p.new, why="a sub-item under no item")
            return None
        base = self.items[self.item]
        for cid in p.comments:
            self.on[cid] = self.item
        old_label, old_text = _split_label(p.old)
        new_label, new_text = _split_label(p.new)
        subs = {s["label"]: s["text"] for s in base.get("sub_items", [])}
        if p.inserted:
            self.change("inserted", Target("sub-item", item=self.item, sub_item=new_label), p, "", new_text)
        elif old_label not in subs:
            self.change("refused", Target("sub-item", item=self.item), p, p.old, p.new, why="no such sub-item")
        elif p.deleted:
            self.change("deleted", Target("sub-item", item=self.item, sub_item=old_label), p, subs[old_label], "")
        elif new_label != old_label:
            why = f"a sub-item's label is its label: in the item's items (was {old_label}, now {new_label})"
            self.change("refused", Target("sub-item", item=self.item, sub_item=old_label), p, p.old, p.new, why=why)
        elif new_text != subs[old_label]:
            target = Target("sub-item", item=self.item, sub_item=old_label)
            self.change("reworded", target, p, subs[old_label], new_text)
        return None

    def prose(self, p: Paragraph) -> None:
        key = self.region
        blocks = self.front[key]
        label, old = _split_label(p.old) if p.style == "List Item" else (None, p.old)
        _, new = _split_label(p.new) if p.style == "List Item" else (None, p.new)
        if p.inserted:
            self.change("inserted", Target("prose", front=key), p, "", new)
            return
        # the block it was: the same words, or, changed without tracking, the next one not yet matched
        at = next((n for n, b in enumerate(blocks) if b[1] == old and n not in self.used_front[key]), None)
        if at is None:
            at = next((n for n in range(len(blocks)) if n not in self.used_front[key]), None)
        if at is None:
            if p.old != p.new:
                self.change("refused", Target("prose", front=key), p, p.old, p.new, why="no such paragraph")
            return
        self.used_front[key].add(at)
        base_label, base_text, _ = blocks[at]
        if p.deleted:
            self.change("deleted", Target("prose", front=key, block=at), p, base_text, "")
        elif new != base_text:
            self.change("reworded", Target("prose", front=key, block=at), p, base_text, new)


def changes_in(reviewed: ReviewedFile, base: dict) -> list[ReviewChange]:
    """Return every change and comment of a reviewed file, each mapped to what it changes in the edition ``base``
    (its published data: the file's own, as the compiler embedded it)."""
    walk = _Walk(reviewed, base)
    for p in reviewed.paragraphs:
        walk.visit(p)
    out = walk.changes
    for c in reviewed.comments:
        target = Target("text", item=walk.on.get(c.id)) if walk.on.get(c.id) else Target("unknown")
        out.append(ReviewChange("comment", target, c.anchor, c.text, c.author, c.date, reviewed.path.name, comment=c))
    return out
