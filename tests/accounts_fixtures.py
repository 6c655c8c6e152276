"""Shared by the account tests: a cheap scrypt cost (the cost is stored in each hash, so hashes
made here verify the same way), and a helper to act as a role."""

from __future__ import annotations

import pytest

import dangjian_desktop.core.passwords as passwords_module
from dangjian_desktop.services.context import Context

PASSWORD = "东庄支部2026"


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch):
    monkeypatch.setattr(passwords_module, "SCRYPT_N", 2 ** 10)


def as_role(ctx: Context, role: str | None, name: str = "测试账户") -> Context:
    ctx.user = None if role is None else {"uuid": f"uuid-{role}", "name": name, "role": role, "town_uuid": None}
    return ctx
