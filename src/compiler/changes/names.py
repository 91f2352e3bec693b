"""How change reports name items and sections for readers: "Recommendation 14, Working Group on ..., 2022"."""

from __future__ import annotations

from ..model import Entry


def plural(n: int, word: str, many: str | None = None) -> str:
    """Return "1 item", "2 items" (or ``many`` for an irregular plural)."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def opening_words(text: str, words: int = 8) -> str:
    """Return the first words of a text, with an ellipsis if there are more."""
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def item_label(entry: Entry) -> str:
    """Return how the publication labels an item: "Recommendation 14", "Observation (paragraph 45)"."""
    if entry.heading:
        return entry.heading
    if entry.paragraph is not None:
        return f"Observation (paragraph {entry.paragraph} of the summary)"
    return f"Observation “{opening_words(entry.text)}”"


def section_name(section) -> str:
    """Return a section as a reader finds it: "Working Group on Firearms, 2023" (a Section or SectionRef)."""
    return f"{section.title}, {section.year}"


def item_name(entry: Entry, section) -> str:
    """Return an item as a reader would cite it: "Recommendation 14, Working Group on ..., 2022"."""
    return f"{item_label(entry)}, {section_name(section)}"


FRONT_NAMES = {
    "guidance": "Guidance for Readers",
    "background": "Background",
    "part-a": "Part A heading",
    "part-b": "Part B heading",
}
