"""数据交换: bundles to and from the USB stick, for a village and for the district.

A village exports its delta (every change the district has not acknowledged) and imports the
district's return bundles; the district imports every village's bundle found on a stick and writes
a return bundle for each village back to it. The drives plugged in are offered first. Every import
shows one receipt per file, refused files in red; the bundle log is below. The work runs in the
JobRunner; the district key's passphrase is asked once per session and kept in memory only.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFileDialog, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QSplitter, QVBoxLayout,
                               QWidget)

from dangjian_desktop.errors import DangjianError
from dangjian_desktop.gui.errors import error_text, show_error
from dangjian_desktop.gui.jobs import JobRunner
from dangjian_desktop.gui.pages import Page
from dangjian_desktop.gui.pages import exchange_receipts as receipts_ui
from dangjian_desktop.gui.pages.exchange_drives import LocationBox
from dangjian_desktop.gui.pages.exchange_history import HistoryBox
from dangjian_desktop.gui.pages.exchange_receipts import ReceiptCard, ReceiptList, receipt_card, skipped_card
from dangjian_desktop.gui.widgets import BAD, DUE, GOOD, MUTED, big_button, heading_row, hint_label, rel_pt
from dangjian_desktop.progress import Cancelled
from dangjian_desktop.services import exchange, maintenance, sync
from dangjian_desktop.services.context import Changes, Context
from dangjian_desktop.services.sync_identity import needs_passphrase
from dangjian_desktop.sync.errors import WrongPassphrase


def _cancellable(work):
    """A job whose Cancel still reaches the page (the runner drops a cancelled job silently)."""
    def job(ctx: Context, progress):
        try:
            return work(ctx, progress)
        except Cancelled:
            return None
    return job


class ExchangePage(Page):
    key = "exchange"
    watches = exchange.WATCHED_TABLES

    def __init__(self, ctx: Context, runner: JobRunner, parent: QWidget | None = None):
        super().__init__(ctx, runner, parent)
        self.district = ctx.role == "district"
        self._passphrase: str | None = None  # this session only; never written anywhere
        self.pending_count = 0
        intro = hint_label(
            self.tr("Plug in the USB stick from a village, import every bundle on it, then write the return "
                    "bundles back to the stick for the villages.") if self.district else
            self.tr("Export a bundle to the USB stick and carry it to the district. When the stick comes back, "
                    "import the district's return bundle: it confirms what the district received."))
        self.location = LocationBox(self.tr("1. USB drive or folder"), sync.default_folder(ctx).resolve())
        self.found = hint_label()
        self.location.layout().addWidget(self.found)
        self.location.changed.connect(self.scan)

        self.import_button = big_button(self.tr("Import all bundles on the stick") if self.district
                                        else self.tr("Import the return bundle"), primary=self.district)
        self.files_button = big_button(self.tr("Import files…"))
        if self.district:
            self.export_button = big_button(self.tr("Write return bundles for all villages to the stick"))
        else:
            self.export_button = big_button(self.tr("Export bundle"), primary=True)
            self.export_button.setFixedHeight(56)
            self.export_button.setStyleSheet(self.export_button.styleSheet()
                                             + f" QPushButton {{ font-size: {rel_pt(1.3)}; }}")
        self.import_button.clicked.connect(self.import_location)
        self.files_button.clicked.connect(self.choose_files)
        self.export_button.clicked.connect(self.export)
        self.written = hint_label()
        actions = QGroupBox(self.tr("2. Import and write back") if self.district else self.tr("2. Export and import"))
        grid = QVBoxLayout(actions)
        if self.district:
            grid.addWidget(self.import_button)
            grid.addWidget(self.export_button)
            grid.addWidget(self.files_button)
        else:
            grid.addWidget(self.export_button)
            row = QHBoxLayout()
            row.addWidget(self.import_button, 1)
            row.addWidget(self.files_button, 1)
            grid.addLayout(row)
        grid.addWidget(self.written)

        self.status_box = QGroupBox(self.tr("Keys and acknowledgements") if self.district else
                                    self.tr("Waiting for the district"))
        self.pending = QLabel()
        self.pending.setWordWrap(True)
        self.pending.setStyleSheet(f"font-size: {rel_pt(1.4)}; font-weight: bold;")
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.facts = QGridLayout()
        self.facts.setColumnStretch(1, 1)
        self.fact_labels: list[tuple[QLabel, QLabel]] = []
        for row in range(3):
            name, value = QLabel(), QLabel()
            name.setStyleSheet(f"color: {MUTED};")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.facts.addWidget(name, row, 0)
            self.facts.addWidget(value, row, 1)
            self.fact_labels.append((name, value))
        status_layout = QVBoxLayout(self.status_box)
        status_layout.addWidget(self.pending)
        status_layout.addWidget(self.state)
        status_layout.addLayout(self.facts)

        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.location)
        side.addWidget(actions)
        side.addStretch(1)
        side_widget = QWidget()
        side_widget.setLayout(side)
        side_widget.setFixedWidth(460)

        self.receipts = ReceiptList()
        receipt_box = QGroupBox(self.tr("Result"))
        QVBoxLayout(receipt_box).addWidget(self.receipts)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.status_box)
        right.addWidget(receipt_box, 1)
        top = QWidget()
        row = QHBoxLayout(top)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(side_widget)
        row.addLayout(right, 1)
        # The log gets the full width (eight columns); the user can drag the divider.
        self.history = HistoryBox(self.tr("Bundle history"))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(top)
        splitter.addWidget(self.history)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setStyleSheet("QGroupBox { font-weight: bold; } QGroupBox * { font-weight: normal; }")
        layout = QVBoxLayout(self)
        layout.addLayout(heading_row(self.tr("Data exchange")))
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)

    def title(self) -> str:
        return self.tr("Data exchange")

    # -- what the page shows --------------------------------------------------------------------
    def refresh(self) -> None:
        self.show_status()
        self.history.set_rows(exchange.history(self.ctx))
        self.scan()

    def show_status(self) -> None:
        status = sync.sync_status(self.ctx)
        self.pending_count = status.pending  # what the big line says (0 at the district)
        facts: list[tuple[str, str]] = []
        ready = bool(status.fingerprint and status.district_fingerprint)
        if self.district:
            self.pending.setText(self.tr("{0} villages enrolled, {1} laptops registered").format(
                status.villages, status.devices))
            facts.append((self.tr("District key fingerprint"), status.fingerprint or "—"))
            self.state.setText("")
        elif not ready:
            self.pending.setText(self.tr("Not set up for exchange"))
            self.state.setText(self.tr("This database was not made from the district's enrolment file, so it cannot "
                                       "exchange bundles yet. Ask the district for an enrolment file."))
            self.state.setStyleSheet(f"color: {DUE};")
        else:
            self.pending.setText(self.tr("{0} changes waiting for the district's acknowledgement")
                                 .format(status.pending) if status.pending else
                                 self.tr("Every change has been acknowledged by the district"))
            self.pending.setStyleSheet(f"font-size: {rel_pt(1.4)}; font-weight: bold;"
                                       f" color: {DUE if status.pending else GOOD};")
            ok = status.state == "ok"
            self.state.setText(self.tr("State: {0}").format(status.state_label))
            self.state.setStyleSheet(f"color: {GOOD if ok else BAD};" + ("" if ok else " font-weight: bold;"))
            facts += [(self.tr("Acknowledged up to"), (self.tr("change no. {0}").format(status.acked_seq) if status.acked_seq
                                                           else self.tr("nothing yet"))),
                      (self.tr("This laptop's key"), status.fingerprint or "—"),
                      (self.tr("District's key"), status.district_fingerprint or "—")]
        for row, (name, value) in enumerate(self.fact_labels):
            shown = row < len(facts)
            name.setText(facts[row][0] if shown else "")
            value.setText(facts[row][1] if shown else "")
            name.setVisible(shown)
            value.setVisible(shown)
        for button in (self.export_button, self.import_button, self.files_button):
            button.setEnabled(self.district or ready)

    def scan(self) -> None:
        """Say what the chosen drive or folder holds, before anything is imported."""
        folder = self.location.folder()
        if folder is None or not folder.is_dir():
            self.found.setText(self.tr("This folder does not exist yet; exporting creates it."))
            return
        try:
            scan = exchange.scan_folder(self.ctx, folder)
        except (DangjianError, OSError) as exc:  # a stick pulled out while listing: say so in place
            self.found.setText(error_text(exc))
            return
        if not scan.total:
            self.found.setText(self.tr("No bundle here yet."))
            return
        self.found.setText(self.tr("{0} bundle(s) here: {1} to import here, {2} to leave on the stick.")
                           .format(scan.total, len(scan.to_import), len(scan.carried)))

    # -- the passphrase -------------------------------------------------------------------------
    def _with_passphrase(self, action, *, retry: bool = False) -> None:
        """Call `action(passphrase)`; at the district ask for the passphrase first, once per session."""
        if not needs_passphrase(self.ctx):
            action(None)
            return
        if self._passphrase is None or retry:
            self._passphrase = receipts_ui.ask_passphrase(self, retry=retry)
            if self._passphrase is None:
                return
        action(self._passphrase)

    def _failed(self, exc: BaseException, again) -> None:
        if isinstance(exc, WrongPassphrase):
            self._passphrase = None
            self._with_passphrase(again, retry=True)
            return
        show_error(self, exc)
        self._after_work()

    def _after_work(self) -> None:
        maintenance.reload_context(self.ctx)  # the job ran on its own connection
        self._stale = True
        self.ensure_fresh()

    # -- export ---------------------------------------------------------------------------------
    def export(self) -> None:
        folder = self.location.folder()
        if folder is None:
            return
        create = folder == self.location.fallback

        def run(passphrase: str | None) -> None:
            title = self.tr("Writing return bundles") if self.district else self.tr("Exporting bundle")
            self.runner.run(self, title, _cancellable(lambda ctx, progress: exchange.export_to(
                ctx, folder=folder, passphrase=passphrase, progress=progress, create=create)),
                on_done=self._exported, on_error=lambda exc: self._failed(exc, run))

        self._with_passphrase(run)

    def _exported(self, done) -> None:
        self._after_work()
        if done is None:
            self.receipts.show_cards(self.tr("Cancelled."), [], colour=DUE)
            return
        cards = [ReceiptCard(path.name, self.tr("written"), GOOD, [(str(path), None)], refused=False)
                 for path in done.paths]
        cards += [ReceiptCard(self.tr("Note"), "", MUTED, [(note, None)], refused=False) for note in done.notes]
        where = str(done.paths[0].parent) if done.paths else ""
        if self.district:
            summary = self.tr("{0} return bundle(s) written to {1}").format(len(done.paths), where)
            self.written.setText(summary)
        else:
            summary = self.tr("Written: {0}").format(str(done.paths[0]) if done.paths else "")
            self.written.setText(summary + "\n" + "\n".join(done.notes))
        self.receipts.show_cards(summary, cards, colour=GOOD if done.paths else DUE)

    # -- import ---------------------------------------------------------------------------------
    def import_location(self) -> None:
        folder = self.location.folder()
        if folder is None:
            return

        def run(passphrase: str | None) -> None:
            self.runner.run(self, self.tr("Importing bundles"), _cancellable(
                lambda ctx, progress: exchange.import_folder(ctx, folder=folder, passphrase=passphrase,
                                                             progress=progress)),
                on_done=self._imported, on_error=lambda exc: self._failed(exc, run))

        self._with_passphrase(run)

    def choose_files(self) -> None:
        start = str(self.location.folder() or Path.home())
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Choose the bundles to import"), start,
                                                self.tr("Dangjian bundles (*.djb);;All files (*)"))
        if paths:
            self.import_files([Path(p) for p in paths])

    def import_files(self, paths: list[Path]) -> None:
        def run(passphrase: str | None) -> None:
            self.runner.run(self, self.tr("Importing bundles"), _cancellable(
                lambda ctx, progress: exchange.import_files(ctx, paths=paths, passphrase=passphrase,
                                                            progress=progress)),
                on_done=self._imported, on_error=lambda exc: self._failed(exc, run))

        self._with_passphrase(run)

    def _imported(self, outcome: exchange.ImportOutcome | None) -> None:
        self._after_work()
        if outcome is None:
            return
        cards = [receipt_card(r) for r in outcome.receipts] + [skipped_card(f) for f in outcome.skipped]
        refused = outcome.refused
        if not outcome.receipts:
            summary, colour = self.tr("No bundle to import here."), DUE
        elif refused:
            summary, colour = self.tr("{0} file(s) taken in, {1} refused: see the reasons in red.").format(
                len(outcome.receipts) - len(refused), len(refused)), BAD
        else:
            summary, colour = self.tr("{0} file(s) taken in, none refused.").format(len(outcome.receipts)), GOOD
        if outcome.cancelled:
            summary = self.tr("Cancelled after {0} file(s). ").format(len(outcome.receipts)) + summary
        self.receipts.show_cards(summary, cards, colour=colour)
        if outcome.applied_any:
            self.changed.emit(Changes())  # new members, points, rules …: every page reloads
