"""Characters a content file may not hold: controls, and the invisible ones that change what a reader sees
(bidirectional overrides reverse text on screen and on paper), each an error at its line and column, named."""

from __future__ import annotations

import re
import unicodedata

from ..errors import Location, Problem

# C0 controls but tab and line ends; C1 controls (U+0085 is a line break to some programs); the soft hyphen;
# the Arabic letter mark, zero-width space and the left-to-right and right-to-left marks; the line and paragraph
# separators; the bidirectional embeddings, overrides and isolates; invisible operators; a byte-order mark inside
# a file; non-characters. Zero-width (non-)joiners stay: scripts need them.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff\ufffe\uffff]"
)


def name_of(ch: str) -> str:
    """Return a character as a reader can look it up: "U+202E RIGHT-TO-LEFT OVERRIDE"."""
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'control character')}"


def forbidden_characters(text: str, path: str) -> tuple[str, list[Problem]]:
    """Return the text without the characters a content file may not hold, and an error for each at its place
    (a byte-order mark that starts the file is no error: editors write one)."""
    problems = []
    body = text[1:] if text.startswith("\ufeff") else text
    if not _FORBIDDEN.search(body):
        return body, []
    for n, line in enumerate(body.split("\n"), 1):
        for m in _FORBIDDEN.finditer(line.rstrip("\r")):
            problems.append(
                Problem(
                    Location(path, n, m.start() + 1),
                    f"{name_of(m.group())} in the text: an invisible character that can change what readers see; "
                    f"delete it",
                )
            )
    return _FORBIDDEN.sub("", body), problems
