"""Read typed fields from a YAML mapping, reporting missing, mistyped and unknown fields."""

from __future__ import annotations

import difflib
import re

from ..errors import Location, Problem
from .yamlsource import YNode

_MISSING = object()


class Fields:
    """Typed access to one YAML mapping; every problem is recorded with its location."""

    def __init__(self, node: YNode | None, what: str, problems: list[Problem], path: str):
        self.what = what
        self.problems = problems
        self.path = path
        self.used: set[str] = set()
        self.ok = True
        if node is None:
            self.node = YNode("map", Location(path), {})
            self.ok = False
        elif node.kind != "map":
            self.problem(node.loc, f"{what} must be a mapping of fields (name: value)")
            self.node = YNode("map", node.loc, {})
            self.ok = False
        else:
            self.node = node

    @property
    def loc(self) -> Location:
        return self.node.loc

    def problem(self, loc: Location, message: str, severity: str = "error") -> None:
        self.problems.append(Problem(loc, message, severity))

    def has(self, name: str) -> bool:
        return name in self.node.fields

    def loc_of(self, name: str) -> Location:
        sub = self.node.fields.get(name)
        return sub.loc if sub is not None else self.node.loc

    def span_of(self, name: str) -> tuple[Location, Location] | None:
        """Return where a field's value starts and ends, for an edit of the file as text."""
        sub = self.node.fields.get(name)
        return (sub.loc, sub.end) if sub is not None and sub.end is not None else None

    def raw(self, name: str) -> YNode | None:
        self.used.add(name)
        return self.node.fields.get(name)

    def _missing(self, name: str, hint: str) -> None:
        extra = f" ({hint})" if hint else ""
        self.problem(self.node.loc, f"{self.what} is missing the field '{name}'{extra}")

    def text(
        self, name: str, required: bool = False, hint: str = "", choices: tuple[str, ...] | None = None
    ) -> str | None:
        """Return a text field; numbers written without quotes are taken as their text."""
        sub = self.raw(name)
        if sub is None or sub.value is None and sub.kind == "scalar":
            if required:
                self._missing(name, hint)
            return None
        if sub.kind != "scalar" or isinstance(sub.value, bool):
            self.problem(sub.loc, f"'{name}' must be text")
            return None
        value = sub.value if isinstance(sub.value, str) else sub.raw
        value = re.sub(r"[ \t]*\n[ \t]*", " ", value).strip()
        if not value:
            if required:
                self.problem(sub.loc, f"'{name}' is empty{f' ({hint})' if hint else ''}")
            return None
        if choices and value not in choices:
            self.problem(sub.loc, f"'{name}' is {value!r}; expected one of: {', '.join(choices)}")
            return None
        return value

    def number(self, name: str, required: bool = False, hint: str = "") -> int | None:
        """Return an integer field."""
        sub = self.raw(name)
        if sub is None or sub.value is None:
            if required:
                self._missing(name, hint)
            return None
        if sub.kind != "scalar" or isinstance(sub.value, bool) or not isinstance(sub.value, int):
            self.problem(sub.loc, f"'{name}' must be a whole number, not {sub.raw or sub.kind!r}")
            return None
        return sub.value

    def text_list(self, name: str) -> tuple[str, ...]:
        """Return a list of text values (a single text is taken as a list of one)."""
        sub = self.raw(name)
        if sub is None or sub.value is None:
            return ()
        if sub.kind == "scalar":
            return (str(sub.raw or sub.value),)
        if sub.kind != "seq":
            self.problem(sub.loc, f"'{name}' must be a list of text values")
            return ()
        out = []
        for v in sub.elements:
            if v.kind != "scalar" or v.value is None:
                self.problem(v.loc, f"each entry of '{name}' must be text")
            else:
                out.append(v.value if isinstance(v.value, str) else v.raw)
        return tuple(out)

    def sequence(self, name: str, required: bool = False, hint: str = "") -> list[YNode]:
        """Return the nodes of a list field."""
        sub = self.raw(name)
        if sub is None or sub.value is None:
            if required:
                self._missing(name, hint)
            return []
        if sub.kind != "seq":
            self.problem(sub.loc, f"'{name}' must be a list (entries starting with '- ')")
            return []
        return list(sub.elements)

    def mapping(self, name: str, required: bool = False) -> YNode | None:
        """Return the node of a mapping field."""
        sub = self.raw(name)
        if sub is None or sub.value is None:
            if required:
                self._missing(name, "")
            return None
        if sub.kind != "map":
            self.problem(sub.loc, f"'{name}' must be a mapping of fields")
            return None
        return sub

    def finish(self, known: tuple[str, ...] = ()) -> None:
        """Report every field that was not read: a typo or a field this file does not take."""
        allowed = set(self.used) | set(known)
        for key, kloc in self.node.keys.items():
            if key in allowed:
                continue
            close = difflib.get_close_matches(key, sorted(allowed), n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"known fields: {', '.join(sorted(allowed))}"
            self.problem(kloc, f"unknown field '{key}' in {self.what}; {hint}")
