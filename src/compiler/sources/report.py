"""Find the recommendations of a working group's report ("Recommendation N" items, or lettered sub-paragraphs),
its symbol as it states it, and its meeting's place and dates."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import CompilerError
from .facts import Fact, place_and_dates
from .summary import exact

REPORT_SYMBOL = re.compile(r"^(CTOC/COP/WG\.\d+)/(\d{4})/(\d+)$")
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
    """What a report says: its symbol (and where it states it), its recommendations in order, its meeting."""

    symbol: Fact
    recommendations: list[Recommendation]
    place: Fact | None = None
    dates: Fact | None = None
    front: list[str] = field(default_factory=list)  # the lines before its first chapter (title block)

    @property
    def group_symbol(self) -> str:
        return self._parts().group(1)

    @property
    def year(self) -> int:
        return int(self._parts().group(2))

    def _parts(self) -> re.Match:
        m = REPORT_SYMBOL.match(self.symbol.value)
        if m is None:  # report_symbol() accepts only symbols of this shape
            raise CompilerError(f"{self.symbol.value} is not a working group's report symbol")
        return m


def report_symbol(stated: list[tuple[str, str]], where: str, chosen: str | None = None) -> Fact:
    """Return the report's own symbol: where the document states it (the top band of its first page, its
    running head, a Word header), never a symbol its text cites; two that disagree are for the editor to settle."""
    if chosen:
        if not REPORT_SYMBOL.match(chosen):
            raise CompilerError(f"--symbol {chosen!r} is not a report symbol such as CTOC/COP/WG.4/2025/4")
        return Fact(chosen, "--symbol")
    found: dict[str, list[str]] = {}
    for symbol, at in stated:
        if REPORT_SYMBOL.match(symbol):
            found.setdefault(symbol, [])
            if at not in found[symbol]:
                found[symbol].append(at)
    if not found:
        raise CompilerError(
            f"{where}: no report symbol (such as CTOC/COP/WG.4/2025/4) where the report states its own: the top "
            f"band of its first page or its running head. Give it with --symbol"
        )
    if len(found) > 1:
        listed = "; ".join(f"{s} ({', '.join(at)})" for s, at in found.items())
        raise CompilerError(
            f"{where}: the report states two different symbols: {listed}. Say which is the report's with --symbol"
        )
    symbol, places = next(iter(found.items()))
    return Fact(symbol, " and ".join(places))


def _next_letter(previous: str | None, label: str) -> bool:
    """Return whether ``label`` continues a run of letters after ``previous`` ("(h)" then "(i)")."""
    return previous is not None and len(label) == 1 and len(previous) == 1 and ord(label) == ord(previous) + 1


def parse_report(text: str, symbol: Fact, where: str = "the report") -> Report:
    """Return the recommendations chapter of a working group's report, with its symbol (report_symbol) and its
    meeting's place and dates as it states them; raise CompilerError if it has no such chapter."""
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
    first = next((i for i, line in enumerate(lines) if _CHAPTER.match(line) and not _PARAGRAPH.match(line)), start)
    front = [line for line in lines[:first] if line.strip()]
    place, dates = place_and_dates(front, [f"its title block, line {n}" for n in range(1, len(front) + 1)])
    return Report(symbol, items, place, dates, front)
