"""Run LibreOffice headless on files the tests built, with a throwaway profile."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
UNO_PYTHON = "/usr/bin/python3"  # Debian's python3-uno belongs to the system Python


def convert(path: Path, outdir: Path, fmt: str = "pdf") -> subprocess.CompletedProcess:
    """Convert a document with LibreOffice; return the finished process."""
    assert SOFFICE, "LibreOffice is not installed (./setup.sh installs it)"
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [
                SOFFICE,
                "--headless",
                "--norestore",
                f"-env:UserInstallation=file://{profile}",
                "--convert-to",
                fmt,
                "--outdir",
                str(outdir),
                str(path),
            ],
            capture_output=True,
            text=True,
            timeout=180,
        )


def office(action: str, src: Path, workdir: Path, pdf: bool = False) -> dict:
    """Open ``src`` in LibreOffice, apply ``action`` (see tests/uno/office.py) and return the result."""
    import json

    script = Path(__file__).parent / "uno" / "office.py"
    out_json = workdir / f"{src.stem}.{action}.json"
    args = [UNO_PYTHON, str(script), action, str(src), str(out_json)]
    if pdf:
        args.append(str(workdir / f"{src.stem}.{action}.pdf"))
    result = subprocess.run(args, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr
    return json.loads(out_json.read_text(encoding="utf-8"))
