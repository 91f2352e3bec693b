"""The cover logo for the DOCX: a PNG from content/assets/, or an SVG drawn as PNG by rsvg-convert."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from ..errors import BuildError

# Drawn this wide for the DOCX (about 300 dpi at the cover's 14 mm height for a square emblem).
SVG_WIDTH_PX = 600


def logo_png(content_dir: Path, logo: str) -> bytes:
    """Return the logo as PNG bytes. The file was checked (rules.py): it is under content/assets/."""
    path = (content_dir / logo).resolve()
    if not path.is_relative_to(content_dir.resolve() / "assets"):
        raise BuildError(f"content/publication.yaml: cover logo {logo!r} is outside content/assets/")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BuildError(f"content/{logo}: cannot read the cover logo: {exc.strerror}") from None
    if path.suffix == ".png":
        return data
    tool = shutil.which("rsvg-convert")
    if tool is None:
        raise BuildError(
            f"content/{logo}: an SVG logo is drawn as PNG for the DOCX by rsvg-convert, which is not installed; "
            "run ./setup.sh (it installs librsvg2-bin) or give a PNG logo"
        )
    # --unlimited off, no network: rsvg-convert reads only this file (external references are not loaded)
    done = subprocess.run(
        [tool, "--format=png", f"--width={SVG_WIDTH_PX}", "--keep-aspect-ratio"],
        input=data,
        capture_output=True,
        timeout=60,
    )
    if done.returncode != 0 or not done.stdout.startswith(b"\x89PNG"):
        message = done.stderr.decode("utf-8", "replace").strip() or "no image came out"
        raise BuildError(f"content/{logo}: the SVG logo could not be drawn: {message}")
    return done.stdout
