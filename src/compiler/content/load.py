"""Load every content file of a project into typed specs, collecting all problems at once."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import ERROR, ContentError, Location, Problem
from ..model import Paragraph
from ..project import Project
from .cache import SectionCache, content_key, load_cached, store
from .markup import parse_prose
from .registry import EditionSpec, PublicationSpec, read_editions, read_publication
from .schema import SectionSpec, read_section
from .themes import ThemeSpec, read_themes
from .yamlsource import load_yaml


@dataclass
class Prose:
    """A Markdown prose file: its heading and blocks."""

    path: str
    heading: str | None
    blocks: tuple


@dataclass
class Content:
    """Everything under content/, typed and checked, for every edition at once."""

    project: Project
    publication: PublicationSpec
    editions: list[EditionSpec]
    sections: list[SectionSpec]
    prose: dict[str, Prose]
    problems: list[Problem] = field(default_factory=list)  # warnings and notes
    unread: list[str] = field(default_factory=list)  # section files that could not be read (their errors say why)
    themes: list[ThemeSpec] = field(default_factory=list)  # content/themes.yaml, if the project has one
    themes_path: str | None = None

    def edition(self, edition_id: str) -> EditionSpec | None:
        return next((e for e in self.editions if e.id == edition_id), None)

    @property
    def edition_ids(self) -> list[str]:
        return sorted(e.id for e in self.editions)

    def wording(self) -> Iterator[str]:
        """Yield every text the publication holds: items, sub-items, section titles, the front matter's prose."""
        for s in self.sections:
            if s.title:
                yield s.title
            for i in s.items:
                yield i.text
                yield from (si.text for si in i.sub_items)
        for prose in self.prose.values():
            for block in prose.blocks:
                runs = block.runs if isinstance(block, Paragraph) else tuple(r for li in block.items for r in li.runs)
                yield "".join(r.text for r in runs)


def _read_text(path: Path, rel: str, problems: list[Problem], content_dir: Path) -> str | None:
    """Return a content file's text; a file that resolves outside the project's content/ (a link to elsewhere) is
    not read: what is published must be the project's own."""
    if not path.resolve().is_relative_to(content_dir.resolve()):
        problems.append(
            Problem(
                Location(rel),
                f"is a link to {path.resolve()}, outside the project's content/: not read; copy the file in instead",
            )
        )
        return None
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(Location(rel), f"not UTF-8 text (byte {exc.start}); save it as UTF-8"))
    except OSError as exc:
        problems.append(Problem(Location(rel), f"cannot read the file: {exc.strerror}"))
    return None


def _yaml_file(project: Project, path: Path, problems: list[Problem]):
    rel = project.rel(path)
    text = _read_text(path, rel, problems, project.content_dir)
    if text is None:
        return None, rel
    node, probs = load_yaml(text, rel)
    problems.extend(probs)
    return node, rel


def registry_edition_ids(project: Project) -> list[str]:
    """Return the edition ids of content/editions.yaml alone (cheap: for the up-to-date check), or []."""
    return sorted(registry_statuses(project))


def registry_statuses(project: Project) -> dict[str, str]:
    """Return each edition's status (draft or issued) from content/editions.yaml alone, or {}."""
    path = project.content_dir / "editions.yaml"
    problems: list[Problem] = []
    node, rel = _yaml_file(project, path, problems) if path.is_file() else (None, "")
    if node is None:
        return {}
    return {e.id: e.status for e in read_editions(node, rel, problems)}


Check = Callable[[Content], list[Problem]]


def load_content(project: Project, tolerate_errors: bool = False, checks: Iterable[Check] = ()) -> Content:
    """Return the project's content; raise ContentError listing every error found.

    ``checks`` are further checks the caller composes (the kept sources, the mailing lists, the
    issue records: see workflows/check.py); their problems are reported with the content's, all
    at once. With ``tolerate_errors`` (for commands that add files, like `compiler new`), errors
    are kept in ``problems`` instead, as long as the publication and editions load. Content that
    loaded without errors is cached (see cache.py) until a file under content/ changes.
    """
    key = content_key(project)
    content = load_cached(project, key)
    if content is None:
        content = _load(project)
        if not any(p.severity == ERROR for p in content.problems):
            store(project, content, key)
    problems = list(content.problems)
    for check in checks:
        problems += check(content)
    if any(p.severity == ERROR for p in problems) and not tolerate_errors:
        raise ContentError(problems)
    return replace(content, problems=problems)


def _load(project: Project) -> Content:
    problems: list[Problem] = []
    c = project.content_dir
    node, rel = _yaml_file(project, c / "publication.yaml", problems)
    publication = read_publication(node, rel, problems) if node else None
    editions_path = c / "editions.yaml"
    editions: list[EditionSpec] = []
    if not editions_path.is_file():
        problems.append(
            Problem(Location(project.rel(editions_path)), "missing: the editions registry (content/editions.yaml)")
        )
    else:
        node, rel = _yaml_file(project, editions_path, problems)
        editions = read_editions(node, rel, problems) if node else []
    sections: list[SectionSpec] = []
    unread: list[str] = []
    cache = SectionCache(project)
    for part in ("a", "b"):
        folder = c / f"part-{part}"
        folder_rel = project.rel(folder)
        for path in sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml")):
            rel = f"{folder_rel}/{path.name}"
            text = _read_text(path, rel, problems, project.content_dir)
            if text is None:
                unread.append(rel)
                continue
            hit = cache.get(rel, part, text)
            if hit is None:
                node, found = load_yaml(text, rel)
                spec = read_section(node, part, rel, found) if node else None
                cache.put(rel, part, text, spec, found)
            else:
                spec, found = hit
            problems.extend(found)
            if spec is not None:
                sections.append(spec)
            else:
                unread.append(rel)
    cache.save()
    prose: dict[str, Prose] = {}
    for e in editions:
        for ref in e.front:
            if ref.file in prose:
                continue
            path = (c / ref.file).resolve()
            if not path.is_relative_to(c.resolve()) or not path.is_file():
                problems.append(
                    Problem(ref.loc, f"front section '{ref.key}': no file content/{ref.file}; check the name")
                )
                continue
            text = _read_text(path, project.rel(path), problems, c)
            if text is None:
                continue
            heading, blocks, probs = parse_prose(text, project.rel(path))
            problems.extend(probs)
            prose[ref.file] = Prose(project.rel(path), heading, blocks)
    if publication is None and not any(p.severity == ERROR for p in problems):
        problems.append(Problem(Location("content/publication.yaml"), "the publication file is incomplete"))
    if publication is None or not editions:  # nothing can be checked further, nor selected
        raise ContentError(problems)
    themes: list[ThemeSpec] = []
    themes_path = c / "themes.yaml"
    if themes_path.is_file():
        node, rel = _yaml_file(project, themes_path, problems)
        themes = read_themes(node, rel, problems) if node else []
    content = Content(
        project,
        publication,
        editions,
        sections,
        prose,
        unread=unread,
        themes=themes,
        themes_path=project.rel(themes_path) if themes_path.is_file() else None,
    )
    from .rules import check_content

    content.problems = problems + check_content(content)
    return content
