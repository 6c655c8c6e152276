"""Starting the app with no sub-command: make sure there is a database, then open the window."""

from __future__ import annotations

from pathlib import Path


def ensure_database(db_path: Path) -> bool:
    """Create the demo village when there is no database yet; True if it was created."""
    if db_path.exists() and db_path.stat().st_size > 0:
        return False
    from dangjian_desktop.services.context import Context
    from dangjian_desktop.services.demo import create_demo_village

    ctx = Context.open(db_path, actor="示范数据")
    try:
        create_demo_village(ctx)
    finally:
        ctx.close()
    return True


def run_app(db_path: Path) -> int:
    if ensure_database(db_path):
        print(f"没有找到数据库，已在 {db_path} 建立示范村。")
    from dangjian_desktop.gui.main import run_gui

    return run_gui(db_path)
