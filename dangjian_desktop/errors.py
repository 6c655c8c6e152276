"""One base exception with typed subclasses that carry data; messages are Chinese.

The CLI prints `str(error)` and exits with `error.exit_code`; the GUI shows the same text.
"""

from __future__ import annotations

import sqlite3
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


class PermissionDenied(DangjianError):
    """The logged-in user's role does not allow this (roles are enforced in the services layer)."""

    exit_code = 6

    def __init__(self, role_label: str, doing: str):
        super().__init__(f"当前账户（{role_label}）无权{doing}，请用有权限的账户登录")
        self.role_label, self.doing = role_label, doing


class StoreError(DangjianError):
    """The database cannot be opened, migrated or written."""

    exit_code = 4


class DatabaseDamagedError(StoreError):
    """The database file is not a readable SQLite database any more (a damaged disk, a file cut
    short): the user is offered a backup. A file from a newer version is a plain StoreError."""

    def __init__(self, path: object, detail: str = ""):
        super().__init__(f"无法打开数据库 {path}：文件已损坏" + (f"（{detail}）" if detail else "")
                         + "。请从备份恢复：启动程序时会提供最近的备份，损坏的文件会另存，不会被删除。")
        self.path = path


class StorageFullError(StoreError):
    """A write failed because the disk is full (or the database hit its size limit): the whole
    operation was rolled back, nothing that was saved before is lost."""

    def __init__(self, detail: str = ""):
        super().__init__("磁盘空间已满，这次的内容没有保存（之前保存的数据完好无损）。"
                         "请删除不需要的文件、清空回收站，或换一个有空间的位置后再试一次。"
                         + (f"（{detail}）" if detail else ""))


class StorageIOError(StoreError):
    """The disk refused a read or a write (a failing disk, a removed USB drive)."""

    def __init__(self, detail: str = ""):
        super().__init__("读写磁盘出错，这次的内容没有保存（之前保存的数据完好无损）。"
                         "请检查硬盘或 U 盘是否正常连接，然后再试一次。" + (f"（{detail}）" if detail else ""))


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


_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_NOTADB = 10, 11, 13, 26


def from_sqlite(exc: BaseException, path: object = "") -> StoreError | None:
    """The typed error for an SQLite failure a user can act on (full disk, disk error, damaged
    file), or None for the others (which are program errors, shown as such)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if not isinstance(exc, sqlite3.Error) or code is None:
        return None
    primary = code & 0xFF
    if primary == _SQLITE_FULL:
        return StorageFullError()
    if primary == _SQLITE_IOERR:
        return StorageIOError(str(exc))
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return DatabaseDamagedError(path or "", str(exc))
    return None
