"""Up to date means content, layouts and the compiler's own code: a change to any of them renders again."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from ..conftest import REPO, copy_project


def _compiler(root, src, *args):
    env = {**os.environ, "PYTHONPATH": str(src), "UNTOC_NO_CACHE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "compiler.cli", *args], cwd=root, env=env, capture_output=True, text=True, timeout=300
    )


def test_a_comment_in_a_renderer_makes_the_next_build_render_again(tmp_path):
    root = copy_project(tmp_path / "project")
    src = tmp_path / "src"
    shutil.copytree(REPO / "src" / "compiler", src / "compiler", ignore=shutil.ignore_patterns("__pycache__"))
    first = _compiler(root, src, "build", "--format", "html,json")
    assert first.returncode == 0 and "built 2024-09" in first.stdout, first.stderr
    again = _compiler(root, src, "build", "--format", "html,json")
    assert "up to date" in again.stdout
    for module in ("html.py", "json.py"):
        path = src / "compiler" / "render" / module
        path.write_text(path.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
        after = _compiler(root, src, "build", "--format", "html,json")
        assert after.returncode == 0 and "built 2024-09" in after.stdout, (module, after.stdout)
