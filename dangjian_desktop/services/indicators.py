"""村级指标: collective-economy income and Party-service-centre floor area per year."""

from __future__ import annotations

from dangjian_desktop.errors import FieldProblem, ValidationError
from dangjian_desktop.services.context import Context
from dangjian_desktop.store import derived_uuid, queries


def set_village_indicators(ctx: Context, *, year: int, collective_income: float | None,
                           service_centre_area: float | None, note: str | None = None) -> dict:
    """Record (or correct) one year's indicators; income in 万元, area in square metres."""
    ctx.require_village()
    problems = []
    if not 2000 <= year <= ctx.today.year:
        problems.append(FieldProblem("year", f"年份应在 2000 到 {ctx.today.year} 之间"))
    if collective_income is not None and not -10_000 <= collective_income <= 100_000:
        problems.append(FieldProblem("collective_income", "村集体经济收入（万元）超出合理范围"))
    if service_centre_area is not None and not 0 <= service_centre_area <= 100_000:
        problems.append(FieldProblem("service_centre_area", "党群服务中心面积（平方米）超出合理范围"))
    if problems:
        raise ValidationError(problems)
    values = {"year": year, "collective_income": collective_income,
              "service_centre_area": service_centre_area, "note": note}
    uuid = derived_uuid("village_indicators", ctx.org_uuid, str(year))
    if queries.row(ctx.store, "village_indicators", uuid) is None:
        return ctx.store.insert("village_indicators", {"uuid": uuid, **values}, org=ctx.org_uuid,
                                actor=ctx.actor, summary=f"{year} 年村级指标")
    return ctx.store.update("village_indicators", uuid, values, actor=ctx.actor, summary=f"{year} 年村级指标更正")


def list_village_indicators(ctx: Context) -> list[dict]:
    return queries.village_indicators(ctx.store, ctx.org_uuid)
