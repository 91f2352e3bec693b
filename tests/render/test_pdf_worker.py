"""The PDF worker: writes a format through the registry in a child process; errors and bugs come back as such."""

from __future__ import annotations

import pytest

from compiler.content.select import select
from compiler.errors import BuildError
from compiler.project import Project
from compiler.render import Options, writer
from compiler.render.pdf import pdf_pages
from compiler.render.pdf_worker import PdfWorker, WorkerFailed
from compiler.view import plain_view

from ..conftest import copy_project


@pytest.fixture
def project(tmp_path):
    return Project(copy_project(tmp_path / "p"))


def test_the_worker_writes_the_bytes_the_writer_writes_in_this_process(real_content, project):
    doc = select(real_content, "2024-04")
    options = Options(project.layout_dir, project.content_dir)
    here = writer("pdf")(plain_view(doc), options)  # no worker involved
    worker = PdfWorker(project.layout_dir)
    assert worker.running
    worker.submit("pdf", plain_view(doc), options)
    there = worker.result()
    worker.close()
    assert there == here
    assert pdf_pages(there, doc)["wg4-2022"] > 1


def test_a_template_error_comes_back_as_a_build_error(real_content, project):
    (project.layout_dir / "pdf.html.j2").write_text("{% if %}", encoding="utf-8")
    worker = PdfWorker(project.layout_dir)
    worker.submit("pdf", plain_view(select(real_content, "2024-04")), Options(project.layout_dir, project.content_dir))
    with pytest.raises(BuildError, match=r"layouts/compilation/pdf.html.j2:1: error: template error"):
        worker.result()
    worker.close()


def test_a_bug_comes_back_with_its_traceback_not_as_a_clean_message(project):
    worker = PdfWorker(project.layout_dir)
    worker.submit("pdf", None, Options(project.layout_dir, project.content_dir))  # no View: a bug in the caller
    with pytest.raises(WorkerFailed, match=r"(?s)Traceback.*AttributeError"):
        worker.result()
    worker.close()


def test_stopped_before_a_job_it_ends_and_leaves_no_temporary_file(project):
    worker = PdfWorker(project.layout_dir)
    process = worker.process
    worker.close()
    assert process.exitcode is not None and worker.process is None
    assert not list(project.root.rglob("*.tmp"))
