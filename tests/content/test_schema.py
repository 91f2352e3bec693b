"""The content's typed shape: a section file read into its spec, with every problem at its place."""

from __future__ import annotations

from compiler.content.schema import read_section
from compiler.content.yamlsource import load_yaml

DIALOGUE = """id: cd-fa-2025
year: 2025
order: 1
first_edition: "2025-01"
title: "Constructive Dialogue on Firearms"
summary_by: chair
observations:
  - id: cd-fa-2025-o1
    paragraph: 30
    text: >-
      States should *share* data.
"""


def test_a_dialogue_file_reads_into_its_spec():
    node, problems = load_yaml(DIALOGUE, "content/part-b/2025-firearms.yaml")
    spec = read_section(node, "b", "content/part-b/2025-firearms.yaml", problems)
    assert problems == []
    assert (spec.id, spec.year, spec.order, spec.first_edition) == ("cd-fa-2025", 2025, 1, "2025-01")
    assert [(i.id, i.paragraph, i.text) for i in spec.items] == [("cd-fa-2025-o1", 30, "States should *share* data.")]


def test_a_bad_id_is_reported_at_its_line():
    node, problems = load_yaml(DIALOGUE.replace("id: cd-fa-2025\n", "id: CD FA\n", 1), "x.yaml")
    read_section(node, "b", "x.yaml", problems)
    assert any(str(p).startswith("x.yaml:1:5: error: id 'CD FA' must be lower-case") for p in problems)
