"""Building: outputs, manifest, determinism across processes, and failures that leave outputs intact."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
from pathlib import Path

from ..conftest import COMPILER, copy_project, edition_file, reword, run_compiler, small_project


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_outputs_are_named_after_publication_and_edition_with_a_manifest(built):
    for eid, sections, items in (("2024-04", 10, 37), ("2024-09", 18, 74)):
        folder = built / "build" / eid
        manifest = json.loads((folder / "manifest.json").read_text())
        assert manifest["edition"]["id"] == eid
        assert manifest["counts"]["sections"] == sections and manifest["counts"]["items"] == items
        for ext in ("pdf", "html", "json"):
            path = edition_file(built, eid, ext)
            entry = manifest["files"][path.name]
            assert entry == {"sha256": _hash(path), "size": path.stat().st_size}


def test_building_twice_in_separate_processes_gives_identical_bytes(built, tmp_path):
    other = copy_project(tmp_path / "again")
    env = {**os.environ, "TZ": "Pacific/Kiritimati", "SOURCE_DATE_EPOCH": "1"}
    result = run_compiler(other, "build", "--all", env=env, separate=True)
    assert result.returncode == 0, result.stderr
    for eid in ("2024-04", "2024-09"):
        for p in sorted((built / "build" / eid).iterdir()):
            assert _hash(p) == _hash(other / "build" / eid / p.name), p.name


def test_a_template_error_fails_the_build_and_leaves_outputs(tmp_path):
    root = copy_project(tmp_path / "p")
    assert run_compiler(root, "build", "--format", "pdf,html").returncode == 0
    before = {p.name: _hash(p) for p in (root / "build" / "2024-09").iterdir()}
    tpl = root / "layouts" / "compilation" / "_body.html.j2"
    tpl.write_text(tpl.read_text() + "\n{% if %}\n")
    result = run_compiler(root, "build", "--format", "pdf,html")
    assert result.returncode == 1
    assert "layouts/compilation/_body.html.j2:" in result.stderr and "template error" in result.stderr
    assert "Traceback" not in result.stderr
    assert {p.name: _hash(p) for p in (root / "build" / "2024-09").iterdir()} == before


def test_killed_mid_build_never_leaves_a_partial_output(tmp_path):
    root = small_project(tmp_path / "p")
    assert run_compiler(root, "build", "--format", "pdf,html,json").returncode == 0
    old = {p: _hash(p) for p in (root / "build").rglob("*") if p.is_file() and ".cache" not in p.parts}
    wg = root / "content" / "part-a" / "2022-wg4-trafficking-in-persons.yaml"
    wg.write_text(wg.read_text().replace("without undue delay", "without any undue delay"))
    other = copy_project(tmp_path / "q", content=root / "content")
    assert run_compiler(other, "build", "--format", "pdf,html,json").returncode == 0
    new = {p.relative_to(other): _hash(p) for p in (other / "build").rglob("*") if p.is_file()}
    # kill it as it reports each step (the progress line is printed as that format starts rendering)
    for step in range(1, 4):
        proc = subprocess.Popen(
            [*COMPILER, "build", "--format", "pdf,html,json"],
            cwd=root,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        seen = 0
        while seen < step and proc.stderr.readline().startswith("building "):
            seen += 1
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stderr.close()
        for path, digest in old.items():
            now = _hash(path)
            assert now in (digest, new[path.relative_to(root)]), (step, path.name)


def test_rebuild_with_no_changes_renders_nothing_and_a_change_rebuilds(tmp_path):
    root = small_project(tmp_path / "p")
    assert run_compiler(root, "build").returncode == 0
    folder = root / "build" / "2024-09"
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    again = run_compiler(root, "build")
    assert again.returncode == 0 and "2024-09 is up to date" in again.stdout
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == before
    # the issue records and the mailing lists do not change what is rendered
    (root / "content" / "mailing-lists.yaml").write_text("lists: []\n")
    (root / "content" / "issued").mkdir()
    (root / "content" / "issued" / "README.txt").write_text("notes on the records\n")
    assert "is up to date" in run_compiler(root, "build").stdout
    # any other file under content/, however deep, is an input
    (root / "content" / "sources" / "notes").mkdir()
    (root / "content" / "sources" / "notes" / "draft.txt").write_text("a new source\n")
    assert "built 2024-09" in run_compiler(root, "build").stdout
    forced = run_compiler(root, "build", "--force", "--format", "json")
    assert "built 2024-09" in forced.stdout
    css = root / "layouts" / "compilation" / "web.css"  # the layouts are inputs too
    css.write_text(css.read_text() + "\n/* changed */\n")
    assert "built 2024-09" in run_compiler(root, "build", "--format", "html").stdout
    # with --all, an edition that is up to date is left as it is while another is built
    both = run_compiler(root, "build", "--all", "--format", "html")
    assert "2024-09 is up to date" in both.stdout and "built 2024-04" in both.stdout


def test_a_docx_alone_reuses_the_pages_of_a_current_pdf_and_refreshes_a_stale_one(tmp_path):
    root = small_project(tmp_path / "p")
    assert run_compiler(root, "build", "--format", "pdf").returncode == 0
    result = run_compiler(root, "build", "--format", "docx")
    assert "building 2024-09: pdf" not in result.stderr and result.returncode == 0
    manifest = json.loads((root / "build" / "2024-09" / "manifest.json").read_text())
    assert set(manifest["inputs"]) == {"pdf", "docx"} and manifest["pages"]["guidance"] == 2
    wg = root / "content" / "part-a" / "2022-wg4-trafficking-in-persons.yaml"
    wg.write_text(wg.read_text().replace("without undue delay", "without any undue delay"))
    result = run_compiler(root, "build", "--format", "docx")
    assert result.returncode == 0
    assert "untoc-review-mechanism-compilation-2024-09.pdf" in result.stdout  # rendered for its pages, so written


def test_building_some_formats_removes_others_made_from_older_content(tmp_path):
    root = small_project(tmp_path / "p")
    assert run_compiler(root, "build", "--format", "pdf,docx,html,json").returncode == 0
    reword(
        root,
        "content/part-a/2022-wg4-trafficking-in-persons.yaml",
        "wg4-2022-r14",
        "without undue delay",
        "without any undue delay",
    )
    result = run_compiler(root, "build", "--format", "html,json")
    assert result.returncode == 0, result.stderr
    assert "removed the PDF built from older content" in result.stderr
    assert not edition_file(root, "2024-09", "pdf").exists() and not edition_file(root, "2024-09", "docx").exists()
    manifest = json.loads((root / "build" / "2024-09" / "manifest.json").read_text())
    assert sorted(manifest["files"]) == [edition_file(root, "2024-09", e).name for e in ("html", "json")]
    assert "without any undue delay" in edition_file(root, "2024-09", "html").read_text()


def test_a_disk_that_fills_during_a_build_leaves_every_earlier_output_whole(tmp_path, monkeypatch):
    """The DOCX cannot be written (no space left): the earlier PDF, DOCX, HTML and manifest all stay as they were."""
    import errno
    import os

    root = small_project(tmp_path / "p")
    assert run_compiler(root, "build", "2024-09").returncode == 0
    folder = root / "build" / "2024-09"
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    wg = root / "content" / "part-a" / "2022-wg4-trafficking-in-persons.yaml"
    wg.write_text(wg.read_text(encoding="utf-8").replace("without undue delay", "without any delay"), "utf-8")
    real = os.fsync

    def fsync(fd):
        if ".docx." in os.readlink(f"/proc/self/fd/{fd}"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    result = run_compiler(root, "build", "2024-09")
    monkeypatch.setattr(os, "fsync", real)
    assert result.returncode == 1 and "No space left on device; nothing was replaced" in result.stderr
    assert "Traceback" not in result.stderr
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before
