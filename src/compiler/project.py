"""Locate a compiler project (content/ and layouts/) and name its folders."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import ProjectError

LAYOUT = "compilation"


@dataclass(frozen=True)
class Project:
    """A project folder: content/ holds the publication, layouts/ the templates, build/ outputs."""

    root: Path

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def layout_dir(self) -> Path:
        return self.root / "layouts" / LAYOUT

    @property
    def build_dir(self) -> Path:
        return self.root / "build"

    def edition_dir(self, edition_id: str) -> Path:
        return self.build_dir / edition_id

    def rel(self, path: Path | str) -> str:
        """Return a path relative to the project root, with forward slashes."""
        try:
            return Path(os.path.relpath(Path(path).resolve(), self.root.resolve())).as_posix()
        except ValueError:  # pragma: no cover - other drive on Windows
            return str(path)


def find_project(start: str | os.PathLike | None = None) -> Project:
    """Return the project containing ``start`` (default: the working folder)."""
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "content" / "publication.yaml").is_file():
            return Project(folder)
    raise ProjectError(
        f"no compiler project found in {here} or above it: a project has content/publication.yaml. "
        f"Run the command inside the project folder or pass --project PATH."
    )
