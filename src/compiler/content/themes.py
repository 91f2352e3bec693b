"""The themes vocabulary (content/themes.yaml), read with a location for every theme and problem."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import Location, Problem
from ..model import Theme
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
