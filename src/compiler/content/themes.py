"""The themes vocabulary (content/themes.yaml), read with a location for every theme and problem, and checked
against the items: a theme no item has, an item no theme covers, a theme an item names that does not exist."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from ..errors import WARNING, Location, Problem
from ..model import Theme, plain_text
from ..text.facets import Vocabulary
from .fields import Fields
from .yamlsource import YNode

KEY_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class ThemeSpec:
    """One theme as the Secretariat wrote it, and where."""

    theme: Theme
    loc: Location


def read_themes(node: YNode, path: str, problems: list[Problem]) -> list[ThemeSpec]:
    """Return the themes of content/themes.yaml: key, name, the phrases that signal each and those that exclude it."""
    top = Fields(node, "the themes file", problems, path)
    out: list[ThemeSpec] = []
    seen: dict[str, Location] = {}
    for entry in top.sequence("themes", required=True, hint="a list of themes: key, name, phrases"):
        f = Fields(entry, "a theme", problems, path)
        if not f.ok:
            continue
        key = f.text("key", required=True, hint="a short key such as focal-points")
        name = f.text("name", required=True, hint="the theme as readers see it")
        phrases = f.text_list("phrases")
        exclude = f.text_list("exclude")
        f.finish()
        if key and not KEY_RE.match(key):
            f.problem(f.loc_of("key"), f"theme key {key!r} must be lower-case letters, digits and hyphens")
        if key and key in seen:
            f.problem(f.loc_of("key"), f"theme '{key}' is defined twice (first at line {seen[key].line}); keep one")
            continue
        if not phrases:
            f.problem(f.loc, f"theme '{key or '?'}' has no phrases: list the words that signal it under phrases:")
        for phrase in (*phrases, *exclude):
            if not re.search(r"\w", phrase):
                f.problem(f.loc, f"theme '{key or '?'}': the phrase {phrase!r} has no word in it")
        if key and name and phrases:
            seen[key] = f.loc
            out.append(ThemeSpec(Theme(key, name, phrases, exclude), f.loc))
    top.finish()
    return out


def theme_problems(content) -> list[Problem]:
    """Return the problems of the themes: an item's theme that the vocabulary does not have (an error); a theme no
    item has and an item no theme covers (warnings: the vocabulary is incomplete)."""
    if not content.themes:
        return []
    vocabulary = Vocabulary(tuple(t.theme for t in content.themes))
    keys = [t.theme.key for t in content.themes]
    used: set[str] = set()
    out = []
    for s in content.sections:
        for item in s.items:
            for key in (*item.themes_added, *item.themes_removed):
                if key not in keys:
                    close = difflib.get_close_matches(key, keys, n=1)
                    hint = f"did you mean '{close[0]}'?" if close else f"the themes are {', '.join(keys)}"
                    out.append(
                        Problem(
                            item.themes_loc or item.loc, f"{item.id}: no theme '{key}' in {content.themes_path}; {hint}"
                        )
                    )
            words = " ".join([plain_text(item.runs), *(plain_text(si.runs) for si in item.sub_items)])
            found = vocabulary.themes_of(words, item.themes_added, item.themes_removed)
            used.update(h.key for h in found)
            if not found:
                out.append(
                    Problem(
                        item.loc,
                        f"{item.id}: no theme covers it; add a phrase of its words to a theme in {content.themes_path}, "
                        f"or give it one with themes: {{add: [key]}}",
                        WARNING,
                    )
                )
    for t in content.themes:
        if t.theme.key not in used:
            out.append(
                Problem(
                    t.loc,
                    f"theme '{t.theme.key}' has no item: none has its phrases ({', '.join(t.theme.phrases)}); change "
                    f"them or remove the theme",
                    WARNING,
                )
            )
    return out
