"""Rendering is offline and confined: nothing outside the project's layouts and content is read."""

from __future__ import annotations

import hashlib
import http.server
import threading
from pathlib import Path

import pytest

from ..conftest import run_compiler, small_project


class _Counting(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 - http.server's interface
        type(self).requests.append(self.path)
        body = b"body { background: red }" if self.path.endswith(".css") else b"\x89PNG\r\n\x1a\n"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    _Counting.requests = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", _Counting.requests
    httpd.shutdown()


def _hashes(root: Path) -> dict:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in (root / "build").rglob("*")
        if p.is_file() and ".cache" not in p.parts
    }


def test_layout_references_outside_the_project_are_refused_and_nothing_is_fetched(tmp_path, server):
    base, requests = server
    root = small_project(tmp_path / "project")
    assert run_compiler(root, "build", "--format", "pdf").returncode == 0
    before = _hashes(root)
    (tmp_path / "outside.png").write_bytes(b"\x89PNG\r\n\x1a\nsecret")
    secret = Path("/etc/hostname") if Path("/etc/hostname").exists() else Path("/etc/passwd")
    css = root / "layouts" / "compilation" / "print.css"
    css.write_text(
        f"@import url({base}/imported.css);\n"
        + css.read_text(encoding="utf-8")
        + f"\n.toc {{ background: url({base}/bg.png); }}\n",
        encoding="utf-8",
    )
    template = root / "layouts" / "compilation" / "pdf.html.j2"
    text = template.read_text(encoding="utf-8")
    text = text.replace("</head>", f'<link rel="stylesheet" href="{base}/linked.css">\n</head>')
    text = text.replace(
        "<main>",
        f'<main>\n<img src="{secret.as_uri()}" alt="">'
        f'<img src="../../../outside.png" alt="">'
        f'<img src="%2e%2e/%2e%2e/%2e%2e/outside.png" alt="">'
        f'<img src="{base}/img.png" alt="">',
    )
    template.write_text(text, encoding="utf-8")
    result = run_compiler(root, "build", "--format", "pdf")
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    err = result.stderr
    assert "PDF rendering reported problems (nothing was written)" in err
    for needle in (
        f"{base}/imported.css",
        f"{base}/bg.png",
        f"{base}/linked.css",
        f"{base}/img.png",
        secret.as_uri(),
        "outside.png",
    ):
        assert needle in err, needle
    assert err.count("outside.png") >= 2  # the ../ and the %2e%2e/ forms
    assert "rendering is offline" in err and "outside the project's layouts and content" in err
    assert requests == []
    assert _hashes(root) == before


def test_content_cannot_smuggle_in_images_or_remote_resources(tmp_path, server):
    base, requests = server
    root = small_project(tmp_path / "project")
    md = root / "content" / "front" / "guidance.md"
    md.write_text(
        md.read_text(encoding="utf-8") + f"\n![logo]({base}/logo.png) "
        f"![x](file:///etc/passwd) ![y](../../outside.png) ![z](%2e%2e/x.png)\n"
        f'\n<img src="{base}/raw.png"> <link rel=stylesheet href="{base}/x.css">\n',
        encoding="utf-8",
    )
    result = run_compiler(root, "build", "--format", "pdf,html")
    assert result.returncode == 1
    assert result.stderr.count("images are not allowed in content") == 4
    assert requests == []
    # raw HTML is text, not markup: once the images are gone it is printed escaped, never fetched
    md.write_text(
        md.read_text(encoding="utf-8").split("\n![logo]")[0] + f'\n\n<img src="{base}/raw.png">\n', encoding="utf-8"
    )
    result = run_compiler(root, "build", "--format", "pdf,html", "--allow-changes")  # content of an issued edition
    assert result.returncode == 0, result.stderr
    html = (root / "build" / "2024-09" / "untoc-review-mechanism-compilation-2024-09.html").read_text()
    assert f"&lt;img src=&#34;{base}/raw.png&#34;&gt;" in html
    assert requests == []
