"""`dangjian --self-test`: does this installation work? Checked end to end on a throw-away database.

In a temporary folder it sets up a district (its passphrase lives only in memory) and a demo village
enrolled with it, records points, exports the village's bundle, imports it at the district and the
district's return bundle back at the village, checks the database, renders every printable form,
and opens every page of the main window offscreen, for the village and for the district. Each check
prints one line with ✓ or ✗; the exit status is 0 only when every check passed. Nothing outside the
temporary folder is read or written, apart from the bundled resources.
"""

from __future__ import annotations

import os
import secrets
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable, TextIO

from dangjian_desktop import APP_TITLE, __version__

PDF_FONT_MARK = b"/FontFile2"  # an embedded TrueType font program (the Chinese font)


@dataclass
class Result:
    name: str
    ok: bool
    detail: str
    seconds: float


class SelfTest:
    """Runs named checks in order; a check returns a short detail or raises. A check whose
    prerequisite failed is reported as failed without running."""

    def __init__(self, folder: Path, out: TextIO):
        self.folder = folder
        self.out = out
        self.results: list[Result] = []
        self.state: dict = {}

    def check(self, name: str, func: Callable[[], str | None], needs: tuple[str, ...] = ()) -> bool:
        missing = [need for need in needs if need not in self.state]
        started = time.perf_counter()
        if missing:
            ok, detail = False, "未运行：前面的检查没有通过（" + "、".join(missing) + "）"
        else:
            try:
                ok, detail = True, func() or ""
            except Exception as exc:  # noqa: BLE001 - every failure becomes a ✗ line, not a crash
                ok, detail = False, f"{type(exc).__name__}: {getattr(exc, 'message', None) or exc}"
                if os.environ.get("DANGJIAN_SELFTEST_TRACEBACK"):
                    traceback.print_exc(file=self.out)
        result = Result(name, ok, detail, time.perf_counter() - started)
        self.results.append(result)
        mark = "✓" if ok else "✗"
        self.out.write(f"{mark} {name}" + (f" — {detail}" if detail else "") + f"  ({result.seconds:.1f} 秒)\n")
        self.out.flush()
        return ok

    @property
    def failed(self) -> list[Result]:
        return [r for r in self.results if not r.ok]


# -- the checks below the GUI ---------------------------------------------------------------------
def _resources(test: SelfTest) -> str:
    from dangjian_desktop.paths import resource_path, resources_dir

    needed = [("rulebooks", "default.json"), ("criteria", "default.json"), ("meeting_types.json",),
              ("fonts", "wqy-microhei.ttc"), ("fonts", "wqy-microhei-COPYRIGHT.txt"),
              ("translations", "dangjian_zh_CN.qm")]
    missing = ["/".join(parts) for parts in needed if not resource_path(*parts).is_file()]
    if missing:
        raise FileNotFoundError("缺少资源文件：" + "、".join(missing))
    return str(resources_dir())


def _open(test: SelfTest, name: str):
    from dangjian_desktop.services.context import Context

    ctx = Context.open(test.folder / name, actor="自检")
    test.state.setdefault("contexts", []).append(ctx)
    return ctx


def _district(test: SelfTest) -> str:
    from dangjian_desktop.services import district

    ctx = _open(test, "district.db")
    passphrase = secrets.token_urlsafe(16)  # in memory only, forgotten when the self-test ends
    created = district.setup_district(ctx, code="ZJ", name="自检区党工委组织部", passphrase=passphrase,
                                      sheet_path=test.folder / "recovery-sheet.txt")
    enrolled = district.enrol_village(ctx, code="ZJC", name="自检村党支部", town="自检镇",
                                      out=test.folder / "ZJC.dje", passphrase=passphrase)
    test.state.update(district=ctx, passphrase=passphrase, enrolment=enrolled.path)
    return f"区级数据库和密钥，登记文件 {enrolled.path.name}，指纹 {created.fingerprint[:19]}…"


def _village(test: SelfTest) -> str:
    from dangjian_desktop.services.demo import create_demo_village

    ctx = _open(test, "village.db")
    made = create_demo_village(ctx, member_count=40, seed=2026, enrolment=test.state["enrolment"])
    test.state["village"] = ctx
    return "，".join(f"{label} {count}" for label, count in made["counts"].items())


def _points(test: SelfTest) -> str:
    from dangjian_desktop.services import members, points

    ctx = test.state["village"]
    member = next(m for m in members.list_members(ctx, roster_only=True))
    before = len(points.member_ledger(ctx, member_uuid=member["uuid"]))
    item = next(iter(ctx.rulebook.items))
    points.record_points(ctx, member_uuids=[member["uuid"]], item_code=item, occurred_on=ctx.today, note="自检")
    after = len(points.member_ledger(ctx, member_uuid=member["uuid"]))
    if after != before + 1:
        raise AssertionError(f"台账条目应增加 1 条，实际从 {before} 到 {after}")
    test.state["points"] = True
    return f"{member['name']}：{ctx.rulebook.items[item].name}"


def _export(test: SelfTest) -> str:
    from dangjian_desktop.services import sync

    exported = sync.export_bundles(test.state["village"], out_dir=test.folder / "stick")
    path = exported.paths[0]
    test.state["bundle"] = path
    return f"{path.name}（{path.stat().st_size // 1024} KB）；{'；'.join(exported.notes)}"


def _import_district(test: SelfTest) -> str:
    from dangjian_desktop.services import sync

    (receipt,) = sync.import_bundles(test.state["district"], paths=[test.state["bundle"]],
                                     passphrase=test.state["passphrase"])
    if receipt.status != "applied" or not receipt.counts.get("applied"):
        raise AssertionError(f"区里导入未成功：{receipt.summary()} {'；'.join(receipt.reasons)}")
    test.state["imported"] = True
    return receipt.summary()


def _return_bundle(test: SelfTest) -> str:
    from dangjian_desktop.services import sync

    exported = sync.export_bundles(test.state["district"], out_dir=test.folder / "stick-back", village_code="ZJC",
                                   passphrase=test.state["passphrase"])
    (receipt,) = sync.import_bundles(test.state["village"], paths=exported.paths)
    if not receipt.ok:
        raise AssertionError(f"村里导入回执包未成功：{receipt.summary()} {'；'.join(receipt.reasons)}")
    pending = sync.sync_status(test.state["village"]).pending
    if pending:
        raise AssertionError(f"回执后仍有 {pending} 条修改未被区里确认")
    return receipt.summary()


def _database_check(test: SelfTest) -> str:
    from dangjian_desktop.services.maintenance import check_database

    problems = check_database(test.state["village"]) + check_database(test.state["district"])
    if problems:
        raise AssertionError("；".join(problems))
    return "村级和区级数据库完整、积分合计与台账一致"


def _form(test: SelfTest, key: str) -> str:
    from dangjian_desktop.services.printing import print_form

    (test.folder / "forms").mkdir(exist_ok=True)
    path = print_form(test.state["village"], key, out=test.folder / "forms" / f"{key}.pdf")
    data = Path(path).read_bytes()
    if not data.startswith(b"%PDF") or b"%%EOF" not in data[-1024:]:
        raise AssertionError(f"{path.name} 不是完整的 PDF")
    if PDF_FONT_MARK not in data:
        raise AssertionError(f"{path.name} 没有内嵌中文字体")
    return f"{len(data) // 1024} KB，内嵌字体"


def _accounts(test: SelfTest) -> str:
    """The first account (书记), a login, a wrong password refused; the window checks run as that account."""
    from dangjian_desktop.services import accounts

    ctx, password = test.state["village"], secrets.token_urlsafe(12)  # in memory only
    accounts.create_account(ctx, name="自检书记", password=password, role="secretary")
    try:
        accounts.login(ctx, "自检书记", password + "x")
    except accounts.LoginFailed:
        pass
    else:
        raise AssertionError("错误的密码竟然能登录")
    user = accounts.login(ctx, "自检书记", password)
    return f"{user['name']}：建立、登录，错误密码被拒绝（scrypt）"


def core_checks(test: SelfTest) -> None:
    from dangjian_desktop.services.printing import FORMS

    test.check("资源文件（细则、标准、字体、翻译）", lambda: _resources(test))
    test.check("建立区级数据库、为村办理登记", lambda: _district(test))
    test.check("建立示范村（用登记文件）", lambda: _village(test), needs=("enrolment",))
    test.check("记积分", lambda: _points(test), needs=("village",))
    test.check("村里导出数据包", lambda: _export(test), needs=("village",))
    test.check("区里导入数据包", lambda: _import_district(test), needs=("bundle",))
    test.check("区里生成回执包，村里导入", lambda: _return_bundle(test), needs=("imported",))
    test.check("数据库检查", lambda: _database_check(test), needs=("village", "district"))
    test.check("账户：建立、登录", lambda: _accounts(test), needs=("village",))
    for key, spec in FORMS.items():
        test.check(f"打印 {spec.title}（{key}）", lambda key=key: _form(test, key), needs=("village",))


def run(out: TextIO | None = None, *, gui: bool = True) -> int:
    """Run every check; 0 when all passed, 1 otherwise. Without a console (the windowed Windows build
    started from Explorer) the report goes to dangjian-selftest.txt in the temporary folder."""
    if out is None:
        out = sys.stdout or open(Path(tempfile.gettempdir()) / "dangjian-selftest.txt", "w",  # noqa: SIM115
                                 encoding="utf-8")
    out.write(f"{APP_TITLE} {__version__} 自检（{date.today().isoformat()}，Python {sys.version.split()[0]}，"
              f"{'打包版' if getattr(sys, 'frozen', False) else '源代码'}）\n")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="dangjian-selftest-") as folder:
        test = SelfTest(Path(folder), out)
        try:
            core_checks(test)
            if gui:
                from dangjian_desktop.gui.selftest_pages import gui_checks

                gui_checks(test)
        finally:
            for ctx in test.state.get("contexts", []):
                ctx.close()
    passed = len(test.results) - len(test.failed)
    out.write(f"自检{'通过' if not test.failed else '未通过'}：{passed} 项通过，{len(test.failed)} 项失败，"
              f"用时 {time.perf_counter() - started:.1f} 秒\n")
    out.flush()
    return 0 if not test.failed else 1
