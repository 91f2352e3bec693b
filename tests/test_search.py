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


def test_a_theme_finds_what_the_words_miss(real_content):
    """The misses delegates met: "focal points" and "focal point", and one request in three wordings."""
    from compiler.search import Facet

    doc = select(real_content, "2024-09")
    words = {h.id for h in find(doc, Query.parse('"focal points"'))}
    theme = {h.id for h in find(doc, Query.parse(""), facet=Facet(themes=("focal-points",)))}
    assert "wg7-2024-r13" not in words and "wg7-2024-r13" in theme and words < theme
    contributions = {h.id for h in find(doc, Query.parse("voluntary contributions"))}
    funding = {h.id for h in find(doc, Query.parse(""), facet=Facet(themes=("funding",)))}
    assert {"wg7-2023-r15", "wg2-2023-r4", "wg2-2023-r5"} & contributions == set()
    assert {"wg7-2023-r15", "wg2-2023-r4", "wg2-2023-r5"} | contributions <= funding
    gender = {h.id for h in find(doc, Query.parse(""), facet=Facet(themes=("gender-youth",)))}
    assert {"cd-fa-2024-o3", "cd-fa-2024-o4", "cd-som-2024-o3"} <= gender


def test_facets_narrow_words_addressees_are_any_of_and_strength_is_at_least(real_content):
    from compiler.search import Facet

    doc = select(real_content, "2024-09")
    asked = find(doc, Query.parse(""), facet=Facet(addressees=("the secretariat", "UNODC")))
    assert {h.id for h in asked} == {
        "wg3-2023-rm",
        "wg3-2023-ro",
        "wg7-2023-r16",
        "wg2-2023-r6",
        "wg2-2024-r22",
        "cd-fa-2024-o5",
    }
    strong = find(doc, Query.parse("focal"), facet=Facet(strength="urged"))
    assert strong and all(h.facets.strength in ("shall", "strongly urged", "urged") for h in strong)
    both = find(doc, Query.parse("focal"), facet=Facet(themes=("funding",), strength="encouraged"))
    assert [h.id for h in both] == ["wg7-2023-r15"]
