"""Word-level differences between texts (the one implementation), shown inline, and merging two orders of ids."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from ..model import Run

_TOKEN = re.compile(r"\s+|\w+(?:[’'-]\w+)*|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class Token:
    """A word, space or punctuation mark with the emphasis and link of the run it came from."""

    text: str
    italic: bool = False
    bold: bool = False
    href: str | None = None


@dataclass(frozen=True)
class Op:
    """A stretch of a word-level difference: "equal", "insert" or "delete"."""

    kind: str
    tokens: tuple[Token, ...]

    @property
    def text(self) -> str:
        return "".join(t.text for t in self.tokens)


def tokenize(runs: tuple[Run, ...]) -> list[Token]:
    """Return the tokens of runs, each keeping its run's emphasis and link."""
    out = []
    for r in runs:
        for m in _TOKEN.finditer(r.text):
            out.append(Token(m.group(), r.italic, r.bold, r.href))
    return out


def word_diff(old: tuple[Run, ...], new: tuple[Run, ...]) -> list[Op]:
    """Return the word-level difference between two texts as equal/insert/delete operations.

    difflib's SequenceMatcher (no junk heuristic) over the tokens; then changes kept apart only by
    spaces are told as one ("[-are encouraged-]{+may wish+}", not "[-are-]{+may+} [-encouraged-]{+wish+}").
    The web edition's script computes "What differs" the same way (web.js, wordDiff).
    """
    a, b = tokenize(old), tokenize(new)
    matcher = difflib.SequenceMatcher(None, [t.text for t in a], [t.text for t in b], autojunk=False)
    ops: list[Op] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(Op("equal", tuple(b[j1:j2])))
            continue
        if tag in ("delete", "replace"):
            ops.append(Op("delete", tuple(a[i1:i2])))
        if tag in ("insert", "replace"):
            ops.append(Op("insert", tuple(b[j1:j2])))
    return _join_changes(ops)


def _join_changes(ops: list[Op]) -> list[Op]:
    """Return ops with changes kept apart only by spaces joined: all deleted words, then all inserted ones."""
    out: list[Op] = []
    i = 0
    while i < len(ops):
        if ops[i].kind == "equal":
            out.append(ops[i])
            i += 1
            continue
        deleted: list[Token] = []
        inserted: list[Token] = []
        j = i
        while j < len(ops):
            op = ops[j]
            if op.kind == "delete":
                deleted += op.tokens
            elif op.kind == "insert":
                inserted += op.tokens
            elif j + 1 < len(ops) and ops[j + 1].kind != "equal" and all(t.text.isspace() for t in op.tokens):
                deleted += op.tokens
                inserted += op.tokens
            else:
                break
            j += 1
        if deleted:
            out.append(Op("delete", tuple(deleted)))
        if inserted:
            out.append(Op("insert", tuple(inserted)))
        i = j
    return out


def runs_equal(a: tuple[Run, ...], b: tuple[Run, ...]) -> bool:
    """Return whether two texts are the same, emphasis and links included."""
    return a is b or a == b or tokenize(a) == tokenize(b)


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


def inline_diff(ops: list[Op]) -> str:
    """Return a word diff as text: [-deleted-] {+inserted+}."""
    out = []
    for op in ops:
        if op.kind == "equal":
            out.append(op.text)
        elif op.kind == "delete":
            out.append(f"[-{op.text}-]")
        else:
            out.append(f"{{+{op.text}+}}")
    return "".join(out)
