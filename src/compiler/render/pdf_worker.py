"""A helper process that imports WeasyPrint while the parent reads the content, then lays out PDFs.

Importing WeasyPrint takes about 0.4 s (see weasyprint_import.py), as long as reading and
checking today's content; on the project's two cores both happen at once. The process is a
forked multiprocessing.Process talking over a multiprocessing Pipe; where fork is
unavailable the parent renders in-process.
"""

from __future__ import annotations

import multiprocessing
import signal

from ..errors import BuildError


def _serve(jobs, parent_end, layout_dir) -> None:
    """Import WeasyPrint, then answer every job with ("ok", PdfResult) or ("error", message)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, _stop)  # stopped by close(): unwind, so no half-written cache file stays
    parent_end.close()  # forked with the parent's end open: close it, or the parent's close() never ends this loop
    from .weasyprint_import import load_weasyprint

    load_weasyprint()  # the point of the worker: import it early
    from .pdf import render_edition_pdf

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
        try:
            jobs.send(("ok", render_edition_pdf(*job)))
        except BuildError as exc:
            jobs.send(("error", exc.format_message()))
        except Exception as exc:  # noqa: BLE001 - any failure goes back to the parent, which reports it
            jobs.send(("error", f"PDF rendering failed: {type(exc).__name__}: {exc}"))


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
        self.process = context.Process(target=_serve, args=(child, self.conn, layout_dir), daemon=True)
        self.process.start()
        child.close()

    @property
    def running(self) -> bool:
        return self.process is not None

    def submit(self, view, layout_dir, content_dir, front_length=None, html=None, data=None) -> None:
        """Start laying out an edition's PDF in the worker; collect it with result()."""
        self.conn.send((view, layout_dir, content_dir, front_length, html, data))
        self._submitted = True

    def result(self):
        """Return the PdfResult of the job submitted last."""
        try:
            kind, value = self.conn.recv()
        except (EOFError, OSError):
            raise BuildError("the PDF renderer stopped unexpectedly; nothing was written") from None
        if kind == "error":
            raise BuildError(value)
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
