"""What each CLI command does: open the context, call a service, print the result in Chinese."""

from __future__ import annotations

import argparse
from pathlib import Path

from dangjian_desktop.core.points import format_points
from dangjian_desktop.errors import DangjianError, IntegrityProblem, NotFoundError
from dangjian_desktop.services import maintenance, members, points
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.personal_data import WARNING as PERSONAL_WARNING
from dangjian_desktop.services.setup import setup_village

EXIT_REJECTED_ROWS = 3


def _open(db_path: Path, *, create: bool = False, log_in: bool = True) -> Context:
    """The database at `db_path`, logged in when it has accounts (`log_in=False`: for finding a
    forgotten password, the one thing done without)."""
    if not create and not db_path.exists():
        raise DangjianError(f"数据库不存在：{db_path}。请先运行 dangjian setup village 或 dangjian demo village，"
                            "或用 --db 指定数据库文件。")
    ctx = Context.open(db_path, actor="命令行")
    try:
        from dangjian_desktop.commands_accounts import log_in as log_in_cli

        if log_in:
            log_in_cli(ctx)  # a database with accounts: the command line logs in (--user, DANGJIAN_USER)
    except BaseException:
        ctx.close()
        raise
    return ctx


def _new_database(db_path: Path) -> Context:
    if db_path.exists() and db_path.stat().st_size > 0:
        ctx = Context.open(db_path, actor="命令行")
        if ctx.store.setting("org_uuid"):
            name = ctx.org["name"]
            ctx.close()
            raise DangjianError(f"{db_path} 已经是“{name}”的数据库。请用 --db 指定一个新文件。")
        return ctx
    return _open(db_path, create=True)


def _setup_village(args, db_path: Path) -> int:
    with _new_database(db_path) as ctx:
        org = setup_village(ctx, code=args.code, name=args.name, town=args.town, area_code=args.area_code)
        print(f"已建立村级数据库：{org['name']}（{org['code']}）\n数据库文件：{db_path}")
        return 0


def _demo_village(args, db_path: Path) -> int:
    from dangjian_desktop.services.demo import create_demo_village

    with _new_database(db_path) as ctx:
        summary = create_demo_village(ctx, member_count=args.members, seed=args.seed)
        print(f"已建立示范村：{summary['name']}\n数据库文件：{db_path}")
        for label, value in summary["counts"].items():
            print(f"  {label}：{value}")
        return 0


def _print_report(report) -> None:
    verb = "检查结果（未写入）" if report.dry_run else "导入结果"
    print(f"{verb}：新增 {report.added} 人，更新 {report.updated} 人，未变 {report.unchanged} 人，"
          f"拒绝 {len(report.rejected_rows)} 行")
    for note in report.notes:
        print(f"  说明：{note}")
    for problem in sorted(report.rejected, key=lambda p: (p.row or 0)):
        print(f"  拒绝 {problem}")


def _members(args, db_path: Path) -> int:
    with _open(db_path) as ctx:
        if args.what == "import":
            report = members.import_roster(ctx, path=args.file, dry_run=args.dry_run)
            _print_report(report)
            return 0 if report.ok else EXIT_REJECTED_ROWS
        if args.what == "export":
            count = members.export_roster(ctx, path=args.file, roster_only=not args.all)
            print(f"已导出 {count} 名党员到 {args.file}")
            print(f"注意：{PERSONAL_WARNING}")
            return 0
        for m in members.list_members(ctx, roster_only=True):
            print(f"{m['name']}\t{m['sex'] or ''}\t{m['birth_date'] or ''}\t{m['category']}\t{m['branch_name']}"
                  f"\t{m['group_name'] or ''}\t{m['party_post'] or ''}")
        return 0


def _find_member(ctx: Context, key: str) -> str:
    matches = [m for m in members.list_members(ctx, roster_only=True) if key in (m["id_number"], m["name"])]
    if not matches:
        raise NotFoundError("党员", key)
    if len(matches) > 1:
        raise DangjianError(f"有 {len(matches)} 名党员叫“{key}”，请改用身份证号")
    return matches[0]["uuid"]


def _points(args, db_path: Path) -> int:
    with _open(db_path) as ctx:
        if args.what == "items":
            for item in ctx.rulebook.items.values():
                cap = f"（每{ {'month': '月', 'quarter': '季度', 'year': '年'}[item.cap_period]}上限 " \
                      f"{format_points(item.cap_x100)}）" if item.cap_x100 is not None else ""
                print(f"{item.code}\t{item.name}\t{format_points(item.points_x100)}{cap}")
            return 0
        if args.what == "record":
            uuids = [_find_member(ctx, key) for key in args.member]
            changes = points.record_points(ctx, member_uuids=uuids, item_code=args.item,
                                           occurred_on=args.date or ctx.today, count=args.count, note=args.note)
            print(f"已记分 {len(changes.uuids)} 条")
            for warning in changes.warnings:
                print(f"  提示：{warning}")
            return 0
        period = args.period or str(ctx.today.year)
        start, end, scores = points.period_scores(ctx, period=period)
        print(f"{ctx.org['name']} 积分排名（{start} 至 {end}）")
        print("名次\t姓名\t党支部\t基础分\t加分\t扣分\t合计\t星级\t等次")
        for s in scores:
            print(f"{s.rank}\t{s.name}\t{s.branch_name}\t{format_points(s.base_x100)}\t{format_points(s.bonus_x100)}"
                  f"\t{format_points(s.deduction_x100)}\t{format_points(s.total_x100)}\t{'★' * s.stars or '无'}\t{s.grade}")
        return 0


def _check(args, db_path: Path) -> int:
    with _open(db_path) as ctx:
        problems = maintenance.check_database(ctx)
        if problems:
            raise IntegrityProblem("数据库检查发现问题：\n  " + "\n  ".join(problems))
        print("数据库检查通过：完整性正常，积分台账一致。")
        return 0


def _backup(args, db_path: Path) -> int:
    with _open(db_path) as ctx:
        path = maintenance.backup(ctx, out=args.out)
        print(f"已备份到 {path}")
        return 0


def _info(args, db_path: Path) -> int:
    from dangjian_desktop.services.overview import overview

    with _open(db_path) as ctx:
        for label, value in overview(ctx).items():
            print(f"{label}：{value}")
        return 0


def _district_report(args, db_path: Path) -> int:
    from dangjian_desktop.errors import ValidationError
    from dangjian_desktop.services import district_report
    from dangjian_desktop.services.printing import OPTIONS

    unused = [o.flag for name, o in OPTIONS.items() if name != "year" and getattr(args, name) not in (None, False)]
    if unused:
        raise ValidationError(f"区级统计报告不使用选项 {'、'.join(unused)}", "options")
    with _open(db_path) as ctx:
        year = args.year or ctx.today.year
        out = district_report.check_output(
            args.out or Path(district_report.default_filename(ctx, year=year, suffix="pdf")), "pdf")
        if args.excel:  # both files refused before either is written
            district_report.check_output(args.excel, "xlsx")
        report = district_report.gather_report(ctx, year=year)
        path = district_report.write_pdf(report, out=out)
        sheets = district_report.write_excel(report, out=args.excel) if args.excel else None
        print(f"已生成{report.district_name} {report.title}：{path}")
        if sheets:
            print(f"已导出 Excel：{sheets}")
        return 0


def _print(args, db_path: Path) -> int:
    from dangjian_desktop.services.printing import FORMS, OPTIONS, print_form

    if args.form == "district-report":
        return _district_report(args, db_path)
    with _open(db_path) as ctx:
        options = {name: getattr(args, name) for name in OPTIONS}
        path = print_form(ctx, args.form, out=args.out, **options)
        print(f"已生成{FORMS[args.form].title}：{path}")
        return 0


_HANDLERS = {
    ("setup", "village"): _setup_village,
    ("demo", "village"): _demo_village,
    ("members", None): _members,
    ("points", None): _points,
    ("check", None): _check,
    ("backup", None): _backup,
    ("info", None): _info,
    ("print", None): _print,
}

# Bundle sync adds its commands and wraps `setup village` (--enrolment) and `members export` (--village).
from dangjian_desktop.commands_sync import HANDLERS as _SYNC_HANDLERS  # noqa: E402

_HANDLERS.update(_SYNC_HANDLERS)


def dispatch(args: argparse.Namespace, db_path: Path) -> int:
    handler = _HANDLERS.get((args.command, getattr(args, "what", None))) or _HANDLERS[(args.command, None)]
    return handler(args, db_path)
