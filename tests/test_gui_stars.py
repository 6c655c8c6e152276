"""The 星级评定 page: the form from the criteria, the live result, drafts, submitting and the lock."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from dangjian_desktop.gui.jobs import JobRunner
from dangjian_desktop.gui.pages import stars as stars_page
from dangjian_desktop.gui.pages.stars import StarsPage
from dangjian_desktop.services import stars
from dangjian_desktop.services.context import Context


@pytest.fixture(scope="session")
def demo_db(demo_db_file):
    """The session's demo village (tests/conftest.py); each test writes to its own copy."""
    return demo_db_file


@pytest.fixture
def ctx(demo_db, tmp_path):
    copy = tmp_path / "village.db"
    shutil.copy(demo_db, copy)
    context = Context.open(copy, actor="测试", create=False)
    yield context
    context.close()


@pytest.fixture
def page(qtbot, ctx):
    widget = StarsPage(ctx, JobRunner(ctx, inline=True))
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()  # shows this year's draft (refresh runs on show)
    return widget


def score_everything(page: StarsPage, fraction: float) -> None:
    for row in page.form.rows.values():
        row.spin.set_score(round(row.item.max * fraction * 2) / 2)


def choose_year(page: StarsPage, year: int) -> None:
    page.year_combo.setCurrentIndex(page.year_combo.findData(year))


def test_form_has_every_item_and_veto_of_the_criteria(page, ctx):
    assert set(page.form.rows) == set(ctx.criteria.items)
    assert set(page.form.vetoes) == {v.code for v in ctx.criteria.veto_items}
    assert page.loaded_year == ctx.today.year and not page.submitted()


def test_the_star_level_follows_the_scores_as_they_are_typed(qtbot, page):
    score_everything(page, 1.0)
    assert page.result.star_level == 5 and not page.result.missing_items
    assert page.result_panel.stars.text() == "★★★★★"

    first = next(iter(page.form.rows.values()))
    first.spin.lineEdit().selectAll()
    qtbot.keyClicks(first.spin, "0")
    assert first.spin.score() == 0
    assert page.result.score == page.form.criteria.max_total - first.item.max

    score_everything(page, 0.75)
    assert page.result.star_level == page.form.criteria.stars_for(page.result.score) == 3
    assert "3" in page.result_panel.level.text()

    next(iter(page.form.vetoes.values())).box.setChecked(True)
    assert page.result.vetoed and page.result.star_level == 0
    assert page.result_panel.stars.text() == "☆☆☆☆☆"
    assert page.dirty and page.unsaved.text()


def test_taking_a_suggestion_fills_score_and_evidence(page):
    row = next(r for r in page.form.rows.values() if r.suggested is not None)
    row.spin.set_score(None)
    row.evidence.clear()
    row.take.click()
    assert row.spin.score() == row.suggested
    assert row.evidence.text() and not row.take.isEnabled()


def test_a_saved_draft_reloads_as_it_was_typed(page, ctx):
    score_everything(page, 0.5)
    row = next(iter(page.form.rows.values()))
    row.evidence.setText("见支部会议记录")
    assert page.save_draft()
    assessment, items = stars.get_self_assessment(ctx, year=ctx.today.year)
    assert assessment["score"] == page.result.score and items[row.item.code]["evidence"] == "见支部会议记录"
    assert not page.dirty


def test_submitting_with_items_unscored_is_refused(page, ctx, monkeypatch):
    page.form.rows[next(iter(page.form.rows))].spin.set_score(None)
    warned = []
    monkeypatch.setattr(stars_page.QMessageBox, "warning", lambda *args: warned.append(args[2]))
    page.submit()
    assert warned and not page.submitted()
    assert stars.get_self_assessment(ctx, year=ctx.today.year)[0]["state"] == "draft"


def test_submitting_signs_and_locks_the_year(qtbot, page, ctx):
    score_everything(page, 0.9)

    def sign() -> None:
        dialog = QApplication.activeModalWidget()
        dialog.name.clear()
        assert not dialog.buttons.buttons()[0].isEnabled()  # a name is required
        qtbot.keyClicks(dialog.name, "Yang Xu")
        dialog.accept()

    QTimer.singleShot(0, sign)
    page.submit()

    assessment, _items = stars.get_self_assessment(ctx, year=ctx.today.year)
    assert assessment["state"] == "submitted" and assessment["signed_by"] == "Yang Xu"
    assert page.submitted() and "Yang Xu" in page.banner.text()
    assert page.save_button.isHidden() and page.submit_button.isHidden()
    row = next(iter(page.form.rows.values()))
    assert row.spin.isReadOnly() and row.evidence.isReadOnly()


def test_a_submitted_year_opens_read_only(qtbot, page, ctx):
    last_year = ctx.today.year - 1
    assert stars.get_self_assessment(ctx, year=last_year)[0]["state"] == "submitted"  # the demo's
    choose_year(page, last_year)
    assert page.loaded_year == last_year and page.submitted()
    row = next(iter(page.form.rows.values()))
    before = row.spin.score()
    qtbot.keyClicks(row.spin, "1")
    qtbot.keyClick(row.spin, Qt.Key.Key_Up)
    assert row.spin.score() == before and not page.dirty
    assert page.save_button.isHidden() and row.suggestion_box.isHidden()


def test_switching_years_with_unsaved_changes_asks_first(page, ctx, monkeypatch):
    score_everything(page, 0.5)
    monkeypatch.setattr(page, "ask_unsaved", lambda: QMessageBox.StandardButton.Cancel)
    choose_year(page, ctx.today.year - 1)
    assert page.loaded_year == ctx.today.year and page.year() == ctx.today.year and page.dirty
    monkeypatch.setattr(page, "ask_unsaved", lambda: QMessageBox.StandardButton.Save)
    choose_year(page, ctx.today.year - 1)
    assert page.loaded_year == ctx.today.year - 1
    assert stars.get_self_assessment(ctx, year=ctx.today.year)[0]["score"] == pytest.approx(
        sum(round(i.max * 0.5 * 2) / 2 for i in ctx.criteria.items.values()))


def test_weak_warnings_are_shown(page, ctx):
    warnings = stars.weak_warnings(ctx)
    for warning in warnings:
        assert warning.name in page.warnings.text()
