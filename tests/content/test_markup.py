"""Inline Markdown becomes runs; prose files become a heading and labelled blocks."""

from compiler.content.markup import parse_inline, parse_prose
from compiler.errors import Location
from compiler.model import ListBlock, Paragraph, Run

LOC = Location("x.md", 1, 1)


def test_emphasis_links_and_escaping():
    runs, problems = parse_inline("a *b* **c** [d](https://e.org) <i>f</i>", LOC)
    assert problems == []
    assert runs == (
        Run("a "),
        Run("b", italic=True),
        Run(" "),
        Run("c", bold=True),
        Run(" "),
        Run("d", href="https://e.org"),
        Run(" <i>f</i>"),
    )


def test_link_without_target_is_a_note_and_bad_schemes_are_errors():
    runs, problems = parse_inline("[res 9/1]() and [x](javascript:alert(1)) and [m](mailto:a@b.org)", LOC)
    assert runs[0] == Run("res 9/1", href="")
    assert [p.severity for p in problems] == ["note", "error"]
    assert Run(" and x and ") in runs and Run("m", href="mailto:a@b.org") in runs


def test_images_are_refused():
    _, problems = parse_inline("![a](http://127.0.0.1/x.png)", LOC)
    assert problems[0].severity == "error" and "images are not allowed" in problems[0].message


def test_prose_heading_paragraphs_and_labelled_lists():
    heading, blocks, problems = parse_prose(
        "# Title\n\nOne\nline.\n\n1) first\n2) second\n\nA. alpha\nB. beta\n", "p.md"
    )
    assert problems == [] and heading == "Title"
    assert blocks[0] == Paragraph((Run("One line."),))
    assert isinstance(blocks[1], ListBlock) and [i.label for i in blocks[1].items] == ["1)", "2)"]
    assert [i.label for i in blocks[2].items] == ["A.", "B."]


def test_prose_without_heading_or_with_two():
    _, _, problems = parse_prose("text\n\n# Second\n", "p.md")
    assert {p.location.line for p in problems} == {1, 3}
