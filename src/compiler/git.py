"""Git access: the content folder as committed at a revision, and the date of its last commit."""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

from .errors import CompilerError

MONTHS = "January February March April May June July August September October November December".split()


class RevisionError(CompilerError):
    """A git revision cannot be read."""


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout


def export_content(root: Path, revision: str, folder: Path) -> Path:
    """Write content/ as committed at ``revision`` into ``folder``; return the project root there.

    The project root inside ``folder`` gets an empty layouts/ folder, so it reads as a project.
    """
    try:
        top = _git(root, "rev-parse", "--show-toplevel").strip()
        prefix = Path(root).resolve().relative_to(Path(top).resolve()).as_posix()
        path = "content" if prefix == "." else f"{prefix}/content"
        data = subprocess.run(
            ["git", "archive", "--format=tar", revision, path], cwd=top, capture_output=True, check=True
        ).stdout
    except FileNotFoundError:
        raise RevisionError("git is not installed; --against needs git") from None
    except subprocess.CalledProcessError as exc:
        stderr = exc.stderr.decode(errors="replace") if isinstance(exc.stderr, bytes) else (exc.stderr or "")
        raise RevisionError(
            f"cannot read content/ at git revision {revision!r}: {stderr.strip() or 'not a git repository'}"
        ) from None
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(folder, filter="data")
    project_root = folder / prefix if prefix != "." else folder
    (project_root / "layouts").mkdir(exist_ok=True)
    return project_root


def uncommitted(root: Path, path: str = "content") -> list[str] | None:
    """Return the files under ``path`` with changes not yet committed (git status), or None outside git."""
    try:
        lines = _git(root, "status", "--porcelain", "--", path).splitlines()
    except (OSError, subprocess.CalledProcessError):
        return None
    return [line[3:] for line in lines if line.strip()]


def content_date(root: Path) -> str | None:
    """Return the date of the last commit of content/ ("25 November 2026"), or None if it has changes
    not yet committed (or is not in a git repository)."""
    if uncommitted(root) != []:
        return None
    try:
        day = _git(root, "log", "-1", "--format=%cs", "--", "content").strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    if not day:
        return None
    year, month, date = (int(x) for x in day.split("-"))
    return f"{date} {MONTHS[month - 1]} {year}"
