"""首页: the village at a glance — members, this period's meetings, training, points leaders, and
what needs attention. Every figure comes from `services.overview.home_summary`; a click on a card,
a list or a warning opens the page where it can be dealt with."""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, QLocale
from PySide6.QtWidgets import QFrame, QGridLayout, QScrollArea, QVBoxLayout, QWidget

from dangjian_desktop.core.points import format_points
from dangjian_desktop.errors import DangjianError
from dangjian_desktop.gui.home import texts
from dangjian_desktop.gui.home.widgets import (GREEN, GREY, INK, ORANGE, RED, ScaledLabel, Section, StatCard,
                                               WarningRow, clear_layout, rescale)
from dangjian_desktop.gui.pages import Page
from dangjian_desktop.gui.widgets import card_page_body, two_columns
from dangjian_desktop.services.overview import HomeSummary, home_summary

CARD_MIN_EM = 13  # a figure card needs about this many letter widths
# Qt enum values set as numbers through Qt's property system: the first use of PySide's `Qt` namespace
# builds all its ~90 enums (~30 ms), and the home page is built before the window first shows.
SCROLL_BAR_ALWAYS_OFF = 1  # Qt.ScrollBarPolicy.ScrollBarAlwaysOff
ALIGN_RIGHT_VCENTER = 0x0002 | 0x0080  # Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class HomePage(Page):
    key = "home"
    watches = frozenset({"members", "meetings", "attendance", "points_ledger", "orgs", "settings", "rulebooks",
                         "star_criteria", "star_assessments"})

    def __init__(self, ctx, runner, parent=None):
        super().__init__(ctx, runner, parent)
        self.summary: HomeSummary | None = None
        self.heading = ScaledLabel("", factor=1.8, bold=True, colour=INK)
        self.subheading = ScaledLabel("", factor=1.05, colour=GREY)
        self.subheading.setWordWrap(True)
        self.cards = {
            "full": StatCard(self.tr("Full members")),
            "probationary": StatCard(self.tr("Probationary members")),
            "flowing": StatCard(self.tr("Flowing members")),
            "lost": StatCard(self.tr("Out of contact")),
            "attendances": StatCard(self.tr("Training attendances this year")),
            "hours": StatCard(self.tr("Study hours this year")),
        }
        for name, card in self.cards.items():
            target = "meetings" if name in ("attendances", "hours") else "members"
            card.clicked.connect(lambda target=target: self.open_page(target))
        self.card_grid = QGridLayout()
        self.card_grid.setSpacing(12)
        self._card_columns = 0

        self.attention = Section(self.tr("Needs attention"))
        self.meetings = Section(self.tr("Meetings in the current period"), action=self.tr("Meetings"))
        self.meetings.clicked.connect(lambda: self.open_page("meetings"))
        self.leaders = Section(self.tr("Points leaders"), action=self.tr("Points"))
        self.leaders.clicked.connect(lambda: self.open_page("points"))

        columns = two_columns([self.attention], [self.meetings, self.leaders], stretch=(3, 2))

        content, body = card_page_body("homeContent")
        body.addWidget(self.heading)
        body.addWidget(self.subheading)
        body.addLayout(self.card_grid)
        body.addLayout(columns, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setProperty("horizontalScrollBarPolicy", SCROLL_BAR_ALWAYS_OFF)  # the cards reflow instead
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self._place_cards()
        rescale(self)

    def title(self) -> str:
        return self.tr("Home")

    # -- navigation ------------------------------------------------------------------------
    def open_page(self, key: str) -> None:
        from dangjian_desktop.gui.main_window import MainWindow  # late: the window imports the pages

        window = self.window()
        if isinstance(window, MainWindow) and key in window.page_keys:
            window.show_page(key)

    # -- loading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        try:
            summary = home_summary(self.ctx)
        except DangjianError as exc:  # e.g. rules missing: say so on the page rather than fail to open
            self.summary = None
            self.heading.setText(self.tr("Home"))
            self.subheading.setText(exc.message)
            self.subheading.set_colour(RED)
            return
        self.summary = summary
        self.subheading.set_colour(GREY)
        self.heading.setText(summary.org_name)
        day = QLocale().toString(QDate(summary.today.year, summary.today.month, summary.today.day),
                                 QLocale.FormatType.LongFormat)
        self.subheading.setText(self.tr("Today is {0}. Click a card, a list or a warning to open its page.").format(day))
        self._show_cards(summary)
        self._show_warnings(summary)
        self._show_meetings(summary)
        self._show_leaders(summary)

    def _show_cards(self, s: HomeSummary) -> None:
        m, t = s.members, s.training
        self.cards["full"].show_figure(str(m.full), self.tr("{0} on the roster in all").format(m.roster))
        self.cards["probationary"].show_figure(str(m.probationary), self.tr("not yet full members"))
        self.cards["flowing"].show_figure(str(m.flowing), self.tr("working or living away"))
        self.cards["lost"].show_figure(str(m.lost_contact), self.tr("no contact for 6 months or more"),
                                       colour=RED if m.lost_contact else INK)
        self.cards["attendances"].show_figure(str(t.attendances), self.tr("{0} training sessions").format(t.sessions))
        average = t.total_hours / m.roster if m.roster else 0
        self.cards["hours"].show_figure(texts.hours_text(round(t.total_hours, 1)),
                                        self.tr("{0} hours per member on average").format(texts.hours_text(round(average, 1))))

    def _show_warnings(self, s: HomeSummary) -> None:
        clear_layout(self.attention.body)
        found = texts.warnings(s)
        self.attention.heading.setText(self.tr("Needs attention ({0})").format(len(found)) if found
                                       else self.tr("Needs attention"))
        for warning in found:
            row = WarningRow(warning.title, warning.detail, colour=warning.colour, action=warning.action)
            row.clicked.connect(lambda page=warning.page: self.open_page(page))
            self._add(self.attention.body, row)
        if not found:
            self._add(self.attention.body, WarningRow(
                self.tr("Nothing needs attention right now"),
                self.tr("Meetings, study hours and contact with members are all in order."), colour=GREEN, action=None))

    def _show_meetings(self, s: HomeSummary) -> None:
        clear_layout(self.meetings.body)
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(6)
        order = {"month": 0, "quarter": 1, "year": 2}
        for row, period in enumerate(sorted(s.meetings, key=lambda p: order.get(p.frequency, 3))):
            done = period.status == "ok"
            cells = [
                ScaledLabel(period.type_name, factor=1.05, bold=True, colour=INK),
                ScaledLabel(texts.current_period_name(period.frequency), colour=GREY),
                ScaledLabel(self.tr("held {0} of {1}").format(period.held, period.required), colour=INK),
                ScaledLabel("✓ " + self.tr("done") if done else self.tr("still to hold"), bold=True,
                            colour=GREEN if done else ORANGE),
            ]
            for column, cell in enumerate(cells):
                grid.addWidget(cell, row, column)
        grid.setColumnStretch(4, 1)
        if not s.meetings:
            grid.addWidget(ScaledLabel(self.tr("No meeting type has a required frequency."), colour=GREY), 0, 0)
        self._add(self.meetings.body, grid_host)

    def _show_leaders(self, s: HomeSummary) -> None:
        clear_layout(self.leaders.body)
        self.leaders.heading.setText(self.tr("Points leaders, {0}").format(s.cycle))
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(6)
        for row, leader in enumerate(s.leaders):
            cells = [
                ScaledLabel(str(leader.rank), factor=1.05, bold=True, colour=RED if leader.rank <= 3 else GREY),
                ScaledLabel(leader.name, factor=1.05, colour=INK),
                ScaledLabel(self.tr("{0} points").format(format_points(leader.total_x100)), factor=1.05, bold=True,
                            colour=INK),
                ScaledLabel("★" * leader.stars, colour="#c78a00"),
            ]
            cells[2].setProperty("alignment", ALIGN_RIGHT_VCENTER)
            for column, cell in enumerate(cells):
                grid.addWidget(cell, row, column)
        grid.setColumnStretch(1, 1)
        if not s.leaders:
            grid.addWidget(ScaledLabel(self.tr("No members on the roster yet."), colour=GREY), 0, 0)
        self._add(self.leaders.body, grid_host)

    def _add(self, layout, widget: QWidget) -> None:
        layout.addWidget(widget)
        rescale(widget, self.font())

    # -- layout that follows the window and the font ---------------------------------------
    def _place_cards(self) -> None:
        em = max(self.fontMetrics().horizontalAdvance("M"), 8)
        available = max(self.width() - 48, 1)
        columns = 6 if available >= 6 * CARD_MIN_EM * em else 3
        if columns == self._card_columns:
            return
        self._card_columns = columns
        for card in self.cards.values():
            self.card_grid.removeWidget(card)
        for index, card in enumerate(self.cards.values()):
            self.card_grid.addWidget(card, index // columns, index % columns)
        for column in range(6):
            self.card_grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_cards()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            rescale(self)
            self._card_columns = 0
            self._place_cards()
