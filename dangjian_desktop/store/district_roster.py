"""The district's member figures in one pass over the members of a scope.

`prepare_roster` reads every member of the scope's villages once — with the member's codes for the
structure dimensions, cached points total and cached study hours — into a per-connection temporary
table (`temp.dash_roster`, in memory); the readers below aggregate that table. Six separate passes
over 50 000 member rows, each joining the totals and hours again, cost several times more.

Call `prepare_roster` (after refreshing the points totals and the training cache) before the
readers; it replaces the table of any earlier scope.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from dangjian_desktop.store.db import Store
from dangjian_desktop.store.district_stats import ROSTER, Scope, _with_scope

TABLE = "temp.dash_roster"


def _age_band_case(born_after: Sequence[str]) -> str:
    """The age band as plain text comparisons of the birth date: band n holds those born after
    `born_after[n]` (the youngest first); ISO dates compare as text."""
    whens = " ".join(f"WHEN m.birth_date > '{day}' THEN {n}" for n, day in enumerate(born_after))
    return f"CASE WHEN length(m.birth_date) IS NOT 10 THEN -1 {whens} ELSE {len(born_after)} END"


def prepare_roster(store: Store, scope: Scope, *, cycle_year: int, base_total_x100: int,
                   age_born_after: Sequence[str], education_band_of: Mapping[str, int]) -> int:
    """Fill temp.dash_roster for `scope`; returns how many members (on the roster or not) it holds.

    Codes: ab = age band (band n: born after `age_born_after[n]`, the last band everyone older; −1
    no birth date); eb = education band (`education_band_of`: stored level → band index, −1 not known);
    sx 0 男 1 女 2 not known; et 0 汉族 1 other 2 not known; ct 0 正式 1 预备; fl 0 flowing,
    1 lost contact, 2 neither. `total` is the cycle's points total (the base total without entries),
    `hours` the year's study hours (0 without any).
    """
    education = "CASE m.education " + " ".join(
        f"WHEN '{level}' THEN {band}" for level, band in education_band_of.items()) + " ELSE -1 END"
    conn = store.conn
    conn.execute(f"DROP TABLE IF EXISTS {TABLE}")
    # Keyed by (org, uuid): the per-village aggregates below read it in village order, without a sort.
    conn.execute(f"CREATE TABLE {TABLE} (org TEXT, uuid TEXT, name TEXT, roster INTEGER, ab INTEGER, eb INTEGER,"
                 " sx INTEGER, et INTEGER, ethnicity TEXT, ct INTEGER, fl INTEGER, party_post TEXT, status TEXT,"
                 " status_changed_on TEXT, category TEXT, joined_on TEXT, total INTEGER, hours REAL,"
                 " PRIMARY KEY (org, uuid)) WITHOUT ROWID")
    conn.execute(_with_scope(
        f"SELECT m.org, m.uuid, m.name, ({ROSTER}) AS roster, {_age_band_case(age_born_after)} AS ab, {education} AS eb,"
        " CASE m.sex WHEN '男' THEN 0 WHEN '女' THEN 1 ELSE 2 END AS sx,"
        " CASE WHEN m.ethnicity IS NULL OR TRIM(m.ethnicity) = '' THEN 2 WHEN TRIM(m.ethnicity) = '汉族' THEN 0"
        "  ELSE 1 END AS et, TRIM(m.ethnicity) AS ethnicity,"
        " CASE m.category WHEN '正式党员' THEN 0 ELSE 1 END AS ct,"
        " CASE WHEN m.flowing = 1 THEN 0 WHEN m.lost_contact = 1 THEN 1 ELSE 2 END AS fl,"
        " m.party_post, m.status, m.status_changed_on, m.category, m.joined_on,"
        " COALESCE(t.base_x100 + t.bonus_x100, :base) AS total, COALESCE(h.hours, 0) AS hours"
        " FROM scope s JOIN members m ON m.org = s.village"
        " LEFT JOIN points_totals t ON t.cycle_year = :cycle AND t.member_uuid = m.uuid"
        " LEFT JOIN training_hours h ON h.year = :year AND h.member_uuid = m.uuid"
        " WHERE m.deleted = 0").replace("WITH scope AS", f"INSERT INTO {TABLE} WITH scope AS", 1),
        {**scope.params(), "cycle": cycle_year, "base": base_total_x100})
    return conn.execute(f"SELECT COUNT(*) FROM {TABLE}").fetchone()[0]


def structure_counts(store: Store, *, n_age: int, n_education: int) -> list[tuple]:
    """Per village: (village, members, age band counts…, unknown age, education band counts…, unknown,
    男, 女, unknown sex, 汉族, other, unknown ethnicity, 正式, 预备, flowing, lost contact, neither)."""
    columns = [f"SUM(ab = {n})" for n in range(n_age)] + ["SUM(ab = -1)"]
    columns += [f"SUM(eb = {n})" for n in range(n_education)] + ["SUM(eb = -1)"]
    columns += [f"SUM(sx = {n})" for n in range(3)] + [f"SUM(et = {n})" for n in range(3)]
    columns += [f"SUM(ct = {n})" for n in range(2)] + [f"SUM(fl = {n})" for n in range(3)]
    return store.conn.execute(
        f"SELECT org, COUNT(*), {', '.join(columns)} FROM {TABLE} WHERE roster GROUP BY org").fetchall()


def ethnicities(store: Store) -> list[tuple[str, int]]:
    """(ethnicity, members) on the roster, most first; blanks left out."""
    return store.conn.execute(
        f"SELECT ethnicity, COUNT(*) AS n FROM {TABLE} WHERE roster AND et != 2 GROUP BY ethnicity"
        " ORDER BY n DESC, ethnicity").fetchall()


def hours_below(store: Store, *, member_floor: float, leader_floor: float) -> list[tuple]:
    """(member, name, party_post, village, hours) of roster members under `member_floor`, or under
    `leader_floor` with a party post (the caller decides who leads)."""
    return store.conn.execute(
        f"SELECT uuid, name, party_post, org, hours FROM {TABLE} WHERE roster AND hours < ?"
        " AND (hours < ? OR COALESCE(party_post, '') != '')", [leader_floor, member_floor]).fetchall()


def grade_counts(store: Store, *, grade_minimums_x100: Sequence[int]) -> list[tuple]:
    """Per village: (village, members at grade 0, grade 1, …): grade n is the first minimum (best
    first) the total reaches; the last grade takes everything below the one before it."""
    bounds = list(grade_minimums_x100)
    columns = [f"SUM(total >= {int(bounds[0])})"] + [
        f"SUM(total >= {int(low)} AND total < {int(high)})" for high, low in zip(bounds, bounds[1:-1])]
    columns.append(f"SUM(total < {int(bounds[-2])})" if len(bounds) > 1 else "0")
    return store.conn.execute(f"SELECT org, {', '.join(columns)} FROM {TABLE} WHERE roster GROUP BY org").fetchall()


def totals_outside(store: Store, *, from_x100: int, below_x100: int) -> list[tuple]:
    """(member, name, village, total_x100) of roster members at or above `from_x100` or under
    `below_x100` (the 优秀 and 不合格 ends)."""
    return store.conn.execute(
        f"SELECT uuid, name, org, total FROM {TABLE} WHERE roster AND (total >= ? OR total < ?)",
        [from_x100, below_x100]).fetchall()


def leadership(store: Store) -> list[tuple]:
    """Per village with members: (village, a 书记 on the roster 0/1, last date a 书记 left the roster,
    a 发展对象 on the roster now 0/1, latest joined_on)."""
    return store.conn.execute(
        f"SELECT org, MAX(roster AND party_post = '书记'),"
        " MAX(CASE WHEN party_post = '书记' AND status != '在册' THEN status_changed_on END),"
        f" MAX(category = '发展对象' AND status = '在册'), MAX(joined_on) FROM {TABLE} GROUP BY org").fetchall()


def drop_roster(store: Store) -> None:
    store.conn.execute(f"DROP TABLE IF EXISTS {TABLE}")
