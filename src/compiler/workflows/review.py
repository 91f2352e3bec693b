"""`compiler import review`: reviewers' Word files read against what was sent, their changes checked against the
content as it is now, and (with --apply) written into the content files, with corrections where text was published."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..content.load import Content
from ..content.markup import parse_prose
from ..content.schema import ItemSpec, SectionSpec, read_section
from ..content.select import latest_draft
from ..content.textedits import add_correction, label_value, prose_with, source_with, text_value
from ..content.yamlsource import load_yaml
from ..errors import ERROR, CompilerError, ContentError
from ..files import sha256, write_all
from ..model import ListBlock, data_fingerprint, plain_text
from ..project import Project
from ..records.corrections import correction_for, published_items
from ..review.changes import ReviewChange, changes_in
from ..review.read import ReviewedFile, read_reviewed
from ..text.citing import item_name
from .editions import edition_document


@dataclass
class ReviewResult:
    """Every change and comment of the files, what was done with each, and the files written."""

    files: list[ReviewedFile]
    changes: list[ReviewChange]
    written: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # about the files themselves (an issued edition's, one seen before)
    names: dict[str, str] = field(default_factory=dict)  # item id -> as readers cite it


def _recognise(content: Content, reviewed: ReviewedFile) -> list[str]:
    """Refuse a file of another publication or not written by this compiler; return what to say about it."""
    path = reviewed.path
    if reviewed.base is None:
        raise CompilerError(
            f"{path}: not a file this compiler wrote (it carries no edition data); review a DOCX from "
            f"`compiler build --format docx`"
        )
    if reviewed.title != content.publication.model.title or reviewed.base.get("publication", {}).get("title") != (
        content.publication.model.title
    ):
        raise CompilerError(f"{path}: a file of another publication ({reviewed.title or 'no title'})")
    if data_fingerprint(reviewed.base) != reviewed.fingerprint:
        raise CompilerError(f"{path}: its edition data does not match its fingerprint; it was altered: not imported")
    edition = reviewed.base["edition"]
    if content.edition(edition["id"]) is None:
        raise CompilerError(f"{path}: the {edition['date']} edition it was made from is not in content/editions.yaml")
    notes = []
    if edition["status"] == "issued":
        notes.append(
            f"{path.name} is of the issued {edition['date']} edition: its changes go to the content, for the next "
            f"edition; the issued edition stays as it was"
        )
    return notes


def _spec_items(content: Content) -> dict[str, tuple[SectionSpec, ItemSpec]]:
    return {i.id: (s, i) for s in content.sections for i in s.items}


def front_file(content: Content, edition_id: str, key: str) -> str | None:
    """Return the prose file (under content/) a front section is read from: the draft's, when the file reviewed is of
    an issued edition (its changes are for the next edition)."""
    edition = content.edition(edition_id)
    draft = latest_draft(content)
    for e in [content.edition(draft) if draft and edition and edition.status == "issued" else None, edition]:
        ref = next((r for r in e.front if r.key == key), None) if e else None
        if ref is not None:
            return ref.file
    return None


def _prose_texts(blocks: tuple) -> list[str]:
    """Return a prose file's paragraphs and list entries as plain text, in order."""
    out = []
    for b in blocks:
        out += [plain_text(i.runs) for i in b.items] if isinstance(b, ListBlock) else [plain_text(b.runs)]
    return out


class _Now:
    """What the content says now of what a change is to."""

    def __init__(self, content: Content, files: list[ReviewedFile]):
        self.content = content
        self.specs = _spec_items(content)
        self.editions = {f.path.name: (f.base or {}).get("edition", {}).get("id", "") for f in files}

    def prose_file(self, change: ReviewChange) -> str | None:
        return front_file(self.content, self.editions.get(change.file, ""), change.target.front or "")

    def text(self, change: ReviewChange, specs=None) -> str | None:
        """Return the plain text now (None: the content has no such thing)."""
        target, specs = change.target, specs or self.specs
        if target.what == "prose":
            prose = self.content.prose.get(self.prose_file(change) or "")
            texts = _prose_texts(prose.blocks) if prose else []
            return texts[target.block] if target.block is not None and target.block < len(texts) else None
        if target.item is None or target.item not in specs:
            return None
        item = specs[target.item][1]
        if target.what == "text":
            return plain_text(item.runs)
        if target.what == "label":
            return item.label
        if target.what == "sub-item":
            sub = next((s for s in item.sub_items if s.label == target.sub_item), None)
            return plain_text(sub.runs) if sub else None
        return None

    def source(self, change: ReviewChange) -> str | None:
        """Return the source text (with its markup) of an item's or sub-item's text."""
        item = self.specs[change.target.item or ""][1]
        if change.target.what == "text":
            return item.text
        sub = next((s for s in item.sub_items if s.label == change.target.sub_item), None)
        return sub.text if sub else None

    def project_path(self, change: ReviewChange) -> Path | None:
        """Return the path of a front section's prose file."""
        rel = self.prose_file(change)
        return self.content.project.content_dir / rel if rel else None

    def where(self, change: ReviewChange) -> str:
        """Return the file a change is made in, as the project names it."""
        if change.target.what == "prose":
            return f"content/{self.prose_file(change)}"
        return self.specs[change.target.item or ""][0].path


def _settle(change: ReviewChange, now: _Now, published, reasons: dict[str, str], reason: str | None) -> None:
    """Decide whether a reworded change can be applied: the content unchanged since, a reason where text was
    published."""
    target = change.target
    if target.what not in ("text", "sub-item", "label", "prose"):
        return
    said = now.text(change)
    if said is None:
        change.why = f"{target.item or 'this paragraph'} is not in the content"
        return
    if said == change.new:
        change.why = "the content says this already"
        return
    if said != change.old:
        change.kind = "conflict"
        change.why = (
            f"the content changed since the file was written: it now says {json.dumps(said, ensure_ascii=False)}; "
            f"settle it by hand"
        )
        return
    if target.what == "prose":
        path = now.project_path(change)
        if path is None or prose_with(path.read_text(encoding="utf-8"), target.block or 0, said, change.new) is None:
            change.why = f"the changed words run across formatting in {now.where(change)}: make this change there"
            return
    elif target.what != "label" and source_with(now.source(change) or "", said, change.old, change.new) is None:
        change.why = (
            f"the changed words run across formatting (italics, a link) in {now.where(change)}: make this change "
            f"there by hand"
        )
        return
    if target.what in ("text", "sub-item") and target.item is not None and target.item in published:
        edition = published[target.item][0]
        given = reasons.get(target.item) or reason
        if not given:
            change.why = (
                f"the {edition} edition published this text: a change needs a reason (a comment on the item, or "
                f"--reason TEXT)"
            )
            return
    change.applied = True


def _conflicts(changes: list[ReviewChange]) -> None:
    """Two files changing the same words differently: a conflict for each, nothing applied."""
    by_target: dict[tuple, list[ReviewChange]] = {}
    for c in changes:
        if c.kind == "reworded":
            key = (c.target.what, c.target.item, c.target.sub_item)
            by_target.setdefault(key, []).append(c)
    for group in by_target.values():
        if len({c.new for c in group}) > 1:
            others = "; ".join(f"{c.file} ({c.author}): {json.dumps(c.new, ensure_ascii=False)}" for c in group)
            for c in group:
                c.kind, c.applied = "conflict", False
                c.why = f"the reviewers changed it differently: {others}"


def _edit(text: str, part: str, rel: str, change: ReviewChange, reason: str, published) -> str:
    """Return a section file's text with one change made (read afresh: earlier edits moved the lines)."""
    node, problems = load_yaml(text, rel)
    spec = read_section(node, part, rel, problems) if node else None
    item = next((i for i in spec.items if i.id == change.target.item), None) if spec else None
    if item is None:
        raise CompilerError(f"{rel}: {change.target.item} is no longer there; nothing was written")
    what = change.target.what
    if what == "label" and item.label_span:
        return label_value(text, item.label_span, change.new)
    target = item if what == "text" else next(s for s in item.sub_items if s.label == change.target.sub_item)
    span = target.text_span
    source = source_with(target.text, plain_text(target.runs), change.old, change.new)
    if span is None or source is None:
        raise CompilerError(f"{rel}: cannot tell where {change.target.item}'s text is; nothing was written")
    new_text = text_value(text, span, source)
    if change.target.item not in published:
        return new_text
    printed, corrected = correction_for(change.old, change.new)
    node, problems = load_yaml(new_text, rel)
    spec = read_section(node, part, rel, problems) if node else None
    item = next(i for i in spec.items if i.id == change.target.item) if spec else item
    target = item if what == "text" else next(s for s in item.sub_items if s.label == change.target.sub_item)
    return add_correction(new_text, target, printed, corrected, reason)


def import_review(
    project: Project, content: Content, paths: list[Path], apply: bool = False, reason: str | None = None
) -> ReviewResult:
    """Read reviewers' files, settle each change against the content, and with ``apply`` write the content files
    (all or none) and each file's comments to content/reviews/<edition>/<file>.json."""
    files = [read_reviewed(p) for p in paths]
    result = ReviewResult(files, [])
    for f in files:
        result.notes += _recognise(content, f)
        seen = _review_record(project, f)
        if seen is not None:
            result.notes.append(
                f"{f.path.name} was imported before ({seen.get('imported', '?')}): what was applied then is in the "
                f"content already"
            )
        result.changes += changes_in(f, f.base or {})
    now = _Now(content, files)
    published = published_items(content)
    for f in files:
        reasons = _reasons(result.changes, f.path.name)
        for c in result.changes:
            if c.file == f.path.name and c.kind == "reworded":
                _settle(c, now, published, reasons, reason)
    _conflicts(result.changes)
    for c in result.changes:
        if c.kind in ("inserted", "deleted") and not c.why:
            c.why = _what_to_write(c, now, content)
    draft = latest_draft(content) or content.edition_ids[-1]
    doc = edition_document(content, draft)
    result.names = {i.id: item_name(i, s) for s in doc.sections() for i in s.items}
    result.names |= {f.key: f.heading for f in doc.front}
    if apply:
        result.written = _apply(project, result, now, published, reason)
    return result


def _reasons(changes: list[ReviewChange], file: str) -> dict[str, str]:
    """Return, for each item a file's reviewer commented on, the first comment's words: the reason for a change."""
    out: dict[str, str] = {}
    for c in changes:
        if c.kind == "comment" and c.file == file and c.target.item and c.comment and c.comment.parent is None:
            out.setdefault(c.target.item, c.new)
    return out


def _what_to_write(c: ReviewChange, now: _Now, content: Content) -> str:
    """Say what to write for an inserted or deleted item, sub-item or paragraph: it is not guessed."""
    specs = now.specs
    if c.kind == "deleted" and c.target.item in specs and c.target.what == "text":
        section, _ = specs[c.target.item]
        earlier = [e for e in content.edition_ids if e < (latest_draft(content) or "9999")]
        last = earlier[-1] if earlier else "YYYY-MM"
        return f'to end it, add `last_edition: "{last}"` to {c.target.item} in {section.path} (it stays in the editions that have it)'
    if c.kind == "inserted" and c.target.what == "text":
        return (
            "a new paragraph among the items: if it is a new item, add it to its section's file as\n"
            '  - id: <section id>-r<label>\n    label: "<label>"\n    text: >-\n      ' + c.new
        )
    if c.kind == "inserted" and c.target.what == "sub-item":
        return f'a new sub-item: add it to {c.target.item}\'s items as\n      - label: "{c.target.sub_item}"\n        text: >-\n          {c.new}'
    if c.kind == "deleted" and c.target.what == "sub-item":
        return (
            f"a sub-item removed: delete it from {c.target.item}'s items by hand (and record why if it was published)"
        )
    if c.target.what == "prose":
        return f"add or remove the paragraph in {now.where(c)} by hand"
    return "not a part of the content; nothing to write"


def _apply(project: Project, result: ReviewResult, now: _Now, published, reason: str | None) -> list[Path]:
    """Make the applied changes in their files, read every file back and check it, then write them all or none, with
    each reviewed file's comments and how they were settled."""
    texts: dict[Path, str] = {}
    for c in result.changes:
        if not c.applied:
            continue
        path = project.root / now.where(c)
        text = texts.setdefault(path, path.read_text(encoding="utf-8"))
        if c.target.what == "prose":
            edited = prose_with(text, c.target.block or 0, c.old, c.new)
            if edited is None:
                raise CompilerError(f"{now.where(c)}: the paragraph changed while it was read; nothing was written")
            texts[path] = edited
            continue
        section = now.specs[c.target.item or ""][0]
        given = _reasons(result.changes, c.file).get(c.target.item or "") or reason or ""
        texts[path] = _edit(text, section.part, section.path, c, given, published)
    _read_back(texts, result, now)
    records = {_record_path(project, f): _review_data(f, result) for f in result.files}
    for path in records:
        path.parent.mkdir(parents=True, exist_ok=True)
    everything = {**texts, **{p: json.dumps(d, indent=1, ensure_ascii=False) + "\n" for p, d in records.items()}}
    return write_all({path: text.encode("utf-8") for path, text in everything.items()})


def _read_back(texts: dict[Path, str], result: ReviewResult, now: _Now) -> None:
    """Read the edited files as the content loader will, and check that each applied change reads as the reviewer
    left it: an edit that went wrong stops everything before a file is written."""
    problems: list = []
    items: dict[str, tuple[SectionSpec, ItemSpec]] = {}
    prose: dict[str, list[str]] = {}
    for path, text in texts.items():
        rel = now.content.project.rel(path)
        if path.suffix == ".md":
            _, blocks, found = parse_prose(text, rel)
            prose[rel] = _prose_texts(blocks)
        else:
            section = next(s for s in now.content.sections if s.path == rel)
            node, found = load_yaml(text, rel)
            spec = read_section(node, section.part, rel, found) if node is not None else None
            items |= {i.id: (section, i) for i in spec.items} if spec else {}
        problems += [p for p in found if p.severity == ERROR]
    if problems:
        raise ContentError(problems, "nothing was written (this is a bug in the compiler's edit; please report it)")
    for c in result.changes:
        if not c.applied:
            continue
        if c.target.what == "prose":
            texts_now = prose.get(now.where(c), [])
            said = texts_now[c.target.block] if c.target.block is not None and c.target.block < len(texts_now) else None
        else:
            said = now.text(c, items)
        if said != c.new:
            raise CompilerError(
                f"{now.where(c)}: {c.target.item or 'a paragraph'} would not read as the reviewer left it; nothing was "
                f"written (this is a bug in the compiler's edit; please report it)"
            )


def _record_path(project: Project, f: ReviewedFile) -> Path:
    edition = (f.base or {}).get("edition", {}).get("id", "unknown")
    return project.content_dir / "reviews" / edition / f"{f.path.name}.json"


def _review_record(project: Project, f: ReviewedFile) -> dict | None:
    try:
        return json.loads(_record_path(project, f).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _review_data(f: ReviewedFile, result: ReviewResult) -> dict:
    """The comments of one file and how each was settled, with what was applied: kept with the content."""
    mine = [c for c in result.changes if c.file == f.path.name]
    applied_items = {c.target.item for c in mine if c.applied}
    return {
        "file": f.path.name,
        "sha256": sha256(f.path.read_bytes()),
        "edition": (f.base or {}).get("edition", {}).get("id"),
        "imported": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "comments": [
            {
                "id": c.comment.id,
                "author": c.comment.author,
                "date": c.comment.date,
                "text": c.comment.text,
                "anchor": c.comment.anchor,
                "replies_to": c.comment.parent,
                "item": c.target.item,
                "settled": "applied change" if c.target.item in applied_items else "open",
            }
            for c in mine
            if c.kind == "comment" and c.comment is not None
        ],
        "changes": [
            {"kind": c.kind, "item": c.target.item, "what": c.target.what, "applied": c.applied, "why": c.why}
            for c in mine
            if c.kind != "comment"
        ],
    }
