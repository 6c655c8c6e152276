"""操作记录: the audit trail — who changed what and when — filtered by days, person, kind of record,
action and free text, newest first, with the selected entry's before → after field by field, and an
export to Excel. The page only reads: nothing in the program can change or delete an entry."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDateEdit, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout)

from dangjian_desktop.gui import personal_export
from dangjian_desktop.gui.errors import show_error
from dangjian_desktop.gui.jobs import JobRunner
from dangjian_desktop.gui.models import Column, RecordTableModel
from dangjian_desktop.gui.pages import Page
from dangjian_desktop.gui.table_export import ask_path
from dangjian_desktop.gui.widgets import big_button, heading_row, hint_label, log_table
from dangjian_desktop.services import audit as service
from dangjian_desktop.services.context import Changes, Context

#: The date boxes show this day as “any day” (QDateEdit's special value is its minimum).
_NO_DATE = QDate(2000, 1, 1)


class AuditModel(RecordTableModel):
    def __init__(self, parent=None):
        super().__init__([], parent=parent)
        self.columns = [
            Column("when", self.tr("Time")),
            Column("actor", self.tr("Who")),
            Column("action_label", self.tr("Action")),
            Column("table_label", self.tr("Record")),
            Column("summary", self.tr("What")),
        ]

    def append_rows(self, rows: list[dict]) -> None:
        self.set_rows(self.records() + rows)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            return self.record(index.row())["summary"]  # the whole line, when the column cuts it short
        return super().data(index, role)


class DetailPane(QGroupBox):
    """The selected entry: when, who, what, and its fields before → after."""

    def __init__(self, parent=None):
        super().__init__(self.tr("Details"), parent)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Before"), self.tr("After")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)  # long values wrap, never cut off
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.setMinimumWidth(380)
        self.note = hint_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addStretch(0)
        self.clear()

    def clear(self) -> None:
        self.heading.setText(self.tr("Choose an entry on the left to see what it changed."))
        self.table.setRowCount(0)
        self.table.hide()
        self.note.setText("")

    def show_detail(self, detail: service.AuditDetail) -> None:
        e = detail.entry
        kind = "" if e["table_name"] is None else f"　{e['table_label']}"
        self.heading.setText(f"<b>{e['when']}</b>　{e['actor']}　{e['action_label']}{kind}<br>{e['summary']}")
        self.table.setRowCount(len(detail.changes))
        for row, change in enumerate(detail.changes):
            for column, text in enumerate((change.label, change.before, change.after)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.setColumnHidden(1, detail.kind == "new")
        self.table.setColumnHidden(2, detail.kind == "removed")
        self.table.resizeRowsToContents()
        self.table.setVisible(bool(detail.changes))
        self.note.setText({
            "update": self.tr("Only the fields this change altered are listed."),
            "new": self.tr("A new record: every field it was created with."),
            "removed": self.tr("A deleted record: every field it held (it is kept, marked deleted)."),
            "none": self.tr("This entry concerns no single record; the line above says what was done."),
        }[detail.kind])


class AuditPage(Page):
    key = "audit"

    def __init__(self, ctx: Context, runner: JobRunner, parent=None):
        super().__init__(ctx, runner, parent)
        self.first = self._date_box()
        self.last = self._date_box()
        self.actor = QComboBox()
        self.table_kind = QComboBox()
        self.action = QComboBox()
        for combo in (self.actor, self.table_kind, self.action):
            combo.setMinimumWidth(110)
            combo.currentIndexChanged.connect(self.reload)
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("Search the descriptions"))
        self.text.setClearButtonEnabled(True)
        self._typing = QTimer(self, singleShot=True, interval=400)
        self._typing.timeout.connect(self.reload)
        self.text.textChanged.connect(self._typing.start)
        filters = QHBoxLayout()
        for label, widget in ((self.tr("From"), self.first), (self.tr("to"), self.last),
                              (self.tr("Who"), self.actor), (self.tr("Record"), self.table_kind),
                              (self.tr("Action"), self.action)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.text, 1)

        self.model = AuditModel(self)
        self.view = log_table(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.selectionModel().currentRowChanged.connect(self._show_current)
        self.detail = DetailPane()
        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.count = hint_label()
        self.more_button = big_button(self.tr("Show more"))
        self.more_button.clicked.connect(self.load_more)
        self.export_button = big_button(self.tr("Export to Excel"), tooltip=self.tr("Saves every entry that matches"))
        self.export_button.clicked.connect(lambda: self.export())
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.more_button)
        bottom.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.addLayout(heading_row(self.tr("Change log")))
        layout.addWidget(hint_label(self.tr(
            "Every change anyone made in this program, with who made it and when. Entries cannot be changed "
            "or deleted.")))
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self._page: service.AuditPage | None = None
        self._filling = False

    def _date_box(self) -> QDateEdit:
        box = QDateEdit()
        box.setCalendarPopup(True)
        box.setDisplayFormat("yyyy-MM-dd")
        box.setMinimumDate(_NO_DATE)
        box.setSpecialValueText(self.tr("any day"))
        box.setDate(_NO_DATE)
        box.dateChanged.connect(self.reload)
        return box

    def title(self) -> str:
        return self.tr("Change log")

    def notify(self, changes: Changes) -> None:
        # Every change writes an entry: whatever changed, the trail grew.
        self._stale = True
        if self.isVisible():
            self.ensure_fresh()

    # -- loading ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        try:
            choices = service.audit_choices(self.ctx)
        except Exception as exc:  # noqa: BLE001 - e.g. no permission: said on the page, not in a box
            self.count.setText(str(getattr(exc, "message", exc)))
            self.model.set_rows([])
            return
        self._filling = True
        everything = self.tr("All")
        for combo, key in ((self.actor, "actors"), (self.table_kind, "tables"), (self.action, "actions")):
            chosen = combo.currentData()
            combo.clear()
            combo.addItem(everything, None)
            for value, label in choices[key]:
                combo.addItem(label, value)
            index = combo.findData(chosen) if chosen is not None else 0
            combo.setCurrentIndex(max(index, 0))
        self._filling = False
        self.reload()

    def query(self) -> service.AuditQuery:
        def day(box: QDateEdit):
            return None if box.date() == _NO_DATE else box.date().toPython()

        return service.AuditQuery(first=day(self.first), last=day(self.last), actor=self.actor.currentData(),
                                  table=self.table_kind.currentData(), action=self.action.currentData(),
                                  text=self.text.text())

    def reload(self) -> None:
        if self._filling:
            return
        self.detail.clear()
        try:
            self._page = service.audit_page(self.ctx, self.query())
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        self.model.set_rows(self._page.entries)
        self._show_count()
        if self.model.rowCount():
            self.view.selectRow(0)  # the newest entry's details at once

    def load_more(self) -> None:
        if self._page is None or not self._page.has_more or not self.model.rowCount():
            return
        last_id = self.model.record(self.model.rowCount() - 1)["id"]
        try:
            more = service.audit_page(self.ctx, self.query(), before_id=last_id)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        self._page.has_more = more.has_more
        self.model.append_rows(more.entries)
        self._show_count()

    def _show_count(self) -> None:
        page, shown = self._page, self.model.rowCount()
        if not page.total:
            self.count.setText(self.tr("No entry matches."))
        elif page.exact:
            self.count.setText(self.tr("{0} entries match; showing the newest {1}.").format(
                f"{page.total:,}", f"{shown:,}"))
        else:
            self.count.setText(self.tr("More than {0} entries match; showing the newest {1}.").format(
                f"{page.total:,}", f"{shown:,}"))
        self.more_button.setEnabled(page.has_more)
        self.export_button.setEnabled(bool(page.total))

    def _show_current(self, current, _previous=None) -> None:
        if not current.isValid():
            self.detail.clear()
            return
        try:
            self.detail.show_detail(service.audit_detail(self.ctx, self.model.record(current.row())["id"]))
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)

    # -- export ----------------------------------------------------------------------------------
    def export(self, path=None) -> None:
        """Every matching entry (up to the export limit) with what it changed, to .xlsx."""
        query = self.query()
        if self.ctx.may("personal.view") and not personal_export.confirm(self):
            return  # entries of 党员 hold ID and phone numbers in full for this user
        if path is None:
            path = ask_path(self, self.tr("Change log"))
            if path is None:
                return

        def job(ctx, progress):
            return service.export_audit(ctx, query=query, path=path, progress=progress)

        def done(count: int) -> None:
            self.count.setText(self.tr("Saved {0} entries to {1}").format(count, path))
            self.reload()

        self.runner.run(self, self.tr("Exporting the change log"), job, done)
