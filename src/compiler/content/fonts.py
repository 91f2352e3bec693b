"""Check that every character of the content is in an installed font, before a build fails on it."""

from __future__ import annotations

import bisect
import subprocess
import unicodedata
from functools import lru_cache

from ..errors import Location, Problem


@lru_cache(maxsize=1)
def covered_ranges() -> tuple[list[int], list[int]] | None:
    """Return the code-point ranges (starts, ends) that some installed font covers, or None without fontconfig."""
    try:
        out = subprocess.run(
            ["fc-list", "--format=%{charset}\\n"], capture_output=True, text=True, timeout=30, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    ranges = []
    for piece in set(out.split()):  # fonts share most ranges: each distinct one is read once
        first, _, last = piece.partition("-")
        try:
            ranges.append((int(first, 16), int(last or first, 16)))
        except ValueError:
            continue
    merged: list[list[int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [a for a, _ in merged], [b for _, b in merged]


def _covered(code: int, ranges) -> bool:
    starts, ends = ranges
    i = bisect.bisect_right(starts, code) - 1
    return i >= 0 and code <= ends[i]


def missing_glyphs(texts: list[tuple[str, Location]]) -> list[Problem]:
    """Return an error for each character no installed font can show, at the place of its first use."""
    ranges = covered_ranges()
    if ranges is None:
        return []
    seen: set[str] = set()
    out = []
    for text, loc in texts:
        for ch in text:
            if ord(ch) < 0x250 or ch in seen or ch.isspace() or unicodedata.category(ch).startswith("C"):
                continue
            seen.add(ch)
            if not _covered(ord(ch), ranges):
                name = unicodedata.name(ch, "unnamed character")
                out.append(
                    Problem(
                        loc,
                        f"the character {ch!r} (U+{ord(ch):04X} {name}) is in no installed font, so "
                        f"the PDF cannot show it; install a font that has it (setup.sh installs "
                        f"Noto for Arabic and Chinese scripts) or check the text",
                    )
                )
    return out
