"""Edit a section file as text, by the spans its values were read from: an item's text, a sub-item's, a label,
a correction added. The file's comments and layout stay; the caller reads the result back before writing it."""

from __future__ import annotations

import json

from ..errors import CompilerError, Location
from .markup import _HEADING, _LABEL, parse_inline
from .naming import folded
from .schema import ItemSpec, Span, SubItemSpec


def _index(lines: list[str], loc: Location) -> int:
    """Return the offset in the text (lines joined by newlines) of a 1-based line and column."""
    return sum(len(line) + 1 for line in lines[: loc.line - 1]) + loc.col - 1


def _value_end(lines: list[str], span: Span) -> Location:
    """Return where a value really ends: a block scalar's end mark is the start of the next line, after any blank
    lines that followed it, which stay where they are."""
    start, end = span
    if end.col > 1 or end.line <= start.line:
        return end
    line = end.line - 1  # the last line of the value (1-based)
    while line > start.line and not lines[line - 1].strip():
        line -= 1
    return Location(end.path, line, len(lines[line - 1]) + 1)


def replace_value(text: str, span: Span, value: str) -> str:
    """Return the text with the value at ``span`` replaced by ``value`` (YAML, maybe several lines)."""
    lines = text.split("\n")
    start, end = span[0], _value_end(lines, span)
    return text[: _index(lines, start)] + value + text[_index(lines, end) :]


def _key_indent(lines: list[str], span: Span) -> int:
    line = lines[span[0].line - 1]
    return len(line) - len(line.lstrip(" -")) if line.lstrip().startswith("- ") else len(line) - len(line.lstrip())


def text_value(text: str, span: Span, new: str) -> str:
    """Return the text with a text field's value (at ``span``) replaced by ``new`` as a folded block."""
    lines = text.split("\n")
    return replace_value(text, span, folded(new, _key_indent(lines, span) + 2))


def source_with(source: str, plain: str, old: str, new: str) -> str | None:
    """Return an item's source text (Markdown: ``*emphasis*``, links) with a change from ``old`` to ``new`` (both
    plain text) made in it, its markup kept; None when the changed words cannot be told apart in the source (they
    cross markup, or stand more than once)."""
    if plain != old:
        return None
    if source == plain:
        return new
    start = 0
    while start < len(old) and start < len(new) and old[start] == new[start]:
        start += 1
    end = 0  # characters the same at the end, not overlapping the start
    while end < len(old) - start and end < len(new) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    # widen to whole words, then a word at a time until the words stand once in the source
    lo, hi = start, len(old) - end
    while lo > 0 and old[lo - 1] != " ":
        lo -= 1
    while hi < len(old) and old[hi] != " ":
        hi += 1
    while not (old[lo:hi] and source.count(old[lo:hi]) == 1):
        if lo == 0 and hi == len(old):
            return None
        lo = old.rfind(" ", 0, max(lo - 1, 0)) + 1 if lo > 0 else 0
        hi = old.find(" ", hi + 1) if 0 <= old.find(" ", hi + 1) else len(old)
    printed = old[lo:hi]
    return source.replace(printed, new[lo : len(new) - (len(old) - hi)], 1)


def prose_entries(text: str) -> list[list[int]]:
    """Return the lines (0-based) of each paragraph and each list entry of a prose file, in the order the edition's
    data counts them (content/markup.py's parse_prose reads the same blocks)."""
    lines = text.split("\n")
    entries: list[list[int]] = []
    block: list[int] = []
    heading = False

    def flush() -> None:
        if block and all(_LABEL.match(lines[n].strip()) for n in block):
            entries.extend([n] for n in block)
        elif block:
            entries.append(list(block))
        block.clear()

    for n, line in enumerate(lines):
        stripped = line.strip()
        if not heading and not entries and not block and _HEADING.match(stripped):
            heading = True
        elif stripped.startswith("#"):
            continue
        elif not stripped:
            flush()
        else:
            block.append(n)
    flush()
    return entries


def prose_with(text: str, at: int, old: str, new: str) -> str | None:
    """Return a prose file's text with its ``at``-th paragraph or list entry changed from ``old`` to ``new`` (plain
    text), its markup and list label kept (a paragraph written over several lines becomes one); None when the entry
    does not read ``old`` or the changed words cannot be told apart in it."""
    lines = text.split("\n")
    entries = prose_entries(text)
    if at >= len(entries):
        return None
    at_lines = entries[at]
    first = lines[at_lines[0]]
    indent = first[: len(first) - len(first.lstrip())]
    label = _LABEL.match(first.strip()) if len(at_lines) == 1 else None
    prefix = indent + (label.group(0) if label else "")
    source = first.strip()[label.end() :] if label else " ".join(lines[n].strip() for n in at_lines)
    runs, problems = parse_inline(source, Location("", 1, 1))
    changed = source_with(source, "".join(r.text for r in runs), old, new) if not problems else None
    if changed is None:
        return None
    return "\n".join([*lines[: at_lines[0]], prefix + changed, *lines[at_lines[-1] + 1 :]])


def label_value(text: str, span: Span, new: str) -> str:
    """Return the text with a label's value replaced by ``new``, quoted."""
    return replace_value(text, span, json.dumps(new, ensure_ascii=False))


def _insertion_line(lines: list[str], end: Location, after: int) -> int:
    """Return the index of the line before which to insert what belongs at the end of a mapping or list
    (``end``, its end mark), after its line ``after`` (0-based) and before blank lines that follow it."""
    at = min(end.line - 1 if end.col <= 1 or end.line > len(lines) else end.line, len(lines))
    if end.line - 1 < len(lines) and end.col > 1 and not lines[end.line - 1][: end.col - 1].strip():
        at = end.line - 1  # the mapping ends where the next entry of its list starts, on that line
    while at - 1 > after and not lines[at - 1].strip():
        at -= 1
    return at


def add_correction(text: str, target: ItemSpec | SubItemSpec, printed: str, corrected: str, reason: str) -> str:
    """Return the text with a text correction added to an item's or a sub-item's ``corrections:``."""
    lines = text.split("\n")
    indent = target.loc.col - 1  # the column of its keys
    pad = " " * indent
    entry = [
        f"{pad}  - kind: text",
        f"{pad}    printed: {json.dumps(printed, ensure_ascii=False)}",
        f"{pad}    corrected: {json.dumps(corrected, ensure_ascii=False)}",
        f"{pad}    reason: {json.dumps(reason, ensure_ascii=False)}",
    ]
    if target.corrections_end is not None:
        at = _insertion_line(lines, target.corrections_end, target.loc.line - 1)
        new = lines[:at] + entry + lines[at:]
    elif target.end is not None:
        at = _insertion_line(lines, target.end, target.loc.line - 1)
        new = lines[:at] + [f"{pad}corrections:", *entry] + lines[at:]
    else:
        raise CompilerError(f"{target.loc}: cannot tell where this entry ends; add the correction by hand")
    return "\n".join(new)
