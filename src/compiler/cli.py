"""The `compiler` command line: parse options, call the library, print results."""

from __future__ import annotations

import sys
import time

import click

from .errors import ERROR, NOTE, WARNING, CompilerError, ContentError

FORMAT_CHOICES = ("pdf", "docx", "html", "json")


class Ctx:
    """What every command needs: the project folder option, resolved lazily."""

    def __init__(self, project_path):
        self.project_path = project_path
        self._project = None

    @property
    def project(self):
        if self._project is None:
            from .project import find_project

            self._project = find_project(self.project_path)
        return self._project

    def content(self):
        from .content.load import load_content

        return load_content(self.project)


pass_ctx = click.make_pass_decorator(Ctx)


def _formats(value: str | None) -> tuple[str, ...]:
    from .build import DEFAULT_FORMATS

    if not value:
        return DEFAULT_FORMATS
    out = []
    for part in value.split(","):
        part = part.strip().lower()
        if part not in FORMAT_CHOICES:
            raise click.BadParameter(f"{part!r} is not a format; choose from {', '.join(FORMAT_CHOICES)}",
                                     param_hint="--format")
        if part not in out:
            out.append(part)
    return tuple(out)


def _editions(content, requested, all_editions) -> list[str]:
    from .build import resolve_editions

    for e in requested:
        if content.edition(e) is None:
            raise click.BadParameter(f"unknown edition {e!r}; known: {', '.join(content.edition_ids)}",
                                     param_hint="EDITION")
    return resolve_editions(content, list(requested), all_editions)


def _print_problems(problems, show_notes: bool = True) -> dict[str, int]:
    counts = {ERROR: 0, WARNING: 0, NOTE: 0}
    from .errors import sort_problems

    for p in sort_problems(problems):
        counts[p.severity] += 1
        if p.severity != NOTE or show_notes:
            click.echo(str(p), err=True)
    return counts


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--project", "project_path", type=click.Path(file_okay=False), default=None,
              help="Project folder (default: the current folder or the nearest one above it).")
@click.version_option(package_name="untoc-compilation", prog_name="compiler")
@click.pass_context
def cli(ctx, project_path):
    """Compile the UNTOC Review Mechanism compilation from content/ into PDF, DOCX and HTML.

    \b
    Examples:
      compiler check              validate the content
      compiler build              build the latest edition into build/<edition>/
      compiler editions           list the editions
    """
    ctx.obj = Ctx(project_path)


@cli.command()
@click.argument("editions", nargs=-1, metavar="[EDITION]...")
@click.option("--all", "all_editions", is_flag=True, help="Build every edition.")
@click.option("--format", "formats", default=None, metavar="LIST",
              help="Comma-separated formats: pdf, docx, html, json (default: all).")
@click.option("--strict", is_flag=True, help="Treat content warnings as errors.")
@pass_ctx
def build(ctx, editions, all_editions, formats, strict):
    """Build editions into build/<edition>/ (default: the latest edition).

    Everything is rendered before anything is written: a failed build leaves earlier
    outputs as they were. Each folder gets a manifest.json with every file's sha256.

    \b
    Examples:
      compiler build                         the latest edition, every format
      compiler build 2024-04 --format pdf    one edition, PDF only
      compiler build --all                   every edition
    """
    from .build import build_edition

    fmts = _formats(formats)
    content = ctx.content()
    counts = _print_problems(content.problems, show_notes=False)
    if strict and counts[WARNING]:
        raise ContentError([p for p in content.problems if p.severity == WARNING],
                           action="nothing was built (--strict)")
    ids = _editions(content, editions, all_editions)
    for eid in ids:
        started = time.perf_counter()
        _, paths = build_edition(ctx.project, content, eid, fmts, building=tuple(ids),
                                 progress=lambda m: click.echo(f"building {m} ...", err=True))
        took = time.perf_counter() - started
        click.echo(f"built {eid} in {took:.1f} s:")
        for p in paths:
            click.echo(f"  {ctx.project.rel(p)}")
    if counts[WARNING] or counts[NOTE]:
        click.echo(f"{counts[WARNING]} warning(s), {counts[NOTE]} note(s): run `compiler check` "
                   f"to see them", err=True)


@cli.command()
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit status 1).")
@click.option("--quiet", "-q", is_flag=True, help="Do not list notes (missing information).")
@pass_ctx
def check(ctx, strict, quiet):
    """Validate all content without building.

    Errors (exit status 1) are problems that stop a build; warnings are likely mistakes in
    the text (page-footer numbers, doubled spaces, label gaps); notes say what information
    is still missing (link targets no source gives).

    \b
    Examples:
      compiler check
      compiler check --strict      fail on warnings too
    """
    content = ctx.content()
    counts = _print_problems(content.problems, show_notes=not quiet)
    summary = (f"content checked: {len(content.sections)} section files, "
               f"{sum(len(s.items) for s in content.sections)} items, {len(content.editions)} "
               f"editions; 0 errors, {counts[WARNING]} warning(s), {counts[NOTE]} note(s)")
    click.echo(summary)
    if strict and counts[WARNING]:
        raise CompilerError(f"{counts[WARNING]} warning(s) above; --strict treats them as errors")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              help="Output format.")
@pass_ctx
def editions(ctx, fmt):
    """List the editions with their date, status and counts.

    \b
    Example:
      compiler editions
    """
    import json

    from .editions import select

    content = ctx.content()
    rows = []
    for eid in content.edition_ids:
        doc = select(content, eid)
        c = doc.counts()
        rows.append({"id": eid, "date": doc.edition.date_label, "place": doc.edition.place,
                     "status": doc.edition.status, "sections": c["sections"], "items": c["items"]})
    if fmt == "json":
        click.echo(json.dumps(rows, indent=1))
        return
    click.echo(f"{'edition':<9} {'date':<16} {'status':<7} {'sections':>8} {'items':>6}")
    for r in rows:
        click.echo(f"{r['id']:<9} {r['date']:<16} {r['status']:<7} {r['sections']:>8} {r['items']:>6}")


def main(argv=None):
    """Run the command line; user mistakes end with a message, never a traceback."""
    try:
        cli.main(args=argv, prog_name="compiler", standalone_mode=True)
    except KeyboardInterrupt:  # pragma: no cover - interactive
        click.echo("interrupted; outputs already in build/ were left as they were", err=True)
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
