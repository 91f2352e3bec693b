"""A forked helper process that imports WeasyPrint while the parent reads the content, then renders PDFs.

Importing WeasyPrint takes about 0.4 s (see weasyprint_import.py), as long as reading and
checking today's content; on the project's two cores both happen at once. Where fork is
unavailable the parent renders in-process.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import struct

from ..errors import BuildError


def _send(fd: int, obj) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    os.write(fd, struct.pack("!Q", len(data)))
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _receive(fd: int):
    head = _read_exactly(fd, 8)
    if head is None:
        return None
    return pickle.loads(_read_exactly(fd, struct.unpack("!Q", head)[0]) or b"")


def _read_exactly(fd: int, n: int) -> bytes | None:
    chunks, left = [], n
    while left:
        piece = os.read(fd, min(left, 1 << 20))
        if not piece:
            return None
        chunks.append(piece)
        left -= len(piece)
    return b"".join(chunks)


class PdfWorker:
    """Renders edition PDFs in a child process; start it before loading the content."""

    def __init__(self, layout_dir=None):
        self.pid = None
        self._submitted = False
        if not hasattr(os, "fork"):
            return
        jobs_r, self.jobs_w = os.pipe()
        self.results_r, results_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(self.jobs_w)
            os.close(self.results_r)
            self._serve(jobs_r, results_w, layout_dir)
        os.close(jobs_r)
        os.close(results_w)
        self.pid = pid

    @staticmethod
    def _serve(jobs: int, results: int, layout_dir) -> None:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        status = 0
        try:
            from .weasyprint_import import load_weasyprint

            load_weasyprint()  # the point of the worker: import it early
            from .pdf import render_edition_pdf

            # compile the print templates while the parent reads the content, unless a job is
            # already waiting (today's editions arrive with their HTML rendered)
            if layout_dir is not None and not select.select([jobs], [], [], 0)[0]:
                from .html import _environment

                try:
                    _environment(str(layout_dir)).get_template("pdf.html.j2")
                except Exception:  # the job reports template errors properly
                    pass

            while (job := _receive(jobs)) is not None:
                try:
                    _send(results, ("ok", render_edition_pdf(*job)))
                except BuildError as exc:
                    _send(results, ("error", exc.format_message()))
                except Exception as exc:  # reported by the parent, without a traceback
                    _send(results, ("error", f"PDF rendering failed: {type(exc).__name__}: {exc}"))
        except BaseException:
            status = 1
        finally:
            os._exit(status)

    def submit(self, doc, layout_dir, content_dir, front_length=None, html=None, data=None) -> None:
        """Start rendering an edition's PDF in the worker; collect it with result()."""
        _send(self.jobs_w, (doc, layout_dir, content_dir, front_length, html, data))
        self._submitted = True

    def result(self):
        """Return the PdfResult of the job submitted last."""
        reply = _receive(self.results_r)
        if reply is None:
            raise BuildError("the PDF renderer stopped unexpectedly; nothing was written")
        kind, value = reply
        if kind == "error":
            raise BuildError(value)
        return value

    def close(self) -> None:
        """Stop the worker; one that was never given a job is stopped at once, mid-import."""
        if self.pid is None:
            return
        if not self._submitted:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        try:
            os.close(self.jobs_w)
            os.close(self.results_r)
        finally:
            try:
                os.waitpid(self.pid, 0)
            except ChildProcessError:
                pass
            self.pid = None
