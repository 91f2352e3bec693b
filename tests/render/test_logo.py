"""The cover logo for the DOCX: a PNG as it is, an SVG drawn as PNG; nothing outside content/assets/."""

from __future__ import annotations

import pytest

from compiler.errors import BuildError
from compiler.render.logo import logo_png

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" viewBox="0 0 40 40">'
    '<circle cx="20" cy="20" r="18" fill="#0b4f8a"/></svg>'
)


def test_svg_is_drawn_as_png_and_png_is_kept(tmp_path):
    assets = tmp_path / "content" / "assets"
    assets.mkdir(parents=True)
    (assets / "emblem.svg").write_text(SVG)
    png = logo_png(tmp_path / "content", "assets/emblem.svg")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert png == logo_png(tmp_path / "content", "assets/emblem.svg")  # the same bytes every time
    (assets / "emblem.png").write_bytes(png)
    assert logo_png(tmp_path / "content", "assets/emblem.png") == png


def test_a_broken_svg_or_a_path_outside_assets_is_a_build_error(tmp_path):
    assets = tmp_path / "content" / "assets"
    assets.mkdir(parents=True)
    (assets / "broken.svg").write_text("<svg")
    with pytest.raises(BuildError, match="content/assets/broken.svg: the SVG logo could not be drawn"):
        logo_png(tmp_path / "content", "assets/broken.svg")
    with pytest.raises(BuildError, match="outside content/assets/"):
        logo_png(tmp_path / "content", "assets/../publication.yaml")


def test_a_broken_svg_logo_gives_its_message_and_no_traceback_from_the_pdf_worker(tmp_path):
    """The DOCX fails on the logo while the PDF worker still works: the worker's answer finds no one listening."""
    from ..conftest import run_compiler, small_project

    root = small_project(tmp_path / "p")
    (root / "content" / "assets").mkdir()
    (root / "content" / "assets" / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><rect width="', "utf-8"
    )
    publication = root / "content" / "publication.yaml"
    publication.write_text(
        publication.read_text(encoding="utf-8").replace("cover:\n", "cover:\n  logo: assets/logo.svg\n", 1)
    )
    result = run_compiler(root, "build", "2024-09", separate=True)
    assert result.returncode == 1
    assert "content/assets/logo.svg: the SVG logo could not be drawn" in result.stderr
    assert "Traceback" not in result.stderr and "BrokenPipeError" not in result.stderr
