"""Atomic writes, the one tree walker, and the compiler's code digest."""

import os
import shutil
import signal
import tempfile
from pathlib import Path

import pytest

import compiler.files as files
from compiler.errors import BuildError


def test_write_atomic_replaces_whole_and_says_why_it_cannot(tmp_path):
    target = tmp_path / "out" / "a.txt"
    files.write_atomic(target, b"one")
    files.write_atomic(target, b"two")
    assert target.read_bytes() == b"two" and [p.name for p in target.parent.iterdir()] == ["a.txt"]
    (tmp_path / "blocked").write_text("a file where a folder should be")
    with pytest.raises(BuildError, match="cannot write"):
        files.write_atomic(tmp_path / "blocked" / "x.pdf", b"x")


@pytest.mark.parametrize("write", ["write_atomic", "write_all"])
def test_a_stop_just_after_the_temporary_file_is_made_leaves_none_behind(tmp_path, monkeypatch, write):
    """A stop that raises (SIGTERM as the PDF worker takes it when a build stops it while it compiles templates into
    the cache, or Ctrl+C) arriving as the temporary file is made: it is raised once the file is in place, and no
    temporary file stays (one did, now and then, in a failing build's build/.cache/jinja)."""
    made = tempfile.mkstemp

    def mkstemp_then_stopped(*args, **kwargs):
        out = made(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGTERM)  # the moment the file exists, before the caller has its name
        return out

    def stop(signum, frame):
        raise SystemExit(0)

    monkeypatch.setattr(files.tempfile, "mkstemp", mkstemp_then_stopped)
    previous = signal.signal(signal.SIGTERM, stop)
    target = tmp_path / "cache" / "a.bin"
    try:
        with pytest.raises(SystemExit):
            if write == "write_atomic":
                files.write_atomic(target, b"data")
            else:
                files.write_all({target: b"data"})
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert [p.name for p in target.parent.iterdir()] == ["a.bin"] and target.read_bytes() == b"data"


def test_tree_digest_follows_names_and_bytes_and_leaves_out_what_is_ignored(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.yaml").write_text("a: 1")
    (tmp_path / "c" / "skip").mkdir()
    (tmp_path / "c" / "skip" / "x").write_text("x")
    first = files.tree_digest(tmp_path, [tmp_path / "c"], [tmp_path / "c" / "skip"])
    (tmp_path / "c" / "skip" / "x").write_text("changed")
    assert files.tree_digest(tmp_path, [tmp_path / "c"], [tmp_path / "c" / "skip"]) == first
    (tmp_path / "c" / "a.yaml").write_text("a: 2")
    assert files.tree_digest(tmp_path, [tmp_path / "c"], [tmp_path / "c" / "skip"]) != first
    rels = [rel for rel, _, _ in files.tree_files(tmp_path, [tmp_path / "c"])]
    assert rels == ["c/a.yaml", "c/skip/x"]


def test_code_digest_covers_every_module_of_the_compiler(tmp_path):
    """A change to any module of the compiler, at any depth, or to a library's version, gives a new digest."""
    digest = files.code_digest()
    assert len(digest) == 64 and digest == files.code_digest()
    package = Path(files.__file__).resolve().parent
    copy = tmp_path / "compiler"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    libraries = ["weasyprint-70.0.dist-info"]
    same = files.source_digest(copy, libraries)
    assert same == files.source_digest(package, libraries)
    modules = sorted(copy.rglob("*.py"))
    assert len(modules) > 60 and copy / "render" / "docx_xml.py" in modules
    for module in modules:
        original = module.read_bytes()
        module.write_bytes(original + b"\n")
        assert files.source_digest(copy, libraries) != same, module
        module.write_bytes(original)
    assert files.source_digest(copy, ["weasyprint-71.0.dist-info"]) != same
    (copy / "notes.txt").write_text("not code")
    assert files.source_digest(copy, libraries) == same
    assert "pyyaml" in files.SHAPING_PACKAGES and "weasyprint" in files.SHAPING_PACKAGES


def test_write_all_replaces_every_file_or_none(tmp_path, monkeypatch):
    """A disk that fills while a build writes its outputs: no old file is replaced, no temporary file stays."""
    import errno
    import os

    old = {tmp_path / f"f{n}": f"old {n}".encode() for n in range(3)}
    for path, data in old.items():
        path.write_bytes(data)
    calls = []
    real = os.fsync

    def fsync(fd):
        calls.append(fd)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(BuildError, match="No space left on device; nothing was replaced"):
        files.write_all({path: b"new" for path in old})
    assert {p: p.read_bytes() for p in old} == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f0", "f1", "f2"]
    monkeypatch.setattr(os, "fsync", real)
    assert files.write_all({path: b"new" for path in old}) == list(old)
    assert all(p.read_bytes() == b"new" for p in old)
