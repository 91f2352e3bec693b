"""Section and prose files edited as text: a value changed in place, its markup, the file's comments and layout kept."""

from compiler.content.schema import read_section
from compiler.content.textedits import add_correction, label_value, prose_with, source_with, text_value
from compiler.content.yamlsource import load_yaml

SECTION = """\
# a dialogue (a comment the edit must keep)
id: cd-x-2025
year: 2025
title: Constructive Dialogue on Something
summary_by: chair
order: 1
first_edition: "2025-01"
observations:
  - id: cd-x-2025-o1
    text: >-
      States are encouraged to collect data on the *illicit trade* in firearms, their parts and
      components.
    # a note on o1
    items:
      - label: "(a)"
        text: >-
          Through surveys;

  - id: cd-x-2025-o2
    text: >-
      States are encouraged to act.
    corrections:
      - kind: text
        printed: "encouraged to acts"
        corrected: "encouraged to act"
        reason: "A typing error."
"""


def _items(text: str):
    node, problems = load_yaml(text, "content/part-b/x.yaml")
    spec = read_section(node, "b", "content/part-b/x.yaml", problems)
    assert [p.message for p in problems] == []
    return {i.id: i for i in spec.items}


def test_an_items_text_is_replaced_as_a_folded_block_and_the_rest_of_the_file_stays():
    o1 = _items(SECTION)["cd-x-2025-o1"]
    new = "States are encouraged to gather data on the *illicit trade* in firearms, their parts and components."
    edited = text_value(SECTION, o1.text_span, new)
    assert _items(edited)["cd-x-2025-o1"].text == new
    assert edited.replace("gather", "collect") == SECTION  # nothing else moved: comments, blank lines, folding


def test_a_sub_items_text_and_a_label_change_in_place():
    o1 = _items(SECTION)["cd-x-2025-o1"]
    edited = text_value(SECTION, o1.sub_items[0].text_span, "Through surveys and registers;")
    assert _items(edited)["cd-x-2025-o1"].sub_items[0].text == "Through surveys and registers;"
    assert "\n\n  - id: cd-x-2025-o2" in edited  # the blank line after the sub-item stays


def test_a_label_is_written_quoted():
    text = 'id: wg\nrecommendations:\n  - id: wg-r1\n    label: "1"\n    text: >-\n      A.\n'
    node, problems = load_yaml(text, "f.yaml")
    item = read_section(node, "a", "f.yaml", problems).items[0]
    assert label_value(text, item.label_span, "1 bis") == text.replace('"1"', '"1 bis"')


def test_a_correction_is_added_to_the_item_or_to_its_list():
    items = _items(SECTION)
    first = add_correction(SECTION, items["cd-x-2025-o1"], "collect data", "gather data", "As the summary says.")
    o1 = _items(first)["cd-x-2025-o1"]
    assert [(c.correction.printed, c.correction.reason) for c in o1.corrections] == [
        ("collect data", "As the summary says.")
    ]
    second = add_correction(SECTION, items["cd-x-2025-o2"], "to act", "to do", "Why.")
    assert [c.correction.printed for c in _items(second)["cd-x-2025-o2"].corrections] == [
        "encouraged to acts",
        "to act",
    ]


def test_source_with_keeps_markup_and_refuses_what_it_cannot_place():
    source = "States collect data on the *illicit trade* in firearms."
    plain = "States collect data on the illicit trade in firearms."
    assert source_with(source, plain, plain, plain.replace("collect", "gather")) == source.replace("collect", "gather")
    assert source_with(source, plain, plain, plain.replace("illicit trade", "illicit traffic")) == source.replace(
        "trade", "traffic"
    )
    assert source_with(source, plain, plain, "Something else entirely.") is None  # across the markup
    assert source_with(source, plain, "not what it says", "x") is None
    repeated = "a b a b a"
    assert source_with(repeated, repeated, repeated, "a b a c a") == "a b a c a"


PROSE = """# Guidance for Readers

This publication has
two parts, *A* and *B*.

The publication is intended as:

1) A practical tool.
2) A reference.
"""


def test_prose_entries_change_in_place_with_their_markup_and_label():
    edited = prose_with(PROSE, 3, "A reference.", "A reference for delegates.")
    assert edited == PROSE.replace("2) A reference.", "2) A reference for delegates.")
    old = "This publication has two parts, A and B."
    joined = prose_with(PROSE, 0, old, old.replace("has", "is made of"))
    assert joined == PROSE.replace("has\ntwo", "is made of two")  # a paragraph over two lines becomes one
    assert prose_with(PROSE, 0, old, old.replace("B.", "B only.")) is None  # the change runs into the italics
    assert prose_with(PROSE, 1, "Something else.", "x") is None
    assert prose_with(PROSE, 9, "A reference.", "x") is None
