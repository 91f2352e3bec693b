"""Describe a built edition's outputs in a manifest, and write outputs then the manifest."""

from __future__ import annotations

import json
from pathlib import Path

from ..files import sha256, write_all


def manifest_bytes(
    edition: dict,
    files: dict[str, bytes],
    counts: dict,
    fingerprint: str,
    inputs: dict | None = None,
    pages: dict | None = None,
) -> bytes:
    """Return the manifest: each file's sha256 and size, the edition's counts and fingerprint.

    ``inputs`` (per format, a hash of what it was made from) lets an unchanged rebuild be
    skipped; ``pages`` keeps the PDF's page of every anchor for a DOCX built on its own.
    """
    manifest = {
        "edition": edition,
        "fingerprint": fingerprint,
        "counts": counts,
        "files": {name: {"sha256": sha256(data), "size": len(data)} for name, data in sorted(files.items())},
    }
    if inputs is not None:
        manifest["inputs"] = dict(sorted(inputs.items()))
    if pages is not None:
        manifest["pages"] = dict(sorted(pages.items()))
    return manifest_json(manifest)


def manifest_json(manifest: dict) -> bytes:
    """Return a manifest's bytes (sorted keys: the same manifest gives the same bytes)."""
    return (json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()


def read_manifest(folder: Path) -> dict | None:
    """Return the manifest of a built edition folder, or None."""
    try:
        return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_outputs(folder: Path, files: dict[str, bytes], manifest: bytes) -> list[Path]:
    """Write every output and the manifest, all or none (files.write_all: a full disk leaves the old ones whole);
    return the outputs' paths."""
    written = write_all(
        {folder / name: data for name, data in sorted(files.items())} | {folder / "manifest.json": manifest}
    )
    return written[:-1]
