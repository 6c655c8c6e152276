"""区里的审核结果: what the district's return bundles said about the year's self-assessment
(镇级初审, 区级审核, 公示, 命名), shown on the village's star-rating page."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout

from dangjian_desktop.services import red_flags_sync, reviews
from dangjian_desktop.services.context import Context


def _score(value) -> str:
    return "" if value is None else f"{value:g}"


def _item_line(item: dict) -> str:
    """“· 会议记录：10 → 8（缺两次）” — the village's score, the reviewer's, the comment."""
    score = f"{_score(item['own'])} → {_score(item['score'])}" if item["changed"] else ""
    said = escape(item["comment"] or "")
    return f"<br>&nbsp;&nbsp;· {escape(item['name'])}：{score}" + (f"（{said}）" if score and said else said)


class ReviewResultsBox(QGroupBox):
    def __init__(self, parent=None):
        super().__init__(self.tr("District review results"), parent)
        self.text = QLabel()
        self.text.setWordWrap(True)
        QVBoxLayout(self).addWidget(self.text)
        self.results: list[dict] = []

    def load(self, ctx: Context, year: int, submitted: bool) -> None:
        self.results = reviews.review_results(ctx, year=year)
        flags = red_flags_sync.village_flags(ctx, year=year)  # 红旗村, from the same return bundles
        flag_line = ("<br><b>" + self.tr("Red flags") + "</b>：" + "；".join(
            escape(f["label"]) + (self.tr(" (revoked: %1)").replace("%1", escape(f["revoked"]["reason"]))
                                  if f["revoked"] else "") for f in flags)) if flags else ""
        if not self.results:
            self.text.setText(self.tr("No results yet: they arrive with the district's return bundle after the "
                                      "town and the district have reviewed the submitted self-assessment.")
                              if submitted else self.tr("Submit the self-assessment first."))
            self.text.setText(self.text.text() + flag_line)
            return
        lines = []
        for r in self.results:
            line = f"<b>{escape(r['stage_label'])}</b> {escape(r['reviewed_on'] or '')}：{escape(r['result'])}"
            if r["reviewer"]:
                line += f"（{escape(r['reviewer'])}）"
            if r["has_detail"]:  # the comment, then each item the reviewer changed or commented on
                if r["comment"]:
                    line += "<br>" + escape(r["comment"]).replace("\n", "<br>")
                line += "".join(_item_line(i) for i in r["items"] if i["changed"] or i["comment"])
                line += "".join(f"<br>&nbsp;&nbsp;· <span style='color:#c62828'>{escape(name)}</span>"
                                for name in r["veto_names"])
            elif r["note"]:
                line += "<br>" + escape(r["note"]).replace("\n", "<br>")
            lines.append(line)
        self.text.setText("<br>".join(lines) + flag_line)
