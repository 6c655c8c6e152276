"""The SQLite store (sqlite-utils): schema, migrations, writes with change log and audit, backups."""

from dangjian_desktop.core.ids import derived_uuid, new_uuid
from dangjian_desktop.store.db import Store, utc_now

__all__ = ["Store", "derived_uuid", "new_uuid", "utc_now"]
