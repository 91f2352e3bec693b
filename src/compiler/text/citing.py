"""How readers name and cite items and sections: "Recommendation 14, Working Group on ..., 2022", "CTOC/COP/WG.3/2023/4, recommendation (m)"."""

from __future__ import annotations

from ..model import Item, Section


def plural(n: int, word: str, many: str | None = None) -> str:
    """Return "1 item", "2 items" (or ``many`` for an irregular plural)."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def opening_words(text: str, words: int = 8) -> str:
    """Return the first words of a text, with an ellipsis if there are more."""
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def item_label(item: Item) -> str:
    """Return how the publication labels an item: "Recommendation 14", "Observation (paragraph 45)"."""
    if item.heading:
        return item.heading
    if item.paragraph is not None:
        return f"Observation (paragraph {item.paragraph} of the summary)"
    return f"Observation “{opening_words(item.text)}”"


def citation(item: Item, section: Section, position: int) -> str:
    """Return how to cite an item: "CTOC/COP/WG.3/2023/4, recommendation (m)", or a dialogue's paragraph.

    ``position`` is the item's place in its section (1, 2, ...), for an observation without a paragraph number of its
    summary: the citation says that it counts in the compilation's order.
    """
    if section.part == "a":
        return f"{section.report_symbol}, recommendation {item.label}"
    where = f"{section.link_text}, {section.title}, {section.year}"
    if item.paragraph:
        return f"{where}, paragraph {item.paragraph}"
    return f"{where}, observation {position} (as counted in this compilation)"


def section_name(section) -> str:
    """Return a section as a reader finds it: "Working Group on Firearms, 2023" (a Section or SectionRef)."""
    return f"{section.title}, {section.year}"


def item_name(item: Item, section) -> str:
    """Return an item as a reader would cite it: "Recommendation 14, Working Group on ..., 2022"."""
    return f"{item_label(item)}, {section_name(section)}"


FRONT_NAMES = {
    "guidance": "Guidance for Readers",
    "background": "Background",
    "part-a": "Part A heading",
    "part-b": "Part B heading",
}
