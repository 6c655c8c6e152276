"""The QApplication: the bundled CJK font, translators (ours and qtbase), the large-font mode."""

from __future__ import annotations

import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from dangjian_desktop import APP_NAME, APP_TITLE, __version__
from dangjian_desktop.gui.settings_file import use_settings_folder
from dangjian_desktop.paths import resource_path, settings_dir

FONT_FILE = "wqy-microhei.ttc"
NORMAL_POINT_SIZE = 10.5
LARGE_POINT_SIZE = 14
_translators: list[QTranslator] = []


def application() -> QApplication:
    """The one QApplication, created with the bundled font registered."""
    app = QApplication.instance()
    if app is None:
        use_settings_folder(settings_dir())  # portable mode: an .ini beside the executable
        app = QApplication(sys.argv[:1])
        app.setApplicationName(APP_NAME)
        app.setApplicationDisplayName(APP_TITLE)
        app.setApplicationVersion(__version__)
        app.setOrganizationName(APP_NAME)
        app.setWindowIcon(QIcon(str(resource_path("icons", "dangjian.png"))))
    register_font()
    return app


def register_font() -> str | None:
    """Register WenQuanYi Micro Hei so Chinese renders on a machine without Chinese fonts."""
    if getattr(register_font, "family", None):
        return register_font.family
    font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", FONT_FILE)))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    register_font.family = families[0] if families else None
    return register_font.family


def apply_font(large: bool) -> None:
    app = application()
    font = QFont(register_font() or app.font().family())
    font.setPointSizeF(LARGE_POINT_SIZE if large else NORMAL_POINT_SIZE)
    app.setFont(font)


def install_language(language: str) -> None:
    """Chinese (the default) loads our zh_CN catalogue and Qt's own; English uses the source strings."""
    app = application()
    for translator in _translators:
        app.removeTranslator(translator)
    _translators.clear()
    if language != "zh_CN":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    ours = QTranslator(app)
    if ours.load(str(resource_path("translations", "dangjian_zh_CN.qm"))):
        _translators.append(ours)
    qtbase = QTranslator(app)
    if qtbase.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        _translators.append(qtbase)
    for translator in _translators:
        app.installTranslator(translator)
