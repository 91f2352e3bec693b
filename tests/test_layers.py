"""The packages' layers (docs/architecture.md), checked with import-linter: no package imports one above it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import REPO

LINT = [
    sys.executable,
    "-c",
    "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())",
]


def _lint(root: Path, src: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run(
        [*LINT, "--no-cache", "--config", str(root / "pyproject.toml")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )


def test_the_packages_keep_their_layers():
    result = _lint(REPO, REPO / "src")
    assert result.returncode == 0, result.stdout
    assert "Contracts: 2 kept, 0 broken." in result.stdout


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(
        REPO / "src" / "compiler", tmp_path / "src" / "compiler", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_an_upward_import_inside_a_function_breaks_the_layers(tmp_path):
    root = _copy(tmp_path)
    with open(root / "src" / "compiler" / "model" / "published.py", "a", encoding="utf-8") as fh:
        fh.write("\n\ndef _upward():\n    from ..workflows import build\n\n    return build\n")
    result = _lint(root, root / "src")
    assert result.returncode == 1
    assert "compiler.model is not allowed to import compiler.workflows" in result.stdout
    assert "compiler.model.published -> compiler.workflows.build" in result.stdout


def test_click_below_the_command_line_breaks_the_contract(tmp_path):
    root = _copy(tmp_path)
    with open(root / "src" / "compiler" / "workflows" / "build.py", "a", encoding="utf-8") as fh:
        fh.write("\n\ndef _echo():\n    import click\n\n    return click.echo\n")
    result = _lint(root, root / "src")
    assert result.returncode == 1 and "compiler.workflows.build -> click" in result.stdout
