"""Comparing editions: the real April -> September change, and a fixture with every kind of change."""

from __future__ import annotations

import json

import pytest

from compiler.changes.compare import compare
from compiler.content.select import select
from compiler.model import Run
from compiler.text.words import merge_order, word_diff

from ..changes_fixture import make_changes_project
from ..conftest import run_compiler


@pytest.fixture(scope="module")
def real(real_content):
    content = real_content
    return compare(select(content, "2024-04"), select(content, "2024-09"))


def test_april_to_september_exactly(real):
    c = real.counts()
    assert c["sections_added"] == 8 and c["sections_removed"] == 0
    assert sum(1 for s in real.sections if s.kind == "added" and s.new.part == "a") == 4
    assert sum(1 for s in real.sections if s.kind == "added" and s.new.part == "b") == 4
    assert {s.new.year for s in real.sections} == {2024}
    assert c["items_added"] == 37
    assert c["items_removed"] == c["items_moved"] == c["items_reworded"] == c["items_sub_items_changed"] == 0
    assert [(p.key, p.what, p.old, p.new) for p in real.prose] == [
        ("background", "heading", "Background on the Review Mechanism", "Background on the UNTOC Review Mechanism")
    ]


def test_word_diff_keeps_words_and_emphasis():
    ops = word_diff(
        (Run("States should "), Run("act", italic=True), Run(" now.")),
        (Run("States shall "), Run("act", italic=True), Run(" now.")),
    )
    assert [(o.kind, o.text) for o in ops] == [
        ("equal", "States "),
        ("delete", "should"),
        ("insert", "shall"),
        ("equal", " act now."),
    ]
    assert ops[-1].tokens[1].italic


def test_merge_order_puts_removed_ids_after_their_old_predecessor():
    assert merge_order(["a", "b", "c"], ["a", "c", "d"]) == ["a", "b", "c", "d"]
    assert merge_order(["x", "a"], ["a"]) == ["x", "a"]


@pytest.fixture(scope="module")
def changes_project(tmp_path_factory):
    return make_changes_project(tmp_path_factory.mktemp("changes") / "project")


@pytest.fixture(scope="module")
def changeset(changes_project):
    data = run_compiler(changes_project, "diff", "2024-09", "--against", "HEAD", "--format", "json")
    assert data.returncode == 0, data.stderr
    return json.loads(data.stdout)


def _item(cs, item_id):
    return next(i for i in cs["items"] if i["id"] == item_id)


def test_every_kind_of_change_is_found_by_id(changeset):
    c = changeset["counts"]
    assert (
        c["items_added"],
        c["items_removed"],
        c["items_moved"],
        c["items_reworded"],
        c["items_sub_items_changed"],
        c["sections_changed"],
    ) == (1, 1, 1, 1, 1, 1)
    assert _item(changeset, "wg6-2023-r19")["change"] == "added"
    assert _item(changeset, "cd-som-2023-o6")["change"] == "removed"
    moved = _item(changeset, "cd-ta-2023-o2")
    assert moved["change"] == "changed" and moved["moved"] and not moved["reworded"]
    assert moved["old_section"]["id"] == "cd-ta-2023" and moved["new_section"]["id"] == "cd-ic-2023"
    reworded = _item(changeset, "wg4-2022-r14")
    assert reworded["reworded"] and not reworded["moved"]
    assert {"op": "delete", "text": "undue"} in reworded["diff"]
    assert {"op": "insert", "text": "any"} in reworded["diff"]
    subs = _item(changeset, "wg7-2024-r13")["sub_items"]
    assert [(s["label"], s["change"]) for s in subs] == [("(b)", "reworded"), ("(d)", "added")]
    section = next(s for s in changeset["sections"] if s["id"] == "cd-fa-2024")
    assert section["fields"]["title"] == {
        "old": "Constructive Dialogue on Firearms",
        "new": "Constructive Dialogue on Firearms and Ammunition",
    }
    prose = {(p["key"], p["change"]) for p in changeset["prose"]}
    assert prose == {("guidance", "heading"), ("guidance", "text")}


def test_text_summary_grouped_by_part_and_year_with_counts(changes_project):
    result = run_compiler(changes_project, "diff", "2024-09", "--against", "HEAD")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "1 item added, 1 removed, 1 moved, 1 reworded, 0 relabelled, 1 with changed sub-items" in out
    a, b = out.index("Part A (recommendations)"), out.index("Part B (observations)")
    assert a < out.index("  2022", a) < out.index("~ Recommendation 14: reworded: States parties", a) < b
    assert "[-undue-]" in out and "{+any+}" in out
    assert (  # an observation without a paragraph number is named by its opening words, not by its id
        "~ Observation “States should consider cooperating with non-governmental organizations, academia,…”: "
        "moved from 2023: Constructive Dialogue on Technical Assistance" in out
    )
    assert "- Observation “States parties should focus more attention on financial…”: removed" in out
    assert "[cd-" not in out and "[wg" not in out
    assert "sub-item (b) reworded: Ensure their [-continuous-]{+continued+}" in out
    assert "sub-item (d) added" in out
    assert '~ Guidance for Readers: heading changed: "Guidance for Readers" -> "Guidance for readers"' in out
    brief = run_compiler(changes_project, "diff", "2024-09", "--against", "HEAD", "--brief").stdout
    assert brief.startswith(
        "What is new in the September 2024 edition in the working copy (compared with the September 2024 edition "
        "as committed at HEAD)"
    )
    assert (
        "1 item removed: Observation “States parties should focus more attention on financial…”, "
        "Constructive Dialogue on the Smuggling of Migrants, 2023." in brief
    )
    assert "cd-som-2023-o6" not in brief


def test_default_compares_previous_with_latest_and_brief_is_the_whats_new_text(tmp_path):
    from ..conftest import copy_project

    root = copy_project(tmp_path / "p")
    result = run_compiler(root, "diff", "--format", "text", "--brief")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == (
        "What is new in the September 2024 edition (compared with the April 2024 edition):"
    )
    assert "4 working-group meetings added to Part A, with 8 recommendations" in result.stdout
    assert "4 constructive dialogues added to Part B, with 29 observations" in result.stdout
    full = run_compiler(root, "diff").stdout
    assert full.startswith("Changes from the April 2024 edition to the September 2024 edition")
    assert "8 sections added, 0 removed" in full and "37 items added, 0 removed, 0 moved, 0 reworded" in full


def test_against_a_bad_revision_or_without_git(tmp_path, changes_project):
    bad = run_compiler(changes_project, "diff", "2024-09", "--against", "no-such-rev")
    assert bad.returncode == 1 and "cannot read content/ at git revision 'no-such-rev'" in bad.stderr
    assert "Traceback" not in bad.stderr
