"""Read queries for the member page: one member's meetings (the shared ones live in `queries`)."""

from __future__ import annotations

from dangjian_desktop.store.db import Store


def member_attendance(store: Store, member_uuid: str, start: str, end: str) -> list[dict]:
    """Every meeting between two ISO dates (inclusive) on which the member has an attendance row,
    newest first, with the meeting's type and hours."""
    return store.query(
        "SELECT mt.uuid AS meeting_uuid, mt.held_on, mt.type_code, mt.title, mt.hours,"
        " a.status, a.reason"
        " FROM attendance a JOIN meetings mt ON mt.uuid = a.meeting_uuid"
        " WHERE a.member_uuid = ? AND a.deleted = 0 AND mt.deleted = 0 AND mt.held_on BETWEEN ? AND ?"
        " ORDER BY mt.held_on DESC, mt.start_time DESC",
        [member_uuid, start, end],
    )
