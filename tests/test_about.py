"""The About dialog: version, every bundled component with its licence, and the font's licence."""

from importlib import metadata

import pytest

from dangjian_desktop import __version__
from dangjian_desktop.gui.about import COMPONENTS, AboutDialog, font_licence_text


def _declared_licence(distribution: str) -> str:
    meta = metadata.metadata(distribution)
    parts = [meta.get("License-Expression") or "", meta.get("License") or ""]
    parts += [c for c in meta.get_all("Classifier") or [] if c.startswith("License")]
    return " ".join(parts)


@pytest.mark.parametrize("component", [c for c in COMPONENTS if c.distribution], ids=lambda c: c.name)
def test_each_licence_is_the_one_the_package_declares(component):
    family = component.licence.split("-")[0]  # LGPL, Apache, BSD, MIT …
    assert family in _declared_licence(component.distribution)


def test_the_dialog_lists_version_components_and_font_licence(qtbot):
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    table = dialog.table
    assert table.rowCount() == len(COMPONENTS)
    names = [table.item(row, 0).text() for row in range(table.rowCount())]
    assert {"Qt", "PySide6", "ReportLab", "openpyxl", "sqlite-utils", "PyNaCl", "pypinyin",
            "WenQuanYi Micro Hei"} <= set(names)
    versions = {table.item(row, 0).text(): table.item(row, 1).text() for row in range(table.rowCount())}
    assert versions["ReportLab"] == metadata.version("reportlab")
    assert versions["PySide6"] == metadata.version("PySide6_Essentials")
    licences = {table.item(row, 0).text(): table.item(row, 2).text() for row in range(table.rowCount())}
    assert licences["Qt"] == licences["PySide6"] == "LGPL-3.0-only"
    assert "Apache-2.0" in dialog.font_licence.toPlainText()
    assert dialog.font_licence.toPlainText() == font_licence_text()


def test_the_heading_names_the_version(qtbot):
    from PySide6.QtWidgets import QLabel

    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert any(label.text().endswith(__version__) for label in dialog.findChildren(QLabel))


def test_settings_page_opens_about(qtbot, demo, monkeypatch):
    from dangjian_desktop.gui import about
    from dangjian_desktop.gui.jobs import JobRunner
    from dangjian_desktop.gui.pages.settings import SettingsPage

    opened = []
    monkeypatch.setattr(about.AboutDialog, "exec", lambda self: opened.append(self) or 0)
    page = SettingsPage(demo, JobRunner(demo, inline=True))
    qtbot.addWidget(page)
    page.about_button.click()
    assert len(opened) == 1 and opened[0].table.rowCount() == len(COMPONENTS)
