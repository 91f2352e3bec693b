"""A reviewer's paragraphs mapped to what they change: by the bookmarks the compiler wrote, by the text when one was
deleted, and the parts the compiler generates refused with what to change instead."""

from __future__ import annotations

from pathlib import Path

from compiler.review.changes import changes_in
from compiler.review.read import Comment, Paragraph, ReviewedFile, Revision

BASE = {
    "parts": [
        {
            "sections": [
                {
                    "id": "wg4-2025",
                    "items": [
                        {"id": "wg4-2025-r1", "label": "1", "text": "States are urged to act.", "sub_items": []},
                        {
                            "id": "wg4-2025-r2",
                            "label": "2",
                            "text": "States are invited to:",
                            "sub_items": [{"label": "(a)", "text": "Train officials;"}],
                        },
                    ],
                }
            ]
        }
    ],
    "front": [
        {"key": "guidance", "blocks": [{"type": "paragraph", "text": "This has two parts.", "markdown": "x"}]},
    ],
}
TRACKED = [Revision("ins", "Ana", "2025-02-01T09:00:00Z")]


def _file(*paragraphs: Paragraph, comments=()) -> ReviewedFile:
    return ReviewedFile(
        Path("r.docx"), "T", "f", "Edition 2025-01 (draft)", "Ben", "2025-02-03", BASE, list(paragraphs), list(comments)
    )


def _p(style: str, old: str, new: str | None = None, marks=(), revisions=(), comments=()) -> Paragraph:
    return Paragraph(0, style, list(marks), old, old if new is None else new, list(revisions), list(comments))


def test_changes_are_found_by_bookmark_or_by_text_and_signed_by_their_author():
    changes = changes_in(
        _file(
            _p("Heading 1", "Guidance for Readers", marks=["_Toc_guidance"]),
            _p("Normal", "This has two parts.", "This has three parts."),
            _p("Heading 1", "A. Recommendations", marks=["_Toc_part_a"]),
            _p("Recommendation Label", "Recommendation 1", "Recommendation 1 bis", revisions=TRACKED),
            _p("Item Text", "States are urged to act.", "States are encouraged to act.", ["wg4_2025_r1"], TRACKED),
            _p("Recommendation Label", "Recommendation 2"),
            _p("Item Text", "States are invited to:", "States are asked to:"),  # its bookmark deleted, untracked
            _p("Sub Item", "(a)\tTrain officials;", "(a)\tTrain all officials;"),
        ),
        BASE,
    )
    got = [(c.kind, c.target.what, c.target.item, c.target.sub_item, c.new, c.author, c.found_by) for c in changes]
    assert got == [
        ("reworded", "prose", None, None, "This has three parts.", "Ben", "bookmark"),
        ("reworded", "label", "wg4-2025-r1", None, "1 bis", "Ana", "bookmark"),
        ("reworded", "text", "wg4-2025-r1", None, "States are encouraged to act.", "Ana", "bookmark"),
        ("reworded", "text", "wg4-2025-r2", None, "States are asked to:", "Ben", "text"),
        ("reworded", "sub-item", "wg4-2025-r2", "(a)", "Train all officials;", "Ben", "bookmark"),
    ]
    assert changes[2].diff[1].kind == "delete" and changes[2].diff[1].text == "urged"


def test_generated_parts_headings_and_relabelled_sub_items_are_refused_with_what_to_change():
    changes = changes_in(
        _file(
            _p("Cover Imprint", "Vienna, January 2025", "New York, January 2025"),
            _p("TOC 2", "2025: Working Group\t5", "2025: The Working Group\t5"),
            _p("Heading 3", "Working Group (CTOC/COP/WG.4/2025/4)", "Working Group (CTOC/COP/WG.4/2025/5)"),
            _p("Item Text", "States are invited to:", marks=["wg4_2025_r2"]),
            _p("Sub Item", "(a)\tTrain officials;", "(b)\tTrain officials;"),
            _p("Normal", "", "A note of mine."),
        ),
        BASE,
    )
    got = [(c.kind, c.target.what, c.target.part, c.why.split(":")[0]) for c in changes]
    assert got == [
        ("refused", "generated", "cover", "the cover is generated"),
        ("refused", "generated", "toc", "the contents are generated from the headings"),
        ("refused", "heading", None, "a section's heading is its title"),
        ("refused", "sub-item", None, "a sub-item's label is its label"),
        ("refused", "unknown", None, "a paragraph the compiler did not write"),
    ]


def test_inserted_and_deleted_paragraphs_and_comments_on_an_item():
    deleted = [Revision("del", "Ana", "2025-02-01")]
    changes = changes_in(
        _file(
            _p("Item Text", "States are urged to act.", "", ["wg4_2025_r1"], deleted, comments=["7"]),
            _p("Item Text", "States are invited to:", marks=["wg4_2025_r2"]),
            _p("Sub Item", "", "(b)\tShare data.", revisions=TRACKED),
            comments=[Comment("7", "Ana", "2025-02-01", "Agreed to drop it.", anchor="urged")],
        ),
        BASE,
    )
    got = [(c.kind, c.target.what, c.target.item, c.target.sub_item, c.old, c.new) for c in changes]
    assert got == [
        ("deleted", "text", "wg4-2025-r1", None, "States are urged to act.", ""),
        ("inserted", "sub-item", "wg4-2025-r2", "(b)", "", "Share data."),
        ("comment", "text", "wg4-2025-r1", None, "urged", "Agreed to drop it."),
    ]
