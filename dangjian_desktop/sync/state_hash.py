"""The order-independent state hash both sides compute over a village's rows (CommCare's idea).

Each record contributes H(table, uuid, version, deleted); the state hash is their sum modulo 2²⁵⁶,
so it does not depend on the order rows arrived in, and a record's contribution can be taken
out and replaced. That lets a village compute its state *as the district acknowledged it*
(at the acknowledged sequence) while it already holds newer changes the district has not seen.

It detects drift between honest copies; it is not a security measure (the signatures are).
"""

from __future__ import annotations

import hashlib
from typing import Iterable

from dangjian_desktop.store import Store, sync_queries

_MOD = 1 << 256


def record_hash(table: str, uuid: str, version: int, deleted: int) -> int:
    digest = hashlib.sha256(f"{table}\0{uuid}\0{int(version)}\0{int(deleted)}".encode("utf-8")).digest()
    return int.from_bytes(digest, "big")


def combine(records: Iterable[tuple[str, str, int, int]]) -> int:
    return sum(record_hash(*r) for r in records) % _MOD


def as_hex(value: int) -> str:
    return f"{value % _MOD:064x}"


def moved(value: str, delta: int) -> str:
    """A state hash after records changed by `delta` (see changes.Applied.state_delta)."""
    return as_hex(int(value, 16) + delta)


def village_state_hash(store: Store, org_uuid: str) -> str:
    return as_hex(combine(sync_queries.state_rows(store, org_uuid)))


def village_state_hash_at(store: Store, org_uuid: str, seq: int) -> str:
    """The village's state hash as it stood after this device's change `seq`.

    Records changed after `seq` are put back to their state then: the last change at or before
    `seq` in the log, or else the state just before their first later change (an update or a
    tombstone raises the version by exactly one and nothing is ever undeleted).
    """
    total = combine(sync_queries.state_rows(store, org_uuid))
    first = {key: value for key, value in sync_queries.first_changes_after(store, seq).items()
             if value[2] == org_uuid}
    if not first:
        return as_hex(total)
    before = sync_queries.last_changes_through(store, seq)
    by_table: dict[str, list[str]] = {}
    for table, uuid in first:
        by_table.setdefault(table, []).append(uuid)
    for table, uuids in by_table.items():
        for uuid, row in sync_queries.rows_by_uuid(store, table, uuids).items():
            total -= record_hash(table, uuid, row["version"], row["deleted"])
            version, _deleted, _org = first[(table, uuid)]
            then = before.get((table, uuid)) or ((version - 1, 0) if version > 1 else None)
            if then:
                total += record_hash(table, uuid, *then)
    return as_hex(total)
