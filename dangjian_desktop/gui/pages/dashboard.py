"""全区概况: the district's dashboard. Filters (year, town, village) above six tabs — member
structure, training, meeting compliance, stars, points, village indicators — each a chart beside
the table behind it; a click on a bar or slice shows its villages or members.

Every figure comes from `services.district_stats.dashboard`, computed off the GUI thread. The long
member lists (under the study-hour floor, 先锋党员 candidates, 不合格) arrive as their counts and a
first page; a click on their bar or slice fetches the whole list, also off the GUI thread.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QTabWidget, QVBoxLayout, QWidget

from dangjian_desktop.core.points import format_points
from dangjian_desktop.gcpause import gc_paused
from dangjian_desktop.gui.errors import show_error
from dangjian_desktop.gui.jobs import JobRunner
from dangjian_desktop.gui.models import Column
from dangjian_desktop.gui.pages import Page
from dangjian_desktop.gui.pages.dashboard_panel import Bar, ChartPanel
from dangjian_desktop.gui.widgets import big_button, heading_row, hint_label
from dangjian_desktop.services import district_stats as stats
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.reviews import STAGE_LABELS

_ALL = None
#: Rows of each long member list the refresh brings (the rest comes when its bar or slice is clicked).
LIST_PAGE = 200


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.1f}%"


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


class DashboardPage(Page):
    key = "dashboard"
    watches = frozenset({"members", "meetings", "attendance", "points_ledger", "star_assessments", "orgs",
                         "village_indicators", "rulebooks", "star_criteria", "sync_villages", "red_flags"})

    def __init__(self, ctx: Context, runner: JobRunner, parent=None):
        super().__init__(ctx, runner, parent)
        self.data: stats.DashboardData | None = None
        self.choices: stats.ScopeChoices | None = None
        self.year_combo, self.town_combo, self.village_combo = QComboBox(), QComboBox(), QComboBox()
        self.village_combo.setMinimumWidth(180)
        self.refresh_button = big_button(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.load)
        for combo in (self.year_combo, self.village_combo):
            combo.activated.connect(self.load)
        self.town_combo.activated.connect(self._town_chosen)
        top = heading_row(self.tr("District overview"), QLabel(self.tr("Year")), self.year_combo,
                          QLabel(self.tr("Town")), self.town_combo, QLabel(self.tr("Village")), self.village_combo,
                          self.refresh_button)
        self.summary = hint_label()
        self.tabs = QTabWidget()
        village = [Column("name", self.tr("Village")), Column("town_name", self.tr("Town"))]
        member = [Column("name", self.tr("Name")), Column("village_name", self.tr("Village")),
                  Column("town_name", self.tr("Town"))]
        self.structure = ChartPanel(village + [Column("members", self.tr("Members"), align_right=True)])
        self.training = ChartPanel(village)
        self.compliance = ChartPanel(village)
        self.stars = ChartPanel(village)
        self.points = ChartPanel(member)
        self.indicators = ChartPanel(village)
        self.dimension_combo = QComboBox()
        self.dimension_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # whole labels
        self.dimension_combo.activated.connect(lambda: self._show_structure())
        structure_tab = QVBoxLayout()
        structure_tab.addLayout(heading_row("", QLabel(self.tr("Divide members by")), self.dimension_combo))
        holder = QWidget()
        holder.setLayout(structure_tab)
        structure_tab.addWidget(self.structure, 1)
        for widget, title in ((holder, self.tr("Member structure")), (self.training, self.tr("Training")),
                              (self.compliance, self.tr("Meeting compliance")), (self.stars, self.tr("Stars")),
                              (self.points, self.tr("Points")), (self.indicators, self.tr("Village indicators"))):
            self.tabs.addTab(widget, title)
        self.structure.picked.connect(self._structure_picked)
        self.training.picked.connect(self._training_picked)
        self.compliance.picked.connect(self._compliance_picked)
        self.stars.picked.connect(self._stars_picked)
        self.points.picked.connect(self._points_picked)
        self.indicators.picked.connect(self._indicators_picked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)

    def title(self) -> str:
        return self.tr("District overview")

    # -- filters ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.choices = stats.scope_choices(self.ctx)
        year = self.year_combo.currentData()
        self.year_combo.clear()
        for y in self.choices.years:
            self.year_combo.addItem(str(y), y)
        self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(year)) if year else 0)
        town = self.town_combo.currentData()
        self.town_combo.clear()
        self.town_combo.addItem(self.tr("All towns"), _ALL)
        for key, name in self.choices.towns:
            self.town_combo.addItem(name, key)
        self.town_combo.setCurrentIndex(max(0, self.town_combo.findData(town)))
        self._fill_villages()
        if self.dimension_combo.count() == 0:
            for dim in stats.DIMENSIONS:
                self.dimension_combo.addItem(dim.title, dim.code)
        self.load()

    def _fill_villages(self) -> None:
        current, town = self.village_combo.currentData(), self.town_combo.currentData()
        self.village_combo.clear()
        self.village_combo.addItem(self.tr("All villages"), _ALL)
        for v in self.choices.villages if self.choices else ():
            if town is None or v.town_key == town:
                self.village_combo.addItem(f"{v.name}（{v.code}）", v.org)
        self.village_combo.setCurrentIndex(max(0, self.village_combo.findData(current)))

    def _town_chosen(self) -> None:
        self._fill_villages()
        self.load()

    def current_filter(self) -> stats.StatsFilter:
        return stats.StatsFilter(self.year_combo.currentData() or self.ctx.today.year,
                                 self.town_combo.currentData(), self.village_combo.currentData())

    def load(self) -> None:
        """Compute every statistic of the filter in the background, then show it."""
        flt = self.current_filter()
        self.refresh_button.setEnabled(False)
        self.runner.run(self, self.tr("Computing the district's statistics…"),
                        lambda ctx, progress: stats.dashboard(ctx, flt, progress, page=LIST_PAGE), self.show_data,
                        on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        show_error(self, exc)

    # -- showing ---------------------------------------------------------------------------------
    def show_data(self, data: stats.DashboardData) -> None:
        self.refresh_button.setEnabled(True)
        self.data = data
        s, t, c = data.structure, data.training, data.compliance
        self.summary.setText(self.tr(
            "{0} villages, {1} members on the roster; {2} training sessions, {3} attendances; meetings held in"
            " {4} of {5} periods; {6} villages with early warnings.").format(
            len(s.villages), s.district.members, t.sessions, t.attendances, c.met, c.judged, len(data.stars.weak)))
        with gc_paused():  # a table item and chart value per figure: thousands of objects, no cycles
            self._show_structure()
            self._show_training()
            self._show_compliance()
            self._show_stars()
            self._show_points()
            self._show_indicators()

    def _show_structure(self) -> None:
        if self.data is None:
            return
        s = self.data.structure
        code = self.dimension_combo.currentData() or "age"
        dim = next(d for d in s.dimensions if d.code == code)
        counts = s.district.counts[code]
        self.structure.set_bars(dim.title, [Bar(label, counts[label], label) for label in dim.labels])
        columns = [Column("name", self.tr("Village")), Column("town_name", self.tr("Town")),
                   Column("members", self.tr("Members"), align_right=True)]
        columns += [Column(label, label, align_right=True) for label in dim.labels]
        rows = [{"name": v.name, "town_name": v.town_name, "members": v.members, **v.counts[code]} for v in s.villages]
        self.structure.show_rows(self.tr("{0} by village (click a bar for its members)").format(dim.title),
                                 rows, columns)

    def _structure_picked(self, label: str) -> None:
        code = self.dimension_combo.currentData() or "age"
        flt = self.current_filter()
        self.runner.run(self, self.tr("Finding the members…"),
                        lambda ctx, progress: stats.members_of(ctx, flt, dimension=code, label=label),
                        lambda rows: self.structure.show_rows(
                            self.tr("Members: {0} ({1})").format(label, len(rows)), rows,
                            [Column("name", self.tr("Name")), Column("sex", self.tr("Sex")),
                             Column("birth_date", self.tr("Born")), Column("education", self.tr("Education")),
                             Column("category", self.tr("Category")), Column("village_name", self.tr("Village")),
                             Column("town_name", self.tr("Town"))]))

    def _whole_list(self, kind: str, rows: tuple, count: int, show) -> None:
        """Show a long list: at once when the refresh brought all of it, else fetched in the background."""
        if len(rows) >= count:
            show(rows)
            return
        flt, data = self.current_filter(), self.data
        self.runner.run(self, self.tr("Fetching the list…"),
                        lambda ctx, progress: stats.listed_members(ctx, flt, kind),
                        lambda found: show(tuple(found)) if self.data is data else None)

    def _show_below(self, rows: tuple) -> None:
        self.training.show_rows(self.tr("Members under the study-hour floor ({0})").format(len(rows)),
                                [vars(b) for b in rows], [
            Column("name", self.tr("Name")), Column("party_post", self.tr("Post")),
            Column("hours", self.tr("Hours"), align_right=True), Column("floor", self.tr("Floor"), align_right=True),
            Column("village_name", self.tr("Village")), Column("town_name", self.tr("Town"))])

    def _show_training(self) -> None:
        t = self.data.training
        self.training.set_bars(self.tr("Training attendances by month"),
                               [Bar(self.tr("Month {0}").format(m.month), m.attendances, m.month) for m in t.months] +
                               [Bar(self.tr("Members under floor"), t.below_floor_count, "below")], colour="#1565c0")
        self._training_villages(self.tr("Training by village"), t.villages)

    def _training_villages(self, caption: str, rows) -> None:
        self.training.show_rows(caption, lambda: [vars(r) for r in rows], [
            Column("name", self.tr("Village")), Column("town_name", self.tr("Town")),
            Column("sessions", self.tr("Sessions"), align_right=True),
            Column("attendances", self.tr("Attendances"), align_right=True),
            Column("hours", self.tr("Hours"), align_right=True),
            Column("members", self.tr("Members"), align_right=True),
            Column("below_floor", self.tr("Under floor"), align_right=True)])

    def _training_picked(self, key) -> None:
        t = self.data.training
        if key == "below":
            self._whole_list("below", t.below_floor, t.below_floor_count, self._show_below)
            return
        names = {v.org: v for v in t.villages}
        rows = [{"name": names[org].name, "town_name": names[org].town_name, "sessions": n, "attendances": a,
                 "hours": h} for org, month, n, a, h in t.village_months if month == key and org in names]
        self.training.show_rows(self.tr("Training in month {0} by village").format(key), rows, [
            Column("name", self.tr("Village")), Column("town_name", self.tr("Town")),
            Column("sessions", self.tr("Sessions"), align_right=True),
            Column("attendances", self.tr("Attendances"), align_right=True),
            Column("hours", self.tr("Hours"), align_right=True)])

    def _show_compliance(self) -> None:
        c = self.data.compliance
        totals = c.type_totals()
        bars = [Bar(name, round(100 * totals[code][0] / totals[code][1], 1) if totals.get(code, (0, 0))[1] else 0, code)
                for code, name in c.types]
        self.compliance.set_bars(self.tr("Periods met, % by meeting type"), bars, colour="#2e7d32")
        self._compliance_rows(None)

    def _compliance_rows(self, code: str | None) -> None:
        c = self.data.compliance

        def rows() -> list[dict]:
            out = []
            for r in c.rows:
                met, judged = r.by_type.get(code, (0, 0)) if code else (r.met, r.judged)
                out.append({"name": r.village_name, "branch": r.branch_name, "town_name": r.town_name, "met": met,
                            "judged": judged, "rate": met / judged if judged else None,
                            "missing": "、".join(r.missing)})
            out.sort(key=lambda r: (r["rate"] if r["rate"] is not None else 2, r["name"]))
            return out

        name = dict(c.types).get(code, self.tr("all types"))
        self.compliance.show_rows(self.tr("Compliance by branch: {0}").format(name), rows, [
            Column("name", self.tr("Village")), Column("branch", self.tr("Branch")), Column("town_name", self.tr("Town")),
            Column("met", self.tr("Met"), align_right=True), Column("judged", self.tr("Due"), align_right=True),
            Column("rate", self.tr("Rate"), display=lambda r: _pct(r["rate"]), align_right=True),
            Column("missing", self.tr("Missing periods"))])

    def _compliance_picked(self, code: str) -> None:
        self._compliance_rows(code)

    def _show_stars(self) -> None:
        st = self.data.stars
        bars = [Bar(label, n, level) for level, label, n in st.levels]
        bars += [Bar(self.tr("Not rated"), sum(r.star_level is None for r in st.villages), "none"),
                 Bar(self.tr("Warnings"), len(st.weak), "weak"),
                 Bar(self.tr("Red flag villages"), st.red_flag_villages, ("flags", None))]
        bars += [Bar(self.tr("Red flag: {0}").format(flag), n, ("flags", flag)) for flag, n in st.red_flags]
        self.stars.set_bars(self.tr("Villages by star level"), bars, colour="#f9a825")
        self._stars_picked("weak")

    def _stars_picked(self, key) -> None:
        st = self.data.stars
        if isinstance(key, tuple):  # 红旗村, all flags or one type
            flt, data, flag = self.current_filter(), self.data, key[1]
            self.runner.run(self, self.tr("Finding the villages…"),
                            lambda ctx, progress: stats.red_flag_villages(ctx, flt, flag_type=flag),
                            lambda rows: self._show_flags(flag, rows) if self.data is data else None)
            return
        if key == "weak":
            def rows() -> list[dict]:
                return [{"name": w.name, "town_name": w.town_name, "count": len(w.indicators),
                         "indicators": "；".join(f"{i.name}：{i.detail}" for i in w.indicators)} for w in st.weak]

            self.stars.show_rows(self.tr("Early warnings (weak and lax), {0} villages").format(len(st.weak)), rows, [
                Column("name", self.tr("Village")), Column("town_name", self.tr("Town")),
                Column("count", self.tr("Indicators"), align_right=True), Column("indicators", self.tr("Details"))])
            return
        rows = [vars(r) for r in st.villages if (r.star_level is None if key == "none" else r.star_level == key)]
        self.stars.show_rows(self.tr("Villages: {0} ({1})").format(
            self.tr("not rated") if key == "none" else next(label for level, label, _ in st.levels if level == key),
            len(rows)), rows, [
            Column("name", self.tr("Village")), Column("town_name", self.tr("Town")),
            Column("score", self.tr("Self score"), display=lambda r: _num(r["score"]), align_right=True),
            Column("stage", self.tr("Review stage"), display=lambda r: STAGE_LABELS.get(r["stage"], "")),
            Column("vetoed", self.tr("Vetoed"),
                                                             display=lambda r: "✓" if r["vetoed"] else "")])

    def _show_flags(self, flag: str | None, rows: list[dict]) -> None:
        halves = {1: self.tr("first half"), 2: self.tr("second half")}
        title = self.tr("Red flag villages ({0})") if flag is None else self.tr("Red flag: {0} ({1})")
        self.stars.show_rows((title.format(len({r["village_uuid"] for r in rows})) if flag is None
                              else title.format(flag, len(rows))), rows, [
            Column("name", self.tr("Village")), Column("town_name", self.tr("Town")),
            Column("flag_type", self.tr("Flag")), Column("half", self.tr("Half year"),
                                                         display=lambda r: halves.get(r["half"], "")),
            Column("awarded_on", self.tr("Awarded on"))])

    def _show_points(self) -> None:
        p = self.data.points
        self.points.set_pie(self.tr("Members by grade, {0}").format(p.cycle),
                            [Bar(label, n, label) for label, n in p.grades])
        self._points_picked(p.grades[0][0], whole=False)

    def _points_picked(self, grade: str, *, whole: bool = True) -> None:
        p = self.data.points
        if grade == p.grades[0][0]:
            kind, rows, count, caption = "vanguard", p.vanguard, p.vanguard_count, self.tr("Vanguard member candidates ({0})")
        elif grade == p.grades[-1][0]:
            kind, rows, count, caption = "failing", p.failing, p.failing_count, self.tr("Members graded unqualified ({0})")
        else:
            kind, rows, count, caption = None, (), 0, self.tr("Only the best and the unqualified are listed ({0})")
        if kind and whole and len(rows) < count:
            self._whole_list(kind, rows, count, lambda found: self._grade_rows(caption.format(len(found)), found))
            return
        if len(rows) < count:
            caption = self.tr("{0}: the first {1}, click the slice for all").format(caption.format(count), len(rows))
        else:
            caption = caption.format(len(rows))
        self._grade_rows(caption, rows)

    def _grade_rows(self, caption: str, rows: tuple) -> None:
        self.points.show_rows(caption, [vars(r) for r in rows], [
            Column("name", self.tr("Name")), Column("village_name", self.tr("Village")),
            Column("town_name", self.tr("Town")),
            Column("total_x100", self.tr("Points"), display=lambda r: format_points(r["total_x100"]), align_right=True),
            Column("grade", self.tr("Grade")), Column("rank", self.tr("Rank in village"),
                                                  display=lambda r: r["rank"] or "", align_right=True)])

    def _show_indicators(self) -> None:
        i = self.data.indicators
        unit = i.targets.income_unit
        bars = [Bar(f"≥{t:g}{unit}", n, ("income", t)) for t, n in i.income_bands]
        bars += [Bar(self.tr("Income under target"), len(i.below_income), ("below_income", None)),
                 Bar(self.tr("Centre too small"), len(i.below_area), ("below_area", None)),
                 Bar(self.tr("Not reported"), len(i.not_reported), ("missing", None))]
        self.indicators.set_bars(self.tr("Villages against the district's targets"), bars, colour="#6a1b9a")
        self._indicators_picked(("all", None))

    def _indicators_picked(self, key) -> None:
        i = self.data.indicators
        kind, threshold = key
        pick = {"all": lambda v: True, "income": lambda v: v.income is not None and v.income >= threshold,
                "below_income": lambda v: v.income_ok is False, "below_area": lambda v: v.area_ok is False,
                "missing": lambda v: v.income is None and v.area is None}[kind]
        chosen = [v for v in i.villages if pick(v)]
        self.indicators.show_rows(self.tr("Village indicators ({0} villages)").format(len(chosen)),
                                  lambda: [vars(v) for v in chosen], [
            Column("name", self.tr("Village")), Column("town_name", self.tr("Town")),
            Column("income", self.tr("Collective income"), display=lambda r: _num(r["income"]), align_right=True),
            Column("area", self.tr("Service centre area"), display=lambda r: _num(r["area"]), align_right=True)])
