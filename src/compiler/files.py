"""Write files atomically, hash files, folders and the compiler's own code (one walker for all), and seal caches."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from types import FrameType

from .errors import BuildError

# what signal.signal returns and takes: a handler, SIG_DFL or SIG_IGN, or None (one set outside Python)
_Handler = Callable[[int, FrameType | None], object] | int | signal.Handlers | None


@contextlib.contextmanager
def _stops_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM while temporary files exist: one that arrives meanwhile is raised again once the files
    are in place or removed.

    A stop that raises in Python (Ctrl+C, the PDF worker's SIGTERM when a build stops it mid-compile) could land
    between a temporary file's creation and the code that removes it, and leave it behind. Python runs signal
    handlers in the main thread only, so that is the one thread where a write can be cut short.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    held: dict[signal.Signals, _Handler] = {}
    try:
        for stop in (signal.SIGINT, signal.SIGTERM):
            held[stop] = signal.signal(stop, lambda signum, frame: caught.append(signum))
        yield
    finally:
        for stop, handler in held.items():
            signal.signal(stop, handler if handler is not None else signal.SIG_DFL)  # None: set outside Python
        for signum in dict.fromkeys(caught):
            signal.raise_signal(signum)  # its own handler now: KeyboardInterrupt, the worker's exit, ...


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never a part."""
    with _stops_held():
        _write_atomic(path, data)


def _write_atomic(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:  # e.g. a file where a folder should be
        raise BuildError(f"cannot write {path}: {exc.strerror} ({exc.filename})") from None
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


def write_all(files: dict[Path, bytes]) -> list[Path]:
    """Write every file or none: each to a temporary file beside it (written through to the disk), and only when all
    are written are they put in place, so that a full disk or a failure leaves every old file whole."""
    with _stops_held():
        return _write_all(files)


def _write_all(files: dict[Path, bytes]) -> list[Path]:
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            staged.append((tmp, path))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o644)
    except BaseException as exc:
        for tmp, _ in staged:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        if isinstance(exc, OSError):
            where = exc.filename or (staged[-1][1] if staged else "")
            raise BuildError(f"cannot write {where}: {exc.strerror}; nothing was replaced") from None
        raise
    for tmp, path in staged:
        os.replace(tmp, path)
    return [path for _, path in staged]


def sha256(data: bytes) -> str:
    """Return the hex sha256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def tree_files(root: Path, folders, ignored=()) -> tuple[tuple[str, int, int], ...]:
    """Return (path relative to root, mtime, size) of every regular file under ``folders``, in path order.

    ``ignored`` lists files or folders (absolute paths) to leave out. Walked with os.walk and
    plain strings: at 100x content (7,300 files) pathlib took 0.2 s.
    """
    root_s = str(root)
    skip = {str(p) for p in ignored}
    out = []
    for folder in folders:
        found = []
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames[:] = sorted(d for d in dirnames if os.path.join(dirpath, d) not in skip)
            for name in filenames:
                path = os.path.join(dirpath, name)
                try:
                    st = os.stat(path)
                except OSError:  # e.g. a broken link: not an input
                    continue
                if path not in skip and stat.S_ISREG(st.st_mode):
                    rel = os.path.relpath(path, root_s).replace(os.sep, "/")
                    found.append((rel.split("/"), rel, st.st_mtime_ns, st.st_size))
        out += [(rel, mtime, size) for _, rel, mtime, size in sorted(found)]
    return tuple(out)


def tree_digest(root: Path, folders, ignored=()) -> str:
    """Return a sha256 over the names and bytes of every file under ``folders`` (see tree_files)."""
    return _digest(str(root), tree_files(root, folders, ignored))


@lru_cache(maxsize=8)
def _digest(root: str, stats: tuple) -> str:  # cached while no file's time or size changes
    h = hashlib.sha256()
    for rel, _, _ in stats:
        h.update(rel.encode() + b"\0")
        h.update((Path(root) / rel).read_bytes())
        h.update(b"\0")
    return h.hexdigest()


@lru_cache(maxsize=1)
def code_digest() -> str:
    """Return a sha256 over the compiler's own source files and the libraries that shape its outputs.

    Computed once per run. A change to any module (a renderer, a check, the model) gives a new
    value, so outputs and caches made by other code are never taken as current. The libraries
    are named by their installed distributions (name and version), read from one listing of the
    site-packages folders: importlib.metadata took a tenth of a build of today's edition.
    """
    import sys

    wanted = {name.lower().replace("-", "_") for name in SHAPING_PACKAGES}
    found = []
    for folder in sorted({p for p in sys.path if p.endswith(("site-packages", "dist-packages"))}):
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        found += [n for n in names if n.endswith(".dist-info") and n.split("-")[0].lower() in wanted]
    return source_digest(Path(__file__).resolve().parent, found)


def source_digest(package: Path, libraries: list[str]) -> str:
    """Return a sha256 over every Python source file of a package (names and bytes) and the named libraries."""
    h = hashlib.sha256("\0".join(sorted(libraries)).encode() + b"\0")
    for rel, _, _ in tree_files(package, [package]):
        if rel.endswith(".py"):
            h.update(rel.encode() + b"\0" + (package / rel).read_bytes() + b"\0")
    return h.hexdigest()


# The libraries whose version changes what the compiler writes (outputs or cached content).
SHAPING_PACKAGES = (
    "weasyprint",
    "pydyf",
    "fonttools",
    "python-docx",
    "jinja2",
    "markdown-it-py",
    "pyyaml",
    "pikepdf",
    "lxml",
)


SEAL_BYTES = 32


@lru_cache(maxsize=1)
def _user_key() -> bytes | None:
    """Return this user's key for sealing caches, kept outside any project (created on first use, readable by the
    user alone); None when it cannot be kept (then nothing is cached)."""
    home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "untoc-compilation"
    path = home / "cache-key"
    try:
        key = path.read_bytes()
        if len(key) >= SEAL_BYTES:
            return key
    except OSError:
        pass
    try:
        home.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = secrets.token_bytes(SEAL_BYTES)
        tmp = home / f".cache-key.{os.getpid()}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(key)
        os.replace(tmp, path)
        return path.read_bytes()  # another process may have written its own first: use what is there
    except OSError:
        return None


def seal(payload: bytes) -> bytes | None:
    """Return a cache's bytes marked with this user's key (None: no key, cache nothing). A cache is the
    project's file, in a folder that is shared and copied: only what this user's compiler wrote is read back."""
    key = _user_key()
    return None if key is None else hmac.new(key, payload, hashlib.sha256).digest() + payload


def unseal(data: bytes) -> bytes | None:
    """Return a sealed cache's payload if this user's compiler wrote it, else None (planted, copied or damaged)."""
    key = _user_key()
    if key is None or len(data) < SEAL_BYTES:
        return None
    mark, payload = data[:SEAL_BYTES], data[SEAL_BYTES:]
    return payload if hmac.compare_digest(mark, hmac.new(key, payload, hashlib.sha256).digest()) else None


def read_sealed(path: Path) -> bytes | None:
    """Return the payload of a sealed cache file, or None: missing, unreadable, or not this user's compiler's."""
    try:
        return unseal(path.read_bytes())
    except OSError:
        return None


def keep_sealed(path: Path, payload: bytes) -> None:
    """Write a cache file sealed with this user's key; one that cannot be written (or no key) is no error."""
    sealed = seal(payload)
    if sealed is not None:
        with contextlib.suppress(OSError, BuildError):
            write_atomic(path, sealed)
