"""The command line's shared parts: the command group, its error handling, the project context."""

from __future__ import annotations

import sys
import traceback

import click

from ..errors import ERROR, NOTE, WARNING, CompilerError, UsageError

BUG = (
    "error: this is a bug in the compiler, not a problem with your content: please report it to the "
    "compiler's maintainers with the command you ran and the traceback above"
)

FORMAT_CHOICES = ("pdf", "docx", "html", "json")


class CompilerGroup(click.Group):
    """Turns the compiler's errors into clean messages and exit statuses, for every command."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            raise click.UsageError(exc.message, ctx) from None
        except CompilerError as exc:
            raise Failure(exc.message, exc.exit_code) from None
        except BrokenPipeError:  # the reader went away (`compiler find ... | head`): nothing more to say
            _quiet_stdout()
            raise Failure("", 141) from None
        except OSError as exc:  # the file system refused something the user controls (a file where a folder goes)
            where = f" ({exc.filename})" if exc.filename else ""
            raise Failure(f"error: {exc.strerror or exc}{where}") from None
        except (click.exceptions.Exit, click.ClickException, click.Abort, KeyboardInterrupt):
            raise
        except Exception:  # noqa: BLE001 - not the user's mistake: show the traceback and say it is a bug
            traceback.print_exc(file=sys.stderr)
            raise Failure(BUG) from None


class Failure(click.ClickException):
    """A compiler error as click shows it: the message alone, and the exit status."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code

    def show(self, file=None) -> None:
        if self.message:
            click.echo(self.format_message(), err=True)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so that Python's flush at exit does not fail on the closed pipe again."""
    import os

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):  # not a real file (a test's captured output)
        pass


class Ctx:
    """What every command needs: the project folder option, resolved lazily."""

    def __init__(self, project_path):
        self.project_path = project_path
        self._project = None

    @property
    def project(self):
        if self._project is None:
            from ..project import find_project

            self._project = find_project(self.project_path)
        return self._project

    def content(self, tolerate_errors: bool = False):
        """Return the content with every check run (workflows/check.py); errors end the command."""
        from ..workflows.check import checked_content

        return checked_content(self.project, tolerate_errors)

    def edition_ids(self, content, requested, all_editions=False) -> list[str]:
        """Return the editions a command works on; an unknown one is a usage error."""
        from ..workflows.editions import resolve_editions

        return resolve_editions(content, list(requested), all_editions)


pass_ctx = click.make_pass_decorator(Ctx)


def _formats(value: str | None, choices=FORMAT_CHOICES) -> tuple[str, ...]:
    if not value:
        return choices
    out = []
    for part in value.split(","):
        part = part.strip().lower()
        if part not in choices:
            raise click.BadParameter(f"{part!r} is not a format; choose from {', '.join(choices)}")
        if part not in out:
            out.append(part)
    return tuple(out)


def _print_problems(problems, show_notes: bool = True) -> dict[str, int]:
    from ..errors import sort_problems

    counts = {ERROR: 0, WARNING: 0, NOTE: 0}
    for p in sort_problems(problems):
        counts[p.severity] += 1
        if p.severity != NOTE or show_notes:
            click.echo(str(p), err=True)
    return counts


@click.group(cls=CompilerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--project",
    "project_path",
    type=click.Path(file_okay=False),
    default=None,
    help="Project folder (default: the current folder or the nearest one above it).",
)
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
