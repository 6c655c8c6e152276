"""The context every use case runs in: the open store, who is acting, today's date, rules in force."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from dangjian_desktop.core import roles
from dangjian_desktop.errors import DangjianError, PermissionDenied, StoreError
from dangjian_desktop.store import Store, queries

if TYPE_CHECKING:  # the rules are imported when first used: the home page never needs the criteria
    from dangjian_desktop.core.meetings import MeetingTypes
    from dangjian_desktop.core.rulebook import Rulebook
    from dangjian_desktop.core.stars import Criteria


@dataclass(frozen=True)
class Changes:
    """What a mutating use case changed, so a GUI can refresh only what shows it."""

    tables: frozenset[str] = frozenset()
    uuids: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass
class Context:
    store: Store
    actor: str = "本机用户"
    today: date = field(default_factory=date.today)
    #: The logged-in account (a row of `users`: uuid, name, role, town_uuid …); None is the local
    #: operator of the command line or of a database that has no accounts yet (core/roles.py).
    user: dict | None = None

    @classmethod
    def open(cls, path: str | Path, *, actor: str = "本机用户", create: bool = True) -> "Context":
        return cls(Store.open(path, create=create), actor=actor)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Context":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- identity --------------------------------------------------------------------------
    @property
    def role(self) -> str | None:
        return self.store.setting("role")

    @property
    def org_uuid(self) -> str:
        org = self.store.setting("org_uuid")
        if not org:
            raise StoreError("数据库尚未初始化：请先运行 dangjian setup village 或 dangjian demo village")
        return org

    @property
    def org(self) -> dict:
        return queries.org(self.store, self.org_uuid)

    # -- permissions (core/roles.py) ------------------------------------------------------
    @property
    def user_role(self) -> str | None:
        return self.user["role"] if self.user else None

    def may(self, permission: str) -> bool:
        return roles.may(self.user_role, permission)

    def require(self, permission: str) -> None:
        """Raise PermissionDenied unless the logged-in user's role grants `permission`."""
        if not self.may(permission):
            raise PermissionDenied(roles.ROLE_LABELS.get(self.user_role, self.user_role), roles.PERMISSIONS[permission])

    def require_village(self) -> None:
        if self.role != "village":
            raise DangjianError("此操作只能在村级数据库中进行")

    # -- rules in force --------------------------------------------------------------------
    def _rule_row(self, table: str, setting: str) -> dict:
        uuid = self.store.setting(setting)
        row = queries.row(self.store, table, uuid) if uuid else None
        if row is None:
            raise StoreError(f"数据库中没有生效的{'积分细则' if table == 'rulebooks' else '星级评定标准'}")
        return row

    @property
    def rulebook_uuid(self) -> str:
        return self._rule_row("rulebooks", "rulebook_uuid")["uuid"]

    @cached_property
    def rulebook(self) -> Rulebook:
        from dangjian_desktop.core.rulebook import load_rulebook

        return load_rulebook(self._rule_row("rulebooks", "rulebook_uuid")["content"])

    @property
    def criteria_uuid(self) -> str:
        return self._rule_row("star_criteria", "criteria_uuid")["uuid"]

    @cached_property
    def criteria(self) -> Criteria:
        from dangjian_desktop.core.stars import load_criteria

        return load_criteria(self._rule_row("star_criteria", "criteria_uuid")["content"])

    @cached_property
    def meeting_types(self) -> MeetingTypes:
        from dangjian_desktop.core.meetings import load_meeting_types

        return load_meeting_types()

    def forget_rules(self) -> None:
        """Drop cached rules after a new version comes into force."""
        for name in ("rulebook", "criteria"):
            self.__dict__.pop(name, None)
