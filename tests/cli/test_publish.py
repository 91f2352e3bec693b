"""The publishing commands as a user runs them: check, editions, diff, build; messages, not tracebacks."""

from __future__ import annotations

import json

from ..conftest import copy_project, run_compiler


def test_check_editions_and_diff_on_the_published_editions(tmp_path):
    root = copy_project(tmp_path / "p")
    check = run_compiler(root, "check", "-q")
    assert check.returncode == 0, check.stderr
    assert check.stdout == (
        "content checked: 18 section files, 74 items, 2 editions; 0 errors, 0 warning(s), 14 note(s)\n"
    )
    editions = json.loads(run_compiler(root, "editions", "--format", "json").stdout)
    assert [(e["id"], e["status"]) for e in editions] == [("2024-04", "issued"), ("2024-09", "issued")]
    brief = run_compiler(root, "diff", "--format", "text", "--brief")
    assert brief.returncode == 0 and "What is new" in brief.stdout


def test_misuse_is_a_usage_error_with_status_2(tmp_path):
    root = copy_project(tmp_path / "p")
    result = run_compiler(root, "build", "2031-01")
    assert result.returncode == 2 and "2031-01" in result.stderr and "Traceback" not in result.stderr
    result = run_compiler(root, "build", "--format", "odt")
    assert result.returncode == 2 and "odt" in result.stderr
