"""The table filter proxy: typed text and the filter boxes together, kept right when the rows change."""

from __future__ import annotations

from dangjian_desktop.gui.models import Column, RecordFilterProxy, RecordTableModel


def shown(proxy: RecordFilterProxy) -> list[str]:
    return [proxy.record(row)["name"] for row in range(proxy.rowCount())]


def make(rows: list[dict]) -> tuple[RecordTableModel, RecordFilterProxy]:
    model = RecordTableModel([Column("name", "Name"), Column("status", "Status")],
                             search_keys=lambda r: r["name"])
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    model.set_rows(rows)
    return model, proxy


ROWS = [{"name": "zhang san", "status": "在册"}, {"name": "zhang si", "status": "死亡"},
        {"name": "wang wu", "status": "在册"}]


def test_text_and_predicate_narrow_together(qapp):
    _model, proxy = make(ROWS)
    proxy.set_predicate(lambda r: r["status"] == "在册")
    assert shown(proxy) == ["zhang san", "wang wu"]
    proxy.set_text("zhang")
    assert shown(proxy) == ["zhang san"]
    proxy.set_predicate(None)
    assert shown(proxy) == ["zhang san", "zhang si"]
    proxy.set_text("")
    assert shown(proxy) == ["zhang san", "zhang si", "wang wu"]


def test_new_rows_are_tested_again_by_the_predicate(qapp):
    model, proxy = make(ROWS)
    proxy.set_predicate(lambda r: r["status"] == "在册")
    proxy.set_text("zhang")
    # in the old rows' order the first row passed and the second did not: a stale answer shows zhang san
    model.set_rows([{"name": "zhang san", "status": "死亡"}, {"name": "zhang si", "status": "在册"}])
    assert shown(proxy) == ["zhang si"]
    proxy.set_text("")
    assert shown(proxy) == ["zhang si"]
