"""The hard wall of DESIGN.md: nothing below the GUI imports Qt."""

import subprocess
import sys

BELOW_GUI = [
    "dangjian_desktop.core.idcard", "dangjian_desktop.core.members", "dangjian_desktop.core.points",
    "dangjian_desktop.core.rulebook", "dangjian_desktop.core.meetings", "dangjian_desktop.core.stars",
    "dangjian_desktop.store", "dangjian_desktop.store.queries", "dangjian_desktop.store.points_sql",
    "dangjian_desktop.reports.excel_roster", "dangjian_desktop.services.members",
    "dangjian_desktop.services.points", "dangjian_desktop.services.meetings", "dangjian_desktop.services.demo",
    "dangjian_desktop.services.maintenance", "dangjian_desktop.services.printing",
    "dangjian_desktop.services.overview", "dangjian_desktop.reports.excel_table",
    "dangjian_desktop.commands", "dangjian_desktop.cli",
]


def test_core_store_services_and_cli_import_no_qt():
    code = (
        "import sys\n"
        f"for name in {BELOW_GUI!r}: __import__(name)\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(qt))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_every_module_below_the_gui_is_free_of_qt_imports():
    """A text check over every file, so a new module cannot slip past the import test above."""
    from pathlib import Path

    import dangjian_desktop

    root = Path(dangjian_desktop.__file__).parent
    offenders = [str(p.relative_to(root)) for p in root.rglob("*.py")
                 if "gui" not in p.relative_to(root).parts and "PySide6" in p.read_text(encoding="utf-8")]
    assert offenders == []


def test_core_writes_no_sql():
    from pathlib import Path

    import dangjian_desktop.core as core

    for path in Path(core.__file__).parent.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "sqlite" not in text and "SELECT " not in text, path.name


def test_the_gui_writes_no_sql():
    from pathlib import Path

    import dangjian_desktop.gui as gui

    for path in Path(gui.__file__).parent.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for word in ("SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM", "sqlite3", ".conn.execute"):
            assert word not in text, f"{path.name}: {word}"
