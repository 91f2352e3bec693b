"""What an item is about and what it asks, from its words: its themes (the Secretariat's vocabulary), who it
addresses, how strongly, whether negated, on what conditions. Deterministic rules, measured on labelled items
(tests/fixtures/facets-labelled.json; the accuracy is in the README)."""

from __future__ import annotations

import re

from ..model import Facets, Item, Theme, ThemeHit
from .folding import fold, words_folded

# The strength of a request, strongest first, with the words that make it (folded; passive forms, so that "should
# encourage the units" is a "should" and not an "encouraged"). An item has the strongest of its clauses.
STRENGTHS: tuple[tuple[str, str], ...] = (
    ("shall", r"\bshall\b"),
    ("strongly urged", r"\b(?:is|are|was|were)(?: also| further)? strongly urged\b"),
    (
        "urged",
        r"\b(?:is|are|was|were)(?: also| further)? urged\b|\b(?:is|are|was|were)(?: also| further)? called upon\b",
    ),
    ("requested", r"\b(?:is|are|was|were)(?: also| further)? requested\b"),
    ("should", r"\bshould\b"),
    ("strongly encouraged", r"\b(?:is|are|was|were)(?: also| further)? strongly encouraged\b"),
    ("encouraged", r"\b(?:is|are|was|were)(?: also| further)? encouraged\b"),
    ("invited", r"\b(?:is|are|was|were)(?: also| further)? invited\b"),
    ("may wish to", r"\bmay wish to\b"),
    ("could / consider", r"\bcould\b|\bconsider\b"),
)
STRENGTH_NAMES = tuple(name for name, _ in STRENGTHS)
_STRENGTH_RE = [(name, re.compile(pattern)) for name, pattern in STRENGTHS]
_NEGATED = re.compile(r"\b(?:should|shall|must|may|could) not\b|\b(?:is|are) not to\b")

# Who a clause addresses, as the publication writes it; longest first, so that "States parties" is not "States".
ADDRESSEES: tuple[tuple[str, str], ...] = (
    ("States parties", r"\bstates? parties\b"),
    ("the Conference", r"\b(?:the )?conference of the parties\b|\bthe conference\b"),
    ("Parties", r"\bparties\b"),
    ("States", r"\bstates?\b"),
    ("the secretariat", r"\bthe secretariat\b"),
    ("UNODC", r"\bunodc\b"),
    ("the international community", r"\bthe international community\b"),
    ("non-governmental stakeholders", r"\bnon-?governmental stakeholders\b"),
)
_ADDRESSEE_RE = re.compile("|".join(f"(?P<a{n}>{p})" for n, (_, p) in enumerate(ADDRESSEES)))
ADDRESSEE_NAMES = tuple(name for name, _ in ADDRESSEES)

# Conditions a request is made on, matched as written.
CONDITIONS = re.compile(
    r"\b(?:if they have not|that have not)(?: yet)? done so\b"
    r"|\bwhere appropriate\b|\bas appropriate\b|\bin appropriate cases\b"
    r"|\bto the extent possible\b|\bon a voluntary basis\b|\bwithin existing resources\b"
    r"|\bin accordance with (?:their |its )?(?:national legislation|domestic law)\b"
    r"|\bpending such \w+\b|\bin cases where [^,.;]+? (?:is|are) pending\b"
    r"|\bsubject to [^,.;]+|\bunless [^,.;]+"
)
_CLAUSE_START = re.compile(r"[.;:]\s+|^")


def strength_rank(name: str) -> int:
    """Return a strength's place on the scale: 0 is the strongest ("shall")."""
    return STRENGTH_NAMES.index(name)


def _addressees_before(text: str, end: int) -> list[str]:
    """Return who a clause ending at ``end`` addresses: the last addressee named before it in its sentence, with
    those joined to it by "and" ("States and the international community should")."""
    start = max(m.end() for m in _CLAUSE_START.finditer(text[:end]))
    found = [
        (m.start(), m.end(), ADDRESSEE_NAMES[int(m.lastgroup[1:])])
        for m in _ADDRESSEE_RE.finditer(text, start, end)
        if m.lastgroup
    ]
    if not found:
        return []
    chosen = [found[-1]]
    for prev in reversed(found[:-1]):
        between = text[prev[1] : chosen[0][0]]
        if between.strip() not in ("and", ","):
            break
        chosen.insert(0, prev)
    return [name for _, _, name in chosen]


def asks(text: str) -> tuple[tuple[str, ...], str | None, bool, tuple[str, ...]]:
    """Return what a text asks: (addressees as written, the strongest request, negated, conditions as written)."""
    folded = fold(text)
    found: list[tuple[int, str]] = []  # (where, strength)
    for name, pattern in _STRENGTH_RE:
        found += [(m.start(), name) for m in pattern.finditer(folded)]
    found.sort()
    addressees: list[str] = []
    for at, _ in found:
        addressees += [a for a in _addressees_before(folded, at) if a not in addressees]
    strength = min((name for _, name in found), key=strength_rank, default=None)
    conditions: list[str] = []
    for m in CONDITIONS.finditer(folded):
        written = text[m.start() : m.end()]  # fold() keeps every character in its place
        if fold(written) not in (fold(c) for c in conditions):
            conditions.append(written)
    return tuple(addressees), strength, bool(_NEGATED.search(folded)), tuple(conditions)


def _words_pattern(phrase: str) -> str:
    """Return how a theme's phrase is found in folded words: each word in its singular, a hyphen or a space between
    two words or none ("capacity-building", "capacity building", "nongovernmental")."""
    return " ?".join(re.escape(p) for p in words_folded(phrase))  # folded as the item's words are


def _any_of(phrases: tuple[str, ...]) -> re.Pattern | None:
    """Return one pattern that finds any of the phrases, each whole; its match's group names which (p0, p1, ...)."""
    if not phrases:
        return None
    return re.compile(
        r"(?<!\w)(?:" + "|".join(f"(?P<p{n}>{_words_pattern(p)})" for n, p in enumerate(phrases)) + r")(?!\w)"
    )


class Vocabulary:
    """The themes, their phrases compiled once (one pattern per theme)."""

    def __init__(self, themes: tuple[Theme, ...]):
        self.themes = themes
        self.signals = {t.key: _any_of(t.phrases) for t in themes}
        self.exclusions = {t.key: _any_of(t.exclude) for t in themes}

    def themes_of(self, text: str, added: tuple[str, ...] = (), removed: tuple[str, ...] = ()) -> tuple[ThemeHit, ...]:
        """Return the themes of a text in the vocabulary's order, each with the phrase that made it (the first of its
        phrases in the text); ``added`` and ``removed`` are the editor's own (the item's themes: add: and remove:)."""
        words = " ".join(words_folded(text))
        out = []
        for t in self.themes:
            if t.key in removed:
                continue
            if t.key in added:
                out.append(ThemeHit(t.key, "added by the editor"))
                continue
            excluded = self.exclusions[t.key]
            if excluded is not None and excluded.search(words):
                continue
            signal = self.signals[t.key]
            m = signal.search(words) if signal is not None else None
            if m is not None and m.lastgroup:
                out.append(ThemeHit(t.key, t.phrases[int(m.lastgroup[1:])]))
        return tuple(out)


def item_words(item: Item) -> str:
    """Return all an item says: its text and its sub-items (themes are found in all of it)."""
    return " ".join([item.text, *(s.text for s in item.sub_items)])


def facets_of(item: Item, vocabulary: Vocabulary, added: tuple[str, ...] = (), removed: tuple[str, ...] = ()) -> Facets:
    """Return an item's facets: its themes from all its words; who it asks, how strongly and on what condition from
    its own text (the operative clauses; sub-items are what is asked)."""
    addressees, strength, negated, conditions = asks(item.text)
    return Facets(vocabulary.themes_of(item_words(item), added, removed), addressees, strength, negated, conditions)
