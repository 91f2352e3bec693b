"""Read YAML safely (PyYAML with libyaml) into nodes that remember their file, line and column."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from ..errors import ERROR, Location, Problem
from .characters import forbidden_characters

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str": "str",
    "tag:yaml.org,2002:int": "int",
    "tag:yaml.org,2002:float": "float",
    "tag:yaml.org,2002:bool": "bool",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:timestamp": "str",
}
# XML 1.0 forbids these; python-docx would fail on them later without saying where.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML was built with it
# A line whose value opens a quote that the line does not close: `text: "States parties ...`.
_OPEN_QUOTE = re.compile(r"""^\s*(?:-\s+)?(?:[\w-]+:\s+)?(["'])(?P<rest>.*)$""")


@dataclass
class YNode:
    """A YAML value with its location: a mapping, a sequence or a scalar."""

    kind: str  # "map", "seq" or "scalar"
    loc: Location
    value: object = None  # dict[str, YNode] | list[YNode] | str | int | float | bool | None
    keys: dict[str, Location] = field(default_factory=dict)
    raw: str = ""  # a scalar's text as written
    end: Location | None = None  # where the value ends (for an edit of the file as text)

    @property
    def fields(self) -> dict[str, YNode]:
        """Return a mapping's values by key (empty for anything else)."""
        return self.value if isinstance(self.value, dict) else {}

    @property
    def elements(self) -> list[YNode]:
        """Return a sequence's values (empty for anything else)."""
        return self.value if isinstance(self.value, list) else []

    def plain(self):
        """Return the value as plain Python data (dicts, lists, scalars)."""
        if self.kind == "map":
            return {k: v.plain() for k, v in self.fields.items()}
        if self.kind == "seq":
            return [v.plain() for v in self.elements]
        return self.value


def _loc(path: str, mark) -> Location:
    return Location(path, mark.line + 1, mark.column + 1)


def _scalar(node: ScalarNode, path: str, problems: list[Problem]):
    kind = _PLAIN_TAGS.get(node.tag)
    text = node.value
    if kind is None:
        problems.append(
            Problem(_loc(path, node.start_mark), f"YAML tag {node.tag!r} is not allowed; write a plain value")
        )
        return None
    if kind == "int":
        try:
            return int(text.replace("_", ""), 0)
        except ValueError:
            return text
    if kind == "float":
        try:
            return float(text)
        except ValueError:
            return text
    if kind == "bool":
        return text.lower() in ("true", "yes", "on")
    if kind == "null":
        return None
    return text


class _Converter:
    """Turn PyYAML's node tree into YNodes, reporting anchors, aliases, tags and duplicate keys."""

    def __init__(self, path: str, problems: list[Problem], anchored: set[int]):
        self.path = path
        self.problems = problems
        self.anchored = anchored  # lines (1-based) that define an anchor
        self.seen: set[int] = set()

    def problem(self, loc: Location, message: str) -> None:
        self.problems.append(Problem(loc, message))

    def convert(self, node, depth: int = 0) -> YNode:
        converted = self._convert(node, depth)
        converted.end = _loc(self.path, node.end_mark)
        return converted

    def _convert(self, node, depth: int) -> YNode:
        loc = _loc(self.path, node.start_mark)
        reused = id(node) in self.seen  # an alias: the composer hands back the anchored node itself
        self.seen.add(id(node))
        if reused or loc.line in self.anchored:
            self.anchored.discard(loc.line)
            self.problem(loc, "YAML anchors and aliases (&name, *name) are not allowed; write the value out in full")
            if reused:  # never expand an alias ("billion laughs")
                return YNode("scalar", loc, None)
        if depth > 50:
            self.problem(loc, "YAML nested too deeply")
            return YNode("scalar", loc, None)
        if isinstance(node, MappingNode):
            return self._mapping(node, loc, depth)
        if isinstance(node, SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                self.problem(loc, f"YAML tag {node.tag!r} is not allowed")
            return YNode("seq", loc, [self.convert(v, depth + 1) for v in node.value])
        return YNode("scalar", loc, _scalar(node, self.path, self.problems), raw=node.value)

    def _mapping(self, node, loc: Location, depth: int) -> YNode:
        if node.tag != "tag:yaml.org,2002:map":
            self.problem(loc, f"YAML tag {node.tag!r} is not allowed")
        out: dict[str, YNode] = {}
        keys: dict[str, Location] = {}
        for knode, vnode in node.value:
            kloc = _loc(self.path, knode.start_mark)
            if not isinstance(knode, ScalarNode):
                self.problem(kloc, "a mapping key must be a plain name")
                continue
            key = knode.value
            if key == "<<":
                self.problem(kloc, "YAML merge keys (<<) are not allowed")
                continue
            if key in out:
                self.problem(kloc, f"duplicate key {key!r} (first given at line {keys[key].line}); keep only one")
                continue
            keys[key] = kloc
            out[key] = self.convert(vnode, depth + 1)
        return YNode("map", loc, out, keys)


def _anchor_lines(text: str) -> set[int]:
    """Return the lines that define an anchor (&name) outside quotes and comments."""
    if "&" not in text:
        return set()
    out = set()
    for n, line in enumerate(text.split("\n"), 1):
        code = re.sub(r"\"(?:[^\"\\]|\\.)*\"|'[^']*'|\s#.*$", "", line)
        if re.search(r"(?:^|[\s\[{,:-])&[^\s,\[\]{}]+", code):
            out.add(n)
    return out


def _unclosed_quote(lines: list[str], upto: int) -> int | None:
    """Return the 1-based line before ``upto`` whose quoted value is opened but never closed there."""
    for n in range(upto, 0, -1):
        m = _OPEN_QUOTE.match(lines[n - 1])
        if not m:
            continue
        quote, rest = m.group(1), m.group("rest")
        body = re.sub(r"\\.", "", rest) if quote == '"' else rest.replace("''", "")
        if quote not in body:
            return n
    return None


def syntax_problem(exc: yaml.YAMLError, text: str, path: str) -> Problem:
    """Return a YAML syntax error as an editor needs it: at the line of the cause, with what to do."""
    if not isinstance(exc, yaml.MarkedYAMLError):
        return Problem(Location(path), f"YAML syntax error: {exc}")
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    where = _loc(path, mark) if mark else Location(path)
    lines = text.split("\n")
    quoted = "quoted scalar" in context
    if quoted or problem in (
        "could not find expected ':'",
        "did not find expected key",
        "did not find expected '-' indicator",
    ):
        opened = exc.context_mark.line + 1 if quoted and exc.context_mark else _unclosed_quote(lines, where.line)
        if opened and (quoted or opened < where.line):
            return Problem(
                Location(path, opened, 1),
                "a quoted text starts on this line but its closing quote "
                "is missing; add it at the end of the text (or remove the opening quote)",
            )
    if problem == "could not find expected ':'" and exc.context_mark is not None:
        start = _loc(path, exc.context_mark)
        return Problem(
            start,
            "this line is not a 'name: value' field and not part of the text above: if it "
            "continues a text, indent it like the text's other lines; if it is a field, add ':'",
        )
    if problem == "mapping values are not allowed in this context":
        return Problem(
            where,
            "a ': ' inside a value: put the whole text in double quotes, or use a text block "
            "(text: >-) with the text on the lines below; if this is a field, check its indentation",
        )
    if problem in ("did not find expected key", "did not find expected '-' indicator"):
        return Problem(
            where,
            "this line is indented differently from the fields around it: align it with "
            "the other fields of its entry (spaces only)",
        )
    if "cannot start any token" in problem and "\\t" in problem:
        return Problem(where, "a tab character: indent with spaces only")
    if "cannot start any token" in problem:
        return Problem(where, f"YAML syntax error: {problem}; if this is text, put it in double quotes")
    return Problem(where, f"YAML syntax error: {problem or context or 'invalid YAML'}")


def load_yaml(text: str, path: str) -> tuple[YNode | None, list[Problem]]:
    """Parse YAML text; return its node tree (or None) and the problems found."""
    text, problems = forbidden_characters(text, path)
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        return None, [*problems, syntax_problem(exc, text, path)]
    if node is None:
        return None, [*problems, Problem(Location(path, 1, 1), "file is empty", ERROR)]
    return _Converter(path, problems, _anchor_lines(text)).convert(node), problems
