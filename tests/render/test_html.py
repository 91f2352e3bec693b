"""The HTML edition: one standalone file, an anchor per section and item, working internal links."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from ..conftest import edition_file, run_compiler, small_project


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.hrefs, self.srcs, self.links, self.headings = [], [], [], [], []
        self.html_lang = None
        self._heading = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "html":
            self.html_lang = a.get("lang")
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
        if "src" in a:
            self.srcs.append(a["src"])
        if tag == "link":
            self.links.append(a)
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [int(tag[1]), ""]

    def handle_data(self, data):
        if self._heading is not None:
            self._heading[1] += data

    def handle_endtag(self, tag):
        if re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            self.headings.append((self._heading[0], " ".join(self._heading[1].split())))
            self._heading = None


@pytest.fixture(scope="module", params=["2024-04", "2024-09"])
def page(request, built):
    html = edition_file(built, request.param, "html").read_text(encoding="utf-8")
    data = json.loads(edition_file(built, request.param, "json").read_text(encoding="utf-8"))
    parser = _Collect()
    parser.feed(html)
    return html, parser, data


def test_standalone_with_no_external_requests(page):
    html, p, data = page
    # one optional script beside it: build/editions.js, the shared list of editions (the page works without it)
    assert p.srcs == ["../editions.js"] and p.links == []
    assert "<style>" in html and "<script>" in html
    assert not re.search(r"url\(\s*['\"]?(https?:|//)", html)
    assert "@import" not in html
    assert "default-src 'none'" in html


def test_an_anchor_per_section_and_item_and_internal_links_resolve(page):
    html, p, data = page
    ids = set(p.ids)
    assert len(p.ids) == len(ids), "ids are unique"
    sections = [s for part in data["parts"] for s in part["sections"]]
    for s in sections:
        assert s["id"] in ids
        for item in s["items"]:
            assert item["id"] in ids
    internal = [h[1:] for h in p.hrefs if h.startswith("#")]
    assert internal and all(h in ids for h in internal)
    assert {t["anchor"] for t in data["toc"]} <= set(internal)
    permalinks = {h for h in internal if h in {i["id"] for s in sections for i in s["items"]}}
    assert len(permalinks) == data["counts"]["items"]


def test_headings_language_and_links(page):
    html, p, data = page
    assert p.html_lang == "en"
    levels = [lvl for lvl, _ in p.headings]
    assert levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:]))
    for s in data["parts"][0]["sections"]:
        assert f'href="https://undocs.org/{s["report_symbol"]}"' in html
    assert 'href="mailto:untoc.review@un.org"' in html


def test_markup_in_titles_and_text_comes_out_escaped(tmp_path):
    root = small_project(tmp_path / "p")  # with the Firearms dialogue and the Guidance
    cd = root / "content" / "part-b" / "2024-firearms.yaml"
    cd.write_text(
        cd.read_text().replace(
            "title: Constructive Dialogue on Firearms",
            'title: "Constructive Dialogue on <script>alert(1)</script> Firearms"',
        )
    )
    md = root / "content" / "front" / "guidance.md"
    md.write_text(md.read_text().replace("# Guidance for Readers", "# Guidance for <b>Readers</b>"))
    result = run_compiler(root, "build", "--format", "html,pdf", "--allow-changes")
    assert result.returncode == 0, result.stderr
    html = edition_file(root, "2024-09", "html").read_text()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Guidance for &lt;b&gt;Readers&lt;/b&gt;" in html
