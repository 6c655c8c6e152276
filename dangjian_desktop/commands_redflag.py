"""The CLI of 红旗村 at the district: `dangjian redflag award | revoke | list | types`.

Same shape as commands_district.py (whose parsers and dispatch call in here): open the context,
call services/red_flags.py, print Chinese, return the exit code.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

COMMANDS = ("redflag",)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD，例如 2026-07-01：{text}") from None


def _half(text: str) -> int:
    value = {"1": 1, "2": 2, "上": 1, "下": 2, "上半年": 1, "下半年": 2}.get(text.strip())
    if value is None:
        raise argparse.ArgumentTypeError(f"半年应为 1（上半年）或 2（下半年）：{text}")
    return value


def add_parsers(commands, group) -> None:
    flags = group(commands, "redflag", "（区级）红旗村：授旗、撤销、列表")
    award = flags.add_parser("award", help="给一个或几个村授予某一类红旗（按半年）")
    award.add_argument("village_codes", nargs="+", metavar="村代码", help="村代码，可写多个")
    award.add_argument("--year", type=int, required=True, help="年度")
    award.add_argument("--half", type=_half, required=True, help="1（上半年）或 2（下半年）")
    award.add_argument("--type", dest="flag_type", required=True,
                       help="红旗类型：基层党建、产业发展、乡风文明、人居环境，或区里新增的类型")
    award.add_argument("--date", type=_date, default=None, help="授旗日期（默认今天）")
    award.add_argument("--note", help="备注")
    revoke = flags.add_parser("revoke", help="撤销一面红旗（须写明原因；记录保留）")
    revoke.add_argument("flag_id", metavar="红旗编号", help="列表中的编号（前 8 位即可）")
    revoke.add_argument("--reason", required=True, help="撤销原因")
    revoke.add_argument("--date", type=_date, default=None, help="撤销日期（默认今天）")
    listing = flags.add_parser("list", help="列出红旗村（默认只列有效的）")
    listing.add_argument("--year", type=int, help="年度（默认全部）")
    listing.add_argument("--half", type=_half, help="1（上半年）或 2（下半年）")
    listing.add_argument("--town", help="只列出这个镇（街道）的村")
    listing.add_argument("--all", action="store_true", help="连已撤销的一起列出")
    types = flags.add_parser("types", help="列出红旗类型；--add 新增一类")
    types.add_argument("--add", metavar="名称", help="新增的红旗类型名称")


def _print_flag(row: dict) -> None:
    print(f"  {row['short_id']}  {row['year']} 年{row['half_label']}  {row['flag_type']}  {row['town_name'] or ''}  "
          f"{row['code'] or ''}  {row['name'] or ''}  授旗 {row['awarded_on']}  {row['status']}"
          + (f"：{row['revoked_reason']}" if row["revoked_reason"] else ""))


def handle(args, db_path: Path) -> int:
    from dangjian_desktop.commands_district import _open
    from dangjian_desktop.services import red_flags, registry

    with _open(db_path) as ctx:
        if args.what == "award":
            rows = red_flags.award_flags(ctx, village_codes=args.village_codes, year=args.year, half=args.half,
                                         flag_type=args.flag_type, awarded_on=args.date, note=args.note)
            print(f"已授旗 {len(rows)} 面：")
            for row in red_flags.list_flags(ctx, year=args.year, half=args.half):
                if row["uuid"] in {r["uuid"] for r in rows}:
                    _print_flag(row)
            return 0
        if args.what == "revoke":
            row = red_flags.revoke_flag(ctx, flag_id=args.flag_id, reason=args.reason, revoked_on=args.date)
            print(f"已撤销 {row['name']} {row['year']} 年{red_flags.HALF_LABELS[row['half']]}“{row['flag_type']}”红旗。")
            return 0
        if args.what == "types":
            names = red_flags.add_flag_type(ctx, name=args.add) if args.add else red_flags.flag_types(ctx)
            print("红旗类型：" + "、".join(names))
            return 0
        town = registry.find_town(ctx, args.town)["uuid"] if args.town else None
        rows = red_flags.list_flags(ctx, year=args.year, half=args.half, town_uuid=town, include_revoked=args.all)
        if not rows:
            print("没有红旗村记录。")
        for row in rows:
            _print_flag(row)
        if args.year:
            summary = red_flags.summary(ctx, year=args.year)
            print(f"{args.year} 年度红旗村 {summary['villages']} 个：" +
                  "，".join(f"{t} {n} 个" for t, n in summary["by_type"].items()))
        return 0
