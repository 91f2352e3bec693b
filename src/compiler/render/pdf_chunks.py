"""Lay out the print edition's chunks as tagged PDFs on every core, and keep each layout for the next build."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import multiprocessing
import os
import signal
import threading
import traceback
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..errors import BuildError
from ..files import code_digest, keep_sealed, read_sealed


@dataclass(frozen=True)
class ChunkLayout:
    """One chunk laid out and written: its tagged PDF, its page count, the page (index in the chunk) of each
    anchor, and the files the layout read (stylesheets, fonts, images: path and sha256)."""

    data: bytes
    pages: int
    anchors: dict[str, int]
    reads: dict[str, str]


@dataclass(frozen=True)
class ChunkJob:
    """What a worker lays out: a chunk's HTML, and the key its layout is kept under."""

    html: str
    key: str


@dataclass(frozen=True)
class Setting:
    """What every chunk is laid out with: the folders it may read, its date, and where layouts are kept."""

    layout_dir: Path
    content_dir: Path
    when: datetime
    cache_dir: Path | None = None

    def key(self, html: str) -> str:
        """Return the key of a chunk's layout: its HTML, the date and the code. (The files the layout read are
        checked when it is taken from the cache: see _Cache.get.)"""
        stamp = f"{code_digest()}\0{self.when.isoformat()}\0"
        return hashlib.sha256(stamp.encode() + html.encode()).hexdigest()


def chunk_cache(cache_dir: Path | None) -> Path | None:
    """Return where chunk layouts are kept: UNTOC_PDF_CACHE if set (a folder shared by several projects or clones,
    as a CI machine may keep one), else build/.cache/pdf-chunks of the project (None: kept nowhere)."""
    shared = os.environ.get("UNTOC_PDF_CACHE")
    if shared:
        return Path(shared)
    return cache_dir / "pdf-chunks" if cache_dir else None


MEMO_PREFIX = "pdf-layout-"  # the file of an edition's last layout: its chunks' lengths and anchors' pages


def layout_memos(cache_dir: Path | None, edition: str) -> list[Path]:
    """Return where an edition's last layout is kept, the first guess of the next (render_edition_pdf): the project's
    build/.cache, then the shared UNTOC_PDF_CACHE if set, so that a clone's first build guesses from another's."""
    name = f"{MEMO_PREFIX}{edition}.json"
    shared = os.environ.get("UNTOC_PDF_CACHE")
    return [folder / name for folder in (cache_dir, Path(shared) if shared else None) if folder is not None]


def processes() -> int:
    """Return how many chunks are laid out at once: one per core this process may use, or UNTOC_PDF_PROCESSES."""
    raw = os.environ.get("UNTOC_PDF_PROCESSES", "").strip()
    if raw:
        if not raw.isdigit() or int(raw) < 1:
            raise BuildError(f"UNTOC_PDF_PROCESSES must be a whole number of at least 1, not {raw!r}")
        return int(raw)
    if hasattr(os, "sched_getaffinity"):  # the cores this process may run on (Linux)
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def lay_out(jobs: list[ChunkJob], setting: Setting) -> list[ChunkLayout]:
    """Return the layout of every job, in order: from the cache, else laid out, in parallel where it can be.

    Every problem of every chunk is raised at once (a BuildError); the bytes do not depend on how
    many processes run, since each chunk is laid out and written on its own.
    """
    cache = _Cache(setting.cache_dir)
    done: dict[int, ChunkLayout] = {}
    for i, job in enumerate(jobs):
        kept = cache.get(job.key)
        if kept is not None:
            done[i] = kept
    todo = [(i, job) for i, job in enumerate(jobs) if i not in done]
    answers = _run([(job.html, job.key, setting) for _, job in todo], min(processes(), len(todo)))
    problems: list[str] = []
    for (i, job), (kind, value) in zip(todo, answers):
        if kind == "ok":
            assert isinstance(value, ChunkLayout)
            done[i] = value
            cache.put(job.key, value)
        elif kind == "error":
            problems.append(str(value))
        else:
            raise RuntimeError(f"laying out a chunk of the PDF failed:\n{value}")
    if problems:
        raise BuildError("\n".join(dict.fromkeys(problems)))
    return [done[i] for i in range(len(jobs))]


def _run(tasks: list[tuple], count: int) -> list[tuple[str, object]]:
    """Run tasks in ``count`` forked processes (in this one if only one, or if threads make forking unsafe)."""
    if count <= 1 or threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [_lay_out_one(t) for t in tasks]
    context = multiprocessing.get_context("fork")
    # the longest chunks first (by their HTML), so that no core is left with a long one at the end
    order = sorted(range(len(tasks)), key=lambda i: -len(tasks[i][0]))
    answers: list[tuple[str, object]] = [("bug", "not laid out")] * len(tasks)
    pool = context.Pool(count, initializer=_default_signals)
    try:
        for i, answer in zip(order, pool.imap(_lay_out_one, [tasks[i] for i in order], chunksize=1)):
            answers[i] = answer
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
    return answers


def _default_signals() -> None:
    """In a pool's process: stop at once when stopped (the PDF worker's own handler unwinds, see pdf_worker.py)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _lay_out_one(task: tuple) -> tuple[str, object]:
    """Lay out and write one chunk: ("ok", its ChunkLayout), ("error", its problems) or ("bug", a traceback)."""
    html, key, setting = task
    from .pdf_session import Session, anchor_pages

    try:
        session = Session(setting.layout_dir, setting.content_dir, setting.when)
        with session.active():
            document = session.render(html)
            out = io.BytesIO()
            document.write_pdf(out, pdf_variant="pdf/ua-1", pdf_identifier=key[:32].encode())
        anchors = anchor_pages(document.pages)  # each anchor's page within the chunk
        return "ok", ChunkLayout(out.getvalue(), len(document.pages), anchors, dict(session.fetcher.read))
    except BuildError as exc:
        return "error", exc.format_message().removeprefix("Error: ")
    except Exception:  # noqa: BLE001 - a bug: its traceback goes back to the caller
        return "bug", traceback.format_exc()


KEPT = 200  # chunk layouts kept: the most recently used (a 100x edition has some 25 chunks)


class _Cache:
    """Chunk layouts of earlier builds (build/.cache/pdf-chunks/ or UNTOC_PDF_CACHE), sealed with this user's key."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.digests: dict[str, str | None] = {}  # the files' sha256 now, each read once

    def _unchanged(self, reads: dict[str, str]) -> bool:
        """Return whether every file a kept layout read still has the bytes it read."""
        for path, digest in reads.items():
            if path not in self.digests:
                try:
                    self.digests[path] = hashlib.sha256(Path(path).read_bytes()).hexdigest()
                except OSError:
                    self.digests[path] = None
            if self.digests[path] != digest:
                return False
        return True

    def get(self, key: str) -> ChunkLayout | None:
        if self.folder is None:
            return None
        payload = read_sealed(self.folder / key)
        if payload is None:
            return None
        with contextlib.suppress(OSError):
            os.utime(self.folder / key)  # recently used: kept when the cache is pruned
        with contextlib.suppress(ValueError, KeyError, TypeError, AttributeError):  # not a layout this code wrote
            head, _, data = payload.partition(b"\n")
            meta = json.loads(head)
            reads = {str(k): str(v) for k, v in meta["reads"].items()}
            if len(data) == meta["size"] and self._unchanged(reads):
                anchors = {str(k): int(v) for k, v in meta["anchors"].items()}
                return ChunkLayout(data, int(meta["pages"]), anchors, reads)
        return None

    def put(self, key: str, layout: ChunkLayout) -> None:
        if self.folder is None:
            return
        meta = {"pages": layout.pages, "anchors": layout.anchors, "reads": layout.reads, "size": len(layout.data)}
        head = json.dumps(meta, sort_keys=True)
        keep_sealed(self.folder / key, head.encode() + b"\n" + layout.data)
        with contextlib.suppress(OSError):  # pruned when it can be
            layouts = [p for p in self.folder.iterdir() if not p.name.startswith(MEMO_PREFIX)]
            kept = sorted(layouts, key=lambda p: p.stat().st_mtime_ns, reverse=True)
            for old in kept[KEPT:]:
                old.unlink(missing_ok=True)
