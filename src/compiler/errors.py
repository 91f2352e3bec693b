"""Problems found in content, and the one exception root that reports them cleanly."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
NOTE = "note"


@dataclass(frozen=True, order=True)
class Location:
    """Where a problem is: a project-relative path, and a 1-based line and column if known."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line and self.col:
            return f"{self.path}:{self.line}:{self.col}"
        if self.line:
            return f"{self.path}:{self.line}"
        return self.path


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth knowing) about the content, with its location."""

    location: Location
    message: str
    severity: str = ERROR

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}: {self.message}"


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Return problems ordered by file, line and column, duplicates removed."""
    seen: dict[tuple, Problem] = {}
    for p in problems:
        seen.setdefault((p.location, p.severity, p.message), p)
    return sorted(seen.values(), key=lambda p: (p.location, p.message))


class CompilerError(Exception):
    """Root of every error the compiler reports to a user: a message and an exit status (1).

    The command line prints the message (never a traceback) and exits with ``exit_code``.
    """

    exit_code = 1

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def format_message(self) -> str:
        return self.message


class UsageError(CompilerError):
    """The command was given something it cannot use (an unknown edition, item or option value)."""

    exit_code = 2


class ContentError(CompilerError):
    """The content has errors; carries every problem found in the run."""

    def __init__(self, problems: list[Problem], action: str = ""):
        self.problems = sort_problems(problems)
        self.errors = sum(1 for p in self.problems if p.severity == ERROR)
        self.lines = [str(p) for p in self.problems if p.severity != NOTE]
        summary = f"{self.errors} error(s){'; ' + action if action else ''}."
        super().__init__("\n".join([*self.lines, f"{summary} Fix the lines above and run the command again."]))


class BuildError(CompilerError):
    """Rendering or writing an output failed; earlier outputs are left as they were."""


class ProjectError(CompilerError):
    """The project folder is missing or malformed (no content/, unknown edition, ...)."""
