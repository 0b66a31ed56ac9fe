"""Errors a person can act on: each names the file, line and field it is about."""

from __future__ import annotations

from pathlib import Path


class CrimeplanError(Exception):
    """Base for every error the CLI and the web show without a traceback."""

    hint: str | None = None

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint

    def __str__(self) -> str:
        text = super().__str__()
        return f"{text}. {self.hint}" if self.hint else text


class IngestError(CrimeplanError):
    """Bad input file: says which file, which line (1-based, the header is line 1) and field."""

    def __init__(
        self,
        file: str | Path,
        message: str,
        *,
        line: int | None = None,
        field: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.file = Path(file).name
        self.line = line
        self.field = field
        where = self.file
        if line is not None:
            where += f" line {line:,}"
        if field is not None:
            where += f": '{field}'"
        super().__init__(f"{where}: {message}", hint=hint)


class PlanError(CrimeplanError):
    """A plan file that does not validate; lists every problem with its location."""

    def __init__(self, file: str | Path, problems: list[str]) -> None:
        self.file = Path(file).name
        self.problems = problems
        super().__init__(f"{self.file}: " + "; ".join(problems))


class NotFoundError(CrimeplanError):
    """An area, measure or period the user named does not exist."""


class NoDataError(CrimeplanError):
    """The store holds no data for what was asked."""


class ConcurrentEditError(CrimeplanError):
    """Someone else saved the row after this editor opened it: nothing was saved."""
