"""The tool commands as a user runs them: new, import; clear refusals."""

from __future__ import annotations

from ..conftest import copy_project, run_compiler


def test_import_of_a_missing_file_and_new_for_an_unknown_group_are_refused(tmp_path):
    root = copy_project(tmp_path / "p")
    missing = run_compiler(root, "import", "summary", str(tmp_path / "absent.pdf"))
    assert missing.returncode == 1 and f"{tmp_path / 'absent.pdf'}: no such file" in missing.stderr
    unknown = run_compiler(root, "new", "meeting", "wg9", "2025", "3")
    assert unknown.returncode == 1 and "unknown working group 'wg9' (known: wg2, wg3, wg4, wg6, wg7)" in unknown.stderr
    assert "Traceback" not in missing.stderr + unknown.stderr
