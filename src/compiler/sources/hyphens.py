"""Words hyphenated at a line end: joined or kept, decided by the publication's words, the document's, then a word list."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

_WORDS = re.compile(r"\w+(?:-\w+)*")
_TAIL = re.compile(r"(\w+) ?[-\u2010]$")  # PDF text may put a space before a line-end hyphen
_HEAD = re.compile(r"^(\w+)")
TAIL_WINDOW = 200  # a line-end word is looked for in the line's last characters only: linear in any line


@dataclass
class Vocabulary:
    """How often a text writes each word whole, and each hyphenated compound (lower case)."""

    whole: Counter[str] = field(default_factory=Counter)
    hyphenated: Counter[str] = field(default_factory=Counter)

    @classmethod
    def of(cls, texts: Iterable[str]) -> Vocabulary:
        out, written = cls(), Counter[str]()
        for text in texts:
            written.update(_WORDS.findall(text))  # counted as written, then folded: each distinct word once
        for w, n in written.items():
            (out.hyphenated if "-" in w else out.whole)[w.lower()] += n
        return out

    def decides(self, joined: str, compound: str) -> bool | None:
        """Return True to keep the hyphen, False to join, None when this text does not say."""
        whole, hyphenated = self.whole[joined.lower()], self.hyphenated[compound.lower()]
        if whole == hyphenated:
            return None
        return hyphenated > whole


@lru_cache(maxsize=1)
def _dictionary():
    from spellchecker import SpellChecker

    return SpellChecker(distance=1)


def _known(word: str) -> bool:
    return bool(_dictionary().known([word.lower()]))


@dataclass
class Hyphenation:
    """What was decided at line ends: words joined, compounds kept, and the splits the word list alone decided."""

    joined: list[str] = field(default_factory=list)
    compounds: list[str] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)  # "word (page 2)": for the editor to check


def resolve_hyphens(
    lines: list[str], positions: list[str], publication: Vocabulary | None = None
) -> tuple[list[str], Hyphenation]:
    """Return the lines with line-end hyphens resolved: a split word joined, a compound keeping its hyphen.

    Decided by the publication's own words first (``publication``: every edition's text), then by
    the document's, then by an English word list (pyspellchecker); a split the word list alone
    decided is listed with where it stands (``positions``, one per line).
    """
    document = Vocabulary.of(lines)
    done = Hyphenation()
    lines = list(lines)
    out: list[str] = []
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        tail = line.rstrip()
        left, right = _TAIL.search(tail[-TAIL_WINDOW:]), _HEAD.match(nxt.lstrip())
        if not (left and right and right.group(1)[:1].islower()):
            out.append(line)
            continue
        a, b = left.group(1), right.group(1)
        joined, compound = f"{a}{b}", f"{a}-{b}"
        keep = publication.decides(joined, compound) if publication else None
        if keep is None:
            keep = document.decides(joined, compound)
        if keep is None:
            if _known(joined) and not (_known(a) and _known(b)):
                keep = False
            elif _known(a) and _known(b) and not _known(joined):
                keep = True
            else:
                keep = not _known(joined)
                where = positions[i] if i < len(positions) else f"line {i + 1}"
                done.ambiguous.append(f"{compound if keep else joined} ({where})")
        head = tail[:-1].rstrip()  # the line without its hyphen (and a space before it)
        if keep:
            done.compounds.append(compound)
            lines[i + 1] = head + "-" + nxt.lstrip()
        else:
            done.joined.append(joined)
            lines[i + 1] = head + nxt.lstrip()
    return out, done
