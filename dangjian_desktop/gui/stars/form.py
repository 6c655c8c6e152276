"""The self-assessment form built from the criteria in force: one box per dimension with its
items, then the veto items. It only holds values; the page computes and saves."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from dangjian_desktop.core.stars import Criteria
from dangjian_desktop.gui.stars.items import ItemRow, VetoRow
from dangjian_desktop.gui.widgets import rel_pt


class AssessmentForm(QScrollArea):
    edited = Signal()

    def __init__(self, criteria: Criteria, parent=None):
        super().__init__(parent)
        self.criteria = criteria
        self.rows: dict[str, ItemRow] = {}
        self.vetoes: dict[str, VetoRow] = {}
        self.dimension_boxes: dict[str, QGroupBox] = {}
        body = QWidget()
        layout = QVBoxLayout(body)
        for dimension in criteria.dimensions:
            box = QGroupBox()
            box.setStyleSheet(f"QGroupBox {{ font-size: {rel_pt(1.15)}; font-weight: bold; }}")
            inner = QVBoxLayout(box)
            for item in dimension.items:
                row = ItemRow(item)
                row.edited.connect(self.edited)
                self.rows[item.code] = row
                inner.addWidget(row)
            self.dimension_boxes[dimension.code] = box
            layout.addWidget(box)
        if criteria.veto_items:
            box = QGroupBox(self.tr("Veto items: tick any that happened this year (no star is then awarded)"))
            box.setStyleSheet(f"QGroupBox {{ font-size: {rel_pt(1.15)}; font-weight: bold; color: #b71c1c; }}")
            inner = QVBoxLayout(box)
            for veto in criteria.veto_items:
                row = VetoRow(veto)
                row.edited.connect(self.edited)
                self.vetoes[veto.code] = row
                inner.addWidget(row)
            layout.addWidget(box)
        layout.addStretch(1)
        self.setWidget(body)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.update_dimension_titles()

    # -- values ----------------------------------------------------------------------------------
    def scores(self) -> dict[str, float | None]:
        return {code: row.spin.score() for code, row in self.rows.items()}

    def evidence(self) -> dict[str, str]:
        return {code: row.evidence.text().strip() for code, row in self.rows.items() if row.evidence.text().strip()}

    def veto_hits(self) -> set[str]:
        return {code for code, row in self.vetoes.items() if row.box.isChecked()}

    def set_values(self, items: dict[str, dict]) -> None:
        """Fill the form from stored item rows (by item code); items not stored are left unscored."""
        self.blockSignals(True)
        for code, row in self.rows.items():
            stored = items.get(code, {})
            row.spin.set_score(stored.get("score"))
            row.evidence.setText(stored.get("evidence") or "")
        for code, row in self.vetoes.items():
            row.box.setChecked(bool(items.get(code, {}).get("veto_hit")))
        self.blockSignals(False)
        self.update_dimension_titles()

    def set_suggestions(self, suggestions: dict[str, tuple[float, str]]) -> None:
        for code, row in self.rows.items():
            row.set_suggestion(suggestions.get(code))

    def take_all_suggestions(self) -> int:
        """Take every suggestion for an item not scored yet; returns how many were taken."""
        taken = 0
        for row in self.rows.values():
            if row.suggested is not None and row.spin.score() is None:
                row.take_suggestion()
                taken += 1
        return taken

    def set_read_only(self, read_only: bool) -> None:
        for row in (*self.rows.values(), *self.vetoes.values()):
            row.set_read_only(read_only)

    def update_dimension_titles(self) -> None:
        scores = self.scores()
        for dimension in self.criteria.dimensions:
            got = sum(scores[item.code] or 0 for item in dimension.items)
            self.dimension_boxes[dimension.code].setTitle(self.tr("{0}: {1} of {2} points").format(
                dimension.name, f"{got:g}", f"{dimension.max:g}"))


class ResultPanel(QWidget):
    """The computed total, star level and veto result, large enough to read from across the desk."""

    def __init__(self, criteria: Criteria, parent=None):
        super().__init__(parent)
        self.criteria = criteria
        self.score = QLabel()
        self.score.setStyleSheet(f"font-size: {rel_pt(2.1)}; font-weight: bold;")
        self.out_of = QLabel(self.tr("out of {0} points").format(f"{criteria.max_total:g}"))
        self.stars = QLabel()
        self.stars.setStyleSheet(f"font-size: {rel_pt(2.3)}; color: #c8a000;")
        self.level = QLabel()
        self.level.setStyleSheet(f"font-size: {rel_pt(1.25)}; font-weight: bold;")
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        levels = " · ".join(f"{'★' * level.stars} ≥{level.min:g}" for level in criteria.levels)
        scale = QLabel(self.tr("Levels: {0}").format(levels))
        scale.setWordWrap(True)
        scale.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.score, self.out_of, self.stars, self.level, self.notes, scale):
            layout.addWidget(widget)

    def show_result(self, result) -> None:
        self.score.setText(self.tr("{0} points").format(f"{result.score:g}"))
        self.stars.setText("★" * result.star_level + "☆" * (5 - result.star_level))
        if result.vetoed:
            self.level.setText(self.tr("Vetoed: no star this year"))
            self.level.setStyleSheet(f"font-size: {rel_pt(1.25)}; font-weight: bold; color: #c62828;")
        elif result.star_level:
            self.level.setText(self.tr("Level: {0} stars").format(result.star_level))
            self.level.setStyleSheet(f"font-size: {rel_pt(1.25)}; font-weight: bold; color: #2e7d32;")
        else:
            self.level.setText(result.label)
            self.level.setStyleSheet(f"font-size: {rel_pt(1.25)}; font-weight: bold; color: #c62828;")
        hits = [self.criteria_veto_name(c) for c in sorted(self._veto_codes(result))]
        veto_text = self.tr("Veto item: {0}")
        notes = [f"<span style='color:#c62828'>{veto_text.format(name)}</span>" for name in hits]
        if result.missing_items:
            names = "、".join(self.criteria.items[c].name for c in result.missing_items[:4])
            more = self.tr(" and others") if len(result.missing_items) > 4 else ""
            notes.append(self.tr("{0} items not scored yet (counted as 0): {1}{2}").format(
                len(result.missing_items), names, more))
        self.notes.setText("<br>".join(notes))

    def _veto_codes(self, result) -> set[str]:
        return {p.field for p in result.problems if p.field not in self.criteria.items}

    def criteria_veto_name(self, code: str) -> str:
        return next((v.name for v in self.criteria.veto_items if v.code == code), code)
