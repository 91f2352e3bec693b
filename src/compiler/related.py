"""Related agreed language: for an item or a draft, the nearest items of an edition by shared wording.

A lexical method, deterministic and offline: TF-IDF over words and word pairs (stop words out,
case and accents folded), cosine similarity, ranked; ties broken by reading order. The words
two texts share are what makes them close, so every result can show why (changes/words.py
gives the difference). Results for a whole edition are cached by its content (build/.cache).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from dataclasses import dataclass

from .files import code_digest, write_atomic
from .model import Document, Item, Run, Section, fingerprint
from .text.citing import item_name
from .text.facets import Vocabulary
from .text.folding import words_folded
from .text.words import inline_diff, word_diff

# Function words of English and words every item of this publication shares (they say nothing
# about what an item is about); the negotiating verbs (urged, encouraged, should) are kept.
STOP_WORDS = frozenset(
    """a about above after all also an and any are as at be been being between both but by can could did do
    does doing during each for from further had has have having here how if in into is it its itself more
    most no nor not of on once only or other our out over own same so such than that the their theirs them
    then there these they this those through to too under until up very was we were what when where which
    while who whom why will with would""".split()
)
BIGRAM_WEIGHT = 0.25  # word pairs count, less than words: measured on tests/fixtures/related-families.json
THEME_BOOST = 0.2  # what sharing themes adds to the words' score: measured on the labelled families
LEVELS = ((0.8, "almost the same wording"), (0.45, "much the same wording"), (0.2, "related"))
MIN_SCORE = LEVELS[-1][0]


def words(text: str) -> list[str]:
    """Return the words of a text that carry meaning (no stop words), folded as themes are found (text/folding.py):
    case, accents and dashes folded, each word in its singular, so that "focal points" meets "focal point"."""
    return [w for w in words_folded(text) if w not in STOP_WORDS and not w.isdigit() and len(w) > 1]


def terms(text: str, themes: tuple[str, ...] = ()) -> Counter:
    """Return a text's terms: its words, its pairs of consecutive words, and its themes ("theme:funding"), so that
    different wordings of one request meet."""
    ws = words(text)
    return Counter(ws) + Counter(f"{a} {b}" for a, b in zip(ws, ws[1:])) + Counter(f"theme:{t}" for t in themes)


def item_text(item: Item) -> str:
    """Return an item's whole wording: its text and its sub-items."""
    return " ".join([item.text, *(f"{s.label} {s.text}" for s in item.sub_items)])


def similarity_words(score: float) -> str:
    """Return how close a score is, in words."""
    return next((label for floor, label in LEVELS if score >= floor), "distantly related")


@dataclass
class Match:
    """One related item: its score and where it stands in the edition."""

    item: Item
    section: Section
    score: float
    shared: list[str]

    def to_dict(self, against: tuple[Run, ...]) -> dict:
        s, e = self.section, self.item
        return {
            "id": e.id,
            "score": round(self.score, 4),
            "similarity": similarity_words(self.score),
            "name": item_name(e, s),
            "part": s.part.upper(),
            "year": s.year,
            "section": {"id": s.id, "title": s.title},
            "report_symbol": s.report_symbol,
            "label": e.label,
            "paragraph": e.paragraph,
            "text": item_text(e),
            "shared_words": self.shared,
            "diff": [{"op": o.kind, "text": o.text} for o in word_diff(against, (Run(item_text(e)),))],
        }


class Index:
    """TF-IDF vectors of every item of an edition (its words and pairs of words; its themes apart), with inverted
    indexes to score them fast."""

    def __init__(self, doc: Document):
        self.items = [(e, s) for s in doc.sections() for e in s.items]
        self.vocabulary = Vocabulary(doc.themes)
        counts = [terms(item_text(e), e.facets.theme_keys if e.facets else ()) for e, _ in self.items]
        n = len(counts)
        df = Counter(t for c in counts for t in c)
        self.idf = {t: math.log((n + 1) / (d + 1)) + 1.0 for t, d in df.items()}
        self.vectors = [self._vector(c) for c in counts]
        self.postings: dict[str, list[tuple[int, float]]] = {}
        for i, v in enumerate(self.vectors):
            for t, w in v.items():
                self.postings.setdefault(t, []).append((i, w))
        self.position = {e.id: i for i, (e, _) in enumerate(self.items)}

    def _vector(self, counts: Counter) -> dict[str, float]:
        """Return a text's vector: its words and pairs of unit length, and its themes, of unit length apart."""
        unseen = math.log(len(self.items) + 1) + 1.0
        out: dict[str, float] = {}
        for themes in (False, True):
            v = {
                t: (1.0 + math.log(c)) * self.idf.get(t, unseen) * (BIGRAM_WEIGHT if " " in t else 1.0)
                for t, c in counts.items()
                if t.startswith("theme:") == themes
            }
            norm = math.sqrt(sum(w * w for w in v.values())) or 1.0
            out |= {t: w / norm for t, w in v.items()}
        return out

    def nearest(
        self,
        vector: dict[str, float],
        exclude: int | None = None,
        part: str | None = None,
        limit: int = 5,
        min_score: float = 0.0,
    ) -> list[Match]:
        """Return the items nearest to a vector, best first. A score is the cosine of their words, raised towards 1 by
        THEME_BOOST times the cosine of their themes (w + boost * t * (1 - w)): different wordings of one request
        meet, and a score stays below 1 unless the wording is the same."""
        words: dict[int, float] = {}
        themes: dict[int, float] = {}
        for t, w in vector.items():
            into = themes if t.startswith("theme:") else words
            for i, w2 in self.postings.get(t, ()):
                into[i] = into.get(i, 0.0) + w * w2
        scores = {
            i: min(words.get(i, 0.0), 1.0) + THEME_BOOST * themes.get(i, 0.0) * (1.0 - min(words.get(i, 0.0), 1.0))
            for i in words.keys() | themes.keys()
        }
        ranked = sorted((i for i in scores if i != exclude), key=lambda i: (-round(scores[i], 9), i))
        out = []
        for i in ranked:
            item, section = self.items[i]
            if scores[i] < min_score or (part and section.part != part.lower()):
                continue
            shared = sorted(
                (t for t in vector if t in self.vectors[i] and " " not in t and not t.startswith("theme:")),
                key=lambda t: -vector[t] * self.vectors[i][t],
            )[:8]
            out.append(Match(item, section, min(scores[i], 1.0), shared))
            if len(out) == limit:
                break
        return out

    def for_item(self, item_id: str, **kw) -> list[Match]:
        i = self.position[item_id]
        return self.nearest(self.vectors[i], exclude=i, **kw)

    def for_text(self, text: str, **kw) -> list[Match]:
        themes = tuple(h.key for h in self.vocabulary.themes_of(text))
        return self.nearest(self._vector(terms(text, themes)), **kw)


def edition_related(doc: Document, cache_dir=None, limit: int = 3) -> dict[str, list[tuple[str, float]]]:
    """Return, for every item, its related items as (id, score), best first, above the "related" level.

    Cached under ``cache_dir`` by the edition's content and the compiler's code (a new method gives new lists), so
    an unchanged edition costs a file read.
    """
    key = hashlib.sha256(f"{fingerprint(doc)}\0{code_digest()}".encode()).hexdigest()[:24]
    path = cache_dir / f"related-{key}-{limit}.json" if cache_dir is not None else None
    if path is not None:
        try:
            return {k: [tuple(x) for x in v] for k, v in json.loads(path.read_text(encoding="utf-8")).items()}
        except (OSError, ValueError):
            pass
    index = Index(doc)
    out = {
        e.id: [(m.item.id, round(m.score, 4)) for m in index.for_item(e.id, limit=limit, min_score=MIN_SCORE)]
        for e, _ in index.items
    }
    if path is not None:
        try:
            write_atomic(path, json.dumps(out, sort_keys=True).encode())
        except Exception:  # noqa: BLE001 - a cache that cannot be written is no error
            pass
    return out


def suggest_ids(doc: Document, wrong: str) -> list[str]:
    """Return the item ids nearest in spelling to one that does not exist."""
    import difflib

    ids = [e.id for e in doc.items()]
    return difflib.get_close_matches(wrong, ids, n=3, cutoff=0.5) or ids[:3]


def text_lines(
    subject: str,
    draft: str,
    matches: list[Match],
    start: str = "[-",
    end: str = "-]",
    ins: tuple[str, str] = ("{+", "+}"),
) -> list[str]:
    """Return the terminal lines of a related-language result: each match, why, and what differs."""
    out = [f"Related agreed language for {subject}:", ""]
    if not matches:
        out.append("  nothing in this edition shares enough wording with it")
    for n, m in enumerate(matches, 1):
        s, e = m.section, m.item
        where = f"{s.year}, {s.title}" + (f" ({s.report_symbol})" if s.report_symbol else "")
        label = e.heading or (f"Observation (paragraph {e.paragraph})" if e.paragraph else "Observation")
        out.append(f"{n}. {m.score:.2f} {similarity_words(m.score)}: {where}, {label} [{e.id}]")
        out.append(f"   shared words: {', '.join(m.shared) or '-'}")
        out.append("   " + inline_diff(word_diff((Run(draft),), (Run(item_text(e)),))))
        out.append("")
    return out
