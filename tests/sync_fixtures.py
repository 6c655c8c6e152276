"""A district and its enrolled villages on disk, built once per session and copied per test.

The district key's argon2id cost is lowered to its minimum here (the cost is stored with the
sealed key, so every later open is fast too); production uses the module's default.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import nacl.pwhash
import pytest

import dangjian_desktop.sync.keys as keys_module
from dangjian_desktop.core.idcard import make_id
from dangjian_desktop.services import district, members, points, sync
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.sync_village import setup_from_enrolment
from dangjian_desktop.store.schema import SYNCED_TABLES

keys_module.KDF_OPS = nacl.pwhash.argon2id.OPSLIMIT_MIN
keys_module.KDF_MEM = nacl.pwhash.argon2id.MEMLIMIT_MIN

TODAY = date(2026, 11, 27)
PASSPHRASE = "测试用口令-2026"
NAMES = ("张一", "王二", "李三", "赵四", "钱五", "孙六", "周七", "吴八", "郑九", "冯十", "陈明", "褚亮", "卫东", "蒋华")


def open_ctx(path: Path) -> Context:
    ctx = Context.open(path, actor="测试")
    ctx.today = TODAY
    return ctx


def close_for_copy(ctx: Context) -> None:
    ctx.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ctx.close()


# -- small village edits ------------------------------------------------------------------------
def add_member(ctx: Context, n: int) -> str:
    record = {"name": NAMES[n % len(NAMES)], "id_number": make_id(date(1960, 1, 1 + n % 28), "男", seq=11 + 2 * n),
              "category": "正式党员", "joined_on": "1990-07-01", "full_on": "1991-07-01", "phone": f"1390000{n:04d}"}
    return members.add_member(ctx, record=record)["uuid"]


def edit_member(ctx: Context, uuid: str, n: int) -> None:
    members.update_member(ctx, member_uuid=uuid, changes={"job": f"务农{n}"})


def add_points(ctx: Context, uuid: str, day: int = 1) -> None:
    points.record_points(ctx, member_uuids=[uuid], item_code="volunteer_service", occurred_on=date(2026, 5, day))


# -- comparing databases ------------------------------------------------------------------------
def dump(ctx: Context) -> dict:
    """Every table's content and the schema; the bundle log (the one trace a refused bundle may
    leave) is left out."""
    conn = ctx.store.conn
    out = {"schema": sorted(r for r in conn.execute("SELECT type, name, sql FROM sqlite_master"))}
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        if name == "sync_bundles":
            continue
        rows = conn.execute(f"SELECT * FROM [{name}]").fetchall()
        if name == "sqlite_sequence":
            rows = [r for r in rows if r[0] != "sync_bundles"]
        out[name] = sorted(map(repr, rows))
    return out


def data_dump(ctx: Context) -> dict:
    """`dump` without the bookkeeping a valid import may touch (audit trail, devices' last contact)."""
    return {k: v for k, v in dump(ctx).items() if k not in ("audit_log", "sync_devices")}


def owned_rows(ctx: Context, org: str) -> dict[str, list]:
    """Every row of every synced table that `org` owns, for comparing two copies of a village."""
    out = {}
    for table in SYNCED_TABLES:
        cursor = ctx.store.conn.execute(f"SELECT * FROM [{table}] WHERE org = ? ORDER BY uuid", [org])
        out[table] = [tuple(r) for r in cursor]
    return out


# -- a district with two enrolled villages ------------------------------------------------------
@dataclass
class World:
    district: Context
    village: Context
    village2: Context
    folder: Path
    sticks: int = field(default=0)

    def stick(self) -> Path:
        self.sticks += 1
        return self.folder / f"stick{self.sticks}"

    def export_village(self, ctx: Context | None = None) -> Path:
        return sync.export_bundles(ctx or self.village, out_dir=self.stick()).paths[0]

    def import_district(self, *paths: Path):
        return sync.import_bundles(self.district, paths=list(paths), passphrase=PASSPHRASE, backup=False)

    def export_return(self, code: str = "DZC") -> Path:
        return sync.export_bundles(self.district, out_dir=self.stick(), village_code=code,
                                   passphrase=PASSPHRASE).paths[0]

    def import_village(self, *paths: Path, ctx: Context | None = None):
        return sync.import_bundles(ctx or self.village, paths=list(paths), backup=False)

    def round_trip(self, ctx: Context | None = None):
        receipts = self.import_district(self.export_village(ctx))
        return receipts + self.import_village(self.export_return(), ctx=ctx)

    def enrol(self, code: str, name: str) -> Path:
        out = self.folder / f"{code}-{self.sticks}.dje"
        self.sticks += 1
        district.enrol_village(self.district, code=code, name=name, town="示范镇", out=out, passphrase=PASSPHRASE)
        return out

    def new_village(self, enrolment: Path, snapshot: Path | None = None, name: str = "new.db") -> Context:
        ctx = open_ctx(self.folder / name)
        setup_from_enrolment(ctx, enrolment_path=enrolment, snapshot_path=snapshot)
        return ctx

    @property
    def org(self) -> str:
        return self.village.org_uuid

    def close(self) -> None:
        for ctx in (self.district, self.village, self.village2):
            try:
                ctx.close()
            except sqlite3.ProgrammingError:
                pass


def build_world(folder: Path, *, demo_members: int | None = None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    d = open_ctx(folder / "district.db")
    district.setup_district(d, code="XQ", name="新区党工委组织部", passphrase=PASSPHRASE, sheet_path=folder / "sheet.txt")
    for code, name in (("DZC", "东庄村党总支"), ("XZC", "西庄村党支部")):
        district.enrol_village(d, code=code, name=name, town="示范镇", out=folder / f"{code}.dje", passphrase=PASSPHRASE)
    close_for_copy(d)
    v = open_ctx(folder / "village.db")
    if demo_members:
        from dangjian_desktop.services.demo import create_demo_village

        create_demo_village(v, member_count=demo_members, seed=7, enrolment=folder / "DZC.dje")
    else:
        setup_from_enrolment(v, enrolment_path=folder / "DZC.dje")
        people = [add_member(v, n) for n in range(3)]
        add_points(v, people[0])
    close_for_copy(v)
    v2 = open_ctx(folder / "village2.db")
    setup_from_enrolment(v2, enrolment_path=folder / "XZC.dje")
    add_member(v2, 7)
    close_for_copy(v2)


def open_world(source: Path, folder: Path) -> World:
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("district.db", "village.db", "village2.db"):
        shutil.copy(source / name, folder / name)
    return World(open_ctx(folder / "district.db"), open_ctx(folder / "village.db"),
                 open_ctx(folder / "village2.db"), folder)


@pytest.fixture(scope="session")
def small_world_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("small_world")
    build_world(folder)
    return folder


@pytest.fixture(scope="session")
def demo_world_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo_world")
    build_world(folder, demo_members=30)
    return folder


@pytest.fixture
def world(small_world_files, tmp_path):
    w = open_world(small_world_files, tmp_path / "world")
    yield w
    w.close()


@pytest.fixture
def demo_world(demo_world_files, tmp_path):
    w = open_world(demo_world_files, tmp_path / "world")
    yield w
    w.close()
