"""Live preview: serve the web edition on 127.0.0.1, build it again when content or layouts change, reload the page."""

from __future__ import annotations

import http.server
import json
import mimetypes
import re
import sys
import threading
import time
import traceback
from urllib.parse import unquote, urlsplit

from markupsafe import escape

from ..content.select import latest_draft, latest_edition
from ..errors import CompilerError, ContentError
from ..files import tree_files
from ..project import Project
from .build import render_formats
from .check import checked_content
from .editions import edition_document
from .site import editions_files, editions_index

POLL_SECONDS = 0.25


def issued_note(content, edition_id: str) -> str | None:
    """Return what to say when the preview shows an issued edition: edits to content/ will not show in it."""
    spec = content.edition(edition_id)
    if spec is None or spec.status != "issued":
        return None
    return (
        f"The {spec.date_label} edition is issued: it is built from its record (content/issued/), so edits to "
        f'content/ do not show in it. To see them, start a draft: compiler edition new YYYY-MM "Month Year"'
    )


def snapshot(project: Project) -> tuple:
    """Return something that changes whenever a file under content/ or layouts/ is added, removed or edited."""
    return tree_files(project.root, [project.content_dir, project.root / "layouts"])


class Preview:
    """The current pages (or error) and a version number the open pages poll."""

    def __init__(self, project: Project, edition: str | None, echo=print):
        self.project = project
        self.edition = edition
        self.echo = echo
        self.version = 0
        self.pages: dict[str, bytes] = {}
        self.error: str | None = None
        self.index_js = b""  # build/editions.js as `build --all` would write it
        self.editions: list[str] = []
        self.lock = threading.Lock()
        self.changed = threading.Condition(self.lock)  # notified with every new version (the pages' reload event)
        self._stamp: tuple | None = None  # the files as they were when the last build began to read them
        self.note: str | None = None  # what the terminal was told of the edition shown

    def rebuild(self) -> None:
        """Build every edition's web page as `compiler build` does, in memory; on failure keep the error
        to show it. Never raises."""
        started = time.perf_counter()
        try:
            self._stamp = snapshot(self.project)  # before reading: an edit saved from now on is seen as one
        except OSError:  # pragma: no cover - a vanished folder mid-scan: the next look sees a change
            self._stamp = None
        try:
            content = checked_content(self.project)
            ids = content.edition_ids
            target = self.edition or latest_draft(content) or latest_edition(content)
            if target not in ids:
                raise CompilerError(f"unknown edition '{target}' (known: {', '.join(ids)})")
            note = issued_note(content, target)
            if note and note != self.note:
                self.echo(note)
            self.note = note
            pages = {}
            for eid in ids:
                doc = edition_document(content, eid)
                files, _ = render_formats(
                    self.project,
                    content,
                    doc,
                    ("html",),
                    live_reload=self.version + 1,
                    preview_note=issued_note(content, eid),
                )
                pages[eid] = files[f"{doc.base_name}.html"]
            index_js = editions_files(editions_index(content))["editions.js"]
            with self.lock:
                self.pages, self.editions, self.error = pages, ids, None
                self.index_js = index_js
                self.edition = target
                self.version += 1
                self.changed.notify_all()
            self.echo(f"rebuilt in {time.perf_counter() - started:.2f} s (version {self.version})")
        except ContentError as exc:  # the page reloads by itself: nothing to run again
            self._fail("\n".join([*exc.lines, f"{exc.errors} error(s)."]))
        except CompilerError as exc:
            self._fail(exc.format_message())
        except Exception:  # noqa: BLE001 - a bug must not stop the preview either: show it in the page
            self._fail(
                "unexpected error while building (a bug in the compiler; please report it):\n" + traceback.format_exc()
            )

    def _fail(self, message: str) -> None:
        with self.lock:
            self.error = message
            self.version += 1
            self.changed.notify_all()
        self.echo(f"build failed (version {self.version}); the page shows the error until it is fixed:\n{message}")

    def watch(self, stop: threading.Event) -> None:
        """Rebuild whenever a watched file changes, until ``stop`` is set: the operating system says when (inotify,
        through watchfiles, as MkDocs watches with watchdog); where it cannot, the folders are scanned on a timer.

        An edit saved after the last build began to read the files but before the operating system was watching
        (while the preview starts) is caught by comparing the files with what that build saw once the watch is in
        place (its first yield, a change or a quiet second)."""
        folders = [str(self.project.content_dir), str(self.project.root / "layouts")]
        try:
            from watchfiles import watch

            first = True
            for changes in watch(
                *folders, stop_event=stop, debounce=30, step=10, rust_timeout=1000, yield_on_timeout=True
            ):
                if changes or (first and snapshot(self.project) != self._stamp):
                    self.rebuild()
                first = False
            return
        except (ImportError, OSError, RuntimeError):  # no notifications here (or too many watches): scan instead
            pass
        while not stop.wait(POLL_SECONDS):
            try:
                stamp = snapshot(self.project)
            except OSError:  # pragma: no cover - a vanished folder mid-scan
                continue
            if stamp != self._stamp:
                time.sleep(0.05)  # let an editor finish writing
                self.rebuild()

    def wait_for_change(self, version: int, timeout: float) -> int:
        """Return the version once it differs from ``version`` (or after ``timeout`` seconds, as it is)."""
        with self.changed:
            self.changed.wait_for(lambda: self.version != version, timeout=timeout)
            return self.version

    def error_page(self, error: str | None = None, version: int | None = None) -> bytes:
        """Return the page that shows a build error (``error`` and ``version`` as read under the lock)."""
        from ..render.html import live_reload_script

        with self.lock:
            error = self.error if error is None else error
            version = self.version if version is None else version
        body = (
            f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Build error</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{ERROR_STYLE}</style>'
            f"</head><body><main><h1>The preview cannot be built</h1>"
            f'<pre class="build-error" role="alert">{escape(error or "")}</pre>'
            f"<p>Fix the file and save: this page reloads by itself.</p></main>"
            f"<script>{live_reload_script(version, error=True)}</script></body></html>"
        )
        return body.encode("utf-8")


ERROR_STYLE = (
    "body{margin:0;font-family:Carlito,Calibri,'Segoe UI',Arial,sans-serif;font-size:17px;line-height:1.5;"
    "color:#1a1a1a;background:#fff}main{max-width:48rem;margin:0 auto;padding:1.5rem}"
    "h1{color:#7f1d1d;font-size:1.5rem}.build-error{border:2px solid #b91c1c;background:#fef2f2;color:#7f1d1d;"
    "padding:1rem;white-space:pre-wrap;overflow-wrap:anywhere;font-family:monospace;font-size:.9rem}"
    "@media (prefers-color-scheme: dark){body{background:#121417;color:#e6e6e6}"
    ".build-error{background:#2a1215;color:#fecaca;border-color:#f87171}h1{color:#fca5a5}}"
)


def allowed_host(header: str, address) -> bool:
    """Return whether a request's Host names this server: its own address or localhost, with its port.

    Bound to every address (--host 0.0.0.0 or ::), the preview was opened to the network on purpose
    and any Host is answered.
    """
    host, port = address[0], address[1]
    if host in ("0.0.0.0", "::"):
        return True
    names = {host, "localhost", "127.0.0.1", "[::1]", f"[{host}]"}
    return header in {f"{name}:{port}" for name in names} | (names if port == 80 else set())


def make_handler(preview: Preview):
    """Return the request handler class bound to a preview."""

    class Handler(http.server.BaseHTTPRequestHandler):
        server_version = "untoc-compilation-preview"

        def log_message(self, fmt, *args):  # quiet: the terminal shows rebuilds and errors
            pass

        def send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", extra=None):
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def events(self, version: int) -> None:
            """Stream each new build's version to an open page as it happens (Server-Sent Events)."""
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if self.command == "HEAD":
                return
            try:
                self.wfile.write(f"retry: 1000\ndata: {json.dumps({'version': version})}\n\n".encode())
                self.wfile.flush()
                while True:
                    now = preview.wait_for_change(version, timeout=15)
                    if now == version:  # a comment now and then: a closed page is noticed and let go
                        self.wfile.write(b": waiting\n\n")
                    else:
                        version = now
                        self.wfile.write(f"data: {json.dumps({'version': version})}\n\n".encode())
                    self.wfile.flush()
            except OSError:  # the page went away
                return

        def do_HEAD(self):  # noqa: N802
            self.do_GET()

        def do_GET(self):  # noqa: N802 - http.server's interface
            try:
                path = unquote(urlsplit(self.path).path, errors="strict")
            except (UnicodeDecodeError, ValueError):
                return self.send(400, b"bad request: the path is not valid UTF-8", "text/plain")
            if "\0" in path or "\\" in path:
                return self.send(400, b"bad request: the path has a character no file name may have", "text/plain")
            if not allowed_host(self.headers.get("Host", ""), self.server.server_address):
                # a page of another site reaching the preview through DNS rebinding names its own host
                return self.send(
                    421, b"misdirected request: this preview answers only for its own address", "text/plain"
                )
            with preview.lock:
                version, error, pages, edition = preview.version, preview.error, dict(preview.pages), preview.edition
            if path == "/__version":
                return self.send(
                    200, json.dumps({"version": version, "error": bool(error)}).encode(), "application/json"
                )
            if path == "/__events":
                return self.events(version)
            if path == "/editions.js":
                with preview.lock:
                    index = preview.index_js
                return self.send(200, index, "text/javascript; charset=utf-8")
            if path == "/":
                if error or not edition:
                    return self.send(200, preview.error_page(error, version))
                return self.send(302, b"", extra={"Location": f"/{edition}/"})
            parts = [p for p in path.split("/") if p]
            if not parts or parts[0] not in pages and not error:
                return self.send(404, b"not found", "text/plain")
            if error:
                return self.send(200, preview.error_page(error, version))
            eid, rest = parts[0], parts[1:]
            if not rest or rest[0].endswith(f"-{eid}.html"):
                return self.send(200, pages[eid])
            # only the edition's own outputs: never its dry-run mail (every recipient) nor anything else in build/
            if len(rest) != 1 or not re.fullmatch(rf"[A-Za-z0-9._-]+-{re.escape(eid)}\.(pdf|docx|json)", rest[0]):
                return self.send(404, b"not found", "text/plain")
            folder = preview.project.edition_dir(eid).resolve()
            try:
                target = (folder / "/".join(rest)).resolve()
                if not target.is_relative_to(folder) or not target.is_file():
                    return self.send(404, b"not found", "text/plain")
                body = target.read_bytes()
            except OSError:  # unreadable, or a name the file system refuses
                return self.send(404, b"not found", "text/plain")
            ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            return self.send(200, body, ctype)

    return Handler


class PreviewServer(http.server.ThreadingHTTPServer):
    """The preview's server: a thread per request, and a backlog that holds many pages' requests at once (the
    default of five refused connections while a rebuild held the interpreter)."""

    request_queue_size = 128
    daemon_threads = True


def serve(project: Project, edition: str | None, host: str, port: int, echo=print) -> None:
    """Run the preview until interrupted."""
    preview = Preview(project, edition, echo)
    preview.rebuild()
    try:
        httpd = PreviewServer((host, port), make_handler(preview))
    except OSError as exc:
        raise CompilerError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    httpd.daemon_threads = True
    stop = threading.Event()
    watcher = threading.Thread(target=preview.watch, args=(stop,), daemon=True)
    watcher.start()
    shown = f"[{host}]" if ":" in host else host
    echo(
        f"serving the preview on http://{shown}:{httpd.server_address[1]}/ (watching content/ and layouts/; Ctrl+C stops)"
    )
    sys.stdout.flush()
    try:
        httpd.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        echo("stopped")
    finally:
        stop.set()
        httpd.server_close()
