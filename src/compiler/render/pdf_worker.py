"""A helper process that imports WeasyPrint while the parent reads the content, then writes PDFs through the registry.

Importing WeasyPrint takes about 0.4 s (see weasyprint_import.py), as long as reading and
checking today's content; on the project's two cores both happen at once. The process is a
forked multiprocessing.Process talking over a multiprocessing Pipe; where fork is
unavailable the parent renders in-process.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import signal
import traceback

from ..errors import BuildError, CompilerError


class WorkerFailed(Exception):
    """The worker process failed in a way that is not the user's mistake: a bug, with its traceback."""


def _serve(jobs, parent_end, layout_dir) -> None:
    """Import WeasyPrint, then answer every (format, view, options) job with ("ok", bytes), ("error",
    the compiler's error) or ("bug", a traceback)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, _stop)  # stopped by close(): unwind, so no half-written cache file stays
    parent_end.close()  # forked with the parent's end open: close it, or the parent's close() never ends this loop
    from .weasyprint_import import load_weasyprint

    load_weasyprint()  # the point of the worker: import it early
    from . import writer

    writer("pdf")  # and the writer's modules (the View's and the model's, which the job needs to arrive)

    # compile the print templates while the parent reads the content, unless a job is already
    # waiting (today's editions arrive with their HTML rendered)
    if layout_dir is not None and not jobs.poll(0):
        from .html import compile_templates

        compile_templates(layout_dir, "pdf.html.j2")
    while True:
        try:
            job = jobs.recv()
        except EOFError:  # the parent closed its end: done
            return
        fmt, view, options = job
        answer: tuple[str, bytes | str]
        try:
            answer = ("ok", writer(fmt)(view, options))
        except CompilerError as exc:
            answer = ("error", exc.format_message())
        except Exception:  # noqa: BLE001 - a bug: its traceback goes back to the parent, which shows it
            answer = ("bug", traceback.format_exc())
        try:
            jobs.send(answer)
        except OSError:  # the parent stopped waiting (it failed on its own side and said why): nothing to add
            return


def _stop(signum, frame):
    raise SystemExit(0)


class PdfWorker:
    """Lays out edition PDFs in a child process; start it before loading the content."""

    def __init__(self, layout_dir=None):
        self.process = None
        self._submitted = False
        if "fork" not in multiprocessing.get_all_start_methods():
            return
        context = multiprocessing.get_context("fork")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, self.conn, layout_dir))
        self.process.start()
        child.close()

    @property
    def running(self) -> bool:
        return self.process is not None

    def submit(self, fmt: str, view, options) -> None:
        """Start writing a format (the registry's writer) in the worker; collect it with result()."""
        self.conn.send((fmt, view, dataclasses.replace(options, pages=dict)))  # what waits on the parent stays
        self._submitted = True

    def result(self) -> bytes:
        """Return the bytes of the job submitted last; its error or bug is raised here."""
        try:
            kind, value = self.conn.recv()
        except (EOFError, OSError):
            raise WorkerFailed("the PDF worker process stopped unexpectedly") from None
        if kind == "error":
            raise BuildError(value)
        if kind == "bug":
            raise WorkerFailed(f"the PDF worker failed:\n{value}")
        return value

    def close(self) -> None:
        """Stop the worker; one that was never given a job is stopped at once, mid-import or mid-compile.

        It is asked to stop (SIGTERM), not killed: it may be writing the templates' compiled
        cache, and unwinding lets that write finish or remove its temporary file.
        """
        if self.process is None:
            return
        if not self._submitted:
            self.process.terminate()
        self.conn.close()
        self.process.join(timeout=10)
        if self.process.exitcode is None:  # stuck in native code: give up on it
            self.process.kill()
            self.process.join()
        self.process = None
