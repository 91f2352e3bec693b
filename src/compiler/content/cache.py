"""Caches of content in build/.cache/: all of it checked, and each section file as read.

Reading and checking a 100x edition takes seconds; `compiler find`, `check` and rebuilds load
the cached result instead while no file under content/ changes. When one does, only the
section files whose text changed are parsed again (SectionCache); the checks across files run
again in full. The caches are the project's own files (like build/), written and read only by
the compiler, and ignored whenever the compiler's code (files.code_digest) differs. They are pickles, so each is
sealed with this user's key (files.seal) and read only if the seal holds: a file planted in a shared or copied
project folder is never unpickled.
"""

from __future__ import annotations

import hashlib
import os
import pickle

from ..files import code_digest, keep_sealed, read_sealed, seal, tree_digest, unseal, write_atomic

CACHE_VERSION = "3"


def content_key(project) -> str:
    """Return a sha256 over the compiler's code and every file under content/."""
    files = tree_digest(project.root, [project.content_dir])
    return hashlib.sha256(f"{CACHE_VERSION}\0{code_digest()}\0{project.root}\0{files}".encode()).hexdigest()


def _path(project):
    return project.build_dir / ".cache" / "content.pickle"


def load_cached(project, key: str):
    """Return the cached Content if it was made from the content as it is now (``key``), else None.

    The file starts with the key on a line of its own, so a stale cache is not unpickled.
    """
    if os.environ.get("UNTOC_NO_CACHE"):
        return None
    try:
        with open(_path(project), "rb") as fh:
            if fh.readline().rstrip(b"\n") != key.encode():
                return None
            payload = unseal(fh.read())
        return pickle.loads(payload) if payload is not None else None
    except Exception:  # noqa: BLE001 - missing, damaged or from another version: just load the content
        return None


def is_current(project) -> bool:
    """Return whether the content loaded without errors as it is now (its cache is current): nothing to check again."""
    if os.environ.get("UNTOC_NO_CACHE"):
        return False
    try:
        with open(_path(project), "rb") as fh:
            return fh.readline().rstrip(b"\n") == content_key(project).encode()
    except OSError:
        return False


def store(project, content, key: str) -> None:
    """Cache content that loaded without errors (a failure to write is not an error)."""
    if os.environ.get("UNTOC_NO_CACHE"):
        return
    try:
        sealed = seal(pickle.dumps(content, protocol=pickle.HIGHEST_PROTOCOL))
        if sealed is not None:
            write_atomic(_path(project), key.encode() + b"\n" + sealed)
    except Exception:  # noqa: BLE001 - a cache that cannot be written is no error
        pass


class SectionCache:
    """Section files as read (spec and problems), reused while a file's text is unchanged."""

    def __init__(self, project):
        self.path = project.build_dir / ".cache" / "sections.pickle"
        self.enabled = not os.environ.get("UNTOC_NO_CACHE")
        self.key = f"{CACHE_VERSION}:{code_digest()}" if self.enabled else ""
        self.old: dict = {}
        self.new: dict = {}
        if self.enabled:
            try:
                payload = read_sealed(self.path)
                key, entries = pickle.loads(payload) if payload is not None else ("", {})
                if key == self.key:
                    self.old = entries
            except Exception:  # noqa: BLE001 - missing, planted, damaged or from another version: read every file
                pass

    def get(self, rel: str, part: str, text: str):
        """Return (spec or None, problems) read earlier from this text, or None."""
        digest = hashlib.sha256(f"{part}\0{text}".encode()).digest()
        hit = self.old.get(rel)
        if hit is not None and hit[0] == digest:
            self.new[rel] = hit
            return hit[1], list(hit[2])
        return None

    def put(self, rel: str, part: str, text: str, spec, problems) -> None:
        self.new[rel] = (hashlib.sha256(f"{part}\0{text}".encode()).digest(), spec, tuple(problems))

    def save(self) -> None:
        """Keep the entries of the files read this time (a failure to write is not an error)."""
        if not self.enabled or self.new == self.old:
            return
        keep_sealed(self.path, pickle.dumps((self.key, self.new), protocol=pickle.HIGHEST_PROTOCOL))
