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
