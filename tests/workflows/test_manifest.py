"""A built edition's folder: the outputs, then a manifest with each file's hash and size."""

from __future__ import annotations

import hashlib
import json

from compiler.workflows.manifest import manifest_bytes, read_manifest, write_outputs


def test_outputs_then_manifest_and_the_manifest_reads_back(tmp_path):
    files = {"b.pdf": b"%PDF-", "a.html": b"<p>"}
    manifest = manifest_bytes({"id": "2024-09"}, files, {"items": 2}, "f" * 64, pages={"x": 3})
    assert manifest == manifest_bytes(
        {"id": "2024-09"}, dict(reversed(files.items())), {"items": 2}, "f" * 64, pages={"x": 3}
    )
    written = write_outputs(tmp_path, files, manifest)
    assert [p.name for p in written] == ["a.html", "b.pdf"]
    data = read_manifest(tmp_path)
    assert data == json.loads(manifest)
    assert data["files"]["b.pdf"] == {"sha256": hashlib.sha256(b"%PDF-").hexdigest(), "size": 5}
    assert data["pages"] == {"x": 3} and "inputs" not in data
    assert not list(tmp_path.glob("*.tmp"))


def test_a_missing_or_broken_manifest_reads_as_none(tmp_path):
    assert read_manifest(tmp_path) is None
    (tmp_path / "manifest.json").write_text("{not json")
    assert read_manifest(tmp_path) is None
