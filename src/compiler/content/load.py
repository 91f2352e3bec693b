"""Load every content file of a project into typed specs, collecting all problems at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ERROR, ContentError, Location, Problem
from ..project import Project
from .cache import SectionCache, content_key, load_cached, store
from .markup import parse_prose
from .schema import EditionSpec, PublicationSpec, SectionSpec, read_editions, read_publication, read_section
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

    def edition(self, edition_id: str) -> EditionSpec | None:
        return next((e for e in self.editions if e.id == edition_id), None)

    @property
    def edition_ids(self) -> list[str]:
        return sorted(e.id for e in self.editions)


def _read_text(path: Path, rel: str, problems: list[Problem]) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(Location(rel), f"not UTF-8 text (byte {exc.start}); save it as UTF-8"))
    except OSError as exc:
        problems.append(Problem(Location(rel), f"cannot read the file: {exc.strerror}"))
    return None


def _yaml_file(project: Project, path: Path, problems: list[Problem]):
    rel = project.rel(path)
    text = _read_text(path, rel, problems)
    if text is None:
        return None, rel
    node, probs = load_yaml(text, rel)
    problems.extend(probs)
    return node, rel


def registry_edition_ids(project: Project) -> list[str]:
    """Return the edition ids of content/editions.yaml alone (cheap: for the up-to-date check), or []."""
    path = project.content_dir / "editions.yaml"
    problems: list[Problem] = []
    node, rel = _yaml_file(project, path, problems) if path.is_file() else (None, "")
    if node is None:
        return []
    return sorted(e.id for e in read_editions(node, rel, problems))


def load_content(project: Project, tolerate_errors: bool = False) -> Content:
    """Return the project's content; raise ContentError listing every error found.

    With ``tolerate_errors`` (for commands that add files, like `compiler new`), errors in
    section files are kept in ``problems`` instead, as long as the publication and editions load.
    Content that loaded without errors is cached (see cache.py) until a file under content/ changes.
    """
    key = content_key(project)
    cached = load_cached(project, key)
    if cached is not None:
        return cached
    content = _load(project, tolerate_errors)
    if not any(p.severity == ERROR for p in content.problems):
        store(project, content, key)
    return content


def _load(project: Project, tolerate_errors: bool) -> Content:
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
    cache = SectionCache(project)
    for part in ("a", "b"):
        folder = c / f"part-{part}"
        folder_rel = project.rel(folder)
        for path in sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml")):
            rel = f"{folder_rel}/{path.name}"
            text = _read_text(path, rel, problems)
            if text is None:
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
            text = _read_text(path, project.rel(path), problems)
            if text is None:
                continue
            heading, blocks, probs = parse_prose(text, project.rel(path))
            problems.extend(probs)
            prose[ref.file] = Prose(project.rel(path), heading, blocks)
    if publication is None and not any(p.severity == ERROR for p in problems):
        problems.append(Problem(Location("content/publication.yaml"), "the publication file is incomplete"))
    content = Content(project, publication, editions, sections, prose)
    from ..mail.lists import read_mailing_lists
    from ..sources.provenance import check_provenance
    from .rules import check_content

    problems.extend(check_content(content))
    problems.extend(check_provenance(content))
    problems.extend(read_mailing_lists(c, publication.contact if publication else "")[1])
    errors = [p for p in problems if p.severity == ERROR]
    if errors and not (tolerate_errors and publication is not None and editions):
        raise ContentError(problems)
    content.problems = problems
    return content
