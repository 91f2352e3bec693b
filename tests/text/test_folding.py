"""Folding for finding: one character for one character; words in their singular for subjects."""

from compiler.text.folding import fold, singular, words_folded


def test_fold_keeps_every_character_in_its_place():
    text = "Organized-crime “Réseaux” – l’État"
    assert fold(text) == 'organized-crime "reseaux" - l\'etat' and len(fold(text)) == len(text)


def test_plurals_fold_to_the_singular_and_other_words_stay():
    pairs = {
        "points": "point",
        "technologies": "technology",
        "processes": "process",
        "businesses": "business",
        "cases": "case",
        "women": "woman",
        "children": "child",
        "persons": "person",
        "process": "process",
        "analysis": "analysis",
        "focus": "focus",
        "various": "various",
        "its": "its",
        "data": "data",
    }
    assert {w: singular(w) for w in pairs} == pairs


def test_words_folded_split_hyphens_and_fold_case_accents_and_number():
    assert words_folded("Non-Governmental Organizations’ focal POINTS") == [
        "non",
        "governmental",
        "organization",
        "focal",
        "point",
    ]
