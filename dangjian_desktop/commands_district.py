"""The CLI commands of the district office: towns and villages (registry), rules, star reviews.

Same shape as commands.py's handlers (open the context, call a service, print Chinese, return the
exit code); cli.py adds the parsers and sends these commands here.
"""

from __future__ import annotations

from pathlib import Path

from dangjian_desktop.errors import DangjianError

COMMANDS = ("towns", "villages", "rules", "reviews", "redflag")


def add_parsers(commands, group) -> None:
    """The district's commands; `group` makes a command whose next word says what to do (cli._group)."""
    towns = group(commands, "towns", "（区级）镇（街道）")
    add = towns.add_parser("add", help="新增一个镇（街道）")
    add.add_argument("name", metavar="名称", help="镇（街道）名称，如 “示范镇”")
    add.add_argument("--code", help="镇代码（可选）")
    rename = towns.add_parser("rename", help="镇（街道）改名")
    rename.add_argument("town", metavar="原名称", help="现在的名称或代码")
    rename.add_argument("name", metavar="新名称", help="新的名称")
    towns.add_parser("list", help="列出各镇（街道）和所辖村数")

    villages = group(commands, "villages", "（区级）村的名单与数据交换状态")
    imp = villages.add_parser("import", help="从 Excel 导入村名单（镇、村代码、村名称三列；按村代码新增或更新）")
    imp.add_argument("file", type=Path, metavar="文件.xlsx", help=".xlsx 文件")
    imp.add_argument("--dry-run", action="store_true", help="只检查并报告，不写入数据库")
    listing = villages.add_parser("list", help="列出各村的登记、电脑和数据交换状态（超过 45 天没有数据包的村标 !）")
    listing.add_argument("--town", help="只列出这个镇（街道）的村")

    rules = group(commands, "rules", "（区级）积分细则与星级评定标准")
    imp = rules.add_parser("import", help="导入新版积分细则或评定标准（JSON），显示与现行版本的差异，然后下发")
    imp.add_argument("file", type=Path, metavar="文件.json", help="规则文件（.json）")
    imp.add_argument("--dry-run", action="store_true", help="只检查并显示差异，不写入数据库")
    rules.add_parser("list", help="列出区里保存的各版本，标出现行版本")
    export = rules.add_parser("export", help="把现行版本导出为 JSON 文件，修改（新版本号、生效日期）后再导入")
    export.add_argument("kind", choices=["rulebook", "criteria"], metavar="类别",
                        help="rulebook：积分细则；criteria：星级评定标准")
    export.add_argument("file", type=Path, metavar="文件.json", help="要写入的文件")

    reviews = group(commands, "reviews", "（区级）星级评定审核")
    listing = reviews.add_parser("list", help="列出各村已提交的星级自评及审核进度")
    listing.add_argument("--year", type=int, help="评定年度（默认全部）")
    listing.add_argument("--town", help="只列出这个镇（街道）的村")
    history = reviews.add_parser("history", help="一个村历年命名的星级（升星、降星、摘星）")
    history.add_argument("village_code", metavar="村代码", help="村代码")

    from dangjian_desktop.commands_redflag import add_parsers as _add_red_flags

    _add_red_flags(commands, group)


def _open(db_path: Path):
    from dangjian_desktop import commands

    return commands._open(db_path)


def _towns(args, db_path: Path) -> int:
    from dangjian_desktop.services import registry

    with _open(db_path) as ctx:
        if args.what == "add":
            town = registry.add_town(ctx, name=args.name, code=args.code)
            print(f"已新增镇（街道）：{town['name']}")
        elif args.what == "rename":
            town = registry.rename_town(ctx, town=args.town, name=args.name)
            print(f"已改名为：{town['name']}")
        else:
            rows = registry.list_towns(ctx)
            if not rows:
                print("还没有镇（街道）。用 dangjian towns add 名称 新增，或 dangjian villages import 名单.xlsx 导入。")
            for row in rows:
                print(f"  {row['name']}{'（' + row['code'] + '）' if row['code'] else ''}  {row['villages']} 个村")
        return 0


def _villages(args, db_path: Path) -> int:
    from dangjian_desktop.services import registry

    with _open(db_path) as ctx:
        if args.what == "import":
            report = registry.import_villages(ctx, path=args.file, dry_run=args.dry_run)
            head = "检查结果（未写入数据库）" if args.dry_run else "已导入"
            print(f"{head}：新增 {report.added} 个村，更新 {report.updated} 个，未变 {report.unchanged} 个，"
                  f"拒绝 {len(report.rejected_rows)} 行")
            for note in report.notes:
                print(f"  {note}")
            for problem in report.rejected:
                print(f"  {problem}")
            return 0 if report.ok else 3
        town = registry.find_town(ctx, args.town)["uuid"] if args.town else None
        rows = registry.village_status(ctx, town_uuid=town)
        if not rows:
            print("还没有登记的村。")
        for s in rows:
            mark = "!" if s.silent else " "
            last = (s.last_bundle_at or "")[:10] or "从未"
            extra = "".join(f"，{label} {n}" for label, n in (("待导入修改", s.waiting), ("隔离", s.quarantined)) if n)
            print(f"{mark} {s.town or '（未分镇）'}  {s.code}  {s.name}  {s.enrolment}；电脑：{s.devices}；"
                  f"最近数据包：{last}" + (f"（{s.silent_days} 天前）" if s.silent_days is not None else "") + extra)
        silent = sum(s.silent for s in rows)
        if silent:
            print(f"共 {silent} 个村超过 {registry.SILENT_DAYS} 天没有数据包（标 !）")
        return 0


def _rules(args, db_path: Path) -> int:
    from dangjian_desktop.services import rules

    with _open(db_path) as ctx:
        if args.what == "export":
            table = {"rulebook": "rulebooks", "criteria": "star_criteria"}[args.kind]
            path = rules.export_rules(ctx, table=table, path=args.file)
            print(f"已导出现行{rules.TABLES[table][0]}到 {path}。修改后请改用新的版本号（version）和生效日期"
                  "（effective_from），再用 dangjian rules import 导入。")
            return 0
        if args.what == "list":
            for row in rules.rule_versions(ctx):
                mark = "现行" if row["in_force"] else "    "
                print(f"  {mark}  {row['label']}  {row['version_label']}  {row['effective_from']} 起  {row['name']}")
            return 0
        preview = rules.import_rules(ctx, path=args.file, dry_run=args.dry_run)
        print(preview.summary())
        if preview.current is not None and not preview.installed:
            print(f"与现行版本（{preview.current.version}）相比：" if preview.diff else "与现行版本内容相同。")
            for line in preview.diff:
                print(f"  · {line}")
        if args.dry_run:
            print("（检查结果，未写入数据库。去掉 --dry-run 即导入并下发。）")
        elif not preview.installed:
            print("已导入。" + ("下次为各村生成回执包时一并下发。" if preview.newer else ""))
        return 0


def _reviews(args, db_path: Path) -> int:
    from dangjian_desktop.services import registry, reviews

    with _open(db_path) as ctx:
        if args.what == "history":
            rows = reviews.star_history(ctx, village_code=args.village_code)
            if not rows:
                print("该村还没有命名过星级。")
            for row in rows:
                print(f"  {row['year']} 年度  {row['star_level'] or 0} 星  {row['change_label']}  "
                      f"{row['reviewed_on']}  {row['reviewer']}")
            return 0
        district = None if ctx.user else reviews.Reviewer("命令行", role="district")  # a login reviews as itself
        town = registry.find_town(ctx, args.town)["uuid"] if args.town else None
        rows = reviews.list_assessments(ctx, reviewer=district, year=args.year, town_uuid=town)
        if not rows:
            print("没有已提交的星级自评。")
        for row in rows:
            level = row["last_level"] if row["last_stage"] else row["self_level"]
            print(f"  {row['year']}  {row['town_name'] or ''}  {row['code']}  {row['name']}  "
                  f"自评 {row['self_score']:g} 分  {row['state_label']}  {level or 0} 星")
        return 0


def _red_flags(args, db_path: Path) -> int:
    from dangjian_desktop.commands_redflag import handle

    return handle(args, db_path)


HANDLERS = {"towns": _towns, "villages": _villages, "rules": _rules, "reviews": _reviews, "redflag": _red_flags}


def dispatch(args, db_path: Path) -> int:
    handler = HANDLERS.get(args.command)
    if handler is None:
        raise DangjianError(f"未知的命令：{args.command}")
    return handler(args, db_path)
