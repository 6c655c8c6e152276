"""The dialogs of the star-review page: one stage's per-item scores, comments and veto items (with
the village's scores and the round's latest review beside them), the return for correction with its
reasons, and the publicity window."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QCheckBox, QDateEdit, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QGroupBox,
                               QHeaderView, QLabel, QLineEdit, QPlainTextEdit, QTableWidget, QTableWidgetItem,
                               QVBoxLayout)

from dangjian_desktop.core.stars import score_assessment
from dangjian_desktop.services.reviews import STAGE_LABELS, ReviewDetail


def _score_text(value) -> str:
    return "" if value is None else f"{value:g}"


def _latest_review(detail: ReviewDetail) -> dict | None:
    return next((s for s in reversed(detail.round_stages) if s["stage"] in ("town", "district")), None)


class ReviewDialog(QDialog):
    """Scores start from the latest review (or the village's own); the total updates as you type."""

    def __init__(self, detail: ReviewDetail, stage_title: str, parent=None):
        super().__init__(parent)
        self.detail = detail
        a = detail.assessment
        self.setWindowTitle(f"{stage_title} — {a['name']} {a['year']}")
        base, vetoes = detail.base_scores()
        criteria = detail.criteria
        latest = _latest_review(detail)
        latest_title = (self.tr("%1's score").replace("%1", STAGE_LABELS[latest["stage"]]) if latest
                        else self.tr("Last review"))
        self.table = QTableWidget(len(criteria.items), 6)
        self.table.setHorizontalHeaderLabels([self.tr("Item"), self.tr("Full marks"), self.tr("Village's score"),
                                              latest_title, self.tr("Score"), self.tr("Comment")])
        self.spins: dict[str, QDoubleSpinBox] = {}
        self.comments: dict[str, QLineEdit] = {}
        for row, (code, item) in enumerate(criteria.items.items()):
            own = (detail.self_items.get(code) or {}).get("score")
            given = (latest["items"].get(code) or {}) if latest else {}
            earlier = _score_text(given.get("score")) + (f"（{given['comment']}）" if given.get("comment") else "")
            self.table.setItem(row, 0, QTableWidgetItem(item.name))
            self.table.setItem(row, 1, QTableWidgetItem(f"{item.max:g}"))
            self.table.setItem(row, 2, QTableWidgetItem(_score_text(own)))
            self.table.setItem(row, 3, QTableWidgetItem(earlier))
            spin = QDoubleSpinBox()
            spin.setRange(0, item.max)
            spin.setSingleStep(0.5)
            spin.setDecimals(1)
            spin.setValue(base.get(code) or 0)
            spin.valueChanged.connect(self._update_total)
            self.table.setCellWidget(row, 4, spin)
            comment = QLineEdit()
            self.table.setCellWidget(row, 5, comment)
            self.spins[code], self.comments[code] = spin, comment
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)  # the spin boxes and comments edit
        if latest is None:
            self.table.setColumnHidden(3, True)
        veto_box = QGroupBox(self.tr("Veto items"))
        veto_layout = QVBoxLayout(veto_box)
        self.vetoes: dict[str, QCheckBox] = {}
        for veto in criteria.veto_items:
            box = QCheckBox(veto.name)
            box.setChecked(veto.code in vetoes)
            box.toggled.connect(self._update_total)
            veto_layout.addWidget(box)
            self.vetoes[veto.code] = box
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(self.tr("Overall comment (the village reads it)"))
        self.total = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save review"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(veto_box)
        layout.addWidget(self.comment)
        layout.addWidget(self.total)
        layout.addWidget(buttons)
        self.resize(1000, 640)
        self._update_total()

    def values(self) -> dict:
        return {"scores": {c: s.value() for c, s in self.spins.items()},
                "comments": {c: e.text() for c, e in self.comments.items() if e.text().strip()},
                "veto_hits": {c for c, b in self.vetoes.items() if b.isChecked()},
                "comment": self.comment.text()}

    def _update_total(self) -> None:
        v = self.values()
        result = score_assessment(self.detail.criteria, v["scores"], v["veto_hits"])
        self.total.setText(self.tr("Total %1 points: %2").replace("%1", f"{result.score:g}")
                           .replace("%2", result.label))


class ReturnDialog(QDialog):
    """退回修改: the reasons (required) and a comment on any item the village should correct."""

    def __init__(self, detail: ReviewDetail, parent=None):
        super().__init__(parent)
        a = detail.assessment
        self.setWindowTitle(self.tr("Return for correction — %1 %2").replace("%1", a["name"]).replace("%2", str(a["year"])))
        intro = QLabel(self.tr("The self-assessment goes back to the village with the next return bundle. The village "
                               "corrects it and submits it again; the review then starts again at the town."))
        intro.setWordWrap(True)
        self.reasons = QPlainTextEdit()
        self.reasons.setPlaceholderText(self.tr("Reasons (required): what the village should correct or add"))
        self.reasons.setMaximumHeight(110)
        self.table = QTableWidget(len(detail.criteria.items), 3)
        self.table.setHorizontalHeaderLabels([self.tr("Item"), self.tr("Village's score"), self.tr("Comment")])
        self.comments: dict[str, QLineEdit] = {}
        for row, (code, item) in enumerate(detail.criteria.items.items()):
            self.table.setItem(row, 0, QTableWidgetItem(item.name))
            self.table.setItem(row, 1, QTableWidgetItem(_score_text((detail.self_items.get(code) or {}).get("score"))))
            self.comments[code] = QLineEdit()
            self.table.setCellWidget(row, 2, self.comments[code])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Return to the village"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reasons.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.reasons)
        layout.addWidget(QLabel(self.tr("Comments on single items (optional):")))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(820, 600)
        self._check()

    def _check(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.reasons.toPlainText().strip()))

    def values(self) -> dict:
        return {"reasons": self.reasons.toPlainText(),
                "comments": {c: e.text() for c, e in self.comments.items() if e.text().strip()}}


class PublicityDialog(QDialog):
    def __init__(self, today: date, count: int, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Start publicity"))
        self.start = QDateEdit(QDate(today.year, today.month, today.day))
        end = today + timedelta(days=4)
        self.end = QDateEdit(QDate(end.year, end.month, end.day))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.comment = QLineEdit()
        form = QFormLayout(self)
        intro = QLabel(self.tr("Publish the district's results of %1 village(s)").replace("%1", str(count)))
        form.addRow(intro)
        form.addRow(self.tr("From"), self.start)
        form.addRow(self.tr("To"), self.end)
        form.addRow(self.tr("Note"), self.comment)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict:
        return {"start": self.start.date().toPython(), "end": self.end.date().toPython(),
                "comment": self.comment.text()}
