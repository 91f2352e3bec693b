"""Run LibreOffice headless on files the tests built: one office per test process, with a throwaway profile."""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
UNO_PYTHON = "/usr/bin/python3"  # Debian's python3-uno belongs to the system Python
SCRIPT = Path(__file__).parent / "uno" / "office.py"


LOCKS_OFF = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="UseLocking" oor:op="fuse">\
<value>false</value></prop></item>
</oor:items>
"""


def _no_lock_files(profile: Path) -> None:
    """Set the office's profile to write no .~lock.*# file beside a document it opens: the document may be in the
    run's shared built project, which another test process may be copying at that moment (the lock file vanished
    under shutil.copytree there and failed a test now and then)."""
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(LOCKS_OFF, encoding="utf-8")


def _ipc_pipe(profile: str) -> Path:
    """Return the socket an office with this profile makes in /tmp for its single-instance check, which a stopped
    office leaves behind: LibreOffice names it after the MD5 of the profile's URL in UTF-16 (each byte in hex, no
    leading zero; desktop/source/app/officeipcthread.cxx), in /tmp whatever TMPDIR says (sal's pipe.cxx)."""
    digest = hashlib.md5(f"file://{profile}".encode("utf-16-le")).digest()
    return Path("/tmp") / f"OSL_PIPE_{os.getuid()}_SingleOfficeIPC_{''.join(format(b, 'x') for b in digest)}"


class _Office:
    """A headless LibreOffice listening on 127.0.0.1, started on first use and stopped when the process ends.

    Starting an office costs about a second of CPU; the tests open a dozen documents, so they share one.
    """

    def __init__(self):
        self.proc: subprocess.Popen | None = None
        self.port = 0
        self.profile = ""

    def port_in_use(self) -> int:
        if self.proc is None or self.proc.poll() is not None:  # not started yet, or gone: start afresh
            assert SOFFICE, "LibreOffice is not installed (./setup.sh installs it)"
            self.profile = tempfile.mkdtemp(prefix="lo-profile-")
            _no_lock_files(Path(self.profile))
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                self.port = s.getsockname()[1]
            self.proc = subprocess.Popen(
                [
                    SOFFICE,
                    "--headless",
                    "--norestore",
                    "--invisible",
                    "--nologo",
                    f"-env:UserInstallation=file://{self.profile}",
                    f"--accept=socket,host=127.0.0.1,port={self.port};urp;",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env={**os.environ, "TMPDIR": self.profile},  # its lu*.tmp files go with the profile, not into /tmp
            )
            atexit.register(self.stop)
        return self.port

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None
        shutil.rmtree(self.profile, ignore_errors=True)
        if self.profile:
            _ipc_pipe(self.profile).unlink(missing_ok=True)

    def run(self, spec: list, workdir: Path) -> subprocess.CompletedProcess:
        with tempfile.NamedTemporaryFile("w", suffix=".json", dir=workdir, delete=False) as fh:
            json.dump(spec, fh)
        result = subprocess.run(
            [UNO_PYTHON, str(SCRIPT), str(self.port_in_use()), fh.name], capture_output=True, text=True, timeout=240
        )
        if result.returncode != 0:
            # the office ended under us, or the UNO client crashed (both happen now and then, more
            # under load): start a fresh office and try once more
            self.stop()
            result = subprocess.run(
                [UNO_PYTHON, str(SCRIPT), str(self.port_in_use()), fh.name], capture_output=True, text=True, timeout=240
            )
        return result


_OFFICE = _Office()


def convert(path: Path | list[Path], outdir: Path) -> subprocess.CompletedProcess:
    """Convert one DOCX or several to PDF in ``outdir`` (same name, .pdf) as LibreOffice Writer exports it."""
    paths = path if isinstance(path, list) else [path]
    outdir.mkdir(parents=True, exist_ok=True)
    return _OFFICE.run([["pdf", str(p), None, str(outdir / f"{p.stem}.pdf")] for p in paths], outdir)


def office(jobs: list[tuple[str, Path]], workdir: Path) -> list[dict]:
    """Open each (action, file) in LibreOffice, apply the action (see tests/uno/office.py), return the results."""
    outs = [workdir / f"{src.stem}.{action}.{n}.json" for n, (action, src) in enumerate(jobs)]
    spec = [[action, str(src), str(out), None] for (action, src), out in zip(jobs, outs)]
    result = _OFFICE.run(spec, workdir)
    assert result.returncode == 0, result.stderr
    return [json.loads(out.read_text(encoding="utf-8")) for out in outs]


def reviewed(jobs: list[tuple[Path, Path, list, str, bool]]) -> None:
    """Edit DOCX files in LibreOffice as reviewers would and save them as Word files: each job is (source, output,
    edits, the reviewer's name, whether Track Changes is on); see tests/uno/office.py for the edits."""
    spec = [
        ["review", str(src), str(out), {"author": who, "track": track, "edits": edits}]
        for src, out, edits, who, track in jobs
    ]
    result = _OFFICE.run(spec, jobs[0][1].parent)
    assert result.returncode == 0 and all(job[1].is_file() for job in jobs), result.stderr + result.stdout
