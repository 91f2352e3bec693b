"""Decide, without loading the content, whether an edition's outputs are up to date with their inputs."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from .output import read_manifest, sha256
from .project import Project

FORMAT_VERSION = "1"  # bump when the renderers change their output for the same inputs


@lru_cache(maxsize=1)
def _software() -> str:
    from importlib.metadata import PackageNotFoundError, version

    parts = [FORMAT_VERSION]
    for name in ("untoc-compilation", "weasyprint", "python-docx", "jinja2"):
        try:
            parts.append(f"{name}={version(name)}")
        except PackageNotFoundError:  # pragma: no cover
            parts.append(f"{name}=?")
    return ";".join(parts)


def inputs_key(project: Project, edition_id: str, fmt: str) -> str:
    """Return a sha256 over everything a format of an edition is made from."""
    h = hashlib.sha256(f"{edition_id}\0{fmt}\0{_software()}\0{_files_digest(project)}\0".encode())
    return h.hexdigest()


def _files_digest(project: Project) -> str:
    """Return a sha256 over every file under content/ and layouts/ (cached while none changes)."""
    stats = []
    ignored = (project.content_dir / "issued", project.content_dir / "mailing-lists.yaml")  # not rendered
    for folder in (project.content_dir, project.root / "layouts"):
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and not any(
                p == i or p.is_relative_to(i) for i in ignored)):
            st = path.stat()
            stats.append((path.relative_to(project.root).as_posix(), st.st_mtime_ns, st.st_size))
    return _digest(str(project.root), tuple(stats))


@lru_cache(maxsize=4)
def _digest(root: str, stats: tuple) -> str:
    h = hashlib.sha256()
    for rel, _, _ in stats:
        h.update(rel.encode() + b"\0")
        h.update((Path(root) / rel).read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def up_to_date(project: Project, edition_id: str, formats) -> bool:
    """Return whether every requested format was built from the current inputs and is intact."""
    folder = project.edition_dir(edition_id)
    manifest = read_manifest(folder)
    if not manifest or "inputs" not in manifest:
        return False
    for fmt in formats:
        names = [n for n in manifest["files"] if n.endswith(f".{fmt}")]
        if len(names) != 1 or manifest["inputs"].get(fmt) != inputs_key(project, edition_id, fmt):
            return False
        path = folder / names[0]
        if not path.is_file() or sha256(path.read_bytes()) != manifest["files"][names[0]]["sha256"]:
            return False
    return True


def cached_pages(project: Project, edition_id: str) -> dict[str, int] | None:
    """Return the page of every anchor from the last PDF build, if that PDF is still current."""
    manifest = read_manifest(project.edition_dir(edition_id))
    if manifest and manifest.get("inputs", {}).get("pdf") == inputs_key(project, edition_id, "pdf"):
        return manifest.get("pages")
    return None
