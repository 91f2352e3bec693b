"""A URL fetcher for WeasyPrint that reads only the project's own layout and content files."""

from __future__ import annotations

import hashlib
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse


class ConfinedFetcher(URLFetcher):
    """Serve ``data:`` URLs and ``file:`` URLs inside the allowed folders; refuse the rest.

    Refused URLs are remembered in ``refused`` so that the build can fail with all of them
    listed, and files read in ``read`` (a layout kept for later is good while they are unchanged);
    nothing is ever requested from a network.
    """

    def __init__(self, allowed_dirs: list[Path]):
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False, timeout=1)
        self.allowed = [d.resolve() for d in allowed_dirs]
        self.refused: list[str] = []
        self.read: dict[str, str] = {}  # every file read: its path and the sha256 of what was read

    def _refuse(self, url: str, why: str):
        self.refused.append(f"{url} ({why})")
        raise ValueError(f"refused to fetch {url}: {why}")

    def fetch(self, url, headers=None):  # noqa: D102 - WeasyPrint's interface
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme != "file":
            return self._refuse(url, "rendering is offline: only the project's own files are read")
        raw = urlsplit(url)
        if raw.netloc not in ("", "localhost"):
            return self._refuse(url, "not a local file")
        path = Path(unquote(raw.path))
        try:
            real = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return self._refuse(url, "no such file in the project")
        if not any(real.is_relative_to(d) for d in self.allowed) or not real.is_file():
            return self._refuse(url, "outside the project's layouts and content")
        mime = mimetypes.guess_type(real.name)[0] or "application/octet-stream"
        body = real.read_bytes()
        self.read[str(real)] = hashlib.sha256(body).hexdigest()
        return URLFetcherResponse(url=real.as_uri(), body=body, headers={"Content-Type": mime})
