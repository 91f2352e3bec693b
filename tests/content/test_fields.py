"""Typed fields of a YAML mapping: every missing, mistyped or unknown field reported at its line and column."""

from __future__ import annotations

from compiler.content.fields import Fields
from compiler.content.yamlsource import load_yaml


def _fields(text: str):
    node, problems = load_yaml(text, "content/x.yaml")
    assert problems == []
    return Fields(node, "a section", problems, "content/x.yaml"), problems


def test_values_of_each_type_are_read():
    f, problems = _fields('title: "Firearms"\nyear: 2023\nchairs: [A, B]\n')
    assert (f.text("title"), f.number("year"), f.text_list("chairs")) == ("Firearms", 2023, ("A", "B"))
    f.finish()
    assert problems == []


def test_missing_mistyped_and_unknown_fields_all_come_at_once_with_places():
    f, problems = _fields("year: twenty\nsummary_by: president\ntitel: Firearms\n")
    f.text("title", required=True, hint="the meeting's name")
    f.number("year")
    f.text("summary_by", choices=("chair", "co-chairs"))
    f.finish()
    text = "\n".join(map(str, problems))
    assert "content/x.yaml:1:1: error: a section is missing the field 'title' (the meeting's name)" in text
    assert "content/x.yaml:1:7:" in text and "year" in text
    assert "'summary_by' is 'president'; expected one of: chair, co-chairs" in text
    assert "content/x.yaml:3:1: error: unknown field 'titel' in a section; did you mean 'title'?" in text
