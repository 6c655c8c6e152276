"""Why a bundle, an enrolment or a key was refused. Messages are Chinese and meant for a secretary."""

from __future__ import annotations

from dangjian_desktop.errors import DangjianError


class BundleRejected(DangjianError):
    """A file that must not touch the database; `reason` says why in words a secretary understands."""

    exit_code = 6

    def __init__(self, reason: str, *, status: str = "rejected", rejected: int = 0):
        super().__init__(reason)
        self.reason = reason
        self.status = status  # 'rejected', 'quarantined' or 'outdated'
        self.rejected = rejected  # how many changes were refused with it, when known


class WrongPassphrase(DangjianError):
    def __init__(self):
        super().__init__("口令不正确，无法打开区级密钥（口令区分大小写）")


class SyncSetupError(DangjianError):
    """Enrolment, keys or roles are not in the state an operation needs."""
