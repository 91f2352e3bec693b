"""Read a source file within limits: its size checked before it is read, then extracted in a child process that
may use so much memory and time (a hostile or broken file gets a clear message, never a hang or a full machine)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import multiprocessing
import os
import signal
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import CompilerError
from ..files import code_digest, keep_sealed, read_sealed
from .extract import Extraction, extract

ENV = "UNTOC_IMPORT_"


@dataclass(frozen=True)
class Limits:
    """How much a source file may ask: its size, a DOCX part's inflated size and ratio, a PDF's pages, the text
    it yields, and the memory and time its reading may take. Each is an UNTOC_IMPORT_* setting."""

    max_mb: float = 50.0  # the file itself
    max_pages: int = 500  # of a PDF
    max_text_mb: float = 10.0  # of text extracted
    max_ratio: int = 200  # a DOCX part's inflated size over its compressed size
    memory_mb: int = 2048  # the address space the reading may add to what its process has mapped
    seconds: float = 120.0  # the reading process's time

    @classmethod
    def from_environment(cls) -> Limits:
        """Return the limits, each UNTOC_IMPORT_<NAME> given overriding its default (a positive number)."""
        values = {}
        for name, default in cls().__dict__.items():
            raw = os.environ.get(ENV + name.upper())
            if not raw:
                continue
            try:
                value = type(default)(raw)
            except ValueError:
                value = -1
            if not (math.isfinite(value) and value > 0):
                raise CompilerError(f"{ENV}{name.upper()} must be a positive number, not {raw!r}")
            values[name] = value
        return cls(**values)


def _check_size(path: Path, limits: Limits) -> None:
    """Refuse a file too large to be a document, or a DOCX whose parts would inflate beyond reason, before it is read."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise CompilerError(f"{path}: no such file") from None
    except OSError as exc:
        raise CompilerError(f"{path}: cannot read it: {exc.strerror}") from None
    if size > limits.max_mb * 1e6:
        raise CompilerError(
            f"{path}: {size / 1e6:.1f} MB is more than a report or a summary ({limits.max_mb:g} MB at most; "
            f"{ENV}MAX_MB sets it)"
        )
    if path.suffix.lower() != ".docx":
        return
    try:
        with zipfile.ZipFile(path) as z:
            for info in z.infolist():
                if info.file_size > limits.max_text_mb * 1e6 * 10 or info.file_size > limits.max_ratio * max(
                    info.compress_size, 1
                ):
                    raise CompilerError(
                        f"{path}: its part {info.filename} would inflate to {info.file_size / 1e6:.0f} MB "
                        f"({info.file_size // max(info.compress_size, 1)} times its size): not a document to read "
                        f"({ENV}MAX_RATIO, {ENV}MAX_TEXT_MB set the limits)"
                    )
    except zipfile.BadZipFile as exc:
        raise CompilerError(f"{path}: cannot read it as docx: {exc}") from None


def _address_space() -> int:
    """Return the bytes of address space this process has mapped (a forked child starts with its parent's: the
    preview's, with WeasyPrint loaded, maps far more than a command's)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _child(conn, path: str, limits: Limits) -> None:
    """Read the file under the limits and send back ("ok", data) or ("error", message)."""
    import resource

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle
    memory = _address_space() + limits.memory_mb * 1024 * 1024  # what the reading may add to what is mapped already
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = math.ceil(limits.seconds)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    try:
        extraction = extract(Path(path), max_pages=limits.max_pages, max_chars=int(limits.max_text_mb * 1e6))
        answer: tuple[str, object] = ("ok", extraction.to_data())
    except CompilerError as exc:
        answer = ("error", exc.format_message())
    except MemoryError:
        answer = ("error", f"{path}: reading it needs more than {limits.memory_mb} MB ({ENV}MEMORY_MB sets it)")
    try:
        conn.send(answer)
    except OSError:
        pass
    finally:
        conn.close()


def extract_bounded(path: Path, limits: Limits | None = None, cache_dir: Path | None = None) -> Extraction:
    """Return a source file's lines, as extract() gives them, read within ``limits`` (the environment's by
    default): a file too large, a part that inflates beyond reason, too many pages or too much text, or a reading
    that takes too much memory or time is refused with what to change.

    With ``cache_dir`` (a project's build/.cache), the lines are kept there by the file's bytes and the compiler's
    code (and its kind, by its suffix), sealed with this user's key, so that an import and every later check of the
    kept original read it once.
    """
    limits = limits or Limits.from_environment()
    _check_size(path, limits)
    if cache_dir is None:
        return _extract_within(path, limits)
    stamp = f"{path.suffix.lower()}\0{code_digest()}\0".encode()  # read by its kind: the same bytes, the same lines
    key = hashlib.sha256(stamp + path.read_bytes()).hexdigest()[:32]
    kept = cache_dir / f"extract-{key}"
    payload = read_sealed(kept)  # only lines this user's compiler read: a planted file passes no check
    if payload is not None:
        with contextlib.suppress(ValueError, KeyError, TypeError):  # not lines this code wrote: read the file again
            return Extraction.from_data(json.loads(payload))
    extraction = _extract_within(path, limits)
    keep_sealed(kept, json.dumps(extraction.to_data()).encode())
    return extraction


def _extract_within(path: Path, limits: Limits) -> Extraction:
    """Return a source file's lines, read in a child process within ``limits``."""
    if "fork" not in multiprocessing.get_all_start_methods():  # pragma: no cover - the limits need a child
        return extract(path, max_pages=limits.max_pages, max_chars=int(limits.max_text_mb * 1e6))
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(child, str(path), limits), daemon=True)
    process.start()
    child.close()
    try:
        if not parent.poll(limits.seconds):
            raise CompilerError(
                f"{path}: reading it took longer than {limits.seconds:g} s, so it was stopped: it is damaged or not "
                f"a document this tool reads ({ENV}SECONDS sets the limit)"
            )
        try:
            status, data = parent.recv()
        except (EOFError, OSError):
            raise CompilerError(
                f"{path}: reading it stopped, most likely for want of memory ({limits.memory_mb} MB at most; "
                f"{ENV}MEMORY_MB sets it): it is damaged or not a document this tool reads"
            ) from None
    finally:
        parent.close()
        if process.is_alive():
            process.kill()
        process.join()
    if status == "error":
        raise CompilerError(str(data))
    assert isinstance(data, dict)
    return Extraction.from_data(data)
