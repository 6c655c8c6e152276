"""The command line: the same use cases as the GUI, from a terminal. Messages are Chinese."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from dangjian_desktop import __version__
from dangjian_desktop.errors import DangjianError
from dangjian_desktop.paths import default_db_path



class _Parser(argparse.ArgumentParser):
    """argparse with its own words in Chinese."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示帮助并退出")

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"错误：{_translate(message)}\n")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "用法：")

    def format_help(self) -> str:
        return super().format_help().replace("usage:", "用法：")


def _translate(message: str) -> str:
    for english, chinese in (("the following arguments are required", "缺少必需的参数"),
                             ("invalid choice", "无效的选项"), ("unrecognized arguments", "无法识别的参数"),
                             ("expected one argument", "需要一个参数值"), ("argument", "参数"),
                             ("invalid", "无效的"), ("choose from", "可选")):
        message = message.replace(english, chinese)
    return message


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD：{text}") from exc


def _group(commands, name: str, help: str, title: str = "操作"):
    """`dangjian NAME WHAT …`: a command whose next word says what to do."""
    return commands.add_parser(name, help=help).add_subparsers(dest="what", title=title, metavar=title, required=True,
                                                               parser_class=_Parser)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="dangjian", description="党建通：村党支部台账（党员、积分、会议培训、星级评定）与区级汇总。"
                     "不带子命令时启动图形界面（没有数据库时先建立示范村）。")
    parser.add_argument("--db", type=Path, default=None, help=f"数据库文件（默认：{default_db_path()}）")
    parser.add_argument("--user", dest="login_user", metavar="账户名",
                        help="数据库已建立账户时，以这个账户登录（也可用环境变量 DANGJIAN_USER；"
                             "密码从 DANGJIAN_PASSWORD 读取或在提示时输入）")
    parser.add_argument("--version", action="version", version=f"党建通 {__version__}", help="显示版本并退出")
    parser.add_argument("--self-test", action="store_true",
                        help="自检：在临时数据库上建立示范村、记分、导出导入数据包、生成全部表格、打开全部页面，"
                             "逐项显示结果，全部通过时退出码为 0")
    commands = parser.add_subparsers(dest="command", title="子命令", metavar="命令", parser_class=_Parser)

    setup = _group(commands, "setup", "建立数据库", "类型")
    village = setup.add_parser("village", help="建立一个村级数据库")
    village.add_argument("--code", help="村代码（字母、数字，如 XQ-DZC）；用登记文件时不填")
    village.add_argument("--name", help="村党组织名称，如 “东庄村党支部”；用登记文件时不填")
    village.add_argument("--town", help="所属镇（街道）")
    village.add_argument("--area-code", help="12 位统计用区划代码")
    _add_sync_setup(setup, village)

    demo = _group(commands, "demo", "建立示范数据", "类型")
    demo_village = demo.add_parser("village", help="建立一个示范村（约 120 名党员、两年的会议与积分）")
    demo_village.add_argument("--members", type=int, default=120, help="党员人数（默认 120）")
    demo_village.add_argument("--seed", type=int, default=2026, help="随机种子（相同种子生成相同数据）")
    demo_district = demo.add_parser("district", help="建立示范区：登记 N 个模拟村，经真实数据包导入区级数据库")
    demo_district.add_argument("--villages", type=int, default=50, help="模拟村数量（默认 50）")
    demo_district.add_argument("--seed", type=int, default=2026, help="随机种子（相同种子生成相同的村）")

    members = _group(commands, "members", "党员花名册")
    imp = members.add_parser("import", help="从 Excel 花名册导入党员（按身份证号新增或更新）")
    imp.add_argument("file", type=Path, help=".xlsx 文件")
    imp.add_argument("--dry-run", action="store_true", help="只检查并报告，不写入数据库")
    exp = members.add_parser("export", help="把党员花名册导出为 Excel（全国统一列序，身份证号为文本）")
    exp.add_argument("file", type=Path, help="要写入的 .xlsx 文件")
    exp.add_argument("--all", action="store_true", help="包括已转出、死亡等不在册人员和入党申请人等")
    exp.add_argument("--village", metavar="村代码", help="（区级）导出区里汇总的某村花名册")
    members.add_parser("list", help="列出在册党员")

    points = _group(commands, "points", "党员积分")
    totals = points.add_parser("totals", help="积分排名（月、季度或年度）")
    totals.add_argument("--period", help="期间：2026、2026-Q2 或 2026-03（默认本年度）")
    record = points.add_parser("record", help="为一名或多名党员记一项积分")
    record.add_argument("item", help="积分项目编号（见 points items）")
    record.add_argument("--member", action="append", required=True, help="党员身份证号或姓名，可重复")
    record.add_argument("--date", type=_date, default=None, help="发生日期（默认今天）")
    record.add_argument("--count", type=int, default=1, help="次数（默认 1）")
    record.add_argument("--note", help="备注")
    points.add_parser("items", help="列出生效积分细则中的项目")

    _add_print(commands)
    _add_sync(commands)
    from dangjian_desktop.commands_district import add_parsers as _add_district

    _add_district(commands, _group)
    from dangjian_desktop.commands_accounts import add_parsers as _add_accounts

    _add_accounts(commands, _group)

    gui = commands.add_parser("gui", help="启动图形界面")
    gui.add_argument("--screenshot", type=Path, metavar="目录", help="把每个页面截图保存到目录后退出")

    commands.add_parser("check", help="检查数据库（完整性、积分台账一致性），有问题时以非零状态退出")
    backup = commands.add_parser("backup", help="在线备份数据库")
    backup.add_argument("--out", type=Path, help="备份文件路径（默认：数据目录下的 backups 文件夹）")
    commands.add_parser("info", help="显示数据库概况")
    return parser


def _add_print(commands) -> None:
    """`dangjian print FORM --out FILE.pdf`: the forms and their options come from the registry."""
    from dangjian_desktop.services.printing import FORMS, OPTIONS

    forms = "；".join([*(f"{key}：{spec.title}" for key, spec in FORMS.items()),
                      f"{DISTRICT_REPORT}：区级年度统计报告（区级数据库）"])
    printer = commands.add_parser("print", help="打印表格：生成可打印的 PDF（内嵌中文字体）",
                                  description=f"生成表格的 PDF 文件。表格：{forms}。"
                                              "不加选项时用本年度、本季度或最近一次会议。")
    printer.add_argument("form", choices=[*FORMS, DISTRICT_REPORT], metavar="表格", help=forms)
    printer.add_argument("--out", type=Path, metavar="文件.pdf",
                         help=f"要写入的 PDF 文件（必填；{DISTRICT_REPORT} 不填时写到当前目录）")
    printer.add_argument("--excel", type=Path, metavar="文件.xlsx",
                         help=f"（{DISTRICT_REPORT}）同时把每项统计导出为 Excel 工作簿")
    kinds = {"flag": {"action": "store_true"}, "member": {"metavar": "姓名或身份证号"}, "period": {"metavar": "期间"},
             "year": {"type": int, "metavar": "年度"}, "meeting": {"metavar": "会议编号"},
             "date": {"type": _date, "metavar": "日期"}, "int": {"type": int, "metavar": "天数"},
             "text": {"metavar": "文字"}}
    for option in OPTIONS.values():
        printer.add_argument(option.flag, dest=option.name, help=option.help, **kinds.get(option.kind, {}))


def _add_sync_setup(setup, village) -> None:
    """`setup district`, and `setup village` from a district's enrolment file (and snapshot)."""
    village.add_argument("--enrolment", type=Path, metavar="登记文件", help="用区里发的登记文件建立（可与区里交换数据）")
    village.add_argument("--snapshot", type=Path, metavar="快照文件",
                         help="同时用区里的快照恢复本村全部数据（电脑丢失或损坏时；须与同一次办理的登记文件一起用）")
    district = setup.add_parser("district", help="建立区级数据库（含数据交换密钥和恢复单）")
    district.add_argument("--code", required=True, help="区代码（字母、数字，如 XQ）")
    district.add_argument("--name", required=True, help="区级党组织名称，如 “新区党工委组织部”")
    district.add_argument("--sheet", type=Path, metavar="文件", help="恢复单写到哪里（默认：数据库旁边）")


def _add_sync(commands) -> None:
    """Enrolment, village laptops and bundles (USB-stick sync between villages and the district)."""
    enrol = commands.add_parser("enrol", help="（区级）为一个村办理登记，生成登记文件")
    enrol.add_argument("village_code", metavar="村代码", help="村代码（字母、数字）")
    enrol.add_argument("--name", required=True, help="村党组织名称")
    enrol.add_argument("--town", help="所属镇（街道）")
    enrol.add_argument("--out", type=Path, required=True, metavar="文件", help="登记文件写到哪里（.dje）")

    devices = _group(commands, "devices", "登记过的电脑")
    devices.add_parser("list", help="列出各村登记过的电脑和密钥指纹（村里显示本机）")
    revoke = devices.add_parser("revoke", help="（区级）吊销一台电脑（丢失、被盗或更换），此后不再接受它的数据包")
    revoke.add_argument("device", metavar="电脑编号", help="电脑编号（devices list 中的编号，至少前 6 位）")
    revoke.add_argument("--reason", help="原因，如 “笔记本电脑被盗”")

    bundles = _group(commands, "bundle", "数据包（用 U 盘在村与区之间交换数据）")
    export = bundles.add_parser("export", help="导出数据包：村里导出区里未确认的全部修改；区里为各村生成回执包")
    export.add_argument("--out", type=Path, metavar="目录", help="写到哪个目录（如 U 盘；默认：数据库旁的 bundles 目录）")
    export.add_argument("--village", metavar="村代码", help="（区级）只为这个村生成回执包")
    imp = bundles.add_parser("import", help="导入一个或多个数据包，并显示回执")
    imp.add_argument("files", nargs="+", type=Path, metavar="文件", help="数据包文件（.djb）")
    snapshot = bundles.add_parser("snapshot", help="（区级）为新登记的电脑生成某村的全部数据（快照）")
    snapshot.add_argument("village_code", metavar="村代码", help="村代码")
    snapshot.add_argument("--out", type=Path, required=True, metavar="目录", help="写到哪个目录")
    bundles.add_parser("status", help="数据交换状态：密钥指纹、待确认的修改、最近的数据包")


DISTRICT_REPORT = "district-report"  # `print district-report`: the district's annual report (not a village form)


def _check_print(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Every village form needs --out; only the district report takes --excel."""
    if args.command != "print" or args.form == DISTRICT_REPORT:
        return
    if args.excel:
        parser.error(f"只有 {DISTRICT_REPORT} 使用 --excel")
    if not args.out:
        parser.error("the following arguments are required: --out")


def _check_setup_village(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """`setup village` needs --code and --name unless it is made from an enrolment file."""
    if args.command == "setup" and args.what == "village" and not args.enrolment:
        if args.snapshot:
            parser.error("用快照恢复时还需要同一次办理的登记文件：请加上 --enrolment 登记文件")
        missing = [flag for flag, value in (("--code", args.code), ("--name", args.name)) if not value]
        if missing:
            parser.error(f"the following arguments are required: {', '.join(missing)}")


def main(argv: list[str] | None = None) -> int:
    from dangjian_desktop.console import attach_parent_console

    attach_parent_console()  # the windowed Windows build prints to the console it was started from
    parser = build_parser()
    args = parser.parse_args(argv)
    _check_setup_village(parser, args)
    if args.self_test:
        from dangjian_desktop.selftest import run

        return run()
    _check_print(parser, args)
    db_path = args.db or default_db_path()
    from dangjian_desktop.commands_accounts import set_login_name

    set_login_name(args.login_user)
    if args.command is None:
        from dangjian_desktop.app import run_app

        return run_app(db_path)
    if args.command == "gui":
        from dangjian_desktop.gui.main import run_gui

        return run_gui(db_path, screenshot_dir=args.screenshot, user=args.login_user)
    from dangjian_desktop import commands

    try:
        from dangjian_desktop import commands_district

        if args.command in commands_district.COMMANDS:
            return commands_district.dispatch(args, db_path)
        if args.command == "users":
            from dangjian_desktop import commands_accounts

            return commands_accounts.dispatch(args, db_path)
        return commands.dispatch(args, db_path)
    except DangjianError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:  # output piped into `head` and the like
        return 0
    except OSError as exc:
        print(f"错误：无法读写文件：{exc.filename or ''} {exc.strerror or exc}", file=sys.stderr)
        return 4


if __name__ == "__main__":
    raise SystemExit(main())
