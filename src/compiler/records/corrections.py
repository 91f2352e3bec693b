"""Published text changes only with a record: every item an issued edition published, compared with the content."""

from __future__ import annotations

import json

from ..content.load import Content
from ..content.schema import CorrectionSpec, ItemSpec, SubItemSpec
from ..errors import CompilerError, Location, Problem
from ..model import Item, Run, plain_text
from ..text.words import Op, inline_diff, word_diff
from .issued import Record, record_path


def published_items(content: Content) -> dict[str, tuple[str, Item]]:
    """Return, for each item of an issued edition, the date of the latest issued edition that has it and the item
    as that edition published it (from its record)."""
    out: dict[str, tuple[str, Item]] = {}
    for e in sorted((e for e in content.editions if e.status == "issued"), key=lambda e: e.id):
        try:
            record = Record.load(record_path(content.project, e.id))
            doc = record.document() if record is not None else None
        except CompilerError:  # an unreadable record is reported by record_problems
            continue
        if doc is not None:
            out.update({i.id: (e.date_label, i) for i in doc.items()})
    return out


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def correction_for(before: str, after: str) -> tuple[str, str]:
    """Return (printed, corrected) for a correction that turns ``before`` into ``after``: the stretch that changed,
    with a word either side, and more until the printed words stand only once in ``before``."""
    ops = word_diff((Run(before),), (Run(after),))
    at = 0
    first = last_b = None
    for op in ops:
        width = 0 if op.kind == "insert" else len(op.text)
        if op.kind != "equal":
            first = at if first is None else first
            last_b = at + width
        at += width
    if first is None or last_b is None:
        return before, after
    start, end = _word_before(before, first), _word_after(before, last_b)
    while before.count(before[start:end]) > 1 and (start > 0 or end < len(before)):
        start, end = _word_before(before, start), _word_after(before, end)
    # the words before ``start`` and after ``end`` are the same in both texts
    return before[start:end].strip(), after[start : len(after) - (len(before) - end)].strip()


def _word_before(text: str, at: int) -> int:
    while at > 0 and text[at - 1] == " ":
        at -= 1
    while at > 0 and text[at - 1] != " ":
        at -= 1
    return at


def _word_after(text: str, at: int) -> int:
    while at < len(text) and text[at] == " ":
        at += 1
    while at < len(text) and text[at] != " ":
        at += 1
    return at


def _span(ops: list[Op]) -> tuple[str, str]:
    """Return (printed, corrected): the stretch of a difference that changed, with a word either side."""
    changed = [k for k, op in enumerate(ops) if op.kind != "equal"]
    first, last = changed[0], changed[-1]
    before = [t.text for t in ops[first - 1].tokens][-2:] if first > 0 else []
    after = [t.text for t in ops[last + 1].tokens][:2] if last + 1 < len(ops) else []
    middle = ops[first : last + 1]
    printed = "".join(before + [o.text for o in middle if o.kind != "insert"] + after)
    corrected = "".join(before + [o.text for o in middle if o.kind != "delete"] + after)
    return printed.strip(), corrected.strip()


def _block(has_corrections: bool, indent: int, printed: str, corrected: str) -> str:
    pad = " " * indent
    lines = [] if has_corrections else [f"{pad}corrections:"]
    lines += [
        f"{pad}  - kind: text",
        f"{pad}    printed: {_q(printed)}",
        f"{pad}    corrected: {_q(corrected)}",
        f"{pad}    reason: {_q('TODO: why the published text was wrong')}",
    ]
    return "\n".join(lines)


def _check(
    what: str,
    loc: Location,
    published: str,
    now: str,
    corrections: list[CorrectionSpec],
    recorded: set[tuple[str, str, str]],
    edition: str,
    indent: int,
) -> list[Problem]:
    out = []
    expected = published
    for c in corrections:
        corr = c.correction
        if corr.kind != "text" or (corr.kind, corr.printed, corr.corrected) in recorded:
            continue  # a correction the issued edition was published with
        if corr.printed not in expected:
            out.append(
                Problem(
                    c.loc,
                    f"the correction of {what} says the {edition} edition printed {_q(corr.printed)}, but it did not: "
                    f"it published {_q(published)}. printed: must be the words as that edition issued them",
                )
            )
            continue
        expected = expected.replace(corr.printed, corr.corrected, 1)
    if " ".join(now.split()) != " ".join(expected.split()) and not out:
        ops = word_diff((Run(expected),), (Run(now),))
        printed, corrected = _span(ops)
        out.append(
            Problem(
                loc,
                f"{what} was published in the {edition} edition and now reads otherwise, with no correction recorded: "
                f"{inline_diff(ops)} ([-as published-] {{+as it reads now+}}). Published text changes only with a "
                f"record: add this under it (and say why), or put the published words back:\n"
                + _block(bool(corrections), indent, printed, corrected),
            )
        )
    return out


def published_text_problems(content: Content) -> list[Problem]:
    """Return an error for each item (or sub-item) whose text differs from what the latest issued edition having it
    published, unless a correction records the change; for a correction whose printed: that edition did not
    print; and for an issued item that is gone from the content."""
    published = published_items(content)
    if not published:
        return []
    out: list[Problem] = []
    present = set()
    for s in content.sections:
        for item in s.items:
            present.add(item.id)
            if item.id in published:
                edition, issued = published[item.id]
                out += _item(item, issued, edition)
    if content.unread:  # an item may be in a file that could not be read: its errors are reported already
        return out
    for item_id, (edition, _) in sorted(published.items()):
        if item_id not in present:
            out.append(
                Problem(
                    Location("content/"),
                    f"{item_id} was published in the {edition} edition and is gone from the content: put it back "
                    f"(with last_edition: to end it in an edition) rather than delete it",
                )
            )
    return out


def _recorded(corrections) -> set[tuple[str, str, str]]:
    return {(c.kind, c.printed, c.corrected) for c in corrections}


def _item(item: ItemSpec, issued: Item, edition: str) -> list[Problem]:
    out = _check(
        item.id,
        item.text_loc,
        issued.text,
        plain_text(item.runs),
        item.corrections,
        _recorded(issued.corrections),
        edition,
        4,
    )
    published_subs = {s.label: s for s in issued.sub_items}
    for sub in item.sub_items:
        before = published_subs.get(sub.label)
        if before is not None:
            out += _sub(item, sub, before.text, _recorded(before.corrections), edition)
    return out


def _sub(item: ItemSpec, sub: SubItemSpec, published: str, recorded, edition: str) -> list[Problem]:
    return _check(
        f"{item.id} {sub.label}", sub.loc, published, plain_text(sub.runs), sub.corrections, recorded, edition, 8
    )
