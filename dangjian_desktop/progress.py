"""Progress and cancellation for long work, shared by the CLI and the GUI (no Qt here).

Long use cases take a `Progress` and call `step()`; the GUI polls it from a timer and shows a
progress dialog whose Cancel button sets `cancelled`; the next `step()` then raises `Cancelled`,
which rolls the use case's transaction back.
"""

from __future__ import annotations

import threading

from dangjian_desktop.errors import DangjianError


class Cancelled(DangjianError):
    def __init__(self):
        super().__init__("操作已取消，数据库没有改动")


class Progress:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.done = 0
        self.total = 0
        self.message = ""
        self.cancelled = False

    def start(self, total: int, message: str = "") -> None:
        with self._lock:
            self.done, self.total, self.message = 0, total, message

    def step(self, n: int = 1, message: str | None = None) -> None:
        if self.cancelled:
            raise Cancelled()
        with self._lock:
            self.done += n
            if message is not None:
                self.message = message

    def cancel(self) -> None:
        self.cancelled = True

    def snapshot(self) -> tuple[int, int, str]:
        with self._lock:
            return self.done, self.total, self.message
