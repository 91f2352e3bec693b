"""The redline: the View of the NEW edition merged with what OLD had, every block marked with its change.

The writers render it as they render a plain edition (plain.py); item and sub-item differences
are the change set's own word diffs (changes/compare.py), never computed a second time.
"""

from __future__ import annotations

import dataclasses
import difflib

from ..changes.compare import ChangeSet, ItemChange, SectionRef, compare, either
from ..model import Document, Item, Run
from ..text.words import merge_order, runs_equal, word_diff
from .nodes import (
    ADDED,
    CHANGED,
    REMOVED,
    SAME,
    BlockView,
    FrontView,
    IndexGroup,
    ItemView,
    PartView,
    SectionView,
    Status,
    SubItemView,
    Text,
    ThemeIndexView,
    TocView,
    View,
    YearView,
)
from .plain import front_blocks, heading_runs, item_heading_runs, item_view, metadata, themes_index


def between(old: tuple[Run, ...], new: tuple[Run, ...]) -> Text:
    """Return new's text, with its word diff from old when the two differ."""
    return Text(new) if runs_equal(old, new) else Text(new, word_diff(old, new))


def _status(in_old: bool, in_new: bool, changed: bool = False) -> Status:
    if in_old and in_new:
        return CHANGED if changed else SAME
    return ADDED if in_new else REMOVED


def _changed_item(old: Item, new: Item, change: ItemChange) -> ItemView:
    heading = between(item_heading_runs(old), item_heading_runs(new)) if (old.heading or new.heading) else None
    text = Text(new.runs, change.text_diff) if change.reworded else Text(new.runs)
    diffs = {s.label: s for s in change.sub_items}
    osub = {s.label: s for s in old.sub_items}
    nsub = {s.label: s for s in new.sub_items}
    subs = []
    for label in merge_order(list(osub), list(nsub)):
        d = diffs.get(label)
        runs = (nsub.get(label) or osub[label]).runs
        if d is None:
            subs.append(SubItemView(label, SAME, Text(runs)))
        elif d.kind == "reworded":
            subs.append(SubItemView(label, CHANGED, Text(runs, d.diff)))
        else:
            subs.append(SubItemView(label, ADDED if d.kind == "added" else REMOVED, Text(runs)))
    return ItemView(new.id, CHANGED, new, heading, text, subs, change=change)


def _front(old: Document, new: Document) -> list[FrontView]:
    out = []
    ofront = {key: (heading, blocks) for key, heading, blocks in front_blocks(old)}
    nfront = {key: (heading, blocks) for key, heading, blocks in front_blocks(new)}
    for key in merge_order(list(ofront), list(nfront)):
        o, n = ofront.get(key), nfront.get(key)
        if o is None or n is None:
            title, lines = either(n, o)
            whole: Status = ADDED if o is None else REMOVED
            out.append(FrontView(key, whole, Text((Run(title),)), [BlockView(whole, lb, Text(r)) for lb, r in lines]))
            continue
        heading = between((Run(o[0]),), (Run(n[0]),))
        blocks = _merge_blocks(o[1], n[1])
        st: Status = CHANGED if heading.changed or any(b.status != SAME for b in blocks) else SAME
        out.append(FrontView(key, st, heading, blocks))
    return out


def _items(o, n, cs: ChangeSet, where_old: dict, where_new: dict) -> list[ItemView]:
    changed = {c.id: c for c in cs.items}
    oitems = {e.id: e for e in o.items} if o else {}
    nitems = {e.id: e for e in n.items} if n else {}
    items = []
    for eid in merge_order(list(oitems), list(nitems)):
        oe, ne, change = oitems.get(eid), nitems.get(eid), changed.get(eid)
        if oe and ne:
            items.append(_changed_item(oe, ne, change) if change else item_view(ne))
        elif ne:
            view = item_view(ne, ADDED)
            view.moved_from = SectionRef.of(where_old[eid]) if eid in where_old else None
            view.change = change
            items.append(view)
        elif oe:
            view = item_view(oe, REMOVED)
            view.moved_to = SectionRef.of(where_new[eid]) if eid in where_new else None
            view.change = change
            items.append(view)
    return items


def _parts(old: Document, new: Document, cs: ChangeSet) -> list[PartView]:
    osec = {s.id: s for s in old.sections()}
    nsec = {s.id: s for s in new.sections()}
    where_old = {e.id: s for s in old.sections() for e in s.items}
    where_new = {e.id: s for s in new.sections() for e in s.items}
    section_changes = {s.id: s for s in cs.sections}
    opart = {p.key: p for p in old.parts}
    parts = []
    for p in new.parts:
        op = opart.get(p.key)
        heading = between((Run(op.heading),), (Run(p.heading),)) if op else Text((Run(p.heading),))
        ids = merge_order([s.id for s in op.sections] if op else [], [s.id for s in p.sections])
        sections = []
        for sid in ids:
            o, n = osec.get(sid), nsec.get(sid)
            sc = section_changes.get(sid)
            st = _status(o is not None, n is not None, bool(sc and sc.kind == CHANGED))
            section = either(n, o)
            title = (
                between(heading_runs(o), heading_runs(n)) if o and n and st == CHANGED else Text(heading_runs(section))
            )
            sections.append(
                SectionView(sid, st, section, title, _items(o, n, cs, where_old, where_new), sc.fields if sc else {})
            )
        years: list[YearView] = []
        old_years = {s.year for s in (op.sections if op else ())}
        new_years = {s.year for s in p.sections}
        for sv in sections:
            y = sv.section.year
            if not years or years[-1].year != y:
                years.append(YearView(y, _status(y in old_years, y in new_years), [], p.key))
            years[-1].sections.append(sv)
        parts.append(PartView(p.key, CHANGED if heading.changed else SAME, heading, years))
    return parts


def _toc(old: Document, new: Document, old_pages: dict, new_pages: dict) -> list[TocView]:
    otoc = {t.anchor: t for t in old.toc}
    ntoc = {t.anchor: t for t in new.toc}
    toc = []
    for anchor in merge_order([t.anchor for t in old.toc], [t.anchor for t in new.toc]):
        o, n = otoc.get(anchor), ntoc.get(anchor)
        po, pn = old_pages.get(anchor), new_pages.get(anchor)
        if o and n:
            same = o.text == n.text and po == pn
            toc.append(
                TocView(n.level, anchor, SAME if same else CHANGED, between((Run(o.text),), (Run(n.text),)), po, pn)
            )
        else:
            t = either(n, o)
            toc.append(TocView(t.level, anchor, ADDED if n else REMOVED, Text((Run(t.text),)), po, pn))
    return toc


def redline_view(
    old: Document,
    new: Document,
    changes: ChangeSet | None = None,
    old_pages: dict[str, int] | None = None,
    new_pages: dict[str, int] | None = None,
) -> View:
    """Return the View of ``new`` with its differences from ``old`` marked."""
    cs = changes or compare(old, new)
    imprint = between((Run(old.edition.imprint),), (Run(new.edition.imprint),))
    view = View(
        new,
        metadata(new),
        imprint,
        _toc(old, new, old_pages or {}, new_pages or {}),
        _front(old, new),
        _parts(old, new, cs),
        old=old,
        change_set=cs,
    )
    # the index of themes is generated from the items: where OLD's differs, OLD's is removed and NEW's added as
    # wholes, so that Accept All gives NEW and Reject All gives OLD
    old_index, new_index = themes_index(old), themes_index(new)

    def paged(index: list[ThemeIndexView], pages: dict[str, int] | None, status: Status) -> list[ThemeIndexView]:
        def group(g: IndexGroup) -> IndexGroup:
            entries = tuple(dataclasses.replace(e, page=(pages or {}).get(e.id)) for e in g.entries)
            return dataclasses.replace(g, entries=entries)

        return [dataclasses.replace(t, status=status, groups=tuple(group(g) for g in t.groups)) for t in index]

    if old_index == new_index:
        view.themes_index = paged(new_index, new_pages, SAME)
    else:
        view.themes_index = paged(new_index, new_pages, ADDED)
        view.themes_index_removed = paged(old_index, old_pages, REMOVED)
    return view


def _merge_blocks(old, new) -> list[BlockView]:
    def key(b):
        return (b[0], "".join(r.text for r in b[1]))

    matcher = difflib.SequenceMatcher(None, [key(b) for b in old], [key(b) for b in new], autojunk=False)
    out = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += [BlockView(SAME, label, Text(runs)) for label, runs in new[j1:j2]]
        elif tag == "replace" and i2 - i1 == j2 - j1:
            for (_, oruns), (nl, nruns) in zip(old[i1:i2], new[j1:j2], strict=True):
                out.append(BlockView(CHANGED, nl, between(oruns, nruns)))
        else:
            out += [BlockView(REMOVED, label, Text(runs)) for label, runs in old[i1:i2]]
            out += [BlockView(ADDED, label, Text(runs)) for label, runs in new[j1:j2]]
    return out
