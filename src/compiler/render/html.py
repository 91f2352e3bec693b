"""Write a View as HTML with the layout's Jinja2 templates: the web edition, and the print HTML the PDF is made from."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup, escape

from ..errors import BuildError
from ..files import keep_sealed, read_sealed
from ..model import Run
from ..text.facets import ADDRESSEE_NAMES, STRENGTH_NAMES
from ..view import Text, View
from . import Options, WebLinks


def inline(runs: Text | tuple[Run, ...], link_prefix: str = "") -> Markup:
    """Return a text's runs as escaped HTML with <em>, <strong> and <a>; ``link_prefix`` goes before "#anchor" links."""
    if isinstance(runs, Text):
        runs = runs.runs
    out = []
    for r in runs:
        t = escape(r.text)
        if r.bold:
            t = Markup(f"<strong>{t}</strong>")
        if r.italic:
            t = Markup(f"<em>{t}</em>")
        if r.href:
            href = link_prefix + r.href if r.href.startswith("#") else r.href
            t = Markup(f'<a href="{escape(href)}">{t}</a>')
        out.append(str(t))
    return Markup("".join(out))


def section_heading_html(heading: Text) -> Markup:
    """Return a section's heading (view.heading_runs): its title, and its source in parentheses set regular."""
    title, opening, *source = heading.runs
    return Markup(f'{inline((title,))}<span class="heading-source">{inline((opening, *source))}</span>')


def css_string(text: str) -> Markup:
    """Return text as a CSS string literal that is safe inside a <style> element."""
    out = []
    for ch in text:
        if ch in '"\\<>&' or ord(ch) < 32:
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return Markup('"' + "".join(out) + '"')


@lru_cache(maxsize=8)
def _environment(layout_dir: str):
    from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined

    class QuietCache(FileSystemBytecodeCache):
        """Compiled templates in build/.cache/jinja, sealed with this user's key (files.seal: Jinja's bytecode is
        code, and a planted file must never run); a cache that cannot be written is no error."""

        def load_bytecode(self, bucket):
            payload = read_sealed(Path(self._get_cache_filename(bucket)))
            if payload is not None:
                bucket.load_bytecode(io.BytesIO(payload))

        def dump_bytecode(self, bucket):
            out = io.BytesIO()
            bucket.write_bytecode(out)
            keep_sealed(Path(self._get_cache_filename(bucket)), out.getvalue())

    # Compiled templates are kept in the project's build/.cache/ (Jinja checks they are current).
    bytecode_cache = QuietCache(str(Path(layout_dir).parent.parent / "build" / ".cache" / "jinja"))
    # Every template is autoescaped except plain-text ones (*.txt.j2, e.g. a mail body).
    env = Environment(
        loader=FileSystemLoader(layout_dir),
        bytecode_cache=bytecode_cache,
        autoescape=lambda name: not (name or "").endswith(".txt.j2"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["inline"] = inline
    env.filters["css_string"] = css_string
    env.filters["section_heading"] = section_heading_html
    env.filters["unbreakable"] = unbreakable

    def asset(name: str) -> Markup:
        """Return a layout asset's text for inlining in a <style> or <script> element."""
        path = (Path(layout_dir) / name).resolve()
        if not path.is_relative_to(Path(layout_dir).resolve()):
            raise BuildError(f"layout asset {name!r} is outside the layout folder")
        # Trusted layout code; it only has to be kept from closing its element early.
        return Markup(path.read_text(encoding="utf-8").replace("</", "<\\/"))

    env.globals["stylesheet"] = asset
    env.globals["script"] = asset
    return env


def unbreakable(text: object) -> str:
    """Return text whose spaces are no-break spaces: kept on one line as one run of text (an index entry: WeasyPrint
    breaks a paragraph of plain text far faster than one of many inline boxes kept whole by white-space: nowrap)."""
    return str(text).replace(" ", "\u00a0")


def view_context(view: View) -> dict:
    """Return what every template sees: the view, its document and metadata."""
    return {
        "view": view,
        "doc": view.doc,
        "meta": view.meta,
        "permalinks": False,
        "live_reload": None,
        "link_prefix": "",
    }


def compile_templates(layout_dir: Path, *names: str) -> None:
    """Compile templates ahead of use (their errors are reported when they are rendered)."""
    from jinja2 import TemplateError

    for name in names:
        try:
            _environment(str(layout_dir)).get_template(name)
        except (TemplateError, OSError):
            pass


def render_template(layout_dir: Path, template: str, **context) -> str:
    """Return a layout template rendered with ``context``; template errors become BuildError."""
    from jinja2 import TemplateError

    try:
        return _environment(str(layout_dir)).get_template(template).render(**context)
    except TemplateError as exc:
        name = getattr(exc, "filename", None) or getattr(exc, "name", None) or template
        name = Path(name).name if Path(name).is_absolute() else name
        line = getattr(exc, "lineno", None)
        where = f"layouts/{layout_dir.name}/{name}" + (f":{line}" if line else "")
        raise BuildError(f"{where}: error: template error: {exc}") from None
    except OSError as exc:
        raise BuildError(f"layouts: cannot read {exc.filename}: {exc.strerror}") from None


def render_print_html(
    view: View,
    layout_dir: Path,
    chunk=None,
    toc_pages: dict | None = None,
    first_page: int | None = None,
    toc_prefix: str = "",
    index_pages: dict | None = None,
    with_contact: bool = True,
) -> str:
    """Return the HTML of the print edition (the PDF's input), whole or one chunk of it.

    A chunk (render/pagination.py) is rendered on its own; ``first_page`` is its first page
    number and ``toc_pages`` the contents' page numbers, known once the body is laid out;
    ``index_pages`` the items' page numbers for the index of themes, its chunk laid out last (the
    whole edition has a page where the index goes: see render/pdf.py); ``with_contact`` leaves out
    the back cover of the last chunk when it is laid out apart.
    """
    from .pagination import chunks, page_starts

    all_chunks = chunks(view.doc)
    context = view_context(view) | {"link_prefix": toc_prefix}  # links between chunks joined later
    return render_template(
        layout_dir,
        "pdf.html.j2",
        chunk=chunk,
        toc_pages=toc_pages,
        first_page=first_page,
        toc_prefix=toc_prefix,
        index_pages=index_pages,
        with_contact=with_contact,
        last_chunk=all_chunks[-1],
        page_starts=page_starts(view.doc),
        **context,
    )


def live_reload_script(version: int, error: bool = False) -> Markup:
    """Return the preview's script: listen for the server's reload event, reload when the build changes, keep the
    place.

    The server pushes each new build's version at once (Server-Sent Events, /__events); where the event stream is
    not available the page asks /__version instead. Before reloading, a page keeps its scroll position (the search
    is in its address already); the reloaded page goes back to it. The error page neither takes nor overwrites that
    place, so the page that comes back once the error is fixed opens where the reader was.
    """
    keep = "" if error else "sessionStorage.setItem(k,String(window.scrollY));"  # the browser's own restoring is off
    restore = (
        ""
        if error
        else "var y=sessionStorage.getItem(k);if(y!==null){sessionStorage.removeItem(k);"
        "window.addEventListener('load',function(){if(!location.hash){window.scrollTo(0,+y);}});}"
        "history.scrollRestoration='manual';"
    )
    return Markup(
        "(function(){var v=" + str(int(version)) + ";var k='preview-scroll:'+location.pathname;" + restore + ""
        "function go(n){if(n!==v){v=n;" + keep + "location.reload();}}"
        "function poll(){fetch('/__version',{cache:'no-store'}).then(function(r){return r.json();})"
        ".then(function(d){go(d.version);setTimeout(poll,400);}).catch(function(){setTimeout(poll,1000);});}"
        "if(window.EventSource){var es=new EventSource('/__events'),failed=0;"
        "es.onmessage=function(e){failed=0;go(JSON.parse(e.data).version);};"
        "es.onerror=function(){if(++failed>3){es.close();poll();}};}else{poll();}})();"
    )


def render_web_html(
    view: View,
    layout_dir: Path,
    web: WebLinks | None = None,
    live_reload: int | None = None,
    preview_note: str | None = None,
) -> str:
    """Return the standalone web edition: one HTML file, its CSS and script inlined.

    ``web`` gives the edition switcher and the links to the same edition's other formats;
    ``live_reload`` (the preview's build version) adds the script that reloads on changes.
    Related agreed language, citations and what is new come with the View's items.
    """
    web = web or WebLinks()
    ctx = view_context(view)
    ctx.update(
        permalinks=True,
        related=related_lists(view),
        editions=[{"id": i, "label": label, "href": href} for i, label, href in web.editions],
        downloads=list(web.downloads),
        marks=view.marks,
        facet_choices=facet_choices(view),
        live_reload=live_reload_script(live_reload) if live_reload else None,
        preview_note=preview_note,
    )
    return render_template(layout_dir, "web.html.j2", **ctx)


def facet_choices(view: View) -> dict[str, tuple[str, ...]]:
    """Return what the web edition's facet filters offer: the addressees its items name (in the order of the scale of
    addressees) and the strengths, strongest first."""
    named = {a for i in view.items() if i.facets for a in i.facets.addressees}
    return {
        "addressees": tuple(a for a in ADDRESSEE_NAMES if a in named),
        "strengths": STRENGTH_NAMES,
    }


def write_html(view: View, options: Options) -> bytes:
    """Return the web edition of a View (the registry's writer)."""
    return render_web_html(view, options.layout_dir, options.web, options.live_reload, options.preview_note).encode(
        "utf-8"
    )


def related_lists(view: View) -> dict[str, Markup]:
    """Return, per item, the list of its related items as the web edition shows it: links and closeness.

    Written here rather than in the template: at 10x content a Jinja loop over 2,000 links took
    longer than the rest of the page. The page's script adds "What differs" to each entry.
    """
    out = {}
    for item in view.items():
        if not item.related:
            continue
        rows = "".join(
            f'<li><a href="#{escape(r.id)}">{escape(r.name)}</a>: <span class="similarity">{escape(r.similarity)}</span></li>'
            for r in item.related
        )
        out[item.id] = Markup(
            f'<details class="related"><summary>Related agreed language ({len(item.related)})</summary><ul>{rows}</ul>'
            f"</details>"
        )
    return out
