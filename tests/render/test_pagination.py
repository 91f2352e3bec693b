"""The print edition's chunks: the cover, the front matter, then each Part in runs of whole sections."""

from __future__ import annotations

import compiler.render.pagination as pagination
from compiler.content.select import select
from compiler.workflows.editions import edition_document


def test_todays_editions_have_one_chunk_per_part_and_the_index_of_themes_last(real_content):
    doc = select(real_content, "2024-09")
    kinds = [(c.kind, c.part) for c in pagination.chunks(doc)]
    assert kinds == [("cover", None), ("front", None), ("body", "a"), ("body", "b"), ("index", None)]
    assert pagination.page_starts(doc) == frozenset()
    issued = edition_document(real_content, "2024-09")  # as issued: no themes, no index
    assert [c.kind for c in pagination.chunks(issued)] == ["cover", "front", "body", "body"]


def test_a_long_part_splits_between_sections_never_inside_one(real_content, monkeypatch):
    monkeypatch.setattr(pagination, "CHUNK_ITEMS", 20)
    doc = select(real_content, "2024-09")
    body = [c for c in pagination.chunks(doc) if c.kind == "body"]
    for part in doc.parts:
        runs = [c for c in body if c.part == part.key]
        assert [s for c in runs for s in c.sections] == [s.id for s in part.sections]  # all, in order, once
        assert [c.opens_part for c in runs] == [True] + [False] * (len(runs) - 1)
        sizes = {s.id: len(s.items) for s in part.sections}
        for c in runs:  # a run only goes over the limit when one section alone does
            assert sum(sizes[s] for s in c.sections) <= 20 or len(c.sections) == 1
    assert pagination.page_starts(doc) == frozenset(c.sections[0] for c in body if not c.opens_part)


def test_a_long_index_of_themes_splits_between_themes_never_inside_one(real_content, monkeypatch):
    monkeypatch.setattr(pagination, "INDEX_CHUNK_ENTRIES", 40)
    doc = select(real_content, "2024-09")
    index = [c for c in pagination.chunks(doc) if c.kind == "index"]
    counts = {}
    for item in doc.items():
        for key in item.facets.theme_keys if item.facets else ():
            counts[key] = counts.get(key, 0) + 1
    assert len(index) > 2
    assert [k for c in index for k in c.themes] == [t.key for t in doc.themes if counts.get(t.key)]  # all, once
    assert [c.opens_part for c in index] == [True] + [False] * (len(index) - 1)
    for c in index:  # a run only goes over the limit when one theme alone does
        assert sum(counts[k] for k in c.themes) <= 40 or len(c.themes) == 1
    assert {s for s in pagination.page_starts(doc) if s.startswith("theme-")} == {
        f"theme-{c.themes[0]}" for c in index[1:]
    }
