"""The `compiler diff` command's work: pick the two editions, compare, and write the chosen format."""

from __future__ import annotations

import re
from pathlib import Path

import click

from .compare import compare
from .editions import previous_edition, select
from .errors import CompilerError
from .output import write_atomic


def _pick(content, old, new, against):
    ids = content.edition_ids
    for e in (old, new):
        if e and content.edition(e) is None:
            raise click.BadParameter(f"unknown edition {e!r}; known: {', '.join(ids)}", param_hint="EDITION")
    if against:
        if new:
            return old, new
        target = old or ids[-1]
        return target, target
    if old and new:
        return old, new
    target = old or ids[-1]
    before = previous_edition(content, target)
    if before is None:
        raise click.BadParameter(f"edition {target} is the first one; name two editions to compare",
                                 param_hint="EDITION")
    return before, target


def _page_map(project, doc):
    from .build import Renderer

    return Renderer(project, doc).pdf().anchor_pages


def run_diff(ctx, old_id, new_id, fmt, output, brief, against):
    """Compare two editions and print or write the result."""
    content = ctx.content()
    old_id, new_id = _pick(content, old_id, new_id, against)
    if against:
        from .history import content_at

        old_content = content_at(ctx.project, against)
        if old_content.edition(old_id) is None:
            raise CompilerError(f"edition {old_id} does not exist at revision {against}")
        old_doc = select(old_content, old_id)
    else:
        old_doc = select(content, old_id)
    new_doc = select(content, new_id)
    cs = compare(old_doc, new_doc)
    if fmt in ("text", "json"):
        from .render.changes import render_json, render_text, whats_new

        text = render_json(cs) if fmt == "json" else (whats_new(cs) if brief else render_text(cs))
        if output:
            write_atomic(Path(output), text.encode("utf-8"))
            click.echo(f"wrote {output}", err=True)
        else:
            click.echo(text, nl=False)
        return
    from .redline import build_redline

    layout = ctx.project.layout_dir
    if fmt == "docx":
        from .render.docx import render_tracked_docx

        view = build_redline(old_doc, new_doc, cs, _page_map(ctx.project, old_doc), _page_map(ctx.project, new_doc))
        data = render_tracked_docx(view, layout)
    else:
        from .render.redline_html import render_redline_html, render_redline_pdf

        view = build_redline(old_doc, new_doc, cs)
        data = (render_redline_pdf(view, layout, ctx.project.content_dir) if fmt == "pdf"
                else render_redline_html(view, layout).encode("utf-8"))
    suffix = "-against-" + re.sub(r"[^A-Za-z0-9._-]", "_", against) if against else ""
    path = Path(output) if output else (ctx.project.build_dir / "changes" /
                                        f"changes-{old_id}-to-{new_id}{suffix}.{fmt}")
    write_atomic(path, data)
    click.echo(f"wrote {path}")
