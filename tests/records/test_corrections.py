"""Published text changes only with a record: check compares every issued item with the content."""

from __future__ import annotations

import pytest

from ..conftest import copy_project, run_compiler

WG4 = "content/part-a/2022-wg4-trafficking-in-persons.yaml"


def _add_to_item(path, item_id: str, lines: list[str]) -> None:
    """Add lines at the end of an item's block in a section file."""
    text = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    start = text.index(f"  - id: {item_id}")
    end = next((i for i in range(start + 1, len(text)) if text[i].startswith("  - id: ")), len(text))
    path.write_text("\n".join(text[:end] + lines + text[end:]) + "\n", encoding="utf-8")


@pytest.fixture
def root(tmp_path):
    return copy_project(tmp_path / "p")  # the published editions as issued


def test_a_published_text_changed_without_a_record_fails_check_with_the_block_to_add(root):
    path = root / WG4
    text = path.read_text(encoding="utf-8")
    assert "the nominated focal points" in text
    path.write_text(text.replace("the nominated focal points", "the designated focal points"), encoding="utf-8")
    check = run_compiler(root, "check", "--strict", "-q")
    assert check.returncode == 1
    assert (
        "wg4-2022-r14 was published in the September 2024 edition and now reads otherwise, with no correction "
        "recorded:" in check.stderr
    )
    assert "[-nominated-]{+designated+}" in check.stderr
    block = (
        "    corrections:\n"
        "      - kind: text\n"
        '        printed: "the nominated focal"\n'
        '        corrected: "the designated focal"\n'
        '        reason: "TODO: why the published text was wrong"'
    )
    assert block in check.stderr
    # the block as shown, with a reason: check passes
    _add_to_item(path, "wg4-2022-r14", block.replace("TODO: why the published text was wrong", "A reason.").split("\n"))
    again = run_compiler(root, "check", "--strict", "-q")
    assert again.returncode == 0, again.stderr
    # a TODO reason is not a reason
    path.write_text(path.read_text(encoding="utf-8").replace("A reason.", "TODO"), encoding="utf-8")
    todo = run_compiler(root, "check", "-q")
    assert todo.returncode == 1 and "the correction's reason is still a TODO" in todo.stderr


def test_a_correction_whose_printed_words_the_edition_never_printed_is_an_error(root):
    path = root / WG4
    path.write_text(path.read_text(encoding="utf-8").replace("the nominated focal", "the designated focal"))
    _add_to_item(
        path,
        "wg4-2022-r14",
        [
            "    corrections:",
            "      - kind: text",
            "        printed: the appointed focal points",
            "        corrected: the designated focal points",
            "        reason: A reason.",
        ],
    )
    check = run_compiler(root, "check", "-q")
    assert check.returncode == 1
    assert 'says the September 2024 edition printed "the appointed focal points", but it did not' in check.stderr


def test_an_issued_item_deleted_from_the_content_is_an_error(root):
    path = root / "content" / "part-b" / "2024-firearms.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index("  - id: cd-fa-2024-o5")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("  - id: ")), len(lines))
    path.write_text("\n".join(lines[:start] + lines[end:]), encoding="utf-8")
    check = run_compiler(root, "check", "-q")
    assert check.returncode == 1
    assert "cd-fa-2024-o5 was published in the September 2024 edition and is gone from the content" in check.stderr


def test_the_published_content_passes_as_it_is(root):
    check = run_compiler(root, "check", "--strict", "-q")
    assert check.returncode == 0, check.stderr
