"""Find agreed language: phrase and all-words search across recommendations and observations."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from .model import Document, Facets, Item, Section
from .text.citing import citation, item_name
from .text.facets import strength_rank
from .text.folding import fold, quick_fold

_SENTENCE = re.compile(r"[^.;:!?]+(?:[.;:!?]+|$)")
# A query, once folded: "quoted words" are a phrase; other runs of characters are words; a quote
# without its closing quote is left out. web.js parses with the same expression.
_PARTS = re.compile(r'"([^"]*)"|([^\s"]+)')


@dataclass
class Query:
    """Phrases (quoted) and words that must all appear."""

    phrases: list[str]
    words: list[str]

    @classmethod
    def parse(cls, text: str) -> Query:
        """Return the query typed: folded first, so that a phrase may be typed in curly quotes."""
        phrases, words = [], []
        for m in _PARTS.finditer(fold(text)):
            if m.group(1) is not None:
                if m.group(1).strip():
                    phrases.append(" ".join(m.group(1).split()))
            else:
                words.append(m.group(2))
        return cls(phrases, words)

    @property
    def empty(self) -> bool:
        return not self.phrases and not self.words

    def may_match(self, text: str) -> bool:
        """Return whether the text can match (a fast test before exact spans are computed)."""
        quick = quick_fold(text)
        return all(p in quick for p in self.phrases) and all(w in quick for w in self.words)

    def spans(self, folded: str) -> list[tuple[int, int]] | None:
        """Return where the query matches, or None if any part is missing."""
        spans = []
        for p in self.phrases:
            found = [(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(p)}(?!\w)", folded)]
            if not found:
                return None
            spans += found
        for w in self.words:  # each must begin a word (or, if it starts with punctuation, stand anywhere)
            found = [(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(w)}", folded)]
            if not found:
                return None
            spans += found
        return sorted(spans)


@dataclass
class Hit:
    """One recommendation or observation that matches."""

    id: str
    kind: str
    part: str
    year: int
    section_id: str
    section_title: str
    report_symbol: str | None
    label: str | None
    text: str
    sub_item: str | None
    sentence: str
    sentence_spans: list[tuple[int, int]]
    spans: list[tuple[int, int]]
    name: str = ""  # as readers cite it: "Recommendation 14, Working Group on ..., 2022"
    citation: str = ""  # "CTOC/COP/WG.4/2022/4, recommendation 14"
    paragraph: int | None = None
    whole: str = ""  # the item's text and its sub-items
    facets: Facets | None = None
    theme_names: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict:
        f = self.facets or Facets()
        return {
            "id": self.id,
            "kind": self.kind,
            "name": self.name,
            "citation": self.citation,
            "part": self.part.upper(),
            "year": self.year,
            "section": {"id": self.section_id, "title": self.section_title},
            "report_symbol": self.report_symbol,
            "label": self.label,
            "paragraph": self.paragraph,
            "sub_item": self.sub_item,
            "text": self.text,
            "sentence": self.sentence,
            "matches": [list(s) for s in self.spans],
            "themes": [{"key": t.key, "name": self.theme_names.get(t.key, t.key), "why": t.why} for t in f.themes],
            "addressees": list(f.addressees),
            "strength": f.strength,
            "negated": f.negated,
            "conditions": list(f.conditions),
        }


def _sentence(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    start, end = spans[0]
    for m in _SENTENCE.finditer(text):
        if m.start() <= start < m.end():
            s = m.group().strip()
            offset = m.start() + (len(m.group()) - len(m.group().lstrip()))
            inside = [(a - offset, b - offset) for a, b in spans if offset <= a and b <= offset + len(s)]
            return s, inside
    return text, spans


def item_context(section: Section) -> str:
    """Return what an item is also found by: its section's heading (title, report symbol or summary,
    Chairs) and year."""
    return " ".join(
        [section.title, section.report_symbol or "", section.link_text or "", *section.chairs, str(section.year)]
    )


def findable_text(item: Item, section: Section) -> str:
    """Return everything an item is found by: its label or paragraph, its text and sub-items, its section's
    heading, Chairs and year. The web edition searches this same text (each item's data-find)."""
    labels = " ".join([item.heading or "", f"Paragraph {item.paragraph}" if item.paragraph else ""])
    own = [item.text] + [f"{si.label} {si.text}" for si in item.sub_items]
    return " ".join([labels, *own, item_context(section)])


@dataclass(frozen=True)
class Facet:
    """What a search keeps beside its words: themes (any of them), addressees (any of them), a strength at least."""

    themes: tuple[str, ...] = ()
    addressees: tuple[str, ...] = ()
    strength: str | None = None

    def matches(self, facets: Facets | None) -> bool:
        f = facets or Facets()
        if self.themes and not set(self.themes) & set(f.theme_keys):
            return False
        wanted = {fold(a) for a in self.addressees}
        if wanted and not wanted & {fold(a) for a in f.addressees}:
            return False
        return not self.strength or (
            f.strength is not None and strength_rank(f.strength) <= strength_rank(self.strength)
        )

    @property
    def empty(self) -> bool:
        return not (self.themes or self.addressees or self.strength)


def find(
    doc: Document,
    query: Query,
    part: str | None = None,
    body: str | None = None,
    year: int | None = None,
    facet: Facet | None = None,
) -> list[Hit]:
    """Return the items of an edition that match the query (an empty query matches every item) and the facets, in
    reading order."""
    hits = []
    facet = facet or Facet()
    names = {t.key: t.name for t in doc.themes}
    body_f = fold(body) if body else None
    for s in doc.sections():
        if part and s.part != part.lower():
            continue
        if year and s.year != year:
            continue
        if (
            body_f
            and body_f not in fold(s.title)
            and body_f != (s.working_group or "")
            and body_f not in fold(s.report_symbol or "")
        ):
            continue
        for n, e in enumerate(s.items, 1):
            if not facet.matches(e.facets):
                continue
            candidates = [(None, e.text)] + [(si.label, si.text) for si in e.sub_items]
            whole = findable_text(e, s)
            if not query.empty and (not query.may_match(whole) or query.spans(fold(whole)) is None):
                continue
            # show the first piece (text or sub-item) that matches; an item found by its label,
            # section or year shows its text as it is
            label, text, spans = next(
                ((lb, tx, sp) for lb, tx in candidates if (sp := query.spans(fold(tx)) or _any_spans(query, fold(tx)))),
                (None, e.text, []),
            )
            sentence, inside = _sentence(text, spans) if spans else (_first_sentence(text), [])
            hits.append(
                Hit(
                    e.id,
                    e.kind,
                    s.part,
                    s.year,
                    s.id,
                    s.title,
                    s.report_symbol,
                    e.label,
                    text,
                    label,
                    sentence,
                    inside,
                    spans,
                    item_name(e, s),
                    citation(e, s, n),
                    e.paragraph,
                    " ".join([e.text, *(f"{si.label} {si.text}" for si in e.sub_items)]),
                    e.facets,
                    names,
                )
            )
    return hits


# The columns of a search's results as CSV: `compiler find --format csv` and the web edition's "Download these
# results (CSV)" write the same ones.
CSV_COLUMNS = (
    "id",
    "citation",
    "part",
    "year",
    "working_group_or_dialogue",
    "report_symbol",
    "label",
    "paragraph",
    "text",
    "themes",
    "addressees",
    "strength",
    "negated",
    "conditions",
    "link",
)


def hits_csv(hits: list[Hit], page: str) -> str:
    """Return hits as CSV (UTF-8 with a byte-order mark, so that spreadsheet programs read it as UTF-8; CRLF line ends,
    as RFC 4180 has them), one row per item; ``page`` is the web edition's file, for each item's link."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for h in hits:
        f = h.facets
        writer.writerow(
            [
                h.id,
                h.citation,
                h.part.upper(),
                h.year,
                h.section_title,
                h.report_symbol or "",
                h.label or "",
                h.paragraph if h.paragraph is not None else "",
                h.whole,
                "; ".join(h.theme_names.get(t.key, t.key) for t in f.themes) if f else "",
                "; ".join(f.addressees) if f else "",
                f.strength or "" if f else "",
                ("yes" if f.negated else "no") if f else "",
                "; ".join(f.conditions) if f else "",
                f"{page}#{h.id}",
            ]
        )
    return out.getvalue()


def _first_sentence(text: str) -> str:
    m = _SENTENCE.match(text)
    return m.group().strip() if m else text


def _any_spans(query: Query, folded: str) -> list[tuple[int, int]]:
    spans = []
    for p in query.phrases:
        spans += [(m.start(), m.end()) for m in re.finditer(re.escape(p), folded)]
    for w in query.words:
        spans += [(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(w)}", folded)]
    return sorted(spans)


def highlight(text: str, spans: list[tuple[int, int]], start: str, end: str) -> str:
    """Return text with each span wrapped in start/end markers."""
    out, pos = [], 0
    for a, b in spans:
        if a < pos:
            continue
        out += [text[pos:a], start, text[a:b], end]
        pos = b
    out.append(text[pos:])
    return "".join(out)


def hit_lines(hits: list[Hit], start: str, end: str) -> list[str]:
    """Return the lines that show hits in a terminal, matches between ``start`` and ``end``."""
    out = []
    for h in hits:
        where = f"{h.year} {h.section_title}" + (f" ({h.report_symbol})" if h.report_symbol else "")
        label = f"Recommendation {h.label}" if h.label else "Observation"
        sub = f" {h.sub_item}" if h.sub_item else ""
        out.append(f"{where}: {label}{sub} [{h.id}]")
        out.append(f"  {highlight(h.sentence, h.sentence_spans, start, end)}")
    return out
