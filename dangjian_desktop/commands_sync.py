"""The CLI commands of bundle sync: district setup, enrolment, laptops, bundles, snapshots.

Registered into commands.py's handler table; same shape as the handlers there (open the context,
call a service, print the result in Chinese, return the exit code).
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from dangjian_desktop.errors import DangjianError

EXIT_BUNDLE_REFUSED = 6


def _base():
    from dangjian_desktop import commands  # imported late: commands.py registers this module

    return commands


def ask_passphrase(*, confirm: bool = False) -> str:
    """The district key passphrase, from DANGJIAN_PASSPHRASE (scripts) or typed at a prompt."""
    from dangjian_desktop.services.sync_identity import PASSPHRASE_ENV

    value = os.environ.get(PASSPHRASE_ENV)
    if value:
        return value
    if not sys.stdin or not sys.stdin.isatty():
        raise DangjianError(f"需要区级密钥口令：请在终端中运行，或设置环境变量 {PASSPHRASE_ENV}")
    value = getpass.getpass("区级密钥口令：")
    if confirm and getpass.getpass("再输入一次口令：") != value:
        raise DangjianError("两次输入的口令不一致")
    return value


def _passphrase_if_needed(ctx) -> str | None:
    from dangjian_desktop.services.sync_identity import needs_passphrase

    return ask_passphrase() if needs_passphrase(ctx) else None


def _setup_district(args, db_path: Path) -> int:
    from dangjian_desktop.services.district import setup_district

    with _base()._new_database(db_path) as ctx:
        sheet = args.sheet or db_path.with_name(f"dangjian-recovery-{args.code}.txt")
        created = setup_district(ctx, code=args.code, name=args.name, passphrase=ask_passphrase(confirm=True),
                                 sheet_path=sheet)
        print(f"已建立区级数据库：{created.org['name']}（{created.org['code']}）\n数据库文件：{db_path}")
        print(f"区级密钥指纹：{created.fingerprint}")
        print(f"恢复单：{created.sheet}（请打印后锁好，再删除电脑上的这个文件；口令另行保管）")
        return 0


def _setup_village(args, db_path: Path) -> int:
    if not args.enrolment:
        return _base()._setup_village(args, db_path)
    from dangjian_desktop.services.sync_village import setup_from_enrolment

    with _base()._new_database(db_path) as ctx:
        done = setup_from_enrolment(ctx, enrolment_path=args.enrolment, snapshot_path=args.snapshot)
        print(f"已建立村级数据库：{done.org['name']}（{done.org['code']}），所属：{done.district_name}")
        if args.snapshot:
            print(f"已从快照恢复 {done.restored_rows} 条记录")
        print(f"数据库文件：{db_path}")
        print(f"区里的密钥指纹：{done.district_fingerprint}（请打电话与区里逐位核对，一致才可使用）")
        print(f"本机的密钥指纹：{done.device_fingerprint}")
        return 0


def _enrol(args, db_path: Path) -> int:
    from dangjian_desktop.services.district import enrol_village

    with _base()._open(db_path) as ctx:
        done = enrol_village(ctx, code=args.village_code, name=args.name, town=args.town, out=args.out,
                             passphrase=_passphrase_if_needed(ctx))
        print(f"已生成登记文件：{done.path}" + ("（该村更换电脑：旧电脑请先吊销）" if done.replaces else ""))
        print(f"区里的密钥指纹：{done.district_fingerprint}")
        print("请把登记文件当面交给村里（它只能用于一台电脑）。村里建立数据库后会显示区里的密钥指纹，请电话核对。")
        return 0


def _devices(args, db_path: Path) -> int:
    from dangjian_desktop.services import district, sync

    with _base()._open(db_path) as ctx:
        if ctx.role != "district":
            if args.what == "revoke":
                raise DangjianError("只有区里可以吊销电脑")
            status = sync.sync_status(ctx)
            print(f"本机编号：{status.device_id}\n本机密钥指纹：{status.fingerprint or '（没有密钥）'}"
                  f"\n区里的密钥指纹：{status.district_fingerprint or '（未登记）'}")
            return 0
        if args.what == "revoke":
            device = district.revoke_device(ctx, device=args.device, reason=args.reason)
            print(f"已吊销 {device['village_name']} 的电脑 {device['device_id']}；此后不再接受它的数据包。")
            print(f"如需换用新电脑：dangjian enrol {device['village_code']} --name … --out 登记文件，"
                  f"再 dangjian bundle snapshot {device['village_code']} --out 目录")
            return 0
        rows = district.list_devices(ctx)
        if not rows:
            print("还没有村里的电脑发来数据包。")
        for d in rows:
            print(f"{d['village_code']}\t{d['village_name']}\t{d['device_id']}\t{d['state']}\t指纹 {d['fingerprint']}"
                  f"\t已确认到第 {d['acked_seq']} 号\t最近 {(d['last_bundle_at'] or '—')[:16]}")
        return 0


def _print_receipt(receipt) -> None:
    print(f"{receipt.file}：{receipt.summary()}")
    for reason in receipt.reasons:
        print(f"  原因：{reason}")
    for note in receipt.notes:
        print(f"  说明：{note}")


def _bundle(args, db_path: Path) -> int:
    from dangjian_desktop.services import sync

    with _base()._open(db_path) as ctx:
        if args.what == "export":
            done = sync.export_bundles(ctx, out_dir=args.out, village_code=args.village,
                                       passphrase=_passphrase_if_needed(ctx))
            for note in done.notes:
                print(f"  {note}")
            for path in done.paths:
                print(path)
            return 0 if done.paths else EXIT_BUNDLE_REFUSED
        if args.what == "import":
            receipts = sync.import_bundles(ctx, paths=args.files, passphrase=_passphrase_if_needed(ctx))
            for receipt in receipts:
                _print_receipt(receipt)
            refused = [r for r in receipts if not r.ok]
            if refused:
                print(f"有 {len(refused)} 个文件未能导入（见上面的原因）。")
            return EXIT_BUNDLE_REFUSED if refused else 0
        if args.what == "snapshot":
            path = sync.make_snapshot(ctx, village_code=args.village_code, out_dir=args.out,
                                      passphrase=_passphrase_if_needed(ctx))
            print(path)
            return 0
        status = sync.sync_status(ctx)
        print(f"角色：{'区级' if status.role == 'district' else '村级'}\n本机密钥指纹：{status.fingerprint or '（没有密钥）'}")
        if status.role == "district":
            print(f"已登记的村：{status.villages}\n登记过的电脑：{status.devices}")
        else:
            print(f"区里的密钥指纹：{status.district_fingerprint or '（未登记）'}\n区里已确认到：第 {status.acked_seq} 号修改"
                  f"\n等待确认的修改：{status.pending} 条\n状态：{status.state_label}")
        from dangjian_desktop.sync.receipt import LOG_LABELS

        for row in sync.bundle_history(ctx, limit=10):
            arrow = "导出" if row["direction"] == "out" else "导入"
            label = LOG_LABELS.get(row["status"], row["status"])
            print(f"  {row['at'][:16]}  {arrow}  {row['file_name'] or ''}  {label}")
        return 0


def _members_export(args, db_path: Path) -> int:
    if not args.village:
        return _base()._members(args, db_path)
    from dangjian_desktop.services.district import export_village_roster

    with _base()._open(db_path) as ctx:
        count = export_village_roster(ctx, village_code=args.village, path=args.file, roster_only=not args.all)
        print(f"已导出 {args.village} 的 {count} 名党员到 {args.file}")
        from dangjian_desktop.services.personal_data import WARNING

        print(f"注意：{WARNING}")
        return 0


def _demo_district(args, db_path: Path) -> int:
    from dangjian_desktop.progress import Progress
    from dangjian_desktop.services.demo_district import create_demo_district

    with _base()._new_database(db_path) as ctx:
        # Villages are built in parallel processes; the frozen app builds them one by one.
        workers = 1 if getattr(sys, "frozen", False) else min(4, os.cpu_count() or 1)
        demo = create_demo_district(ctx, villages=args.villages, passphrase=ask_passphrase(confirm=True), seed=args.seed,
                                    progress=Progress(), workers=workers)
        applied = sum(r.counts["applied"] for r in demo.receipts)
        print(f"已建立示范区：{demo.name}，{demo.villages} 个村，分属 {len(demo.towns)} 个镇（{'、'.join(demo.towns)}）")
        print(f"数据库文件：{db_path}")
        print(f"  党员（含入党积极分子等）：{demo.counts.get('members', 0)}\n  会议与培训：{demo.counts.get('meetings', 0)}"
              f"\n  出勤记录：{demo.counts.get('attendance', 0)}\n  积分台账条目：{demo.counts.get('points_ledger', 0)}")
        print(f"  导入数据包 {len(demo.receipts)} 个，应用记录 {applied} 条；生成用时 {demo.seconds['generate']:.1f} 秒，"
              f"导入用时 {demo.seconds['import']:.1f} 秒")
        for receipt in demo.refused:
            _print_receipt(receipt)
        return EXIT_BUNDLE_REFUSED if demo.refused else 0


HANDLERS = {
    ("demo", "district"): _demo_district,
    ("setup", "district"): _setup_district,
    ("setup", "village"): _setup_village,
    ("enrol", None): _enrol,
    ("devices", "list"): _devices,
    ("devices", "revoke"): _devices,
    ("bundle", "export"): _bundle,
    ("bundle", "import"): _bundle,
    ("bundle", "snapshot"): _bundle,
    ("bundle", "status"): _bundle,
    ("members", "export"): _members_export,
}
