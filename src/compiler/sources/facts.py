"""What a document states about its meeting, and where it states it: place and dates in its first lines."""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_DAY = r"\d{1,2}"
# "7 June 2024", "3 and 4 June 2025", "2–4 April 2025", "2 to 4 April 2025", "30 June–1 July 2025",
# "from 2 to 4 April 2025" (the "from" is left out)
DATES = rf"{_DAY}(?: {MONTH})?(?:\s*(?:–|-|—|to|and)\s*{_DAY})?(?: {MONTH})?(?:\s*(?:–|-|—|to|and)\s*{_DAY} {MONTH})? \d{{4}}"
_PLACE_DATES = re.compile(rf"^\s*(?P<place>[A-Z][\w'’. -]*?),\s+(?P<dates>{DATES})\s*$")
_HELD = re.compile(rf"\bheld (?:in (?P<place>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)*) )?(?:on|from) (?P<dates>{DATES})\b")
_YEAR = re.compile(r"\b(\d{4})\s*$")


@dataclass(frozen=True)
class Fact:
    """A value a document states, and where it states it (said back to the editor)."""

    value: str
    where: str


def place_and_dates(lines: list[str], positions: list[str]) -> tuple[Fact | None, Fact | None]:
    """Return the meeting's place and dates as the document states them: a line "Vienna, 3 and 4 June 2025",
    or a sentence "... held in Vienna on 3 and 4 June 2025"; (None, None) when it states neither."""
    for line, at in zip(lines, positions):
        m = _PLACE_DATES.match(line)
        if m:
            where = f'the line "{line.strip()}" ({at})'
            return Fact(m.group("place"), where), Fact(m.group("dates"), where)
    for line, at in zip(lines, positions):
        m = _HELD.search(line)
        if m:
            where = f'the sentence "…{m.group(0)}…" ({at})'
            return (Fact(m.group("place"), where) if m.group("place") else None), Fact(m.group("dates"), where)
    return None, None


def year_of(dates: str) -> int | None:
    """Return the year that a dates text ends with."""
    m = _YEAR.search(dates)
    return int(m.group(1)) if m else None


_SMALL = {"a", "an", "and", "the", "of", "on", "in", "for", "to"}


def title_case(words: str) -> str:
    """Return words as a title: each word capitalised but the small ones inside."""
    parts = words.split()
    return " ".join(w if (i and w.lower() in _SMALL) else w[:1].upper() + w[1:] for i, w in enumerate(parts))
