"""YAML is read safely, with locations for every value and problem."""

from compiler.content.yamlsource import load_yaml


def test_values_keep_their_locations_and_types():
    node, problems = load_yaml('id: x\nyear: 2022\nlabel: "14"\nitems:\n  - text: >-\n      a\n      b\n', "f.yaml")
    assert problems == []
    assert node.value["year"].value == 2022 and node.value["label"].value == "14"
    assert (node.value["year"].loc.line, node.value["year"].loc.col) == (2, 7)
    assert node.value["items"].value[0].value["text"].value == "a b"
    assert node.keys["items"].line == 4


def test_duplicate_keys_anchors_tags_and_syntax_errors_are_reported():
    _, problems = load_yaml("a: 1\na: 2\nb: &x 1\nc: *x\nd: !!python/name:os.system\n", "f.yaml")
    messages = [(p.location.line, p.message) for p in problems]
    assert (2, "duplicate key 'a' (first given at line 1); keep only one") in messages
    assert any(line == 3 and "anchors" in m for line, m in messages)
    assert any(line == 5 and "python/name" in m for line, m in messages)
    node, problems = load_yaml("a: [1, 2\n", "g.yaml")
    assert node is None and problems[0].message.startswith("YAML syntax error")
    assert problems[0].location.path == "g.yaml" and problems[0].location.line >= 1


def test_empty_file():
    node, problems = load_yaml("", "e.yaml")
    assert node is None and problems[0].message == "file is empty"


def test_alias_bombs_are_refused_without_expanding():
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for n in range(1, 12):
        lines.append(
            f"{'abcdefghijklmnop'[n]}: &{'abcdefghijklmnop'[n]} ["
            + ", ".join([f"*{'abcdefghijklmnop'[n - 1]}"] * 9)
            + "]"
        )
    node, problems = load_yaml("\n".join(lines) + "\n", "bomb.yaml")
    assert problems and all("anchors and aliases" in p.message for p in problems)
    assert len(problems) < 200  # each alias reported once, nothing expanded


def _syntax(text: str):
    node, problems = load_yaml(text, "f.yaml")
    assert node is None and len(problems) == 1, problems
    return problems[0].location.line, problems[0].message


ITEM = """id: wg4-2022
recommendations:
  - id: wg4-2022-r1
    label: "1"
    text: >-
      States parties are encouraged
      to cooperate.
  - id: wg4-2022-r2
    label: "2"
    text: Done.
"""


def test_an_unclosed_quote_is_reported_on_its_own_line():
    broken = ITEM.replace('label: "1"', 'label: "1').replace("text: Done.", 'text: "Done."')
    line, message = _syntax(broken)
    assert line == 4 and "closing quote" in message


def test_a_dedented_line_inside_a_text_block_is_reported_on_that_line():
    broken = ITEM.replace("      to cooperate.", "    to cooperate.")
    line, message = _syntax(broken)
    assert line == 7 and "indent it like the text" in message


def test_a_colon_in_a_plain_value_says_to_quote_it():
    line, message = _syntax("id: x\ntitle: Working Group: Firearms\n")
    assert line == 2 and "double quotes" in message and "mapping values" not in message


def test_a_field_indented_wrongly_says_so():
    line, message = _syntax("a:\n  b: 1\n c: 2\n")
    assert line == 3 and "indented" in message
