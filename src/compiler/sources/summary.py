"""Find the numbered observations of a Chair's summary (text from extract.py) and what it says of the dialogue."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..errors import CompilerError
from .extract import Extraction, drop_furniture
from .facts import DATES, Fact, place_and_dates, title_case, year_of

_CHAPTER = re.compile(
    r"^\s*(?:[IVXLC]+\.\s+)?Observations by the (?:Chair|co-?Chairs?)\b.*$", re.IGNORECASE | re.MULTILINE
)
_NEXT_CHAPTER = re.compile(r"^\s*[IVXLC]+\.\s+[A-Z]")
_PARA = re.compile(r"^\s*(\d{1,3})\.\s+(.*)$")
_SUB = re.compile(r"^\s*(?:[-*]\s+)?(\([a-z]{1,3}\))\s+(.*)$")
_INLINE_PAGE = re.compile(r"(?<=[a-z,;]) (\d{1,3})/(\d{1,3}) (?=[a-z])")
_FOOTNOTE_MARK = re.compile(r"(?<=[a-z.,;)])[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
_FOOTNOTE_LINE = re.compile(r"^\s*[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s+\S")
_LEAD_IN = re.compile(r"^Based on the discussions\b.*observations:?\s*$", re.IGNORECASE)


@dataclass
class Observation:
    """A numbered paragraph of the observations chapter, with its lettered sub-items."""

    number: int
    text: str
    sub_items: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Summary:
    """What a summary says: its text, its observations, and facts about the dialogue."""

    text: str
    chapter_title: str
    lead_in: str | None
    observations: list[Observation]


def strip_furniture(text: str) -> str:
    """Remove page furniture left in a text: lines of page numbers, running heads and footnotes
    (extract.py's rules, page by page at form feeds), page numbers inside sentences, footnote marks."""
    lines, _ = drop_furniture([p.split("\n") for p in text.split("\f")], Extraction())
    text = "\n".join(line for line in lines if not _FOOTNOTE_LINE.match(line))
    text = _INLINE_PAGE.sub(lambda m: " " if int(m.group(1)) <= int(m.group(2)) else m.group(0), text)
    return _FOOTNOTE_MARK.sub("", text)


def exact(text: str) -> str:
    """Return text as published: NFC, typographic ligatures (ﬁ) as letters, one space between words."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub("[\ufb00-\ufb06]", lambda m: unicodedata.normalize("NFKC", m.group()), text)
    return re.sub(r"\s+", " ", text).strip()


def normalise(text: str) -> str:
    """Return text for comparison: one space between words, plain quotes, NFC."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub("[\ufb00-\ufb06]", lambda m: unicodedata.normalize("NFKC", m.group()), text)  # ﬁ → fi
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # Markdown links: their text
    return re.sub(r"\s+", " ", text.replace("*", "")).strip()


def parse_summary(text: str, where: str = "the summary") -> Summary:
    """Return the observations chapter of a summary; raise CompilerError if it cannot be read."""
    text = strip_furniture(text.replace("\r\n", "\n"))
    m = _CHAPTER.search(text)
    if not m:
        raise CompilerError(
            f"{where}: no chapter of observations found (a heading such as "
            f'"V. Observations by the Chair ..."); is this a Chair\'s summary?'
        )
    body = text[m.end() :].split("\n")
    paragraphs: list[list] = []  # [number, [lines], [sub-items]]
    for line in body:
        if _NEXT_CHAPTER.match(line) and not _PARA.match(line):
            break
        pm = _PARA.match(line)
        sm = _SUB.match(line)
        if pm:
            paragraphs.append([int(pm.group(1)), [pm.group(2)], []])
        elif sm and paragraphs:
            paragraphs[-1][2].append([sm.group(1), [sm.group(2)]])
        elif line.strip() and paragraphs:
            target = paragraphs[-1][2][-1][1] if paragraphs[-1][2] else paragraphs[-1][1]
            target.append(line.strip())
    if not paragraphs:
        raise CompilerError(f"{where}: the observations chapter has no numbered paragraphs")
    numbers = [p[0] for p in paragraphs]
    for a, b in zip(numbers, numbers[1:]):
        if b == a:
            raise CompilerError(f"{where}: paragraph {b} of the observations chapter repeats")
        if b != a + 1:
            raise CompilerError(
                f"{where}: paragraph numbers jump from {a} to {b} in the observations "
                f"chapter; is a paragraph missing or misread?"
            )
    observations = [
        Observation(n, exact(" ".join(lines)), [(l, exact(" ".join(ls))) for l, ls in subs])
        for n, lines, subs in paragraphs
    ]
    lead_in = None
    if observations and _LEAD_IN.match(normalise(observations[0].text)) and not observations[0].sub_items:
        lead_in = observations.pop(0).text
    return Summary(text, m.group(0).strip(), lead_in, observations)


# -- facts about the dialogue ------------------------------------------------------------------
_FIRST_CHAPTER = re.compile(r"^\s*[IVXLC]+\.\s+[A-Z]")
_HEADING_TOPIC = re.compile(
    r"^\s*(?:Summary by the (?:co-?)?Chairs? of the )?(joint )?constructive dialogue on (.+?)\s*$", re.IGNORECASE
)
_GENERIC = re.compile(r"^the review process\b", re.IGNORECASE)  # the heading of every dialogue's summary
_SENTENCE_TOPIC = re.compile(
    r"\bThe (joint )?constructive dialogue on (.+?) (?:took place|was held)\b(.*?)\.(?:\s|$)", re.IGNORECASE
)
_ON_DATE = re.compile(rf"\bon ({DATES})")


def _paragraphs(text: str) -> list[tuple[str, str]]:
    """Return the summary's text as (where, normalised text) pieces: its heading, then each numbered paragraph."""
    out: list[tuple[str, list[str]]] = [("the heading", [])]
    for line in text.split("\n"):
        m = re.match(r"^\s*(\d{1,3})\.\s", line)
        if m:
            out.append((f"paragraph {m.group(1)}", []))
        out[-1][1].append(line)
    return [(where, normalise(" ".join(lines))) for where, lines in out]


def dialogue_facts(summary: Summary) -> dict[str, Fact]:
    """Return what the summary states about the dialogue, each with where it says it: title, date, year,
    place, Chair or Co-Chairs, Chairs' names, the working groups it followed."""
    lines = summary.text.split("\n")
    front = []
    for line in lines:
        if _FIRST_CHAPTER.match(line):
            break
        front.append(line)
    facts: dict[str, Fact] = {}
    for line in front:  # the title of the summary's heading, when it names the dialogue's subject
        m = _HEADING_TOPIC.match(normalise(line))
        if m and not _GENERIC.match(m.group(2)):
            title = ("Joint " if m.group(1) else "") + f"Constructive Dialogue on {title_case(m.group(2))}"
            facts["title"] = Fact(title, f'the heading "{line.strip()}"')
            break
    paragraphs = _paragraphs(summary.text)
    where, m = next(((w, m) for w, p in paragraphs if (m := _SENTENCE_TOPIC.search(p))), ("", None))
    if m:
        if "title" not in facts:
            title = ("Joint " if m.group(1) else "") + f"Constructive Dialogue on {title_case(m.group(2))}"
            facts["title"] = Fact(title, f"{where} (the heading names no subject)")
        d = _ON_DATE.search(m.group(3))
        if d:
            facts["date"] = Fact(d.group(1), where)
        followed = re.findall(
            r"(Working Group (?:of Government Experts )?on [A-Z][A-Za-z ]+?)(?= and the | and |,|$)", m.group(3)
        )
        if followed:
            facts["follows_names"] = Fact("; ".join(f.strip() for f in followed), where)
    stated_place, stated_dates = place_and_dates(front, [f"line {n}" for n in range(1, len(front) + 1)])
    if stated_dates and "date" not in facts:
        facts["date"] = stated_dates
    if stated_place:
        facts["place"] = stated_place
    if "date" in facts and (year := year_of(facts["date"].value)):
        facts["year"] = Fact(str(year), facts["date"].where)
    by = re.search(r"Summary by the (co-?Chairs|Chair)\b", paragraphs[0][1], re.IGNORECASE)
    if by:
        facts["summary_by"] = Fact("chair" if by.group(1).lower() == "chair" else "co-chairs", "the heading")
    for where, text in paragraphs:
        chaired = re.search(r"\b(?:chaired|co-chaired) by (.+?)$", text)
        names = (
            re.findall(r"\b((?:Mr|Ms|Mrs|Dr|H\.E)\.? [A-ZÀ-Ý][^,;]+?)(?=,| and |$)", chaired.group(1))
            if chaired
            else []
        )
        if names:
            facts["chairs"] = Fact("; ".join(names), where)
            break
    return facts
