"""Commands that work on the publication: mail, import, new, serve."""

from __future__ import annotations

import sys

import click

from ..errors import CompilerError
from .base import CompilerGroup, cli, pass_ctx


@cli.command()
@click.argument("edition", required=False)
@click.option("--list", "list_name", required=True, metavar="NAME", help="Mailing list (content/mailing-lists.yaml).")
@click.option("--attach", default="pdf", metavar="LIST", help="pdf (default) or pdf,docx.")
@click.option("--send", is_flag=True, help="Deliver over SMTP. Without it nothing leaves the machine.")
@click.option("--resend", is_flag=True, help="Send again to a list that already received this edition.")
@click.option(
    "--resend-uncertain",
    is_flag=True,
    help="With --send: send one more copy to the recipients whose delivery is uncertain.",
)
@click.option(
    "--mark-delivered",
    is_flag=True,
    help="Record the uncertain recipients as delivered (after the mail server's log or they confirm).",
)
@click.option("--insecure", is_flag=True, help="Allow an unencrypted connection to a test server on localhost.")
@click.option(
    "--smtp-config",
    type=click.Path(dir_okay=False),
    default=None,
    help="SMTP settings file (default: $UNTOC_SMTP_CONFIG or ~/.config/untoc-compilation/smtp.toml).",
)
@pass_ctx
def mail(ctx, edition, list_name, attach, send, resend, resend_uncertain, mark_delivered, insecure, smtp_config):
    """Mail an edition's PDF to a mailing list (a dry run unless --send).

    The dry run builds the edition if needed and writes the exact message, per batch, to
    build/EDITION/mail/LIST/. With --send it is delivered over verified TLS; the send record
    content/distribution/EDITION/LIST.json (commit it) says who received it, so a run that
    stops delivers only to the rest when run again, from any clone, and a second send of the
    same edition to the same list needs --resend. Recipients whose message may have been
    stored without a confirmation are "uncertain" and never sent it again silently: decide
    with --mark-delivered or --send --resend-uncertain.

    \b
    Examples:
      compiler mail --list focal-points                   dry run, latest edition
      compiler mail 2024-09 --list focal-points --attach pdf,docx --send
    """
    from ..mail.settings import SmtpSettings, load_settings
    from ..workflows.mail import mail_edition

    fmts = tuple(f.strip() for f in attach.split(","))
    if not fmts or fmts[0] != "pdf" or any(f not in ("pdf", "docx") for f in fmts) or len(set(fmts)) != len(fmts):
        raise click.BadParameter("use pdf or pdf,docx", param_hint="--attach")
    content = ctx.content()
    eid = ctx.edition_ids(content, [edition] if edition else [])[0]
    if send or smtp_config:
        settings = load_settings(smtp_config)
    else:  # a dry run needs only batch size and attachment limit: a broken config file must not stop it
        try:
            settings = load_settings()
        except CompilerError:
            settings = SmtpSettings()
    if resend_uncertain and not send:
        raise click.BadParameter("--resend-uncertain sends: add --send", param_hint="--resend-uncertain")
    if mark_delivered and (send or resend or resend_uncertain):
        raise click.BadParameter("--mark-delivered records, it does not send", param_hint="--mark-delivered")
    status = mail_edition(
        ctx.project,
        content,
        eid,
        list_name,
        fmts,
        settings,
        send,
        resend,
        insecure,
        click.echo,
        resend_uncertain=resend_uncertain,
        confirm_delivered=mark_delivered,
    )
    if status:
        sys.exit(status)


@cli.group("import", cls=CompilerGroup)
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
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="Content file to write (default: content/part-b/<year>-<topic>.yaml).",
)
@click.option("--force", is_flag=True, help="Replace an existing file (keeping its section's order).")
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

    from ..workflows.imports import import_summary

    result = import_summary(
        ctx.project, ctx.content(), Path(file), year, title, Path(output) if output else None, force
    )
    first, last = result.span
    _import_epilogue(ctx, result, f"{result.items} observation(s), paragraphs {first}-{last}")


def _import_epilogue(ctx, result, taken: str) -> None:
    """Print what an import wrote, where each field came from, what it kept, changed in the text, could not find."""
    rel = ctx.project.rel(result.path)
    if result.unchanged:
        click.echo(
            f"{rel} already holds these {taken}, word for word: nothing was written. The section keeps the original "
            f"it was imported from (one original per section); this file is not kept."
        )
        return
    click.echo(f"wrote {rel}: {taken}")
    if result.found:
        click.echo("where each field came from:")
        for line in result.found:
            click.echo(f"  - {line}")
    if result.source_copy:
        click.echo(f"kept the original as {ctx.project.rel(result.source_copy)} (commit it; `check` reads it)")
    if result.changes:
        click.echo("what the import changed in the text (check these places):")
        for change in result.changes:
            click.echo(f"  - {change}")
    if result.missing:
        click.echo("left for the editor (not found in the document):")
        for m in result.missing:
            click.echo(f"  - {m}")
    click.echo("next: check the file, then run `compiler check`")


@import_group.command("report")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="Content file to write (default: content/part-a/<year>-<group>-<topic>.yaml).",
)
@click.option("--force", is_flag=True, help="Replace an existing file (keeping its section's order).")
@click.option(
    "--symbol", default=None, help="The report's symbol, when it states two that disagree (or none where it should)."
)
@pass_ctx
def import_report_command(ctx, file, output, force, symbol):
    """Import a working group's report (.txt, .md, .docx or .pdf) as a Part A content file.

    Finds the chapter of recommendations ("I. Recommendations"), takes its "Recommendation N"
    items, or the lettered sub-paragraphs "(l)", "(m)" of its numbered paragraph, with their
    sub-items, and writes the report symbol where the report states it (the top band of its
    first page, its running head; never a symbol cited in its text), the group and year it
    names, the meeting's place and dates, the labels, texts and paragraph numbers, and says where
    each came from. The original file is kept in content/sources/.

    \b
    Example:
      compiler import report ~/Downloads/CTOC_COP_WG.4_2025_4.pdf
    """
    from pathlib import Path

    from ..workflows.imports import import_report

    result = import_report(ctx.project, ctx.content(), Path(file), Path(output) if output else None, force, symbol)
    first, last = result.span
    _import_epilogue(ctx, result, f"{result.items} recommendation(s), {first} to {last}")


@import_group.command("review")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False), metavar="REVIEWED.docx...")
@click.option("--apply", "apply_changes", is_flag=True, help="Write the changes into the content files.")
@click.option("--reason", default=None, help="Why published text changes, where no comment on the item says it.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="Output format.")
@pass_ctx
def import_review_command(ctx, files, apply_changes, reason, fmt):
    """Bring reviewers' Word files back: their tracked changes, untracked edits and comments.

    Each file must be a DOCX this compiler wrote (it carries the edition's data), edited and
    saved by Word or LibreOffice. Every change is mapped to what it changes (an item's text,
    a sub-item, a label, a section heading, the Guidance or Background) and checked against the
    content as it is now: a change to an item that changed since is a conflict, never applied;
    two reviewers changing the same words differently is a conflict too. With --apply the
    changes are written into the content files (all or none), with a correction where the text
    was published (its reason: the reviewer's comment on the item, or --reason), and each
    file's comments are kept in content/reviews/<edition>/.

    \b
    Examples:
      compiler import review ~/Downloads/compilation-2025-01-reviewed.docx
      compiler import review chair.docx unit.docx --apply --reason "As the report says."
    """
    import json
    from pathlib import Path

    from ..workflows.review import import_review
    from ..workflows.review_report import report_data, report_lines

    result = import_review(ctx.project, ctx.content(), [Path(f) for f in files], apply_changes, reason)
    if fmt == "json":
        click.echo(json.dumps(report_data(result), indent=1, ensure_ascii=False))
        return
    for line in report_lines(result, ctx.project, apply_changes):
        click.echo(line)


@cli.group("new", cls=CompilerGroup)
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
@click.option("--labels", default="", help="The recommendations' printed labels, comma-separated (e.g. 1,2,3).")
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
    from ..content.scaffold import new_meeting

    labels_list = [label.strip() for label in labels.split(",") if label.strip()]
    path = new_meeting(
        ctx.project, ctx.content(tolerate_errors=True), working_group, year, number, labels_list, edition, force
    )
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
    from ..content.scaffold import new_dialogue

    path = new_dialogue(ctx.project, ctx.content(tolerate_errors=True), title, year, co_chairs, count, edition, force)
    click.echo(f"wrote {ctx.project.rel(path)}: fill every TODO, then run `compiler check`")


@cli.command()
@click.argument("edition", required=False)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; anything but 127.0.0.1 exposes the preview to the network.",
)
@pass_ctx
def serve(ctx, edition, port, host):
    """Preview the web edition while you edit: rebuilds and reloads the page on every save.

    Opens the latest draft (or EDITION). Watches content/ and layouts/. A content error is
    shown in the page and in the terminal with file:line, and the preview comes back by
    itself once it is fixed. An issued edition is built from its record: edits do not show
    in it, and the preview says so.

    \b
    Examples:
      compiler serve                  the latest draft on http://127.0.0.1:8000/
      compiler serve 2024-04 --port 8010
    """
    from ..workflows.preview import serve as run

    run(ctx.project, edition, host, port, echo=lambda m: click.echo(m, err=True))
