"""The Document model (document.py) and how an edition is selected from the content into it (select.py)."""

from .document import (
    Correction,
    Document,
    Edition,
    Entry,
    FrontSection,
    ListBlock,
    ListItem,
    Paragraph,
    Part,
    Publication,
    Run,
    Section,
    SubItem,
    TocEntry,
    YearGroup,
    plain_text,
)

__all__ = [
    "Correction",
    "Document",
    "Edition",
    "Entry",
    "FrontSection",
    "ListBlock",
    "ListItem",
    "Paragraph",
    "Part",
    "Publication",
    "Run",
    "Section",
    "SubItem",
    "TocEntry",
    "YearGroup",
    "plain_text",
]
