"""Invisible characters that change what readers see are errors at their place; content files must be the
project's own (a link to a file elsewhere is not read)."""

from __future__ import annotations

import os

from ..conftest import run_compiler, small_project

WG4 = "content/part-a/2022-wg4-trafficking-in-persons.yaml"


def test_a_bidi_override_in_an_item_is_an_error_named_at_its_line(tmp_path):
    root = small_project(tmp_path / "project")
    path = root / WG4
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("focal points and governmental", "focal \u202epoints and governmental", 1), "utf-8")
    prose = root / "content" / "front" / "guidance.md"
    prose.write_text(prose.read_text(encoding="utf-8").replace("two parts", "two\u2028parts", 1), "utf-8")
    result = run_compiler(root, "check")
    assert result.returncode == 1
    line = next(n for n, s in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if "\u202e" in s)
    assert f"{WG4}:{line}:" in result.stderr
    assert "U+202E RIGHT-TO-LEFT OVERRIDE in the text: an invisible character that can change what readers see" in (
        result.stderr
    )
    assert "content/front/guidance.md:3:" in result.stderr and "U+2028 LINE SEPARATOR" in result.stderr
    path.write_text("\ufeff" + text, "utf-8")  # a byte-order mark that starts a file is no error
    prose.write_text(prose.read_text(encoding="utf-8").replace("two\u2028parts", "two parts"), "utf-8")
    assert run_compiler(root, "check", "-q").returncode == 0


def test_a_section_file_that_links_outside_the_project_is_not_read(tmp_path):
    root = small_project(tmp_path / "project")
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text((root / WG4).read_text(encoding="utf-8").replace("wg4-2022", "wg4-2021").replace("2022", "2021"))
    os.symlink(outside, root / "content" / "part-a" / "2021-wg4-linked.yaml")
    result = run_compiler(root, "check")
    assert result.returncode == 1
    assert "content/part-a/2021-wg4-linked.yaml: error: is a link to" in result.stderr
    assert "outside the project's content/: not read" in result.stderr
