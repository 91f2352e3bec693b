"""Commands for readers of the publication: find agreed language, list the themes, find related language."""

from __future__ import annotations

import sys

import click

from ..errors import UsageError
from .base import cli, pass_ctx


@cli.command()
@click.argument("query", nargs=-1)
@click.option("--edition", default=None, help="Search this edition (default: the latest).")
@click.option("--part", type=click.Choice(["A", "B", "a", "b"]), default=None, help="Only Part A or Part B.")
@click.option("--body", default=None, help="Working group or dialogue (key like wg4, or words of its name).")
@click.option("--year", type=int, default=None, help="Only this year.")
@click.option("--theme", "themes", multiple=True, metavar="KEY", help="Items of this theme (repeat: any of them).")
@click.option(
    "--addressee",
    "addressees",
    multiple=True,
    metavar="WHO",
    help='Items asking them (repeat: any), e.g. "the secretariat".',
)
@click.option("--strength", default=None, metavar="LEVEL", help='At least this strong, e.g. "urged" (see --help).')
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", help="Output format.")
@pass_ctx
def find(ctx, query, edition, part, body, year, themes, addressees, strength, fmt):
    """Find agreed language in the recommendations and observations.

    Words must all appear (in any order); quoted words form a phrase. Case and accents are
    ignored. Each hit shows year, working group or dialogue, report symbol, label, and the
    sentence with the match highlighted. The words may be left out when a filter is given.

    Themes are those of content/themes.yaml (`compiler themes` lists them). Addressees are
    as the items write them: States parties, Parties, States, the secretariat, UNODC, the
    Conference, the international community. Strengths, strongest first: shall, strongly
    urged, urged (or called upon), requested, should, strongly encouraged, encouraged,
    invited, may wish to, could / consider.

    \b
    Examples:
      compiler find '"focal points"'
      compiler find voluntary contributions --part A --year 2023
      compiler find --theme funding --format csv > funding.csv
      compiler find --addressee "the secretariat" --addressee UNODC
      compiler find --theme gender-youth --strength should
      compiler find technology --body "international cooperation" --format json
    """
    import json

    from ..content.select import with_facets
    from ..search import Facet, Query, hit_lines, hits_csv
    from ..search import find as run_find
    from ..text.facets import ADDRESSEE_NAMES, STRENGTH_NAMES
    from ..text.folding import fold
    from ..workflows.editions import edition_document

    content = ctx.content()
    eid = ctx.edition_ids(content, [edition] if edition else [])[0]
    q = Query.parse(" ".join(query))
    known_themes = [t.theme.key for t in content.themes]
    for key in themes:
        if key not in known_themes:
            raise UsageError(
                f"no theme '{key}'; the themes are {', '.join(known_themes) or 'none (no content/themes.yaml)'}"
            )
    named = {fold(a): a for a in ADDRESSEE_NAMES} | {fold(a.removeprefix("the ")): a for a in ADDRESSEE_NAMES}
    unknown = [a for a in addressees if fold(a) not in named]
    if unknown:
        raise UsageError(f"no addressee '{unknown[0]}'; the items address: {', '.join(ADDRESSEE_NAMES)}")
    levels = {fold(n): n for n in STRENGTH_NAMES} | {
        "urged or called upon": "urged",
        "could": "could / consider",
        "consider": "could / consider",
    }
    if strength and fold(strength) not in levels:
        raise UsageError(f"no strength '{strength}'; from the strongest: {', '.join(STRENGTH_NAMES)}")
    facet = Facet(
        tuple(themes), tuple(named[fold(a)] for a in addressees), levels[fold(strength)] if strength else None
    )
    if q.empty and facet.empty:
        raise UsageError("give a word or a phrase to find, or a --theme, --addressee or --strength")
    doc = with_facets(edition_document(content, eid), content)
    hits = run_find(doc, q, part, body, year, facet)
    if fmt == "csv":
        click.echo(hits_csv(hits, f"{doc.base_name}.html"), nl=False)
        return
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "query": " ".join(query),
                    "filters": {
                        "themes": list(facet.themes),
                        "addressees": list(facet.addressees),
                        "strength": facet.strength,
                    },
                    "edition": eid,
                    "count": len(hits),
                    "hits": [h.to_dict() for h in hits],
                },
                indent=1,
                ensure_ascii=False,
            )
        )
        return
    marks = ("\x1b[1;33m", "\x1b[0m") if sys.stdout.isatty() else ("**", "**")
    for line in hit_lines(hits, *marks):
        click.echo(line)
    click.echo(f"{len(hits)} item(s) in the {content.edition(eid).date_label} edition")


@cli.command()
@click.option("--edition", default=None, help="The edition whose items to list (default: the latest).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="Output format.")
@pass_ctx
def themes(ctx, edition, fmt):
    """List the themes (content/themes.yaml) with their items, and the phrase that gave each.

    \b
    Examples:
      compiler themes
      compiler themes --format json
    """
    import json

    from ..content.select import with_facets
    from ..text.citing import item_name
    from ..workflows.editions import edition_document

    content = ctx.content()
    if not content.themes:
        raise UsageError("the project has no themes: write content/themes.yaml (see the README)")
    eid = ctx.edition_ids(content, [edition] if edition else [])[0]
    doc = with_facets(edition_document(content, eid), content)
    listed: dict[str, list[dict]] = {t.theme.key: [] for t in content.themes}
    for s in doc.sections():
        for i in s.items:
            for hit in i.facets.themes if i.facets else ():
                listed.setdefault(hit.key, []).append({"id": i.id, "name": item_name(i, s), "why": hit.why})
    if fmt == "json":
        data = [
            {"key": t.theme.key, "name": t.theme.name, "phrases": list(t.theme.phrases), "items": listed[t.theme.key]}
            for t in content.themes
        ]
        click.echo(json.dumps({"edition": eid, "themes": data}, indent=1, ensure_ascii=False))
        return
    for t in content.themes:
        entries = listed[t.theme.key]
        click.echo(f"{t.theme.name} [{t.theme.key}]: {len(entries)} item(s)")
        for e in entries:
            why = "added by the editor" if e["why"] == "added by the editor" else f'"{e["why"]}"'
            click.echo(f"  {e['name']} [{e['id']}]: {why}")
    click.echo(f"{len(content.themes)} theme(s) in the {content.edition(eid).date_label} edition")


@cli.command()
@click.argument("item_id", required=False, metavar="[ITEM_ID]")
@click.option("--text", "draft", default=None, help="A draft paragraph to check against the agreed language.")
@click.option("--edition", default=None, help="Search this edition (default: the latest).")
@click.option("--part", type=click.Choice(["A", "B", "a", "b"]), default=None, help="Only Part A or Part B.")
@click.option("--limit", type=click.IntRange(1, 100), default=5, show_default=True, help="How many to list.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="Output format.")
@pass_ctx
def related(ctx, item_id, draft, edition, part, limit, fmt):
    """Find agreed language near an item or a draft: precedents across groups and years.

    Lists the items nearest in wording, best first, with a score, how close that is in
    words, where each stands (year, group or dialogue, report symbol, label), the words
    they share, and the word-level difference: [-only in yours-] {+only in the precedent+}.

    \b
    Examples:
      compiler related wg4-2022-r14
      compiler related --text "States parties are urged to nominate focal points" --part A
      compiler related cd-ta-ic-2024-o45 --limit 3 --format json
    """
    import json

    from ..content.select import with_facets
    from ..model import Run
    from ..related import Index, item_text, suggest_ids, text_lines
    from ..text.citing import item_name
    from ..workflows.editions import edition_document

    if bool(item_id) == bool(draft):
        raise UsageError("give an item id or --text with a draft, one of the two")
    content = ctx.content()
    eid = ctx.edition_ids(content, [edition] if edition else [])[0]
    doc = with_facets(edition_document(content, eid), content)  # an issued edition's items: today's themes
    index = Index(doc)
    if item_id:
        if item_id not in index.position:
            raise UsageError(
                f"no item {item_id!r} in the {eid} edition; nearest ids: {', '.join(suggest_ids(doc, item_id))}"
            )
        entry, section = index.items[index.position[item_id]]
        own, subject = item_text(entry), f"{item_name(entry, section)} ({item_id})"
        matches = index.for_item(item_id, part=part, limit=limit)
    else:
        own, subject = draft, "your draft"
        matches = index.for_text(draft, part=part, limit=limit)
    if fmt == "json":
        data = {
            "edition": eid,
            "query": {"id": item_id} if item_id else {"text": draft},
            "related": [m.to_dict((Run(own),)) for m in matches],
        }
        click.echo(json.dumps(data, indent=1, ensure_ascii=False))
        return
    for line in text_lines(subject, own, matches):
        click.echo(line)
