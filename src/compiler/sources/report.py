"""Find the recommendations of a working group's report: "Recommendation N" items, or lettered sub-paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import CompilerError
from .summary import exact

SYMBOL = re.compile(r"\b(CTOC/COP/WG\.\d+)/(\d{4})/(\d+)\b")
_CHAPTER = re.compile(r"^\s*([IVXLC]+)\.\s+(.+?)\s*$")
_RECOMMENDATIONS = re.compile(r"recommendations", re.IGNORECASE)
_RECOMMENDATION = re.compile(r"^\s*Recommendation\s+(\d{1,3})\s*$")
_PARAGRAPH = re.compile(r"^\s*(\d{1,3})\.\s+(.*)$")
_LETTER = re.compile(r"^\s*\(([a-z]{1,2})\)\s+(.*)$")
_ROMAN = re.compile(r"^\s*\(((?:x{0,3})(?:ix|iv|v?i{0,3}))\)\s+(.*)$")


@dataclass
class Recommendation:
    """One recommendation as the report prints it: its label ("14" or "(l)"), text and sub-items."""

    label: str
    paragraph: int | None
    lines: list[str] = field(default_factory=list)
    sub_items: list[list] = field(default_factory=list)  # [label, [lines]]

    @property
    def text(self) -> str:
        return exact(" ".join(self.lines))

    def subs(self) -> list[tuple[str, str]]:
        return [(label, exact(" ".join(lines))) for label, lines in self.sub_items]


@dataclass
class Report:
    """What a report says: its symbol and its recommendations in order."""

    group_symbol: str | None
    year: int | None
    number: str | None
    recommendations: list[Recommendation]

    @property
    def symbol(self) -> str | None:
        return f"{self.group_symbol}/{self.year}/{self.number}" if self.group_symbol else None


def _next_letter(previous: str | None, label: str) -> bool:
    """Return whether ``label`` continues a run of letters after ``previous`` ("(h)" then "(i)")."""
    return previous is not None and len(label) == 1 and len(previous) == 1 and ord(label) == ord(previous) + 1


def parse_report(text: str, where: str = "the report", furniture: tuple[str, ...] | list[str] = ()) -> Report:
    """Return the recommendations chapter of a working group's report; raise CompilerError if there is none.

    The document symbol is looked for in the text, then in the page furniture left out of it (a
    running head is usually the symbol).
    """
    m = SYMBOL.search(text) or SYMBOL.search("\n".join(furniture))
    group, year, number = (m.group(1), int(m.group(2)), m.group(3)) if m else (None, None, None)
    lines = text.split("\n")
    start = next(
        (i for i, line in enumerate(lines) if (c := _CHAPTER.match(line)) and _RECOMMENDATIONS.search(c.group(2))), None
    )
    if start is None:
        raise CompilerError(
            f'{where}: no chapter of recommendations found (a heading such as "I. Recommendations"); '
            f"is this a working group's report?"
        )
    items: list[Recommendation] = []
    paragraph = None
    letters = any(_LETTER.match(line) for line in lines[start + 1 :]) and not any(
        _RECOMMENDATION.match(line) for line in lines[start + 1 :]
    )
    for line in lines[start + 1 :]:
        if _CHAPTER.match(line) and not _PARAGRAPH.match(line):
            break  # the next chapter
        if not line.strip():
            continue
        if pm := _PARAGRAPH.match(line):  # a numbered paragraph introduces the recommendations that follow
            paragraph = int(pm.group(1))
            continue
        if not letters and (rm := _RECOMMENDATION.match(line)):
            items.append(Recommendation(rm.group(1), paragraph))
            continue
        lm, roman = _LETTER.match(line), _ROMAN.match(line)
        if letters and lm and (not items or not roman or _next_letter(items[-1].label.strip("()"), lm.group(1))):
            items.append(Recommendation(f"({lm.group(1)})", paragraph, [lm.group(2)]))
            continue
        sub = roman if letters else lm
        if sub and items:
            items[-1].sub_items.append([f"({sub.group(1)})", [sub.group(2)]])
        elif items:
            target = items[-1].sub_items[-1][1] if items[-1].sub_items else items[-1].lines
            target.append(line.strip())
    items = [r for r in items if r.lines]
    if not items:
        raise CompilerError(f"{where}: the recommendations chapter has no recommendation in it")
    return Report(group, year, number, items)
