"""The district's points figures: 先锋党员 candidates (members graded 优秀 within their village's
优秀 quota) and members graded 不合格 (the rulebook's lowest grade), from the prepared roster
(services.district_stats.prepare); re-exported by services/district_figures.py."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from dangjian_desktop.core import points as point_rules
from dangjian_desktop.core.district_stats import VillageRef
from dangjian_desktop.services.context import Context
from dangjian_desktop.store import district_roster as roster
from dangjian_desktop.store.district_stats import Scope


@dataclass(frozen=True)
class MemberGrade:
    member_uuid: str
    name: str
    village_org: str
    village_name: str
    town_name: str
    total_x100: int
    grade: str
    rank: int  # within the village (0 for 不合格: not ranked)


@dataclass(frozen=True)
class PointsSummary:
    cycle: int
    rulebook: str  # name and version
    grades: tuple[tuple[str, int], ...]  # (grade, members), best first
    vanguard: tuple[MemberGrade, ...]  # 先锋党员 candidates (on the dashboard: the first page)
    failing: tuple[MemberGrade, ...]  # graded 不合格 (the lowest grade; on the dashboard: the first page)
    vanguard_count: int = 0  # all candidates, also when `vanguard` holds only the first page
    failing_count: int = 0

    @property
    def complete(self) -> bool:
        """Whether the two lists hold every member (else services.district_stats.listed_members pages on)."""
        return len(self.vanguard) == self.vanguard_count and len(self.failing) == self.failing_count


def points_summary(ctx: Context, scope: Scope, villages: Sequence[VillageRef],
                   sizes: dict[str, int]) -> PointsSummary:
    """`sizes`: village → members on the roster (each village's 优秀 quota follows from it)."""
    rulebook = ctx.rulebook
    cycle = scope.year
    minimums = [m for m, _ in rulebook.grades]
    labels = [label for _, label in rulebook.grades]
    refs = {v.org: v for v in villages}
    counts = [0] * len(labels)
    for org, *by_grade in roster.grade_counts(ctx.store, grade_minimums_x100=minimums):
        if org in refs:
            counts = [a + int(b or 0) for a, b in zip(counts, by_grade)]
    rows = roster.totals_outside(ctx.store, from_x100=minimums[0], below_x100=minimums[-2] if len(minimums) > 1 else 0)
    vanguard, failing = [], []
    best: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    for uuid, name, org, total in rows:
        ref = refs.get(org)
        if ref is None:
            continue
        if total >= minimums[0]:
            best[org].append((uuid, name, total))
        else:
            failing.append(MemberGrade(uuid, name, org, ref.name, ref.town_name, total, labels[-1], 0))
    for org, found in best.items():
        # Only members at 优秀 can rank within the quota, so ranking them alone gives their village rank.
        ref, quota = refs[org], point_rules.excellent_quota(sizes.get(org, 0), rulebook)
        names = {uuid: name for uuid, name, _ in found}
        for rank, uuid, total in point_rules.rank({uuid: total for uuid, _, total in found}):
            if rank <= quota:
                vanguard.append(MemberGrade(uuid, names[uuid], org, ref.name, ref.town_name, total, labels[0], rank))
    vanguard.sort(key=lambda r: (-r.total_x100, r.town_name, r.village_name, r.name))
    failing.sort(key=lambda r: (r.total_x100, r.town_name, r.village_name, r.name))
    return PointsSummary(cycle, f"{rulebook.name} {rulebook.version}", tuple(zip(labels, counts)),
                         tuple(vanguard), tuple(failing), len(vanguard), len(failing))


