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
    created = ensure_database(db_path)
    try:
        from dangjian_desktop.gui.main import run_gui
    except ImportError:
        run_gui = None
    if run_gui is not None:
        return run_gui(db_path)
    # The window arrives with the village-app issue; until then show the village in the terminal.
    from dangjian_desktop.services.context import Context
    from dangjian_desktop.services.overview import overview

    if created:
        print(f"没有找到数据库，已在 {db_path} 建立示范村。")
    ctx = Context.open(db_path)
    for label, value in overview(ctx).items():
        print(f"{label}：{value}")
    print("\n图形界面尚在开发中；请使用 dangjian --help 查看命令行功能。")
    return 0
