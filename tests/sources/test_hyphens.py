"""Line-end hyphens: decided by the publication's own words first, then the document's, then the word list."""

from __future__ import annotations

from compiler.sources.hyphens import Vocabulary, resolve_hyphens

LINES = ["States should provide ex-", "trabudgetary resources to cross-", "border programmes."]
WHERE = ["page 1", "page 2", "page 2"]


def test_the_publication_decides_before_the_document_and_the_word_list():
    publication = Vocabulary.of(["Contributions of extrabudgetary resources.", "In cross-border cases."])
    lines, done = resolve_hyphens(LINES, WHERE, publication)
    assert lines == ["States should provide extrabudgetary resources to cross-border programmes."]
    assert done.joined == ["extrabudgetary"] and done.compounds == ["cross-border"] and done.ambiguous == []


def test_without_the_publication_the_word_list_decides_and_says_where():
    lines, done = resolve_hyphens(LINES, WHERE, None)
    assert "ex-trabudgetary (page 1)" in done.ambiguous  # the word list does not know the word: listed to check
    assert lines[0].startswith("States should provide ex-trabudgetary")


def test_the_document_decides_when_the_publication_does_not_say():
    lines, done = resolve_hyphens(
        ["a cross-", "border case", "and a crossborder one"], ["l1", "l2", "l3"], Vocabulary()
    )
    assert done.joined == ["crossborder"] and done.ambiguous == []


def test_a_line_end_word_is_found_in_a_line_of_any_length():
    long = "x" * 100_000 + " wide ex-"
    lines, done = resolve_hyphens([long, "trabudgetary"], ["l1", "l2"], Vocabulary.of(["extrabudgetary"]))
    assert lines == ["x" * 100_000 + " wide extrabudgetary"] and done.joined == ["extrabudgetary"]
