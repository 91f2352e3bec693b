"""Decide, without loading the content, whether an edition's outputs are up to date with their inputs.

The inputs are the content (for an issued edition, its record), the layouts and the compiler
itself (its source files and the libraries that shape its outputs, files.code_digest): after any
of them changes, the outputs are rendered again.
"""

from __future__ import annotations

import hashlib

from ..content.load import registry_statuses
from ..files import code_digest, sha256, tree_digest
from ..git import content_date
from ..project import Project
from .manifest import read_manifest


def inputs_key(project: Project, edition_id: str, fmt: str) -> str:
    """Return a sha256 over everything a format of an edition is made from."""
    return inputs_keys(project, edition_id, (fmt,))[fmt]


def inputs_keys(project: Project, edition_id: str, formats) -> dict[str, str]:
    """Return inputs_key for several formats, looking at the files once.

    An issued edition is made from its record and the layouts: edits of the content for a later
    edition leave it up to date. A draft is made from the content and the layouts, and the date of
    the content's last commit, which it prints on every page.
    """
    code = code_digest()
    record = project.content_dir / "issued" / f"{edition_id}.json"
    if registry_statuses(project).get(edition_id) == "issued" and record.is_file():
        layouts = tree_digest(project.root, [project.root / "layouts"])
        made_from = f"{layouts}\0{sha256(record.read_bytes())}"
    else:
        made_from = f"{input_files_digest(project)}\0{content_date(project.root) or 'uncommitted'}"
    return {fmt: hashlib.sha256(f"{edition_id}\0{fmt}\0{code}\0{made_from}\0".encode()).hexdigest() for fmt in formats}


def input_files_digest(project: Project) -> str:
    """Return a sha256 over every file under content/ and layouts/ that outputs are made from."""
    # records and mailing lists are not rendered
    ignored = (project.content_dir / name for name in ("issued", "distribution", "mailing-lists.yaml"))
    return tree_digest(project.root, (project.content_dir, project.root / "layouts"), ignored)


def up_to_date(project: Project, edition_id: str, formats) -> bool:
    """Return whether every requested format was built from the current inputs and is intact."""
    folder = project.edition_dir(edition_id)
    manifest = read_manifest(folder)
    if not manifest or "inputs" not in manifest:
        return False
    keys = inputs_keys(project, edition_id, formats)
    for fmt in formats:
        names = [n for n in manifest["files"] if n.endswith(f".{fmt}")]
        if len(names) != 1 or manifest["inputs"].get(fmt) != keys[fmt]:
            return False
        path = folder / names[0]
        if not path.is_file() or sha256(path.read_bytes()) != manifest["files"][names[0]]["sha256"]:
            return False
    return True


def cached_pages(project: Project, edition_id: str, fingerprint: str | None = None) -> dict[str, int] | None:
    """Return the page of every anchor from the last PDF build, if that PDF is still current (and, given a
    ``fingerprint``, was made from that content: not so for an edition as it stood at another git revision)."""
    manifest = read_manifest(project.edition_dir(edition_id))
    if not manifest or (fingerprint is not None and manifest.get("fingerprint") != fingerprint):
        return None
    if manifest.get("inputs", {}).get("pdf") == inputs_key(project, edition_id, "pdf"):
        return manifest.get("pages")
    return None
