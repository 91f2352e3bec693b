"""The model's own lossless JSON form: every field of every node, read back by the type hints."""

from __future__ import annotations

import dataclasses
import datetime as _dt
import types
import typing
from functools import cache

# The model's own lossless JSON form: Document.from_json(doc.to_json()) == doc.
MODEL_FORMAT = "untoc-compilation/model@2"
MODEL_FORMAT_1 = "untoc-compilation/model@1"  # records issued before items were called items ("entries")


def upgrade_1(document: dict) -> dict:
    """Return model@1 data as model@2: a section's "entries" are its "items" (nothing else differs)."""
    parts = []
    for part in document["parts"]:
        years = []
        for year in part["years"]:
            sections = [{("items" if k == "entries" else k): v for k, v in s.items()} for s in year["sections"]]
            years.append({**year, "sections": sections})
        parts.append({**part, "years": years})
    return {**document, "parts": parts}


_TAGGED = ("Paragraph", "ListBlock")  # the two kinds of prose block share one field


def encode(value: typing.Any) -> typing.Any:
    """Return a model value (a dataclass, tuple, date or plain value) as JSON data, every field of every node."""
    if dataclasses.is_dataclass(value):
        out = {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"type": type(value).__name__, **out} if type(value).__name__ in _TAGGED else out
    if isinstance(value, tuple):
        return [encode(v) for v in value]
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value


def decode(tp: typing.Any, value: typing.Any) -> typing.Any:
    """Return ``value`` (JSON data) as an instance of the type ``tp``, guided by the type hints."""
    return _decoder(tp)(value)


@cache
def _decoder(tp: typing.Any) -> typing.Callable[[typing.Any], typing.Any]:
    """Return the function that decodes JSON data as the type ``tp``: the hints are read once per type, not once per
    value (a record holds some thirty thousand values)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(options) == 1:
            only = _decoder(options[0])
            return lambda value: None if value is None else only(value)
        tagged = {a.__name__: _decoder(a) for a in options}
        return lambda value: None if value is None else tagged[value["type"]](value)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            each = _decoder(args[0])
            return lambda value: tuple(each(v) for v in value)
        decoders = [_decoder(a) for a in args]
        return lambda value: tuple(d(v) for d, v in zip(decoders, value, strict=True))
    if tp is _dt.date:
        return _dt.date.fromisoformat
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        cls = tp
        hints = typing.get_type_hints(cls)
        fields = [(f.name, _decoder(hints[f.name])) for f in dataclasses.fields(cls)]
        return lambda value: cls(**{name: decode(value[name]) for name, decode in fields if name in value})
    return lambda value: value
