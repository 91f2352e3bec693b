"""The review report: each change with its item as readers cite it and its word difference, and the JSON form."""

from __future__ import annotations

from compiler.project import Project
from compiler.review.changes import ReviewChange, Target
from compiler.review.read import Comment
from compiler.workflows.review import ReviewResult
from compiler.workflows.review_report import report_data, report_lines


def _result() -> ReviewResult:
    name = "Recommendation 1, Working Group on Trafficking in Persons, 2025"
    reworded = ReviewChange(
        "reworded",
        Target("text", item="wg4-2025-r1"),
        "to pool data",
        "to share data",
        "Ana",
        "2025-02-01T09:00:00Z",
        "ana.docx",
    )
    reworded.applied = True
    refused = ReviewChange(
        "refused",
        Target("generated", part="cover"),
        "Vienna",
        "New York",
        "Ana",
        "2025-02-01",
        "ana.docx",
        why="the cover is generated",
    )
    comment = ReviewChange(
        "comment",
        Target("text", item="wg4-2025-r1"),
        "pool",
        "Why?",
        "Ben",
        "2025-02-02",
        "ana.docx",
        comment=Comment("1", "Ben", "2025-02-02", "Why?"),
    )
    return ReviewResult([], [reworded, refused, comment], names={"wg4-2025-r1": name})


def test_the_text_report_names_items_as_readers_do_and_counts(tmp_path):
    lines = report_lines(_result(), Project(tmp_path), applying=False)
    assert (
        lines[0]
        == "reworded: Recommendation 1, Working Group on Trafficking in Persons, 2025 (by Ana, 2025-02-01, ana.docx)"
    )
    assert lines[1] == "  to [-pool-]{+share+} data" and lines[2] == "  to apply (with --apply)"
    assert "refused: the cover (the compiler writes it) (by Ana, 2025-02-01, ana.docx)" in lines
    assert "  not applied: the cover is generated" in lines
    assert (
        'comment on Recommendation 1, Working Group on Trafficking in Persons, 2025 (by Ben, 2025-02-02, ana.docx) on "pool":'
        in lines
    )
    assert lines[-2:] == [
        "1 change(s) to apply, 1 not applied (see why above), 1 comment(s)",
        "run again with --apply to write them into the content",
    ]


def test_the_json_report_carries_every_field_a_tool_needs():
    data = report_data(_result())
    assert data["format"] == "untoc-compilation/review@1"
    first = data["changes"][0]
    assert {k: first[k] for k in ("kind", "item", "author", "old", "new", "applied", "why")} == {
        "kind": "reworded",
        "item": "wg4-2025-r1",
        "author": "Ana",
        "old": "to pool data",
        "new": "to share data",
        "applied": True,
        "why": None,
    }
    assert {"op": "delete", "text": "pool"} in first["diff"] and data["changes"][1]["why"] == "the cover is generated"
