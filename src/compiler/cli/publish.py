"""Commands that make and record the publication: build, check, editions, diff, issue, edition new."""

from __future__ import annotations

import click

from ..errors import NOTE, WARNING, CompilerError
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
    from ..render.pdf_worker import PdfWorker

    chosen = _formats(formats)
    # The PDF's worker process is started first, so that it imports WeasyPrint while this one imports the build's
    # modules (a tenth of a second of today's one-second build); the build stops it, or this if the build never ran.
    worker = PdfWorker(ctx.project.layout_dir) if {"pdf", "docx"} & set(chosen) else None
    try:
        from ..workflows.build import build as run

        problems = run(
            ctx.project,
            list(editions),
            all_editions,
            chosen,
            force=force,
            strict=strict,
            allow_changes=allow_changes,
            say=click.echo,
            progress=lambda m: click.echo(f"building {m} ...", err=True),
            worker=worker,
        )
    finally:
        if worker is not None:
            worker.close()
    if all_editions:  # the comparisons, the index of editions and the list their pages read
        from ..workflows.site import write_site

        write_site(ctx.project, say=click.echo)
    counts = _print_problems(problems, show_notes=False)
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
@click.option("--force", is_flag=True, help="Issue an edition even if it adds or changes nothing since the last.")
@pass_ctx
def issue_command(ctx, edition, rerecord, force):
    """Issue an edition: mark it issued, build it, and record what was issued.

    The record (content/issued/EDITION.json) holds the edition's whole model, the
    fingerprint of its content and the sha256 of every output; it is written before the
    edition is marked issued. From then on the edition is built from that snapshot, so
    corrections for the next edition leave it as issued, and `compiler build` refuses to
    write it unless it reproduces the recorded bytes (--rerecord renders the recorded model
    again, e.g. after a layout fix). An edition that adds or changes nothing since the last
    issued one is refused (--force issues it anyway); content not yet committed is warned
    about. Commit the record with the content.

    \b
    Example:
      compiler issue 2025-01
    """
    from ..workflows.issue import issue

    content = ctx.content()
    ctx.edition_ids(content, [edition])
    path = issue(
        ctx.project,
        content,
        edition,
        rerecord=rerecord,
        force=force,
        progress=lambda m: click.echo(f"building {m} ...", err=True),
        warn=lambda m: click.echo(m, err=True),
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
