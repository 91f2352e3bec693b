"""Write outputs atomically (temp file, then rename) and describe them in a manifest."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from .errors import BuildError


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise BuildError(f"cannot write {path}: {exc.strerror}") from None
        raise


def sha256(data: bytes) -> str:
    """Return the hex sha256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def manifest_bytes(edition: dict, files: dict[str, bytes], counts: dict, fingerprint: str,
                   inputs: dict | None = None, pages: dict | None = None) -> bytes:
    """Return the manifest: each file's sha256 and size, the edition's counts and fingerprint.

    ``inputs`` (per format, a hash of what it was made from) lets an unchanged rebuild be
    skipped; ``pages`` keeps the PDF's page of every anchor for a DOCX built on its own.
    """
    manifest = {
        "edition": edition,
        "fingerprint": fingerprint,
        "counts": counts,
        "files": {name: {"sha256": sha256(data), "size": len(data)}
                  for name, data in sorted(files.items())},
    }
    if inputs is not None:
        manifest["inputs"] = dict(sorted(inputs.items()))
    if pages is not None:
        manifest["pages"] = dict(sorted(pages.items()))
    return (json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()


def read_manifest(folder: Path) -> dict | None:
    """Return the manifest of a built edition folder, or None."""
    try:
        return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_outputs(folder: Path, files: dict[str, bytes], manifest: bytes) -> list[Path]:
    """Write every output, then the manifest last; return the paths written."""
    written = []
    for name, data in sorted(files.items()):
        path = folder / name
        write_atomic(path, data)
        written.append(path)
    write_atomic(folder / "manifest.json", manifest)
    return written
