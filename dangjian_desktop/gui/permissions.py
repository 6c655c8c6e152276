"""Buttons mirror the roles (core/roles.py): an action the logged-in account may not do is disabled,
with a tooltip saying why. Only a mirror: the services refuse such actions anyway."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from dangjian_desktop.core import roles
from dangjian_desktop.services.context import Context


def refusal(ctx: Context, permission: str) -> str:
    label = roles.ROLE_LABELS.get(ctx.user_role, ctx.user_role or "")
    return QCoreApplication.translate("Permissions", "This account ({0}) may not {1}.").format(
        label, roles.PERMISSIONS[permission])


def guard(widget: QWidget, ctx: Context, permission: str) -> bool:
    """Disable `widget` with a tooltip when the account lacks `permission`; True when allowed."""
    allowed = ctx.may(permission)
    widget.setEnabled(allowed)
    widget.setToolTip("" if allowed else refusal(ctx, permission))
    return allowed
