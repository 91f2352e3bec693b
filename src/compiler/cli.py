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

    def content(self, tolerate_errors: bool = False):
        from .content.load import load_content

        return load_content(self.project, tolerate_errors)


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
@click.option("--allow-changes", is_flag=True,
              help="Write an issued edition even if it no longer reproduces what was issued.")
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
    from .build import build_edition

    fmts = _formats(formats)
    worker = None
    if "pdf" in fmts or "docx" in fmts:
        from .render.pdf_worker import PdfWorker

        # imports WeasyPrint while freshness is checked and the content read; stopped at once if unused
        worker = PdfWorker(ctx.project.layout_dir)
    try:
        if not force and not strict and not all_editions and all(_is_edition_id(e) for e in editions):
            from .freshness import up_to_date

            ids = list(editions) or _latest_in_registry(ctx.project)
            if ids and all(up_to_date(ctx.project, e, fmts) for e in ids):
                for e in ids:  # nothing changed since the last build: nothing to render
                    click.echo(f"{e} is up to date (nothing changed since the last build; --force rebuilds)")
                return
        content = ctx.content()
        counts = _print_problems(content.problems, show_notes=False)
        if strict and counts[WARNING]:
            raise ContentError([p for p in content.problems if p.severity == WARNING],
                               action="nothing was built (--strict)")
        ids = _editions(content, editions, all_editions)
        for eid in ids:
            started = time.perf_counter()
            _, paths = build_edition(ctx.project, content, eid, fmts,
                                     progress=lambda m: click.echo(f"building {m} ...", err=True),
                                     check_record=not allow_changes, worker=worker)
            took = time.perf_counter() - started
            click.echo(f"built {eid} in {took:.1f} s:")
            for p in paths:
                click.echo(f"  {ctx.project.rel(p)}")
    finally:  # a worker never given a job (up to date, bad input) is stopped at once
        if worker is not None:
            worker.close()
    if counts[WARNING] or counts[NOTE]:
        click.echo(f"{counts[WARNING]} warning(s), {counts[NOTE]} note(s): run `compiler check` "
                   f"to see them", err=True)


def _is_edition_id(value: str) -> bool:
    import re

    return bool(re.fullmatch(r"\d{4}-\d{2}", value))


def _latest_in_registry(project) -> list[str]:
    """Return [the latest edition] if the registry can be read cheaply, else []."""
    import re

    try:
        text = (project.content_dir / "editions.yaml").read_text(encoding="utf-8")
    except OSError:
        return []
    ids = re.findall(r"(?m)^\s*-\s*id:\s*[\"']?(\d{4}-\d{2})[\"']?\s*$", text)
    return [max(ids)] if ids else []


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
    from .issued import issue_problems

    content = ctx.content()
    problems = content.problems + issue_problems(content)
    counts = _print_problems(problems, show_notes=not quiet)
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


@cli.command()
@click.argument("old", required=False, metavar="[OLD]")
@click.argument("new", required=False, metavar="[NEW]")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html", "pdf", "docx"]), default="text",
              help="text (default), json, or a redline: html, pdf, docx (Word tracked changes).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write to this file (default: stdout for text/json, build/changes/ otherwise).")
@click.option("--brief", is_flag=True, help="With text: only the \"What is new in this edition\" summary.")
@click.option("--against", "against", metavar="REV", default=None,
              help="Compare with the content as committed at this git revision (e.g. HEAD).")
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
    from .diffing import run_diff

    run_diff(ctx, old, new, fmt, output, brief, against)


@cli.command("issue")
@click.argument("edition")
@click.option("--rerecord", is_flag=True,
              help="Replace the record of an edition already issued (only for an agreed change, "
                   "e.g. a layout fix meant to apply to issued editions; say why in the commit).")
@pass_ctx
def issue_command(ctx, edition, rerecord):
    """Issue an edition: mark it issued, build it, and record what was issued.

    The record (content/issued/EDITION.json) holds the fingerprint of the edition's
    content and the sha256 of every output. From then on `compiler check` warns when a
    content change would alter the edition, and `compiler build` refuses to write it unless
    it reproduces the recorded bytes. Commit the record with the content.

    \b
    Example:
      compiler issue 2025-01
    """
    from .issued import issue

    content = ctx.content()
    _editions(content, [edition], False)
    path = issue(ctx.project, content, edition, rerecord=rerecord,
                 progress=lambda m: click.echo(f"building {m} ...", err=True))
    click.echo(f"issued {edition}; record written to {ctx.project.rel(path)} (commit it with the content)")


@cli.group("edition")
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
    from .issued import new_edition

    content = ctx.content()
    new_edition(ctx.project, content, edition_id, date)
    ctx.content()  # the registry must still load
    click.echo(f"started draft edition {edition_id} ({date}) in content/editions.yaml")


@cli.command()
@click.argument("edition", required=False)
@click.option("--list", "list_name", required=True, metavar="NAME", help="Mailing list (content/mailing-lists.yaml).")
@click.option("--attach", default="pdf", metavar="LIST", help="pdf (default) or pdf,docx.")
@click.option("--send", is_flag=True, help="Deliver over SMTP. Without it nothing leaves the machine.")
@click.option("--resend", is_flag=True, help="Send again to a list that already received this edition.")
@click.option("--insecure", is_flag=True, help="Allow an unencrypted connection to a test server on localhost.")
@click.option("--smtp-config", type=click.Path(dir_okay=False), default=None,
              help="SMTP settings file (default: $UNTOC_SMTP_CONFIG or ~/.config/untoc-compilation/smtp.toml).")
@pass_ctx
def mail(ctx, edition, list_name, attach, send, resend, insecure, smtp_config):
    """Mail an edition's PDF to a mailing list (a dry run unless --send).

    The dry run builds the edition if needed and writes the exact message, per batch, to
    build/EDITION/mail/LIST/. With --send it is delivered over verified TLS; a send log
    there records who received it, so an interrupted run delivers only to the rest when run
    again, and a second send of the same edition to the same list needs --resend.

    \b
    Examples:
      compiler mail --list focal-points                   dry run, latest edition
      compiler mail 2024-09 --list focal-points --attach pdf,docx --send
    """
    from .mail import mail_edition
    from .mail_config import load_settings

    fmts = tuple(f.strip() for f in attach.split(","))
    if not fmts or fmts[0] != "pdf" or any(f not in ("pdf", "docx") for f in fmts) or len(set(fmts)) != len(fmts):
        raise click.BadParameter("use pdf or pdf,docx", param_hint="--attach")
    content = ctx.content()
    eid = _editions(content, [edition] if edition else [], False)[0]
    # a dry run needs only batch size and attachment limit: a broken config file must not stop it
    settings = load_settings(smtp_config) if (send or smtp_config) else _dry_settings()
    status = mail_edition(ctx.project, content, eid, list_name, fmts, settings, send, resend, insecure, click.echo)
    if status:
        sys.exit(status)


def _dry_settings():
    from .mail_config import load_settings

    try:
        return load_settings()
    except CompilerError:
        from .mail_config import SmtpSettings

        return SmtpSettings()


@cli.group("import")
def import_group():
    """Bring new material into content/.

    \b
    Example:
      compiler import summary summary.pdf
    """


@import_group.command("summary")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--year", type=int, default=None, help="The dialogue's year, if the summary has no date.")
@click.option("--title", default=None, help='The dialogue\'s title, e.g. "Constructive Dialogue on Firearms".')
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Content file to write (default: content/part-b/<year>-<topic>.yaml).")
@click.option("--force", is_flag=True, help="Replace an existing file.")
@pass_ctx
def import_summary_command(ctx, file, year, title, output, force):
    """Import a Chair's summary (.txt, .md, .docx or .pdf) as a Part B content file.

    Finds the chapter "Observations by the Chair ..." (or co-Chairs), takes its numbered
    paragraphs with their lettered sub-items, drops the lead-in sentence and page furniture
    (page numbers, running heads, footnote markers), and writes each observation with its
    paragraph number, plus what the summary says about the dialogue. What it cannot find
    is listed, never guessed. A copy of the summary is kept in content/sources/ so that
    `compiler check` can compare the items with it.

    \b
    Examples:
      compiler import summary ~/Downloads/summary-firearms-2025.pdf
      compiler import summary summary.docx --year 2025 --title "Constructive Dialogue on Firearms"
    """
    from pathlib import Path

    from .importer import import_summary

    content = ctx.content()
    result = import_summary(ctx.project, content, Path(file), year, title,
                            Path(output) if output else None, force)
    first, last = result.paragraphs
    click.echo(f"wrote {ctx.project.rel(result.path)}: {result.observations} observation(s), "
               f"paragraphs {first}-{last}")
    if result.source_copy:
        click.echo(f"kept the summary as {ctx.project.rel(result.source_copy)}")
    if result.missing:
        click.echo("left for the editor (not found in the summary):")
        for m in result.missing:
            click.echo(f"  - {m}")
    click.echo("next: check the file, then run `compiler check`")


@cli.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--edition", default=None, help="Search this edition (default: the latest).")
@click.option("--part", type=click.Choice(["A", "B", "a", "b"]), default=None, help="Only Part A or Part B.")
@click.option("--body", default=None, help="Working group or dialogue (key like wg4, or words of its name).")
@click.option("--year", type=int, default=None, help="Only this year.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="Output format.")
@pass_ctx
def find(ctx, query, edition, part, body, year, fmt):
    """Find agreed language in the recommendations and observations.

    Words must all appear (in any order); quoted words form a phrase. Case and accents are
    ignored. Each hit shows year, working group or dialogue, report symbol, label, and the
    sentence with the match highlighted.

    \b
    Examples:
      compiler find '"focal points"'
      compiler find voluntary contributions --part A --year 2023
      compiler find technology --body "international cooperation" --format json
    """
    import json

    from .editions import select
    from .search import Query, find as run_find, highlight

    content = ctx.content()
    eid = _editions(content, [edition] if edition else [], False)[0]
    q = Query.parse(" ".join(query))
    if q.empty:
        raise click.BadParameter("give a word or a phrase", param_hint="QUERY")
    hits = run_find(select(content, eid), q, part, body, year)
    if fmt == "json":
        click.echo(json.dumps({"query": " ".join(query), "edition": eid, "count": len(hits),
                               "hits": [h.to_dict() for h in hits]}, indent=1, ensure_ascii=False))
        return
    color = sys.stdout.isatty()
    start, end = ("\x1b[1;33m", "\x1b[0m") if color else ("**", "**")
    for h in hits:
        where = f"{h.year} {h.section_title}" + (f" ({h.report_symbol})" if h.report_symbol else "")
        label = f"Recommendation {h.label}" if h.label else "Observation"
        sub = f" {h.sub_item}" if h.sub_item else ""
        click.echo(f"{where}: {label}{sub} [{h.id}]")
        click.echo(f"  {highlight(h.sentence, h.sentence_spans, start, end)}")
    click.echo(f"{len(hits)} item(s) in the {content.edition(eid).date_label} edition")


@cli.group("new")
def new_group():
    """Start a content file for a new meeting report or dialogue.

    \b
    Examples:
      compiler new meeting wg4 2025 4 --labels 1,2,3
      compiler new dialogue 2025 "Constructive Dialogue on Firearms" --observations 5
    """


@new_group.command("meeting")
@click.argument("working_group", metavar="GROUP")
@click.argument("year", type=int)
@click.argument("number", metavar="REPORT_NUMBER")
@click.option("--labels", default="", help="The recommendations' printed labels, comma-separated (e.g. 1,2,3 or (a),(b)).")
@click.option("--edition", default=None, help="Edition that first compiles it (default: the latest draft).")
@click.option("--force", is_flag=True, help="Replace an existing file.")
@pass_ctx
def new_meeting_command(ctx, working_group, year, number, labels, edition, force):
    """Write a pre-filled file for a working-group meeting report in content/part-a/.

    GROUP is a key from content/publication.yaml (wg2, wg3, wg4, wg6, wg7); the report
    symbol is built from the group's symbol, YEAR and REPORT_NUMBER.

    \b
    Example:
      compiler new meeting wg4 2025 4 --labels 1,2,3
    """
    from .scaffold import new_meeting

    path = new_meeting(ctx.project, ctx.content(tolerate_errors=True), working_group, year, number,
                       [l.strip() for l in labels.split(",") if l.strip()], edition, force)
    click.echo(f"wrote {ctx.project.rel(path)}: fill every TODO, then run `compiler check`")


@new_group.command("dialogue")
@click.argument("year", type=int)
@click.argument("title")
@click.option("--co-chairs", is_flag=True, help="Summarised by Co-Chairs (default: the Chair).")
@click.option("--observations", "count", type=int, default=1, help="How many observation entries to prepare.")
@click.option("--edition", default=None, help="Edition that first compiles it (default: the latest draft).")
@click.option("--force", is_flag=True, help="Replace an existing file.")
@pass_ctx
def new_dialogue_command(ctx, year, title, co_chairs, count, edition, force):
    """Write a pre-filled file for a constructive dialogue in content/part-b/.

    (To take the observations from the Chair's summary itself, use `compiler import summary`.)

    \b
    Example:
      compiler new dialogue 2025 "Constructive Dialogue on Firearms" --observations 5
    """
    from .scaffold import new_dialogue

    path = new_dialogue(ctx.project, ctx.content(tolerate_errors=True), title, year, co_chairs, count, edition, force)
    click.echo(f"wrote {ctx.project.rel(path)}: fill every TODO, then run `compiler check`")


@cli.command()
@click.argument("edition", required=False)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but 127.0.0.1 exposes the preview to the network.")
@pass_ctx
def serve(ctx, edition, port, host):
    """Preview the web edition while you edit: rebuilds and reloads the page on every save.

    Watches content/ and layouts/. A content error is shown in the page and in the
    terminal with file:line, and the preview comes back by itself once it is fixed.

    \b
    Examples:
      compiler serve                  the latest edition on http://127.0.0.1:8000/
      compiler serve 2024-04 --port 8010
    """
    from .serve import serve as run

    ctx.project  # fail early outside a project
    run(ctx.project, edition, host, port, echo=lambda m: click.echo(m, err=True))


def main(argv=None):
    """Run the command line; user mistakes end with a message, never a traceback."""
    try:
        cli.main(args=argv, prog_name="compiler", standalone_mode=True)
    except KeyboardInterrupt:  # pragma: no cover - interactive
        click.echo("interrupted; outputs already in build/ were left as they were", err=True)
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
