"""Facets from an item's words: the rules measured on the 74 items labelled by reading, and on sentences written the
way other agreed texts are (not in the publication), and themes found through plurals, hyphens and exclusions."""

from __future__ import annotations

import json

import pytest

from compiler.content.select import select
from compiler.model import Item, Run, SubItem, Theme
from compiler.text.facets import STRENGTH_NAMES, Vocabulary, asks, facets_of, strength_rank

from ..conftest import REPO

LABELLED = json.loads((REPO / "tests" / "fixtures" / "facets-labelled.json").read_text(encoding="utf-8"))["items"]


def test_the_rules_agree_with_the_labels_of_all_74_items(real_content):
    """The accuracy the README reports: each facet right on every labelled item (the rules were written with these
    items in view, so the sentences below check them on wording they have not seen)."""
    items = select(real_content, "2024-09").items()
    assert len(items) == len(LABELLED) == 74
    right = {"addressees": 0, "strength": 0, "negated": 0, "conditions": 0}
    wrong = []
    for item in items:
        addressees, strength, negated, conditions = asks(item.text)
        got = {"addressees": list(addressees), "strength": strength, "negated": negated, "conditions": list(conditions)}
        for facet in right:
            if got[facet] == LABELLED[item.id][facet]:
                right[facet] += 1
            else:
                wrong.append((item.id, facet, got[facet], LABELLED[item.id][facet]))
    assert right == {"addressees": 74, "strength": 74, "negated": 74, "conditions": 74}, wrong


@pytest.mark.parametrize(
    "text, addressees, strength, negated, conditions",
    [
        (
            "The Conference of the Parties is invited to consider the matter at its next session.",
            ["the Conference"],
            "invited",
            False,
            [],
        ),
        (
            "The secretariat is requested, within existing resources, to prepare a report.",
            ["the secretariat"],
            "requested",
            False,
            ["within existing resources"],
        ),
        ("States shall not impose conditions on such requests.", ["States"], "shall", True, []),
        ("UNODC may wish to continue its work, as appropriate.", ["UNODC"], "may wish to", False, ["as appropriate"]),
        (
            "Parties and the secretariat are strongly urged to act, subject to the availability of resources.",
            ["Parties", "the secretariat"],
            "strongly urged",
            False,
            ["subject to the availability of resources"],
        ),
        ("Consideration should be given to a review of the timetable.", [], "should", False, []),
        ("Member States are called upon to ratify the Protocol.", ["States"], "urged", False, []),
    ],
)
def test_sentences_worded_as_other_agreed_texts(text, addressees, strength, negated, conditions):
    assert asks(text) == (tuple(addressees), strength, negated, tuple(conditions))


def test_the_scale_runs_from_shall_to_could():
    assert STRENGTH_NAMES[0] == "shall" and STRENGTH_NAMES[-1] == "could / consider"
    assert strength_rank("urged") < strength_rank("should") < strength_rank("encouraged") < strength_rank("invited")


THEMES = Vocabulary(
    (
        Theme("focal-points", "Focal points", ("focal point",)),
        Theme("stakeholders", "Stakeholders", ("non-governmental organization", "capacity-building")),
        Theme("corruption", "Corruption", ("corruption",), exclude=("Convention against Corruption",)),
    )
)


def _item(text: str, *subs: str) -> Item:
    return Item(
        "x-r1",
        "recommendation",
        "1",
        None,
        (Run(text),),
        tuple(SubItem(f"({n})", (Run(s),)) for n, s in enumerate(subs)),
    )


def test_themes_are_found_in_plurals_hyphens_and_sub_items_and_say_why():
    facets = facets_of(
        _item("States are urged to:", "Nominate focal points;", "Work with nongovernmental organizations"), THEMES
    )
    assert [(t.key, t.why) for t in facets.themes] == [
        ("focal-points", "focal point"),
        ("stakeholders", "non-governmental organization"),
    ]
    assert facets.addressees == ("States",) and facets.strength == "urged"  # from the item's own text
    assert THEMES.themes_of("Capacity building for NON-GOVERNMENTAL organisations") == (
        THEMES.themes_of("capacity-building")
    )


def test_an_exclusion_keeps_a_theme_off_and_the_editor_adds_or_removes_one():
    assert THEMES.themes_of("the Convention against Corruption") == ()
    assert [t.key for t in THEMES.themes_of("corruption in procurement")] == ["corruption"]
    edited = THEMES.themes_of("focal points", added=("corruption",), removed=("focal-points",))
    assert [(t.key, t.why) for t in edited] == [("corruption", "added by the editor")]
