"""A cache of checked content in build/.cache/, valid while no file under content/ changes.

Reading and checking a 100x edition takes over a second; `compiler find`, `check` and rebuilds
load the cached result instead. The cache is the project's own file (like build/), written and
read only by the compiler; it is ignored whenever content/ or the compiler's version differs.
"""

from __future__ import annotations

import hashlib
import os
import pickle

from ..output import write_atomic

CACHE_VERSION = "1"


def _key(project) -> str:
    from importlib.metadata import version

    h = hashlib.sha256(f"{CACHE_VERSION}\0{version('untoc-compilation')}\0{project.root}\0".encode())
    for path in sorted(p for p in project.content_dir.rglob("*") if p.is_file()):
        h.update(path.relative_to(project.content_dir).as_posix().encode() + b"\0")
        h.update(path.read_bytes() + b"\0")
    return h.hexdigest()


def _path(project):
    return project.build_dir / ".cache" / "content.pickle"


def load_cached(project):
    """Return the cached Content if it was made from the content as it is now, else None."""
    if os.environ.get("UNTOC_NO_CACHE"):
        return None
    try:
        data = _path(project).read_bytes()
        key, content = pickle.loads(data)
    except Exception:  # missing, damaged or from another version: just load the content
        return None
    return content if key == _key(project) else None


def store(project, content) -> None:
    """Cache content that loaded without errors (a failure to write is not an error)."""
    if os.environ.get("UNTOC_NO_CACHE"):
        return
    try:
        write_atomic(_path(project), pickle.dumps((_key(project), content), protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:
        pass
