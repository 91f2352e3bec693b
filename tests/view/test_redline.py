"""The redline View: the new edition merged with what the old one had, each item and word marked."""

from __future__ import annotations

from compiler.view import ADDED, REMOVED, SAME
from compiler.view.redline import redline_view


def _items(view):
    return {
        i.id + ("-old" if i.status == REMOVED else ""): i
        for p in view.parts
        for y in p.years
        for s in y.sections
        for i in s.items
    }


def test_each_kind_of_change_is_marked_once(every_change):
    view = redline_view(every_change.old, every_change.new, every_change)
    items = _items(view)
    assert items["wg6-2023-r19"].status == ADDED
    assert items["cd-som-2023-o6-old"].status == REMOVED
    moved = [i for i in items.values() if i.id == "cd-ta-2023-o2" and i.moved_from]
    assert len(moved) == 1
    reworded = items["wg4-2022-r14"]
    marks = {(kind, run.text.strip()) for kind, run in reworded.text.pieces(reworded.status) if kind != SAME}
    assert (REMOVED, "undue") in marks and (ADDED, "any") in marks
