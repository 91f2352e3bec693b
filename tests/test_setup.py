"""./setup.sh prints only its own lines, unless a step fails: then what the step printed, and exit status 1."""

from __future__ import annotations

import os
import shutil
import subprocess

from .conftest import REPO

FAKE_PYTHON = """#!/bin/sh
# a stand-in for .venv/bin/python: pip prints a screen of warnings, as it does here, and fails if asked to
if [ "$2" = "pip" ]; then
  for n in 1 2 3 4 5; do echo "WARNING: Location 'file:///opt/pypi/simple/x$n/' is ignored" >&2; done
  [ -n "$FAIL_PIP" ] && { echo "ERROR: No matching distribution found for nothing" >&2; exit 1; }
fi
exit 0
"""


def _project(tmp_path):
    shutil.copy(REPO / "setup.sh", tmp_path / "setup.sh")
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(FAKE_PYTHON)
    python.chmod(0o755)
    return tmp_path


def test_setup_says_what_it_does_and_not_what_pip_prints(tmp_path):
    root = _project(tmp_path)
    result = subprocess.run(["./setup.sh"], cwd=root, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and result.stderr == "setup: installing Python packages into .venv\n"
    again = subprocess.run(["./setup.sh"], cwd=root, capture_output=True, text=True)  # nothing left to install
    assert again.returncode == 0 and again.stdout == again.stderr == ""


def test_a_failing_step_shows_what_it_printed(tmp_path):
    root = _project(tmp_path)
    result = subprocess.run(
        ["./setup.sh"], cwd=root, capture_output=True, text=True, env={**os.environ, "FAIL_PIP": "1"}
    )
    assert result.returncode == 1
    assert "ERROR: No matching distribution found for nothing" in result.stderr
    assert "setup: failed: .venv/bin/python -m pip install" in result.stderr
