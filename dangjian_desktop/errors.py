"""One base exception with typed subclasses that carry data; messages are Chinese.

The CLI prints `str(error)` and exits with `error.exit_code`; the GUI shows the same text.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class DangjianError(Exception):
    """Base of every error the app reports to a user."""

    exit_code = 2

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class FieldProblem:
    """One thing wrong with one field of one record (row is the spreadsheet row, if any)."""

    field: str
    reason: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"第 {self.row} 行")
        if self.column:
            where.append(f"“{self.column}”列")
        prefix = "，".join(where)
        return f"{prefix}：{self.reason}" if prefix else self.reason


class ValidationError(DangjianError):
    """A record that breaks the rules; `problems` says which field and why."""

    def __init__(self, problems: list[FieldProblem] | FieldProblem | str, field_name: str = ""):
        if isinstance(problems, str):
            problems = [FieldProblem(field_name, problems)]
        elif isinstance(problems, FieldProblem):
            problems = [problems]
        self.problems = list(problems)
        super().__init__("；".join(str(p) for p in self.problems))


class NotFoundError(DangjianError):
    def __init__(self, what: str, key: str):
        super().__init__(f"找不到{what}：{key}")
        self.what, self.key = what, key


class RuleError(DangjianError):
    """A rulebook or criteria file that cannot be used."""


class StoreError(DangjianError):
    """The database cannot be opened, migrated or written."""

    exit_code = 4


class IntegrityProblem(DangjianError):
    """`dangjian check` found something wrong."""

    exit_code = 5


@dataclass
class ImportReport:
    """What a spreadsheet import did: rows added, updated, and rejected with reasons."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[FieldProblem] = field(default_factory=list)
    rejected_rows: set[int] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.rejected_rows
