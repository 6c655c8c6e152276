"""Accounts and password-reset codes (tables `users` and `account_resets`, local only, never synced).

Reads never return `password_hash` except through `password_hash()`, so a user row handed to the
GUI or kept in the context carries no hash.
"""

from __future__ import annotations

from dangjian_desktop.store.db import Store

#: The columns of a user row as the rest of the program sees it (everything but the hash).
USER_COLUMNS = ("uuid", "name", "role", "town_uuid", "created_at", "disabled", "failed_logins", "locked_until",
                "last_login_at")
_SELECT = "SELECT " + ", ".join(USER_COLUMNS) + " FROM users"


def count_users(store: Store) -> int:
    return store.scalar("SELECT COUNT(*) FROM users")


def has_accounts(store: Store) -> bool:
    return store.scalar("SELECT EXISTS (SELECT 1 FROM users)") == 1


def users(store: Store) -> list[dict]:
    return store.query(_SELECT + " ORDER BY disabled, name")


def user_by_name(store: Store, name: str) -> dict | None:
    return store.query_one(_SELECT + " WHERE name = ?", [name])


def user_by_uuid(store: Store, uuid: str) -> dict | None:
    return store.query_one(_SELECT + " WHERE uuid = ?", [uuid])


def password_hash(store: Store, uuid: str) -> str | None:
    return store.scalar("SELECT password_hash FROM users WHERE uuid = ?", [uuid])


def count_active_with_role(store: Store, role: str) -> int:
    return store.scalar("SELECT COUNT(*) FROM users WHERE role = ? AND disabled = 0", [role])


def insert_user(store: Store, row: dict) -> None:
    columns = ", ".join(row)
    store.conn.execute(f"INSERT INTO users ({columns}) VALUES ({', '.join('?' * len(row))})", list(row.values()))


def update_user(store: Store, uuid: str, values: dict) -> None:
    assignments = ", ".join(f"{column} = ?" for column in values)
    store.conn.execute(f"UPDATE users SET {assignments} WHERE uuid = ?", [*values.values(), uuid])


# -- reset codes --------------------------------------------------------------------------------
def insert_reset(store: Store, row: dict) -> bool:
    """Insert a reset code row; False when one with that uuid was already there (a repeated return)."""
    columns = ", ".join(row)
    cursor = store.conn.execute(f"INSERT OR IGNORE INTO account_resets ({columns})"
                                f" VALUES ({', '.join('?' * len(row))})", list(row.values()))
    return cursor.rowcount == 1


def resets_to_send(store: Store, village_org: str, now: str) -> list[dict]:
    """At the district: the unexpired codes issued for a village (sent in each return until they expire)."""
    return store.query("SELECT uuid, user_name, code_hash, issued_at, expires_at FROM account_resets"
                       " WHERE village_org = ? AND expires_at > ? ORDER BY issued_at", [village_org, now])


def usable_resets(store: Store, user_name: str, now: str) -> list[dict]:
    """At the village: the unused, unexpired codes that arrived for an account name."""
    return store.query("SELECT uuid, code_hash, expires_at FROM account_resets"
                       " WHERE user_name = ? AND used_at IS NULL AND expires_at > ? ORDER BY issued_at",
                       [user_name, now])


def mark_reset_used(store: Store, uuid: str, at: str) -> None:
    store.conn.execute("UPDATE account_resets SET used_at = ? WHERE uuid = ?", [at, uuid])


def resets(store: Store) -> list[dict]:
    return store.query("SELECT uuid, village_org, user_name, issued_at, expires_at, issued_by, received_at, used_at"
                       " FROM account_resets ORDER BY issued_at DESC")
