"""The one word diff: tokens keep emphasis and links; merging orders keeps removed ids near their place."""

from compiler.model import Run
from compiler.text.words import merge_order, runs_equal, word_diff


def test_word_diff_marks_only_the_changed_words():
    ops = word_diff((Run("States parties are urged"),), (Run("States parties are strongly urged"),))
    assert [(o.kind, o.text) for o in ops] == [
        ("equal", "States parties are "),
        ("insert", "strongly "),
        ("equal", "urged"),
    ]


def test_emphasis_counts_as_a_difference_but_splitting_runs_does_not():
    assert runs_equal((Run("a b"),), (Run("a "), Run("b")))
    assert not runs_equal((Run("a b"),), (Run("a "), Run("b", italic=True)))


def test_merge_order_places_removed_ids_after_their_old_predecessor():
    assert merge_order(["a", "b", "c"], ["a", "c", "d"]) == ["a", "b", "c", "d"]
    assert merge_order(["x", "a"], ["a"]) == ["x", "a"]
