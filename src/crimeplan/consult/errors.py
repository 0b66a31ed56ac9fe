"""The error a consultation file raises when it does not validate."""

from __future__ import annotations

from pathlib import Path

from crimeplan.errors import CrimeplanError


class ConsultationError(CrimeplanError):
    """A consultation file that does not validate; lists every problem with its location.

    Each problem reads `line N: path.to.field: what is wrong`, the line being the YAML line.
    """

    def __init__(self, file: str | Path, problems: list[str]) -> None:
        self.file = Path(file).name
        self.problems = problems
        super().__init__(f"{self.file}: " + "; ".join(problems))
