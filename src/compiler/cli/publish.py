"""Commands that make and record the publication: build, check, editions, diff, issue, edition new."""

from __future__ import annotations

import time

import click

from ..errors import NOTE, WARNING, CompilerError, ContentError
from .base import CompilerGroup, _formats, _print_problems, cli, pass_ctx


@cli.command()
@click.argument("editions", nargs=-1, metavar="[EDITION]...")
@click.option("--all", "all_editions", is_flag=True, help="Build every edition.")
@click.option(
    "--format",
    "formats",
    default=None,
    metavar="LIST",
    help="Comma-separated formats: pdf, docx, html, json (default: all).",
)
@click.option("--strict", is_flag=True, help="Treat content warnings as errors.")
@click.option(
    "--allow-changes", is_flag=True, help="Write an issued edition even if it no longer reproduces what was issued."
)
@click.option("--force", is_flag=True, help="Rebuild even what is up to date.")
@pass_ctx
def build(ctx, editions, all_editions, formats, strict, allow_changes, force):
    """Build editions into build/<edition>/ (default: the latest edition).

    Everything is rendered before anything is written: a failed build leaves earlier
    outputs as they were. Each folder gets a manifest.json with every file's sha256.

    \b
    Examples:
      compiler build                         the latest edition, every format
      compiler build 2024-04 --format pdf    one edition, PDF only
      compiler build --all                   every edition
    """
    from ..content.load import registry_edition_ids
    from ..workflows.build import build_edition
    from ..workflows.freshness import up_to_date

    fmts = _formats(formats)
    worker = None
    if "pdf" in fmts or "docx" in fmts:
        from ..render.pdf_worker import PdfWorker

        # imports WeasyPrint while freshness is checked and the content read; stopped at once if unused
        worker = PdfWorker(ctx.project.layout_dir)
    try:
        if not force and not strict:
            known = registry_edition_ids(ctx.project)
            ids = known if all_editions else list(editions) or known[-1:]
            if ids and set(ids) <= set(known) and all(up_to_date(ctx.project, e, fmts) for e in ids):
                for e in ids:  # nothing changed since the last build: nothing to render
                    click.echo(f"{e} is up to date (nothing changed since the last build; --force rebuilds)")
                if all_editions:  # the index of editions is cheap: written again from the (cached) content
                    from ..workflows.build import write_index

                    for p in write_index(ctx.project, ctx.content()):
                        click.echo(f"  {ctx.project.rel(p)}")
                return
        try:
            content = ctx.content()
        except ContentError as exc:
            raise ContentError(exc.problems, "nothing was built") from None
        counts = _print_problems(content.problems, show_notes=False)
        if strict and counts[WARNING]:
            raise ContentError([p for p in content.problems if p.severity == WARNING], "nothing was built (--strict)")
        for eid in ctx.edition_ids(content, editions, all_editions):
            started = time.perf_counter()
            _, paths = build_edition(
                ctx.project,
                content,
                eid,
                fmts,
                progress=lambda m: click.echo(f"building {m} ...", err=True),
                check_record=not allow_changes,
                worker=worker,
            )
            click.echo(f"built {eid} in {time.perf_counter() - started:.1f} s:")
            for p in paths:
                click.echo(f"  {ctx.project.rel(p)}")
        if all_editions:  # the list of editions, and the index their pages read to offer later ones
            from ..workflows.build import write_index

            for p in write_index(ctx.project, content):
                click.echo(f"  {ctx.project.rel(p)}")
    finally:  # a worker never given a job (up to date, bad input) is stopped at once
        if worker is not None:
            worker.close()
    if counts[WARNING] or counts[NOTE]:
        click.echo(f"{counts[WARNING]} warning(s), {counts[NOTE]} note(s): run `compiler check` to see them", err=True)


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
    click.echo(
        f"content checked: {len(content.sections)} section files, "
        f"{sum(len(s.items) for s in content.sections)} items, {len(content.editions)} "
        f"editions; 0 errors, {counts[WARNING]} warning(s), {counts[NOTE]} note(s)"
    )
    if strict and counts[WARNING]:
        raise CompilerError(f"{counts[WARNING]} warning(s) above; --strict treats them as errors")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="Output format.")
@pass_ctx
def editions(ctx, fmt):
    """List the editions with their date, status and counts.

    \b
    Example:
      compiler editions
    """
    import json

    from ..workflows.editions import edition_rows

    rows = edition_rows(ctx.content())
    if fmt == "json":
        click.echo(json.dumps(rows, indent=1))
        return
    click.echo(f"{'edition':<9} {'date':<16} {'status':<7} {'sections':>8} {'items':>6}")
    for r in rows:
        click.echo(f"{r['id']:<9} {r['date']:<16} {r['status']:<7} {r['sections']:>8} {r['items']:>6}")


@cli.command()
@click.argument("old", required=False, metavar="[OLD]")
@click.argument("new", required=False, metavar="[NEW]")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "html", "pdf", "docx"]),
    default="text",
    help="text (default), json, or a redline: html, pdf, docx (Word tracked changes).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write to this file (default: stdout for text/json, build/changes/ otherwise).",
)
@click.option("--brief", is_flag=True, help='With text: only the "What is new in this edition" summary.')
@click.option(
    "--against",
    "against",
    metavar="REV",
    default=None,
    help="Compare with the content as committed at this git revision (e.g. HEAD).",
)
@pass_ctx
def diff(ctx, old, new, fmt, output, brief, against):
    """Compare two editions: what was added, removed, moved or reworded.

    With no edition, compares the previous edition with the latest. With one, compares it
    with the edition before it. With --against REV, compares each edition as the content
    stood at that git revision with the content now (pending changes).

    \b
    Examples:
      compiler diff                                  previous edition -> latest, as text
      compiler diff 2024-04 2024-09 --format json
      compiler diff --format text --brief            the "What is new" text
      compiler diff 2024-04 2024-09 --format docx -o changes.docx
      compiler diff 2024-09 --against HEAD           what uncommitted edits do to 2024-09
    """
    from pathlib import Path

    from ..files import write_atomic
    from ..workflows.diff import run_diff

    result = run_diff(ctx.project, ctx.content(), old, new, fmt, brief, against)
    if result.text is not None and not output:
        click.echo(result.text, nl=False)
        return
    path = Path(output) if output else result.default_path
    data = result.data if result.data is not None else (result.text or "").encode("utf-8")
    if path is None:  # text and JSON have no default file: they were printed above
        raise CompilerError("no file to write to; give -o FILE")
    write_atomic(path, data)
    click.echo(f"wrote {path}", err=result.text is not None)


@cli.command("issue")
@click.argument("edition")
@click.option(
    "--rerecord",
    is_flag=True,
    help="Replace the record of an edition already issued (only for an agreed change, "
    "e.g. a layout fix meant to apply to issued editions; say why in the commit).",
)
@pass_ctx
def issue_command(ctx, edition, rerecord):
    """Issue an edition: mark it issued, build it, and record what was issued.

    The record (content/issued/EDITION.json) holds the edition's whole model, the
    fingerprint of its content and the sha256 of every output. From then on the edition
    is built from that snapshot, so corrections for the next edition leave it as issued,
    and `compiler build` refuses to write it unless it reproduces the recorded bytes
    (--rerecord renders the recorded model again, e.g. after a layout fix). Commit the record.

    \b
    Example:
      compiler issue 2025-01
    """
    from ..workflows.issue import issue

    content = ctx.content()
    ctx.edition_ids(content, [edition])
    path = issue(
        ctx.project, content, edition, rerecord=rerecord, progress=lambda m: click.echo(f"building {m} ...", err=True)
    )
    click.echo(f"issued {edition}; record written to {ctx.project.rel(path)} (commit it with the content)")


@cli.group("edition", cls=CompilerGroup)
def edition_group():
    """Manage editions.

    \b
    Example:
      compiler edition new 2025-01 "January 2025"
    """


@edition_group.command("new")
@click.argument("edition_id", metavar="ID")
@click.argument("date", metavar='"MONTH YEAR"')
@pass_ctx
def edition_new(ctx, edition_id, date):
    """Start a new draft edition (added to content/editions.yaml).

    Place and front matter are taken from the latest edition. Then add the new meetings'
    and dialogues' files with first_edition set to ID.

    \b
    Example:
      compiler edition new 2025-01 "January 2025"
    """
    from ..workflows.issue import new_edition

    new_edition(ctx.project, ctx.content(), edition_id, date)
    ctx.content()  # the registry must still load
    click.echo(f"started draft edition {edition_id} ({date}) in content/editions.yaml")
