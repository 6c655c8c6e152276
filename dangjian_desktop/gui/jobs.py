"""Long work off the GUI thread, with a progress dialog and Cancel (Anki's shape, simplified).

A job is a plain function `fn(ctx, progress) -> result` from the services. It runs on a worker
thread with its own database connection (SQLite ties a connection to its thread; WAL lets the GUI
keep reading meanwhile). A QTimer polls the `Progress` and the thread; the result or the error is
handed back on the GUI thread. In tests the runner can run jobs inline, deterministically.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from dangjian_desktop.gui.errors import show_error
from dangjian_desktop.progress import Cancelled, Progress
from dangjian_desktop.services.context import Context

Job = Callable[[Context, Progress], Any]


class JobRunner(QObject):
    def __init__(self, ctx: Context, *, inline: bool = False, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.inline = inline
        self._running: list[tuple] = []

    def run(self, parent: QWidget | None, title: str, job: Job, on_done: Callable[[Any], None],
            on_error: Callable[[BaseException], None] | None = None) -> None:
        progress = Progress()
        report_error = on_error or (lambda exc: show_error(parent, exc))
        if self.inline or self.ctx.store.path is None:
            try:
                result = job(self.ctx, progress)
            except Cancelled:
                return
            except Exception as exc:  # noqa: BLE001 - every failure reaches the user as a message
                report_error(exc)
                return
            on_done(result)
            return
        outcome: dict[str, Any] = {}
        thread = threading.Thread(target=self._work, args=(self.ctx.store.path, self.ctx.actor, job, progress, outcome,
                                                         self.ctx.user),
                                  daemon=True)
        dialog = QProgressDialog(title, QCoreApplication.translate("JobRunner", "Cancel"), 0, 0, parent)
        from PySide6.QtCore import Qt  # not at import: the Qt namespace costs ~30 ms at start

        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.canceled.connect(progress.cancel)
        timer = QTimer(self)
        entry = (thread, timer, dialog)
        self._running.append(entry)

        def poll() -> None:
            done, total, message = progress.snapshot()
            dialog.setMaximum(total)
            dialog.setValue(min(done, total) if total else 0)
            if message:
                dialog.setLabelText(f"{title}\n{message}")
            if thread.is_alive():
                return
            timer.stop()
            dialog.reset()
            dialog.deleteLater()
            self._running.remove(entry)
            error = outcome.get("error")
            if isinstance(error, Cancelled):
                return
            if error is not None:
                report_error(error)
            else:
                on_done(outcome.get("result"))

        timer.timeout.connect(poll)
        timer.start(100)
        thread.start()

    @staticmethod
    def _work(path: Path, actor: str, job: Job, progress: Progress, outcome: dict, user: dict | None = None) -> None:
        ctx = Context.open(path, actor=actor, create=False)
        ctx.user = user  # the job runs as the logged-in user: the services check the same role
        try:
            outcome["result"] = job(ctx, progress)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread
            outcome["error"] = exc
        finally:
            ctx.close()

    def wait_all(self) -> None:
        """Block until every running job has finished (for tests and shutdown)."""
        while self._running:
            QCoreApplication.processEvents()  # may finish (and remove) the job we were waiting on
            if self._running:
                self._running[0][0].join(0.05)
