"""The PDF worker: lays out an edition in a child process; stopped before any job, it leaves nothing behind."""

from __future__ import annotations

from compiler.model.select import select
from compiler.project import Project
from compiler.render.pdf_worker import PdfWorker
from compiler.view import plain_view

from ..conftest import copy_project, edition_file


def test_the_worker_gives_the_pdf_a_build_writes(real_content, built, tmp_path):
    project = Project(copy_project(tmp_path / "p"))
    view = plain_view(select(real_content, "2024-04"))
    worker = PdfWorker(project.layout_dir)
    assert worker.running
    worker.submit(view, project.layout_dir, project.content_dir)
    result = worker.result()
    worker.close()
    assert result.data == edition_file(built, "2024-04", "pdf").read_bytes()
    assert result.anchor_pages["wg4-2022"] > 1


def test_stopped_before_a_job_it_ends_and_leaves_no_temporary_file(tmp_path):
    project = Project(copy_project(tmp_path / "p"))
    worker = PdfWorker(project.layout_dir)
    process = worker.process
    worker.close()
    assert process.exitcode is not None and worker.process is None
    assert not list(project.root.rglob("*.tmp"))
