"""Where the print edition starts new pages and splits its rendering into chunks (PDF and DOCX agree)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..model import Document

# A long Part is laid out in chunks of about this many items (some 60 pages), each starting on
# a new page: WeasyPrint's time and memory grow faster than the page count, so chunks keep a
# 100x edition fast and under 1 GB. Today's editions (under 60 items per Part) have one per Part.
CHUNK_ITEMS = 400
# A long index of themes is laid out in chunks of about this many entries (some 65 pages), each starting on a new
# page with a theme, for the same reasons; today's index (173 entries) and a 10x one (1,728) are one chunk.
INDEX_CHUNK_ENTRIES = 3000


@dataclass(frozen=True)
class Chunk:
    """Part of the print edition rendered on its own: the cover with the contents, the front
    matter (Guidance, Background), a run of sections of one Part, or (a run of themes of) the index of themes."""

    kind: str  # "cover", "front", "body" or "index"
    part: str | None = None
    sections: tuple[str, ...] = ()
    opens_part: bool = False  # a body chunk that starts its Part, an index chunk that starts the index
    themes: tuple[str, ...] = ()  # an index chunk's themes, if the index is split (else all of them)


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
        out += _index_chunks(doc)
    return out


def _index_chunks(doc: Document) -> list[Chunk]:
    """Return the index of themes as one chunk, or as runs of themes of about INDEX_CHUNK_ENTRIES entries."""
    counts = Counter(key for item in doc.items() for key in (item.facets.theme_keys if item.facets else ()))
    runs: list[list[str]] = [[]]
    count = 0
    for theme in doc.themes:
        if not counts[theme.key]:
            continue
        if runs[-1] and count + counts[theme.key] > INDEX_CHUNK_ENTRIES:
            runs.append([])
            count = 0
        runs[-1].append(theme.key)
        count += counts[theme.key]
    if len(runs) == 1:
        return [Chunk("index", opens_part=True)]
    return [Chunk("index", opens_part=i == 0, themes=tuple(run)) for i, run in enumerate(runs)]


def page_starts(doc: Document) -> frozenset[str]:
    """Return the ids of sections, and the anchors of themes in the index, that start a new page because they open
    a chunk."""
    out = set()
    for c in chunks(doc):
        if c.kind == "body" and not c.opens_part and c.sections:
            out.add(c.sections[0])
        elif c.kind == "index" and not c.opens_part and c.themes:
            out.add(f"theme-{c.themes[0]}")  # the theme's anchor in the index
    return frozenset(out)
