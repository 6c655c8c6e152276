"""The star-review page's new parts: return for correction, per-item history, the five-star quota
line, a logged-in reviewer, the 红旗村 tab; the village's star page after a return."""

from __future__ import annotations

from dangjian_desktop.gui.pages import reviews as reviews_page
from dangjian_desktop.gui.pages import reviews_flags
from dangjian_desktop.gui.pages.stars import StarsPage
from dangjian_desktop.services import red_flags, reviews

from sync_fixtures import small_world_files, world  # noqa: F401
from test_gui_district import errors, make, select_row  # noqa: F401
from test_star_review import DISTRICT, YEAR, no_default_cap, submitted, town_of, town_reviewer  # noqa: F401


def test_a_town_reviewer_returns_a_self_assessment_with_reasons(qtbot, submitted, monkeypatch, errors):
    d = submitted.district
    page = make(qtbot, reviews_page.ReviewsPage, d)
    page.as_combo.setCurrentIndex(1)
    page.reviewer_name.setText("李委员")
    first = next(iter(d.criteria.items))

    def fill(dialog):
        if isinstance(dialog, reviews_page.ReturnDialog):
            assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()  # reasons required
            dialog.reasons.setPlainText("请补充三会一课记录")
            dialog.comments[first].setText("缺 3 月记录")
        return True

    monkeypatch.setattr(page, "exec_dialog", fill)
    select_row(page, lambda r: r["code"] == "DZC")
    page.return_for_correction()
    assert not errors
    assert page.model.record(0)["state"] == "returned"
    select_row(page, lambda r: r["code"] == "DZC")
    text = page.history.text()
    assert "退回修改（李委员）" in text and "请补充三会一课记录" in text and "缺 3 月记录" in text
    select_row(page, lambda r: r["code"] == "DZC")
    page.review()
    assert errors and "退回修改" in errors[-1]


def test_history_lists_the_items_a_reviewer_changed(qtbot, submitted):
    d = submitted.district
    uuid = reviews.list_assessments(d, reviewer=DISTRICT, year=YEAR)[0]["uuid"]
    first = next(iter(d.criteria.items))
    reviews.town_review(d, reviewer=town_reviewer(submitted), assessment_uuid=uuid, scores={first: 1},
                        comments={first: "记录不全"}, veto_hits={d.criteria.veto_items[0].code})
    page = make(qtbot, reviews_page.ReviewsPage, d)
    select_row(page, lambda r: r["code"] == "DZC")
    text = page.history.text()
    name = d.criteria.items[first].name
    assert f"{name}：{d.criteria.items[first].max:g} → 1（记录不全）" in text
    assert f"一票否决：{d.criteria.veto_items[0].name}" in text
    detail = reviews.get_review(d, reviewer=DISTRICT, assessment_uuid=uuid)
    dialog = reviews_page.ReviewDialog(detail, "区级审核")
    qtbot.addWidget(dialog)
    assert not dialog.table.isColumnHidden(3)
    assert dialog.table.item(0, 3).text() == "1（记录不全）"


def test_the_quota_line_shows_used_and_left(qtbot, world, monkeypatch):
    from dangjian_desktop.core import star_caps

    monkeypatch.setattr(star_caps, "DEFAULT_CAPS", {5: 0.1})  # this module lifts it otherwise
    page = make(qtbot, reviews_page.ReviewsPage, world.district)
    page.year_combo.setCurrentIndex(page.year_combo.findData(YEAR))
    assert "五星" in page.quota.text() and "最多 0 个" in page.quota.text()


def test_a_logged_in_reviewer_reviews_as_the_account(qtbot, submitted, monkeypatch, errors):
    d = submitted.district
    d.user = {"uuid": "u1", "name": "李委员", "role": "reviewer", "town_uuid": town_of(submitted)["uuid"]}
    page = make(qtbot, reviews_page.ReviewsPage, d)
    assert not page.as_combo.isVisible() and not page.reviewer_name.isVisible()
    assert "李委员" in page.logged_in.text() and "示范镇" in page.logged_in.text()
    monkeypatch.setattr(page, "exec_dialog", lambda dialog: True)
    select_row(page, lambda r: r["code"] == "DZC")
    page.review()
    assert not errors
    record = next(r for r in page.model.records() if r["code"] == "DZC")
    assert record["state"] == "town_reviewed" and record["last_reviewer"] == "李委员"


def test_the_red_flag_tab_awards_lists_and_revokes(qtbot, world, monkeypatch):
    shown = []
    monkeypatch.setattr(reviews_flags, "show_error", lambda parent, exc: shown.append(str(exc)))
    page = make(qtbot, reviews_page.ReviewsPage, world.district)
    page.tabs.setCurrentIndex(1)
    tab = page.flags
    assert "0" in tab.summary.text()

    def fill(dialog):
        if isinstance(dialog, reviews_flags.AwardFlagDialog):
            dialog.check({"DZC", "XZC"})
            dialog.flag_type.setCurrentText("乡风文明")
        else:
            dialog.reason.setText("材料不实")
        return True

    monkeypatch.setattr(tab, "exec_dialog", fill)
    tab.award()
    assert not shown and tab.model.rowCount() == 2
    assert "2 " in tab.summary.text() and "乡风文明 2" in tab.summary.text()
    tab.table.selectRow(0)
    tab.revoke()
    assert not shown and tab.model.rowCount() == 1
    tab.revoked.setChecked(True)
    assert tab.model.rowCount() == 2
    assert any(r["revoked_reason"] == "材料不实" for r in tab.model.records())
    monkeypatch.setattr(tab, "ask_text", lambda title, label: "平安法治")
    tab.add_type()
    assert "平安法治" in red_flags.flag_types(world.district)


def test_the_village_page_shows_the_reasons_and_unlocks_the_form(qtbot, submitted):
    uuid = reviews.list_assessments(submitted.district, reviewer=DISTRICT, year=YEAR)[0]["uuid"]
    first = next(iter(submitted.district.criteria.items))
    reviews.return_for_correction(submitted.district, reviewer=town_reviewer(submitted), assessment_uuid=uuid,
                                  reasons="请补充佐证材料", comments={first: "缺会议记录"})
    red_flags.award_flags(submitted.district, village_codes=["DZC"], year=YEAR, half=1, flag_type="基层党建")
    submitted.import_village(submitted.export_return())
    page = make(qtbot, StarsPage, submitted.village)
    page.year_combo.setCurrentIndex(page.year_combo.findData(YEAR))
    page.load_year()
    assert "请补充佐证材料" in page.banner.text()
    assert page.save_button.isVisible() and page.submit_button.isVisible()
    assert "缺会议记录" in page.review_box.text.text()
    assert "2026 年上半年“基层党建”红旗" in page.review_box.text.text()
    row = page.form.rows[first]
    row.spin.set_score(submitted.village.criteria.items[first].max - 1)
    assert page.submit_signed("张书记")
    assert not page.save_button.isVisible()  # locked again, waiting for the new round
    assert "请补充佐证材料" not in page.banner.text()


def test_a_viewer_sees_the_buttons_greyed(qtbot, world):
    world.district.user = {"uuid": "u2", "name": "小陈", "role": "viewer", "town_uuid": None}
    page = make(qtbot, reviews_page.ReviewsPage, world.district)
    page.tabs.setCurrentIndex(1)
    assert not page.review_button.isEnabled() and not page.award_button.isEnabled()
    assert not page.flags.award_button.isEnabled()


def test_a_town_reviewer_cannot_start_publicity_or_award(qtbot, world):
    world.district.user = {"uuid": "u3", "name": "李委员", "role": "reviewer", "town_uuid": town_of(world)["uuid"]}
    page = make(qtbot, reviews_page.ReviewsPage, world.district)
    assert page.review_button.isEnabled() and page.return_button.isEnabled()
    assert not page.publicity_button.isEnabled() and not page.award_button.isEnabled()
