import os
import shutil
from datetime import date

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dangjian_desktop.services.context import Context  # noqa: E402
from dangjian_desktop.services.setup import setup_village  # noqa: E402

TODAY = date(2026, 11, 27)


@pytest.fixture
def village(tmp_path):
    """A fresh, empty village database (today fixed, so dates in tests never drift)."""
    ctx = Context.open(tmp_path / "village.db", actor="测试")
    ctx.today = TODAY
    setup_village(ctx, code="TEST", name="东庄村党支部", town="示范镇")
    yield ctx
    ctx.close()


@pytest.fixture(scope="session")
def demo_db_file(tmp_path_factory):
    """One demo village for the whole session; tests that write copy it (see `demo`)."""
    from dangjian_desktop.services.demo import create_demo_village

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    ctx = Context.open(path, actor="示范数据")
    ctx.today = TODAY
    create_demo_village(ctx, member_count=60, seed=7)
    ctx.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ctx.close()
    return path


@pytest.fixture
def demo(demo_db_file, tmp_path):
    """A private copy of the demo village."""
    path = tmp_path / "demo.db"
    shutil.copy(demo_db_file, path)
    ctx = Context.open(path, actor="测试")
    ctx.today = TODAY
    yield ctx
    ctx.close()
