"""区里的审核结果: what the district's return bundles said about the year's self-assessment
(镇级初审, 区级审核, 公示, 命名), shown on the village's star-rating page."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout

from dangjian_desktop.services import reviews
from dangjian_desktop.services.context import Context


class ReviewResultsBox(QGroupBox):
    def __init__(self, parent=None):
        super().__init__(self.tr("District review results"), parent)
        self.text = QLabel()
        self.text.setWordWrap(True)
        QVBoxLayout(self).addWidget(self.text)
        self.results: list[dict] = []

    def load(self, ctx: Context, year: int, submitted: bool) -> None:
        self.results = reviews.review_results(ctx, year=year)
        if not self.results:
            self.text.setText(self.tr("No results yet: they arrive with the district's return bundle after the "
                                      "town and the district have reviewed the submitted self-assessment.")
                              if submitted else self.tr("Submit the self-assessment first."))
            return
        lines = []
        for r in self.results:
            line = f"<b>{escape(r['stage_label'])}</b> {escape(r['reviewed_on'] or '')}：{escape(r['result'])}"
            if r["reviewer"]:
                line += f"（{escape(r['reviewer'])}）"
            if r["note"]:
                line += "<br>" + escape(r["note"]).replace("\n", "<br>")
            lines.append(line)
        self.text.setText("<br>".join(lines))
