"""Finding agreed language: phrases are whole words, and quotes, dashes, case and accents are folded."""

from __future__ import annotations

from compiler.content.select import select
from compiler.search import Query, find
from compiler.text.folding import fold


def test_fold_keeps_positions_and_folds_quotes_dashes_case_and_accents():
    text = "“Société” – l’État"
    assert fold(text) == '"societe" - l\'etat' and len(fold(text)) == len(text)


def test_a_phrase_matches_whole_words_only(real_content):
    doc = select(real_content, "2024-09")
    hits = find(doc, Query.parse('"focal point"'))
    assert hits  # "a national focal point", "temporary focal points" does not count
    for h in hits:
        s, e = h.spans[0]
        assert h.text[s:e].lower() == "focal point" and not h.text[e : e + 1].isalpha()
    assert len(find(doc, Query.parse('"focal points"'))) > len(hits)


def test_a_query_in_curly_quotes_is_a_phrase_and_finds_curly_quoted_text(real_content):
    doc = select(real_content, "2024-09")
    assert find(doc, Query.parse("“secure module”")) == find(doc, Query.parse('"secure module"'))
    (hit,) = find(doc, Query.parse("revmod"))
    assert "“RevMod”" in hit.text
