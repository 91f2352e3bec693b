"""Folding text for finding it: case, accents, quotes and dashes, one character for one character."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Quotes and dashes as typed and as printed: one form each, one character for one character.
SAME_CHARACTERS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)


def fold(text: str) -> str:
    """Return text lower-cased without accents, with plain quotes and hyphens, one character for one character."""
    text = text.translate(SAME_CHARACTERS)
    if text.isascii():  # most of the publication: the quick way, the same result
        return text.lower()
    return "".join(map(_fold_character, text))


@lru_cache(maxsize=4096)
def _fold_character(ch: str) -> str:
    base = unicodedata.normalize("NFKD", ch)
    base = "".join(c for c in base if not unicodedata.combining(c)) or ch
    return base[0].casefold() if len(base[0].casefold()) == 1 else ch.lower()


_COMBINING = re.compile(r"[\u0300-\u036f]")


def quick_fold(text: str) -> str:
    """Return text folded like fold(), faster, but not position for position (for filtering)."""
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.translate(SAME_CHARACTERS))).casefold()


# Words whose plural is not the singular and an "s" (both forms fold to the singular).
_IRREGULAR = {"women": "woman", "children": "child", "people": "person", "persons": "person", "men": "man"}
_KEEP_S = ("ss", "us", "is", "ics", "ous")  # "process", "focus", "analysis", "economics", "various" keep their s
_WORD = re.compile(r"\w+")


def singular(word: str) -> str:
    """Return a folded English word in its singular: "points" -> "point", "technologies" -> "technology",
    "processes" -> "process", "women" -> "woman"; a word that is not a plural stays as it is."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or not word.endswith("s") or word.endswith(_KEEP_S):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zzes")):
        return word[:-2]
    if word.endswith("ses") and not word.endswith(("uses", "ises")):  # "processes" -> "process"
        return word[:-2] if word.endswith("sses") else word[:-1]
    return word[:-1]


def words_folded(text: str) -> list[str]:
    """Return a text's words folded for matching subjects: case, accents, quotes and dashes folded, a hyphenated word
    as its parts ("gender-sensitive" has the word "gender"), each word in its singular."""
    return [singular(w) for w in _WORD.findall(fold(text))]
