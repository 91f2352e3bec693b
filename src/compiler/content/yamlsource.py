"""Read YAML safely into nodes that remember their file, line and column."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

from ..errors import ERROR, Location, Problem

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str": "str",
    "tag:yaml.org,2002:int": "int",
    "tag:yaml.org,2002:float": "float",
    "tag:yaml.org,2002:bool": "bool",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:timestamp": "str",
}
# XML 1.0 forbids these; python-docx would fail on them later without saying where.
_ILLEGAL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class YNode:
    """A YAML value with its location: a mapping, a sequence or a scalar."""

    kind: str  # "map", "seq" or "scalar"
    loc: Location
    value: object = None  # dict[str, YNode] | list[YNode] | str | int | float | bool | None
    keys: dict[str, Location] = field(default_factory=dict)
    raw: str = ""  # a scalar's text as written

    def plain(self):
        """Return the value as plain Python data (dicts, lists, scalars)."""
        if self.kind == "map":
            return {k: v.plain() for k, v in self.value.items()}
        if self.kind == "seq":
            return [v.plain() for v in self.value]
        return self.value


def _tag(node) -> str:
    tag = node.tag
    return getattr(tag, "value", tag) or ""


def _loc(path: str, mark) -> Location:
    return Location(path, mark.line + 1, mark.column + 1)


def _scalar(node: ScalarNode, path: str, problems: list[Problem]):
    kind = _PLAIN_TAGS.get(_tag(node))
    text = node.value
    if kind is None:
        problems.append(Problem(_loc(path, node.start_mark),
                                f"YAML tag {_tag(node)!r} is not allowed; write a plain value"))
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
    bad = _ILLEGAL_CHARS.search(text)
    if bad:
        problems.append(Problem(_loc(path, node.start_mark),
                                f"control character U+{ord(bad.group()):04X} in text; delete it"))
        text = _ILLEGAL_CHARS.sub("", text)
    return text


def _convert(node, path: str, problems: list[Problem], depth: int = 0, seen: set | None = None) -> YNode:
    loc = _loc(path, node.start_mark)
    seen = set() if seen is None else seen
    reused = id(node) in seen  # an alias: libyaml hands back the anchored node itself
    seen.add(id(node))
    if getattr(node, "anchor", None) or reused:
        problems.append(Problem(loc, "YAML anchors and aliases (&name, *name) are not allowed; "
                                     "write the value out in full"))
        if reused:  # never expand an alias ("billion laughs")
            return YNode("scalar", loc, None)
    if depth > 50:
        problems.append(Problem(loc, "YAML nested too deeply"))
        return YNode("scalar", loc, None)
    if isinstance(node, MappingNode):
        if _tag(node) != "tag:yaml.org,2002:map":
            problems.append(Problem(loc, f"YAML tag {_tag(node)!r} is not allowed"))
        out: dict[str, YNode] = {}
        keys: dict[str, Location] = {}
        for knode, vnode in node.value:
            kloc = _loc(path, knode.start_mark)
            if not isinstance(knode, ScalarNode):
                problems.append(Problem(kloc, "a mapping key must be a plain name"))
                continue
            key = knode.value
            if key == "<<":
                problems.append(Problem(kloc, "YAML merge keys (<<) are not allowed"))
                continue
            if key in out:
                first = keys[key]
                problems.append(Problem(kloc, f"duplicate key {key!r} (first given at line "
                                              f"{first.line}); keep only one"))
                continue
            keys[key] = kloc
            out[key] = _convert(vnode, path, problems, depth + 1, seen)
        return YNode("map", loc, out, keys)
    if isinstance(node, SequenceNode):
        if _tag(node) != "tag:yaml.org,2002:seq":
            problems.append(Problem(loc, f"YAML tag {_tag(node)!r} is not allowed"))
        return YNode("seq", loc, [_convert(v, path, problems, depth + 1, seen) for v in node.value])
    return YNode("scalar", loc, _scalar(node, path, problems), raw=node.value)


def load_yaml(text: str, path: str) -> tuple[YNode | None, list[Problem]]:
    """Parse YAML text; return its node tree (or None) and the problems found."""
    problems: list[Problem] = []
    for n, line in enumerate(text.split("\n"), 1):
        for m in _ILLEGAL_CHARS.finditer(line):
            problems.append(Problem(Location(path, n, m.start() + 1),
                                    f"control character U+{ord(m.group()):04X} in text; delete it"))
    if problems:
        text = _ILLEGAL_CHARS.sub("", text)
    try:
        node = YAML(typ="safe", pure=False).compose(io.StringIO(text))  # libyaml via ruamel.yaml.clib
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = _loc(path, mark) if mark else Location(path)
        what = exc.problem or exc.context or "invalid YAML"
        return None, problems + [Problem(loc, f"YAML syntax error: {what}", ERROR)]
    except YAMLError as exc:
        return None, problems + [Problem(Location(path), f"YAML syntax error: {exc}")]
    if node is None:
        return None, problems + [Problem(Location(path, 1, 1), "file is empty")]
    return _convert(node, path, problems), problems
