"""The one error type every stage reports: a file, a line, a field, a message."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """Something wrong with an input file, said so that its author can fix it."""

    file: str  # path relative to the repository root, with forward slashes
    line: int  # 1-based; 1 when the problem concerns the whole file
    field: str  # dotted path such as ``sources.0.paragraphs``, or ``-`` for the file
    message: str  # what is wrong; how to fix it
    kind: str = "invalid"  # a short name of the error type, used by the tests

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


def field_name(path: tuple[str | int, ...]) -> str:
    return ".".join(str(part) for part in path) if path else "-"


class ProblemsFound(Exception):
    """Raised with every problem of a run, once all inputs have been checked."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = sorted(set(problems))
