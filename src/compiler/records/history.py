"""Content as it stood at a git revision (for comparing pending changes with an issued edition)."""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from pathlib import Path

from ..content.load import Content, load_content
from ..errors import CompilerError
from ..project import Project


class RevisionError(CompilerError):
    """A git revision cannot be read."""


def content_at(project: Project, revision: str, workdir: Path | None = None) -> Content:
    """Return the content as committed at ``revision`` (read into a temporary folder)."""
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], cwd=project.root, capture_output=True, text=True, check=True
        ).stdout.strip()
        prefix = Path(project.root).resolve().relative_to(Path(top).resolve()).as_posix()
        path = "content" if prefix == "." else f"{prefix}/content"
        data = subprocess.run(
            ["git", "archive", "--format=tar", revision, path], cwd=top, capture_output=True, check=True
        ).stdout
    except FileNotFoundError:
        raise RevisionError("git is not installed; --against needs git") from None
    except subprocess.CalledProcessError as exc:
        message = (
            (exc.stderr or b"").decode(errors="replace").strip()
            if isinstance(exc.stderr, bytes)
            else (exc.stderr or "").strip()
        )
        raise RevisionError(
            f"cannot read content/ at git revision {revision!r}: {message or 'not a git repository'}"
        ) from None
    folder = Path(workdir or tempfile.mkdtemp(prefix="compiler-rev-"))
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(folder, filter="data")
    root = folder / prefix if prefix != "." else folder
    (root / "layouts").mkdir(exist_ok=True)
    return load_content(Project(root))


def content_date(project: Project) -> str | None:
    """Return the date of the last commit of content/ ("25 November 2026"), or None if it has changes
    not yet committed (or is not in a git repository)."""
    try:

        def git(*args):
            return subprocess.run(["git", *args], cwd=project.root, capture_output=True, text=True, check=True).stdout

        if git("status", "--porcelain", "--", "content").strip():
            return None
        day = git("log", "-1", "--format=%cs", "--", "content").strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    if not day:
        return None
    year, month, date = (int(x) for x in day.split("-"))
    months = ("January February March April May June July August September October November December").split()
    return f"{date} {months[month - 1]} {year}"
