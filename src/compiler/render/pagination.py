"""Where the print edition starts new pages and splits its rendering into chunks (PDF and DOCX agree)."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Document

# A long Part is laid out in chunks of about this many items (some 60 pages), each starting on
# a new page: WeasyPrint's time and memory grow faster than the page count, so chunks keep a
# 100x edition fast and under 1 GB. Today's editions (under 60 items per Part) have one per Part.
CHUNK_ITEMS = 400


@dataclass(frozen=True)
class Chunk:
    """Part of the print edition rendered on its own: the cover with the contents, the front
    matter (Guidance, Background), a run of sections of one Part, or the index of themes."""

    kind: str  # "cover", "front", "body" or "index"
    part: str | None = None
    sections: tuple[str, ...] = ()
    opens_part: bool = False


def chunks(doc: Document) -> list[Chunk]:
    """Return the chunks of an edition, in reading order. Each starts on a new page."""
    out = [Chunk("cover"), Chunk("front")]
    for part in doc.parts:
        current: list[str] = []
        count = 0
        opens = True
        for s in part.sections:
            if current and count + len(s.items) > CHUNK_ITEMS:
                out.append(Chunk("body", part.key, tuple(current), opens))
                current, count, opens = [], 0, False
            current.append(s.id)
            count += len(s.items)
        out.append(Chunk("body", part.key, tuple(current), opens))
    if doc.themes:  # the index of themes ends the edition, after every page it refers to
        out.append(Chunk("index"))
    return out


def page_starts(doc: Document) -> frozenset[str]:
    """Return the ids of sections that start a new page because they open a chunk."""
    return frozenset(c.sections[0] for c in chunks(doc) if c.kind == "body" and not c.opens_part and c.sections)
